/* Aggregate stage: the report's internals, shared by the renderers. */
#ifndef WDL_AGGREGATE_H
#define WDL_AGGREGATE_H

#include <stdbool.h>
#include <stdint.h>

#include <wdilog/report.h>

#include "bursts.h"
#include "peers.h"
#include "timeline.h"
#include "window.h"

/* Distinct codes, unknown names and GUIDs kept, each. Past it, new values
 * are counted in an overflow entry rather than growing memory without
 * bound on hostile input. Real captures have a few dozen. */
#define WDL_DISTINCT_MAX 4096

struct wdl_code_stat {
	bool has_code;
	uint32_t code;
	char *name;                 /* owned; unknown name, or NULL */
	bool overflow;              /* the catch-all entry past the cap */
	wdilog_phase phase;
	wdilog_kind kind;
	uint64_t count;
	wdilog_time first, last;    /* .valid false when no record had a time */
};

struct wdl_phase_stat {
	uint64_t statuses;
	uint64_t failures;
	wdilog_time first, last;
};

struct wdl_input_stat {
	char *path;                 /* owned */
	char format[16];
	char encoding[16];
	bool gzip;
	bool unreadable;
	char error[256];            /* why it could not be read, if unreadable */
	uint64_t events, with_status, without_status, undecoded, damaged;
	uint64_t statuses, malformed;
};

struct wdl_guid_stat {
	char guid[37];
	uint64_t count;
};

struct wdilog_report {
	wdilog_totals totals;
	struct wdl_phase_stat phases[WDILOG_PHASE_COUNT];
	struct wdl_code_stat *codes;
	size_t ncodes, codes_cap;
	int16_t known_index[64];    /* code < 64 -> index in codes, or -1 */
	struct wdl_input_stat *inputs;
	size_t ninputs, inputs_cap;
	struct wdl_guid_stat *guids;
	size_t nguids, guids_cap;
	uint64_t guids_overflow;
	struct wdl_timeline timeline;
	struct wdl_peers peers;
	struct wdl_bursts bursts;
	struct wdl_window window;
	wdilog_event_fn event_fn;   /* per-event callback, or NULL */
	void *event_payload;
};

/* Count one event against input @p input (an index into inputs). */
int wdl_report_add_event(struct wdilog_report *rep, size_t input,
			 const wdilog_event *ev, wdilog_error *err);

/* The name a report shows for a code entry: the seed's full name, an
 * unknown name, a note for the overflow entry, or NULL for a number
 * outside the enum. */
const char *wdl_code_stat_name(const struct wdl_code_stat *c);

/* Codes in report order: by number, then unknown names alphabetically,
 * the overflow entry last. Returns a new array of pointers (caller frees
 * with wdl_free), or NULL on OOM. */
const struct wdl_code_stat **wdl_report_sorted_codes(const struct wdilog_report *rep);

#endif
