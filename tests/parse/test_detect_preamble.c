/* Detect stage on exports as they really arrive (formats.md 3a): a
 * banner, a console prompt or Event Viewer's fold markers before the
 * events; text that merely starts with '<'. The format comes from the
 * strongest evidence in the first 64 KiB, and the preamble passed over is
 * counted and named in one warning. */
#include "check.h"
#include "parse/reader_counts.h"
#include "run_reader.h"

struct diags {
	int n;
	char first[256];
};

static void on_diag(const wdilog_error *d, void *payload)
{
	struct diags *c = payload;
	if (c->n++ == 0)
		snprintf(c->first, sizeof(c->first), "%s", d->message);
}

/* Read @p input; compare its events (run_reader.h's one-line form), its
 * format, the preamble lines counted and the first diagnostic (NULL: no
 * diagnostic at all). */
static void expect(const char *input, const char *want, const char *format,
		   uint64_t preamble, const char *diag)
{
	struct diags dg = { 0 };
	wdilog_options opts;
	wdilog_options_init(&opts);
	opts.diag = on_diag;
	opts.diag_payload = &dg;
	wdilog_reader *r;
	if (wdilog_reader_open_memory(&r, input, strlen(input), "input", &opts,
				      NULL) < 0) {
		CHECK(!"open");
		return;
	}
	char *got = NULL;
	size_t got_len = 0;
	FILE *f = open_memstream(&got, &got_len);
	wdilog_event ev;
	while (wdilog_reader_next(r, &ev, NULL) == WDILOG_OK) {
		static const char kinds[] = "NWUD";
		fprintf(f, "%c%llu", kinds[ev.kind],
			(unsigned long long)ev.line);
		for (size_t i = 0; i < ev.nstatuses; i++)
			fprintf(f, " %u", ev.statuses[i].code);
		fputc('\n', f);
	}
	fclose(f);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "input:\n%s\ngot:\n%sexpected:\n%s", input, got,
			want);
	CHECK_STR(got, want);
	CHECK_STR(wdilog_reader_format(r), format);
	CHECK_EQ_U(wdl_reader_preamble_lines(r), preamble);
	if (diag) {
		CHECK_EQ_U(dg.n, 1);
		CHECK_STR(dg.first, diag);
	} else {
		if (dg.n)
			fprintf(stderr, "unexpected diagnostic: %s\n", dg.first);
		CHECK_EQ_U(dg.n, 0);
	}
	free(got);
	wdilog_reader_free(r);
}

#define NS "xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\""

static void banner_before_xml(void)
{
	/* evtxexport -f xml: its banner and a blank line */
	expect("evtxexport 20181227\n"
	       "\n"
	       "<Event " NS "><System><Provider Name=\"wifi\"/></System>\n"
	       "<EventData><Data Name=\"AssocStatus\">31</Data></EventData></Event>\n"
	       "<Event " NS "><EventData><Data Name=\"x\">1</Data></EventData></Event>\n",
	       "W3 31\nN5\n", "event-xml", 1,
	       "1 line before the first event passed over as a preamble: "
	       "\"evtxexport 20181227\"");
}

static void prompt_before_eventlog_text(void)
{
	expect("C:\\Users\\x>wevtutil qe System /f:text /c:2\r\n"
	       "Event[0]:\r\n"
	       "  Log Name: System\r\n"
	       "  Source: Microsoft-Windows-WLAN-AutoConfig\r\n"
	       "  Description: \r\n"
	       "AssocStatus=41\r\n"
	       "Event[1]:\r\n"
	       "  Log Name: System\r\n",
	       "W2 41\nN7\n", "eventlog-text", 1,
	       "1 line before the first event passed over as a preamble: "
	       "\"C:\\Users\\x>wevtutil qe System /f:text /c:2\"");
	/* two lines, one long: counted, the first quoted cut */
	expect("PS C:\\> Get-WinEvent -LogName Microsoft-Windows-WLAN-AutoConfig/Operational -MaxEvents 1 | Format-List\n"
	       "title\n"
	       "Event[0]:\n"
	       "  Source: x\n"
	       "AssocStatus=41\n",
	       "W3 41\n", "eventlog-text", 2,
	       "2 lines before the first event passed over as a preamble: "
	       "\"PS C:\\> Get-WinEvent -LogName "
	       "Microsoft-Windows-WLAN-AutoConfig/Operational -Max\"...");
}

static void fold_markers(void)
{
	/* an Event Viewer "XML View" copy: the markers are no content */
	expect("- <Event " NS ">\n"
	       "- <System>\n"
	       "  <Provider Name=\"Microsoft-Windows-WLAN-AutoConfig\" />\n"
	       "  </System>\n"
	       "- <EventData>\n"
	       "  <Data Name=\"AssocStatus\">31</Data>\n"
	       "  </EventData>\n"
	       "  </Event>\n"
	       "- <Event " NS ">\n"
	       "- <EventData>\n"
	       "  <Data Name=\"RoamReason\">15</Data>\n"
	       "  </EventData>\n"
	       "  </Event>\n",
	       "W1 31\nW9 15\n", "event-xml", 0, NULL);
}

static void angle_bracket_text(void)
{
	/* syslog priorities, a stray tag: text, not XML */
	expect("<6>wlan0: AssocStatus=31\n"
	       "<html> RoamReason=15\n",
	       "W1 31\nW2 15\n", "plain-text", 0, NULL);
	/* another root element before the events is XML, no preamble */
	expect("<root>\n<Event " NS "><EventData><Data Name=\"AssocStatus\">31"
	       "</Data></EventData></Event>\n</root>\n",
	       "W2 31\n", "event-xml", 0, NULL);
	/* a whole document on one line */
	expect("<root><Event><EventData><Data Name=\"AssocStatus\">31"
	       "</Data></EventData></Event></root>",
	       "W1 31\n", "event-xml", 0, NULL);
}

static void too_much_before(void)
{
	/* more lines than a preamble has: the input is text, all counted */
	expect("1 AssocStatus=1\n2\n3\n4\n5\n6\n7\n8\n9\n"
	       "<Event><EventData><Data Name=\"AssocStatus\">31</Data>"
	       "</EventData></Event>\n",
	       "W1 1\nN2\nN3\nN4\nN5\nN6\nN7\nN8\nN9\nN10\n", "plain-text",
	       0, NULL);
	/* a default-prefix line first: wpp-text, earlier lines stay events */
	expect("title AssocStatus=1\n"
	       "[0]0888.0D60::10/23/2003-12:27:40.173 [c]AssocStatus=31\n"
	       "<Event>\n",
	       "W1 1\nW2 31\n", "wpp-text", 0, NULL);
}

int main(void)
{
	banner_before_xml();
	prompt_before_eventlog_text();
	fold_markers();
	angle_bracket_text();
	too_much_before();
	return check_report("detect_preamble");
}
