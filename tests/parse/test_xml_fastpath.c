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

/* ---- the index and the kept shapes against the walk ----
 * Without libxml2: the structure part of the proof by the index and by
 * the kept shapes must give the walk's answer wherever they answer, and
 * (the shapes) always. */

static const enum wdl_xml_index levels[] = {
	WDL_XML_INDEX_SCALAR, WDL_XML_INDEX_SSE2, WDL_XML_INDEX_AVX2,
};
#define NLEVELS (sizeof(levels) / sizeof(levels[0]))

static struct wdl_xml_shapes shapes[NLEVELS];
static uint64_t index_answers, walk_plain;

/* @p sure: the walk's plain answer must come from the index too (no byte
 * near the end asks for more) */
static void same_structure(const char *buf, size_t len, bool sure,
			   const char *what)
{
	size_t walk = wdl_xml_subset_length(buf, len, WDL_XML_INDEX_OFF);
	bool plain = walk != 0 && walk != WDL_XML_MORE;
	walk_plain += plain;
	for (size_t l = 0; l < NLEVELS; l++) {
		size_t ix = wdl_xml_subset_length(buf, len, levels[l]);
		size_t sh = wdl_xml_shape_length(&shapes[l], buf, len, levels[l]);
		bool ok = (ix == 0 || ix == walk) && (!sure || !plain || ix == walk) &&
			  sh == walk;
		index_answers += ix != 0;
		if (!ok && check_failures < 5)
			fprintf(stderr, "%s (level %d): walk %zu, index %zu, shape %zu:\n%.*s\n",
				what, (int)levels[l], walk, ix, sh,
				(int)(len > 600 ? 600 : len), buf);
		CHECK(ok);
	}
}

/* The event this shapes: blank text between tags, values and text that
 * vary. */
static int shaped(char *buf, size_t cap, const char *pad, const char *text,
		  const char *value, const char *wsp)
{
	return snprintf(buf, cap,
			"<Event xmlns=\"urn:e\">\r\n\t<System>%s\r\n"
			"\t\t<Provider Name=\"%s\" Guid='{9580}'%s/>\r\n"
			"\t\t<EventID>%s</EventID>\r\n\t</System>\r\n"
			"\t<Data a=\"1\" b=\"%s\"></Data>\r\n</Event>",
			pad, value, wsp, text, value);
}

static void byte_classes(void)
{
	char buf[1024], pad[160], txt[200], val[200];
	/* every byte in text, in a value, in blank text and in a tag, at
	 * every offset of two blocks */
	for (int b = 1; b < 256; b++) {
		for (size_t at = 0; at < 130; at++) {
			memset(pad, ' ', at);
			pad[at] = '\0';
			snprintf(txt, sizeof(txt), "%s%c5", pad, b);
			snprintf(val, sizeof(val), "x%s%cy", pad, b);
			char one[2] = { (char)b, 0 };
			int n = shaped(buf, sizeof(buf), "", txt, "v", "");
			same_structure(buf, (size_t)n, true, "a byte in text");
			n = shaped(buf, sizeof(buf), "", "5", val, "");
			same_structure(buf, (size_t)n, true, "a byte in a value");
			n = shaped(buf, sizeof(buf), pad, "5", "v", one);
			same_structure(buf, (size_t)n, true, "a byte in a tag");
			snprintf(val, sizeof(val), "%s%s", pad, one);
			n = shaped(buf, sizeof(buf), val, "5", "v", "");
			same_structure(buf, (size_t)n, true, "a byte in blank text");
		}
	}
}

/* Tags, names, quotes and entities across the block edges: a run of
 * k bytes before them moves each over every offset. */
