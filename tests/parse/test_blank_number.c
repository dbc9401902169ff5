/* Extract stage: the "key, blanks, number" form (doc/status-keys.md).
 * Off, it is no occurrence (formats.md section 4); on (only for the
 * measurement), it reads a decimal or 0x number after a default key and
 * nothing else. */
#include <string.h>

#include "check.h"
#include "parse/extract.h"

/* The distinct codes found in @p text, space-separated, or "-". */
static void expect(struct wdl_keyset *ks, bool on, const char *text,
		   const char *want)
{
	struct wdl_found f;
	char got[128] = "";
	size_t n = 0;
	ks->blank_number = on;
	wdl_found_init(&f);
	wdl_extract_text(ks, (struct wdl_span){ text, strlen(text) }, &f);
	for (size_t i = 0; i < f.n && n < sizeof(got); i++)
		n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%u",
				      i ? " " : "", f.values[i].code);
	if (!f.n)
		snprintf(got, sizeof(got), "-");
	if (strcmp(got, want) != 0)
		fprintf(stderr, "%s: %s\n", on ? "on" : "off", text);
	CHECK_STR(got, want);
	CHECK_EQ_U(f.nmalformed, 0);
	wdl_found_dispose(&f);
}

int main(void)
{
	struct wdl_keyset ks;
	CHECK(wdl_keyset_init(&ks, NULL, NULL) == WDILOG_OK);
	CHECK(!ks.blank_number);   /* off unless asked */

	/* the forms real driver prints use */
	expect(&ks, true, "Auth done, assocStatus 0x2 from firmware", "2");
	expect(&ks, true, "scan: Params.RoamingReason 10, 4 candidates", "10");
	expect(&ks, true, "AssocStatus\t 31", "31");
	expect(&ks, false, "Auth done, assocStatus 0x2 from firmware", "-");
	expect(&ks, false, "scan: Params.RoamingReason 10, 4 candidates", "-");

	/* only numbers, only after blanks, only after a default key */
	expect(&ks, true, "AssocStatus 31abc", "-");
	expect(&ks, true, "AssocStatus peer_deauthenticated", "-");
	expect(&ks, true, "AssocStatus -1", "-");
	expect(&ks, true, "AssocStatus 0x100000000", "-");
	expect(&ks, true, "AssocStatus", "-");
	expect(&ks, true, "AssocStatus31", "-");
	expect(&ks, true, "IHVAssociationStatus 5", "-");
	expect(&ks, true, "Status 5 Reason 4", "-");

	/* the separator rule is unchanged, and one value is one record */
	expect(&ks, true, "AssocStatus 31 AssocStatus=31", "31");
	expect(&ks, true, "AssocStatus=0x1f RoamReason 15", "31 15");
	expect(&ks, false, "AssocStatus=0x1f RoamReason 15", "31");
	wdl_keyset_dispose(&ks);
	return check_report("blank_number");
}
