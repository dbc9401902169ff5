/* Binary XML to XML text. One grammar walker reads the token stream
 * (elements, attributes, text, character and entity references, CDATA,
 * processing instructions, substitutions) and writes either straight to
 * the output (a record's own tokens, a nested BinXml value) or, for a
 * template definition, into a small program: literal XML text with
 * substitution slots. A template is compiled once per chunk and then
 * every record that uses it costs only copying literals and rendering
 * its values. */
#include "parse/binxml.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "util/bytes.h"
#include "util/error.h"
#include "parse/parse_xml.h"
#include "parse/timestamp.h"

/* Program operations of a compiled template. */
enum {
	OP_LIT = 1,     /* u32 n, n bytes of XML text */
	OP_SUB,         /* u16 index, u8 optional */
	OP_ATTR,        /* u32 n, n bytes ` Name="`: an attribute starts */
	OP_ATTR_END,    /* closing quote, or drop an attribute left empty
			   by optional substitutions */
	OP_ELEM_SUB     /* u16 index, u8 optional, u32 n, n bytes start tag,
			   u32 m, m bytes end tag: an element whose content
			   is one substitution, left out when an optional
			   value is null and repeated for each item of an
			   array, as Windows renders them */
};

/* Tokens of MS-EVEN6 binary XML (0x40 is the "more" flag). */
enum {
	T_EOF = 0x00, T_OPEN = 0x01, T_CLOSE_START = 0x02,
	T_CLOSE_EMPTY = 0x03, T_END = 0x04, T_VALUE = 0x05, T_ATTR = 0x06,
	T_CDATA = 0x07, T_CHARREF = 0x08, T_ENTREF = 0x09, T_PI_TARGET = 0x0A,
	T_PI_DATA = 0x0B, T_TEMPLATE = 0x0C, T_SUB = 0x0D, T_SUB_OPT = 0x0E,
	T_FRAGMENT = 0x0F
};

/* Elements nested deeper than this are refused (real events: 5). */
#define ELEM_DEPTH 64
/* Compiled templates of one chunk: a chunk is 64 KiB, so its programs
 * stay well below this unless it is built to blow up. */
#define POOL_MAX (8u * 1024u * 1024u)
/* Work per record (tokens walked, operations run): bounds the time a
 * crafted chunk can cost through templates nested in values. */
#define STEPS_MAX (4u * 1024u * 1024u)
/* A compiled template marked as not compilable. */
#define PROG_BAD UINT32_MAX

static bool fail(struct wdl_binxml *b, const char *why)
{
	if (!b->why)
		b->why = why;
	return false;
}

/* ---- output buffers ---- */

/* Room for @p n more bytes at o->p + o->len, or NULL. */
static char *reserve(struct wdl_binxml *b, struct wdl_binxml_buf *o, size_t n)
{
	if (n <= o->cap - o->len)
		return o->p + o->len;
	if (n > o->max - o->len) {
		fail(b, o == &b->out ? "event larger than " WDL_STR(WDL_EVENT_MAX_MIB) " MiB"
				     : "templates too large for one chunk");
		return NULL;
	}
	size_t cap = o->cap ? o->cap : 4096;
	while (cap - o->len < n)
		cap = cap > o->max / 2 ? o->max : cap * 2;
	char *p = wdl_realloc(o->p, cap);
	if (!p) {
		b->oom = true;
		fail(b, "out of memory");
		return NULL;
	}
	o->p = p;
	o->cap = cap;
	return p + o->len;
}

static bool put(struct wdl_binxml *b, struct wdl_binxml_buf *o,
		const void *s, size_t n)
{
	char *d = reserve(b, o, n);
	if (!d)
		return false;
	memcpy(d, s, n);
	o->len += n;
	return true;
}

static bool puts_(struct wdl_binxml *b, struct wdl_binxml_buf *o,
		  const char *s)
{
	return put(b, o, s, strlen(s));
}

/* ---- text conversion ---- */

/* Append one code point as UTF-8, XML-escaped; characters XML 1.0 cannot
 * hold (controls other than tab, CR, LF; U+FFFE, U+FFFF) become U+FFFD. */
