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

#include "util/span.h"
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

size_t wdl_xml_plain_event_length(const struct wdl_keyset *ks,
				  const struct wdl_prefilter *pf,
				  const char *buf, size_t avail)
{
	size_t n = well_formed_subset(buf, avail);
	if (n == 0 || n == WDL_XML_MORE)
		return n;
	/* a WLAN-AutoConfig event carries no status but is an attempt
	 * signal: it needs the parser (by provider name or GUID, and an
	 * EventID to be one), when attempts are asked for: the parser costs
	 * eight times the fast path on a WLAN-AutoConfig log */
	if (ks->wlan_signals && buf &&
	    (memmem(buf, n, "WLAN-AutoConfig", 15) ||
	     memmem(buf, n, "9580d7dd", 8) || memmem(buf, n, "9580D7DD", 8)) &&
	    memmem(buf, n, "EventID", 7))
		return 0;
	return has_key_words(ks, pf, buf, n) ? 0 : n;
}

bool wdl_xml_event_is_plain(const struct wdl_keyset *ks,
			    const struct wdl_prefilter *pf, const char *span,
			    size_t len)
{
	return wdl_xml_plain_event_length(ks, pf, span, len) == len;
}
