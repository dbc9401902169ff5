/* Aggregate stage: the report's internals, shared by the renderers. */
#ifndef WDL_AGGREGATE_H
#define WDL_AGGREGATE_H

#include <stdbool.h>
#include <stdint.h>

#include <wdilog/gate.h>
#include <wdilog/report.h>

#include "report/attempts.h"
#include "report/attempts_list.h"
#include "report/bursts.h"
#include "report/lines.h"
#include "report/dot11_counts.h"
#include "report/peers.h"
#include "report/timeline.h"
#include "report/verdict.h"
#include "report/window.h"
#include "status/names.h"

/* Distinct codes, unknown names and GUIDs kept, each. Past it, new values
 * are counted in an overflow entry rather than growing memory without
 * bound on hostile input. Real captures have a few dozen. */
#define WDL_DISTINCT_MAX 4096

/* Slots of the hash indexes: twice the entries they hold, a power of two,
 * so that probe runs stay short. */
#define WDL_INDEX_SLOTS (2 * WDL_DISTINCT_MAX)

/* Lines kept per input per code: the first ones, in input order. GitHub
 * shows at most 10 error annotations per step, so the first 10 of every
 * code are enough to name the first 10 failing records of any selection
 * exactly. */
#define WDL_INPUT_LINES 10

struct wdl_code_stat {
	bool has_code;
	uint32_t code;
	char *name;                 /* owned; unknown name, or NULL */
	bool overflow;              /* the catch-all entry past the cap */
	wdilog_phase phase;
	wdilog_kind kind;
	uint64_t count;
	wdilog_time first, last;    /* .valid false when no record had a time */
	size_t cache_input;         /* input index + 1 of cache_slot, or 0 */
	size_t cache_slot;          /* slot in that input's codes */
	bool selected;              /* counted by the gate (set by evaluate) */
	bool failing;               /* in a rule that failed (evaluate) */
	struct wdl_lines lines;     /* where its records are (drill-down) */
};

struct wdl_phase_stat {
	uint64_t statuses;
	uint64_t failures;
	wdilog_time first, last;
};

/* One code's records in one input. */
struct wdl_input_code {
	size_t code;                /* index into the report's codes */
	uint64_t count;
	uint32_t nlines;            /* entries used in lines */
	uint64_t lines[WDL_INPUT_LINES]; /* first lines of its events */
};

struct wdl_input_stat {
	char *path;                 /* owned */
	char format[16];
	char encoding[16];
	bool gzip;
	bool unreadable;
	const char *error;          /* why it could not be read, if unreadable
				       (else NULL): owned, see
				       wdl_input_set_error */
	uint64_t events, with_status, without_status, undecoded, damaged;
	uint64_t statuses, malformed;
	uint64_t repaired, preamble_lines;
	uint64_t events_lost;       /* what the capture says it lost ... */
	bool events_lost_known;     /* ... if it says (else JSON null) */
	bool truncated;             /* cut short: gzip without its trailer,
				       an EVTX file cut */
	bool lost_uncounted;        /* the capture says it lost events but
				       not how many (EVTX dirty/full) */
	struct wdl_input_code *codes; /* owned; in first-seen order */
	size_t ncodes, codes_cap;
	wdilog_time first, last;    /* span of its status records' times */
};

/* Inputs named per undecoded GUID; past it they are only counted. */
#define WDL_GUID_INPUTS 4

struct wdl_guid_stat {
	char guid[37];
	uint64_t count;
	size_t inputs[WDL_GUID_INPUTS]; /* the first inputs it came from */
	uint32_t ninputs;
	uint64_t inputs_more;       /* further inputs it came from */
	size_t last_input;          /* latest input counted, + 1 (0: none) */
};

struct wdl_gate_state;