static void block_edges(void)
{
	static const char *const tails[] = {
		"<A b=\"c\" d='e&amp;f' g = \"h\"/>", "<Long.Name-1_x>t</Long.Name-1_x >",
		"<A b=\"c>d\"/>", "<A b='c\"d'/>", "<A b=\"c'd\"/>", "<A\r\nb=\"1\"\t/>",
		"<A b=\"1\" b=\"2\"/>", "<A b=\"1\"c=\"2\"/>", "<A></B>", "<A b=\"<\"/>",
		"<x:A/>", "<A b:c=\"1\"/>", "&lt;&gt;&quot;&apos;&amp;", "&am;", "]]>",
		"]]", "Unknown(", "Unknown", "<Event/>", "<BinaryEventData/>",
		"<ProcessingErrorData/>", "<A/ >", "<A b=1/>", "</A>", "<!-- -->",
	};
	char buf[1024];
	for (size_t t = 0; t < sizeof(tails) / sizeof(tails[0]); t++) {
		for (int k = 0; k < 140; k++) {
			for (int where = 0; where < 2; where++) {
				int n = where == 0
					? snprintf(buf, sizeof(buf), "<Event><S>%*s%s</S></Event>", k, "", tails[t])
					: snprintf(buf, sizeof(buf), "<Event a=\"%*s\"><S>x</S>%s</Event>", k, "", tails[t]);
				same_structure(buf, (size_t)n, true, "across a block edge");
				/* cut anywhere: the walk asks for more */
				same_structure(buf, (size_t)(k + 12) % ((size_t)n + 1), false, "a cut event");
			}
		}
	}
}

/* Longer than a kept shape holds, and deeper than the walk allows. */
static void long_events(void)
{
	size_t cap = 64 * 1024;
	char *buf = malloc(cap);
	for (int tags = 1; tags < 400; tags += 37) {
		size_t len = (size_t)snprintf(buf, cap, "<Event>");
		for (int k = 0; k < tags; k++)
			len += (size_t)snprintf(buf + len, cap - len,
						"\r\n\t<Data Name=\"n%d\" Type=\"t\">%d</Data>", k, k);
		len += (size_t)snprintf(buf + len, cap - len, "\r\n</Event>");
		same_structure(buf, len, true, "a long event");
		same_structure(buf, len, true, "a long event again");
	}
	for (int depth = 30; depth < 35; depth++) {
		size_t len = 0;
		for (int k = 0; k < depth; k++)
			len += (size_t)snprintf(buf + len, cap - len, "<Event%s>", k ? "X" : "");
		for (int k = depth - 1; k >= 0; k--)
			len += (size_t)snprintf(buf + len, cap - len, "</Event%s>", k ? "X" : "");
		same_structure(buf, len, true, "a deep event");
		same_structure(buf, len, true, "a deep event again");
	}
	free(buf);
}

/* Mutated events in a row: each is held to the shapes the ones before it
 * left, the broken ones too. */
static void mutated_shapes(void)
{
	char *buf = malloc(1 << 16);
	for (int round = 0; round < 20000; round++) {
		const char *src = base_events[rnd(3)];
		size_t len;
		if (rnd(3) == 0) {
			len = strlen(src);
			memcpy(buf, src, len);
		} else {
			len = mutate(src, buf, 1 << 16);
		}
		same_structure(buf, len, false, "a mutated event");
	}
	free(buf);
}

/* A shape watched over its first matches: the runs that never changed
 * join their pieces, and an event that changes one of them, or puts a
 * byte outside the subset in a run still looked at, gets the walk's
 * answer. */
static void settled_shapes(void)
{
	char buf[512], txt[16];
	for (size_t l = 0; l < NLEVELS; l++) {
		struct wdl_xml_shapes *sh = &shapes[l];
		memset(sh, 0, sizeof(*sh));
		unsigned pieces = 0;
		for (int k = 0; k < WDL_XML_SK_WATCH + 4; k++) {
			snprintf(txt, sizeof(txt), "%d", k * 7);
			int n = shaped(buf, sizeof(buf), "", txt, "v", "");
			size_t walk = wdl_xml_subset_length(buf, (size_t)n, WDL_XML_INDEX_OFF);
			CHECK(walk == (size_t)n);
			CHECK(wdl_xml_shape_length(sh, buf, (size_t)n, levels[l]) == walk);
			if (k == 0)
				pieces = sh->s[sh->last].nseg;
		}
		/* one run (the EventID text) is still looked at */
		const struct wdl_xml_skeleton *sk = &sh->s[sh->last];
		CHECK(sk->seen == WDL_XML_SK_WATCH && sk->nseg == 2 && pieces > 2);
		CHECK(sh->hits == WDL_XML_SK_WATCH + 3);
		static const struct {
			const char *text, *value;
		} odd[] = { { "5", "w" }, { "5\x01", "v" }, { "&amp;", "v" },
			    { "]]>", "v" }, { "<", "v" }, { "5", "v&quot;" } };
		for (size_t o = 0; o < sizeof(odd) / sizeof(odd[0]); o++) {
			int n = shaped(buf, sizeof(buf), "", odd[o].text, odd[o].value, "");
			same_structure(buf, (size_t)n, true, "a settled shape");
		}
	}
}

