/* Parse stage, text. Frames lines into events (formats.md section 4): a
 * record-start line (default prefix or Unknown( in wpp mode, Event[N]: in
 * eventlog mode) opens an event and the lines after it continue it; lines
 * before the first record-start are events of their own, which makes a
 * file with no prefix at all plain-text with one event per line. Blank
 * lines are never events. Statuses are extracted line by line, so no event
 * is ever buffered whole. */
#include "parse/parse_text.h"

#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "parse/dates.h"
#include "parse/event.h"
#include "parse/prefilter.h"
#include "parse/timestamp.h"

/* The head of an event's first line is kept for its time, which is only
 * parsed if the event turns out to carry a status. */
#define HEAD_MAX 256
/* The tracefmt prefix before it is kept too (for the pid and tid), when it
 * is no longer than this; "[n]hex.hex::" is about 20 bytes. */
#define HEAD_PREFIX_MAX 64
/* Words of line-feed and hit masks kept (64 bytes each): 4 KiB of window
 * per pre-filter call, so its set-up is paid once per some 40 lines. */
#define MASK_WORDS 64

struct text_event {
	struct wdl_event_acc acc;
	bool open;
	bool prefixed;              /* head starts right after the prefix */
	bool time_done;
	const char *head_ptr;       /* first line in the window, until saved */
	char head[HEAD_PREFIX_MAX + HEAD_MAX]; /* its copy, made before the
				       window moves */
	size_t head_len;
	size_t head_skip;           /* prefix bytes kept before the head */
	bool head_in_context;       /* the first line went to the context */
	size_t time_len;            /* bytes of the head's time, once parsed */
};

struct wdl_text_parser {
	struct wdl_parser base;     /* first: the parser interface */
	struct wdl_parse_ctx ctx;
	bool eventlog;
	bool seen_start;            /* a record-start line was seen */
	bool skipping_long;         /* discarding the rest of a long line */
	bool skip_continuations;    /* a part's leading lines: not ours */
	bool relative;              /* a later part: lines counted from 1 */
	uint64_t part_start;        /* a part's first byte in the file */
	uint64_t part_end;          /* it ends at a record from this byte on;
				       0: not a part, or the last */
	uint64_t end_line;          /* the line at part_end, when decoded
				       offsets are not file offsets; 0 until
				       needed */
	bool end_counted;
	bool end_seen;              /* a line at or past part_end was read */
	uint64_t part_lines;        /* lines before it, once end_seen */
	bool ended;
	uint64_t lineno;
	struct wdl_prefilter pf;
	/* The pre-filter's last answer, in decoded offsets: no fragment in
	 * [scan_from, hit); hit is the first one, or scan_to if none. */
	uint64_t scan_from, scan_to, hit;
	/* Line feeds and hits (wdl_prefilter_masks) of the decoded bytes
	 * [mask_from, mask_to); empty until the first scan. */
	uint64_t mask_from, mask_to;
	uint64_t nlm[MASK_WORDS], hitm[MASK_WORDS];
	struct wdl_found scratch;   /* skip_plain's look at a line with a hit */
	bool count_plain;           /* plain events may be counted only */
	uint64_t plain;             /* counted, not handed out */
	struct text_event ev[2];    /* the one being built, the one handed out */
	int cur;
	struct wdl_dates dates;     /* this input's slash-date order */
};

static int text_next(struct wdl_parser *base, wdilog_event *ev,
		     wdilog_error *err);

static void text_free(struct wdl_parser *base)
{
	struct wdl_text_parser *p = (struct wdl_text_parser *)base;
	wdl_event_acc_dispose(&p->ev[0].acc);
	wdl_event_acc_dispose(&p->ev[1].acc);
	wdl_found_dispose(&p->scratch);
	wdl_free(p);
}

static const struct wdl_parser_ops text_ops = { text_next, text_free };

