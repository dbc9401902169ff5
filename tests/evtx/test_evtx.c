/* The EVTX reader against files built by the test writer: the XML each
 * record renders to (written out by hand below), every value type, the
 * loss accounting of damaged, cut and dirty files, streaming in small
 * pieces, and the differential check that a file's events equal those of
 * its XML rendering read as XML input. */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include <wdilog/wdilog.h>

#include "check.h"
#include "evtx_writer.h"
#include "parse/evtx.h"
#include "parse/evtx_event.h"
#include "parse/extract.h"

#define NS "http://schemas.microsoft.com/win/2004/08/events/event"

/* ---- reading helpers ---- */

struct mem {
	const unsigned char *p;
	size_t len, pos, step;
	int fail_at;                /* fail the read that starts here; -1 never */
};

static int mem_read(void *ctx, void *buf, size_t cap, size_t *got,
		    wdilog_error *err)
{
	struct mem *m = ctx;
	(void)err;
	if (m->fail_at >= 0 && m->pos >= (size_t)m->fail_at)
		return WDILOG_EIO;
	size_t n = m->len - m->pos;
	if (m->step && n > m->step)
		n = m->step;
	if (n > cap)
		n = cap;
	memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	*got = n;
	return WDILOG_OK;
}

/* Every record's XML (damaged ones as "!why"), one string each. */
struct rendered {
	char **xml;
	size_t n;
	struct wdl_evtx_stats st;
	int rc;                     /* the final status */
};

static void rendered_free(struct rendered *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->xml[i]);
	free(r->xml);
	memset(r, 0, sizeof(*r));
}

static struct rendered render(const unsigned char *f, size_t len, size_t step,
			      size_t head)
{
	struct rendered r = { 0 };
	struct mem m = { f + head, len - head, 0, step, -1 };
	struct wdl_evtx *e;
	wdilog_error err = { 0 };
	if (wdl_evtx_open(&e, mem_read, &m, f, head, NULL, "t", &err) < 0)
		abort();
	struct wdl_evtx_record rec;
	while ((r.rc = wdl_evtx_next(e, &rec, &err)) == WDILOG_OK) {
		r.xml = realloc(r.xml, (r.n + 1) * sizeof(*r.xml));
		if (rec.damaged) {
			size_t n = strlen(rec.why) + 2;
			r.xml[r.n] = malloc(n);
			snprintf(r.xml[r.n], n, "!%s", rec.why);
		} else {
			CHECK_EQ_U(strlen(rec.xml), rec.xml_len);
			r.xml[r.n] = strdup(rec.xml);
		}
		r.n++;
	}
	r.st = *wdl_evtx_stats(e);
	wdl_evtx_free(e);
	return r;
}

/* ---- events, compared field by field ---- */

struct evsum {
	int kind;
	size_t nstatuses;
	unsigned codes[4];
	int64_t secs;
	uint32_t nanos;
	bool time_valid;
	char provider[64];
	char peer[24];
	uint32_t pid, tid;
};

static void sum_event(const wdilog_event *ev, struct evsum *s)
{
	memset(s, 0, sizeof(*s));
	s->kind = ev->kind;
	s->nstatuses = ev->nstatuses;
	for (size_t i = 0; i < ev->nstatuses && i < 4; i++)
		s->codes[i] = ev->statuses[i].has_code ? ev->statuses[i].code
						       : 0xFFFFFFFFu;
	s->time_valid = ev->time.valid;
	s->secs = ev->time.seconds;
	s->nanos = ev->time.nanos;
	if (ev->context) {
		if (ev->context->provider)
			snprintf(s->provider, sizeof(s->provider), "%s",
				 ev->context->provider);
		if (ev->context->peer)
			snprintf(s->peer, sizeof(s->peer), "%s",
				 ev->context->peer);
		s->pid = ev->context->has_pid ? ev->context->pid : 0;
		s->tid = ev->context->has_tid ? ev->context->tid : 0;
	}
}

/* Diagnostics seen: by kind, and the offset of the last warning. */
struct diags {
	unsigned kinds[4];
	uint64_t warning_offset;
	char last_damaged[256];
};

static void on_diag(const wdilog_error *d, void *payload)
{
	struct diags *g = payload;
	if (d->code >= 0 && d->code < 4)
		g->kinds[d->code]++;
	if (d->code == WDILOG_DIAG_WARNING)
		g->warning_offset = d->offset;
	if (d->code == WDILOG_DIAG_DAMAGED)
		snprintf(g->last_damaged, sizeof(g->last_damaged), "%s",
			 d->message);
}

static struct diags last_diags;

static size_t events_evtx(const unsigned char *f, size_t len, bool full,
			  struct evsum *out, size_t cap,
			  struct wdl_evtx_stats *st)
{
	wdilog_options opts;
	wdilog_options_init(&opts);
	opts.full_parse = full;
	memset(&last_diags, 0, sizeof(last_diags));
	opts.diag = on_diag;
	opts.diag_payload = &last_diags;
	struct wdl_keyset ks;
	wdilog_error err = { 0 };
	if (wdl_keyset_init(&ks, &opts, &err) < 0)
		abort();
	struct mem m = { f, len, 0, 0, -1 };
	struct wdl_evtx_parser *p;
	if (wdl_evtx_parser_open(&p, mem_read, &m, NULL, 0, &ks, &opts, "t",
				 &err) < 0)
		abort();
	size_t n = 0;
	wdilog_event ev;
	while (wdl_evtx_parser_next(p, &ev, &err) == WDILOG_OK) {
		if (n < cap)
			sum_event(&ev, &out[n]);
		n++;
	}
	if (st)
		*st = *wdl_evtx_parser_stats(p);
	wdl_evtx_parser_free(p);
	wdl_keyset_dispose(&ks);
	return n;
}

