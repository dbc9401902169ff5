/* Bursts (src/report/bursts.c): the streaming detector against the rule itself,
 * computed the slow way on random failures, plus the edge cases: a burst
 * that keeps going, one that ends, records a little out of order, time
 * going back, and the bounded list. */
#include "report_util.h"
#include "report/bursts.h"

static wdilog_time at(int64_t sec, uint32_t ms)
{
	wdilog_time t = { .seconds = sec, .nanos = ms * 1000000u, .digits = 3,
			  .valid = true };
	return t;
}

/* Failures at whole seconds @p secs (ms 0), code = index in @p codes. */
static struct wdl_burst *run(const int64_t *secs, const uint32_t *codes,
			     size_t n, uint32_t w, uint32_t k, size_t *nb,
			     uint64_t *not_listed)
{
	struct wdl_bursts b;
	wdl_bursts_init(&b, w, k);
	for (size_t i = 0; i < n; i++) {
		wdilog_time t = at(secs[i], (uint32_t)(i % 1000));
		CHECK(wdl_bursts_add(&b, &t, codes ? codes[i] : 0, 0, i + 1));
	}
	struct wdl_burst *v = wdl_bursts_list(&b, nb, not_listed);
	wdl_bursts_dispose(&b);
	return v;
}

static void test_simple(void)
{
	size_t n;
	int64_t five[] = { 100, 101, 103, 106, 109 };
	uint32_t codes[] = { 7, 3, 7, 3, 7 };
	struct wdl_burst *v = run(five, codes, 5, 10, 5, &n, NULL);
	CHECK_EQ_U(n, 1);
	if (n == 1) {
		CHECK_EQ_U(v[0].failures, 5);
		CHECK_EQ_U(v[0].start.seconds, 100);
		CHECK_EQ_U(v[0].end.seconds, 109);
		struct wdl_code_count top;
		CHECK(wdl_code_count_top(v[0].codes, v[0].ncodes, &top));
		CHECK_EQ_U(top.index, 7);
		CHECK_EQ_U(top.count, 3);
	}
	wdl_free(v);
	/* the fifth failure one second too late: no window holds five */
	int64_t late[] = { 100, 101, 103, 106, 110 };
	v = run(late, NULL, 5, 10, 5, &n, NULL);
	CHECK_EQ_U(n, 0);
	CHECK(v == NULL);
}

static void test_long_burst_and_gap(void)
{
	/* one failure every 2 s for a minute: every window holds 5 */
	int64_t s[64];
	size_t m = 0;
	for (int64_t t = 0; t <= 60; t += 2)
		s[m++] = 1000 + t;
	/* then quiet for 30 s, then 5 in 4 s */
	for (int64_t t = 0; t < 5; t++)
		s[m++] = 1090 + t;
	size_t n;
	struct wdl_burst *v = run(s, NULL, m, 10, 5, &n, NULL);
	CHECK_EQ_U(n, 2);
	if (n == 2) {
		CHECK_EQ_U(v[0].failures, 31);
		CHECK_EQ_U(v[0].start.seconds, 1000);
		CHECK_EQ_U(v[0].end.seconds, 1060);
		CHECK_EQ_U(v[1].failures, 5);
		CHECK_EQ_U(v[1].start.seconds, 1090);
		CHECK_EQ_U(v[1].end.seconds, 1094);
	}
	wdl_free(v);
}

static void test_out_of_order(void)
{
	/* a little out of order, within the window: still one burst */
	int64_t s[] = { 50, 52, 51, 53, 49, 54 };
	size_t n;
	struct wdl_burst *v = run(s, NULL, 6, 10, 5, &n, NULL);
	CHECK_EQ_U(n, 1);
	if (n == 1) {
		CHECK_EQ_U(v[0].failures, 6);
		CHECK_EQ_U(v[0].start.seconds, 49);
		CHECK_EQ_U(v[0].end.seconds, 54);
	}
	wdl_free(v);
	/* a late one inside an open burst joins it */
	int64_t s2[] = { 10, 11, 12, 13, 14, 12 };
	v = run(s2, NULL, 6, 10, 5, &n, NULL);
	CHECK(n == 1 && v[0].failures == 6);
	wdl_free(v);
	/* time going back more than a window starts over: two bursts (a
	 * second input earlier than the first, or a clock change) */
	int64_t s3[] = { 500, 501, 502, 503, 504, 100, 101, 102, 103, 104 };
	v = run(s3, NULL, 10, 10, 5, &n, NULL);
	CHECK_EQ_U(n, 2);
	if (n == 2) {
		CHECK_EQ_U(v[0].start.seconds, 100);  /* listed by start */
		CHECK_EQ_U(v[0].failures, 5);
		CHECK_EQ_U(v[1].start.seconds, 500);
		CHECK_EQ_U(v[1].failures, 5);
	}
	wdl_free(v);
}

