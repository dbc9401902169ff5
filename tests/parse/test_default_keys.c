/* Extract stage: the default keys from real WDI code (formats.md 3a,
 * doc/status-keys.md) count, in text and XML; IHVAssociationStatus and a
 * key followed only by blanks and a number never do. */
#include "check.h"
#include "run_reader.h"

/* Status codes of the first event of @p input, space-separated. */
static void expect_codes(const char *input, const char *want)
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
	while (wdilog_reader_next(r, &ev, NULL) == WDILOG_OK)
		for (size_t i = 0; i < ev.nstatuses && n < 200; i++)
			n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%u",
					      n ? " " : "",
					      ev.statuses[i].code);
	wdilog_reader_free(r);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "input: %s\n", input);
	CHECK_STR(got, want);
}

int main(void)
{
	expect_codes("DisassociationWABIReason=14\n", "14");
	expect_codes("RoamNeededReason: 15\n", "15");
	expect_codes("roamwabireason=0x0a\n", "10");
	expect_codes("{\"associationStatusCode\":54}\n", "54");
	expect_codes("<Event><EventData><Data Name=\"DisassociationWABIReason\">"
		     "61</Data><Data Name=\"roamWabiReason\">15</Data>"
		     "</EventData></Event>\n", "61 15");
	expect_codes("<Event><UserData><Roam><RoamNeededReason>10"
		     "</RoamNeededReason></Roam></UserData></Event>\n", "10");
	/* an IHV's HRESULT, not a WDI status */
	expect_codes("IHVAssociationStatus=5 IHVAssociationStatus: 0x80004005\n",
		     "");
	expect_codes("<Event><EventData><Data Name=\"IHVAssociationStatus\">5"
		     "</Data></EventData></Event>\n", "");
	/* a key, blanks and a number: no separator, no occurrence */
	expect_codes("assocStatus 0x2 Params.RoamingReason 10\n", "");
	return check_report("default_keys");
}