struct wdilog_report {
	wdilog_totals totals;
	struct wdl_phase_stat phases[WDILOG_PHASE_COUNT];
	struct wdl_code_stat *codes;
	size_t ncodes, codes_cap;
	int16_t known_index[WDL_DIRECT_CODES]; /* code -> index in codes, or -1 */
	/* Hash indexes (index + 1, 0 = empty) of codes[] and guids[]: without
	 * them hostile input with thousands of distinct values costs a scan of
	 * every entry per record. */
	uint16_t code_slots[WDL_INDEX_SLOTS];
	uint16_t guid_slots[WDL_INDEX_SLOTS];
	uint16_t overflow_slot;     /* the overflow code's index + 1, or 0 */
	struct wdl_input_stat *inputs;
	size_t ninputs, inputs_cap;
	struct wdl_guid_stat *guids;
	size_t nguids, guids_cap;
	uint64_t guids_overflow;
	struct wdl_timeline timeline;
	struct wdl_gate_state *gate; /* owned; NULL until evaluated */
	struct wdl_peers peers;
	struct wdl_bursts bursts;
	struct wdl_window window;
	wdilog_event_fn event_fn;   /* per-event callback, or NULL */
	void *event_payload;
	struct wdl_attempts attempts;
	struct wdl_att_list att_list; /* kept when attempts are shown */
	bool detail_missing;        /* loaded from an older JSON report (or
				       merged with one): peers, bursts, 802.11
				       codes and SSIDs are not known */
	struct wdl_dot11_counts dot11; /* 802.11 codes and SSIDs */
	bool peers_inexact;         /* merged past a per-peer cap */
	bool bursts_inexact;        /* merged past the burst list's cap */
};


/* True when @p c and @p d are the same code (number, unknown name, or the
 * overflow row), in one report or two. */
bool wdl_same_code(const struct wdl_code_stat *c, const struct wdl_code_stat *d);
/* The row of @p rep that is the same code as @p c, or NULL; borrowed. */
const struct wdl_code_stat *wdl_report_find_code(const wdilog_report *rep,
						 const struct wdl_code_stat *c);

/* Add @p src into @p dst exactly (wdilog_report_merge). With
 * @p same_input, src's inputs are later parts of dst's last input (one
 * file read in parts) and are added to it rather than listed again. */
int wdl_report_merge(struct wdilog_report *dst, const struct wdilog_report *src,
		     bool same_input, wdilog_error *err);
/* wdl_report_merge of a job's report that is reset or freed next: its
 * attempt list may be moved into @p dst rather than copied. */
int wdl_report_merge_job(struct wdilog_report *dst, struct wdilog_report *src,
			 bool same_input, wdilog_error *err);

/* @p rep as wdilog_report_new(@p opts) makes it, in the same memory
 * (a parallel read's job reports, reused: a fresh 50 KiB report a small
 * file cost more in page faults than reading the file). */
void wdl_report_reset(struct wdilog_report *rep, const wdilog_options *opts);

/* Reading one part of an input on another thread: hand its failures to
 * @p sink instead of detecting bursts (wdl_bursts_defer). */
void wdl_report_defer_bursts(struct wdilog_report *rep, wdl_burst_sink sink,
			     void *ctx);

/* Replay one failure deferred by @p part (its code index @p code is
 * @p part's) into @p rep's burst detector as a failure at line @p line
 * of input @p input. Returns false when out of memory. */
bool wdl_report_replay_failure(struct wdilog_report *rep,
			       const struct wdilog_report *part,
			       const wdilog_time *t, uint32_t code, size_t input,
			       uint64_t line);

/* Feed event @p ev of input @p input to @p rep's attempts only (as
 * wdl_report_add_event would, window included): a part read again at its
 * merge (read_paths.c). */
int wdl_report_feed_attempts(struct wdilog_report *rep, size_t input,
			     const wdilog_event *ev, wdilog_error *err);

/* Copy what reader @p r counted beside its events (repaired, preamble
 * lines, events lost, truncation; parse/reader_counts.h) into input @p in
 * of @p rep and the totals. Once per input, after its last event. */
void wdl_report_note_loss(struct wdilog_report *rep, struct wdl_input_stat *in,
			  const wdilog_reader *r);

