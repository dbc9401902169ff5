/* Bursts merge by concatenation (issue 15): a burst belongs to its input
 * (the detector starts over at a new input), a merge renumbers inputs and
 * codes, and a detector that was given bursts by a merge or a load keeps
 * them when failures come in later. */
#include <string.h>

#include "check.h"
#include "util/alloc.h"
#include "report/bursts.h"

static wdilog_time at(int64_t sec)
{
	wdilog_time t = { .seconds = sec, .digits = 3, .valid = true };
	return t;
}

/* @p n failures of code @p code from input @p input, one a second. */
static void storm(struct wdl_bursts *b, int64_t from, int n, uint32_t code,
		  size_t input)
{
	for (int i = 0; i < n; i++) {
		wdilog_time t = at(from + i);
		CHECK(wdl_bursts_replay(b, &t, code, input, (uint64_t)i + 1));
	}
}

static void test_input_ends_a_burst(void)
{
	struct wdl_bursts b;
	wdl_bursts_init(&b, 0, 0);
	/* 3 + 3 failures within 10 s, but in two inputs: no burst */
	storm(&b, 100, 3, 0, 0);
	storm(&b, 103, 3, 0, 1);
	size_t n;
	struct wdl_burst *v = wdl_bursts_list(&b, &n, NULL);
	CHECK_EQ_U(n, 0);
	wdl_free(v);
	wdl_bursts_dispose(&b);
}

static void test_merge_and_keep(void)
{
	struct wdl_bursts src, dst;
	wdl_bursts_init(&src, 0, 0);
	wdl_bursts_init(&dst, 0, 0);
	storm(&src, 1000, 6, 1, 0);
	size_t map[2] = { 7, 3 };
	CHECK_EQ_U(wdl_bursts_merge(&dst, &src, map, 2), 0);
	size_t n;
	struct wdl_burst *v = wdl_bursts_list(&dst, &n, NULL);
	CHECK_EQ_U(n, 1);
	if (n == 1) {
		CHECK_EQ_U(v[0].failures, 6);
		CHECK_EQ_U(v[0].input, 2);
		CHECK_EQ_U(v[0].ncodes, 1);
		CHECK_EQ_U(v[0].codes[0].index, 3);
	}
	wdl_free(v);
	/* later failures of the merged detector: the merged burst stays */
	storm(&dst, 5000, 5, 7, 3);
	v = wdl_bursts_list(&dst, &n, NULL);
	CHECK_EQ_U(n, 2);
	if (n == 2) {
		CHECK_EQ_U(v[0].input, 2);
		CHECK_EQ_U(v[1].input, 3);
	}
	wdl_free(v);
	wdl_bursts_dispose(&src);
	wdl_bursts_dispose(&dst);
}

int main(void)
{
	test_input_ends_a_burst();
	test_merge_and_keep();
	return check_report("bursts_merge");
}
