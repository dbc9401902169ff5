/* Parse stage, text: a TextAnalysisTool line number may be right-aligned
 * with blanks before it ("  676 [2]0F24.1020::..."); the line still starts
 * a record of its own, with its pid, tid and time (formats.md 3a). */
#include "check.h"
#include "parse/detect.h"
#include "run_reader.h"

/* "line:codes" for each event of @p input, e.g. "1:31 2:41". */
static void expect_events(const char *input, const char *want)
{
	wdilog_reader *r;
	char got[256] = "";
	size_t n = 0;
	if (wdilog_reader_open_memory(&r, input, strlen(input), "input", NULL,
				      NULL) < 0) {
		CHECK(!"open");
		return;
	}
	wdilog_event ev;
	while (wdilog_reader_next(r, &ev, NULL) == WDILOG_OK && n < 200) {
		n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%llu:",
				      n ? " " : "",
				      (unsigned long long)ev.line);
		for (size_t i = 0; i < ev.nstatuses && n < 200; i++)
			n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%u",
					      i ? "," : "",
					      ev.statuses[i].code);
		if (ev.nstatuses && ev.context && ev.context->has_tid)
			n += (size_t)snprintf(got + n, sizeof(got) - n, "@%x",
					      ev.context->tid);
	}
	wdilog_reader_free(r);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "input:\n%s", input);
	CHECK_STR(got, want);
}

int main(void)
{
	size_t lead = 99;
	const char *pad = "  676 [2]0F24.1020::2018-09-17 10:22:14.700 [a]x";
	CHECK(wdl_wpp_prefix_lead(pad, strlen(pad), &lead) > 0);
	CHECK_EQ_U(lead, 6);
	const char *tab = "\t676\t[2]0F24.1020::2018-09-17 10:22:14.700 [a]x";
	CHECK(wdl_wpp_prefix_lead(tab, strlen(tab), &lead) > 0);
	CHECK_EQ_U(lead, 5);
	/* a number with no blank after it is no line number */
	const char *glued = "  676[2]0F24.1020::2018-09-17 10:22:14.700 [a]x";
	CHECK_EQ_U(wdl_wpp_prefix_lead(glued, strlen(glued), &lead), 0);
	CHECK_EQ_U(lead, 0);

	expect_events("44676 [2]0F24.1020::2018-09-17 10:22:14.658 [a]AssocStatus=31\n"
		      "  676 [2]0F24.1021::2018-09-17 10:22:14.700 [a]AssocStatus=41\n"
		      "   77 [2]0F24.1022::2018-09-17 10:22:14.800 [a]AssocStatus=51\n"
		      "   78    wrapped text RoamReason=15\n",
		      "1:31@1020 2:41@1021 3:51,15@1022");
	return check_report("line_number_pad");
}
