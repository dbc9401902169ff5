/* Drill-down positions (src/report/lines.c): the kept positions are the
 * earliest WDL_LINE_SAMPLES in input order and the latest, whatever the
 * order records arrive in and however the records are split and merged,
 * in memory that does not grow with the records. */
#include "report_util.h"
#include "report/lines.h"

#include <stdlib.h>

/* The reference: sort every position, take the earliest and the last. */
static int cmp(const void *a, const void *b)
{
	return wdl_pos_cmp(a, b);
}

static void check_against(const struct wdl_lines *l, struct wdl_pos *all,
			  size_t n)
{
	qsort(all, n, sizeof(*all), cmp);
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++)
		if (!distinct || wdl_pos_cmp(&all[i], &all[distinct - 1]) != 0)
			all[distinct++] = all[i];
	size_t want = distinct < WDL_LINE_SAMPLES ? distinct : WDL_LINE_SAMPLES;
	CHECK_EQ_U(l->n, want);
	for (size_t i = 0; i < want && i < l->n; i++)
		CHECK(wdl_pos_cmp(&l->earliest[i], &all[i]) == 0);
	struct wdl_pos f, z;
	CHECK(wdl_lines_ends(l, &f, &z) == (distinct > 0));
	if (distinct) {
		CHECK(wdl_pos_cmp(&f, &all[0]) == 0);
		CHECK(wdl_pos_cmp(&z, &all[distinct - 1]) == 0);
	}
}

static void test_in_order(void)
{
	struct wdl_lines l = { 0 };
	struct wdl_pos all[100];
	for (size_t i = 0; i < 100; i++) {
		all[i] = (struct wdl_pos){ i / 40, 3 * i + 1 };
		wdl_lines_add(&l, all[i].input, all[i].line);
	}
	check_against(&l, all, 100);
	/* the first eight lines of input 0, and the last of input 2 */
	CHECK_EQ_U(l.earliest[0].line, 1);
	CHECK_EQ_U(l.earliest[7].line, 22);
	CHECK(l.last.input == 2 && l.last.line == 298);
}

static void test_random_and_split(void)
{
	srand(7);
	for (int round = 0; round < 200; round++) {
		size_t n = (size_t)(rand() % 40);
		struct wdl_pos all[40];
		struct wdl_lines whole = { 0 }, a = { 0 }, b = { 0 };
		size_t cut = n ? (size_t)rand() % (n + 1) : 0;
		for (size_t i = 0; i < n; i++) {
			/* a few duplicates: one event, several statuses */
			all[i] = (struct wdl_pos){ (size_t)(rand() % 3),
						   (uint64_t)(rand() % 30) + 1 };
			wdl_lines_add(&whole, all[i].input, all[i].line);
			wdl_lines_add(i < cut ? &a : &b, all[i].input, all[i].line);
		}
		struct wdl_pos copy[40];
		for (size_t i = 0; i < n; i++)
			copy[i] = all[i];
		check_against(&whole, copy, n);
		/* merged in either order: the same as one pass */
		struct wdl_lines ab = a, ba = b;
		wdl_lines_merge(&ab, &b, NULL);
		wdl_lines_merge(&ba, &a, NULL);
		for (size_t i = 0; i < n; i++)
			copy[i] = all[i];
		check_against(&ab, copy, n);
		for (size_t i = 0; i < n; i++)
			copy[i] = all[i];
		check_against(&ba, copy, n);
	}
}

static void test_map_and_unplaced(void)
{
	/* src's input 0 and 1 become dst's 2 and 3 */
	struct wdl_lines d = { 0 }, s = { 0 };
	wdl_lines_add(&d, 0, 5);
	wdl_lines_add(&s, 1, 9);
	wdl_lines_add(&s, 0, 4);
	size_t map[] = { 2, 3 };
	wdl_lines_merge(&d, &s, map);
	CHECK_EQ_U(d.n, 3);
	CHECK(d.earliest[1].input == 2 && d.earliest[1].line == 4);
	CHECK(d.last.input == 3 && d.last.line == 9);
	/* a record without a line: first and last are no longer known */
	wdl_lines_add(&d, 3, 0);
	struct wdl_pos f, z;
	CHECK(!wdl_lines_ends(&d, &f, &z));
	CHECK_EQ_U(d.unplaced, 1);
	struct wdl_lines e = { 0 };
	wdl_lines_merge(&e, &d, NULL);
	CHECK_EQ_U(e.unplaced, 1);
	CHECK(!wdl_lines_ends(&e, &f, &z));
}

int main(void)
{
	test_in_order();
	test_random_and_split();
	test_map_and_unplaced();
	return check_report("lines");
}
