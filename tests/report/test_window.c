/* Time windows (src/report/window.c): bounds as times of day or absolute times,
 * and the rule that a window gives the counts of a file cut to it. */
#include "report_util.h"
#include "report/window.h"

static bool bound_ok(const char *s, struct wdl_bound *b)
{
	return wdl_bound_parse(s, b, NULL) == WDILOG_OK;
}

static void test_bound_parse(void)
{
	struct wdl_bound b;
	CHECK(bound_ok("10:15", &b) && b.time_of_day && b.tod_seconds == 36900);
	CHECK(bound_ok("9:05", &b) && b.time_of_day && b.tod_seconds == 32700);
	CHECK(bound_ok("10:15:30.5", &b) && b.tod_seconds == 36930 &&
	      b.at.nanos == 500000000);
	CHECK(bound_ok("23:59:59", &b) && b.tod_seconds == 86399);

	char buf[48];
	CHECK(bound_ok("2024-03-05", &b) && !b.time_of_day);
	wdl_time_format(&b.at, buf, sizeof(buf));
	CHECK_STR(buf, "2024-03-05T00:00:00");
	CHECK(bound_ok("2024-03-05T10:15", &b));
	wdl_time_format(&b.at, buf, sizeof(buf));
	CHECK_STR(buf, "2024-03-05T10:15:00");
	CHECK(bound_ok("2024-03-05 10:15:30.25Z", &b) && b.at.zoned);
	wdl_time_format(&b.at, buf, sizeof(buf));
	CHECK_STR(buf, "2024-03-05T10:15:30.25Z");
	CHECK(bound_ok("2024-03-05T10:15:30+02:00", &b) &&
	      b.at.offset_minutes == 120);
	CHECK(bound_ok("10/23/2003-12:27:40.173", &b));
	wdl_time_format(&b.at, buf, sizeof(buf));
	CHECK_STR(buf, "2003-10-23T12:27:40.173");

	static const char *const bad[] = {
		"", "10", "25:00", "10:60", "10:15:61", "10:5", "10:15:30.",
		"2024-13-01", "2024-02-30", "tomorrow", "10:15 pm",
		"2024-03-05T10", "2024-03-05T10:15:30junk",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		wdilog_error e = { 0 };
		CHECK(wdl_bound_parse(bad[i], &b, &e) == WDILOG_EINVAL);
		CHECK(strstr(e.message, "is not a time") != NULL);
	}
}

static void test_set_window(void)
{
	wdilog_report *rep;
	wdilog_error e = { 0 };
	wdilog_report_new(&rep, NULL, NULL);
	CHECK(wdilog_report_set_window(rep, "2024-03-05T10:00", "2024-03-05T09:00",
				       &e) == WDILOG_EINVAL);
	CHECK(strstr(e.message, "before it starts") != NULL);
	CHECK(wdilog_report_set_window(rep, "10:00", "nope", &e) == WDILOG_EINVAL);
	/* times of day may wrap past midnight: no error */
	CHECK(wdilog_report_set_window(rep, "23:50", "00:10", &e) == WDILOG_OK);
	CHECK(wdilog_report_set_window(rep, NULL, "00:10", &e) == WDILOG_OK);
	CHECK(rep->window.active && !rep->window.since.set);
	CHECK(wdilog_report_set_window(rep, NULL, NULL, &e) == WDILOG_OK);
	CHECK(!rep->window.active);
	wdilog_report_free(rep);
}

/* A window over the whole sample equals the pre-cut file. */
static void test_matches_cut(const char *sample, const char *cut,
			     const char *since, const char *until,
			     uint64_t expect_statuses, uint64_t expect_outside)
{
	char a[512], b[512];
	snprintf(a, sizeof(a), "%s/%s", SAMPLES_DIR, sample);
	snprintf(b, sizeof(b), "%s/report/cut/%s", TESTS_DIR, cut);
	wdilog_report *full = report_of_file(a, NULL, since, until);
	wdilog_report *pre = report_of_file(b, NULL, NULL, NULL);
	CHECK(full && pre);
	if (!full || !pre)
		return;
	check_same_statuses(full, pre);
	CHECK_EQ_U(full->totals.statuses, expect_statuses);
	CHECK_EQ_U(full->totals.outside_window, expect_outside);
	CHECK_EQ_U(full->window.excluded_events, expect_outside);
	/* the cut really lost records: the window did something */
	wdilog_report *all = report_of_file(a, NULL, NULL, NULL);
	CHECK(all && all->totals.statuses > full->totals.statuses);
	wdilog_report_free(all);
	wdilog_report_free(full);
	wdilog_report_free(pre);
}

/* Generated tracefmt lines, one second apart, over midnight; the full
 * text and the lines inside [from, to) are built side by side. */
