/* Parse stage, XML. Two steps (shared/design.md):
 *  1. framing: a byte scanner finds each <Event ...>...</Event> span,
 *     stepping over comments, CDATA, processing instructions and the
 *     DOCTYPE, so one broken event never hides the next: a new <Event
 *     inside an unfinished one ends the unfinished one as damaged;
 *  2. parsing: each span goes to libxml2's streaming reader on its own,
 *     with no network, no DTD loading and no entity substitution.
 * The framer never builds a tree and never holds more than one event. */
#include "parse/parse_xml.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "util/alloc.h"
#include "util/error.h"
#include "parse/event.h"
#include "parse/prefilter.h"
#include "parse/prefilter_xml.h"
#include "parse/timestamp.h"

/* Element nesting tracked inside one event; deeper elements are still
 * read, they just cannot be told apart by path. */
#define MAX_DEPTH 32
/* Bytes of a Data/UserData value kept for the value rule: a value is one
 * word, so the start is all that matters. */
#define VALUE_MAX 256

struct wdl_xml_parser {
	struct wdl_parser base;     /* first: the parser interface */
	struct wdl_parse_ctx ctx;
	uint64_t lineno;            /* line of c->buf[c->pos] */
	bool root_open;             /* <Events> seen, </Events> not yet */
	bool saw_doctype;
	bool in_text;               /* in a run of text outside any event */
	struct wdl_event_acc acc;
	struct wdl_prefilter pf;
	struct wdl_xml_shapes shapes;  /* of the last plain events */
	xmlTextReaderPtr reader;    /* reused from event to event */
	char err_msg[160];
	int err_line;
	bool err_seen;
	char *fix;                  /* an event with its raw bytes repaired */
	size_t fix_cap;
	bool warned_repair;
	uint64_t end;               /* a part: stop at an event starting here
				       or later; 0 = read to the end */
};

static int xml_next(struct wdl_parser *base, wdilog_event *ev,
		    wdilog_error *err);

static void xml_free(struct wdl_parser *base)
{
	struct wdl_xml_parser *p = (struct wdl_xml_parser *)base;
	if (p->reader)
		xmlFreeTextReader(p->reader);
	wdl_event_acc_dispose(&p->acc);
	wdl_free(p->fix);
	wdl_free(p);
}

static const struct wdl_parser_ops xml_ops = { xml_next, xml_free };

int wdl_xml_open(struct wdl_parser **out, const struct wdl_parse_ctx *ctx,
		 wdilog_error *err)
{
	struct wdl_xml_parser *p = wdl_calloc(1, sizeof(*p));
	if (!p)
		return wdl_fail_oom(err);
	p->base.ops = &xml_ops;
	p->base.format = WDL_FORMAT_EVENT_XML;
	p->ctx = *ctx;
	p->lineno = ctx->first_line ? ctx->first_line : 1;
	wdl_event_acc_init(&p->acc);
	wdl_prefilter_init(&p->pf, ctx->ks);
	xmlInitParser();    /* idempotent; parallel.c calls it before threads */
	*out = &p->base;
	return WDILOG_OK;
}

/* A diagnostic naming the byte offset as well as the line: XML lines can
 * be long (or the file one line), the offset finds the spot. */
static void xml_diag(struct wdl_xml_parser *p, int kind, uint64_t line,
		     uint64_t offset, const char *fmt, ...) WDL_PRINTF(5, 6);

static void xml_diag(struct wdl_xml_parser *p, int kind, uint64_t line,
		     uint64_t offset, const char *fmt, ...)
{
	char msg[224];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	wdl_diag(p->ctx.opts, kind, p->ctx.name, line, offset, "%s (byte %llu)", msg,
		 (unsigned long long)offset);
}

/* ---- step 2: one event through libxml2 ---- */

static void on_xml_error(void *arg, xmlErrorPtr e)
{
	struct wdl_xml_parser *p = arg;
	/* namespace complaints (an odd xmlns URI) leave the XML well-formed:
	 * only well-formedness errors make an event damaged */
	if (p->err_seen || !e || e->level < XML_ERR_ERROR ||
	    e->domain == XML_FROM_NAMESPACE)
		return;
	p->err_seen = true;
	p->err_line = e->line;
	const char *m = e->message ? e->message : "malformed XML";
	size_t n = strlen(m);
	while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
		n--;
	if (n >= sizeof(p->err_msg))
		n = sizeof(p->err_msg) - 1;
	/* some messages have a second line ("...encoding !\nBytes: 0x19"):
	 * a diagnostic is one line */
	for (size_t i = 0; i < n; i++) {
		p->err_msg[i] = m[i];
		if (m[i] == '\n' || m[i] == '\r')
			p->err_msg[i] = ' ';
	}
	p->err_msg[n] = '\0';
}