int wdl_text_open(struct wdl_parser **out, const struct wdl_parse_ctx *ctx,
		  bool eventlog, wdilog_error *err)
{
	struct wdl_text_parser *p = wdl_calloc(1, sizeof(*p));
	if (!p)
		return wdl_fail_oom(err);
	p->base.ops = &text_ops;
	p->base.format = eventlog ? WDL_FORMAT_EVENTLOG_TEXT
				  : WDL_FORMAT_PLAIN_TEXT;
	p->ctx = *ctx;
	p->eventlog = eventlog;
	p->lineno = ctx->first_line ? ctx->first_line - 1 : 0;
	wdl_dates_init(&p->dates, ctx->opts, ctx->name);
	wdl_prefilter_init(&p->pf, ctx->ks);
	wdl_event_acc_init(&p->ev[0].acc);
	wdl_event_acc_init(&p->ev[1].acc);
	wdl_found_init(&p->scratch);
	*out = &p->base;
	return WDILOG_OK;
}

/* A default-prefix or Unknown( line was seen: the input is wpp-text. */
static void saw_prefix(struct wdl_text_parser *p)
{
	p->base.format = WDL_FORMAT_WPP_TEXT;
}

void wdl_text_set_part(struct wdl_parser *base, uint64_t start, uint64_t end)
{
	struct wdl_text_parser *p = (struct wdl_text_parser *)base;
	p->part_start = start;
	p->part_end = end;
	if (start > 0) {
		p->lineno = 0;
		p->relative = true;
		p->skip_continuations = true;
		p->seen_start = true;
		saw_prefix(p);
	}
}

void wdl_text_count_plain(struct wdl_parser *base)
{
	((struct wdl_text_parser *)base)->count_plain = true;
}

uint64_t wdl_text_take_plain(struct wdl_parser *base)
{
	struct wdl_text_parser *p = (struct wdl_text_parser *)base;
	uint64_t n = p->plain;
	p->plain = 0;
	return n;
}

bool wdl_text_part_lines(const struct wdl_parser *base, uint64_t *lines)
{
	const struct wdl_text_parser *p = (const struct wdl_text_parser *)base;
	*lines = p->part_lines;
	return p->end_seen;
}

/* Is the line just counted (at decoded @p offset) at or past the part's
 * end? While every byte decoded so far is the file's byte unchanged (the
 * common case), a decoded offset is a file offset and says it; otherwise
 * the newlines before the end are counted once in the file (they are the
 * same decoded or not), so no line is counted twice when it is not
 * needed. */
static bool past_end(struct wdl_text_parser *p, uint64_t offset)
{
	if (p->end_seen || !p->part_end)
		return p->end_seen;
	if (!p->end_counted && p->ctx.c->dec->altered) {
		/* once; a failed count leaves the offsets, the best left */
		uint64_t n = 0;
		p->end_counted = true;
		if (p->ctx.in && p->ctx.in->fd >= 0 &&
		    wdl_count_newlines(p->ctx.in->fd, p->part_start,
				       p->part_end, &n))
			p->end_line = n + 1;
	}
	if (p->end_line ? p->lineno >= p->end_line : offset >= p->part_end) {
		p->end_seen = true;
		p->part_lines = p->lineno - 1;
	}
	return p->end_seen;
}

enum line_result { LINE_OK, LINE_LONG, LINE_END };

/* Before the window moves, copy the open event's first line out of it. */
static void save_head(struct wdl_text_parser *p)
{
	struct text_event *e = &p->ev[p->cur];
	if (e->open && e->head_ptr) {
		memcpy(e->head, e->head_ptr, e->head_len);
		e->head_ptr = NULL;
	}
}

static bool refill(struct wdl_text_parser *p)
{
	save_head(p);
	return wdl_chunk_refill(p->ctx.c, p->ctx.c->pos);
}

/* The next physical line, without its line end. A line longer than the
 * buffer's maximum comes back cut (LINE_LONG) and its rest is skipped. */
static enum line_result next_line(struct wdl_text_parser *p,
				  struct wdl_span *line, uint64_t *offset)
{
	struct wdl_chunk *c = p->ctx.c;
	for (;;) {
		const char *s = c->buf + c->pos;
		size_t avail = c->len - c->pos;
		const char *nl = avail ? memchr(s, '\n', avail) : NULL;
		if (p->skipping_long) {
			if (nl) {
				c->pos += (size_t)(nl - s) + 1;
				p->skipping_long = false;
				continue;
			}
			c->pos = c->len;
			if (!refill(p) && c->eof)
				return LINE_END;
			continue;
		}
		if (nl || (c->eof && avail)) {
			size_t n = nl ? (size_t)(nl - s) : avail;
			*offset = c->base + c->pos;
			c->pos += n + (nl != NULL);
			if (n && s[n - 1] == '\r')
				n--;
			if (n > WDL_LINE_MAX) {
				/* whole in a window grown for an earlier line */
				*line = (struct wdl_span){ s, WDL_LINE_MAX };
				return LINE_LONG;
			}
			*line = (struct wdl_span){ s, n };
			return LINE_OK;
		}
		if (c->eof)
			return LINE_END;
		if (!refill(p) && !c->eof) {
			/* full at its maximum with no line end in sight */
			*offset = c->base + c->pos;
			*line = (struct wdl_span){ s, avail };
			c->pos = c->len;
			p->skipping_long = true;
			return LINE_LONG;
		}
	}
}

