/* Parse stage, text: record starts as real copies print them (formats.md
 * 3a). A WPP line with a leading blank, a TextAnalysisTool copy (a line
 * number before the prefix) and tracelog -kd's all-zero time each start a
 * record with its pid, tid and provider. */
#include "check.h"
#include "run_reader.h"

/* Each event as "kind line statuses | provider pid tid time?" */
static char *describe(const char *input, const char **format)
{
	wdilog_reader *r;
	if (wdilog_reader_open_memory(&r, input, strlen(input), "input", NULL,
				      NULL) < 0)
		return NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	wdilog_event ev;
	while (wdilog_reader_next(r, &ev, NULL) == WDILOG_OK) {
		static const char kinds[] = "NWUD";
		fprintf(f, "%c%llu", kinds[ev.kind],
			(unsigned long long)ev.line);
		for (size_t i = 0; i < ev.nstatuses; i++)
			fprintf(f, " %u", ev.statuses[i].code);
		if (ev.context) {
			const wdilog_context *c = ev.context;
			fprintf(f, " | %s", c->provider ? c->provider : "-");
			if (c->has_pid)
				fprintf(f, " %x", c->pid);
			if (c->has_tid)
				fprintf(f, ".%x", c->tid);
			fprintf(f, " %s", ev.time.valid ? "time" : "no-time");
		}
		fputc('\n', f);
	}
	fclose(f);
	*format = wdilog_reader_format(r);
	static char fmt[32];
	snprintf(fmt, sizeof(fmt), "%s", *format);
	*format = fmt;
	wdilog_reader_free(r);
	return out;
}

static void expect(const char *input, const char *want, const char *format)
{
	const char *got_format = NULL;
	char *got = describe(input, &got_format);
	if (!got || strcmp(got, want) != 0)
		fprintf(stderr, "input:\n%s\ngot:\n%sexpected:\n%s", input,
			got ? got : "(null)", want);
	CHECK_STR(got, want);
	CHECK_STR(got_format, format);
	free(got);
}

static void leading_blank(void)
{
	/* the second record must not merge into the first */
	expect("[2] 0C34.2FF0::08/28/17-13:24:29.127 [Microsoft-Windows-NWiFi]AssocStatus=31\n"
	       " [2] 0C34.2FF0::08/28/17-13:24:29.130 [Microsoft-Windows-NWiFi]AssocStatus=41\n"
	       "\t[1]0C34.2FF1::08/28/17-13:24:29.131 [Microsoft-Windows-NWiFi]RoamReason=15\n"
	       "  continued AssocStatus=50\n",
	       "W1 31 | Microsoft-Windows-NWiFi c34.2ff0 time\n"
	       "W2 41 | Microsoft-Windows-NWiFi c34.2ff0 time\n"
	       "W3 15 50 | Microsoft-Windows-NWiFi c34.2ff1 time\n",
	       "wpp-text");
}

static void text_analysis_tool(void)
{
	/* line numbers before the prefix, as Microsoft's docs publish them */
	expect("44676 [2]0F24.1020::2018-09-17 10:22:14.658 [Microsoft-Windows-WLAN-AutoConfig]AssocStatus=31\n"
	       "44677 [2]0F24.1020::2018-09-17 10:22:14.659 [Microsoft-Windows-WLAN-AutoConfig]no status\n"
	       "44678\t[0]0F24.1024::2018-09-17 10:22:14.700 [Microsoft-Windows-NWiFi]RoamReason=15\n",
	       "W1 31 | Microsoft-Windows-WLAN-AutoConfig f24.1020 time\n"
	       "N2\n"
	       "W3 15 | Microsoft-Windows-NWiFi f24.1024 time\n",
	       "wpp-text");
	/* a number glued to something else is no line number */
	expect("44676[2]0F24.1020::2018-09-17 10:22:14.658 [c]AssocStatus=31\n"
	       "12 apples AssocStatus=41\n",
	       "W1 31 | - time\nW2 41 | - no-time\n", "plain-text");
}

static void zero_time(void)
{
	/* tracelog -kd: no time, but provider, pid and tid stand */
	expect("[0]0A1C.0B2D::00/00/0000-00:00:00.000 [Microsoft-Windows-NWiFi]DisAssoc: AssocStatus=31\n"
	       "[1]0A1C.0B2E::00/00/0000-00:00:00.000 [Microsoft-Windows-NWiFi]no status\n"
	       "  AssocStatus=41 on a continuation line\n",
	       "W1 31 | Microsoft-Windows-NWiFi a1c.b2d no-time\n"
	       "W2 41 | Microsoft-Windows-NWiFi a1c.b2e no-time\n",
	       "wpp-text");
}

int main(void)
{
	leading_blank();
	text_analysis_tool();
	zero_time();
	return check_report("record_starts");
}
