/* XML fast path = full parse. Every sample, and generated events mutated
 * toward everything the plain-event proof must reject (comments, CDATA,
 * references, prefixes, duplicate attributes, bad names, controls, ]]>,
 * Unknown(, undecodable elements, broken nesting, cuts), and long
 * comments, CDATA, PIs, DOCTYPEs and text on either side of every window
 * limit, give the same report with the pre-filter as with every event
 * through libxml2. */
#include <stdint.h>

#include "check.h"
#include "parse/parse_xml.h"
#include "parse/prefilter_xml.h"
#include "run_reader.h"

static uint64_t seed = 7;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)((seed >> 33) % n);
}

static const char *const base_events[] = {
	("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n"
	"\t<System>\n\t\t<Provider Name=\"wdi\" Guid=\"{9580d7dd-0379-4658-9870-d5be7d52d6de}\"/>\n"
	"\t\t<TimeCreated SystemTime=\"2024-03-05T08:12:44.1234567Z\"/>\n"
	"\t\t<Execution ProcessID=\"4\" ThreadID=\"8\" ProcessorID=\"1\"/>\n"
	"\t</System>\n\t<DebugData>\n\t\t<Message>Port up, rate 866 &amp; 5 GHz</Message>\n"
	"\t</DebugData>\n</Event>\n"),
	("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">"
	"<System><TimeCreated SystemTime=\"2024-03-05T08:12:45Z\"/></System>"
	"<EventData><Data Name=\"SSID\">lab</Data><Data Name=\"Reason\">4</Data></EventData>"
	"<RenderingInfo Culture='en-US'><Message>Disconnected &lt;lab&gt;</Message></RenderingInfo></Event>\n"),
	("<Event><System><TimeCreated SystemTime=\"2024-03-05T08:12:46Z\"/></System>"
	"<UserData><Wrap a=\"1\" b=\"2\"><Leaf>x</Leaf></Wrap></UserData></Event>\n"),
};

static const char *const inserts[] = {
	"<!-- c -->", "<![CDATA[ x ]]>", "<?pi x?>", "&#65;", "&#x41;", "&nbsp;",
	"&amp", "]]>", "Unknown( 5): GUID=0b2a6f1e-4c3d-4e21-9a7b-d15c3e8f2a40",
	"<BinaryEventData>00</BinaryEventData>", "<ProcessingErrorData/>",
	"<p:X xmlns:p=\"urn:p\"/>", "<X a=\"1\" a=\"2\"/>", "<X a=\"1\"b=\"2\"/>",
	"<1X/>", "<X/ >", "<X a=1/>", "<X a=\"<\"/>", "\x01", "\x7f", "\xc3\xa9",
	"</Y>", "<Y>", "AssocStatus=31", "WDI_ASSOC_STATUS_NO_AUTH_RESPONSE",
	"<Data Name=\"AssocStatus\">7</Data>", "<AssocStatus>44</AssocStatus>",
	"assocstatus", "Processor", "<X\ta='1'\n/>", "<Event>", "</Event>",
	"<X></X >", "<X></ X>", "&quot;&apos;", "\r", "<X a=\"&amp;\"/>",
	"<!DOCTYPE x>", "<X a=\"\xe2\x80\x8b\"/>", ">", "<", "&",
};

static size_t mutate(const char *src, char *dst, size_t cap)
{
	size_t n = strlen(src), o = 0;
	int edits = 1 + (int)rnd(3);
	size_t at[4];
	for (int e = 0; e < edits; e++)
		at[e] = rnd((unsigned)n + 1);
	for (size_t i = 0; i <= n && o + 128 < cap; i++) {
		for (int e = 0; e < edits; e++) {
			if (at[e] != i)
				continue;
			unsigned kind = rnd(4);
			if (kind == 0 && i < n) {
				i++;      /* delete a byte */
			} else if (kind == 1 && i < n) {
				dst[o++] = (char)(' ' + rnd(95));
			} else {
				const char *ins = inserts[rnd(sizeof(inserts) / sizeof(inserts[0]))];
				size_t k = strlen(ins);
				memcpy(dst + o, ins, k);
				o += k;
			}
		}
		if (i < n)
			dst[o++] = src[i];
	}
	return o;
}

static void compare(const char *buf, size_t len, const char *what)
{
	wdilog_options fast, full;
	wdilog_options_init(&fast);
	full = fast;
	full.full_parse = true;
	char *a = json_of(buf, len, 0, &fast);
	char *b = json_of(buf, len, 0, &full);
	bool same = a && b && strcmp(a, b) == 0;
	if (!same && check_failures < 5)
		fprintf(stderr, "fast != full on %s:\n%.*s\n", what, (int)(len > 2000 ? 2000 : len), buf);
	CHECK(same);
	free(a);
	free(b);
}

static void samples(void)
{
	static const char *const names[] = {
		"tracerpt.xml", "tracerpt-complete-no-root-end.xml",
		"tracerpt-truncated.xml", "wevtutil-events.xml",
		"wevtutil-events-utf16.xml",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", SAMPLES_DIR, names[i]);
		size_t len;
		char *data = read_file(path, &len);
		CHECK(data != NULL);
		if (data)
			compare(data, len, names[i]);
		free(data);
	}
}