static void test_bounded_list(void)
{
	/* 300 separate bursts of 5 + (i % 7) failures */
	size_t m = 0;
	int64_t *s = malloc(300 * 12 * sizeof(*s));
	uint64_t sizes[300];
	for (int i = 0; i < 300; i++) {
		sizes[i] = 5 + (uint64_t)(i % 7);
		for (uint64_t k = 0; k < sizes[i]; k++)
			s[m++] = (int64_t)i * 1000 + (int64_t)k;
	}
	size_t n;
	uint64_t not_listed;
	struct wdl_burst *v = run(s, NULL, m, 10, 5, &n, &not_listed);
	CHECK_EQ_U(n, WDL_BURSTS_MAX);
	CHECK_EQ_U(not_listed, 300 - WDL_BURSTS_MAX);
	/* the ones kept are the largest: the smallest kept is at least as
	 * large as every dropped one, so no size-11 burst was dropped */
	uint64_t big = 0;
	for (size_t i = 0; i < n; i++)
		big += v[i].failures == 11;
	CHECK_EQ_U(big, 42);    /* i % 7 == 6 for 42 of 300 */
	for (size_t i = 1; i < n; i++)
		CHECK(wdl_time_cmp(&v[i - 1].start, &v[i].start) < 0);
	wdl_free(v);
	free(s);
}

/* The rule, the slow way: the window of w seconds ending at each failure's
 * second is hot when it holds k failures; overlapping hot windows form one
 * burst, from its first failure to its last. */
static size_t reference(const int64_t *s, size_t n, int64_t w, uint64_t k,
			uint64_t *count, int64_t *start, int64_t *end)
{
	size_t nb = 0;
	bool open = false;
	int64_t ustart = 0, uend = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && s[i + 1] == s[i])
			continue;       /* the window at the last of equal seconds */
		uint64_t c = 0;
		for (size_t j = 0; j <= i; j++)
			c += s[j] > s[i] - w;
		if (c < k)
			continue;
		int64_t ws = s[i] - w + 1;
		if (open && ws <= uend) {
			uend = s[i];
		} else {
			if (open)
				nb++;
			open = true;
			ustart = ws;
			uend = s[i];
		}
		count[nb] = 0;
		start[nb] = INT64_MAX;
		end[nb] = INT64_MIN;
		for (size_t j = 0; j < n; j++) {
			if (s[j] < ustart || s[j] > uend)
				continue;
			count[nb]++;
			start[nb] = s[j] < start[nb] ? s[j] : start[nb];
			end[nb] = s[j] > end[nb] ? s[j] : end[nb];
		}
	}
	return nb + open;
}

static void test_against_reference(void)
{
	uint64_t seed = 7;
	for (int round = 0; round < 200; round++) {
		size_t n = 20 + (size_t)(round % 150);
		int64_t s[200];
		int64_t t = 0;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 6364136223846793005u + 1442695040888963407u;
			unsigned r = (unsigned)(seed >> 33);
			/* mostly small steps, sometimes a pause */
			t += r % 11 == 0 ? (int64_t)(r % 40) : (int64_t)(r % 3);
			s[i] = t;
		}
		int64_t w = 1 + round % 12;
		uint64_t k = 2 + (uint64_t)(round % 6);
		uint64_t rc[200];
		int64_t rs[200], re[200];
		size_t rn = reference(s, n, w, k, rc, rs, re);
		size_t bn;
		struct wdl_burst *v = run(s, NULL, n, (uint32_t)w, (uint32_t)k,
					  &bn, NULL);
		CHECK_EQ_U(bn, rn);
		for (size_t i = 0; i < bn && i < rn; i++) {
			CHECK_EQ_U(v[i].failures, rc[i]);
			CHECK_EQ_U(v[i].start.seconds, rs[i]);
			CHECK_EQ_U(v[i].end.seconds, re[i]);
		}
		wdl_free(v);
	}
}

/* A deferred detector's failures, as its sink receives them. */
struct deferred {
	wdilog_time t[64];
	uint32_t code[64];
	uint64_t line[64];
	size_t n;
};