static size_t events_xml(const char *xml, bool full, struct evsum *out,
			 size_t cap)
{
	wdilog_options opts;
	wdilog_options_init(&opts);
	opts.full_parse = full;
	wdilog_reader *r;
	wdilog_error err = { 0 };
	if (wdilog_reader_open_memory(&r, xml, strlen(xml), "x.xml", &opts,
				      &err) < 0)
		abort();
	size_t n = 0;
	wdilog_event ev;
	while (wdilog_reader_next(r, &ev, &err) == WDILOG_OK) {
		if (n < cap)
			sum_event(&ev, &out[n]);
		n++;
	}
	CHECK_STR(wdilog_reader_format(r), "event-xml");
	wdilog_reader_free(r);
	return n;
}

static bool same_events(const struct evsum *a, const struct evsum *b,
			size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (memcmp(&a[i], &b[i], sizeof(a[i])) != 0) {
			fprintf(stderr, "event %zu differs: kind %d/%d, statuses %zu/%zu, provider %s/%s\n",
				i, a[i].kind, b[i].kind, a[i].nstatuses,
				b[i].nstatuses, a[i].provider, b[i].provider);
			return false;
		}
	}
	return true;
}

/* ---- the records of the small file, with their XML by hand ---- */

static const char T_SYSTEM[] =
	"<Event xmlns=\"" NS "\"><System><Provider Name=\"%0\" Guid=\"%1\"/>"
	"<EventID>%2</EventID><Level>%3</Level><Keywords>%4</Keywords>"
	"<TimeCreated SystemTime=\"%5\"/><EventRecordID>%6</EventRecordID>"
	"<Correlation ActivityID=\"%?7\"/>"
	"<Execution ProcessID=\"%8\" ThreadID=\"%9\"/>"
	"<Channel>Microsoft-Windows-WLAN-AutoConfig/Operational</Channel>"
	"<Computer>%10</Computer><Security UserID=\"%?11\"/></System>"
	"<EventData><Data Name=\"AssocStatus\">%12</Data>"
	"<Data Name=\"PeerMac\">%13</Data></EventData></Event>";

static const uint8_t GUID1[16] = { 0xDD, 0xD7, 0x80, 0x95, 0x79, 0x03,
				   0x58, 0x46, 0x98, 0x70, 0xD5, 0xBE,
				   0x7D, 0x52, 0xD6, 0xDE };
static const uint8_t SID18[12] = { 1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0 };

static void system_vals(struct ew_val *v, uint32_t status, bool activity,
			bool user, uint64_t id)
{
	v[0] = ew_str("Microsoft-Windows-WLAN-AutoConfig");
	v[1] = ew_raw(0x0F, GUID1, 16);
	v[2] = ew_int(0x06, 8002);
	v[3] = ew_int(0x04, 2);
	v[4] = ew_int(0x15, 0x8000000000000000ull);
	v[5] = ew_int(0x11, 132223104000000000ull + 1234567u);
	v[6] = ew_int(0x0A, id);
	v[7] = activity ? ew_raw(0x0F, GUID1, 16) : ew_null();
	v[8] = ew_int(0x08, 1234);
	v[9] = ew_int(0x08, 5678);
	v[10] = ew_str("TESTPC");
	v[11] = user ? ew_raw(0x13, SID18, 12) : ew_null();
	v[12] = ew_int(0x08, status);
	v[13] = ew_str("8a:15:14:b6:25:10");
}

static const char X_SYSTEM_HEAD[] =
	"<Event xmlns=\"" NS "\"><System><Provider Name=\"Microsoft-Windows-WLAN-AutoConfig\" "
	"Guid=\"{9580D7DD-0379-4658-9870-D5BE7D52D6DE}\"/><EventID>8002</EventID>"
	"<Level>2</Level><Keywords>0x8000000000000000</Keywords>"
	"<TimeCreated SystemTime=\"2020-01-01T00:00:00.1234567Z\"/>";

static const char X_REC1[] =
	"<EventRecordID>1</EventRecordID><Correlation/>"
	"<Execution ProcessID=\"1234\" ThreadID=\"5678\"/>"
	"<Channel>Microsoft-Windows-WLAN-AutoConfig/Operational</Channel>"
	"<Computer>TESTPC</Computer><Security UserID=\"S-1-5-18\"/></System>"
	"<EventData><Data Name=\"AssocStatus\">31</Data>"
	"<Data Name=\"PeerMac\">8a:15:14:b6:25:10</Data></EventData></Event>";