/* Count one event against input @p input (an index into inputs). */
int wdl_report_add_event(struct wdilog_report *rep, size_t input,
			 const wdilog_event *ev, wdilog_error *err);


/* Codes in report order: by number, then unknown names alphabetically,
 * the overflow entry last. Returns a new array of pointers (caller frees
 * with wdl_free), or NULL on OOM. */
const struct wdl_code_stat **wdl_report_sorted_codes(const struct wdilog_report *rep);

/* Report order of two codes (of the same or different reports): by
 * number, then unknown names alphabetically, the overflow entry last. */
int wdl_code_cmp(const struct wdl_code_stat *x, const struct wdl_code_stat *y);

/* One code of one input, with the report's entry for it. */
struct wdl_input_entry {
	const struct wdl_code_stat *code;
	const struct wdl_input_code *slot;
};

/* The codes of input @p in, in report order. A new array (caller frees
 * with wdl_free), or NULL on OOM. */
struct wdl_input_entry *wdl_input_sorted(const struct wdilog_report *rep,
					 const struct wdl_input_stat *in);

/* The entry for @p v, created (with count 0) if new; NULL on OOM. Past
 * WDL_DISTINCT_MAX values, the overflow entry. */
struct wdl_code_stat *wdl_report_code(struct wdilog_report *rep,
				      const wdilog_status_value *v,
				      wdilog_error *err);

/* The overflow entry, created if needed; NULL on OOM. */
struct wdl_code_stat *wdl_report_overflow_code(struct wdilog_report *rep,
					       wdilog_error *err);

/* Longest error text an input keeps, in bytes. */
#define WDL_INPUT_ERROR_MAX 255

/* Mark input @p in unreadable because of @p why (cut to
 * WDL_INPUT_ERROR_MAX bytes; NULL: "unreadable"). Out of memory it
 * still is, with a shared "unreadable" text; false then. Held out of line
 * because one input in thousands has one. */
bool wdl_input_set_error(struct wdl_input_stat *in, const char *why);

/* Release what wdl_input_set_error holds. */
void wdl_input_clear_error(struct wdl_input_stat *in);

/* Room for @p n inputs in all (at least twice the room there was), made
 * at once (a run that knows how many it reads); false when out of memory,
 * the report unchanged. */
bool wdl_report_reserve_inputs(struct wdilog_report *rep, size_t n);

/* Append an input named @p path with zero counts; NULL on OOM. The
 * pointer is valid until the next input is added. */
struct wdl_input_stat *wdl_report_new_input(struct wdilog_report *rep,
					    const char *path,
					    wdilog_error *err);

/* The slot of code index @p code in input @p input, created if new;
 * NULL on OOM. */
struct wdl_input_code *wdl_report_input_code(struct wdilog_report *rep,
					     size_t input, size_t code,
					     wdilog_error *err);

/* Add @p count events of undecoded GUID @p guid (lower case). */
int wdl_report_add_guid(struct wdilog_report *rep, const char *guid,
			uint64_t count, wdilog_error *err);

/* The entry of undecoded GUID @p guid, or NULL (not seen, or past the
 * limit). */
struct wdl_guid_stat *wdl_report_find_guid(struct wdilog_report *rep,
					   const char *guid);

/* Note that @p g came from input @p input. Inputs arrive in order, so a
 * new input is one after the latest noted. */
void wdl_guid_note_input(struct wdl_guid_stat *g, size_t input);

/* Widen [*first, *last] to include @p t (ignored when not valid). */
void wdl_widen(wdilog_time *first, wdilog_time *last, const wdilog_time *t);

/* The code's name for reports: the seed's name, an unknown name, the
 * overflow label, or NULL for a number outside the enum. */
const char *wdl_code_name(const struct wdl_code_stat *c);

/* The label of the overflow entry in reports. */
#define WDL_OVERFLOW_NAME "(other values past the distinct-value limit)"

/* Tests: how many parts read_paths would cut @p path into for @p parts
 * jobs (0: read whole). */
size_t wdl_report_plan_parts(const char *path, unsigned parts,
			     const wdilog_options *opts);

#endif
