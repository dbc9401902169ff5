/* Pre-filter for XML events. The subset is chosen so that acceptance is
 * easy to check and implies what libxml2 would say: every byte is ASCII
 * (so every character is legal XML), names are ASCII letters, digits and
 * ._- (so no namespace prefix can be unbound), and everything libxml2
 * could reject or expand (DTD, entity and character references, CDATA,
 * comments, PIs) makes the span "parse it". A differential test and a fuzz
 * target hold it to a full parse. */
#include "parse/prefilter_xml.h"

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define WDL_XML_AVX2 1
#endif

#include "util/span.h"
#include "util/cpu.h"
#include "status/names.h"

/* Deeper nesting or more attributes than real events have: parse it. */
#define MAX_DEPTH 32
#define MAX_ATTRS 32
/* libxml2 refuses names over 50000 bytes; far below that, parse it. */
#define MAX_NAME 256

/* Byte classes of the subset, generated from its definition:
 * 1 name start [A-Za-z_], 2 name character (also [0-9.-]), 4 plain text
 * (ASCII or TAB/LF/CR, not < & ] U), 8 plain attribute value byte (ASCII or
 * TAB/LF/CR, not < & " '). */
enum { C_NAME_START = 1, C_NAME = 2, C_TEXT = 4, C_ATTR = 8 };
static const unsigned char cls[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 12, 12, 0, 0, 12, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	12, 12, 4, 12, 12, 12, 0, 4, 12, 12, 12, 12, 12, 14, 14, 12,
	14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 12, 12, 0, 12, 12, 12,
	12, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,
	15, 15, 15, 15, 15, 11, 15, 15, 15, 15, 15, 12, 12, 8, 12, 15,
	12, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,
	15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 12, 12, 12, 12, 12,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

struct span_name {
	const char *ptr;
	size_t len;
};

static bool name_start(unsigned char c)
{
	return cls[c] & C_NAME_START;
}

static bool name_char(unsigned char c)
{
	return cls[c] & C_NAME;
}

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Tests set it: the byte-at-a-time searches instead of SSE2. */
static bool use_portable;

/* A name at p[*i]; fails on ':' (a prefix) or anything outside the subset. */
static bool read_name(const char *p, size_t len, size_t *i,
		      struct span_name *out)
{
	size_t s = *i;
	if (s >= len || !name_start((unsigned char)p[s]))
		return false;
	size_t k = s + 1;
	while (k < len && name_char((unsigned char)p[k]))
		k++;
	if (k - s > MAX_NAME || (k < len && p[k] == ':'))
		return false;
	out->ptr = p + s;
	out->len = k - s;
	*i = k;
	return true;
}

/* One of &amp; &lt; &gt; &quot; &apos; at p[*i] ('&'). */
static bool predefined_entity(const char *p, size_t len, size_t *i)
{
	static const char *const ents[] = { "&amp;", "&lt;", "&gt;", "&quot;",
					    "&apos;" };
	for (size_t e = 0; e < 5; e++) {
		size_t n = strlen(ents[e]);
		if (len - *i >= n && memcmp(p + *i, ents[e], n) == 0) {
			*i += n;
			return true;
		}
	}
	return false;
}

/* A marked byte p[*i] of a text run other than '<', for the index and the
 * kept shapes: true with *i past it when plain text may hold it (one of
 * the five references, a ']' not opening "]]>", a 'U' not opening
 * "Unknown("). False when the event is not plain, and also when too few
 * bytes are left to tell: those two ask the walk, which is the reference
 * there (text_ok). */
static bool text_mark_passes(const char *p, size_t len, size_t *i)
{
	size_t k = *i;
	unsigned char c = (unsigned char)p[k];
	if (c == '&')
		return predefined_entity(p, len, i);
	if (c == ']') {
		if (len - k < 3 || (p[k + 1] == ']' && p[k + 2] == '>'))
			return false;
	} else if (c == 'U') {
		if (len - k < 8 || memcmp(p + k, "Unknown(", 8) == 0)
			return false;
	} else {
		return false;
	}
	*i = k + 1;
	return true;
}

/* The bytes plain text must be looked at for: '<', '&', ']' (of "]]>"),
 * 'U' (of "Unknown(") and every byte outside the subset (>= 0x80, or a
 * control other than TAB, LF, CR). One bit per byte of a 64-byte block
 * at @p base; the walk jumps from mark to mark, so the runs of plain text
 * and attribute values between tags cost a bit test, not a byte each. */
struct marks {
	const char *p;
	size_t len;
	size_t base;                /* the block's first byte */
	uint64_t bits;              /* its marks; bytes past len are marked */
};

void wdl_prefilter_xml_portable(bool on)
{
	use_portable = on;
	wdl_prefilter_xml_index(on ? WDL_XML_INDEX_OFF : WDL_XML_INDEX_BEST);
}

static bool is_mark(unsigned char c)
{
	return !(cls[c] & C_TEXT);
}

static uint64_t block_portable(const unsigned char *b)
{
	uint64_t m = 0;
	for (unsigned k = 0; k < 64; k++)
		m |= (uint64_t)is_mark(b[k]) << k;
	return m;
}

#if defined(__SSE2__)
static uint64_t block_sse2(const unsigned char *b)
{
	const __m128i space = _mm_set1_epi8(0x20);
	uint64_t m = 0;
	for (unsigned k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(b + 16 * k));
		/* signed: below 0x20, and every byte >= 0x80 */
		__m128i low = _mm_cmplt_epi8(v, space);
		__m128i ws = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
			_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
		__m128i hit = _mm_or_si128(
			_mm_or_si128(_mm_andnot_si128(ws, low),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))),
			_mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
					     _mm_cmpeq_epi8(v, _mm_set1_epi8(']'))),
				_mm_cmpeq_epi8(v, _mm_set1_epi8('U'))));
		m |= (uint64_t)(uint16_t)_mm_movemask_epi8(hit) << (16 * k);
	}
	return m;
}
#endif