static const char X_REC2[] =
	"<EventRecordID>2</EventRecordID>"
	"<Correlation ActivityID=\"{9580D7DD-0379-4658-9870-D5BE7D52D6DE}\"/>"
	"<Execution ProcessID=\"1234\" ThreadID=\"5678\"/>"
	"<Channel>Microsoft-Windows-WLAN-AutoConfig/Operational</Channel>"
	"<Computer>TESTPC</Computer><Security/></System>"
	"<EventData><Data Name=\"AssocStatus\">0</Data>"
	"<Data Name=\"PeerMac\">8a:15:14:b6:25:10</Data></EventData></Event>";

static const char T_OUTER[] =
	"<Event xmlns=\"" NS "\"><System><Provider Name=\"%0\"/>"
	"<EventID>%1</EventID></System>%2</Event>";
static const char T_USER[] =
	"<UserData><WlanEvent xmlns=\"urn:test\"><RoamingReason>%0</RoamingReason>"
	"<Note>%1</Note></WlanEvent></UserData>";
static const char X_USER[] =
	"<Event xmlns=\"" NS "\"><System><Provider Name=\"Wdi\"/>"
	"<EventID>5</EventID></System><UserData><WlanEvent xmlns=\"urn:test\">"
	"<RoamingReason>3</RoamingReason><Note>a&lt;b &amp; &quot;c&quot;</Note>"
	"</WlanEvent></UserData></Event>";

static const char T_PLAIN[] =
	"<Event xmlns=\"" NS "\"><System><EventID>7</EventID></System>"
	"<EventData><Data Name=\"AssocStatus\">WDI_ASSOC_STATUS_FAILURE</Data>"
	"<Data>x &amp; y&#65;<![CDATA[<z>]]></Data><?pi some data?>"
	"</EventData></Event>";
static const char X_PLAIN[] =
	"<Event xmlns=\"" NS "\"><System><EventID>7</EventID></System>"
	"<EventData><Data Name=\"AssocStatus\">WDI_ASSOC_STATUS_FAILURE</Data>"
	"<Data>x &amp; yA&lt;z&gt;</Data><?pi some data?>"
	"</EventData></Event>";

static void user_vals(struct ew_val *outer, struct ew_val *inner)
{
	inner[0] = ew_int(0x08, 3);
	inner[1] = ew_str("a<b & \"c\"");
	outer[0] = ew_str("Wdi");
	outer[1] = ew_int(0x06, 5);
	outer[2] = (struct ew_val){ .type = 0x21, .tkey = 3, .ttext = T_USER,
				    .tvals = inner, .ntvals = 2 };
}

/* Records: system (1), system (2), UserData (3), plain (4), system (5) */
static unsigned char *small_file(size_t *len, uint32_t flags)
{
	struct ew *w = ew_new();
	struct ew_val v[14], inner[2], outer[3];
	system_vals(v, 31, false, true, 1);
	ew_record(w, 1, T_SYSTEM, v, 14);
	system_vals(v, 0, true, false, 2);
	ew_record(w, 1, T_SYSTEM, v, 14);
	user_vals(outer, inner);
	ew_record(w, 2, T_OUTER, outer, 3);
	ew_record_plain(w, T_PLAIN);
	system_vals(v, 31, false, true, 1);
	ew_record(w, 1, T_SYSTEM, v, 14);
	unsigned char *f = ew_file(w, flags, len);
	ew_free(w);
	return f;
}

static char *cat(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 1;
	char *s = malloc(n);
	snprintf(s, n, "%s%s", a, b);
	return s;
}

static void test_small_file_renders_by_hand(void)
{
	size_t len;
	unsigned char *f = small_file(&len, 0);
	struct rendered r = render(f, len, 0, 0);
	CHECK_EQ_U(r.rc, WDILOG_DONE);
	CHECK_EQ_U(r.n, 5);
	char *x1 = cat(X_SYSTEM_HEAD, X_REC1), *x2 = cat(X_SYSTEM_HEAD, X_REC2);
	if (r.n == 5) {
		CHECK_STR(r.xml[0], x1);
		CHECK_STR(r.xml[1], x2);
		CHECK_STR(r.xml[2], X_USER);
		CHECK_STR(r.xml[3], X_PLAIN);
		CHECK_STR(r.xml[4], x1);  /* template reused, values again */
	}
	CHECK_EQ_U(r.st.declared, 5);
	CHECK_EQ_U(r.st.events, 5);
	CHECK_EQ_U(r.st.damaged, 0);
	CHECK_EQ_U(r.st.chunks, 1);
	CHECK_EQ_U(r.st.bad_chunks, 0);
	CHECK(!r.st.truncated && !r.st.dirty && !r.st.full && !r.st.header_bad);
	CHECK_EQ_U(r.st.header_chunks, 1);

	/* the same file a few bytes at a time, with a head the caller read */
	struct rendered t = render(f, len, 7, 8);
	CHECK_EQ_U(t.n, r.n);
	for (size_t i = 0; i < t.n && i < r.n; i++)
		CHECK_STR(t.xml[i], r.xml[i]);
	rendered_free(&t);

	/* differential: the events equal those of the hand-written XML */
	char *xml = cat(x1, x2);
	char *tmp = cat(xml, X_USER);
	free(xml);
	xml = cat(tmp, X_PLAIN);
	free(tmp);
	tmp = cat(xml, x1);
	free(xml);
	xml = tmp;
	for (int full = 0; full < 2; full++) {
		struct evsum a[8], b[8];
		struct wdl_evtx_stats st;
		size_t na = events_evtx(f, len, full, a, 8, &st);
		size_t nb = events_xml(xml, full, b, 8);
		CHECK_EQ_U(na, 5);
		CHECK_EQ_U(nb, 5);
		CHECK(same_events(a, b, 5));
		/* hand-computed: AssocStatus 31, 0, RoamingReason 3, the
		 * FAILURE token (1), 31 */
		CHECK_EQ_U(a[0].kind, WDILOG_EVENT_WITH_STATUS);
		CHECK_EQ_U(a[0].nstatuses, 1);
		CHECK_EQ_U(a[0].codes[0], 31);
		CHECK_EQ_U(a[1].codes[0], 0);
		CHECK_EQ_U(a[2].codes[0], 3);
		CHECK_EQ_U(a[3].codes[0], 1);
		CHECK_STR(a[0].provider, "Microsoft-Windows-WLAN-AutoConfig");
		CHECK_STR(a[0].peer, "8a:15:14:b6:25:10");
		CHECK_EQ_U(a[0].pid, 1234);
		CHECK_EQ_U(a[0].tid, 5678);
		CHECK(a[0].time_valid);
		CHECK_EQ_U(a[0].secs, 1577836800);
		CHECK_EQ_U(a[0].nanos, 123456700);
		CHECK_EQ_U(st.events, 5);
	}
	free(xml);
	free(x1);
	free(x2);
	rendered_free(&r);
	free(f);
}

