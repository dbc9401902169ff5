/* 802.11 code and SSID tables (src/report/dot11_counts.c): rows in
 * first-seen order, the "other" row past the cap, a merge that gives the
 * rows of one pass and flags only what it cannot know, report order. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "report/dot11_counts.h"

static void test_add_and_cap(void)
{
	struct wdl_dot11_counts d;
	memset(&d, 0, sizeof(d));
	wdilog_context x = { .has_dot11_status = true, .dot11_status = 17,
			     .has_dot11_reason = true, .dot11_reason = 4,
			     .ssid = "Lobby" };
	wdl_dot11_counts_add(&d, &x, true);
	wdl_dot11_counts_add(&d, &x, false);
	wdl_dot11_counts_add(&d, NULL, true);
	wdilog_context none = { 0 };
	wdl_dot11_counts_add(&d, &none, true);
	CHECK_EQ_U(d.status.n, 1);
	CHECK_EQ_U(d.status.rows[0].code, 17);
	CHECK_EQ_U(d.status.rows[0].records, 2);
	CHECK_EQ_U(d.status.rows[0].failures, 1);
	CHECK_EQ_U(d.reason.rows[0].code, 4);
	CHECK_STR(d.ssid.rows[0].text, "Lobby");
	CHECK_EQ_U(d.ssid.rows[0].records, 2);

	struct wdl_tally t;
	memset(&t, 0, sizeof(t));
	char name[16];
	for (int i = 0; i < WDL_TALLY_ROWS + 6; i++) {
		snprintf(name, sizeof(name), "net%d", i);
		wdl_tally_add(&t, 0, name, 1, i % 2);
	}
	CHECK_EQ_U(t.n, WDL_TALLY_ROWS);
	CHECK_EQ_U(t.other.records, 6);
	CHECK_EQ_U(t.other.failures, 3);
	/* a value already listed still counts in its row */
	wdl_tally_add(&t, 0, "net0", 5, 5);
	CHECK_EQ_U(t.rows[0].records, 6);
	CHECK_EQ_U(t.other.records, 6);
}

/* One pass over @p a then @p b against a merge of the two passes. */
static void test_merge(void)
{
	static const char *const a[] = { "x", "y", "x", "z" };
	static const char *const b[] = { "w", "x", "v" };
	struct wdl_tally one, ta, tb;
	memset(&one, 0, sizeof(one));
	memset(&ta, 0, sizeof(ta));
	memset(&tb, 0, sizeof(tb));
	for (size_t i = 0; i < 4; i++) {
		wdl_tally_add(&one, 0, a[i], 1, 1);
		wdl_tally_add(&ta, 0, a[i], 1, 1);
	}
	for (size_t i = 0; i < 3; i++) {
		wdl_tally_add(&one, 0, b[i], 1, 0);
		wdl_tally_add(&tb, 0, b[i], 1, 0);
	}
	wdl_tally_merge(&ta, &tb, true);
	CHECK(!ta.inexact);
	CHECK_EQ_U(ta.n, one.n);
	for (uint32_t i = 0; i < one.n && i < ta.n; i++) {
		CHECK_STR(ta.rows[i].text, one.rows[i].text);
		CHECK_EQ_U(ta.rows[i].records, one.rows[i].records);
		CHECK_EQ_U(ta.rows[i].failures, one.rows[i].failures);
	}
	/* first-seen order: x y z w v */
	CHECK_STR(ta.rows[3].text, "w");

	/* a full part merged into anything: its other row may hold values of
	 * the other part, so the result is flagged */
	struct wdl_tally full, small;
	memset(&full, 0, sizeof(full));
	memset(&small, 0, sizeof(small));
	for (uint32_t i = 0; i < WDL_TALLY_ROWS + 1; i++)
		wdl_tally_add(&full, i, NULL, 1, 0);
	wdl_tally_add(&small, 3, NULL, 1, 0);
	wdl_tally_merge(&small, &full, false);
	CHECK(small.inexact);
	CHECK_EQ_U(small.other.records, 1);
	/* into an empty table: a copy, exact */
	struct wdl_tally empty;
	memset(&empty, 0, sizeof(empty));
	wdl_tally_merge(&empty, &full, false);
	CHECK(!empty.inexact);
	CHECK_EQ_U(empty.n, WDL_TALLY_ROWS);
	/* the full part first, the small one merged into it: exact (one pass
	 * would also put the small part's new values past the cap) */
	memset(&small, 0, sizeof(small));
	wdl_tally_add(&small, 9999, NULL, 1, 0);
	full.inexact = false;
	wdl_tally_merge(&full, &small, false);
	CHECK(!full.inexact);
	CHECK_EQ_U(full.other.records, 2);
}

static void test_sorted(void)
{
	struct wdl_tally t;
	memset(&t, 0, sizeof(t));
	wdl_tally_add(&t, 40, NULL, 1, 0);
	wdl_tally_add(&t, 2, NULL, 1, 0);
	wdl_tally_add(&t, 17, NULL, 1, 0);
	const struct wdl_tally_row *v[WDL_TALLY_ROWS];
	CHECK_EQ_U(wdl_tally_sorted(&t, false, v), 3);
	CHECK_EQ_U(v[0]->code, 2);
	CHECK_EQ_U(v[2]->code, 40);

	memset(&t, 0, sizeof(t));
	wdl_tally_add(&t, 0, "b", 3, 0);
	wdl_tally_add(&t, 0, "c", 1, 1);
	wdl_tally_add(&t, 0, "a", 3, 0);
	CHECK_EQ_U(wdl_tally_sorted(&t, true, v), 3);
	CHECK_STR(v[0]->text, "c");     /* most failures */
	CHECK_STR(v[1]->text, "a");     /* then records, then bytes */
	CHECK_STR(v[2]->text, "b");
}

int main(void)
{
	test_add_and_cap();
	test_merge();
	test_sorted();
	return check_report("dot11_counts");
}
