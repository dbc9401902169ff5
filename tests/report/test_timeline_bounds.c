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

int main(void)
{
	/* a minute, a day, a month and ten years; in order and shuffled */
	static const int64_t spans[] = { 60, 86400, 30 * 86400,
					 3653 * (int64_t)86400 };
	for (size_t i = 0; i < sizeof(spans) / sizeof(spans[0]); i++) {
		test_span(spans[i], false);
		test_span(spans[i], true);
	}
	return check_report("timeline_bounds");
}