static bool is_blank(struct wdl_span l)
{
	for (size_t i = 0; i < l.len; i++)
		if (l.ptr[i] != ' ' && l.ptr[i] != '\t')
			return false;
	return true;
}

/* An event's time is parsed only once it has a status: most never do.
 * So is the context in its first line (pid, tid, component, peer). */
static void resolve_time(struct wdl_text_parser *p, struct text_event *e)
{
	if (!e->acc.found.n)
		return;
	const char *line = e->head_ptr ? e->head_ptr : e->head;
	const char *head = line + e->head_skip;
	size_t len = e->head_len - e->head_skip;
	if (!e->time_done) {
		struct wdl_dates *d = &p->dates;
		wdilog_time t = { 0 };
		e->time_len = e->prefixed ? wdl_dates_parse(d, head, len,
							    e->acc.line,
							    e->acc.offset, &t)
					  : 0;
		bool ok = e->time_len > 0;
		if (!ok && e->prefixed)
			e->time_len = wdl_time_unknown_len(head, len);
		/* a prefixed head's own date was judged (and told) above */
		if (!ok && !e->time_len)
			ok = e->prefixed ? wdl_time_find(head, len, d->day_first, &t)
					 : wdl_dates_find(d, head, len, e->acc.line,
							  e->acc.offset, &t);
		if (ok)
			e->acc.time = t;
		e->time_done = true;
	}
	if (!p->eventlog) {
		wdl_context_wpp_head(&e->acc.ctx, line, e->head_len, e->head_skip,
				     e->time_len);
		if (!e->head_in_context)
			wdl_context_text(&e->acc.ctx, head, len);
	}
}

/* The one way an event ends: its head is read if it has a status, and it
 * is handed out in @p ev. */
static int finish_event(struct wdl_text_parser *p, struct text_event *e,
			wdilog_event *ev, wdilog_error *err)
{
	resolve_time(p, e);
	e->open = false;
	return wdl_event_acc_emit(&e->acc, ev, err);
}

static void start_event(struct text_event *e, struct wdl_span line,
			size_t prefix, uint64_t offset, uint64_t lineno)
{
	wdl_event_acc_start(&e->acc, lineno, offset);
	e->open = true;
	e->prefixed = prefix > 0;
	e->time_done = false;
	e->head_in_context = false;
	e->time_len = 0;
	size_t n = line.len - prefix;
	e->head_skip = prefix <= HEAD_PREFIX_MAX ? prefix : 0;
	e->head_len = e->head_skip + (n < HEAD_MAX ? n : HEAD_MAX);
	e->head_ptr = line.ptr + prefix - e->head_skip;
}

/* Masks of the window from index @p s on, as many whole blocks as the
 * window holds with the two bytes a block's last fragment may reach into
 * (up to MASK_WORDS). False, and the old masks kept, if there is not one. */
static bool scan_masks(struct wdl_text_parser *p, size_t s)
{
	struct wdl_chunk *c = p->ctx.c;
	size_t avail = c->len - s;
	if (avail < 64 + 2)
		return false;
	size_t n = (avail - 2) / 64;
	if (n > MASK_WORDS)
		n = MASK_WORDS;
	wdl_prefilter_masks(&p->pf, c->buf + s, n, p->nlm, p->hitm);
	p->mask_from = c->base + s;
	p->mask_to = p->mask_from + 64 * n;
	return true;
}

/* The decoded offset of the first bit set in @p m at @p from or after it
 * (mask_from <= from < mask_to), or mask_to if there is none. */
