/* What reading lost, in the report layer: a reader's counts reach the
 * input and the totals, merge adds them exactly, a report without them
 * loads as nothing said, the gate's max-lost rule, and the words every
 * format uses (formats.md 3b, section 6 "Additions"). */
#include <wdilog/gate.h>
#include <wdilog/report.h>

#include <string.h>

#include "harness/check.h"
#include "report/report.h"
#include "report/view.h"

static wdilog_report *read_text(const char *text)
{
	wdilog_report *rep = NULL;
	wdilog_reader *r = NULL;
	wdilog_error err = { 0 };
	wdilog_options o;
	wdilog_options_init(&o);
	CHECK(wdilog_report_new(&rep, &o, &err) == WDILOG_OK);
	CHECK(wdilog_reader_open_memory(&r, text, strlen(text), "mem", &o,
					&err) == WDILOG_OK);
	CHECK(wdilog_report_read(rep, r, &err) == WDILOG_OK);
	wdilog_reader_free(r);
	return rep;
}

#define LOST3 "[0]0C34.2FF0::08/28/17-10:11:12.123 [d]x AssocStatus=0x0\n" \
	"Processing completed   Buffers: 5, Events: 209, EventsLost: 3 :: Format Errors: 0, Unknowns: 0\n"

static void reader_counts_reach_the_report(void)
{
	wdilog_report *a = read_text(LOST3);
	wdilog_report *b = read_text("no loss line here\n");
	CHECK(a->totals.events_lost_known);
	CHECK_EQ_U(a->totals.events_lost, 3);
	CHECK(a->inputs[0].events_lost_known);
	CHECK_EQ_U(a->inputs[0].events_lost, 3);
	CHECK(!b->totals.events_lost_known);
	CHECK(!b->inputs[0].events_lost_known);
	CHECK(!a->inputs[0].truncated);

	/* merge: known if either says, the sum of those that say */
	wdilog_error err = { 0 };
	CHECK(wdilog_report_merge(b, a, &err) == WDILOG_OK);
	CHECK(b->totals.events_lost_known);
	CHECK_EQ_U(b->totals.events_lost, 3);
	CHECK(wdilog_report_merge(b, a, &err) == WDILOG_OK);
	CHECK_EQ_U(b->totals.events_lost, 6);

	/* the gate: max-lost measures events lost */
	wdilog_gate *g = NULL;
	CHECK(wdilog_gate_new(&g, &err) == WDILOG_OK);
	wdilog_gate_set_limit(g, WDILOG_LIMIT_LOST, 5);
	CHECK(wdilog_report_evaluate(b, g, &err) == WDILOG_OK);
	CHECK(!wdilog_report_gate_passed(b));
	const wdilog_gate_check *c;
	CHECK_EQ_U(wdilog_report_gate_checks(b, &c), 1);
	char line[256];
	wdilog_gate_check_describe(&c[0], line, sizeof(line));
	CHECK_STR(line, "max-lost: 6 events the captures say they lost (an "
			"input that cannot say how many counts as 1), limit 5");
	wdilog_gate_set_limit(g, WDILOG_LIMIT_LOST, 6);
	CHECK(wdilog_report_evaluate(b, g, &err) == WDILOG_OK);
	CHECK(wdilog_report_gate_passed(b));
	wdilog_gate_free(g);
	wdilog_report_free(a);
	wdilog_report_free(b);
}

static void truncation_counts_as_damage(void)
{
	wdilog_report *rep = read_text("a\n");
	rep->inputs[0].truncated = true;
	rep->totals.truncated_inputs = 1;
	wdilog_gate *g = NULL;
	wdilog_error err = { 0 };
	CHECK(wdilog_gate_new(&g, &err) == WDILOG_OK);
	wdilog_gate_set_limit(g, WDILOG_LIMIT_DAMAGED, 0);
	CHECK(wdilog_report_evaluate(rep, g, &err) == WDILOG_OK);
	CHECK(!wdilog_report_gate_passed(rep));
	wdilog_gate_free(g);
	wdilog_report_free(rep);
}

static void words(void)
{
	struct wdl_input_stat in;
	memset(&in, 0, sizeof(in));
	char buf[256];
	CHECK_EQ_U(wdl_view_input_loss(&in, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "");
	in.truncated = true;
	in.events_lost_known = true;
	in.events_lost = 1;
	in.lost_uncounted = true;
	in.repaired = 2;
	in.preamble_lines = 1;
	wdl_view_input_loss(&in, buf, sizeof(buf));
	CHECK_STR(buf, "cut short (truncated); 1 event lost (the capture says "
		       "so); events lost, how many not known (the capture says "
		       "so); 2 events repaired; 1 preamble line passed over");
	/* cut to fit, always terminated */
	char small[8];
	wdl_view_input_loss(&in, small, sizeof(small));
	CHECK_STR(small, "cut sho");
	CHECK(wdl_view_input_lossy(&in));
	in.truncated = in.lost_uncounted = false;
	in.events_lost = 0;
	CHECK(!wdl_view_input_lossy(&in));
}

static void older_report_loads(void)
{
	static const char json[] =
		"{\"schema\": \"wdilog/1\", \"totals\": {\"events\": 1, \"with_status\": 0, \"without_status\": 1, \"undecoded\": 0, "
		"\"damaged\": 0, \"statuses\": 0, \"failures\": 0, \"benign\": 0, "
		"\"successes\": 0, \"unknown\": 0, \"malformed\": 0}, \"phases\": {"
		"\"success\": {\"statuses\": 0, \"failures\": 0, \"first\": null, \"last\": null}, "
		"\"general\": {\"statuses\": 0, \"failures\": 0, \"first\": null, \"last\": null}, "
		"\"probe\": {\"statuses\": 0, \"failures\": 0, \"first\": null, \"last\": null}, "
		"\"auth\": {\"statuses\": 0, \"failures\": 0, \"first\": null, \"last\": null}, "
		"\"assoc\": {\"statuses\": 0, \"failures\": 0, \"first\": null, \"last\": null}, "
		"\"disassociate\": {\"statuses\": 0, \"failures\": 0, \"first\": null, \"last\": null}, "
		"\"unknown\": {\"statuses\": 0, \"failures\": 0, \"first\": null, \"last\": null}}, "
		"\"codes\": [], \"inputs\": [{\"path\": \"a\", \"format\": \"wpp-text\", "
		"\"encoding\": \"utf-8\", \"events\": 1, \"damaged\": 0, \"statuses\": 0}]}";
	wdilog_report *rep = NULL;
	wdilog_error err = { 0 };
	CHECK_MSG(wdilog_report_load_json_memory(&rep, json, sizeof(json) - 1,
						 "old", NULL, &err) == WDILOG_OK,
		  "an older report loads: %s", err.message);
	if (!rep)
		return;
	CHECK(!rep->totals.events_lost_known);
	CHECK_EQ_U(rep->totals.truncated_inputs, 0);
	CHECK_EQ_U(rep->totals.repaired, 0);
	CHECK(!rep->inputs[0].truncated);
	wdilog_report_free(rep);
}

int main(void)
{
	reader_counts_reach_the_report();
	truncation_counts_as_damage();
	words();
	older_report_loads();
	return check_report("loss");
}