enum elem_role {
	ROLE_OTHER,
	ROLE_SYSTEM,
	ROLE_EVENTDATA,
	ROLE_USERDATA,              /* UserData or anything below it */
	ROLE_MESSAGE
};

struct walk {
	struct wdl_xml_parser *p;
	struct wdl_event_acc *acc;
	enum elem_role roles[MAX_DEPTH];
	int depth;                  /* depth of the current element */
	/* the pending key value: a Data Name=KEY, or a UserData leaf KEY */
	bool collecting;
	int collect_depth;
	char key[64];
	size_t key_len;
	char value[VALUE_MAX];
	size_t value_len;
	bool in_message;
	int message_depth;
	bool message_checked;
};

static enum elem_role role_at(const struct walk *w, int depth)
{
	if (depth < 1 || depth > MAX_DEPTH)
		return ROLE_OTHER;
	return w->roles[depth - 1];
}

/* Run the status rules over a text node (@p node_text) or an attribute
 * value; only text nodes feed a pending key value or a Message check. */
static void scan_text(struct walk *w, const xmlChar *text, bool node_text)
{
	if (!text)
		return;
	struct wdl_span s = { (const char *)text, strlen((const char *)text) };
	struct wdl_found *f = &w->acc->found;
	if (node_text && w->collecting) {
		size_t room = VALUE_MAX - w->value_len;
		size_t n = s.len < room ? s.len : room;
		memcpy(w->value + w->value_len, s.ptr, n);
		w->value_len += n;
	}
	if (node_text && w->in_message && !w->message_checked) {
		w->message_checked = true;
		if (wdl_unknown_message(s.ptr, s.len, w->acc->guid))
			w->acc->undecoded = true;
	}
	if (node_text)
		wdl_context_xml_text(&w->acc->ctx, s.ptr, s.len);
	if (w->p->ctx.opts->full_parse)
		wdl_extract_text(w->p->ctx.ks, s, f);
	else
		wdl_extract_hits(w->p->ctx.ks, &w->p->pf, s, f);
}

static void begin_collect(struct walk *w, const xmlChar *key)
{
	size_t n = strlen((const char *)key);
	if (n >= sizeof(w->key))
		n = sizeof(w->key) - 1;
	memcpy(w->key, key, n);
	w->key_len = n;
	w->value_len = 0;
	w->collecting = true;
	w->collect_depth = w->depth;
}

static void end_collect(struct walk *w)
{
	w->collecting = false;
	wdl_extract_value((struct wdl_span){ w->key, w->key_len },
			  (struct wdl_span){ w->value, w->value_len },
			  &w->acc->found);
}