static bool keep_failure(void *ctx, const wdilog_time *t, uint32_t code,
			 uint64_t line)
{
	struct deferred *d = ctx;
	if (d->n == 64)
		return false;
	d->t[d->n] = *t;
	d->line[d->n] = line;
	d->code[d->n++] = code;
	return true;
}

static void test_defer(void)
{
	/* a burst at 0-9, quiet, a burst at 100-109, cut inside the first:
	 * the part after the cut is deferred and replayed after the first
	 * part, as the parallel reader does */
	int64_t s[20];
	for (int i = 0; i < 10; i++) {
		s[i] = i;
		s[10 + i] = 100 + i;
	}
	struct wdl_bursts whole, later;
	struct deferred d = { .n = 0 };
	wdl_bursts_init(&whole, 10, 5);
	wdl_bursts_init(&later, 10, 5);
	wdl_bursts_defer(&later, keep_failure, &d);
	for (size_t i = 0; i < 20; i++) {
		wdilog_time t = at(s[i], 0);
		CHECK(wdl_bursts_add(i < 5 ? &whole : &later, &t, (uint32_t)(i % 3),
				     0, 10 * i + 1));
	}
	size_t n;
	struct wdl_burst *v = wdl_bursts_list(&later, &n, NULL);
	CHECK(!v && n == 0);        /* a deferred detector finds nothing */
	CHECK_EQ_U(d.n, 15);
	for (size_t i = 0; i < d.n; i++)
		CHECK(wdl_bursts_replay(&whole, &d.t[i], d.code[i], 0, d.line[i]));
	v = wdl_bursts_list(&whole, &n, NULL);
	CHECK(v && n == 2);
	if (v && n == 2) {
		/* the same as one pass: the cut burst is whole again */
		CHECK(v[0].failures == 10 && v[0].start.seconds == 0 &&
		      v[0].end.seconds == 9 && v[1].failures == 10);
		struct wdl_code_count top;
		CHECK(wdl_code_count_top(v[0].codes, v[0].ncodes, &top) &&
		      top.count == 4);     /* i % 3 == 0 for 0, 3, 6, 9 */
		/* the lines came through the sink: the first burst's records
		 * are i = 0..9 (line 10i+1), the second's i = 10..19 */
		struct wdl_pos f, l;
		CHECK(wdl_lines_ends(&v[0].lines, &f, &l));
		CHECK(f.line == 1 && l.line == 91);
		CHECK(wdl_lines_ends(&v[1].lines, &f, &l));
		CHECK(f.line == 101 && l.line == 191);
		CHECK_EQ_U(v[1].lines.n, WDL_LINE_SAMPLES);
		CHECK_EQ_U(v[1].lines.earliest[WDL_LINE_SAMPLES - 1].line, 171);
	}
	wdl_free(v);
	wdl_bursts_dispose(&whole);
	wdl_bursts_dispose(&later);
}

static void test_report(void)
{
	/* through the reader and report: sample tracefmt-default.txt has two
	 * bursts at the default rule (checked by hand in its JSON report) */
	char path[512];
	snprintf(path, sizeof(path), "%s/tracefmt-default.txt", SAMPLES_DIR);
	wdilog_report *rep = report_of_file(path, NULL, NULL, NULL);
	size_t n;
	struct wdl_burst *v = rep ? wdl_bursts_list(&rep->bursts, &n, NULL) : NULL;
	CHECK(v && n == 2);
	if (v && n == 2) {
		CHECK_EQ_U(v[0].failures, 9);
		CHECK_EQ_U(v[1].failures, 6);
		struct wdl_code_count top;
		CHECK(wdl_code_count_top(v[0].codes, v[0].ncodes, &top));
		CHECK_EQ_U(rep->codes[top.index].code, 31);
		CHECK_EQ_U(top.count, 3);
	}
	wdl_free(v);
	wdilog_report_free(rep);
	/* a stricter rule finds none */
	wdilog_options o;
	wdilog_options_init(&o);
	o.burst_failures = 10;
	rep = report_of_file(path, &o, NULL, NULL);
	v = rep ? wdl_bursts_list(&rep->bursts, &n, NULL) : NULL;
	CHECK(rep && !v && n == 0);
	wdilog_report_free(rep);
}

int main(void)
{
	test_simple();
	test_long_burst_and_gap();
	test_out_of_order();
	test_bounded_list();
	test_against_reference();
	test_report();
	test_defer();
	return check_report("bursts");
}