static void mutations(void)
{
	char *buf = malloc(1 << 16);
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;
		int events = 1 + (int)rnd(4);
		for (int e = 0; e < events; e++) {
			const char *src = base_events[rnd(3)];
			if (rnd(3) == 0) {
				size_t n = strlen(src);
				memcpy(buf + len, src, n);
				len += n;
			} else {
				len += mutate(src, buf + len, (1 << 16) - len);
			}
		}
		if (rnd(8) == 0)
			len = rnd((unsigned)len + 1);   /* cut anywhere */
		compare(buf, len, "mutated events");
	}
	free(buf);
}

/* Long markup, between events and inside one, on either side of the
 * window's first size and of the largest event it keeps: the plain-event
 * proof gives up where the framer does. */
static void long_markup(void)
{
	static const char *const open_close[][2] = {
		{ "<!--", "-->" }, { "<![CDATA[", "]]>" }, { "<?pi ", "?>" },
		{ "<!DOCTYPE Events [ <!-- it's [ -->", "]>" },
		{ "<Wrap a='", "'/>" }, { "", "" },   /* plain text */
	};
	static const char ev[] = "<Event><EventData><Data Name=\"AssocStatus\">"
				 "31</Data></EventData></Event>\n";
	static const char head[] = "<Event><System><TimeCreated "
				   "SystemTime=\"2024-03-05T08:12:44Z\"/>"
				   "</System><DebugData><Message>";
	static const char tail[] = "</Message></DebugData></Event>\n";
	const size_t sizes[] = { 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1,
				 WDL_EVENT_MAX - 128, WDL_EVENT_MAX - 64,
				 WDL_EVENT_MAX, WDL_EVENT_MAX + 64,
				 WDL_EVENT_MAX + 65 };
	size_t cap = WDL_EVENT_MAX + 64 * 1024;
	char *buf = malloc(cap);
	for (size_t k = 0; k < sizeof(open_close) / sizeof(open_close[0]); k++) {
		const char *o = open_close[k][0], *c = open_close[k][1];
		bool doctype = strncmp(o, "<!D", 3) == 0;
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			for (int in_event = 0; in_event < 2; in_event++) {
				if (doctype && in_event)
					continue;
				/* the whole event, or the construct alone, is
				 * sizes[i] bytes */
				size_t fixed = strlen(o) + strlen(c) +
					       (in_event ? strlen(head) + strlen(tail) : 0);
				size_t n = sizes[i] - fixed, len = 0;
				if (!doctype)
					len += (size_t)snprintf(buf, cap, "%s", ev);
				if (in_event)
					len += (size_t)snprintf(buf + len, cap - len, "%s", head);
				len += (size_t)snprintf(buf + len, cap - len, "%s", o);
				for (size_t f = 0; f < n; f++)
					buf[len + f] = f % 80 == 79 ? '\n' : 'x';
				len += n;
				len += (size_t)snprintf(buf + len, cap - len, "%s%s%s",
							c, in_event ? tail : "\n", ev);
				char what[96];
				snprintf(what, sizeof(what), "'%s' %zu bytes%s", o,
					 sizes[i], in_event ? " in an event" : "");
				compare(buf, len, what);
			}
		}
	}
	free(buf);
}

static void plain_proof(void)
{
	/* the proof accepts the usual shape and nothing with a key word */
	wdilog_options o;
	wdilog_options_init(&o);
	struct wdl_keyset ks;
	wdl_keyset_init(&ks, &o, NULL);
	struct wdl_prefilter pf;
	wdl_prefilter_init(&pf, &ks);
	const char *ok = base_events[0];
	CHECK(wdl_xml_event_is_plain(&ks, &pf, ok, strlen(ok) - 1));
	const char bad[] = "<Event><X>AssocStatus=31</X></Event>";
	CHECK(!wdl_xml_event_is_plain(&ks, &pf, bad, sizeof(bad) - 1));
	const char more[] = "<Event><X>partial";
	CHECK(wdl_xml_plain_event_length(&ks, &pf, more, sizeof(more) - 1) == WDL_XML_MORE);
	/* what makes text or a value not plain, at every offset across the
	 * 64-byte blocks the search marks */
	static const struct {
		const char *ins;
		bool plain;
	} cases[] = { { "&amp;", true }, { "]", true }, { "U", true },
		      { "\x7f", true }, { "\x01", false }, { "\x80", false },
		      { "&bad;", false }, { "]]>", false }, { "Unknown(", false },
		      { "<", false } };
	char buf[512];
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		for (int in_attr = 0; in_attr < 2; in_attr++) {
			for (size_t at = 0; at < 140; at++) {
				int n = snprintf(buf, sizeof(buf), in_attr ? "<Event><M a=\"%*s%s%*s\"/></Event>"
									 : "<Event><M>%*s%s%*s</M></Event>",
						 (int)at, "", cases[c].ins, 150 - (int)at, "");
				/* ']]>' and 'Unknown(' are plain inside a value */
				bool want = cases[c].plain ||
					    (in_attr && (cases[c].ins[0] == ']' || cases[c].ins[0] == 'U'));
				bool got = wdl_xml_event_is_plain(&ks, &pf, buf, (size_t)n);
				if (got != want)
					fprintf(stderr, "plain('%s' at %zu%s) = %d\n", cases[c].ins, at,
						in_attr ? " in a value" : "", got);
				CHECK(got == want);
			}
		}
	}
	wdl_keyset_dispose(&ks);
}

int main(void)
{
	/* both searches of the proof: SSE2 (where built) and bytewise */
	for (int portable = 0; portable < 2; portable++) {
		wdl_prefilter_xml_portable(portable);
		seed = 7;
		plain_proof();
		samples();
		long_markup();
		mutations();
	}
	wdl_prefilter_xml_portable(false);
	return check_report("xml_fastpath");
}