static uint64_t next_bit(const struct wdl_text_parser *p, const uint64_t *m,
			 uint64_t from)
{
	return p->mask_from + wdl_bits_next(m, (size_t)(from - p->mask_from),
					    (size_t)(p->mask_to - p->mask_from));
}

/* Could this line (at window index @p s, @p len bytes) hold a status or a
 * NUL byte? The masks answer for the lines they cover; the rest (a line
 * longer than they reach, the window's last bytes) asks the pre-filter,
 * which searches ahead so that each window byte is searched once. */
static bool line_may_match(struct wdl_text_parser *p, size_t s, size_t len)
{
	struct wdl_chunk *c = p->ctx.c;
	uint64_t a = c->base + s, b = a + len;
	if (p->ctx.opts->full_parse)
		return true;
	if ((a >= p->mask_from && b < p->mask_to) ||
	    (b - a < 64 * MASK_WORDS && scan_masks(p, s) && b < p->mask_to))
		return next_bit(p, p->hitm, a) < b;
	if (a >= p->scan_from && b <= p->hit)
		return false;
	if (p->hit < p->scan_to && p->hit >= a && p->hit < b)
		return true;
	size_t avail = c->len - s;
	size_t at = wdl_prefilter_find(&p->pf, c->buf + s, avail);
	p->scan_from = a;
	/* a fragment may start in the last two bytes and end in unread data */
	p->scan_to = c->base + c->len - (c->eof || avail < 2 ? 0 : 2);
	p->hit = at < avail ? a + at : p->scan_to;
	if (p->hit > p->scan_to)
		p->hit = p->scan_to;
	return b > p->hit;  /* the hit is in this line, or beyond the search */
}

static void mark_damaged(struct wdl_text_parser *p, struct text_event *e,
			 uint64_t offset, const char *why)
{
	if (!e->acc.damaged)
		wdl_diag(p->ctx.opts, WDILOG_DIAG_DAMAGED, p->ctx.name,
			 p->lineno, offset, "%s; event counted as damaged", why);
	e->acc.damaged = true;
}