/* Key words looked for in the runs only, once a shape matched: the same
 * answer as the whole event's, with words in runs, at a run's edge, and
 * keys that are names in the pieces (attribute and element names). */
static void words_in_runs(void)
{
	size_t lines_counted = 0;
	static const char *const words[] = {
		"AssocStatus", "assocstatus=4", "xAssocStatus", "WDI_ASSOC_STATUS_X",
		"RoamReason", "Roam", "Processor", "sso", "oam", "Unknown", "&lt;",
		"Status", "x", "", "a\nb", "\n\n\n",
	};
	static const char *const keys[] = { NULL, "Name", "Tag", "EventID" };
	char buf[512];
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		wdilog_options o;
		wdilog_options_init(&o);
		const char *const extra[1] = { keys[k] };
		if (keys[k]) {
			o.keys = extra;
			o.nkeys = 1;
		}
		struct wdl_keyset ks;
		if (wdl_keyset_init(&ks, &o, NULL) < 0) {
			CHECK(!"keyset");
			continue;
		}
		struct wdl_prefilter pf;
		wdl_prefilter_init(&pf, &ks);
		static struct wdl_xml_shapes sh;
		memset(&sh, 0, sizeof(sh));
		for (int round = 0; round < 3; round++) {
			for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
				for (int where = 0; where < 3; where++) {
					int n = shaped(buf, sizeof(buf), "",
						       where == 0 ? words[w] : "5",
						       where == 1 ? words[w] : "v",
						       where == 2 && round == 2 ? " Tag=\"1\"" : "");
					size_t want = wdl_xml_plain_event_length(&ks, &pf, NULL, buf, (size_t)n);
					size_t got = wdl_xml_plain_event_length(&ks, &pf, &sh, buf, (size_t)n);
					if (want != got)
						fprintf(stderr, "key words: '%s' (%d, key %s): %zu, shapes %zu\n",
							words[w], where, keys[k] ? keys[k] : "-", want, got);
					CHECK(want == got);
					/* the newlines, when the shape counted them */
					size_t nl = 0;
					for (int b = 0; b < n; b++)
						nl += buf[b] == '\n';
					CHECK(sh.lines == WDL_XML_NO_LINES || (got == (size_t)n && sh.lines == nl));
					lines_counted += sh.lines != WDL_XML_NO_LINES;
				}
			}
		}
		CHECK(sh.hits > 10);
		wdl_keyset_dispose(&ks);
	}
	CHECK(lines_counted > 50);
}

/* Runs longer than the buffer they are gathered in: a shape kept from a
 * short event matches a later one whose text and values run to many
 * kilobytes (fuzz_reader found the copy past the buffer). The answer stays
 * the whole event's, with a key word before, inside and past the size the
 * buffer has. */