/* Every value type, rendered as the hand-written text says. */
static void test_value_types(void)
{
	static const char *names[] = {
		"i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "r32",
		"r64", "bool", "bin", "guid", "sizet", "filetime", "systime",
		"sid", "hex32", "hex64", "ansi", "strarr", "u16arr", "nulstr",
		"null", "utf16", "binxml-free", "guidarr", "sidarr" };
	static const char *want[] = {
		"-5", "250", "-300", "65000", "-70000", "4000000000",
		"-5000000000", "18446744073709551615", "1.5", "0.25", "true",
		"01ABFF", "{9580D7DD-0379-4658-9870-D5BE7D52D6DE}", "0x1000",
		"2020-01-01T00:00:00.1234567Z", "2021-03-04T05:06:07.089Z",
		"S-1-5-21-1-2-3-500", "0x1f", "0xdeadbeef00", "ansi &amp; more",
		"a|bc", "1|2|3", "with", "",
		"\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD", "7",
		"{9580D7DD-0379-4658-9870-D5BE7D52D6DE}|{9580D7DD-0379-4658-9870-D5BE7D52D6DE}",
		"S-1-5-18|S-1-5-18" };
	enum { N = sizeof(names) / sizeof(names[0]) };
	char tmpl[4096], expect[4096];
	size_t tl = 0, xl = 0;
	tl += (size_t)snprintf(tmpl + tl, sizeof(tmpl) - tl,
			       "<Event xmlns=\"" NS "\"><EventData>");
	xl += (size_t)snprintf(expect + xl, sizeof(expect) - xl,
			       "<Event xmlns=\"" NS "\"><EventData>");
	for (int i = 0; i < N; i++) {
		tl += (size_t)snprintf(tmpl + tl, sizeof(tmpl) - tl,
				       "<Data Name=\"%s\">%%%d</Data>", names[i], i);
		/* an array repeats its element, an item each ('|' here) */
		for (const char *item = want[i];;) {
			size_t n = strcspn(item, "|");
			xl += (size_t)snprintf(expect + xl, sizeof(expect) - xl,
					       "<Data Name=\"%s\">%.*s</Data>",
					       names[i], (int)n, item);
			if (!item[n])
				break;
			item += n + 1;
		}
	}
	snprintf(tmpl + tl, sizeof(tmpl) - tl, "</EventData></Event>");
	snprintf(expect + xl, sizeof(expect) - xl, "</EventData></Event>");

	struct ew_val v[N];
	v[0] = ew_int(0x03, (uint64_t)-5);
	v[1] = ew_int(0x04, 250);
	v[2] = ew_int(0x05, (uint64_t)-300);
	v[3] = ew_int(0x06, 65000);
	v[4] = ew_int(0x07, (uint64_t)-70000);
	v[5] = ew_int(0x08, 4000000000u);
	v[6] = ew_int(0x09, (uint64_t)-5000000000ll);
	v[7] = ew_int(0x0A, UINT64_MAX);
	v[8] = ew_int(0x0B, 0x3FC00000u);
	v[9] = ew_int(0x0C, 0x3FD0000000000000ull);
	v[10] = ew_int(0x0D, 1);
	v[11] = ew_raw(0x0E, "\x01\xAB\xFF", 3);
	v[12] = ew_raw(0x0F, GUID1, 16);
	v[13] = ew_int(0x10, 0x1000);
	v[14] = ew_int(0x11, 132223104000000000ull + 1234567u);
	static const uint8_t st[16] = { 0xE5, 0x07, 3, 0, 4, 0, 4, 0, 5, 0,
					6, 0, 7, 0, 89, 0 };
	v[15] = ew_raw(0x12, st, 16);
	static const uint8_t sid[28] = { 1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0,
					 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0,
					 0xF4, 1, 0, 0 };
	v[16] = ew_raw(0x13, sid, 28);
	v[17] = ew_int(0x14, 0x1f);
	v[18] = ew_int(0x15, 0xdeadbeef00ull);
	v[19] = ew_raw(0x02, "ansi & more\0", 12);
	v[20] = ew_raw(0x81, "a\0\0\0b\0c\0\0\0", 10);
	v[21] = ew_raw(0x86, "\x01\0\x02\0\x03\0", 6);
	v[22] = ew_raw(0x01, "w\0i\0t\0h\0\0\0", 10);
	v[23] = ew_null();
	/* é, U+1F600 as a surrogate pair, a lone high surrogate */
	v[24] = ew_raw(0x01, "\xE9\x00\x3D\xD8\x00\xDE\x00\xD8", 8);
	v[25] = ew_int(0x04, 7);
	uint8_t g2[32];
	memcpy(g2, GUID1, 16);
	memcpy(g2 + 16, GUID1, 16);
	v[26] = ew_raw(0x8F, g2, 32);
	uint8_t s2[24];
	memcpy(s2, SID18, 12);
	memcpy(s2 + 12, SID18, 12);
	v[27] = ew_raw(0x93, s2, 24);

	struct ew *w = ew_new();
	ew_record(w, 9, tmpl, v, N);
	size_t len;
	unsigned char *f = ew_file(w, 0, &len);
	struct rendered r = render(f, len, 0, 0);
	CHECK_EQ_U(r.n, 1);
	if (r.n == 1)
		CHECK_STR(r.xml[0], expect);
	/* to compare with other readers (evtxexport): EVTX_SAVE_DIR */
	if (getenv("EVTX_SAVE_DIR")) {
		char path[512];
		snprintf(path, sizeof(path), "%s/types.evtx",
			 getenv("EVTX_SAVE_DIR"));
		FILE *out = fopen(path, "wb");
		if (out) {
			fwrite(f, 1, len, out);
			fclose(out);
		}
	}
	rendered_free(&r);
	free(f);
	ew_free(w);
}

