/* Parse stage, text: record framing (prefix, continuation, Unknown(, blank
 * lines, EventTrace header, plain and eventlog modes), damage, and times. */
#include "check.h"
#include "parse/parse_text.h"
#include "run_reader.h"

static void expect_events(const char *input, const char *want,
			  const char *want_format)
{
	const char *format = NULL;
	char *got = events_of(input, strlen(input), NULL, &format);
	bool ok = got && strcmp(got, want) == 0;
	if (!ok)
		fprintf(stderr, "input:\n%s\ngot:\n%sexpected:\n%s", input,
			got ? got : "(null)", want);
	CHECK(ok);
	if (want_format)
		CHECK_STR(format, want_format);
	free(got);
}

static void prefix_variants(void)
{
	static const char *const ok[] = {
		"[0]0888.0D60::10/23/2003-12:27:40.173 [tracedrv]Hello",
		"[3] 0C34.2FE8:: 08/28/17-13:24:29.127 [x]y",
		"[12]0000.0000::2018-09-17 10:22:14.990 [c]m",
		"[0]1.2::x",
	};
	static const char *const bad[] = {
		"[a]0888.0D60::10/23/2003", "[0]0888:0D60::x", "0]0888.0D60::x",
		"[0]0888.0D60:x", "[]0888.0D60::x", "[0]ZZ.0D60::x",
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		CHECK(wdl_wpp_prefix(ok[i], strlen(ok[i])) > 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(wdl_wpp_prefix(bad[i], strlen(bad[i])) == 0);
	CHECK_EQ_U(wdl_wpp_prefix(ok[1], strlen(ok[1])), 16);
}

static void continuation_lines(void)
{
	/* the status on a continuation line belongs to the record above;
	 * lines before the first record are events of their own */
	expect_events("preamble AssocStatus=1\n"
		      "second preamble line\n"
		      "[0]0888.0D60::10/23/2003-12:27:40.173 [c]start\n"
		      "  wrapped RoamReason is 15\n"
		      "\n"
		      "  still the same record AssocStatus=31\n"
		      "[0]0888.0D60::10/23/2003-12:27:41.000 [c]next\n",
		      "W1 m=0 1\nN2 m=0\nW3 m=0 15 31\nN7 m=0\n", "wpp-text");
}

static void header_blank_and_unknown(void)
{
	expect_events("EventTrace\n"
		      "\n"
		      "Unknown( 76): GUID=AC5EC775-CCDB-3C2C-6150-28B4EACACBC4 (No Format Information found).\n"
		      "[0]0888.0D60::10/23/2003-12:27:40.173 [c]AssocStatus=zzz\n"
		      "Unknown(  5): GUID=0b2a6f1e-4c3d-4e21-9a7b-d15c3e8f2a40 (No Format Information found).\n"
		      "   \t \n",
		      "U3 m=0 guid=ac5ec775-ccdb-3c2c-6150-28b4eacacbc4\n"
		      "N4 m=1\n"
		      "U5 m=0 guid=0b2a6f1e-4c3d-4e21-9a7b-d15c3e8f2a40\n",
		      "wpp-text");
	/* an Unknown line holding a status is still undecoded, not counted */
	expect_events("Unknown( 12): GUID=0b2a6f1e-4c3d-4e21-9a7b-d15c3e8f2a40 AssocStatus=31\n",
		      "U1 m=0 guid=0b2a6f1e-4c3d-4e21-9a7b-d15c3e8f2a40\n", "wpp-text");
}

static void plain_text(void)
{
	expect_events("2020-05-02 09:18:09.178 custom AssocStatus=31\n"
		      "  indented AssocStatus=41\n"
		      "no status\n",
		      "W1 m=0 31\nW2 m=0 41\nN3 m=0\n", "plain-text");
	/* a CRLF file without a final line end */
	expect_events("a AssocStatus=31\r\nb AssocStatus=41",
		      "W1 m=0 31\nW2 m=0 41\n", "plain-text");
}

static void eventlog_blocks(void)
{
	expect_events("Event[0]:\r\n"
		      "  Log Name: Microsoft-Windows-WLAN-AutoConfig/Operational\r\n"
		      "  Date: 2024-03-05T08:12:44.123\r\n"
		      "  Description: \r\n"
		      "Association status: WDI_ASSOC_STATUS_NO_AUTH_RESPONSE\r\n"
		      "Event[1]:\r\n"
		      "  Date: 2024-03-05T08:12:45.000\r\n"
		      "  Description: \r\n"
		      "nothing here\r\n",
		      "W1 m=0 41\nN6 m=0\n", NULL);
}

static void damage(void)
{
	/* a NUL byte makes the record damaged: its status is not counted */
	const char nul[] = "[0]1.2::10/23/2003-12:27:40.173 [c]AssocStatus=31\0x\n"
			   "[0]1.2::10/23/2003-12:27:41.173 [c]AssocStatus=41\n";
	char *got = events_of(nul, sizeof(nul) - 1, NULL, NULL);
	CHECK_STR(got, "D1 m=0\nW2 m=0 41\n");
	free(got);

	/* a line over 1 MiB: damaged, the rest of it skipped, the next line read */
	size_t big = WDL_LINE_MAX + 5000;
	char *buf = malloc(big + 64);
	memset(buf, 'a', big);
	memcpy(buf, "AssocStatus=31 ", 15);
	memcpy(buf + big - 20, " AssocStatus=51 ", 16);
	memcpy(buf + big, "\nAssocStatus=41\n", 16);
	got = events_of(buf, big + 16, NULL, NULL);
	CHECK_STR(got, "D1 m=0\nW2 m=0 41\n");
	free(got);
	free(buf);
}

static void times(void)
{
	/* the prefix time is the record's time; JSON keeps its precision */
	const char in[] = "[0]1.2::10/23/03-12:27:40.17345 [c]AssocStatus=31\n"
			  "[0]1.2::2003/10/23-12:27:39.000000001 [c]AssocStatus=31\n";
	char *json = json_of(in, sizeof(in) - 1, 0, NULL);
	CHECK(json && strstr(json, "\"first\": \"2003-10-23T12:27:39.000000001\", "
			     "\"last\": \"2003-10-23T12:27:40.17345\"") != NULL);
	free(json);
}

int main(void)
{
	prefix_variants();
	continuation_lines();
	header_blank_and_unknown();
	plain_text();
	eventlog_blocks();
	damage();
	times();
	return check_report("parse_text");
}
