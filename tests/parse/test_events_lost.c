/* Parse stage, text: what the capture itself says it lost (formats.md
 * 3b). tracefmt's closing "Processing completed ... EventsLost: N" line
 * and FmtSum.txt's "Total Events  Lost N" give events_lost; the lines
 * are read as before (in wpp-text the summary continues the last record),
 * and an input without them has no known loss. */
#include "check.h"
#include "parse/reader_counts.h"
#include "run_reader.h"

static void expect(const char *input, bool known, uint64_t lost,
		   unsigned long events)
{
	wdilog_reader *r;
	if (wdilog_reader_open_memory(&r, input, strlen(input), "input", NULL,
				      NULL) < 0) {
		CHECK(!"open");
		return;
	}
	unsigned long n = 0;
	wdilog_event ev;
	while (wdilog_reader_next(r, &ev, NULL) == WDILOG_OK)
		n++;
	uint64_t got = 99;
	CHECK(wdl_reader_events_lost(r, &got) == known);
	CHECK_EQ_U(got, lost);
	CHECK_EQ_U(n, events);
	wdilog_reader_free(r);
}

int main(void)
{
	expect("[0]0888.0D60::10/23/2003-12:27:40.173 [c]AssocStatus=31\n"
	       "Processing completed   Buffers: 5, Events: 209, EventsLost: 12 :: Format Errors: 0, Unknowns: 0\n",
	       true, 12, 1);
	expect("[0]0888.0D60::10/23/2003-12:27:40.173 [c]AssocStatus=31\n"
	       "Processing completed   Buffers: 5, Events: 209, EventsLost: 0 :: Format Errors: 0, Unknowns: 0\n",
	       true, 0, 1);
	/* FmtSum.txt */
	expect("Files Processed:\n"
	       "\tC:\\trace.etl\n"
	       "Total Buffers Processed 5\n"
	       "Total Events  Processed 209\n"
	       "Total Events  Lost     7\n"
	       "Total Format  Errors   0\n",
	       true, 7, 6);
	expect("[0]0888.0D60::10/23/2003-12:27:40.173 [c]AssocStatus=31\n"
	       "EventsLost: 5 in a message is no summary\n",
	       false, 0, 1);
	return check_report("events_lost");
}