/* Elements and attributes around null and array values, as Windows
 * renders them: an element holding only an optional null substitution is
 * left out, a normal one stays empty; an array in an attribute or in
 * mixed content is one text, its items joined by ", ". */
static void test_null_and_array_rules(void)
{
	static const char T[] =
		"<Event><EventData><Data>%?0</Data><Data>%1</Data>"
		"<Binary>%?2</Binary><Data Name=\"a\" List=\"%3\" Opt=\"%?0\"/>"
		"<Data>x %3</Data></EventData></Event>";
	static const char X[] =
		"<Event><EventData><Data></Data><Binary>0A0B</Binary>"
		"<Data Name=\"a\" List=\"p, q\"/><Data>x p, q</Data>"
		"</EventData></Event>";
	struct ew_val v[4] = { ew_null(), ew_null(),
			       ew_raw(0x0E, "\x0A\x0B", 2),
			       ew_raw(0x81, "p\0\0\0q\0\0\0", 8) };
	struct ew *w = ew_new();
	ew_record(w, 4, T, v, 4);
	size_t len;
	unsigned char *f = ew_file(w, 0, &len);
	struct rendered r = render(f, len, 0, 0);
	CHECK_EQ_U(r.n, 1);
	if (r.n == 1)
		CHECK_STR(r.xml[0], X);
	rendered_free(&r);
	free(f);
	ew_free(w);
}

/* ---- the large file: 3 chunks of 50 records ---- */

#define PER_CHUNK 50
#define NCHUNK 3

static unsigned char *big_file(size_t *len)
{
	struct ew *w = ew_new();
	struct ew_val v[14];
	for (int c = 0; c < NCHUNK; c++) {
		for (int i = 0; i < PER_CHUNK; i++) {
			uint64_t id = (uint64_t)(c * PER_CHUNK + i + 1);
			system_vals(v, (uint32_t)(id % 5), id % 2, id % 3, id);
			ew_record(w, 1, T_SYSTEM, v, 14);
		}
		ew_new_chunk(w);
	}
	unsigned char *f = ew_file(w, 0, len);
	ew_free(w);
	return f;
}

static size_t chunk_at(int c)
{
	return 4096 + (size_t)c * 65536;
}

/* Offset of the @p k-th record (0-based) of chunk @p c. */
static size_t record_at(const unsigned char *f, int c, int k)
{
	size_t at = chunk_at(c) + 512;
	for (int i = 0; i < k; i++)
		at += (size_t)f[at + 4] | (size_t)f[at + 5] << 8;
	return at;
}

static size_t count_damaged(const struct rendered *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		n += r->xml[i][0] == '!';
	return n;
}

