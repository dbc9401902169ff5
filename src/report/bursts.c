/* Aggregate stage, bursts. The rule (doc/report.md): a window of W whole
 * seconds is hot when it holds at least N failures; a burst is a maximal
 * run of overlapping hot windows, from its first failure to its last.
 *
 * One streaming pass, memory fixed by W: a ring of per-second slots holds
 * the failures of the last W seconds and a running sum of them. When the
 * window ending at the latest second becomes hot, the slots it covers
 * join the open burst (or open one); a failure more than W seconds after
 * the last hot window closes it. Records are taken in input order, which
 * tracefmt and wevtutil write in time order; a failure a little out of
 * order (within the window) still counts, and one more than W seconds
 * earlier than the latest restarts the detector (a clock change, or the
 * next of several inputs), so a jump back never merges unrelated times. */
#include "report/bursts.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "parse/timestamp.h"

void wdl_bursts_init(struct wdl_bursts *b, uint32_t window,
		     uint32_t min_failures)
{
	memset(b, 0, sizeof(*b));
	b->window = window ? window : WDL_BURST_SECONDS;
	if (b->window > WDL_BURST_SECONDS_MAX)
		b->window = WDL_BURST_SECONDS_MAX;
	b->min_failures = min_failures ? min_failures : WDL_BURST_FAILURES;
}

void wdl_bursts_dispose(struct wdl_bursts *b)
{
	wdl_free(b->ring);
	wdl_free(b->list);
	b->ring = NULL;
	b->list = NULL;
}

static int64_t mod(int64_t a, int64_t m)
{
	int64_t r = a % m;
	return r < 0 ? r + m : r;
}

static void widen(wdilog_time *first, wdilog_time *last, const wdilog_time *t)
{
	if (!first->valid || wdl_time_cmp(t, first) < 0)
		*first = *t;
	if (!last->valid || wdl_time_cmp(t, last) > 0)
		*last = *t;
}

/* Only what marks a slot empty: this runs for every second the window
 * moves over. */
static void clear_slot(struct wdl_burst_slot *s, int64_t sec)
{
	s->sec = sec;
	s->count = 0;
	s->first.valid = false;
	s->last.valid = false;
	s->ncodes = 0;
	s->other = 0;
	s->lines.n = 0;
	s->lines.unplaced = 0;
}

/* Fold a slot's failures into the open burst. */
static void join_slot(struct wdl_burst *o, const struct wdl_burst_slot *s)
{
	if (!s->count)
		return;
	if (!o->failures)
		o->input = s->input;
	o->failures += s->count;
	widen(&o->start, &o->end, &s->first);
	widen(&o->start, &o->end, &s->last);
	for (uint32_t i = 0; i < s->ncodes; i++)
		wdl_code_count_add(o->codes, &o->ncodes, WDL_BURST_CODES,
				   &o->other, s->codes[i].index, s->codes[i].count);
	o->other += s->other;
	wdl_lines_merge(&o->lines, &s->lines, NULL);
}

/* Slot of second @p sec if the ring still holds it, else NULL. */
static const struct wdl_burst_slot *slot_of(const struct wdl_bursts *b,
					    int64_t sec)
{
	const struct wdl_burst_slot *s = &b->ring[mod(sec, b->window)];
	return s->count && s->sec == sec ? s : NULL;
}

/* Add @p x to a list of *n bursts, at most WDL_BURSTS_MAX: when full,
 * keep the larger of @p x and the smallest listed. Returns 1 if a burst
 * was left out, else 0. */
static unsigned list_add(struct wdl_burst *list, size_t *n,
			 const struct wdl_burst *x)
{
	if (*n < WDL_BURSTS_MAX) {
		list[(*n)++] = *x;
		return 0;
	}
	size_t small = 0;
	for (size_t i = 1; i < *n; i++)
		if (list[i].failures < list[small].failures)
			small = i;
	if (x->failures > list[small].failures)
		list[small] = *x;
	return 1;
}

static void push(struct wdl_bursts *b, const struct wdl_burst *x)
{
	b->not_listed += list_add(b->list, &b->n, x);
}

static void close_open(struct wdl_bursts *b)
{
	if (!b->active)
		return;
	push(b, &b->open);
	b->active = false;
}

/* Move the latest second to @p sec (> cur): seconds that leave the window
 * take their failures out of the running sum. */
static void advance(struct wdl_bursts *b, int64_t sec)
{
	int64_t w = b->window;
	if (b->active && sec - w + 1 > b->hot_end)
		close_open(b);
	if (!b->any || sec - b->cur >= w) {
		for (int64_t i = 0; i < w; i++)
			clear_slot(&b->ring[i], INT64_MIN);
		b->sum = 0;
	} else {
		for (int64_t x = b->cur + 1; x <= sec; x++) {
			struct wdl_burst_slot *s = &b->ring[mod(x, w)];
			if (s->sec != INT64_MIN && s->sec > b->cur - w)
				b->sum -= s->count;
			clear_slot(s, INT64_MIN);
		}
	}
	b->cur = sec;
	b->any = true;
}

void wdl_bursts_defer(struct wdl_bursts *b, wdl_burst_sink sink, void *ctx)
{
	b->sink = sink;
	b->sink_ctx = ctx;
}