static void start_element(struct walk *w, xmlTextReaderPtr r)
{
	const char *local = (const char *)xmlTextReaderConstLocalName(r);
	enum elem_role parent = role_at(w, w->depth - 1);
	enum elem_role role = ROLE_OTHER;
	size_t llen = local ? strlen(local) : 0;

	/* a child element means the pending UserData element is no leaf */
	if (w->collecting && w->collect_depth < w->depth &&
	    role_at(w, w->collect_depth) == ROLE_USERDATA)
		w->collecting = false;

	if (!local)
		return;
	wdl_context_xml_start(&w->acc->ctx, local);
	if (w->depth == 2 && strcmp(local, "System") == 0)
		role = ROLE_SYSTEM;
	else if (w->depth == 2 && strcmp(local, "EventData") == 0)
		role = ROLE_EVENTDATA;
	else if ((w->depth == 2 && strcmp(local, "UserData") == 0) ||
		 parent == ROLE_USERDATA)
		role = ROLE_USERDATA;
	if (strcmp(local, "BinaryEventData") == 0 ||
	    strcmp(local, "ProcessingErrorData") == 0)
		w->acc->undecoded = true;
	if (strcmp(local, "Message") == 0) {
		w->in_message = true;
		w->message_depth = w->depth;
		w->message_checked = false;
	}
	if (w->depth <= MAX_DEPTH)
		w->roles[w->depth - 1] = role;

	if (parent == ROLE_EVENTDATA && strcmp(local, "Data") == 0) {
		xmlChar *name = xmlTextReaderGetAttribute(r, BAD_CAST "Name");
		if (name && wdl_keyset_has(w->p->ctx.ks, (const char *)name,
					   strlen((const char *)name)))
			begin_collect(w, name);
		xmlFree(name);
	} else if (parent == ROLE_USERDATA &&
		   wdl_keyset_has(w->p->ctx.ks, local, llen)) {
		begin_collect(w, BAD_CAST local);
	}

	if (parent == ROLE_SYSTEM && strcmp(local, "TimeCreated") == 0) {
		xmlChar *t = xmlTextReaderGetAttribute(r, BAD_CAST "SystemTime");
		if (t)
			wdl_time_parse((const char *)t, strlen((const char *)t),
				       false, &w->acc->time);
		xmlFree(t);
	}
	/* the rules also run over attribute values */
	while (xmlTextReaderMoveToNextAttribute(r) == 1) {
		scan_text(w, xmlTextReaderConstValue(r), false);
		wdl_context_xml_attr(&w->acc->ctx, local,
				     (const char *)xmlTextReaderConstLocalName(r),
				     (const char *)xmlTextReaderConstValue(r));
	}
	xmlTextReaderMoveToElement(r);
}

static void end_element(struct walk *w)
{
	wdl_context_xml_end(&w->acc->ctx);
	if (w->collecting && w->collect_depth == w->depth)
		end_collect(w);
	if (w->in_message && w->message_depth == w->depth)
		w->in_message = false;
}

/* Why a span was not parsed: the message, and the line of the span it
 * names (0 if none). */
static bool parse_failed(wdilog_error *why, uint64_t line, const char *msg)
{
	if (why) {
		why->code = WDILOG_DIAG_DAMAGED;
		snprintf(why->message, sizeof(why->message), "%s", msg);
		why->line = line;
	}
	return false;
}

bool wdl_xml_parse_event(struct wdl_parser *base, const char *span,
			 size_t len, struct wdl_event_acc *acc,
			 wdilog_error *why)
{
	struct wdl_xml_parser *p = (struct wdl_xml_parser *)base;
	int options = XML_PARSE_NONET | XML_PARSE_NOERROR |
		      XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
	/* an enum constant, not a macro: test the version (2.13 added it) */
#if LIBXML_VERSION >= 21300
	options |= XML_PARSE_NO_XXE;
#endif
	if (len > INT32_MAX)
		len = INT32_MAX;
	if (!p->reader) {
		p->reader = xmlReaderForMemory(span, (int)len, NULL, "UTF-8",
					       options);
		if (!p->reader)
			return parse_failed(why, 0, "out of memory in libxml2");
		xmlTextReaderSetStructuredErrorHandler(p->reader, on_xml_error,
						       p);
	} else if (xmlReaderNewMemory(p->reader, span, (int)len, NULL, "UTF-8",
				      options) != 0) {
		return parse_failed(why, 0,
				    "libxml2 could not restart its reader");
	}
	/* set again each time: restarting the reader may reset it */
	xmlTextReaderSetStructuredErrorHandler(p->reader, on_xml_error, p);
	p->err_seen = false;

	struct walk w = { .p = p, .acc = acc };
	int rc;
	while ((rc = xmlTextReaderRead(p->reader)) == 1) {
		int type = xmlTextReaderNodeType(p->reader);
		w.depth = xmlTextReaderDepth(p->reader) + 1;
		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			start_element(&w, p->reader);
			if (xmlTextReaderIsEmptyElement(p->reader))
				end_element(&w);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			end_element(&w);
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
			scan_text(&w, xmlTextReaderConstValue(p->reader), true);
			break;
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		case XML_READER_TYPE_WHITESPACE:
			if (w.collecting && w.value_len < VALUE_MAX)
				w.value[w.value_len++] = ' ';
			break;
		default:
			break;  /* comments and PIs are ignored by contract */
		}
	}
	if (p->err_seen)
		return parse_failed(why,
				    p->err_line > 0 ? (uint64_t)p->err_line : 0,
				    p->err_msg);
	if (rc < 0)
		return parse_failed(why, 0, "malformed XML");
	return true;
}