static size_t emit_cp(char *d, uint32_t cp)
{
	if (cp < 0x80) {
		const char *esc = cp == '&' ? "&amp;" : cp == '<' ? "&lt;"
				: cp == '>' ? "&gt;" : cp == '"' ? "&quot;" : NULL;
		if (esc) {
			size_t n = 0;
			while (esc[n]) {
				d[n] = esc[n];
				n++;
			}
			return n;
		}
		if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
			cp = 0xFFFD;
		else {
			d[0] = (char)cp;
			return 1;
		}
	}
	if (cp == 0xFFFE || cp == 0xFFFF)
		cp = 0xFFFD;
	if (cp < 0x800) {
		d[0] = (char)(0xC0 | cp >> 6);
		d[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xE0 | cp >> 12);
		d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		d[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (char)(0xF0 | cp >> 18);
	d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	d[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* UTF-16LE code units at @p p, escaped. A lone surrogate becomes U+FFFD.
 * Stops at a NUL unit when @p stop_nul; returns the units consumed. */
static bool utf16(struct wdl_binxml *b, struct wdl_binxml_buf *o,
		  const uint8_t *p, size_t units, bool stop_nul)
{
	/* 6 bytes a unit covers the longest escape (&quot;) */
	char *d = reserve(b, o, units * 6);
	if (!d)
		return false;
	char *d0 = d;
	for (size_t i = 0; i < units; i++) {
		uint32_t u = wdl_le16(p + 2 * i);
		if (u >= 0x20 && u < 0x7F && u != '&' && u != '<' && u != '>' &&
		    u != '"') {
			*d++ = (char)u;
			continue;
		}
		if (u == 0 && stop_nul)
			break;
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
			uint32_t lo = wdl_le16(p + 2 * i + 2);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i++;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF)
			u = 0xFFFD;
		d += emit_cp(d, u);
	}
	o->len += (size_t)(d - d0);
	return true;
}

/* Single-byte text (AnsiString): read as Latin-1; stops at NUL. */
static bool latin1(struct wdl_binxml *b, struct wdl_binxml_buf *o,
		   const uint8_t *p, size_t n)
{
	char *d = reserve(b, o, n * 6);
	if (!d)
		return false;
	char *d0 = d;
	for (size_t i = 0; i < n && p[i]; i++)
		d += emit_cp(d, p[i]);
	o->len += (size_t)(d - d0);
	return true;
}

/* ---- numbers ---- */

static bool put_u64(struct wdl_binxml *b, struct wdl_binxml_buf *o,
		    uint64_t v)
{
	char tmp[24];
	size_t n = 0;
	do {
		tmp[sizeof(tmp) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return put(b, o, tmp + sizeof(tmp) - n, n);
}

static bool put_i64(struct wdl_binxml *b, struct wdl_binxml_buf *o, int64_t v)
{
	if (v < 0) {
		if (!put(b, o, "-", 1))
			return false;
		return put_u64(b, o, (uint64_t)0 - (uint64_t)v);
	}
	return put_u64(b, o, (uint64_t)v);
}

/* 0x and lower-case hex digits, at least @p width of them. */
static bool put_hex(struct wdl_binxml *b, struct wdl_binxml_buf *o,
		    uint64_t v, int width)
{
	char tmp[20];
	int n = 0;
	while (v || n < width || n == 0) {
		tmp[sizeof(tmp) - 1 - n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	}
	tmp[sizeof(tmp) - 1 - n++] = 'x';
	tmp[sizeof(tmp) - 1 - n++] = '0';
	return put(b, o, tmp + sizeof(tmp) - n, (size_t)n);
}

static void two(char *d, unsigned v)
{
	d[0] = (char)('0' + v / 10 % 10);
	d[1] = (char)('0' + v % 10);
}

/* 2022-08-22T17:26:59.5869895Z from a FILETIME (100 ns since 1601). */
static bool put_filetime(struct wdl_binxml *b, struct wdl_binxml_buf *o,
			 uint64_t ft)
{
	uint64_t secs = ft / 10000000u;
	unsigned frac = (unsigned)(ft % 10000000u);
	/* 1601-01-01 is 134774 days before 1970-01-01 */
	int64_t days = (int64_t)(secs / 86400) - 134774;
	unsigned sod = (unsigned)(secs % 86400);
	int64_t y;
	unsigned m, d;
	wdl_civil_from_days(days, &y, &m, &d);
	char s[32];
	unsigned yy = (unsigned)y % 10000u;
	two(s, yy / 100);
	two(s + 2, yy % 100);
	s[4] = '-';
	two(s + 5, m);
	s[7] = '-';
	two(s + 8, d);
	s[10] = 'T';
	two(s + 11, sod / 3600);
	s[13] = ':';
	two(s + 14, sod / 60 % 60);
	s[16] = ':';
	two(s + 17, sod % 60);
	s[19] = '.';
	for (int i = 6; i >= 0; i--) {
		s[20 + i] = (char)('0' + frac % 10);
		frac /= 10;
	}
	s[27] = 'Z';
	return put(b, o, s, 28);
}

static bool put_systemtime(struct wdl_binxml *b, struct wdl_binxml_buf *o,
			   const uint8_t *p)
{
	char s[40];
	int n = snprintf(s, sizeof(s), "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ",
			 wdl_le16(p), wdl_le16(p + 2) % 100u, wdl_le16(p + 6) % 100u,
			 wdl_le16(p + 8) % 100u, wdl_le16(p + 10) % 100u,
			 wdl_le16(p + 12) % 100u, wdl_le16(p + 14) % 1000u);
	return put(b, o, s, (size_t)n);
}

static void hex_upper(char *d, uint64_t v, int digits)
{
	for (int i = digits - 1; i >= 0; i--) {
		d[i] = "0123456789ABCDEF"[v & 15];
		v >>= 4;
	}
}

/* {9580D7DD-0379-4658-9870-D5BE7D52D6DE}: written by hand, as snprintf
 * showed in profiles (three GUIDs a typical record). */
static bool put_guid(struct wdl_binxml *b, struct wdl_binxml_buf *o,
		     const uint8_t *p)
{
	char *d = reserve(b, o, 38);
	if (!d)
		return false;
	d[0] = '{';
	hex_upper(d + 1, wdl_le32(p), 8);
	d[9] = '-';
	hex_upper(d + 10, wdl_le16(p + 4), 4);
	d[14] = '-';
	hex_upper(d + 15, wdl_le16(p + 6), 4);
	d[19] = '-';
	hex_upper(d + 20, (uint64_t)p[8] << 8 | p[9], 4);
	d[24] = '-';
	for (int i = 0; i < 6; i++)
		hex_upper(d + 25 + 2 * i, p[10 + i], 2);
	d[37] = '}';
	o->len += 38;
	return true;
}

/* S-1-5-21-...; returns false (with why) if @p n is not one whole SID. */
static bool put_sid(struct wdl_binxml *b, struct wdl_binxml_buf *o,
		    const uint8_t *p, size_t n, size_t *used)
{
	if (n < 8 || n < 8 + 4 * (size_t)p[1])
		return fail(b, "SID value shorter than its sub-authorities");
	uint64_t auth = 0;
	for (int i = 2; i < 8; i++)
		auth = auth << 8 | p[i];
	if (!put(b, o, "S-", 2) || !put_u64(b, o, p[0]) || !put(b, o, "-", 1))
		return false;
	if (auth >> 32 ? !put_hex(b, o, auth, 12) : !put_u64(b, o, auth))
		return false;
	for (unsigned i = 0; i < p[1]; i++)
		if (!put(b, o, "-", 1) || !put_u64(b, o, wdl_le32(p + 8 + 4 * i)))
			return false;
	*used = 8 + 4 * (size_t)p[1];
	return true;
}

static bool put_binary(struct wdl_binxml *b, struct wdl_binxml_buf *o,
		       const uint8_t *p, size_t n)
{
	char *d = reserve(b, o, 2 * n);
	if (!d)
		return false;
	for (size_t i = 0; i < n; i++) {
		d[2 * i] = "0123456789ABCDEF"[p[i] >> 4];
		d[2 * i + 1] = "0123456789ABCDEF"[p[i] & 15];
	}
	o->len += 2 * n;
	return true;
}

static bool put_real(struct wdl_binxml *b, struct wdl_binxml_buf *o,
		     double v)
{
	char s[40];
	int n = snprintf(s, sizeof(s), "%g", v);
	return put(b, o, s, (size_t)n);
}

/* Size of one item of a fixed-size type; 0 for variable-size types. */
static size_t item_size(unsigned type, size_t total)
{
	switch (type) {
	case WDL_BXV_INT8: case WDL_BXV_UINT8:
		return 1;
	case WDL_BXV_INT16: case WDL_BXV_UINT16:
		return 2;
	case WDL_BXV_INT32: case WDL_BXV_UINT32: case WDL_BXV_REAL32:
	case WDL_BXV_BOOL: case WDL_BXV_HEX32:
		return 4;
	case WDL_BXV_INT64: case WDL_BXV_UINT64: case WDL_BXV_REAL64:
	case WDL_BXV_FILETIME: case WDL_BXV_HEX64:
		return 8;
	case WDL_BXV_GUID: case WDL_BXV_SYSTEMTIME:
		return 16;
	case WDL_BXV_SIZET: case WDL_BXV_HANDLE:
		return total == 4 ? 4 : 8;
	default:
		return 0;
	}
}

/* NOLINTNEXTLINE(misc-no-recursion): nesting is bounded */
static bool walk_fragment(struct wdl_binxml *b, uint32_t off, uint32_t len,
			  int depth);

/* One item of a fixed-size type, exactly item_size bytes at @p p. */
static bool put_fixed(struct wdl_binxml *b, struct wdl_binxml_buf *o,
		      unsigned type, const uint8_t *p, size_t n)
{
	switch (type) {
	case WDL_BXV_INT8: return put_i64(b, o, (int8_t)p[0]);
	case WDL_BXV_UINT8: return put_u64(b, o, p[0]);
	case WDL_BXV_INT16: return put_i64(b, o, (int16_t)wdl_le16(p));
	case WDL_BXV_UINT16: return put_u64(b, o, wdl_le16(p));
	case WDL_BXV_INT32: return put_i64(b, o, (int32_t)wdl_le32(p));
	case WDL_BXV_UINT32: return put_u64(b, o, wdl_le32(p));
	case WDL_BXV_INT64: return put_i64(b, o, (int64_t)wdl_le64(p));
	case WDL_BXV_UINT64: return put_u64(b, o, wdl_le64(p));
	case WDL_BXV_REAL32: {
		float f;
		uint32_t u = wdl_le32(p);
		memcpy(&f, &u, 4);
		return put_real(b, o, f);
	}
	case WDL_BXV_REAL64: {
		double f;
		uint64_t u = wdl_le64(p);
		memcpy(&f, &u, 8);
		return put_real(b, o, f);
	}
	case WDL_BXV_BOOL: return puts_(b, o, wdl_le32(p) ? "true" : "false");
	case WDL_BXV_GUID: return put_guid(b, o, p);
	case WDL_BXV_FILETIME: return put_filetime(b, o, wdl_le64(p));
	case WDL_BXV_SYSTEMTIME: return put_systemtime(b, o, p);
	case WDL_BXV_HEX32: return put_hex(b, o, wdl_le32(p), 0);
	case WDL_BXV_HEX64: return put_hex(b, o, wdl_le64(p), 0);
	case WDL_BXV_SIZET: case WDL_BXV_HANDLE:
		return put_hex(b, o, n == 4 ? wdl_le32(p) : wdl_le64(p), 0);
	default:
		return put_binary(b, o, p, n);
	}
}

/* One item of @p base type (no array flag) at chunk[off, off + n). */
/* NOLINTNEXTLINE(misc-no-recursion): nesting is bounded */
static bool put_scalar(struct wdl_binxml *b, unsigned base, uint32_t off,
		       size_t n, int depth)
{
	struct wdl_binxml_buf *o = &b->out;
	const uint8_t *p = b->chunk + off;
	size_t used;
	switch (base) {
	case WDL_BXV_NULL:
		return true;
	case WDL_BXV_STRING:
	case WDL_BXV_EVTXML:
		return utf16(b, o, p, n / 2, true);
	case WDL_BXV_ANSI:
		return latin1(b, o, p, n);
	case WDL_BXV_BINARY:
		return put_binary(b, o, p, n);
	case WDL_BXV_BINXML:
		if (depth + 1 >= WDL_BINXML_DEPTH)
			return fail(b, "BinXml values nested too deep");
		return walk_fragment(b, off, (uint32_t)n, depth + 1);
	case WDL_BXV_SID:
		return put_sid(b, o, p, n, &used);
	default:
		break;
	}
	size_t sz = item_size(base, n);
	if (!sz || n != sz)
		return put_binary(b, o, p, n);  /* unknown type or odd size */
	return put_fixed(b, o, base, p, sz);
}

/* The item of an array value starting at p[at] (n bytes in all): its
 * length in *len, without the NUL that ends a string; returns the bytes
 * it takes, at least 1. */
static size_t next_item(unsigned base, const uint8_t *p, size_t n, size_t at,
			size_t *len)
{
	const uint8_t *q = p + at;
	size_t left = n - at, i = 0;
	switch (base) {
	case WDL_BXV_STRING:
	case WDL_BXV_EVTXML:
		while (i + 2 <= left && wdl_le16(q + i) != 0)
			i += 2;
		*len = i;
		return i + 2 <= left ? i + 2 : left;
	case WDL_BXV_ANSI:
		while (i < left && q[i] != 0)
			i++;
		*len = i;
		return i < left ? i + 1 : left;
	case WDL_BXV_SID:
		i = left >= 8 ? 8 + 4 * (size_t)q[1] : left;
		break;
	default:
		i = item_size(base, left == 4 ? 4 : 8);
		break;
	}
	if (!i || i > left)
		i = left;
	*len = i;
	return i;
}

/* A substitution value at chunk[off, off + n) of @p type, escaped text;
 * the items of an array joined by ", ". */
/* NOLINTNEXTLINE(misc-no-recursion): nesting is bounded */
static bool put_value(struct wdl_binxml *b, unsigned type, uint32_t off,
		      size_t n, int depth)
{
	unsigned base = type & ~(unsigned)WDL_BXV_ARRAY;
	if (!(type & WDL_BXV_ARRAY))
		return put_scalar(b, base, off, n, depth);
	for (size_t at = 0; at < n;) {
		size_t len;
		size_t k = next_item(base, b->chunk + off, n, at, &len);
		if (at && !put(b, &b->out, ", ", 2))
			return false;
		if (!put_scalar(b, base, off + (uint32_t)at, len, depth))
			return false;
		at += k;
	}
	return true;
}

/* ---- the grammar walker ---- */

struct walk {
	struct wdl_binxml *b;
	uint32_t pos, end;          /* chunk offsets of the token stream */
	bool compile;               /* into the pool, else into out */
	size_t lit_at;              /* pool index of the open OP_LIT's length,
				       0 when none is open */
	int depth;                  /* BinXml nesting, for template values */
	unsigned nsubs;             /* substitutions compiled so far */
};

static bool step(struct walk *w)
{
	if (++w->b->steps > STEPS_MAX)
		return fail(w->b, "binary XML too complex");
	return true;
}

/* The buffer literal text goes to: out, or an open OP_LIT in the pool. */
static struct wdl_binxml_buf *text_to(struct walk *w)
{
	struct wdl_binxml *b = w->b;
	if (!w->compile)
		return &b->out;
	if (!w->lit_at) {
		unsigned char hdr[5] = { OP_LIT, 0, 0, 0, 0 };
		if (!put(b, &b->pool, hdr, 5))
			return NULL;
		w->lit_at = b->pool.len - 4;
	}
	return &b->pool;
}

/* Close the open OP_LIT: write its length. */
static void close_lit(struct walk *w)
{
	if (!w->lit_at)
		return;
	struct wdl_binxml *b = w->b;
	uint32_t n = (uint32_t)(b->pool.len - w->lit_at - 4);
	unsigned char *d = (unsigned char *)b->pool.p + w->lit_at;
	d[0] = (unsigned char)n;
	d[1] = (unsigned char)(n >> 8);
	d[2] = (unsigned char)(n >> 16);
	d[3] = (unsigned char)(n >> 24);
	w->lit_at = 0;
}

static bool lit(struct walk *w, const char *s, size_t n)
{
	struct wdl_binxml_buf *o = text_to(w);
	return o && put(w->b, o, s, n);
}

static bool need(struct walk *w, uint32_t n)
{
	if (w->end - w->pos < n)
		return fail(w->b, "binary XML ends inside a token");
	return true;
}

/* A name at chunk offset @p off, as UTF-8; inline names (stored right
 * here in the stream) are stepped over. */
static bool name_at(struct walk *w, uint32_t off, struct wdl_binxml_buf *o)
{
	struct wdl_binxml *b = w->b;
	if (off > b->chunk_len || b->chunk_len - off < 8)
		return fail(b, "name offset outside the chunk");
	uint32_t count = wdl_le16(b->chunk + off + 6);
	uint32_t size = 8 + 2 * count + 2;
	if (b->chunk_len - off < size - 2)
		return fail(b, "name runs past the chunk");
	if (off == w->pos) {
		if (!need(w, size))
			return false;
		w->pos += size;
	}
	if (!count)
		return fail(b, "empty name");
	return utf16(b, o, b->chunk + off + 8, count, false);
}

/* A name offset read from the stream, its text appended as a literal. */
static bool name_lit(struct walk *w, uint32_t off)
{
	struct wdl_binxml_buf *o = text_to(w);
	return o && name_at(w, off, o);
}

static bool substitution(struct walk *w, bool optional)
{
	if (!need(w, 4))
		return false;
	const uint8_t *p = w->b->chunk + w->pos;
	if (!w->compile)
		return fail(w->b, "substitution outside a template");
	close_lit(w);
	w->nsubs++;
	unsigned char op[4] = { OP_SUB, p[1], p[2], optional };
	w->pos += 4;
	return put(w->b, &w->b->pool, op, 4);
}

/* Text-like content shared by attributes and elements: values,
 * substitutions, references, CDATA. Returns false with why on failure;
 * *handled says whether the token was one of these. */
static bool content_token(struct walk *w, uint8_t tok, bool *handled)
{
	struct wdl_binxml *b = w->b;
	const uint8_t *p = b->chunk + w->pos;
	*handled = true;
	switch (tok & 0xBF) {
	case T_VALUE: {
		if (!need(w, 4))
			return false;
		if (p[1] != WDL_BXV_STRING)
			return fail(b, "value token of a type other than string");
		uint32_t n = wdl_le16(p + 2);
		if (!need(w, 4 + 2 * n))
			return false;
		w->pos += 4 + 2 * n;
		struct wdl_binxml_buf *o = text_to(w);
		return o && utf16(b, o, p + 4, n, false);
	}
	case T_CDATA: {
		if (!need(w, 3))
			return false;
		uint32_t n = wdl_le16(p + 1);
		if (!need(w, 3 + 2 * n))
			return false;
		w->pos += 3 + 2 * n;
		/* as escaped text: the same characters to an XML reader */
		struct wdl_binxml_buf *o = text_to(w);
		return o && utf16(b, o, p + 3, n, false);
	}
	case T_CHARREF: {
		if (!need(w, 3))
			return false;
		uint32_t cp = wdl_le16(p + 1);
		w->pos += 3;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			cp = 0xFFFD;
		struct wdl_binxml_buf *o = text_to(w);
		char *d = o ? reserve(b, o, 6) : NULL;
		if (!d)
			return false;
		o->len += emit_cp(d, cp);
		return true;
	}
	case T_ENTREF: {
		if (!need(w, 5))
			return false;
		uint32_t off = wdl_le32(p + 1);
		w->pos += 5;
		/* only the predefined entities mean something without a DTD;
		 * any other reference is kept as its text */
		if (!lit(w, "&", 1))
			return false;
		struct wdl_binxml_buf *o = text_to(w);
		size_t at = o->len;
		if (!name_at(w, off, o) || !lit(w, ";", 1))
			return false;
		size_t n = o->len - at - 1;
		const char *nm = o->p + at;
		bool known = (n == 2 && (!memcmp(nm, "lt", 2) ||
					 !memcmp(nm, "gt", 2))) ||
			     (n == 3 && !memcmp(nm, "amp", 3)) ||
			     (n == 4 && (!memcmp(nm, "quot", 4) ||
					 !memcmp(nm, "apos", 4)));
		if (!known) {
			/* "&name;" becomes the text "&amp;name;" */
			if (!reserve(b, o, 4))
				return false;
			memmove(o->p + at + 4, o->p + at, o->len - at);
			memcpy(o->p + at, "amp;", 4);
			o->len += 4;
		}
		return true;
	}
	case T_SUB:
		return substitution(w, false);
	case T_SUB_OPT:
		return substitution(w, true);
	default:
		*handled = false;
		return true;
	}
}

static bool attribute(struct walk *w)
{
	struct wdl_binxml *b = w->b;
	if (!need(w, 5))
		return false;
	uint32_t off = wdl_le32(b->chunk + w->pos + 1);
	w->pos += 5;
	size_t prev_lit = w->lit_at, attr_start = b->pool.len;
	unsigned nsubs = w->nsubs;
	if (w->compile) {
		close_lit(w);
		attr_start = b->pool.len;
		unsigned char hdr[5] = { OP_ATTR, 0, 0, 0, 0 };
		if (!put(b, &b->pool, hdr, 5))
			return false;
		size_t at = b->pool.len;
		if (!put(b, &b->pool, " ", 1) || !name_at(w, off, &b->pool) ||
		    !put(b, &b->pool, "=\"", 2))
			return false;
		uint32_t n = (uint32_t)(b->pool.len - at);
		unsigned char *d = (unsigned char *)b->pool.p + at - 4;
		d[0] = (unsigned char)n;
		d[1] = (unsigned char)(n >> 8);
		d[2] = (unsigned char)(n >> 16);
		d[3] = (unsigned char)(n >> 24);
	} else if (!lit(w, " ", 1) || !name_lit(w, off) || !lit(w, "=\"", 2)) {
		return false;
	}
	/* the value: text-like tokens up to the next attribute or the end
	 * of the start tag */
	for (;;) {
		if (!need(w, 1) || !step(w))
			return false;
		bool handled;
		uint8_t tok = b->chunk[w->pos];
		if ((tok & 0xBF) == T_ATTR || tok == T_CLOSE_START ||
		    tok == T_CLOSE_EMPTY)
			break;
		if (!content_token(w, tok, &handled))
			return false;
		if (!handled)
			return fail(b, "unexpected token in an attribute value");
	}
	if (w->compile) {
		close_lit(w);
		if (w->nsubs == nsubs && prev_lit) {
			/* no substitution: the attribute is literal text, part
			 * of the literal before it (OP_ATTR and OP_LIT share
			 * their layout: op, u32 n, n bytes) */
			size_t src = attr_start, dst = attr_start;
			while (src < b->pool.len) {
				uint32_t n = wdl_le32((const uint8_t *)b->pool.p + src + 1);
				memmove(b->pool.p + dst, b->pool.p + src + 5, n);
				dst += n;
				src += 5 + n;
			}
			b->pool.len = dst;
			w->lit_at = prev_lit;
			return lit(w, "\"", 1);
		}
		unsigned char op = OP_ATTR_END;
		return put(b, &b->pool, &op, 1);
	}
	return lit(w, "\"", 1);
}

/* NOLINTNEXTLINE(misc-no-recursion): nesting is bounded */
static bool template_instance(struct walk *w);

static void set32(unsigned char *d, size_t n)
{
	d[0] = (unsigned char)n;
	d[1] = (unsigned char)(n >> 8);
	d[2] = (unsigned char)(n >> 16);
	d[3] = (unsigned char)(n >> 24);
}

/* "</name>" into @p o; the name is read again from its offset (an inline
 * name was already stepped over, so it is not at pos now). */
static bool end_tag(struct walk *w, uint32_t name, struct wdl_binxml_buf *o)
{
	if (!put(w->b, o, "</", 2))
		return false;
	uint32_t save = w->pos;
	w->pos = UINT32_MAX;  /* no inline name can be here */
	bool ok = name_at(w, name, o);
	w->pos = save;
	return ok && put(w->b, o, ">", 1);
}

/* The element being compiled holds one substitution and nothing else:
 * turn the literal start tag at pool[el_start] (OP_LIT, 4-byte length,
 * text) into an OP_ELEM_SUB. */
static bool element_sub(struct walk *w, size_t el_start, uint32_t name)
{
	struct wdl_binxml *b = w->b;
	const uint8_t *t = b->chunk + w->pos;
	unsigned char hdr[8] = { OP_ELEM_SUB, t[1], t[2], t[0] == T_SUB_OPT };
	w->pos += 5;  /* the substitution and the end of the element */
	w->lit_at = 0;
	size_t n = b->pool.len - el_start - 5;
	if (!reserve(b, &b->pool, 3))
		return false;
	unsigned char *d = (unsigned char *)b->pool.p + el_start;
	memmove(d + 8, d + 5, n);
	set32(hdr + 4, n);
	memcpy(d, hdr, 8);
	b->pool.len += 3;
	size_t at = b->pool.len;
	unsigned char zero[4] = { 0 };
	if (!put(b, &b->pool, zero, 4) || !end_tag(w, name, &b->pool))
		return false;
	set32((unsigned char *)b->pool.p + at, b->pool.len - at - 4);
	return true;
}

/* NOLINTNEXTLINE(misc-no-recursion): nesting is bounded */
static bool element(struct walk *w, int level)
{
	struct wdl_binxml *b = w->b;
	if (level >= ELEM_DEPTH)
		return fail(b, "elements nested too deep");
	/* token, a dependency id (u16) in template definitions only, the
	 * element size (u32), the name offset; a record's own elements and
	 * nested BinXml values have no dependency id */
	uint32_t head = w->compile ? 11 : 9;
	/* a compiled element starts its own literal, so that its start tag
	 * can become an OP_ELEM_SUB */
	if (w->compile)
		close_lit(w);
	size_t el_start = b->pool.len;
	if (!need(w, head))
		return false;
	const uint8_t *p = b->chunk + w->pos;
	bool attrs = p[0] & 0x40;
	uint32_t name = wdl_le32(p + head - 4);
	w->pos += head;
	if (!lit(w, "<", 1) || !name_lit(w, name))
		return false;
	if (attrs) {
		if (!need(w, 4))
			return false;
		w->pos += 4;  /* attribute list size: the tokens say it too */
		while (need(w, 1) && (b->chunk[w->pos] & 0xBF) == T_ATTR)
			if (!step(w) || !attribute(w))
				return false;
	}
	if (!need(w, 1))
		return false;
	uint8_t tok = b->chunk[w->pos++];
	if (tok == T_CLOSE_EMPTY)
		return lit(w, "/>", 2);
	if (tok != T_CLOSE_START)
		return fail(b, "element start tag not closed");
	if (!lit(w, ">", 1))
		return false;
	if (w->compile && w->lit_at == el_start + 1 && w->end - w->pos >= 5 &&
	    (b->chunk[w->pos] == T_SUB || b->chunk[w->pos] == T_SUB_OPT) &&
	    b->chunk[w->pos + 4] == T_END)
		return element_sub(w, el_start, name);
	for (;;) {
		if (!need(w, 1) || !step(w))
			return false;
		tok = b->chunk[w->pos];
		bool handled;
		if (tok == T_END) {
			w->pos++;
			break;
		}
		if ((tok & 0xBF) == T_OPEN) {
			if (!element(w, level + 1))
				return false;
			continue;
		}
		if (tok == T_TEMPLATE && !w->compile) {
			if (!template_instance(w))
				return false;
			continue;
		}
		if ((tok & 0xBF) == T_PI_TARGET) {
			/* a processing instruction inside content */
			if (!need(w, 5))
				return false;
			uint32_t off = wdl_le32(b->chunk + w->pos + 1);
			w->pos += 5;
			if (!lit(w, "<?", 2) || !name_lit(w, off))
				return false;
			if (w->end - w->pos >= 3 &&
			    b->chunk[w->pos] == T_PI_DATA) {
				uint32_t n = wdl_le16(b->chunk + w->pos + 1);
				if (!need(w, 3 + 2 * n))
					return false;
				const uint8_t *d = b->chunk + w->pos + 3;
				w->pos += 3 + 2 * n;
				struct wdl_binxml_buf *o = text_to(w);
				if (!lit(w, " ", 1) || !o ||
				    !utf16(b, o, d, n, false))
					return false;
			}
			if (!lit(w, "?>", 2))
				return false;
			continue;
		}
		if (!content_token(w, tok, &handled))
			return false;
		if (!handled)
			return fail(b, "unexpected token in element content");
	}
	struct wdl_binxml_buf *o = text_to(w);
	return o && end_tag(w, name, o);
}

/* ---- templates ---- */

static uint32_t slot_of(uint32_t off, size_t cap)
{
	return (uint32_t)((off * 2654435761u) & (cap - 1));
}

static struct wdl_binxml_tpl *tpl_find(struct wdl_binxml *b, uint32_t off)
{
	if (!b->tpl_cap)
		return NULL;
	for (uint32_t i = slot_of(off, b->tpl_cap);;
	     i = (i + 1) & (uint32_t)(b->tpl_cap - 1)) {
		if (b->tpl[i].offset == off)
			return &b->tpl[i];
		if (!b->tpl[i].offset)
			return NULL;
	}
}

static struct wdl_binxml_tpl *tpl_add(struct wdl_binxml *b, uint32_t off)
{
	if ((b->ntpl + 1) * 2 > b->tpl_cap) {
		size_t cap = b->tpl_cap ? b->tpl_cap * 2 : 64;
		struct wdl_binxml_tpl *t = wdl_calloc(cap, sizeof(*t));
		if (!t) {
			b->oom = true;
			fail(b, "out of memory");
			return NULL;
		}
		for (size_t i = 0; i < b->tpl_cap; i++) {
			if (!b->tpl[i].offset)
				continue;
			uint32_t j = slot_of(b->tpl[i].offset, cap);
			while (t[j].offset)
				j = (j + 1) & (uint32_t)(cap - 1);
			t[j] = b->tpl[i];
		}
		wdl_free(b->tpl);
		b->tpl = t;
		b->tpl_cap = cap;
	}
	uint32_t j = slot_of(off, b->tpl_cap);
	while (b->tpl[j].offset)
		j = (j + 1) & (uint32_t)(b->tpl_cap - 1);
	b->tpl[j].offset = off;
	b->ntpl++;
	return &b->tpl[j];
}

/* Compile the definition at chunk offset @p def (next offset u32, GUID,
 * data size u32, then a fragment) into the pool. */
/* NOLINTNEXTLINE(misc-no-recursion): nesting is bounded */
static bool compile(struct wdl_binxml *b, uint32_t def,
		    struct wdl_binxml_tpl *t)
{
	uint32_t size = wdl_le32(b->chunk + def + 20);
	if (b->chunk_len - def - 24 < size)
		return fail(b, "template definition runs past the chunk");
	struct walk w = { .b = b, .pos = def + 24, .end = def + 24 + size,
			  .compile = true };
	size_t start = b->pool.len;
	bool seen = false;
	for (;;) {
		if (!need(&w, 1) || !step(&w))
			return false;
		uint8_t tok = b->chunk[w.pos];
		if (tok == T_EOF)
			break;
		if (tok == T_FRAGMENT) {
			if (!need(&w, 4))
				return false;
			w.pos += 4;
			continue;
		}
		if ((tok & 0xBF) != T_OPEN || seen)
			return fail(b, "template definition is not one element");
		seen = true;
		if (!element(&w, 0))
			return false;
	}
	close_lit(&w);
	t->prog = (uint32_t)start;
	t->prog_len = (uint32_t)(b->pool.len - start);
	return true;
}

/* Run template @p t with the values at depth @p depth into out. */
/* NOLINTNEXTLINE(misc-no-recursion): nesting is bounded */
static bool run(struct wdl_binxml *b, const struct wdl_binxml_tpl *t,
		size_t nvals, int depth)
{
	size_t pc = t->prog, end = t->prog + t->prog_len;
	size_t mark = 0;
	bool keep = true, drop = false;
	while (pc < end) {
		if (++b->steps > STEPS_MAX)
			return fail(b, "binary XML too complex");
		/* the pool may move when a nested value compiles a template */
		const unsigned char *p = (const unsigned char *)b->pool.p + pc;
		switch (p[0]) {
		case OP_LIT: {
			uint32_t n = wdl_le32(p + 1);
			if (!put(b, &b->out, p + 5, n))
				return false;
			keep = true;
			pc += 5 + n;
			break;
		}
		case OP_ATTR: {
			uint32_t n = wdl_le32(p + 1);
			mark = b->out.len;
			keep = false;
			drop = false;
			if (!put(b, &b->out, p + 5, n))
				return false;
			pc += 5 + n;
			break;
		}
		case OP_ATTR_END:
			if (drop && !keep)
				b->out.len = mark;
			else if (!put(b, &b->out, "\"", 1))
				return false;
			keep = true;
			pc += 1;
			break;
		case OP_SUB: {
			unsigned idx = wdl_le16(p + 1);
			bool optional = p[3];
			pc += 4;
			const struct wdl_binxml_val *v =
				idx < nvals ? &b->vals[depth][idx] : NULL;
			if (!v || v->type == WDL_BXV_NULL || !v->size) {
				if (optional)
					drop = true;
				else
					keep = true;
				break;
			}
			keep = true;
			if (!put_value(b, v->type, v->off, v->size, depth))
				return false;
			break;
		}
		case OP_ELEM_SUB: {
			unsigned idx = wdl_le16(p + 1);
			bool optional = p[3];
			size_t start = pc + 8, n = wdl_le32(p + 4);
			size_t tail = start + n + 4, m = wdl_le32(p + 8 + n);
			pc = tail + m;
			const struct wdl_binxml_val *v =
				idx < nvals ? &b->vals[depth][idx] : NULL;
			bool null = !v || v->type == WDL_BXV_NULL || !v->size;
			if (null && optional)
				break;
			unsigned base = null ? WDL_BXV_NULL
					     : v->type & ~(unsigned)WDL_BXV_ARRAY;
			bool array = !null && (v->type & WDL_BXV_ARRAY);
			size_t at = 0;
			do {
				size_t len = null ? 0 : v->size, k = len;
				if (array)
					k = next_item(base, b->chunk + v->off,
						      v->size, at, &len);
				/* the pool may move under a nested value */
				if (!put(b, &b->out, b->pool.p + start, n) ||
				    (!null && !put_scalar(b, base,
							  v->off + (uint32_t)at,
							  len, depth)) ||
				    !put(b, &b->out, b->pool.p + tail, m))
					return false;
				at += k;
			} while (array && at < v->size);
			break;
		}
		default:
			return fail(b, "corrupt template program");
		}
	}
	return true;
}

/* A template instance at w->pos: its definition (inline or earlier in
 * the chunk), then the values, rendered into out. */
/* NOLINTNEXTLINE(misc-no-recursion): nesting is bounded */
static bool template_instance(struct walk *w)
{
	struct wdl_binxml *b = w->b;
	if (!need(w, 10))
		return false;
	uint32_t def = wdl_le32(b->chunk + w->pos + 6);
	w->pos += 10;
	if (def > b->chunk_len || b->chunk_len - def < 24)
		return fail(b, "template definition outside the chunk");
	if (def == w->pos) {
		/* defined right here: step over the definition */
		uint32_t size = wdl_le32(b->chunk + def + 20);
		if (!need(w, 24) || w->end - w->pos - 24 < size)
			return fail(b, "inline template definition runs past the record");
		w->pos += 24 + size;
	}
	struct wdl_binxml_tpl *t = tpl_find(b, def);
	if (!t) {
		t = tpl_add(b, def);
		if (!t)
			return false;
		t->prog = t->prog_len = PROG_BAD;
		if (!compile(b, def, t)) {
			if (b->oom)
				return false;
			t->prog = t->prog_len = PROG_BAD;
			return false;
		}
	}
	if (t->prog == PROG_BAD)
		return fail(b, "template definition cannot be read");
	/* the values: a count, (size u16, type u8, 0) each, then the bytes */
	if (!need(w, 4))
		return false;
	uint32_t n = wdl_le32(b->chunk + w->pos);
	w->pos += 4;
	if ((w->end - w->pos) / 4 < n)
		return fail(b, "more template values than bytes");
	int d = w->depth;
	if (d >= WDL_BINXML_DEPTH)
		return fail(b, "BinXml values nested too deep");
	if (n > b->vals_cap[d]) {
		struct wdl_binxml_val *v =
			wdl_realloc(b->vals[d], n * sizeof(*v));
		if (!v) {
			b->oom = true;
			return fail(b, "out of memory");
		}
		b->vals[d] = v;
		b->vals_cap[d] = n;
	}
	uint32_t at = w->pos + 4 * n;
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *p = b->chunk + w->pos + 4 * i;
		struct wdl_binxml_val *v = &b->vals[d][i];
		v->size = wdl_le16(p);
		v->type = p[2];
		v->off = at;
		if (w->end - at < v->size)
			return fail(b, "template value runs past the record");
		at += v->size;
	}
	w->pos = at;
	return run(b, t, n, d);
}

/* A fragment written straight to out: fragment headers, one element or
 * template instance, up to the end-of-stream token or @p len bytes. */
/* NOLINTNEXTLINE(misc-no-recursion): nesting is bounded */
static bool walk_fragment(struct wdl_binxml *b, uint32_t off, uint32_t len,
			  int depth)
{
	struct walk w = { .b = b, .pos = off, .end = off + len,
			  .depth = depth };
	while (w.pos < w.end) {
		if (!step(&w))
			return false;
		uint8_t tok = b->chunk[w.pos];
		if (tok == T_EOF)
			return true;
		if (tok == T_FRAGMENT) {
			if (!need(&w, 4))
				return false;
			w.pos += 4;
		} else if (tok == T_TEMPLATE) {
			if (!template_instance(&w))
				return false;
		} else if ((tok & 0xBF) == T_OPEN) {
			if (!element(&w, 0))
				return false;
		} else {
			return fail(b, "unexpected token at the top of a fragment");
		}
	}
	return true;
}

/* ---- public ---- */

void wdl_binxml_init(struct wdl_binxml *b, size_t out_max)
{
	memset(b, 0, sizeof(*b));
	b->out.max = out_max;
	b->pool.max = POOL_MAX;
}

void wdl_binxml_dispose(struct wdl_binxml *b)
{
	wdl_free(b->out.p);
	wdl_free(b->pool.p);
	wdl_free(b->tpl);
	for (int i = 0; i < WDL_BINXML_DEPTH; i++)
		wdl_free(b->vals[i]);
	memset(b, 0, sizeof(*b));
}

void wdl_binxml_set_chunk(struct wdl_binxml *b, const uint8_t *chunk,
			  uint32_t len)
{
	b->chunk = chunk;
	b->chunk_len = len;
	b->pool.len = 0;
	if (b->ntpl)
		memset(b->tpl, 0, b->tpl_cap * sizeof(*b->tpl));
	b->ntpl = 0;
}

bool wdl_binxml_render(struct wdl_binxml *b, uint32_t off, uint32_t len,
		       const char **xml, size_t *xml_len)
{
	b->out.len = 0;
	b->why = NULL;
	b->oom = false;
	b->steps = 0;
	if (off > b->chunk_len || b->chunk_len - off < len)
		return fail(b, "record outside the chunk");
	bool ok = walk_fragment(b, off, len, 0);
	if (ok && !b->out.len)
		ok = fail(b, "record holds no element");
	if (ok && !put(b, &b->out, "", 1))
		ok = false;
	if (!ok)
		return false;
	b->out.len--;
	*xml = b->out.p;
	*xml_len = b->out.len;
	return true;
}