static void test_big_file_clean(void)
{
	size_t len;
	unsigned char *f = big_file(&len);
	struct rendered r = render(f, len, 0, 0);
	CHECK_EQ_U(r.n, NCHUNK * PER_CHUNK);
	CHECK_EQ_U(r.st.declared, NCHUNK * PER_CHUNK);
	CHECK_EQ_U(r.st.events, NCHUNK * PER_CHUNK);
	CHECK_EQ_U(r.st.damaged, 0);
	CHECK_EQ_U(r.st.chunks, NCHUNK);
	CHECK_EQ_U(r.st.bad_chunks, 0);

	/* differential over every record: the rendered XML read as XML
	 * input gives the same events as the EVTX adapter */
	size_t total = 0;
	for (size_t i = 0; i < r.n; i++)
		total += strlen(r.xml[i]);
	char *xml = malloc(total + 1);
	size_t at = 0;
	for (size_t i = 0; i < r.n; i++) {
		size_t n = strlen(r.xml[i]);
		memcpy(xml + at, r.xml[i], n);
		at += n;
	}
	xml[at] = '\0';
	enum { CAP = NCHUNK * PER_CHUNK };
	static struct evsum a[CAP], b[CAP];
	for (int full = 0; full < 2; full++) {
		size_t na = events_evtx(f, len, full, a, CAP, NULL);
		size_t nb = events_xml(xml, full, b, CAP);
		CHECK_EQ_U(na, CAP);
		CHECK_EQ_U(nb, CAP);
		CHECK(same_events(a, b, CAP));
		/* record id % 5 is its status */
		size_t with = 0;
		for (size_t i = 0; i < CAP; i++)
			with += a[i].kind == WDILOG_EVENT_WITH_STATUS &&
				a[i].codes[0] == (i + 1) % 5;
		CHECK_EQ_U(with, CAP);
	}
	free(xml);
	rendered_free(&r);
	free(f);
}

static void test_bad_data_crc(void)
{
	size_t len;
	unsigned char *f = big_file(&len);
	/* a character of "TESTPC" in chunk 1's first record: still readable */
	size_t rec = record_at(f, 1, 3);
	unsigned char *hit = memmem(f + rec, 2048, "T\0E\0S\0T\0P\0C\0", 12);
	CHECK(hit != NULL);
	if (hit)
		hit[0] = 'X';
	struct rendered r = render(f, len, 0, 0);
	CHECK_EQ_U(r.st.bad_chunks, 1);
	CHECK_EQ_U(r.st.bad_chunk_offsets[0], chunk_at(1));
	CHECK_EQ_U(r.st.events, NCHUNK * PER_CHUNK);
	CHECK_EQ_U(r.st.damaged, 0);
	CHECK(r.n > PER_CHUNK + 3 &&
	      strstr(r.xml[PER_CHUNK + 3], "<Computer>XESTPC</Computer>"));
	rendered_free(&r);
	free(f);
}

static void test_bad_header_crc(void)
{
	size_t len;
	unsigned char *f = big_file(&len);
	f[chunk_at(2) + 60] ^= 0x55;  /* an unused header byte */
	struct rendered r = render(f, len, 0, 0);
	CHECK_EQ_U(r.st.bad_chunks, 1);
	CHECK_EQ_U(r.st.bad_chunk_offsets[0], chunk_at(2));
	CHECK_EQ_U(r.st.events, NCHUNK * PER_CHUNK);
	CHECK_EQ_U(r.st.declared, NCHUNK * PER_CHUNK);
	rendered_free(&r);
	free(f);
}

static void test_broken_record_counted(void)
{
	size_t len;
	unsigned char *f = big_file(&len);
	/* record 10 of chunk 0 loses its signature; record 20 of chunk 1
	 * its binary XML */
	f[record_at(f, 0, 10)] = 0;
	size_t r20 = record_at(f, 1, 20);
	f[r20 + 24] = 0x7F;
	struct rendered r = render(f, len, 0, 0);
	CHECK_EQ_U(r.st.declared, NCHUNK * PER_CHUNK);
	CHECK_EQ_U(r.st.events, NCHUNK * PER_CHUNK - 2);
	CHECK_EQ_U(r.st.damaged, 2);
	CHECK_EQ_U(count_damaged(&r), 2);
	CHECK_EQ_U(r.st.bad_chunks, 2);  /* both fail their data checksum */
	CHECK_EQ_U(r.n, NCHUNK * PER_CHUNK);
	/* the unreadable record is reported where it is */
	CHECK(r.n > PER_CHUNK + 20 && r.xml[PER_CHUNK + 20][0] == '!' &&
	      strstr(r.xml[PER_CHUNK + 20], "record 71"));
	rendered_free(&r);

	/* the same through the adapter: damaged events, not silence */
	struct evsum ev[NCHUNK * PER_CHUNK];
	struct wdl_evtx_stats st;
	size_t n = events_evtx(f, len, false, ev, NCHUNK * PER_CHUNK, &st);
	CHECK_EQ_U(n, NCHUNK * PER_CHUNK);
	size_t dmg = 0;
	for (size_t i = 0; i < n; i++)
		dmg += ev[i].kind == WDILOG_EVENT_DAMAGED;
	CHECK_EQ_U(dmg, 2);
	/* warned: both bad chunks and the unreadable bytes in chunk 0;
	 * damaged: chunk 0's count, then each damaged record by name */
	CHECK_EQ_U(last_diags.kinds[WDILOG_DIAG_WARNING], 3);
	CHECK_EQ_U(last_diags.warning_offset, chunk_at(1));
	CHECK_EQ_U(last_diags.kinds[WDILOG_DIAG_DAMAGED], 3);
	CHECK(strstr(last_diags.last_damaged, "record 71") != NULL);
	free(f);
}

