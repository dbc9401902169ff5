/* Aggregate stage, bursts: stretches of time where failures come faster
 * than a rate, found in one pass over the records in input order, with
 * memory fixed by the window length (doc/report.md has the rule). */
#ifndef WDL_BURSTS_H
#define WDL_BURSTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/reader.h>

#include "report/lines.h"
#include "report/peers.h"

/* Defaults: at least 5 failures within 10 seconds. A connection attempt
 * that fails once makes 1 to 3 failure records (probe, auth, assoc); five
 * in ten seconds is a host retrying in a loop, a roam storm or a
 * disconnect storm, which is what a post-mortem looks for first. */
#define WDL_BURST_SECONDS 10
#define WDL_BURST_FAILURES 5
/* Longest window allowed: the ring holds one slot per second of it. */
#define WDL_BURST_SECONDS_MAX 3600
/* Bursts listed; past it the smallest are dropped (and counted), so the
 * list is the largest bursts whatever the capture's length. */
#define WDL_BURSTS_MAX 256
/* Failure codes counted per burst and per one-second slot for the
 * dominant code; the rest are counted in other. */
#define WDL_BURST_CODES 32  /* all 27 failure codes: never full */
#define WDL_SLOT_CODES 4

struct wdl_burst {
	wdilog_time start, end;     /* first and last failure in it */
	uint64_t failures;
	size_t input;               /* input of its first failure */
	struct wdl_code_count codes[WDL_BURST_CODES];
	uint32_t ncodes;
	uint64_t other;             /* failures whose code did not fit */
	struct wdl_lines lines;     /* where its failures are (drill-down) */
};

/* The failures of one second of the window. */
struct wdl_burst_slot {
	int64_t sec;                /* time key of this second */
	uint64_t count;
	wdilog_time first, last;
	size_t input;
	struct wdl_code_count codes[WDL_SLOT_CODES];
	uint32_t ncodes;
	uint64_t other;
	struct wdl_lines lines;
};

/* Where a deferred detector sends its failures (wdl_bursts_defer). */
typedef bool (*wdl_burst_sink)(void *ctx, const wdilog_time *t,
			       uint32_t code_index, uint64_t line);

struct wdl_bursts {
	uint32_t window;            /* seconds */
	uint32_t min_failures;
	struct wdl_burst_slot *ring; /* owned; window slots, made on first use */
	bool any;                   /* cur is set */
	int64_t cur;                /* latest second seen */
	uint64_t sum;               /* failures in [cur - window + 1, cur] */
	bool active;                /* a burst is open */
	struct wdl_burst open;
	int64_t union_start;        /* seconds covered by the open burst */
	int64_t hot_end;            /* end of its last window over the rate */
	struct wdl_burst *list;     /* owned; closed bursts, WDL_BURSTS_MAX */
	size_t n;
	uint64_t not_listed;        /* bursts dropped from a full list */
	wdl_burst_sink sink;        /* deferred mode: failures go here */
	void *sink_ctx;
	size_t last_input;          /* input of the latest failure (valid
				       when any) */
};

/* @p window seconds (0: default; capped at WDL_BURST_SECONDS_MAX) and
 * @p min_failures (0: default). */
void wdl_bursts_init(struct wdl_bursts *b, uint32_t window,
		     uint32_t min_failures);
void wdl_bursts_dispose(struct wdl_bursts *b);

/* Count one failure at @p t (which must be valid) of code @p code_index
 * from line @p line of input @p input (in deferred mode: hand it to the
 * sink). Returns false only when out of memory (or when the sink fails). */
bool wdl_bursts_add(struct wdl_bursts *b, const wdilog_time *t,
		    uint32_t code_index, size_t input, uint64_t line);

/* Deferred mode, for a part of the input read on another thread: bursts
 * depend on the order of all failures, so such a part must not detect on
 * its own. Each failure given to wdl_bursts_add is handed to @p sink
 * instead (its code index is the part's own), and the part's detector
 * stays empty. The owner replays them, in input order, into the detector
 * that sees the whole input (wdl_bursts_replay). */
void wdl_bursts_defer(struct wdl_bursts *b, wdl_burst_sink sink, void *ctx);

/* Count a failure deferred by another detector: the same as
 * wdl_bursts_add on a detector that is not deferred, @p code_index and
 * @p input already mapped to this detector's report. */
bool wdl_bursts_replay(struct wdl_bursts *b, const wdilog_time *t,
		       uint32_t code_index, size_t input, uint64_t line);

/* The bursts so far, the open one included, at most WDL_BURSTS_MAX,
 * ordered by start; *not_listed (may be NULL) gets how many were left
 * out. Returns a new array (caller frees with wdl_free; NULL with *n == 0
 * when there are none) or NULL with *n != 0 when out of memory. */
struct wdl_burst *wdl_bursts_list(const struct wdl_bursts *b, size_t *n,
				  uint64_t *not_listed);

/* Add a burst found elsewhere (a loaded report) to the closed list; when
 * the list is full the smaller is left out, as the detector does. Returns
 * 1 when a burst was left out, 0 when listed, -1 when out of memory. */
int wdl_bursts_append(struct wdl_bursts *b, const struct wdl_burst *x);

/* Add the bursts of @p src (its open one included) to @p dst: a burst
 * belongs to its input, so merging is concatenation. Code indices become
 * @p code_map[index] and inputs move up by @p input_offset. Returns 1 when
 * the merged list was full and a burst was left out (the merge is then
 * not exact about which), 0 otherwise, -1 when out of memory. */
int wdl_bursts_merge(struct wdl_bursts *dst, const struct wdl_bursts *src,
		     const size_t *code_map, size_t input_offset);

#endif