/* Marks of the 64 bytes from @p at; bytes past the end read as NUL, which
 * is marked, so every search stops at len at the latest. */
static void load_block(struct marks *mk, size_t at)
{
	const unsigned char *b = (const unsigned char *)mk->p + at;
	unsigned char pad[64];
	if (mk->len - at < 64) {
		memset(pad, 0, sizeof(pad));
		if (mk->len > at)
			memcpy(pad, b, mk->len - at);
		b = pad;
	}
	mk->base = at;
#if defined(__SSE2__)
	if (!use_portable) {
		mk->bits = block_sse2(b);
		return;
	}
#endif
	mk->bits = block_portable(b);
}

/* The first marked byte at or after @p i (len if none before it). */
static size_t next_mark(struct marks *mk, size_t i)
{
	if (i >= mk->len)
		return mk->len;
	for (;;) {
		if (i < mk->base || i - mk->base >= 64)
			load_block(mk, i);
		uint64_t m = mk->bits >> (i - mk->base);
		if (m) {
			size_t at = i + (size_t)__builtin_ctzll(m);
			return at < mk->len ? at : mk->len;
		}
		i = mk->base + 64;
		if (i >= mk->len)
			return mk->len;
	}
}

/* Character data up to the next '<'. */
static bool text_ok(struct marks *mk, size_t *i)
{
	const char *p = mk->p;
	size_t len = mk->len;
	size_t k = *i;
	while ((k = next_mark(mk, k)) < len) {
		unsigned char c = (unsigned char)p[k];
		if (c == '<')
			break;
		if (c == '&') {
			if (!predefined_entity(p, len, &k))
				return false;
			continue;
		}
		if (c == ']') {
			if (len - k >= 3 && p[k + 1] == ']' && p[k + 2] == '>')
				return false;
		} else if (c == 'U') {
			/* an undecodable WPP message (formats.md section 3) */
			if (len - k >= 8 && memcmp(p + k, "Unknown(", 8) == 0)
				return false;
		} else {
			return false;   /* outside the subset */
		}
		k++;
	}
	*i = k;
	return true;
}

static bool attr_value_ok(struct marks *mk, size_t *i)
{
	const char *p = mk->p;
	size_t len = mk->len;
	if (*i >= len || (p[*i] != '"' && p[*i] != '\''))
		return false;
	char q = p[(*i)++];
	const char *qe = memchr(p + *i, q, len - *i);
	size_t end = qe ? (size_t)(qe - p) : len;
	/* what lies before the closing quote: ']' and 'U' are plain here */
	size_t k = *i;
	while ((k = next_mark(mk, k)) < end) {
		unsigned char c = (unsigned char)p[k];
		if (c == '&') {
			if (!predefined_entity(p, len, &k)) {
				*i = k;
				return false;
			}
			continue;
		}
		if (c != ']' && c != 'U') {
			*i = k;
			return false;
		}
		k++;
	}
	/* an entity may have reached past the quote only if it held one:
	 * none of the five does */
	*i = end;
	if (end >= len)
		return false;
	(*i)++;
	return true;
}

/* A start tag after '<' at p[*i]; sets *empty for <x/>. */
static bool start_tag_ok(struct marks *mk, size_t *i,
			 struct span_name *name, bool *empty)
{
	const char *p = mk->p;
	size_t len = mk->len;
	struct span_name attrs[MAX_ATTRS];
	size_t nattrs = 0;
	if (!read_name(p, len, i, name))
		return false;
	/* the elements that make an event undecoded */
	if ((name->len == 15 && memcmp(name->ptr, "BinaryEventData", 15) == 0) ||
	    (name->len == 19 && memcmp(name->ptr, "ProcessingErrorData", 19) == 0))
		return false;
	for (;;) {
		size_t ws = *i;
		while (*i < len && is_ws((unsigned char)p[*i]))
			(*i)++;
		if (*i >= len)
			return false;
		if (p[*i] == '>') {
			(*i)++;
			*empty = false;
			return true;
		}
		if (p[*i] == '/') {
			if (*i + 1 >= len || p[*i + 1] != '>')
				return false;
			*i += 2;
			*empty = true;
			return true;
		}
		/* attributes must be separated from what precedes them */
		struct span_name a;
		if (*i == ws || nattrs == MAX_ATTRS || !read_name(p, len, i, &a))
			return false;
		for (size_t k = 0; k < nattrs; k++)
			if (attrs[k].len == a.len && attrs[k].ptr[0] == a.ptr[0] &&
			    memcmp(attrs[k].ptr, a.ptr, a.len) == 0)
				return false;
		attrs[nattrs++] = a;
		while (*i < len && is_ws((unsigned char)p[*i]))
			(*i)++;
		if (*i >= len || p[*i] != '=')
			return false;
		(*i)++;
		while (*i < len && is_ws((unsigned char)p[*i]))
			(*i)++;
		if (!attr_value_ok(mk, i))
			return false;
	}
}