/* ---- step 1: framing ---- */

enum frame_result { FRAME_EVENT, FRAME_CUT, FRAME_FULL };

/* Newlines in s[0, n): 16 bytes a step with SSE2 (per-byte counts summed
 * with psadbw every 255 steps), eight otherwise; events have a newline
 * every few dozen bytes, too many for a memchr per line. */
static size_t count_lines(const char *s, size_t n)
{
	size_t k = 0, i = 0;
#if defined(__SSE2__)
	const __m128i nl16 = _mm_set1_epi8('\n');
	while (i + 16 <= n) {
		__m128i acc = _mm_setzero_si128();
		size_t stop = n - i >= 255 * 16 ? i + 255 * 16 : n - (n - i) % 16;
		for (; i < stop; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
			/* a newline compares to -1: subtracting adds one */
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, nl16));
		}
		__m128i sum = _mm_sad_epu8(acc, _mm_setzero_si128());
		k += (size_t)_mm_cvtsi128_si32(sum) +
		     (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
	}
#else
	const uint64_t ones = 0x0101010101010101u, nl = ones * '\n';
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		w ^= nl;  /* a newline byte becomes 0 */
		/* 0x80 in each byte that was zero, exact (no borrow carries) */
		uint64_t z = ~(((w & ~(ones * 0x80)) + ones * 0x7F) | w) & (ones * 0x80);
		/* one bit per newline at the top of its byte: sum the bytes */
		k += (size_t)(((z >> 7) * ones) >> 56);
	}
#endif
	for (; i < n; i++)
		k += s[i] == '\n';
	return k;
}

size_t wdl_xml_count_lines(const char *s, size_t n)
{
	return count_lines(s, n);
}

size_t wdl_xml_find_unsplittable(const char *s, size_t n)
{
	size_t i = 0;
#if defined(__SSE2__)
	/* '<' at i + k and '!' or '?' at i + k + 1, or a byte >= 0x80 at
	 * i + k, 16 positions a step */
	for (; i + 17 <= n; i += 16) {
		__m128i a = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(s + i + 1));
		__m128i hit = _mm_and_si128(
			_mm_cmpeq_epi8(a, _mm_set1_epi8('<')),
			_mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('!')),
				     _mm_cmpeq_epi8(b, _mm_set1_epi8('?'))));
		int m = _mm_movemask_epi8(hit) | _mm_movemask_epi8(a);
		if (m)
			return i + (size_t)__builtin_ctz((unsigned)m);
	}
