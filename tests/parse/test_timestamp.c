/* Timestamps: every layout of formats.md section 2 and 3, day-first,
 * two-digit years, fractions, zones, and ordering. */
#include "check.h"
#include "parse/timestamp.h"

static const char *iso(const char *text, bool day_first)
{
	static char out[64];
	wdilog_time t = { 0 };
	if (!wdl_time_parse(text, strlen(text), day_first, &t))
		return "(none)";
	wdl_time_format(&t, out, sizeof(out));
	return out;
}

static void layouts(void)
{
	CHECK_STR(iso("10/23/2003-12:27:40.173", false), "2003-10-23T12:27:40.173");
	CHECK_STR(iso("08/28/17-13:24:29.127", false), "2017-08-28T13:24:29.127");
	CHECK_STR(iso("2018-09-17 10:22:14.990", false), "2018-09-17T10:22:14.990");
	CHECK_STR(iso("2020/05/02-09:18:09.178460200", false), "2020-05-02T09:18:09.178460200");
	CHECK_STR(iso("2022-08-22T17:26:59.586989500+07:59", false),
		  "2022-08-22T17:26:59.586989500+07:59");
	CHECK_STR(iso("2020-05-02T16:18:09.1785647Z", false), "2020-05-02T16:18:09.1785647Z");
	CHECK_STR(iso("2020-05-02T16:18:09-05:00", false), "2020-05-02T16:18:09-05:00");
	CHECK_STR(iso("10/23/2003-12:27:40", false), "2003-10-23T12:27:40");
	/* ten digits: nine kept */
	CHECK_STR(iso("2020/05/02-09:18:09.1234567891", false), "2020-05-02T09:18:09.123456789");
}

static void day_first(void)
{
	CHECK_STR(iso("23/10/2003-12:27:40.173", true), "2003-10-23T12:27:40.173");
	CHECK_STR(iso("23/10/2003-12:27:40.173", false), "(none)");  /* month 23 */
	CHECK_STR(iso("01/02/03-00:00:00.000", true), "2003-02-01T00:00:00.000");
	CHECK_STR(iso("01/02/03-00:00:00.000", false), "2003-01-02T00:00:00.000");
	/* year-first dates are not affected */
	CHECK_STR(iso("2003-10-23 12:27:40.173", true), "2003-10-23T12:27:40.173");
}

static void invalid(void)
{
	CHECK_STR(iso("02/30/2003-12:27:40.173", false), "(none)");
	CHECK_STR(iso("02/29/2004-12:27:40.173", false), "2004-02-29T12:27:40.173");
	CHECK_STR(iso("02/29/2003-12:27:40.173", false), "(none)");
	CHECK_STR(iso("10/23/2003-24:00:00.000", false), "(none)");
	CHECK_STR(iso("10/23/2003 12:61:00", false), "(none)");
	CHECK_STR(iso("2003-13-01 00:00:00", false), "(none)");
	CHECK_STR(iso("10/23/203-12:27:40", false), "(none)");
	CHECK_STR(iso("hello", false), "(none)");
}

static void find_in_text(void)
{
	wdilog_time t = { 0 };
	const char *line = "MyPrefix 42 | 10/23/2003-12:27:40.173 | AssocStatus=31";
	CHECK(wdl_time_find(line, strlen(line), false, &t));
	char out[64];
	wdl_time_format(&t, out, sizeof(out));
	CHECK_STR(out, "2003-10-23T12:27:40.173");
	const char *none = "no time here 12:00 or 2003";
	CHECK(!wdl_time_find(none, strlen(none), false, &t));
}

static void ordering(void)
{
	wdilog_time a = { 0 }, b = { 0 };
	/* 17:00+07:00 is 10:00Z: earlier than 11:00Z */
	wdl_time_parse("2022-08-22T17:00:00+07:00", 25, false, &a);
	wdl_time_parse("2022-08-22T11:00:00Z", 20, false, &b);
	CHECK(wdl_time_cmp(&a, &b) < 0);
	/* fractions order within a second */
	wdl_time_parse("2022-08-22T11:00:00.5Z", 22, false, &a);
	CHECK(wdl_time_cmp(&b, &a) < 0);
	CHECK(wdl_time_cmp(&a, &a) == 0);
}

static void civil_round_trip(void)
{
	for (int64_t d = -800000; d < 800000; d += 997) {
		int64_t y;
		unsigned m, dd;
		wdl_civil_from_days(d, &y, &m, &dd);
		CHECK(wdl_days_from_civil(y, m, dd) == d);
	}
	CHECK(wdl_days_from_civil(1970, 1, 1) == 0);
	CHECK(wdl_days_from_civil(2000, 3, 1) == 11017);
}

int main(void)
{
	layouts();
	day_first();
	invalid();
	find_in_text();
	ordering();
	civil_round_trip();
	return check_report("timestamp");
}