/* Length of the plain root element at p, 0 if not plain, WDL_XML_MORE if
 * it runs past len. */
static size_t well_formed_subset(const char *p, size_t len)
{
	struct span_name stack[MAX_DEPTH];
	struct marks mk = { .p = p, .len = len, .base = 0, .bits = 0 };
	int depth = 0;
	size_t i = 0;
	if (len)
		load_block(&mk, 0);
	while (i < len) {
		if (p[i] != '<') {
			if (depth == 0 || !text_ok(&mk, &i))
				return 0;
			continue;
		}
		i++;
		if (i < len && p[i] == '/') {
			struct span_name n;
			i++;
			if (depth == 0 || !read_name(p, len, &i, &n))
				return i >= len ? WDL_XML_MORE : 0;
			while (i < len && is_ws((unsigned char)p[i]))
				i++;
			if (i >= len)
				return WDL_XML_MORE;
			if (p[i] != '>')
				return 0;
			i++;
			depth--;
			if (stack[depth].len != n.len ||
			    memcmp(stack[depth].ptr, n.ptr, n.len) != 0)
				return 0;
			if (depth == 0)
				return i;
			continue;
		}
		struct span_name n;
		bool empty;
		if (!start_tag_ok(&mk, &i, &n, &empty))
			return i >= len ? WDL_XML_MORE : 0;
		/* an <Event> inside an event is where the parser's framing
		 * starts the next one: not plain, so both paths agree */
		if (depth > 0 && n.len == 5 && memcmp(n.ptr, "Event", 5) == 0)
			return 0;
		if (empty) {
			if (depth == 0)
				return i;
			continue;
		}
		if (depth == MAX_DEPTH)
			return 0;
		stack[depth++] = n;
	}
	return WDL_XML_MORE;
}

/* ---- the indexed proof ----
 * The same subset, found from bitmasks: for each 64-byte block, one bit
 * per byte for name characters, white space, the bytes text stops at and
 * the bytes an attribute value stops at. Each token (a name, a run of
 * white space, text, a value) is then a count of trailing zeros instead
 * of a loop over its bytes. It answers only where it is sure the walk
 * above gives the same length, and leaves everything else (anything not
 * plain, an event running past the buffer) to that walk, so the two can
 * only differ in speed. */

/* Tests and the fuzz target choose the block classifier; WDL_XML_INDEX_BEST is the
 * widest the machine has. */
static enum wdl_xml_index ix_level = WDL_XML_INDEX_BEST;

struct xidx {
	const char *p;
	size_t len;
	size_t base;                /* the block's first byte */
	uint64_t name;              /* [A-Za-z0-9._-] */
	uint64_t ws;                /* space, TAB, LF, CR */
	uint64_t text;              /* what text stops at (the marks above) */
	uint64_t value;             /* < & " ' and bytes outside the subset */
};

/* Bytes past the end read as NUL: outside the subset, so text and values
 * stop there, and no name or white space runs through it. */
static void classify_scalar(const unsigned char *b, struct xidx *x)
{
	uint64_t name = 0, ws = 0, text = 0, value = 0;
	for (unsigned k = 0; k < 64; k++) {
		unsigned c = cls[b[k]];
		name |= (uint64_t)((c & C_NAME) != 0) << k;
		ws |= (uint64_t)is_ws(b[k]) << k;
		text |= (uint64_t)((c & C_TEXT) == 0) << k;
		value |= (uint64_t)((c & C_ATTR) == 0) << k;
	}
	x->name = name;
	x->ws = ws;
	x->text = text;
	x->value = value;
}

#if defined(__SSE2__)
static void classify_sse2(const unsigned char *b, struct xidx *x)
{
	uint64_t name = 0, ws = 0, text = 0, value = 0;
	for (unsigned k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(b + 16 * k));
		__m128i sp = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
		/* signed: below 0x20 (but not TAB, LF, CR) or >= 0x80 */
		__m128i bad = _mm_andnot_si128(
			sp, _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
		__m128i both = _mm_or_si128(
			bad, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')),
					  _mm_cmpeq_epi8(v, _mm_set1_epi8('&'))));
		__m128i tx = _mm_or_si128(
			both, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(']')),
					   _mm_cmpeq_epi8(v, _mm_set1_epi8('U'))));
		__m128i va = _mm_or_si128(
			both, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
					   _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))));
		__m128i lo = _mm_or_si128(v, _mm_set1_epi8(0x20));
		__m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lo, _mm_set1_epi8('a' - 1)),
					       _mm_cmplt_epi8(lo, _mm_set1_epi8('z' + 1)));
		/* '-' '.' '/' and the digits, less '/' */
		__m128i digit = _mm_andnot_si128(
			_mm_cmpeq_epi8(v, _mm_set1_epi8('/')),
			_mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('-' - 1)),
				      _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1))));
		__m128i nm = _mm_or_si128(_mm_or_si128(letter, digit),
					  _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
		unsigned s = 16 * k;
		name |= (uint64_t)(uint16_t)_mm_movemask_epi8(nm) << s;
		ws |= (uint64_t)(uint16_t)_mm_movemask_epi8(sp) << s;
		text |= (uint64_t)(uint16_t)_mm_movemask_epi8(tx) << s;
		value |= (uint64_t)(uint16_t)_mm_movemask_epi8(va) << s;
	}
	x->name = name;
	x->ws = ws;
	x->text = text;
	x->value = value;
}
#endif