#endif
	for (; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 ||
		    (s[i] == '<' && i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')))
			return i;
	return n;
}

void wdl_xml_set_part(struct wdl_parser *base, uint64_t end, bool root_open)
{
	struct wdl_xml_parser *p = (struct wdl_xml_parser *)base;
	p->end = end;
	p->root_open = root_open;
}

/* Move the read position to @p to, counting the lines passed. */
static void advance(struct wdl_xml_parser *p, size_t to)
{
	struct wdl_chunk *c = p->ctx.c;
	p->lineno += count_lines(c->buf + c->pos, to - c->pos);
	c->pos = to;
}

/* Not found: the input ended (or, when a whole event is kept, the window
 * is full at its maximum: c->eof tells the two apart). */
#define NONE ((size_t)-1)

/* Bytes kept behind the scan point while streaming: enough to look back
 * at the '/' of "/>". */
#define KEEP_BEHIND 8

/* The framer reads in one of two ways. Keeping (@p stream false), the
 * bytes from c->pos on stay in the window so the event can be parsed;
 * the window is bounded, so a longer event fills it. Streaming (between
 * events, and while an oversized event is skipped), nothing before the
 * scan point is needed: before each read, pass over all but the last few
 * bytes before @p *at (relative to c->pos, shifted to match), so markup of
 * any length is stepped over in a bounded window. */
static void release(struct wdl_xml_parser *p, bool stream, size_t *at)
{
	if (!stream || *at <= KEEP_BEHIND)
		return;
	size_t d = *at - KEEP_BEHIND;
	advance(p, p->ctx.c->pos + d);
	*at -= d;
}

/* Find @p lit at or after c->pos + @p from, reading more as needed.
 * Returns its index relative to c->pos (which moves when streaming), or
 * NONE. */
static size_t find_lit(struct wdl_xml_parser *p, size_t from, bool stream,
		       const char *lit)
{
	struct wdl_chunk *c = p->ctx.c;
	size_t n = strlen(lit);
	for (;;) {
		size_t held = c->len - c->pos;
		if (held >= n && from <= held - n) {
			const char *hit = memmem(c->buf + c->pos + from,
						 held - from, lit, n);
			if (hit)
				return (size_t)(hit - (c->buf + c->pos));
			from = held - (n - 1);
		}
		release(p, stream, &from);
		if (!wdl_chunk_refill(c, c->pos))
			return NONE;
	}
}

/* Make at least @p n bytes available at c->pos + @p at (fewer only at the
 * end of input). Compacts to c->pos. */
static void need(struct wdl_xml_parser *p, size_t at, size_t n)
{
	struct wdl_chunk *c = p->ctx.c;
	while (c->len - c->pos < at + n) {
		if (!wdl_chunk_refill(c, c->pos))
			return;
	}
}

static bool name_end(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' ||
	       ch == '>' || ch == '/';
}

/* Is there an <Event start tag (optionally with a prefix) at b? */
static bool is_event_start(const char *b, size_t avail)
{
	if (avail < 7 || b[0] != '<')
		return false;
	size_t i = 1;
	/* allow a namespace prefix: <e:Event */
	size_t k = i;
	while (k < avail && k < 32 && wdl_is_word((unsigned char)b[k]))
		k++;
	if (k < avail && b[k] == ':' && k > i)
		i = k + 1;
	return avail >= i + 6 && memcmp(b + i, "Event", 5) == 0 &&
	       name_end(b[i + 5]);
}

static bool is_event_end(const char *b, size_t avail)
{
	if (avail < 8 || b[0] != '<' || b[1] != '/')
		return false;
	size_t i = 2, k = i;
	while (k < avail && k < 32 && wdl_is_word((unsigned char)b[k]))
		k++;
	if (k < avail && b[k] == ':' && k > i)
		i = k + 1;
	if (avail < i + 5 || memcmp(b + i, "Event", 5) != 0)
		return false;
	i += 5;
	while (i < avail && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
			     b[i] == '\n'))
		i++;
	return i < avail && b[i] == '>';
}

/* Skip a markup construct that starts at c->pos + @p at: comment, CDATA,
 * PI, DOCTYPE or a plain tag. Returns the index after it, relative to
 * c->pos (which moves when @p stream), or NONE. */
