/* Aggregate stage, bursts: stretches of time where failures come faster
 * than a rate, found in one pass over the records in input order, with
 * memory fixed by the window length (doc/report.md has the rule). */
#ifndef WDL_BURSTS_H
#define WDL_BURSTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/reader.h>

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
#define WDL_BURST_CODES 16
#define WDL_SLOT_CODES 4

struct wdl_burst {
	wdilog_time start, end;     /* first and last failure in it */
	uint64_t failures;
	size_t input;               /* input of its first failure */
	struct wdl_code_count codes[WDL_BURST_CODES];
	uint32_t ncodes;
	uint64_t other;             /* failures whose code did not fit */
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
};

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
};

/* @p window seconds (0: default; capped at WDL_BURST_SECONDS_MAX) and
 * @p min_failures (0: default). */
void wdl_bursts_init(struct wdl_bursts *b, uint32_t window,
		     uint32_t min_failures);
void wdl_bursts_dispose(struct wdl_bursts *b);

/* Count one failure at @p t (which must be valid) of code @p code_index
 * from input @p input. Returns false only when out of memory. */
bool wdl_bursts_add(struct wdl_bursts *b, const wdilog_time *t,
		    uint32_t code_index, size_t input);

/* Add @p src's bursts (the open one included) to @p dst's list, their
 * code indices through @p code_map and input indices through
 * @p input_map. @p dst's open burst is closed first, so merge after
 * reading. With @p join (@p src is the next part of the same input, read
 * in parallel), the first burst of @p src joins the latest of @p dst when
 * they are less than a window apart: one burst cut by the part boundary.
 * This merge is the one that is not exact: a window straddling the
 * boundary that is over the rate only with both parts is not seen, and two
 * bursts within a window of each other across it become one. Returns
 * false when out of memory. */
bool wdl_bursts_merge(struct wdl_bursts *dst, const struct wdl_bursts *src,
		      const size_t *code_map, const size_t *input_map,
		      bool join);

/* The bursts so far, the open one included, at most WDL_BURSTS_MAX,
 * ordered by start; *not_listed (may be NULL) gets how many were left
 * out. Returns a new array (caller frees with wdl_free; NULL with *n == 0
 * when there are none) or NULL with *n != 0 when out of memory. */
struct wdl_burst *wdl_bursts_list(const struct wdl_bursts *b, size_t *n,
				  uint64_t *not_listed);

#endif