#if defined(WDL_XML_AVX2)
__attribute__((target("avx2")))
static void classify_avx2(const unsigned char *b, struct xidx *x)
{
	uint64_t name = 0, ws = 0, text = 0, value = 0;
	for (unsigned k = 0; k < 2; k++) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(b + 32 * k));
		__m256i sp = _mm256_or_si256(
			_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(' ')),
					_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\t'))),
			_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\n')),
					_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\r'))));
		__m256i bad = _mm256_andnot_si256(
			sp, _mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), v));
		__m256i both = _mm256_or_si256(
			bad, _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('<')),
					     _mm256_cmpeq_epi8(v, _mm256_set1_epi8('&'))));
		__m256i tx = _mm256_or_si256(
			both, _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(']')),
					      _mm256_cmpeq_epi8(v, _mm256_set1_epi8('U'))));
		__m256i va = _mm256_or_si256(
			both, _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')),
					      _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\''))));
		__m256i lo = _mm256_or_si256(v, _mm256_set1_epi8(0x20));
		__m256i letter = _mm256_and_si256(
			_mm256_cmpgt_epi8(lo, _mm256_set1_epi8('a' - 1)),
			_mm256_cmpgt_epi8(_mm256_set1_epi8('z' + 1), lo));
		__m256i digit = _mm256_andnot_si256(
			_mm256_cmpeq_epi8(v, _mm256_set1_epi8('/')),
			_mm256_and_si256(_mm256_cmpgt_epi8(v, _mm256_set1_epi8('-' - 1)),
					 _mm256_cmpgt_epi8(_mm256_set1_epi8('9' + 1), v)));
		__m256i nm = _mm256_or_si256(_mm256_or_si256(letter, digit),
					     _mm256_cmpeq_epi8(v, _mm256_set1_epi8('_')));
		unsigned s = 32 * k;
		name |= (uint64_t)(uint32_t)_mm256_movemask_epi8(nm) << s;
		ws |= (uint64_t)(uint32_t)_mm256_movemask_epi8(sp) << s;
		text |= (uint64_t)(uint32_t)_mm256_movemask_epi8(tx) << s;
		value |= (uint64_t)(uint32_t)_mm256_movemask_epi8(va) << s;
	}
	x->name = name;
	x->ws = ws;
	x->text = text;
	x->value = value;
}

#endif

/* The level a proof runs at: WDL_XML_INDEX_BEST resolved, levels the build or the
 * machine lacks lowered to one it has. */
static int ix_resolve(int want)
{
#if defined(WDL_XML_AVX2)
	if (want >= WDL_XML_INDEX_AVX2 && wdl_cpu_has_avx2())
		return WDL_XML_INDEX_AVX2;
#endif
#if defined(__SSE2__)
	if (want >= WDL_XML_INDEX_SSE2)
		return WDL_XML_INDEX_SSE2;
#endif
	return want == WDL_XML_INDEX_OFF ? WDL_XML_INDEX_OFF : WDL_XML_INDEX_SCALAR;
}

static void ix_load(struct xidx *x, size_t at, int level)
{
	const unsigned char *b = (const unsigned char *)x->p + at;
	unsigned char pad[64];
	if (x->len - at < 64 || at > x->len) {
		memset(pad, 0, sizeof(pad));
		if (x->len > at)
			memcpy(pad, b, x->len - at);
		b = pad;
	}
	x->base = at;
	switch (level) {
#if defined(WDL_XML_AVX2)
	case WDL_XML_INDEX_AVX2:
		classify_avx2(b, x);
		return;
#endif
#if defined(__SSE2__)
	case WDL_XML_INDEX_SSE2:
		classify_sse2(b, x);
		return;
#endif
	default:
		classify_scalar(b, x);
		return;
	}
}

enum { TO_NOT_NAME, TO_NOT_WS, TO_TEXT_MARK, TO_VALUE_MARK };

/* The first byte at or after @p i in the class @p to asks for (len at
 * the latest: the padding stops every search). */
static inline size_t ix_seek(struct xidx *x, size_t i, int to, int level)
{
	for (;;) {
		if (i - x->base >= 64)
			ix_load(x, i & ~(size_t)63, level);
		uint64_t m = to == TO_NOT_NAME ? ~x->name
			   : to == TO_NOT_WS  ? ~x->ws
			   : to == TO_TEXT_MARK ? x->text
			   : x->value;
		m >>= i - x->base;
		if (m)
			return i + (size_t)__builtin_ctzll(m);
		i = x->base + 64;
	}
}

