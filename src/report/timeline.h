/* Aggregate stage, time: counts per phase per time bucket, in a bounded
 * number of buckets whatever the capture's span. */
#ifndef WDL_TIMELINE_H
#define WDL_TIMELINE_H

#include <stdbool.h>
#include <stdint.h>

#include <wdilog/status.h>

/* At most this many buckets: enough for a readable chart at any zoom,
 * small enough that the timeline costs 7 KiB. When a new time does not fit,
 * the width steps up the ladder and buckets merge exactly. */
#define WDL_TIMELINE_MAX 120

struct wdl_timeline {
	uint32_t width;             /* seconds per bucket */
	bool fixed;                 /* width chosen by the user */
	int64_t first;              /* index of buckets[0] (time / width) */
	uint32_t n;                 /* buckets in use */
	bool zoned;                 /* some time had a zone */
	uint64_t untimed;           /* status records with no readable
				       time: in no bucket, but counted */
	uint64_t counts[WDL_TIMELINE_MAX][WDILOG_PHASE_COUNT];
};

/* @p width 0 chooses automatically (starting at one second). */
void wdl_timeline_init(struct wdl_timeline *t, uint32_t width);

/* Count one record at time key @p key (wdl_time_key) in @p phase. */
void wdl_timeline_add(struct wdl_timeline *t, int64_t key, bool zoned,
		      wdilog_phase phase);

/* Add all of @p src into @p dst (re-bucketing to the coarser width). When
 * no width is a multiple of both (widths near 2^32 s), each source bucket
 * goes to the bucket holding its start. */
void wdl_timeline_merge(struct wdl_timeline *dst, const struct wdl_timeline *src);

/* The time keys of the first and last second a date can be written with
 * (0001-01-01T00:00:00 and 9999-12-31T23:59:59). */
#define WDL_TIME_KEY_MIN (-62135596800)
#define WDL_TIME_KEY_MAX 253402300799

/* The start of bucket @p i (i == t->n: the end of the last one) as a time
 * key, held within [WDL_TIME_KEY_MIN, WDL_TIME_KEY_MAX]: buckets are
 * aligned to the epoch, so at the widest widths the first one starts
 * before year 1. A bucket's clamped start still lies in the bucket, so a
 * report that writes it loads back to the same bucket. */
int64_t wdl_timeline_bucket_start(const struct wdl_timeline *t, uint32_t i);

/* A run of at least this many empty buckets, and this long, between busy
 * ones is drawn as one narrow break, so that captures days apart each
 * keep a readable share of a chart; the pauses of one capture stay. */
#define WDL_TIMELINE_GAP 4
#define WDL_TIMELINE_GAP_SECONDS 900

/* Where each bucket is drawn: slots left to right, a collapsed gap taking
 * one slot of its own. */
struct wdl_timeline_layout {
	uint32_t nslots;
	int32_t slot[WDL_TIMELINE_MAX];    /* bucket -> slot; -1 inside a gap */
	uint32_t nbreaks;
	struct wdl_timeline_break {
		uint32_t slot;
		uint32_t from, to;          /* its empty buckets, [from, to) */
	} breaks[WDL_TIMELINE_MAX / 2];
};

void wdl_timeline_layout(const struct wdl_timeline *t,
			 struct wdl_timeline_layout *l);

/* @p seconds for people: "45 s", "30 min", "1 h 30 min", "2 days 3 h".
 * @p cap >= 32. */
void wdl_duration_text(uint64_t seconds, char *buf, size_t cap);

/* The next width on the ladder after @p w; each step divides the next, so
 * merging buckets is exact. */
uint32_t wdl_timeline_next_width(uint32_t w);

#endif
