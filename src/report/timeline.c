/* Aggregate stage, time. Buckets are aligned to multiples of the width
 * since the epoch, so two timelines of the same width line up and merge by
 * adding. */
#include "report/timeline.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const uint32_t ladder[] = {
	1, 2, 10, 30, 60, 300, 600, 1800, 3600, 7200, 21600, 43200, 86400,
	604800,
};

uint32_t wdl_timeline_next_width(uint32_t w)
{
	for (size_t i = 0; i < sizeof(ladder) / sizeof(ladder[0]); i++)
		if (ladder[i] > w && ladder[i] % w == 0)
			return ladder[i];
	if (w <= UINT32_MAX / 4)
		return w * 2;
	/* The last step takes the largest multiple that fits: doubling
	 * alone stops at 2^31 s, too narrow for years 1 to 9999 (3.2e11 s)
	 * in 120 buckets; from a week's ladder this step reaches 3.7e9 s. */
	return UINT32_MAX / w * w;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void wdl_timeline_init(struct wdl_timeline *t, uint32_t width)
{
	memset(t, 0, sizeof(*t));
	t->width = width ? width : 1;
	t->fixed = width != 0;
}

/* Re-bucket to width @p w (a multiple of the current one). */
static void coarsen(struct wdl_timeline *t, uint32_t w)
{
	int64_t f = w / t->width;
	if (t->n) {
		int64_t first = floor_div(t->first, f);
		uint64_t merged[WDL_TIMELINE_MAX][WDILOG_PHASE_COUNT];
		memset(merged, 0, sizeof(merged));
		uint32_t n = 0;
		for (uint32_t i = 0; i < t->n; i++) {
			int64_t k = floor_div(t->first + i, f) - first;
			for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
				merged[k][ph] += t->counts[i][ph];
			n = (uint32_t)k + 1;
		}
		memcpy(t->counts, merged, sizeof(merged));
		t->first = first;
		t->n = n;
	}
	t->width = w;
}

/* Make bucket index range [lo, hi] (at the current width) fit. */
static void fit(struct wdl_timeline *t, int64_t lo, int64_t hi)
{
	for (;;) {
		int64_t a = t->n && t->first < lo ? t->first : lo;
		int64_t b = t->n && t->first + t->n - 1 > hi ? t->first + t->n - 1 : hi;
		if (b - a + 1 <= WDL_TIMELINE_MAX) {
			if (!t->n) {
				t->first = a;
			} else if (a < t->first) {
				uint32_t shift = (uint32_t)(t->first - a);
				memmove(t->counts[shift], t->counts[0],
					t->n * sizeof(t->counts[0]));
				memset(t->counts[0], 0, shift * sizeof(t->counts[0]));
				t->n += shift;
				t->first = a;
			}
			if (b - t->first + 1 > t->n) {
				uint32_t nn = (uint32_t)(b - t->first + 1);
				memset(t->counts[t->n], 0,
				       (nn - t->n) * sizeof(t->counts[0]));
				t->n = nn;
			}
			return;
		}
		/* too wide: a user-chosen width gives way rather than lose counts */
		uint32_t w = wdl_timeline_next_width(t->width);
		if (w == t->width) {
			/* no wider width exists (a width near 2^32 s chosen or
			 * loaded): the span stays as it is and the caller's
			 * counts go to its edge bucket, rather than loop for
			 * ever or lose them */
			int64_t in_lo = t->n ? t->first : lo;
			int64_t in_hi = t->n ? t->first + t->n - 1 : lo;
			lo = hi = lo < in_lo ? in_lo : lo > in_hi ? in_hi : lo;
			continue;
		}
		int64_t f = w / t->width;
		coarsen(t, w);
		lo = floor_div(lo, f);
		hi = floor_div(hi, f);
	}
}

/* The bucket holding time key @p key, made to fit; when the timeline
 * cannot widen any further, the nearest edge bucket. */
static uint64_t *slot(struct wdl_timeline *t, int64_t key)
{
	int64_t k = floor_div(key, t->width);
	if (!t->n || k < t->first || k >= t->first + t->n) {
		fit(t, k, k);
		k = floor_div(key, t->width);
		if (k < t->first)
			k = t->first;
		if (k >= t->first + t->n)
			k = t->first + t->n - 1;
	}
	return t->counts[k - t->first];
}

void wdl_timeline_add(struct wdl_timeline *t, int64_t key, bool zoned,
		      wdilog_phase phase)
{
	slot(t, key)[phase]++;
	t->zoned |= zoned;
}

void wdl_timeline_merge(struct wdl_timeline *dst, const struct wdl_timeline *src)
{
	dst->untimed += src->untimed;
	if (!src->n)
		return;
	/* widen dst to a multiple of src's width, so each source bucket
	 * lands whole in one bucket of dst */
	while (dst->width < src->width || dst->width % src->width != 0) {
		if (dst->width < src->width && src->width % dst->width == 0) {
			coarsen(dst, src->width);
			break;
		}
		uint32_t w = wdl_timeline_next_width(dst->width);
		if (w == dst->width)
			break;  /* no common width: buckets go by their start */
		coarsen(dst, w);
	}
	struct wdl_timeline s = *src;
	if (s.width != dst->width && dst->width % s.width == 0)
		coarsen(&s, dst->width);
	if (s.width == dst->width)
		fit(dst, s.first, s.first + s.n - 1);
	/* by each bucket's start: fit may have widened dst again */
	for (uint32_t i = 0; i < s.n; i++) {
		uint64_t *d = slot(dst, (s.first + i) * (int64_t)s.width);
		for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
			d[ph] += s.counts[i][ph];
	}
	dst->zoned |= s.zoned;
}

int64_t wdl_timeline_bucket_start(const struct wdl_timeline *t, uint32_t i)
{
	int64_t key = (t->first + (int64_t)i) * (int64_t)t->width;
	return key < WDL_TIME_KEY_MIN ? WDL_TIME_KEY_MIN
	       : key > WDL_TIME_KEY_MAX ? WDL_TIME_KEY_MAX : key;
}

static bool empty_bucket(const struct wdl_timeline *t, uint32_t i)
{
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
		if (t->counts[i][ph])
			return false;
	return true;
}

void wdl_timeline_layout(const struct wdl_timeline *t,
			 struct wdl_timeline_layout *l)
{
	memset(l, 0, sizeof(*l));
	for (uint32_t i = 0; i < t->n;) {
		uint32_t j = i;
		while (j < t->n && empty_bucket(t, j))
			j++;
		/* a long empty run with busy buckets on both sides */
		if (j - i >= WDL_TIMELINE_GAP && i > 0 && j < t->n &&
		    (uint64_t)(j - i) * t->width >= WDL_TIMELINE_GAP_SECONDS &&
		    l->nbreaks < WDL_TIMELINE_MAX / 2) {
			struct wdl_timeline_break *b = &l->breaks[l->nbreaks++];
			*b = (struct wdl_timeline_break){ l->nslots, i, j };
			for (uint32_t k = i; k < j; k++)
				l->slot[k] = -1;
			l->nslots++;
			i = j;
			continue;
		}
		l->slot[i] = (int32_t)l->nslots++;
		i++;
	}
}

void wdl_duration_text(uint64_t s, char *buf, size_t cap)
{
	static const struct { uint64_t size; const char *one, *many; } u[] = {
		{ 86400, "day", "days" }, { 3600, "h", "h" },
		{ 60, "min", "min" }, { 1, "s", "s" },
	};
	size_t len = 0;
	int parts = 0;
	buf[0] = '\0';
	if (!s) {
		snprintf(buf, cap, "0 s");
		return;
	}
	/* the two largest units, as "1 h 30 min" */
	for (size_t k = 0; k < sizeof(u) / sizeof(u[0]) && parts < 2; k++) {
		uint64_t n = s / u[k].size;
		if (!n) {
			if (parts)
				break;
			continue;
		}
		s %= u[k].size;
		int w = snprintf(buf + len, cap - len, "%s%" PRIu64 " %s",
				 parts ? " " : "", n, n == 1 ? u[k].one : u[k].many);
		if (w < 0 || (size_t)w >= cap - len)
			return;
		len += (size_t)w;
		parts++;
	}
}