/* n bytes at a and b equal, n >= 1; both may be read only inside [0, n). */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
#if defined(__SSE2__)
	if (n >= 16) {
		/* the differences of every 16 bytes OR-ed, the last 16 overlapping */
		__m128i d = _mm_setzero_si128();
		for (size_t k = 0; k + 16 < n; k += 16)
			d = _mm_or_si128(d, _mm_xor_si128(
				_mm_loadu_si128((const __m128i *)(a + k)),
				_mm_loadu_si128((const __m128i *)(b + k))));
		d = _mm_or_si128(d, _mm_xor_si128(
			_mm_loadu_si128((const __m128i *)(a + n - 16)),
			_mm_loadu_si128((const __m128i *)(b + n - 16))));
		return _mm_movemask_epi8(_mm_cmpeq_epi8(d, _mm_setzero_si128())) == 0xFFFF;
	}
#endif
	if (n >= 8) {
		uint64_t u, v;
		for (size_t k = 0; k + 8 < n; k += 8) {
			memcpy(&u, a + k, 8);
			memcpy(&v, b + k, 8);
			if (u != v)
				return false;
		}
		memcpy(&u, a + n - 8, 8);
		memcpy(&v, b + n - 8, 8);
		return u == v;
	}
	if (n >= 4) {
		uint32_t u, v, s, t;
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		memcpy(&s, a + n - 4, 4);
		memcpy(&t, b + n - 4, 4);
		return u == v && s == t;
	}
	return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
}

/* Length of the plain root element at p by the index, or 0: ask the walk
 * (well_formed_subset), which may say plain, not plain or "more". */
static size_t indexed_subset(const char *p, size_t len, int level)
{
	struct span_name stack[MAX_DEPTH];
	struct span_name attrs[MAX_ATTRS];
	int depth = 0;
	if (len < 2 || p[0] != '<')
		return 0;
	struct xidx x = { .p = p, .len = len };
	ix_load(&x, 0, level);
	size_t i = 0;           /* at a '<' */
	for (;;) {
		size_t s = i + 1;
		if (s >= len)
			return 0;
		if (p[s] == '/') {
			/* an end tag: the name, white space, '>' */
			s++;
			if (depth == 0 || s >= len || !name_start((unsigned char)p[s]))
				return 0;
			size_t e = ix_seek(&x, s + 1, TO_NOT_NAME, level);
			if (e >= len || e - s > MAX_NAME)
				return 0;
			size_t n = e - s;
			if (p[e] != '>') {
				if (!is_ws((unsigned char)p[e]))
					return 0;
				e = ix_seek(&x, e + 1, TO_NOT_WS, level);
				if (e >= len || p[e] != '>')
					return 0;
			}
			depth--;
			if (stack[depth].len != n ||
			    !same_bytes(stack[depth].ptr, p + s, n))
				return 0;
			i = e + 1;
			if (depth == 0)
				return i;
		} else {
			/* a start tag: the name, then attributes */
			if (!name_start((unsigned char)p[s]))
				return 0;
			size_t e = ix_seek(&x, s + 1, TO_NOT_NAME, level);
			if (e >= len || e - s > MAX_NAME)
				return 0;
			struct span_name n = { p + s, e - s };
			if ((n.len == 15 && memcmp(n.ptr, "BinaryEventData", 15) == 0) ||
			    (n.len == 19 && memcmp(n.ptr, "ProcessingErrorData", 19) == 0) ||
			    (depth > 0 && n.len == 5 && memcmp(n.ptr, "Event", 5) == 0))
				return 0;
			size_t nattrs = 0;
			bool empty;
			unsigned char c = (unsigned char)p[e];
			for (;;) {
				if (c == '>') {
					e++;
					empty = false;
					break;
				}
				if (c == '/') {
					if (e + 1 >= len || p[e + 1] != '>')
						return 0;
					e += 2;
					empty = true;
					break;
				}
				if (!is_ws(c))
					return 0;
				e = ix_seek(&x, e + 1, TO_NOT_WS, level);
				if (e >= len)
					return 0;
				c = (unsigned char)p[e];
				if (c == '>' || c == '/')
					continue;
				/* an attribute: name, '=', quoted value */
				if (!name_start(c) || nattrs == MAX_ATTRS)
					return 0;
				size_t as = e;
				e = ix_seek(&x, e + 1, TO_NOT_NAME, level);
				if (e >= len || e - as > MAX_NAME)
					return 0;
				struct span_name a = { p + as, e - as };
				for (size_t k = 0; k < nattrs; k++)
					if (attrs[k].len == a.len &&
					    same_bytes(attrs[k].ptr, a.ptr, a.len))
						return 0;
				attrs[nattrs++] = a;
				if (p[e] != '=') {
					if (!is_ws((unsigned char)p[e]))
						return 0;
					e = ix_seek(&x, e + 1, TO_NOT_WS, level);
					if (e >= len || p[e] != '=')
						return 0;
				}
				if (++e >= len)
					return 0;
				c = (unsigned char)p[e];
				if (c != '"' && c != '\'') {
					if (!is_ws(c))
						return 0;
					e = ix_seek(&x, e + 1, TO_NOT_WS, level);
					if (e >= len)
						return 0;
					c = (unsigned char)p[e];
					if (c != '"' && c != '\'')
						return 0;
				}
				size_t v = e + 1;
				for (;;) {
					v = ix_seek(&x, v, TO_VALUE_MARK, level);
					if (v >= len)
						return 0;
					unsigned char d = (unsigned char)p[v];
					if (d == c)
						break;
					if (d == '"' || d == '\'') {
						v++;
					} else if (d != '&' ||
						   !predefined_entity(p, len, &v)) {
						return 0;
					}
				}
				e = v + 1;
				if (e >= len)
					return 0;
				c = (unsigned char)p[e];
			}
			if (empty) {
				if (depth == 0)
					return e;
			} else {
				if (depth == MAX_DEPTH)
					return 0;
				stack[depth++] = n;
			}
			i = e;
		}
		/* text up to the next '<' */
		for (;;) {
			i = ix_seek(&x, i, TO_TEXT_MARK, level);
			if (i >= len)
				return 0;
			if (p[i] == '<')
				break;
			if (!text_mark_passes(p, len, &i))
				return 0;
		}
	}
}

