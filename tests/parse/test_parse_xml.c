/* Parse stage, XML: what counts (Data Name=KEY under EventData, UserData
 * leaves, text and CDATA, attribute values, Messages), what does not
 * (comments, non-leaf UserData), undecoded and damaged events, and
 * resuming after a broken event. */
#include "check.h"
#include "run_reader.h"

#define EV(body) "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">" \
	"<System><TimeCreated SystemTime=\"2024-03-05T08:12:44.1234567Z\"/></System>" \
	body "</Event>\n"

static void expect_events(const char *input, const char *want)
{
	const char *format = NULL;
	char *got = events_of(input, strlen(input), NULL, &format);
	bool ok = got && strcmp(got, want) == 0;
	if (!ok)
		fprintf(stderr, "input:\n%s\ngot:\n%sexpected:\n%s", input,
			got ? got : "(null)", want);
	CHECK(ok);
	CHECK_STR(format, "event-xml");
	free(got);
}

static void event_data(void)
{
	expect_events(EV("<EventData><Data Name=\"AssocStatus\">31</Data>"
			 "<Data Name=\"Other\">41</Data></EventData>"),
		      "W1 m=0 31\n");
	/* key names match in any case; empty and self-closed values are malformed */
	expect_events(EV("<EventData><Data Name=\"assocstatus\">0x32</Data></EventData>"),
		      "W1 m=0 50\n");
	expect_events(EV("<EventData><Data Name=\"AssocStatus\"></Data>"
			 "<Data Name=\"RoamReason\"/></EventData>"),
		      "N1 m=2\n");
	/* Data not directly under EventData does not count by name */
	expect_events(EV("<Other><Data Name=\"AssocStatus\">31</Data></Other>"),
		      "N1 m=0\n");
}

static void user_data(void)
{
	expect_events(EV("<UserData><Outer xmlns=\"urn:x\"><Inner>"
			 "<AssociationStatus>44</AssociationStatus></Inner></Outer></UserData>"),
		      "W1 m=0 44\n");
	/* not a leaf: its text does not count as the key's value */
	expect_events(EV("<UserData><AssocStatus>7<Child>x</Child></AssocStatus></UserData>"),
		      "N1 m=0\n");
}

static void text_rules(void)
{
	/* DebugData Message text, CDATA, attribute values; comments ignored */
	expect_events(EV("<DebugData><Message>connect failed AssocStatus=0x1f</Message></DebugData>"),
		      "W1 m=0 31\n");
	expect_events(EV("<DebugData><Message><![CDATA[x <y> WDI_ASSOC_STATUS_NO_AUTH_RESPONSE]]></Message></DebugData>"),
		      "W1 m=0 41\n");
	expect_events(EV("<X note=\"RoamReason=15\"/>"), "W1 m=0 15\n");
	expect_events(EV("<!-- AssocStatus=1 --><X/>"), "N1 m=0\n");
	/* Data value and the rendered message repeat: one record */
	expect_events(EV("<EventData><Data Name=\"AssocStatus\">31</Data></EventData>"
			 "<RenderingInfo><Message>AssocStatus: 31</Message></RenderingInfo>"),
		      "W1 m=0 31\n");
}

static void undecoded(void)
{
	expect_events(EV("<DebugData><Message>Unknown( 12): GUID=3F6B9A12-8C4D-4E5F-A1B2-C3D4E5F60718 (No Format Information found).</Message></DebugData>"),
		      "U1 m=0 guid=3f6b9a12-8c4d-4e5f-a1b2-c3d4e5f60718\n");
	expect_events(EV("<BinaryEventData>0A0B</BinaryEventData>"), "U1 m=0\n");
	expect_events(EV("<ProcessingErrorData><ErrorCode>15003</ErrorCode></ProcessingErrorData>"),
		      "U1 m=0\n");
}

static void damage_and_resume(void)
{
	/* mismatched tag: damaged; the next event still counts */
	expect_events("<Events>\n"
		      EV("<EventData><Data Name=\"AssocStatus\">31</Data></EventData></Sytem>")
		      EV("<EventData><Data Name=\"AssocStatus\">41</Data></EventData>")
		      "</Events>\n",
		      "D2 m=0\nW3 m=0 41\n");
	/* an event never closed before the next <Event */
	expect_events("<Event><EventData><Data Name=\"AssocStatus\">31</Data>\n"
		      EV("<EventData><Data Name=\"AssocStatus\">41</Data></EventData>"),
		      "D1 m=0\nW2 m=0 41\n");
	/* cut mid-event at the end of the file */
	expect_events(EV("<EventData><Data Name=\"AssocStatus\">31</Data></EventData>")
		      "<Event><EventData><Data Name=\"AssocSta",
		      "W1 m=0 31\nD2 m=0\n");
	/* an undefined entity is damage; DTD entities are never expanded */
	expect_events("<!DOCTYPE Events [<!ENTITY s \"AssocStatus=31\">]>\n<Events>\n"
		      EV("<X>&s;</X>") EV("<X>&amp; AssocStatus=41</X>") "</Events>",
		      "D3 m=0\nW4 m=0 41\n");
}

static void framing(void)
{
	/* no root, back to back, a self-closing event, comments and PIs between */
	expect_events("<?xml version=\"1.0\"?><!-- <Event> in a comment -->"
		      EV("<X>AssocStatus=1</X>") "<Event/>"
		      "<?pi <Event>?>" EV("<X>AssocStatus=2</X>"),
		      "W1 m=0 1\nN2 m=0\nW2 m=0 2\n");
	/* a '>' inside an attribute value does not end the start tag */
	expect_events("<Event a=\"x>y\"><X>AssocStatus=3</X></Event>",
		      "W1 m=0 3\n");
}

static void times(void)
{
	const char in[] = EV("<X>AssocStatus=31</X>");
	char *json = json_of(in, sizeof(in) - 1, 0, NULL);
	CHECK(json && strstr(json, "\"first\": \"2024-03-05T08:12:44.1234567Z\"") != NULL);
	free(json);
}

int main(void)
{
	event_data();
	user_data();
	text_rules();
	undecoded();
	damage_and_resume();
	framing();
	times();
	return check_report("parse_xml");
}