static void test_generated_cut(void)
{
	size_t cap = 1 << 20;
	char *all = malloc(cap), *cut = malloc(cap);
	size_t na = 0, nc = 0;
	int from = 86400 - 300, to = 86400 + 420;   /* 23:55:00 .. 00:07:00 */
	for (int t = 86400 - 3600; t < 86400 + 3600; t += 7) {
		int day = 23 + t / 86400, s = t % 86400;
		char line[200];
		int n;
		unsigned code = (unsigned)(t / 7) % 9 == 0 ? 31 : (unsigned)(t / 7) % 5;
		if ((t / 7) % 3 == 0)
			n = snprintf(line, sizeof(line),
				     "[0]0888.0D60::10/%02d/2003-%02d:%02d:%02d.%03d [wdiwifi]AssocStatus=%u bssid 00:11:22:33:44:%02x\n",
				     day, s / 3600, s / 60 % 60, s % 60, t % 1000,
				     code, (unsigned)(t / 7) % 5);
		else
			n = snprintf(line, sizeof(line),
				     "[0]0888.0D60::10/%02d/2003-%02d:%02d:%02d.%03d [wdiwifi]chatter\n",
				     day, s / 3600, s / 60 % 60, s % 60, t % 1000);
		memcpy(all + na, line, (size_t)n);
		na += (size_t)n;
		if (t >= from && t < to) {
			memcpy(cut + nc, line, (size_t)n);
			nc += (size_t)n;
		}
	}
	wdilog_report *w = report_of(all, na, "all", NULL, "23:55", "00:07");
	wdilog_report *c = report_of(cut, nc, "cut", NULL, NULL, NULL);
	CHECK(w && c);
	if (w && c) {
		check_same_statuses(w, c);
		CHECK(w->totals.statuses > 20);
		CHECK(w->totals.outside_window > 100);
	}
	wdilog_report_free(w);
	wdilog_report_free(c);
	/* the same window written as absolute times */
	w = report_of(all, na, "all", NULL, "2003-10-23T23:55:00",
		      "2003-10-24 00:07");
	c = report_of(cut, nc, "cut", NULL, NULL, NULL);
	if (w && c)
		check_same_statuses(w, c);
	wdilog_report_free(w);
	wdilog_report_free(c);
	free(all);
	free(cut);
}

static void test_untimed(void)
{
	/* plain text without times: every status record is outside */
	const char *text = "AssocStatus=31\nnothing\nAssocStatus=41\n";
	wdilog_report *rep = report_of(text, strlen(text), "t", NULL, "10:00", NULL);
	CHECK(rep);
	if (!rep)
		return;
	CHECK_EQ_U(rep->totals.statuses, 0);
	CHECK_EQ_U(rep->totals.outside_window, 2);
	CHECK_EQ_U(rep->window.untimed_events, 2);
	/* events without status still count, their time unread */
	CHECK_EQ_U(rep->totals.events, 1);
	CHECK_EQ_U(rep->totals.without_status, 1);
	/* the bound stays a time of day: no record ever had a date */
	CHECK(!rep->window.resolved);
	wdilog_report_free(rep);
}

static void test_zoned(void)
{
	/* a time of day is taken on the capture's date in its own zone */
	const char *xml =
		"<Event><System><TimeCreated SystemTime='2022-08-22T17:26:59.5+07:59'/></System>"
		"<EventData><Data Name='AssocStatus'>31</Data></EventData></Event>\n"
		"<Event><System><TimeCreated SystemTime='2022-08-22T17:30:00+07:59'/></System>"
		"<EventData><Data Name='AssocStatus'>41</Data></EventData></Event>\n";
	wdilog_report *rep = report_of(xml, strlen(xml), "x", NULL, "17:27", NULL);
	CHECK(rep && rep->totals.statuses == 1 && rep->codes[0].code == 41);
	CHECK(rep && rep->window.since.at.zoned &&
	      rep->window.since.at.offset_minutes == 479);
	wdilog_report_free(rep);
}

int main(void)
{
	test_bound_parse();
	test_set_window();
	/* cut by hand: lines 1 and 6-37 of the sample (12:27:41.002 to
	 * 12:28:32.401); 12:28:33.000 is the until, which is excluded */
	test_matches_cut("tracefmt-default.txt", "tracefmt-default.txt",
			 "12:27:41", "12:28:33", 13, 7);
	/* cut by hand: events 5-12 (08:13:10.0000001Z to 09:41:15Z) */
	test_matches_cut("wevtutil-events.xml", "wevtutil-events.xml",
			 "2024-03-05T08:13:00Z", "2024-03-05T09:45:00Z", 4, 3);
	test_generated_cut();
	test_untimed();
	test_zoned();
	return check_report("window");
}