/* ---- the skeleton of the last plain event ----
 * Events of one trace mostly differ only in text and attribute values.
 * An event accepted above is kept as its tag bytes (with the white space
 * between tags) cut where a value or a non-blank text run was; a later
 * event whose bytes repeat every kept piece, with a plain value or text
 * run between them, has the same tags, names, attributes and nesting, so
 * the walk would accept it too, with the same length. Only the variable
 * runs are looked at, 16 bytes a step. */

/* The first byte at or after @p i of a text run (@p q 0) or a value in
 * quotes @p q that needs a look (the marks above, or len). */
static size_t run_mark(const char *p, size_t len, size_t i, char q, int level)
{
#if defined(__SSE2__)
	if (level >= WDL_XML_INDEX_SSE2) {
		const __m128i space = _mm_set1_epi8(0x20);
		for (; i + 16 <= len; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(p + i));
			__m128i ctl = _mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
					     _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
				_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
			__m128i hit = _mm_or_si128(
				_mm_andnot_si128(ctl, _mm_cmplt_epi8(v, space)),
				_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')),
					     _mm_cmpeq_epi8(v, _mm_set1_epi8('&'))));
			if (q)
				hit = _mm_or_si128(
					hit, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
							  _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))));
			else
				hit = _mm_or_si128(
					hit, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(']')),
							  _mm_cmpeq_epi8(v, _mm_set1_epi8('U'))));
			int m = _mm_movemask_epi8(hit);
			if (m)
				return i + (size_t)__builtin_ctz((unsigned)m);
		}
	}
#else
	(void)level;
#endif
	unsigned char want = q ? C_ATTR : C_TEXT;
	while (i < len && (cls[(unsigned char)p[i]] & want))
		i++;
	return i;
}

/* A plain text run from p[i] to the next '<' (0: not sure, ask). */
static size_t text_run(const char *p, size_t len, size_t i, int level)
{
	for (;;) {
		i = run_mark(p, len, i, 0, level);
		if (i >= len)
			return 0;
		if (p[i] == '<')
			return i;
		if (!text_mark_passes(p, len, &i))
			return 0;
	}
}

/* A plain value from p[i] to its closing quote @p q (0: ask). */
static size_t value_run(const char *p, size_t len, size_t i, char q, int level)
{
	for (;;) {
		i = run_mark(p, len, i, q, level);
		if (i >= len)
			return 0;
		char c = p[i];
		if (c == q)
			return i;
		if (c == '"' || c == '\'') {
			i++;
		} else if (c != '&' || !predefined_entity(p, len, &i)) {
			return 0;
		}
	}
}

/* The runs of an event matched to a shape, '<' after each: where its
 * key words can be when the shape's pieces hold none. The kept event's
 * runs fit, but another event of the same shape may have longer ones:
 * then @c full is set and the whole event is searched instead. */
struct runs {
	size_t len;
	bool full;
	char bytes[WDL_XML_SK_BYTES + WDL_XML_SK_PIECES];
};

/* Length of the event at p if it has the kept skeleton, else 0. While
 * the shape is watched, also clears same[k] for each run that differs
 * from the kept event's. */
static size_t skeleton_match(struct wdl_xml_skeleton *sk, const char *p,
			     size_t len, int level, struct runs *g)
{
	bool watch = sk->seen < WDL_XML_SK_WATCH;
	if (g) {
		g->len = 0;
		g->full = false;
	}
	size_t i = 0;
	for (unsigned k = 0; k < sk->nseg; k++) {
		size_t from = sk->from[k], n = sk->end[k] - from;
		if (len - i < n || !same_bytes(p + i, sk->raw + from, n))
			return 0;
		i += n;
		char f = sk->follow[k];
		if (f == 0)
			return i;
		size_t r = i;
		i = f == 'T' ? text_run(p, len, i, level)
			     : value_run(p, len, i, f, level);
		if (i == 0)
			return 0;
		if (g && !g->full) {
			/* '<' between runs: no fragment holds one */
			if (i - r >= sizeof(g->bytes) - g->len) {
				g->full = true;
			} else {
				memcpy(g->bytes + g->len, p + r, i - r);
				g->len += i - r;
				g->bytes[g->len++] = '<';
			}
		}
		if (watch) {
			size_t kn = sk->from[k + 1] - sk->end[k];
			if (kn != i - r || (kn && memcmp(p + r, sk->raw + sk->end[k], kn) != 0))
				sk->same[k] = false;
		}
	}
	return 0;
}