static void long_runs(void)
{
	wdilog_options o;
	wdilog_options_init(&o);
	struct wdl_keyset ks;
	if (wdl_keyset_init(&ks, &o, NULL) < 0) {
		CHECK(!"keyset");
		return;
	}
	struct wdl_prefilter pf;
	wdl_prefilter_init(&pf, &ks);
	static struct wdl_xml_shapes sh;
	memset(&sh, 0, sizeof(sh));
	static char buf[40000], text[12000], value[12000];
	static const size_t sizes[] = { 10, 3000, WDL_XML_SK_BYTES,
					WDL_XML_SK_BYTES + WDL_XML_SK_PIECES + 1,
					11000 };
	static const size_t at[] = { 0, 2000, 4300, 10900 };
	size_t plain = 0, matched = 0;
	for (int round = 0; round < 2 * WDL_XML_SK_WATCH; round++) {
		for (size_t t = 0; t < sizeof(sizes) / sizeof(sizes[0]); t++) {
			for (size_t w = 0; w <= sizeof(at) / sizeof(at[0]); w++) {
				memset(text, 'x', sizes[t]);
				text[sizes[t]] = '\0';
				memset(value, 'v', sizes[t]);
				value[sizes[t]] = '\0';
				/* w == 4: no key word */
				if (w < 4 && at[w] + 15 <= sizes[t])
					memcpy(round % 2 ? value + at[w] : text + at[w],
					       " AssocStatus=4 ", 15);
				int n = shaped(buf, sizeof(buf), "", t ? text : "5",
					       t ? value : "v", "");
				CHECK(n > 0 && (size_t)n < sizeof(buf));
				uint64_t hits = sh.hits;
				size_t want = wdl_xml_plain_event_length(&ks, &pf, NULL, buf, (size_t)n);
				size_t got = wdl_xml_plain_event_length(&ks, &pf, &sh, buf, (size_t)n);
				if (want != got)
					fprintf(stderr, "long runs: %zu bytes, word at %zu: %zu, shapes %zu\n",
						sizes[t], w < 4 ? at[w] : 0, want, got);
				CHECK(want == got);
				plain += want == (size_t)n;
				matched += sh.hits > hits;
			}
		}
	}
	/* per round, 15 of the 25 events hold no key word (none, or it
	 * would not fit in the run) */
	CHECK_EQ_U(plain, 2 * WDL_XML_SK_WATCH * 15);
	CHECK(matched > 2 * WDL_XML_SK_WATCH * 10);
	wdl_keyset_dispose(&ks);
}

/* More shapes in turn than are kept: the shapes pause, then come back,
 * and the answers stay the walk's. */
static void many_shapes(void)
{
	char buf[512], attr[32];
	memset(shapes, 0, sizeof(shapes));
	bool paused = false;
	for (int k = 0; k < 600; k++) {
		int shape = k % (WDL_XML_SHAPES + 2);
		attr[0] = '\0';
		if (shape)
			snprintf(attr, sizeof(attr), " A%d='1'", shape);
		int n = shaped(buf, sizeof(buf), "", "5", "v", attr);
		same_structure(buf, (size_t)n, true, "one of many shapes");
		paused = paused || shapes[0].pause > 0;
	}
	CHECK(paused);
	/* one shape again: matched after the pause */
	for (int k = 0; k < WDL_XML_SK_PAUSE + 20; k++) {
		int n = shaped(buf, sizeof(buf), "", "5", "v", "");
		same_structure(buf, (size_t)n, true, "one shape after many");
	}
	CHECK(shapes[0].pause == 0 && shapes[0].misses == 0);
}

static void index_and_shapes(void)
{
	memset(shapes, 0, sizeof(shapes));
	index_answers = walk_plain = 0;
	settled_shapes();
	words_in_runs();
	long_runs();
	many_shapes();
	memset(shapes, 0, sizeof(shapes));
	byte_classes();
	block_edges();
	long_events();
	mutated_shapes();
	/* every way was taken: the index answered, shapes were kept and
	 * matched */
	CHECK(index_answers > walk_plain);
	for (size_t l = 0; l < NLEVELS; l++)
		CHECK(shapes[l].hits > 1000 && shapes[l].kept > 1000);
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
	CHECK(wdl_xml_plain_event_length(&ks, &pf, NULL, more, sizeof(more) - 1) == WDL_XML_MORE);
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
	index_and_shapes();
	/* the proof as it runs (shapes, index, walk) and the walk alone
	 * (bytewise): all of it through libxml2 */
	for (int portable = 0; portable < 2; portable++) {
		wdl_prefilter_xml_portable(portable);
		seed = 7;
		plain_proof();
		samples();
		long_markup();
		mutations();
	}
	/* the narrower classifiers on the samples and the proof's cases */
	for (size_t l = 0; l < NLEVELS; l++) {
		wdl_prefilter_xml_index(levels[l]);
		plain_proof();
		samples();
	}
	wdl_prefilter_xml_portable(false);
	return check_report("xml_fastpath");
}
