/* Input and decode stages: encodings detected by BOM and NUL pattern,
 * Windows-1252 for non-UTF-8 bytes, bidi marks stripped, gzip by magic
 * (concatenated members, truncation, corruption). Checked through the
 * events the reader produces, so the whole path is covered. */
#include <zlib.h>

#include "check.h"
#include "run_reader.h"

static const char text[] =
	"[0]0888.0D60::10/23/2003-12:27:40.173 [wdi]caf\xc3\xa9 AssocStatus=31\r\n"
	"[0]0888.0D60::10/23/2003-12:27:41.173 [wdi]plain line\r\n";

/* UTF-8 -> UTF-16 (BMP only, enough here) with an optional BOM. */
static size_t to_utf16(const char *s, unsigned char *out, bool be, bool bom)
{
	size_t o = 0;
	if (bom) {
		out[o++] = be ? 0xFE : 0xFF;
		out[o++] = be ? 0xFF : 0xFE;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned cp;
		if (*p < 0x80) {
			cp = *p++;
		} else if ((*p & 0xE0) == 0xC0) {
			cp = (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
			p += 2;
		} else {
			cp = (unsigned)(p[0] & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 |
			     (p[2] & 0x3F);
			p += 3;
		}
		out[o++] = (unsigned char)(be ? cp >> 8 : cp & 0xFF);
		out[o++] = (unsigned char)(be ? cp & 0xFF : cp >> 8);
	}
	return o;
}

static const char *encoding_of(const void *data, size_t len)
{
	static char enc[32];
	wdilog_reader *r;
	wdilog_event ev;
	if (wdilog_reader_open_memory(&r, data, len, "x", NULL, NULL) < 0)
		return "(open failed)";
	while (wdilog_reader_next(r, &ev, NULL) == WDILOG_OK)
		;
	snprintf(enc, sizeof(enc), "%s%s", wdilog_reader_encoding(r),
		 wdilog_reader_gzip(r) ? "+gzip" : "");
	wdilog_reader_free(r);
	return enc;
}

static void same_events(const void *data, size_t len, const char *what)
{
	char *want = events_of(text, sizeof(text) - 1, NULL, NULL);
	char *got = events_of(data, len, NULL, NULL);
	bool same = want && got && strcmp(want, got) == 0;
	if (!same)
		fprintf(stderr, "%s: events differ:\n%s---\n%s", what, want, got);
	CHECK(same);
	free(want);
	free(got);
}

static void encodings(void)
{
	unsigned char buf[1024];
	CHECK_STR(encoding_of(text, sizeof(text) - 1), "utf-8");
	size_t n = to_utf16(text, buf, false, true);
	CHECK_STR(encoding_of(buf, n), "utf-16le");
	same_events(buf, n, "utf-16le bom");
	n = to_utf16(text, buf, true, true);
	CHECK_STR(encoding_of(buf, n), "utf-16be");
	same_events(buf, n, "utf-16be bom");
	n = to_utf16(text, buf, false, false);
	CHECK_STR(encoding_of(buf, n), "utf-16le");
	same_events(buf, n, "utf-16le no bom");
	n = to_utf16(text, buf, true, false);
	CHECK_STR(encoding_of(buf, n), "utf-16be");
	same_events(buf, n, "utf-16be no bom");
	/* UTF-8 BOM is dropped, not part of the first line */
	memcpy(buf, "\xEF\xBB\xBF", 3);
	memcpy(buf + 3, text, sizeof(text) - 1);
	CHECK_STR(encoding_of(buf, sizeof(text) + 2), "utf-8");
	same_events(buf, sizeof(text) + 2, "utf-8 bom");
}

static void windows_1252(void)
{
	/* 0xE9 alone is not UTF-8: the file is read as Windows-1252 and the é
	 * reaches the report as UTF-8 */
	const char ansi[] = "AssocStatus=31 caf\xe9 \x80\n";
	CHECK_STR(encoding_of(ansi, sizeof(ansi) - 1), "windows-1252");
	char *ev = events_of(ansi, sizeof(ansi) - 1, NULL, NULL);
	CHECK_STR(ev, "W1 m=0 31\n");
	free(ev);
}

static void bidi_marks_stripped(void)
{
	/* U+200E between the separator and the value would make it malformed */
	const char lrm[] = "AssocStatus=\xe2\x80\x8e" "51 RoamReason=\xe2\x80\x8f" "7\n";
	char *ev = events_of(lrm, sizeof(lrm) - 1, NULL, NULL);
	CHECK_STR(ev, "W1 m=0 51 7\n");
	free(ev);
	unsigned char buf[128];
	size_t n = to_utf16("AssocStatus=\xe2\x80\x8e" "51\n", buf, false, true);
	ev = events_of(buf, n, NULL, NULL);
	CHECK_STR(ev, "W1 m=0 51\n");
	free(ev);
}

static void utf16_damage(void)
{
	/* a lone surrogate and an odd final byte are replaced, not fatal */
	unsigned char buf[64];
	size_t n = to_utf16("AssocStatus=31\n", buf, false, true);
	buf[n++] = 0x00;
	buf[n++] = 0xD8;  /* lone high surrogate */
	buf[n++] = 'x';
	buf[n++] = 0;
	buf[n++] = 'y';   /* odd byte count */
	char *ev = events_of(buf, n, NULL, NULL);
	CHECK_STR(ev, "W1 m=0 31\nN2 m=0\n");
	free(ev);
}

static size_t gzip(const char *s, size_t len, unsigned char *out, size_t cap)
{
	z_stream z = { 0 };
	deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (unsigned char *)(uintptr_t)s;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	deflate(&z, Z_FINISH);
	size_t n = z.total_out;
	deflateEnd(&z);
	return n;
}

struct diag_count {
	int damaged, warnings;
};

static void count_diag(const wdilog_error *d, void *payload)
{
	struct diag_count *c = payload;
	if (d->code == WDILOG_DIAG_DAMAGED)
		c->damaged++;
	if (d->code == WDILOG_DIAG_WARNING)
		c->warnings++;
}

static void gzip_members(void)
{
	unsigned char buf[4096];
	const char a[] = "AssocStatus=31\n", b[] = "AssocStatus=41\n";
	size_t n = gzip(a, sizeof(a) - 1, buf, sizeof(buf));
	n += gzip(b, sizeof(b) - 1, buf + n, sizeof(buf) - n);
	CHECK_STR(encoding_of(buf, n), "utf-8+gzip");
	char *ev = events_of(buf, n, NULL, NULL);
	CHECK_STR(ev, "W1 m=0 31\nW2 m=0 41\n");
	free(ev);

	/* truncated: what was decompressed counts, with a damage warning,
	 * and the record the cut ends is damaged (formats.md 3b) */
	struct diag_count dc = { 0 };
	wdilog_options o;
	wdilog_options_init(&o);
	o.diag = count_diag;
	o.diag_payload = &dc;
	size_t one = gzip(a, sizeof(a) - 1, buf, sizeof(buf));
	ev = events_of(buf, one - 6, &o, NULL);
	CHECK_STR(ev, "D1 m=0\n");
	CHECK_EQ_U(dc.damaged, 2);
	free(ev);

	/* corrupt CRC: an input error after the data was counted */
	buf[one - 8] ^= 0xFF;
	wdilog_reader *r;
	wdilog_error err = { 0 };
	wdilog_event e;
	CHECK(wdilog_reader_open_memory(&r, buf, one, "c.gz", NULL, &err) == 0);
	int rc, events = 0;
	while ((rc = wdilog_reader_next(r, &e, &err)) == WDILOG_OK)
		events++;
	CHECK_EQ_U(events, 1);
	CHECK(rc == WDILOG_EFORMAT);
	CHECK(strstr(err.message, "gzip") != NULL);
	CHECK_STR(err.input, "c.gz");
	wdilog_reader_free(r);
}

int main(void)
{
	encodings();
	windows_1252();
	bidi_marks_stripped();
	utf16_damage();
	gzip_members();
	return check_report("decode");
}