/* After WDL_XML_SK_WATCH matches: the runs that were the same in every
 * one join the pieces around them, compared as they are from now on
 * (each was checked plain in the kept event, so the same bytes are). */
static void skeleton_settle(struct wdl_xml_skeleton *sk)
{
	unsigned o = 0;
	for (unsigned k = 0; k < sk->nseg; k++) {
		if (o && sk->follow[o - 1] != 0 && sk->same[o - 1]) {
			/* the previous piece reaches over its run to here */
			sk->end[o - 1] = sk->end[k];
			sk->follow[o - 1] = sk->follow[k];
			sk->same[o - 1] = sk->same[k];
			continue;
		}
		sk->from[o] = sk->from[k];
		sk->end[o] = sk->end[k];
		sk->follow[o] = sk->follow[k];
		sk->same[o] = sk->same[k];
		o++;
	}
	sk->nseg = o;
	sk->words = 0;
}

/* A piece of the kept event, p[from, to), followed by @p f. */
static bool keep_piece(struct wdl_xml_skeleton *sk, size_t from, size_t to,
		       char f)
{
	if (to <= from || sk->nseg == WDL_XML_SK_PIECES)
		return false;
	sk->from[sk->nseg] = (uint16_t)from;
	sk->end[sk->nseg] = (uint16_t)to;
	sk->same[sk->nseg] = true;
	sk->follow[sk->nseg++] = f;
	return true;
}

/* Keep the skeleton of p[0, n), an event the walk accepted as plain: in
 * the subset, quotes in a tag only delimit values. */
static void skeleton_keep(struct wdl_xml_skeleton *sk, const char *p, size_t n)
{
	size_t from = 0, i = 0;
	sk->nseg = 0;
	sk->seen = 0;
	sk->words = 0;
	if (n > WDL_XML_SK_BYTES)
		return;
	memcpy(sk->raw, p, n);
	while (i < n) {
		/* a tag at p[i] */
		size_t k = i + 1;
		while (k < n && p[k] != '>') {
			if (p[k] == '"' || p[k] == '\'') {
				char q = p[k];
				if (!keep_piece(sk, from, k + 1, q))
					goto none;
				const char *e = memchr(p + k + 1, q, n - k - 1);
				if (!e)
					goto none;
				from = (size_t)(e - p);
				k = from;
			}
			k++;
		}
		i = k + 1;
		/* the text to the next tag: kept if blank */
		size_t t = i;
		bool blank = true;
		while (t < n && p[t] != '<') {
			blank = blank && is_ws((unsigned char)p[t]);
			t++;
		}
		if (t < n && !blank) {
			if (!keep_piece(sk, from, i, 'T'))
				goto none;
			from = t;
		}
		i = t;
	}
	if (keep_piece(sk, from, n, 0))
		return;
none:
	sk->nseg = 0;
}

/* The structure part: the kept shapes, then the index, then the walk. */
static size_t subset_length(struct wdl_xml_shapes *sh, const char *buf,
			    size_t avail, int level, struct runs *g,
			    struct wdl_xml_skeleton **matched)
{
	if (level == WDL_XML_INDEX_OFF)
		return well_formed_subset(buf, avail);
	if (sh && sh->pause) {
		sh->pause--;
		sh = NULL;
	}
	if (sh) {
		for (unsigned k = 0; k < WDL_XML_SHAPES; k++) {
			unsigned at = (sh->last + k) % WDL_XML_SHAPES;
			struct wdl_xml_skeleton *sk = &sh->s[at];
			if (!sk->nseg)
				continue;
			size_t n = skeleton_match(sk, buf, avail, level, g);
			if (n) {
				if (matched)
					*matched = sk;
				if (sk->seen < WDL_XML_SK_WATCH &&
				    ++sk->seen == WDL_XML_SK_WATCH)
					skeleton_settle(sk);
				sh->last = at;
				sh->hits++;
				sh->misses = 0;
				sk->used = ++sh->clock;
				return n;
			}
		}
	}
	size_t n = indexed_subset(buf, avail, level);
	if (n == 0)
		n = well_formed_subset(buf, avail);
	if (sh && n != 0 && n != WDL_XML_MORE) {
		/* more shapes in turn than are kept: each keep would be wasted,
		 * so the index alone proves the next events for a while */
		if (++sh->misses == WDL_XML_SK_MISSES) {
			sh->misses = 0;
			sh->pause = WDL_XML_SK_PAUSE;
			return n;
		}
		/* the shape used longest ago makes room */
		unsigned at = 0;
		for (unsigned k = 1; k < WDL_XML_SHAPES; k++)
			if (sh->s[k].used < sh->s[at].used)
				at = k;
		skeleton_keep(&sh->s[at], buf, n);
		sh->s[at].used = ++sh->clock;
		sh->last = at;
		sh->kept++;
	}
	return n;
}