bool wdl_bursts_add(struct wdl_bursts *b, const wdilog_time *t,
		    uint32_t code_index, size_t input, uint64_t line)
{
	if (b->sink)
		return b->sink(b->sink_ctx, t, code_index, line);
	return wdl_bursts_replay(b, t, code_index, input, line);
}

bool wdl_bursts_replay(struct wdl_bursts *b, const wdilog_time *t,
		       uint32_t code_index, size_t input, uint64_t line)
{
	int64_t w = b->window;
	if (!b->ring) {
		b->ring = wdl_malloc((size_t)w * sizeof(*b->ring));
		/* a merge or a load may have made the list already */
		if (!b->list)
			b->list = wdl_malloc(WDL_BURSTS_MAX * sizeof(*b->list));
		if (!b->ring || !b->list) {
			/* keep a list that holds bursts (n counts them) */
			wdl_free(b->ring);
			b->ring = NULL;
			return false;
		}
	}
	int64_t sec = wdl_time_key(t);
	if (b->any && (sec <= b->cur - w || input != b->last_input)) {
		/* far back in time: start over rather than mix times; a new
		 * input too, so that a burst belongs to one input and reports
		 * merge by concatenating their bursts */
		close_open(b);
		b->any = false;
	}
	b->last_input = input;
	if (!b->any || sec > b->cur)
		advance(b, sec);

	struct wdl_burst_slot *s = &b->ring[mod(sec, w)];
	if (s->sec != sec)
		clear_slot(s, sec);
	if (!s->count)
		s->input = input;
	s->count++;
	widen(&s->first, &s->last, t);
	wdl_code_count_add(s->codes, &s->ncodes, WDL_SLOT_CODES, &s->other,
			   code_index, 1);
	wdl_lines_add(&s->lines, input, line);
	b->sum++;

	if (b->active && sec >= b->union_start && sec <= b->hot_end) {
		/* late, inside the open burst's covered seconds */
		struct wdl_burst_slot one = { .sec = sec, .count = 1,
					      .first = *t, .last = *t,
					      .input = input, .ncodes = 1 };
		one.codes[0] = (struct wdl_code_count){ code_index, 1 };
		wdl_lines_add(&one.lines, input, line);
		join_slot(&b->open, &one);
	}
	if (b->sum < b->min_failures)
		return true;
	/* the window ending at cur is hot */
	int64_t from = b->cur - w + 1;
	if (!b->active) {
		memset(&b->open, 0, sizeof(b->open));
		b->active = true;
		b->union_start = from;
	} else {
		/* seconds up to hot_end joined already (late ones one by one) */
		from = b->hot_end + 1;
	}
	for (int64_t x = from; x <= b->cur; x++) {
		const struct wdl_burst_slot *in = slot_of(b, x);
		if (in)
			join_slot(&b->open, in);
	}
	b->hot_end = b->cur;
	return true;
}

static int cmp_start(const void *a, const void *b)
{
	const struct wdl_burst *x = a, *y = b;
	int c = wdl_time_cmp(&x->start, &y->start);
	if (c)
		return c;
	return x->input < y->input ? -1 : x->input > y->input;
}

struct wdl_burst *wdl_bursts_list(const struct wdl_bursts *b, size_t *n,
				  uint64_t *not_listed)
{
	uint64_t dropped = b->not_listed;
	*n = b->n + (b->active ? 1 : 0);
	if (not_listed)
		*not_listed = dropped;
	if (!*n)
		return NULL;
	struct wdl_burst *v = wdl_malloc(*n * sizeof(*v));
	if (!v)
		return NULL;
	if (b->n)
		memcpy(v, b->list, b->n * sizeof(*v));
	*n = b->n;
	if (b->active)
		dropped += list_add(v, n, &b->open);
	if (not_listed)
		*not_listed = dropped;
	qsort(v, *n, sizeof(*v), cmp_start);
	return v;
}

int wdl_bursts_append(struct wdl_bursts *b, const struct wdl_burst *x)
{
	if (!b->list) {
		b->list = wdl_malloc(WDL_BURSTS_MAX * sizeof(*b->list));
		if (!b->list)
			return -1;
	}
	unsigned left = list_add(b->list, &b->n, x);
	b->not_listed += left;
	return (int)left;
}

int wdl_bursts_merge(struct wdl_bursts *dst, const struct wdl_bursts *src,
		     const size_t *code_map, size_t input_offset)
{
	size_t n;
	uint64_t not_listed;
	struct wdl_burst *v = wdl_bursts_list(src, &n, &not_listed);
	if (!v && n)
		return -1;
	dst->not_listed += not_listed;
	int full = 0;
	for (size_t i = 0; i < n && full >= 0; i++) {
		struct wdl_burst x = v[i];
		x.input += input_offset;
		/* its positions are all in its own input */
		for (uint32_t k = 0; k < x.lines.n; k++)
			x.lines.earliest[k].input += input_offset;
		if (x.lines.n)
			x.lines.last.input += input_offset;
		for (uint32_t k = 0; k < x.ncodes; k++)
			x.codes[k].index = (uint32_t)code_map[x.codes[k].index];
		int rc = wdl_bursts_append(dst, &x);
		full = rc < 0 ? -1 : full | rc;
	}
	wdl_free(v);
	return full;
}