static size_t skip_markup(struct wdl_xml_parser *p, size_t at, bool stream)
{
	struct wdl_chunk *c = p->ctx.c;
	need(p, at, 10);
	const char *b = c->buf + c->pos + at;
	size_t avail = c->len - c->pos - at;
	const char *close = NULL;
	if (avail >= 4 && memcmp(b, "<!--", 4) == 0)
		close = "-->";
	else if (avail >= 9 && memcmp(b, "<![CDATA[", 9) == 0)
		close = "]]>";
	else if (avail >= 2 && b[1] == '?')
		close = "?>";
	if (close) {
		size_t r = find_lit(p, at + 2, stream, close);
		return r == NONE ? r : r + strlen(close);
	}
	/* a tag or <!DOCTYPE: '>' ends it outside quotes and [ ] */
	bool doctype = avail >= 9 && memcmp(b, "<!DOCTYPE", 9) == 0;
	if (doctype && !p->saw_doctype) {
		p->saw_doctype = true;
		xml_diag(p, WDILOG_DIAG_WARNING, p->lineno,
			 c->base + c->pos + at,
			 "DOCTYPE ignored: its entities are never expanded or loaded");
	}
	char quote = 0;
	int bracket = 0;
	for (size_t i = at + 1;; i++) {
		if (c->pos + i >= c->len) {
			release(p, stream, &i);
			if (!wdl_chunk_refill(c, c->pos))
				return NONE;
			i--;
			continue;
		}
		char ch = c->buf[c->pos + i];
		if (quote) {
			if (ch == quote)
				quote = 0;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (doctype && bracket > 0 && ch == '<') {
			/* a comment or PI in the internal subset: its quotes
			 * and brackets are text */
			need(p, i, 4);
			const char *m = c->buf + c->pos + i;
			size_t left = c->len - c->pos - i;
			const char *end = NULL;
			if (left >= 4 && memcmp(m, "<!--", 4) == 0)
				end = "-->";
			else if (left >= 2 && m[1] == '?')
				end = "?>";
			if (end) {
				size_t r = find_lit(p, i + 2, stream, end);
				if (r == NONE)
					return r;
				i = r + strlen(end) - 1;
			}
		} else if (doctype && ch == '[') {
			bracket++;
		} else if (doctype && ch == ']') {
			bracket--;
		} else if (ch == '>' && bracket <= 0) {
			return i + 1;
		}
	}
}

/* From an <Event start at c->pos, find the end of the event. On
 * FRAME_EVENT *len is its length; on FRAME_CUT *len is how much belongs to
 * the unfinished event (up to the next <Event, or the end of input). Kept
 * (@p stream false), FRAME_FULL says the event does not fit the window;
 * streamed, its bytes are passed over as they are scanned (c->pos moves)
 * and *len is relative to where c->pos ends. */
static enum frame_result frame_event(struct wdl_xml_parser *p, size_t *len,
				     bool stream)
{
	struct wdl_chunk *c = p->ctx.c;
	/* the start tag itself: <Event .../> is a whole (empty) event */
	size_t tag_end = skip_markup(p, 0, stream);
	if (tag_end == NONE)
		goto no_end;
	if (c->buf[c->pos + tag_end - 2] == '/') {
		*len = tag_end;
		return FRAME_EVENT;
	}
	size_t i = tag_end;
	for (;;) {
		const char *lt = NULL;
		if (c->pos + i < c->len)
			lt = memchr(c->buf + c->pos + i, '<', c->len - c->pos - i);
		if (!lt) {
			i = c->len - c->pos;
			release(p, stream, &i);
			if (!wdl_chunk_refill(c, c->pos))
				goto no_end;
			continue;
		}
		i = (size_t)(lt - (c->buf + c->pos));
		need(p, i, 40);
		const char *b = c->buf + c->pos + i;
		size_t avail = c->len - c->pos - i;
		if (is_event_end(b, avail)) {
			*len = i + (size_t)((const char *)memchr(b, '>', avail) - b) + 1;
			return FRAME_EVENT;
		}
		if (is_event_start(b, avail)) {
			*len = i;
			return FRAME_CUT;
		}
		size_t next = skip_markup(p, i, stream);
		if (next == NONE)
			goto no_end;
		i = next;
	}
no_end:
	/* full at its maximum, or the input ended */
	*len = c->len - c->pos;
	return c->eof ? FRAME_CUT : FRAME_FULL;
}

/* Event Viewer's "XML View" copies put "- " before the '<' of every
 * foldable element: s[0, n) is "-", blanks, and then the '<'. Not
 * content, so no "text outside" warning. */
static bool fold_marker(const char *s, size_t n)
{
	if (n < 2 || (s[1] != ' ' && s[1] != '\t'))
		return false;
	for (size_t k = 1; k < n; k++)
		if (s[k] != ' ' && s[k] != '\t')
			return false;
	return true;
}

/* Between events: find the next <Event start, stepping over the prolog,
 * the root element's tags, comments and stray text. */
static bool seek_event(struct wdl_xml_parser *p)
{
	struct wdl_chunk *c = p->ctx.c;
	for (;;) {
		const char *s = c->buf + c->pos;
		size_t avail = c->len - c->pos;
		const char *lt = avail ? memchr(s, '<', avail) : NULL;
		size_t upto = lt ? (size_t)(lt - s) : avail;
		for (size_t k = 0; k < upto; k++) {
			unsigned char ch = (unsigned char)s[k];
			if (ch == '-' && lt && fold_marker(s + k, upto - k))
				continue;
			if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') {
				/* once per run, however many windows it fills */
				if (!p->in_text)
					xml_diag(p, WDILOG_DIAG_WARNING,
						 p->lineno + count_lines(s, k),
						 c->base + c->pos + k,
						 "text outside any <Event> element ignored");
				p->in_text = true;
				break;
			}
		}
		if (lt)
			p->in_text = false;   /* markup ends the run */
		if (!lt) {
			advance(p, c->len);
			if (!wdl_chunk_refill(c, c->pos))
				return false;
			continue;
		}
		advance(p, c->pos + upto);
		need(p, 0, 40);
		s = c->buf + c->pos;
		avail = c->len - c->pos;
		if (is_event_start(s, avail))
			return true;
		bool root_end = avail >= 9 && memcmp(s, "</Events", 8) == 0;
		bool root_start = avail >= 8 && memcmp(s, "<Events", 7) == 0 &&
				  name_end(s[7]);
		uint64_t line = p->lineno, offset = c->base + c->pos;
		/* streamed: nothing outside an event is kept, so markup of any
		 * length is stepped over */
		size_t next = skip_markup(p, 0, true);
		if (next == NONE) {
			xml_diag(p, WDILOG_DIAG_WARNING, line, offset,
				 "input ends inside markup outside any event");
			advance(p, c->len);
			return false;
		}
		s = c->buf + c->pos;  /* skip_markup may have moved the buffer */
		if (root_start && s[next - 2] != '/')
			p->root_open = true;
		if (root_end)
			p->root_open = false;
		advance(p, c->pos + next);
	}
}

