/* Aggregate stage: the report's internals, shared by the renderers. */
#ifndef WDL_AGGREGATE_H
#define WDL_AGGREGATE_H

#include <stdbool.h>
#include <stdint.h>

#include <wdilog/report.h>

#include "timeline.h"

/* Distinct codes, unknown names and GUIDs kept, each. Past it, new values
 * are counted in an overflow entry rather than growing memory without
 * bound on hostile input. Real captures have a few dozen. */
#define WDL_DISTINCT_MAX 4096

/* Hash slots indexing codes[] and guids[]: twice the entries they can
 * hold, so probe runs stay short. Without an index, hostile input with
 * thousands of distinct values cost a scan of every entry per record. */
#define WDL_INDEX_SLOTS (2 * WDL_DISTINCT_MAX)

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
	uint16_t code_slots[WDL_INDEX_SLOTS]; /* codes index + 1; 0 empty */
	uint16_t overflow_slot;     /* codes index + 1 of the catch-all */
	struct wdl_input_stat *inputs;
	size_t ninputs, inputs_cap;
	struct wdl_guid_stat *guids;
	size_t nguids, guids_cap;
	uint64_t guids_overflow;
	uint16_t guid_slots[WDL_INDEX_SLOTS]; /* guids index + 1; 0 empty */
	struct wdl_timeline timeline;
};

/* Count one event against input @p input (an index into inputs). */
int wdl_report_add_event(struct wdilog_report *rep, size_t input,
			 const wdilog_event *ev, wdilog_error *err);

/* Codes in report order: by number, then unknown names alphabetically,
 * the overflow entry last. Returns a new array of pointers (caller frees
 * with wdl_free), or NULL on OOM. */
const struct wdl_code_stat **wdl_report_sorted_codes(const struct wdilog_report *rep);

#endif
