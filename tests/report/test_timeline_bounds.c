/* The report's timeline stays within WDL_TIMELINE_MAX buckets however
 * long the capture, and its counts stay exact: per phase, the buckets sum
 * to the phase's status records, whatever the order times come in. */
#include "report_util.h"

static void check_exact(const wdilog_report *rep)
{
	const struct wdl_timeline *t = &rep->timeline;
	CHECK(t->n <= WDL_TIMELINE_MAX);
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++) {
		uint64_t sum = 0;
		for (uint32_t i = 0; i < t->n; i++)
			sum += t->counts[i][ph];
		CHECK_EQ_U(sum, rep->phases[ph].statuses);
	}
}

static void test_span(int64_t span_seconds, bool shuffled)
{
	size_t cap = 4u << 20, n = 0;
	char *text = malloc(cap);
	uint64_t seed = (uint64_t)span_seconds;
	static const unsigned codes[] = { 0, 1, 5, 7, 31, 41, 51, 13, 99 };
	for (int i = 0; i < 20000; i++) {
		seed = seed * 6364136223846793005u + 1442695040888963407u;
		int64_t off = shuffled ? (int64_t)((seed >> 20) % (uint64_t)span_seconds)
				       : span_seconds * i / 20000;
		int64_t t = wdl_days_from_civil(2001, 1, 1) * 86400 + off;
		int64_t y;
		unsigned mo, d;
		wdl_civil_from_days(t / 86400, &y, &mo, &d);
		int s = (int)(t % 86400);
		n += (size_t)snprintf(text + n, cap - n,
			"[0]0888.0D60::%02u/%02u/%04lld-%02d:%02d:%02d.%03d [w]AssocStatus=%u\n",
			mo, d, (long long)y, s / 3600, s / 60 % 60, s % 60,
			(int)(seed % 1000), codes[(seed >> 40) % 9]);
	}
	wdilog_report *rep = report_of(text, n, "t", NULL, NULL, NULL);
	CHECK(rep && rep->totals.statuses == 20000);
	if (rep)
		check_exact(rep);
	wdilog_report_free(rep);
	free(text);
}

/* Years 1 and 9999 (.NET's DateTime.MinValue and MaxValue, which real
 * logs print) once stopped the width growing at 2^31 s and hung. */
static void test_extreme_years(void)
{
	static const char text[] =
		"[0]0888.0D60::01/01/0001-00:00:00.000 [w]AssocStatus=41\n"
		"[0]0888.0D60::06/15/2024-12:00:00.000 [w]AssocStatus=51\n"
		"[0]0888.0D60::12/31/9999-23:59:59.999 [w]AssocStatus=41\n";
	wdilog_report *rep = report_of(text, sizeof(text) - 1, "t", NULL,
				       NULL, NULL);
	CHECK(rep && rep->totals.statuses == 3);
	if (!rep)
		return;
	check_exact(rep);
	const struct wdl_timeline *t = &rep->timeline;
	CHECK(wdl_timeline_bucket_start(t, 0) == WDL_TIME_KEY_MIN);
	CHECK(wdl_timeline_bucket_start(t, t->n) == WDL_TIME_KEY_MAX);

	/* a width no ladder step is a multiple of, near 2^32 s */
	struct wdl_timeline odd;
	wdl_timeline_init(&odd, UINT32_MAX);
	wdl_timeline_add(&odd, WDL_TIME_KEY_MIN, false, WDILOG_PHASE_AUTH);
	wdl_timeline_add(&odd, WDL_TIME_KEY_MAX, false, WDILOG_PHASE_ASSOC);
	CHECK(odd.n <= WDL_TIMELINE_MAX);
	struct wdl_timeline sum = rep->timeline;
	wdl_timeline_merge(&sum, &odd);
	wdl_timeline_merge(&odd, &rep->timeline);
	uint64_t in_sum = 0, in_odd = 0;
	for (uint32_t i = 0; i < sum.n; i++)
		for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
			in_sum += sum.counts[i][ph];
	for (uint32_t i = 0; i < odd.n; i++)
		for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
			in_odd += odd.counts[i][ph];
	CHECK_EQ_U(in_sum, 5);
	CHECK_EQ_U(in_odd, 5);
	CHECK(sum.n <= WDL_TIMELINE_MAX && odd.n <= WDL_TIMELINE_MAX);
	wdilog_report_free(rep);
}

int main(void)
{
	test_extreme_years();
	/* a minute, a day, a month and ten years; in order and shuffled */
	static const int64_t spans[] = { 60, 86400, 30 * 86400,
					 3653 * (int64_t)86400 };
	for (size_t i = 0; i < sizeof(spans) / sizeof(spans[0]); i++) {
		test_span(spans[i], false);
		test_span(spans[i], true);
	}
	return check_report("timeline_bounds");
}