/* ---- repairs: what real exports hold that XML forbids ---- */

static bool is_name_byte(unsigned char ch)
{
	return wdl_is_word(ch) || ch == '-' || ch == '.' || ch == ':' ||
	       ch >= 0x80;
}

/* Does the '&' at s[i] start no reference ("&name;", "&#N;", "&#xH;")? */
static bool raw_amp(const char *s, size_t n, size_t i)
{
	size_t k = i + 1, from;
	if (k < n && s[k] == '#') {
		bool hex = ++k < n && s[k] == 'x';
		k += hex;
		from = k;
		while (k < n && (hex ? wdl_is_hex((unsigned char)s[k])
				     : wdl_is_digit((unsigned char)s[k])))
			k++;
	} else {
		from = k;
		while (k < n && is_name_byte((unsigned char)s[k]))
			k++;
	}
	return !(k > from && k < n && s[k] == ';');
}

/* A C0 control character XML 1.0 does not allow, even escaped. */
static bool raw_control(unsigned char ch)
{
	return ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r';
}

/* Bytes s[0, n) would take with every raw '&' written "&amp;" and every
 * raw control character as U+FFFD; n if there is nothing to repair.
 * *first is the index of the first repair. */
static size_t repaired_len(const char *s, size_t n, size_t *first)
{
	size_t out = n;
	*first = n;
	for (size_t i = 0; i < n; i++) {
		size_t grow = 0;
		if (s[i] == '&' && raw_amp(s, n, i))
			grow = 4;
		else if (raw_control((unsigned char)s[i]))
			grow = 2;
		if (grow && *first == n)
			*first = i;
		out += grow;
	}
	return out;
}

/* Parse an event that libxml2 refused once more, its raw bytes taken as
 * text. Returns 1 if that reads it whole, 0 if there was nothing to
 * repair or it still fails, WDILOG_ENOMEM. */
static int parse_repaired(struct wdl_xml_parser *p, const char *span,
			  size_t len, uint64_t line, uint64_t offset)
{
	size_t first;
	size_t n = repaired_len(span, len, &first);
	if (n == len)
		return 0;
	if (n > p->fix_cap) {
		char *fix = wdl_realloc(p->fix, n);
		if (!fix)
			return WDILOG_ENOMEM;
		p->fix = fix;
		p->fix_cap = n;
	}
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		if (span[i] == '&' && raw_amp(span, len, i)) {
			memcpy(p->fix + k, "&amp;", 5);
			k += 5;
		} else if (raw_control((unsigned char)span[i])) {
			memcpy(p->fix + k, "\xEF\xBF\xBD", 3);
			k += 3;
		} else {
			p->fix[k++] = span[i];
		}
	}
	/* if it still fails, the first failure is the one to report */
	wdilog_error again;
	wdl_event_acc_start(&p->acc, line, offset);
	if (!wdl_xml_parse_event(&p->base, p->fix, n, &p->acc, &again))
		return 0;
	p->base.repaired++;
	if (!p->warned_repair) {
		p->warned_repair = true;
		xml_diag(p, WDILOG_DIAG_WARNING,
			 line + count_lines(span, first), offset + first,
			 "%s read as text in an <Event> element; event counted "
			 "as repaired (" WDL_XML_REPAIR_ONCE ")",
			 span[first] == '&' ? "raw '&' that starts no reference"
					    : "raw control character");
	}
	return 1;
}