static void test_chunk_without_signature(void)
{
	size_t len;
	unsigned char *f = big_file(&len);
	/* chunk 1 loses its signature: its records are still found */
	f[chunk_at(1)] = 'X';
	struct rendered r = render(f, len, 0, 0);
	CHECK_EQ_U(r.st.bad_chunks, 1);
	CHECK_EQ_U(r.st.bad_chunk_offsets[0], chunk_at(1));
	CHECK_EQ_U(r.st.events, NCHUNK * PER_CHUNK);
	CHECK_EQ_U(r.st.damaged, 0);
	CHECK_EQ_U(r.st.skipped_chunks, 0);
	rendered_free(&r);
	/* a block of stale bytes with no signature and no record after the
	 * chunks: skipped and counted, not damage */
	unsigned char *g = malloc(len + 65536);
	memcpy(g, f, len);
	for (size_t i = 0; i < 65536; i++)
		g[len + i] = (unsigned char)(i * 7 + 1);
	f[chunk_at(1)] = 'E';
	memcpy(g, f, len);
	r = render(g, len + 65536, 0, 0);
	CHECK_EQ_U(r.st.skipped_chunks, 1);
	CHECK_EQ_U(r.st.bad_chunks, 0);
	CHECK_EQ_U(r.st.events, NCHUNK * PER_CHUNK);
	CHECK_EQ_U(r.st.damaged, 0);
	CHECK(!r.st.truncated);
	rendered_free(&r);
	free(g);
	/* records never written out (zeros where the chunk header says
	 * records are, as in a log copied while open): damaged, counted */
	size_t from = record_at(f, 0, 40), to = record_at(f, 0, 50);
	memset(f + from, 0, to - from);
	r = render(f, len, 0, 0);
	CHECK_EQ_U(r.st.declared, NCHUNK * PER_CHUNK);
	CHECK_EQ_U(r.st.events, NCHUNK * PER_CHUNK - 10);
	CHECK_EQ_U(r.st.damaged, 10);
	CHECK_EQ_U(r.st.bad_chunks, 1);
	rendered_free(&r);
	free(f);
}

/* Records past the end a chunk header records (a log not closed
 * cleanly): read, not dropped. The header is made to end 5 records early,
 * with both checksums valid for what it says. */
static void test_records_past_header(void)
{
	size_t len;
	unsigned char *f = big_file(&len);
	unsigned char *c = f + chunk_at(2);
	size_t end = record_at(f, 2, PER_CHUNK - 5) - chunk_at(2);
	uint64_t last = 3 * PER_CHUNK - 5;
	for (int i = 0; i < 8; i++) {
		c[16 + i] = (unsigned char)(last >> (8 * i));
		c[32 + i] = (unsigned char)(last >> (8 * i));
	}
	for (int i = 0; i < 4; i++)
		c[48 + i] = (unsigned char)(end >> (8 * i));
	uint32_t crc = (uint32_t)crc32(0, c + 512, (uInt)(end - 512));
	for (int i = 0; i < 4; i++)
		c[52 + i] = (unsigned char)(crc >> (8 * i));
	uLong h = crc32(0, c, 120);
	h = crc32(h, c + 128, 512 - 128);
	for (int i = 0; i < 4; i++)
		c[124 + i] = (unsigned char)(h >> (8 * i));
	struct rendered r = render(f, len, 0, 0);
	CHECK_EQ_U(r.st.bad_chunks, 0);
	CHECK_EQ_U(r.st.events, NCHUNK * PER_CHUNK);
	CHECK_EQ_U(r.st.declared, NCHUNK * PER_CHUNK);
	CHECK_EQ_U(r.st.damaged, 0);
	rendered_free(&r);
	/* records whose identifiers do not continue the chunk's are stale
	 * bytes from its previous use: not read */
	c[32] = (unsigned char)(last - 1);
	h = crc32(0, c, 120);
	h = crc32(h, c + 128, 512 - 128);
	for (int i = 0; i < 4; i++)
		c[124 + i] = (unsigned char)(h >> (8 * i));
	r = render(f, len, 0, 0);
	CHECK_EQ_U(r.st.bad_chunks, 0);
	CHECK_EQ_U(r.st.events, NCHUNK * PER_CHUNK - 5);
	CHECK_EQ_U(r.st.damaged, 0);
	rendered_free(&r);
	free(f);
}