/* The number after @p label in s[0, len), blanks allowed between. */
static bool number_after(const char *s, size_t len, const char *label,
			 uint64_t *out)
{
	size_t n = strlen(label);
	const char *at = n <= len ? memmem(s, len, label, n) : NULL;
	if (!at)
		return false;
	size_t i = (size_t)(at - s) + n;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= len || !wdl_is_digit((unsigned char)s[i]))
		return false;
	uint64_t v = 0;
	for (; i < len && wdl_is_digit((unsigned char)s[i]); i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static bool has_prefix(struct wdl_span t, const char *lit)
{
	size_t n = strlen(lit);
	return t.len >= n && memcmp(t.ptr, lit, n) == 0;
}

/* tracefmt's own account of what the capture lost: its closing line
 * "Processing completed   Buffers: 5, Events: 209, EventsLost: 0 :: ..."
 * or FmtSum.txt's "Total Events  Lost     0". The line stays an event. */
static void loss_summary(struct wdl_text_parser *p, struct wdl_span l)
{
	struct wdl_span t = l;
	while (t.len && (t.ptr[0] == ' ' || t.ptr[0] == '\t')) {
		t.ptr++;
		t.len--;
	}
	uint64_t lost;
	bool found = false;
	if (has_prefix(t, "Processing completed"))
		found = number_after(t.ptr, t.len, "EventsLost:", &lost);
	else if (has_prefix(t, "Total Event"))
		found = number_after(t.ptr, t.len, "Lost", &lost);
	if (!found)
		return;
	p->base.events_lost_known = true;
	p->base.events_lost = UINT64_MAX - p->base.events_lost < lost
				      ? UINT64_MAX
				      : p->base.events_lost + lost;
}

/* Where a tracefmt record's message starts after its time: past an
 * optional -seq number and the [Component] groups, which hold no peer or
 * 802.11 code (wdl_context_wpp_head reads the component). */
static size_t message_start(struct wdl_span text, size_t i)
{
	while (i < text.len && text.ptr[i] == ' ')
		i++;
	size_t h = i;
	while (i < text.len && wdl_is_hex((unsigned char)text.ptr[i]))
		i++;
	i = i - h == 8 && i < text.len && text.ptr[i] == ' ' ? i + 1 : h;
	while (i < text.len && text.ptr[i] == '[') {
		const char *rb = memchr(text.ptr + i, ']', text.len - i);
		if (!rb)
			break;
		i = (size_t)(rb - text.ptr) + 1;
	}
	return i;
}

/* Context from a line of a record with a status. The first line is read
 * once, here or in resolve_time; here its time is parsed right away (the
 * record has a status, so it will be needed) and the context scan starts
 * after it, as the time and component hold no context. */
static void line_context(struct wdl_text_parser *p, struct text_event *e,
			 struct wdl_span text, uint64_t offset)
{
	size_t skip = 0;
	if (offset == e->acc.offset) {
		e->head_in_context = true;
		if (e->prefixed && !e->time_done) {
			wdilog_time t = { 0 };
			e->time_len = wdl_dates_parse(&p->dates, text.ptr,
						      text.len, p->lineno,
						      offset, &t);
			if (e->time_len)
				e->acc.time = t;
			else
				e->time_len = wdl_time_unknown_len(text.ptr,
								   text.len);
			if (e->time_len) {
				e->time_done = true;
				skip = message_start(text, e->time_len);
			}
		}
	}
	wdl_context_text(&e->acc.ctx, text.ptr + skip, text.len - skip);
}

static void scan_line(struct wdl_text_parser *p, struct text_event *e,
		      struct wdl_span text, uint64_t offset, bool candidate)
{
	if (p->eventlog && !e->acc.time.valid && !e->acc.damaged)
		e->time_done = wdl_dates_find(&p->dates, text.ptr, text.len,
					      p->lineno, offset, &e->acc.time);
	/* context: a wevtutil block's fields come before its status, so
	 * they are all read; a trace record's lines once it has a status */
	if (p->eventlog)
		wdl_context_eventlog_line(&e->acc.ctx, text.ptr, text.len);
	if (!candidate) {
		if (!p->eventlog && e->acc.found.n)
			line_context(p, e, text, offset);
		return;
	}
	if (memchr(text.ptr, '\0', text.len)) {
		mark_damaged(p, e, offset, "NUL byte in line");
		return;
	}
	if (e->acc.damaged || e->acc.undecoded)
		return;
	struct wdl_found *f = &e->acc.found;
	size_t before = f->nmalformed;
	f->note[0] = '\0';
	struct wdl_chunk *c = p->ctx.c;
	uint64_t t = c->base + (size_t)(text.ptr - c->buf);
	if (p->ctx.opts->full_parse)
		wdl_extract_text(p->ctx.ks, text, f);
	else if (!p->pf.slow && t >= p->mask_from && t + text.len <= p->mask_to)
		wdl_extract_masked(p->ctx.ks, text, p->hitm,
				   (size_t)(t - p->mask_from), f);
	else
		wdl_extract_hits(p->ctx.ks, &p->pf, text, f);
	if (!p->eventlog && f->n)
		line_context(p, e, text, offset);
	if (f->too_many)
		mark_damaged(p, e, offset,
			     "more than " WDL_STR(WDL_EVENT_VALUES_MAX) " distinct status values in one event");
	if (f->nmalformed > before)
		wdl_diag(p->ctx.opts, WDILOG_DIAG_MALFORMED, p->ctx.name,
			 p->lineno, offset, "%s", f->note);
}

/* wdl_wpp_prefix_lead, the record-start rule; a line that starts with '['
 * has no lead to skip, so there it is wdl_wpp_prefix (the common case,
 * without the lead's scans). */
static size_t record_prefix(const char *l, size_t n, size_t *lead)
{
	*lead = 0;
	if (n && l[0] == '[')
		return wdl_wpp_prefix(l, n);
	return wdl_wpp_prefix_lead(l, n, lead);
}

/* Would this event be handed out as nothing but one more event without
 * status (no value, nothing malformed, not damaged or undecoded, no WLAN
 * signal)? */
static bool acc_plain(const struct wdl_event_acc *a)
{
	return !a->damaged && !a->undecoded && !a->found.n &&
	       !a->found.nmalformed && !a->found.failed && !a->ctx.wlan.have;
}

/* May skip_plain run? A wpp record is open and plain so far, and the
 * events it ends may be counted instead of handed out. */
static bool can_skip(const struct wdl_text_parser *p)
{
	const struct text_event *cur = &p->ev[p->cur];
	return p->count_plain && !p->eventlog && !p->ctx.opts->full_parse &&
	       p->seen_start && !p->skip_continuations && !p->skipping_long &&
	       cur->open && acc_plain(&cur->acc) &&
	       (!p->part_end || (!p->end_seen && !p->ctx.c->dec->altered));
}

/* Does the text at decoded offset @p off, inside the masks, hold nothing
 * the rules take (no value, nothing malformed)? Then a line with a hit
 * adds as little to a plain record as a line without. */
static bool adds_nothing(struct wdl_text_parser *p, const char *t, size_t len,
			 uint64_t off)
{
	struct wdl_found *f = &p->scratch;
	wdl_found_reset(f);
	f->note[0] = '\0';
	wdl_extract_masked(p->ctx.ks, (struct wdl_span){ t, len }, p->hitm,
			   (size_t)(off - p->mask_from), f);
	return !f->n && !f->nmalformed && !f->failed && !f->too_many;
}

/* Lines framed from the masks alone, while the open record is plain: a
 * record start (the same rule as in text_next) ends it, counted in
 * p->plain, and opens the next; any other line adds nothing to it, nor
 * does a line whose hits the rules take nothing from. Stops before a line
 * text_next must read itself: one with a NUL, a value or a malformed one;
 * one that may be a loss summary or an Unknown( record; one at or past
 * the part's end; one the masks do not reach to its end. */
static void skip_plain(struct wdl_text_parser *p)
{
	struct wdl_chunk *c = p->ctx.c;
	size_t s = c->pos;
	uint64_t a = c->base + s;
	uint64_t limit = p->part_end ? p->part_end : UINT64_MAX;
	if ((a < p->mask_from || a >= p->mask_to) && !scan_masks(p, s))
		return;
	uint64_t hit = next_bit(p, p->hitm, a);
	/* the line feeds not passed yet: word w of the masks, and the bits
	 * of it still to come */
	size_t nw = (size_t)((p->mask_to - p->mask_from) >> 6);
	size_t w = (size_t)((a - p->mask_from) >> 6);
	uint64_t nl = p->nlm[w] & (~(uint64_t)0 << ((a - p->mask_from) & 63));
	const char *start = NULL;   /* the last record start passed */
	size_t start_len = 0, start_prefix = 0;
	uint64_t start_off = 0, start_line = 0;
	for (;;) {
		while (!nl && ++w < nw)
			nl = p->nlm[w];
		if (!nl) {
			/* the line runs past the masks: scan on from it */
			if (p->mask_from == a || !scan_masks(p, s))
				break;
			hit = next_bit(p, p->hitm, a);
			nw = (size_t)((p->mask_to - p->mask_from) >> 6);
			w = 0;
			nl = p->nlm[0];
			continue;
		}
		uint64_t e = p->mask_from + 64 * w + (uint64_t)__builtin_ctzll(nl);
		bool has_hit = hit <= e;
		if (a >= limit || (has_hit && p->pf.slow))
			break;
		const char *l = c->buf + s;
		size_t n = (size_t)(e - a);
		if (n && l[n - 1] == '\r')
			n--;
		unsigned char b0 = n ? (unsigned char)l[0] : 0;
		size_t prefix = 0, lead = 0;
		/* what wdl_wpp_prefix_lead can accept starts so */
		if (b0 == '[' || b0 == ' ' || b0 == '\t' || wdl_is_digit(b0))
			prefix = record_prefix(l, n, &lead);
		if (!prefix) {
			size_t i = 0;
			while (i < n && (l[i] == ' ' || l[i] == '\t'))
				i++;
			/* a loss summary ("Processing completed", "Total
			 * Event...") or an Unknown( record: text_next reads it */
			if (i < n && (l[i] == 'P' || l[i] == 'T' || b0 == 'U'))
				break;
		}
		/* a hit: a NUL marks the record damaged and a value or a
		 * malformed one is the record's; text_next reads those
		 * lines (again) */
		if (has_hit && (memchr(l, '\0', n) ||
				!adds_nothing(p, l + lead + prefix, n - lead - prefix,
					      a + lead + prefix)))
			break;
		p->lineno++;
		if (prefix) {
			p->plain++;
			start = l + lead;
			start_len = n - lead;
			start_prefix = prefix;
			start_off = a;
			start_line = p->lineno;
		}
		s += (size_t)(e - a) + 1;
		a = e + 1;
		c->pos = s;
		nl &= nl - 1;
		if (has_hit && a < p->mask_to)
			hit = next_bit(p, p->hitm, a);
		if (a == p->mask_to) {
			if (!scan_masks(p, s))
				break;
			hit = next_bit(p, p->hitm, a);
			nw = (size_t)((p->mask_to - p->mask_from) >> 6);
			w = 0;
			nl = p->nlm[0];
		}
	}
	if (start)
		start_event(&p->ev[p->cur],
			    (struct wdl_span){ start, start_len }, start_prefix,
			    start_off, start_line);
}

static int text_next(struct wdl_parser *base, wdilog_event *ev,
		     wdilog_error *err)
{
	struct wdl_text_parser *p = (struct wdl_text_parser *)base;
	if (p->ended)
		return WDILOG_DONE;
	for (;;) {
		struct wdl_span line;
		uint64_t offset = 0;
		if (can_skip(p))
			skip_plain(p);
		struct text_event *cur = &p->ev[p->cur];
		enum line_result lr = next_line(p, &line, &offset);
		if (lr == LINE_END) {
			if (!cur->open)
				return WDILOG_DONE;
			/* a gzip stream cut short cuts the record being read
			 * (formats.md 3b) */
			if (p->ctx.in && wdl_input_truncated(p->ctx.in))
				mark_damaged(p, cur, p->ctx.c->base + p->ctx.c->pos,
					     "input cut short (gzip stream with no trailer) inside this record");
			return finish_event(p, cur, ev, err);
		}
		p->lineno++;
		bool past = past_end(p, offset);
		bool candidate = lr == LINE_LONG ||
				 line_may_match(p,
						(size_t)(line.ptr - p->ctx.c->buf),
						line.len);
		if (p->lineno == 1 && !p->relative && line.len == 10 &&
		    memcmp(line.ptr, "EventTrace", 10) == 0)
			continue;
		if (lr == LINE_OK && is_blank(line))
			continue;
		if (lr == LINE_OK && !p->eventlog)
			loss_summary(p, line);

		size_t prefix = 0;
		bool unknown = false, starts;
		if (p->eventlog) {
			starts = wdl_eventlog_block_start(line.ptr, line.len);
		} else {
			size_t lead;
			prefix = record_prefix(line.ptr, line.len, &lead);
			/* the record starts at its prefix: a leading blank or a
			 * copied line number is no part of it */
			line.ptr += lead;
			line.len -= lead;
			unknown = !prefix && line.len >= 8 &&
				  memcmp(line.ptr, "Unknown(", 8) == 0;
			starts = prefix || unknown;
			if (starts)
				saw_prefix(p);
		}

		if (p->skip_continuations) {
			if (!starts)
				continue;   /* the previous part's record */
			p->skip_continuations = false;
		}
		if (starts && past) {
			/* the next part's first record: finish ours and stop */
			p->ended = true;
			if (!cur->open)
				return WDILOG_DONE;
			return finish_event(p, cur, ev, err);
		}
		/* the event this line ends is handed out after the line is
		 * read into the next one (two buffers: it stays intact) */
		bool ready = false;
		int rc = WDILOG_OK;
		if (starts || !p->seen_start) {
			if (cur->open && p->count_plain && acc_plain(&cur->acc)) {
				cur->open = false;  /* counted, not handed out */
				p->plain++;
			} else if (cur->open) {
				rc = finish_event(p, cur, ev, err);
				ready = true;
				p->cur ^= 1;
				cur = &p->ev[p->cur];
			}
			start_event(cur, line, prefix, offset, p->lineno);
			if (starts)
				p->seen_start = true;
			if (unknown) {
				cur->acc.undecoded = wdl_unknown_message(
					line.ptr, line.len, cur->acc.guid);
			}
		}
		if (lr == LINE_LONG)
			mark_damaged(p, cur, offset, "line longer than " WDL_STR(WDL_LINE_MAX_MIB) " MiB");
		scan_line(p, cur,
			  (struct wdl_span){ line.ptr + prefix, line.len - prefix },
			  offset, candidate);
		if (ready)
			return rc;
	}
}