/* Could the word around p[h] matter to a full parse? */
static bool word_matters(const struct wdl_keyset *ks, const char *p,
			 size_t len, size_t h)
{
	size_t s = h, e = h;
	while (s > 0 && wdl_is_word((unsigned char)p[s - 1]))
		s--;
	while (e < len && wdl_is_word((unsigned char)p[e]))
		e++;
	const char *w = p + s;
	size_t n = e - s;
	if (n > WDL_STATUS_PREFIX_LEN &&
	    wdl_ieq(w, WDL_STATUS_PREFIX, WDL_STATUS_PREFIX_LEN))
		return true;
	return wdl_keyset_has(ks, w, n);
}

static bool has_key_words(const struct wdl_keyset *ks,
			  const struct wdl_prefilter *pf, const char *span,
			  size_t len)
{
	for (size_t from = 0; from < len;) {
		size_t h = from + wdl_prefilter_find(pf, span + from, len - from);
		if (h >= len)
			return false;
		if (span[h] == '\0' || word_matters(ks, span, len, h))
			return true;
		from = h + 1;
	}
	return false;
}

static size_t newlines(const char *s, size_t n)
{
	size_t k = 0;
	for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s))); s++)
		k++;
	return k;
}

/* May an event matched to @p sk be searched for key words in its runs
 * only? Yes when no piece of the shape holds one (its pieces are the
 * event's bytes) and no fragment can reach over a run's edge: every
 * piece starts with '<' or a quote and ends with '>' or a quote, none of
 * them a word character, so a word is in a piece or in a run. */
static bool shape_words_clean(const struct wdl_keyset *ks,
			      const struct wdl_prefilter *pf,
			      struct wdl_xml_skeleton *sk)
{
	if (sk->words == 0) {
		bool clean = !pf->slow;
		for (unsigned f = 0; f < pf->nfrag && clean; f++)
			for (unsigned k = 0; k < pf->len[f]; k++)
				if (strchr("<>\"'", pf->frag[f][k]))
					clean = false;
		sk->lines = 0;
		for (unsigned k = 0; k < sk->nseg; k++) {
			const char *a = sk->raw + sk->from[k];
			size_t n = sk->end[k] - sk->from[k];
			if (clean && has_key_words(ks, pf, a, n))
				clean = false;
			sk->lines += newlines(a, n);
		}
		sk->words = clean ? 1 : 2;
	}
	return sk->words == 1;
}

size_t wdl_xml_plain_event_length(const struct wdl_keyset *ks,
				  const struct wdl_prefilter *pf,
				  struct wdl_xml_shapes *shapes,
				  const char *buf, size_t avail)
{
	struct runs g;
	struct wdl_xml_skeleton *sk = NULL;
	if (shapes)
		shapes->lines = WDL_XML_NO_LINES;
	if (!buf || avail == 0)
		return WDL_XML_MORE;    /* what the walk says of nothing */
	size_t n = subset_length(shapes, buf, avail, ix_resolve(ix_level), &g, &sk);
	if (n == 0 || n == WDL_XML_MORE)
		return n;
	/* a WLAN-AutoConfig event carries no status but is an attempt
	 * signal: it needs the parser (by provider name or GUID, and an
	 * EventID to be one), when attempts are asked for: the parser costs
	 * eight times the fast path on a WLAN-AutoConfig log */
	if (ks->wlan_signals &&
	    (memmem(buf, n, "WLAN-AutoConfig", 15) ||
	     memmem(buf, n, "9580d7dd", 8) || memmem(buf, n, "9580D7DD", 8)) &&
	    memmem(buf, n, "EventID", 7))
		return 0;
	if (sk && !g.full && shape_words_clean(ks, pf, sk)) {
		if (has_key_words(ks, pf, g.bytes, g.len))
			return 0;
		/* the pieces' newlines are counted once */
		shapes->lines = sk->lines + newlines(g.bytes, g.len);
		return n;
	}
	return has_key_words(ks, pf, buf, n) ? 0 : n;
}

bool wdl_xml_event_is_plain(const struct wdl_keyset *ks,
			    const struct wdl_prefilter *pf, const char *span,
			    size_t len)
{
	return wdl_xml_plain_event_length(ks, pf, NULL, span, len) == len;
}

void wdl_prefilter_xml_index(enum wdl_xml_index level)
{
	ix_level = level;
}

size_t wdl_xml_subset_length(const char *p, size_t len,
			     enum wdl_xml_index level)
{
	int l = ix_resolve((int)level);
	if (l == WDL_XML_INDEX_OFF)
		return well_formed_subset(p, len);
	return indexed_subset(p, len, l);
}

size_t wdl_xml_shape_length(struct wdl_xml_shapes *shapes, const char *p,
			    size_t len, enum wdl_xml_index level)
{
	return subset_length(shapes, p, len, ix_resolve((int)level), NULL, NULL);
}