static void test_cut_file(void)
{
	size_t len;
	unsigned char *f = big_file(&len);
	/* inside chunk 1: the records before the cut are events, the one it
	 * cuts and those after it are damaged; chunk 2 is gone */
	size_t cut = record_at(f, 1, 30) + 40;
	struct rendered r = render(f, cut, 0, 0);
	CHECK(r.st.truncated);
	CHECK_EQ_U(r.st.declared, 2 * PER_CHUNK);
	CHECK_EQ_U(r.st.events, PER_CHUNK + 30);
	CHECK_EQ_U(r.st.damaged, PER_CHUNK - 30);
	CHECK_EQ_U(r.n, 2 * PER_CHUNK);
	CHECK(r.n > PER_CHUNK + 30 &&
	      strstr(r.xml[PER_CHUNK + 30], "cut short") != NULL);
	rendered_free(&r);

	/* at a chunk boundary: the header still counts three */
	r = render(f, chunk_at(2), 0, 0);
	CHECK(r.st.truncated);
	CHECK_EQ_U(r.st.events, 2 * PER_CHUNK);
	CHECK_EQ_U(r.st.damaged, 0);
	rendered_free(&r);

	/* inside the file header */
	r = render(f, 100, 0, 0);
	CHECK(r.st.truncated);
	CHECK_EQ_U(r.n, 0);
	CHECK_EQ_U(r.rc, WDILOG_DONE);
	rendered_free(&r);

	/* inside a chunk header: its records are unknown, not invented */
	r = render(f, chunk_at(1) + 20, 0, 0);
	CHECK(r.st.truncated);
	CHECK_EQ_U(r.st.events, PER_CHUNK);
	CHECK_EQ_U(r.st.declared, PER_CHUNK);
	rendered_free(&r);
	free(f);
}

static void test_header_flags(void)
{
	size_t len;
	unsigned char *f = small_file(&len, 1);
	struct rendered r = render(f, len, 0, 0);
	CHECK(r.st.dirty && !r.st.full && !r.st.header_bad);
	CHECK_EQ_U(r.st.flags, 1);
	CHECK_EQ_U(r.st.events, 5);
	rendered_free(&r);
	free(f);
	f = small_file(&len, 3);
	r = render(f, len, 0, 0);
	CHECK(r.st.dirty && r.st.full);
	rendered_free(&r);
	/* a header whose checksum fails is reported, and read anyway */
	f[60] ^= 1;
	r = render(f, len, 0, 0);
	CHECK(r.st.header_bad);
	CHECK_EQ_U(r.st.events, 5);
	rendered_free(&r);
	free(f);
}

static void test_not_evtx_and_read_failure(void)
{
	static const unsigned char text[] = "<Event></Event>";
	struct mem m = { text, sizeof(text), 0, 0, -1 };
	struct wdl_evtx *e;
	wdilog_error err = { 0 };
	CHECK(!wdl_evtx_magic(text, sizeof(text)));
	CHECK_EQ_U(wdl_evtx_open(&e, mem_read, &m, NULL, 0, NULL, "t", &err),
		   WDILOG_OK);
	struct wdl_evtx_record rec;
	CHECK(wdl_evtx_next(e, &rec, &err) == WDILOG_EFORMAT);
	CHECK(strstr(err.message, "EVTX") != NULL);
	wdl_evtx_free(e);

	/* a read failure after the first chunk: its records, then the error */
	size_t len;
	unsigned char *f = big_file(&len);
	CHECK(wdl_evtx_magic(f, len));
	struct mem fm = { f, len, 0, 4096, (int)chunk_at(1) };
	CHECK_EQ_U(wdl_evtx_open(&e, mem_read, &fm, NULL, 0, NULL, "t", &err),
		   WDILOG_OK);
	int rc, n = 0;
	while ((rc = wdl_evtx_next(e, &rec, &err)) == WDILOG_OK)
		n++;
	CHECK(rc == WDILOG_EIO);
	CHECK_EQ_U(n, PER_CHUNK);
	wdl_evtx_free(e);
	free(f);
}

/* Seeds for the fuzz target (tests/fuzz/fuzz_evtx.c): with
 * EVTX_SEED_DIR set, the small and the value-type files as "control byte
 * + chunk up to its free space" and one whole file cut inside its chunk. */
static void write_seed(const char *dir, const char *name,
		       const unsigned char *p, size_t n, int ctl)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *out = fopen(path, "wb");
	if (!out)
		return;
	if (ctl >= 0)
		fputc(ctl, out);
	fwrite(p, 1, n, out);
	fclose(out);
}

static void write_seeds(const char *dir)
{
	size_t len;
	unsigned char *f = small_file(&len, 0);
	const unsigned char *c = f + 4096;
	size_t free_off = (size_t)c[48] | (size_t)c[49] << 8;
	write_seed(dir, "seed-chunk-small", c, free_off, 1);
	write_seed(dir, "seed-file-cut", f, 4096 + free_off - 100, -1);
	free(f);
	struct ew *w = ew_new();
	struct ew_val inner[2], outer[3];
	user_vals(outer, inner);
	ew_record(w, 2, T_OUTER, outer, 3);
	ew_record(w, 2, T_OUTER, outer, 3);
	f = ew_file(w, 0, &len);
	c = f + 4096;
	free_off = (size_t)c[48] | (size_t)c[49] << 8;
	write_seed(dir, "seed-chunk-userdata", c, free_off, 3);
	free(f);
	ew_free(w);
}

int main(void)
{
	if (getenv("EVTX_SEED_DIR"))
		write_seeds(getenv("EVTX_SEED_DIR"));
	test_small_file_renders_by_hand();
	test_value_types();
	test_null_and_array_rules();
	test_big_file_clean();
	test_bad_data_crc();
	test_bad_header_crc();
	test_broken_record_counted();
	test_chunk_without_signature();
	test_records_past_header();
	test_cut_file();
	test_header_flags();
	test_not_evtx_and_read_failure();
	return check_report("test_evtx");
}
