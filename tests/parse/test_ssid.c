/* SSIDs in an event's context (doc/report.md, "Context of a status
 * record"): the free-text forms a WPP message may print, the structured
 * fields of XML and wevtutil text, what is no SSID, and the 64-byte cut on
 * a character boundary. */
#include <string.h>

#include "check.h"
#include "parse/context.h"

/* The SSID free text @p text names, or "(none)". */
static const char *ssid_of(const char *text)
{
	static char buf[WDL_SSID_MAX + 1];
	struct wdl_context c;
	wdl_context_reset(&c);
	wdl_context_text(&c, text, strlen(text));
	const wdilog_context *x = wdl_context_emit(&c);
	snprintf(buf, sizeof(buf), "%s", x->ssid ? x->ssid : "(none)");
	return buf;
}

static void test_free_text(void)
{
	CHECK_STR(ssid_of("AssocStatus=31 SSID=Lobby, BSSID=00:11:22:33:44:55"),
		  "Lobby");
	CHECK_STR(ssid_of("connect Ssid: GuestNet AssocStatus=0x1f"), "GuestNet");
	CHECK_STR(ssid_of("ssid = CorpWiFi;"), "CorpWiFi");
	CHECK_STR(ssid_of("Target SSID is Lab5 (hidden)"), "Lab5");
	CHECK_STR(ssid_of("(SSID=Lab)"), "Lab");
	/* quoted: blanks and punctuation kept up to the same quote */
	CHECK_STR(ssid_of("SSID=\"Tom & Jerry, 5G\" AssocStatus=1"),
		  "Tom & Jerry, 5G");
	CHECK_STR(ssid_of("Ssid: 'it\"s'"), "it\"s");
	CHECK_STR(ssid_of("{\"Ssid\":\"Home\",\"AssocStatus\":31}"), "Home");
	/* bracketed */
	CHECK_STR(ssid_of("SSID=[Lobby Wi-Fi] status 31"), "Lobby Wi-Fi");
	CHECK_STR(ssid_of("Dot11Ssid: <Cafe Bar>"), "Cafe Bar");
	CHECK_STR(ssid_of("ssid_name=Office"), "Office");
	/* non-ASCII kept as UTF-8; a hex form stays the text written */
	CHECK_STR(ssid_of("SSID=Caf\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac x"),
		  "Caf\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac");
	CHECK_STR(ssid_of("SSID=0x4C6F626279"), "0x4C6F626279");
	/* the first one wins */
	CHECK_STR(ssid_of("SSID=A then SSID=B"), "A");
	/* no SSID: no separator, an empty value, a quote never closed, the
	 * BSSID, other words */
	CHECK_STR(ssid_of("scanning the SSID list"), "(none)");
	CHECK_STR(ssid_of("SSID 31 failed"), "(none)");
	CHECK_STR(ssid_of("SSID= , next"), "(none)");
	CHECK_STR(ssid_of("SSID=\"\" hidden"), "(none)");
	CHECK_STR(ssid_of("SSID=\"never closed"), "(none)");
	CHECK_STR(ssid_of("SSID=[never closed"), "(none)");
	CHECK_STR(ssid_of("BSSID=00:11:22:33:44:55 bssid: 00:11:22:33:44:66"),
		  "(none)");
	CHECK_STR(ssid_of("SSIDs=3 SsidCount: 4 MySsid=x"), "(none)");
}

static void test_cut(void)
{
	/* 70 bytes: cut to 64 */
	char line[128] = "SSID=";
	for (int i = 0; i < 70; i++)
		strcat(line, "a");
	CHECK_EQ_U(strlen(ssid_of(line)), 64);
	/* 63 ASCII bytes then a 3-byte character: never half of it */
	strcpy(line, "SSID=");
	for (int i = 0; i < 63; i++)
		strcat(line, "b");
	strcat(line, "\xe6\x97\xa5");
	const char *s = ssid_of(line);
	CHECK_EQ_U(strlen(s), 63);
	char out[WDL_SSID_MAX + 1];
	wdl_ssid_copy(out, "\xc3\xa9", 2);
	CHECK_STR(out, "\xc3\xa9");
}

static void test_fields(void)
{
	struct wdl_context c;
	/* <Data Name="SSID"> wins over free text in the message */
	wdl_context_reset(&c);
	wdl_context_xml_start(&c, "Message");
	wdl_context_xml_text(&c, "SSID=FromText", 13);
	wdl_context_xml_end(&c);
	wdl_context_xml_start(&c, "Data");
	wdl_context_xml_attr(&c, "Data", "Name", "SSID");
	wdl_context_xml_text(&c, " Field Net ", 11);
	wdl_context_xml_end(&c);
	CHECK_STR(wdl_context_emit(&c)->ssid, "Field Net");
	/* a UserData leaf named Ssid */
	wdl_context_reset(&c);
	wdl_context_xml_start(&c, "Ssid");
	wdl_context_xml_text(&c, "Leaf<&>", 7);
	wdl_context_xml_end(&c);
	CHECK_STR(wdl_context_emit(&c)->ssid, "Leaf<&>");
	/* wevtutil text */
	wdl_context_reset(&c);
	wdl_context_eventlog_line(&c, "SSID: Studio 5G\r", 16);
	CHECK_STR(wdl_context_emit(&c)->ssid, "Studio 5G");
	/* reset forgets it */
	wdl_context_reset(&c);
	CHECK(wdl_context_emit(&c)->ssid == NULL);
}

int main(void)
{
	test_free_text();
	test_cut();
	test_fields();
	return check_report("ssid");
}