static int xml_next(struct wdl_parser *base, wdilog_event *ev,
		    wdilog_error *err)
{
	struct wdl_xml_parser *p = (struct wdl_xml_parser *)base;
	struct wdl_chunk *c = p->ctx.c;
	bool found = seek_event(p);
	/* a part ends where the next one starts, at an <Event>; passing that
	 * point any other way means the cut was inside markup (a '<' in an
	 * attribute value: the planner cannot see quotes) and the next part
	 * read events that are not there: fail rather than count them */
	if (p->end && (!found || c->base + c->pos >= p->end)) {
		if (found && c->base + c->pos == p->end)
			return WDILOG_DONE;
		return wdl_fail(err, WDILOG_EFORMAT,
				"cut for parallel reading inside markup at byte %llu "
				"(a '<' in an attribute value?); read it with -j 1",
				(unsigned long long)p->end);
	}
	if (!found) {
		if (p->root_open) {
			xml_diag(p, WDILOG_DIAG_WARNING, p->lineno,
				 c->base + c->pos,
				 "input ends after a complete event but without </Events>");
			p->root_open = false;
		}
		return WDILOG_DONE;
	}
	size_t len;
	uint64_t line = p->lineno, offset = c->base + c->pos;
	wdl_event_acc_start(&p->acc, line, offset);
	if (!p->ctx.opts->full_parse) {
		/* the fast path: an event proven plain needs no parser */
		size_t n;
		while ((n = wdl_xml_plain_event_length(p->ctx.ks, &p->pf, &p->shapes,
							c->buf + c->pos,
							c->len - c->pos)) == WDL_XML_MORE &&
		       wdl_chunk_refill(c, c->pos))
			;
		if (n != 0 && n != WDL_XML_MORE) {
			if (p->shapes.lines != WDL_XML_NO_LINES) {
				/* counted by the proof */
				p->lineno += p->shapes.lines;
				c->pos += n;
			} else {
				advance(p, c->pos + n);
			}
			return wdl_event_acc_emit(&p->acc, ev, err);
		}
	}
	enum frame_result fr = frame_event(p, &len, false);
	if (fr == FRAME_FULL) {
		p->acc.damaged = true;
		xml_diag(p, WDILOG_DIAG_DAMAGED, line, offset,
			 "<Event> element larger than " WDL_STR(WDL_EVENT_MAX_MIB)
			 " MiB; counted as damaged and skipped");
		/* frame it again without keeping it: its comments and CDATA
		 * are stepped over as before, so the end found is its own */
		frame_event(p, &len, true);
		advance(p, c->pos + len);
		return wdl_event_acc_emit(&p->acc, ev, err);
	}
	if (fr == FRAME_CUT) {
		p->acc.damaged = true;
		xml_diag(p, WDILOG_DIAG_DAMAGED, line, offset,
			 c->pos + len >= c->len && c->eof
				 ? "input ends inside an <Event> element (truncated file); event counted as damaged"
				 : "<Event> element not closed before the next <Event>; event counted as damaged");
		advance(p, c->pos + len);
		return wdl_event_acc_emit(&p->acc, ev, err);
	}
	wdilog_error why;
	const char *span = c->buf + c->pos;
	bool ok = wdl_xml_parse_event(base, span, len, &p->acc, &why);
	if (!ok) {
		int fixed = parse_repaired(p, span, len, line, offset);
		if (fixed < 0)
			return wdl_fail_oom(err);
		ok = fixed > 0;
	}
	if (!ok) {
		p->acc.damaged = true;
		xml_diag(p, WDILOG_DIAG_DAMAGED,
			 why.line ? line + why.line - 1 : line, offset,
			 "malformed <Event> element (%s); counted as damaged",
			 why.message);
	} else if (p->acc.found.too_many) {
		p->acc.damaged = true;
		wdl_diag(p->ctx.opts, WDILOG_DIAG_DAMAGED, p->ctx.name, line, offset,
			 "more than " WDL_STR(WDL_EVENT_VALUES_MAX) " distinct status values in one event; counted as damaged");
	} else if (p->acc.found.nmalformed) {
		xml_diag(p, WDILOG_DIAG_MALFORMED, line, offset,
			 "%s", p->acc.found.note);
	}
	advance(p, c->pos + len);
	return wdl_event_acc_emit(&p->acc, ev, err);
}
