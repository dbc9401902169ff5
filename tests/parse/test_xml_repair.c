/* Parse stage, XML: real exports that are not quite XML (formats.md 3a).
 * A raw '&' that starts no reference (Event Viewer copies) or a raw
 * control character in a value (Security logs) is taken as text: the
 * event is read with its status and counted as repaired, with one
 * warning per input; what a repair cannot fix stays damaged. */
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

static void expect(const char *input, const char *want, uint64_t repaired,
		   const char *diag, bool full_parse)
{
	struct diags dg = { 0 };
	wdilog_options opts;
	wdilog_options_init(&opts);
	opts.diag = on_diag;
	opts.diag_payload = &dg;
	opts.full_parse = full_parse;
	wdilog_reader *r;
	if (wdilog_reader_open_memory(&r, input, strlen(input), "input", &opts,
				      NULL) < 0) {
		CHECK(!"open");
		return;
	}
	char got[512] = "";
	size_t n = 0;
	wdilog_event ev;
	while (wdilog_reader_next(r, &ev, NULL) == WDILOG_OK && n < 400) {
		static const char kinds[] = "NWUD";
		n += (size_t)snprintf(got + n, sizeof(got) - n, "%c%llu",
				      kinds[ev.kind],
				      (unsigned long long)ev.line);
		for (size_t i = 0; i < ev.nstatuses; i++)
			n += (size_t)snprintf(got + n, sizeof(got) - n, " %u",
					      ev.statuses[i].code);
		n += (size_t)snprintf(got + n, sizeof(got) - n, "\n");
	}
	if (strcmp(got, want) != 0)
		fprintf(stderr, "input:\n%s\n", input);
	CHECK_STR(got, want);
	CHECK_EQ_U(wdl_reader_repaired(r), repaired);
	if (diag) {
		CHECK_STR(dg.first, diag);
		CHECK_EQ_U(dg.n, 1);
	} else {
		CHECK_EQ_U(dg.n, 0);
	}
	wdilog_reader_free(r);
}

#define EV(payload) "<Event><EventData>" payload "</EventData></Event>\n"

int main(void)
{
	for (int full = 0; full < 2; full++) {
		/* a raw '&' in a value, then one in an attribute */
		expect(EV("<Data Name=\"SSID\">Tom & Jerry</Data>"
			  "<Data Name=\"AssocStatus\">31</Data>")
		       EV("<Data Name=\"Note\">a&b</Data>"
			  "<Data Name=\"RoamReason\">15</Data>")
		       EV("<Data Name=\"AssocStatus\">41</Data>"),
		       "W1 31\nW2 15\nW3 41\n", 2,
		       "raw '&' that starts no reference read as text in an "
		       "<Event> element; event counted as repaired (later "
		       "repairs in this input are not reported one by one) "
		       "(byte 40)", full);
		/* a raw control character beside the value */
		expect(EV("<Data Name=\"AssocStatus\">31\x03</Data>"),
		       "W1 31\n", 1,
		       "raw control character read as text in an <Event> "
		       "element; event counted as repaired (later repairs in "
		       "this input are not reported one by one) (byte 45)",
		       full);
		/* an undefined entity is a reference: still damaged */
		expect(EV("<Data Name=\"AssocStatus\">&bogus;31</Data>")
		       EV("<Data Name=\"AssocStatus\">41</Data>"),
		       "D1\nW2 41\n", 0,
		       "malformed <Event> element (Entity 'bogus' not "
		       "defined); counted as damaged (byte 0)", full);
		/* a real reference and a well-formed event: nothing repaired */
		expect(EV("<Data Name=\"SSID\">Tom &amp; Jerry &#38;</Data>"
			  "<Data Name=\"AssocStatus\">31</Data>"),
		       "W1 31\n", 0, NULL, full);
	}
	return check_report("xml_repair");
}
