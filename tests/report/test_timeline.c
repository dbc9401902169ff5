/* Timeline: bounded buckets, exact counts when re-bucketing, exact merge. */
#include "check.h"
#include "report/timeline.h"

static uint64_t total(const struct wdl_timeline *t, int phase)
{
	uint64_t n = 0;
	for (uint32_t i = 0; i < t->n; i++)
		n += t->counts[i][phase];
	return n;
}

static void grows_and_stays_bounded(void)
{
	struct wdl_timeline t;
	wdl_timeline_init(&t, 0);
	wdl_timeline_add(&t, 1000, false, WDILOG_PHASE_PROBE);
	CHECK_EQ_U(t.width, 1);
	CHECK_EQ_U(t.n, 1);
	/* a week later: must widen, never exceed the cap, never lose counts */
	for (int64_t s = 0; s < 7 * 86400; s += 977)
		wdl_timeline_add(&t, 1000 + s, false, WDILOG_PHASE_AUTH);
	CHECK(t.n <= WDL_TIMELINE_MAX);
	CHECK_EQ_U(total(&t, WDILOG_PHASE_PROBE), 1);
	CHECK_EQ_U(total(&t, WDILOG_PHASE_AUTH), (7 * 86400 + 976) / 977);
	/* the width is on the ladder and covers the span */
	CHECK((uint64_t)t.width * t.n >= 7 * 86400);
	/* earlier times extend to the left */
	wdl_timeline_add(&t, -50000, false, WDILOG_PHASE_ASSOC);
	CHECK(t.n <= WDL_TIMELINE_MAX);
	CHECK_EQ_U(t.counts[0][WDILOG_PHASE_ASSOC], 1);
}

static void fixed_width(void)
{
	struct wdl_timeline t;
	wdl_timeline_init(&t, 60);
	wdl_timeline_add(&t, 59, false, WDILOG_PHASE_PROBE);
	wdl_timeline_add(&t, 60, false, WDILOG_PHASE_PROBE);
	wdl_timeline_add(&t, 119, false, WDILOG_PHASE_PROBE);
	CHECK_EQ_U(t.width, 60);
	CHECK_EQ_U(t.n, 2);
	CHECK_EQ_U(t.counts[0][WDILOG_PHASE_PROBE], 1);
	CHECK_EQ_U(t.counts[1][WDILOG_PHASE_PROBE], 2);
}

static void merge_equals_one_pass(void)
{
	struct wdl_timeline all, a, b;
	wdl_timeline_init(&all, 0);
	wdl_timeline_init(&a, 0);
	wdl_timeline_init(&b, 0);
	for (int64_t s = 0; s < 5000; s += 7) {
		int ph = (int)(s % WDILOG_PHASE_COUNT);
		wdl_timeline_add(&all, s, false, (wdilog_phase)ph);
		wdl_timeline_add(s % 2 ? &a : &b, s, false, (wdilog_phase)ph);
	}
	wdl_timeline_merge(&a, &b);
	CHECK_EQ_U(a.width, all.width);
	CHECK_EQ_U(a.first, all.first);
	CHECK_EQ_U(a.n, all.n);
	CHECK(memcmp(a.counts, all.counts, sizeof(a.counts[0]) * all.n) == 0);
}

int main(void)
{
	grows_and_stays_bounded();
	fixed_width();
	merge_equals_one_pass();
	return check_report("timeline");
}
