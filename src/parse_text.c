/* Parse stage, text. Frames lines into events (formats.md section 4): a
 * record-start line (default prefix or Unknown( in wpp mode, Event[N]: in
 * eventlog mode) opens an event and the lines after it continue it; lines
 * before the first record-start are events of their own, which makes a
 * file with no prefix at all plain-text with one event per line. Blank
 * lines are never events. Statuses are extracted line by line, so no event
 * is ever buffered whole. */
#include "parse_text.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "event.h"
#include "timestamp.h"

/* The head of an event's first line is kept for its time, which is only
 * parsed if the event turns out to carry a status. */
#define HEAD_MAX 256

struct text_event {
	struct wdl_event_acc acc;
	bool open;
	bool prefixed;              /* head starts right after the prefix */
	bool time_done;
	char head[HEAD_MAX];
	size_t head_len;
};

struct wdl_text_parser {
	struct wdl_chunk *c;
	const struct wdl_keyset *ks;
	const wdilog_options *opts;
	const char *name;
	bool eventlog;
	bool seen_start;            /* a record-start line was seen */
	bool saw_prefix;
	bool skipping_long;         /* discarding the rest of a long line */
	uint64_t lineno;
	struct text_event ev[2];    /* the one being built, the one handed out */
	int cur;
};

int wdl_text_open(struct wdl_text_parser **out, struct wdl_chunk *c,
		  const struct wdl_keyset *ks, const wdilog_options *opts,
		  const char *name, bool eventlog, wdilog_error *err)
{
	struct wdl_text_parser *p = wdl_calloc(1, sizeof(*p));
	if (!p)
		return wdl_fail_oom(err);
	p->c = c;
	p->ks = ks;
	p->opts = opts;
	p->name = name;
	p->eventlog = eventlog;
	wdl_event_acc_init(&p->ev[0].acc);
	wdl_event_acc_init(&p->ev[1].acc);
	*out = p;
	return WDILOG_OK;
}

void wdl_text_free(struct wdl_text_parser *p)
{
	if (!p)
		return;
	wdl_event_acc_dispose(&p->ev[0].acc);
	wdl_event_acc_dispose(&p->ev[1].acc);
	wdl_free(p);
}

bool wdl_text_saw_prefix(const struct wdl_text_parser *p)
{
	return p->saw_prefix;
}

static bool is_hex(unsigned char c)
{
	return wdl_hex_value(c) >= 0;
}

size_t wdl_wpp_prefix(const char *s, size_t len)
{
	size_t i = 0;
	if (i >= len || s[i] != '[')
		return 0;
	i++;
	size_t d = i;
	while (i < len && wdl_is_digit((unsigned char)s[i]))
		i++;
	if (i == d || i >= len || s[i] != ']')
		return 0;
	i++;
	while (i < len && s[i] == ' ')
		i++;
	size_t h = i;
	while (i < len && is_hex((unsigned char)s[i]))
		i++;
	if (i == h || i >= len || s[i] != '.')
		return 0;
	i++;
	h = i;
	while (i < len && is_hex((unsigned char)s[i]))
		i++;
	if (i == h || i + 1 >= len || s[i] != ':' || s[i + 1] != ':')
		return 0;
	i += 2;
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

bool wdl_eventlog_block_start(const char *s, size_t len)
{
	if (len < 9 || memcmp(s, "Event[", 6) != 0)
		return false;
	size_t i = 6;
	while (i < len && wdl_is_digit((unsigned char)s[i]))
		i++;
	return i > 6 && i + 1 < len + 1 && i < len && s[i] == ']' &&
	       i + 1 < len && s[i + 1] == ':';
}

enum line_result { LINE_OK, LINE_LONG, LINE_END };

/* The next physical line, without its line end. A line longer than the
 * buffer's maximum comes back cut (LINE_LONG) and its rest is skipped. */
static enum line_result next_line(struct wdl_text_parser *p,
				  struct wdl_span *line, uint64_t *offset)
{
	struct wdl_chunk *c = p->c;
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
			if (!wdl_chunk_refill(c, c->pos) && c->eof)
				return LINE_END;
			continue;
		}
		if (nl || (c->eof && avail)) {
			size_t n = nl ? (size_t)(nl - s) : avail;
			*offset = c->base + c->pos;
			c->pos += n + (nl != NULL);
			if (n > WDL_LINE_MAX) {
				/* whole in a window grown for an earlier line */
				*line = (struct wdl_span){ s, WDL_LINE_MAX };
				return LINE_LONG;
			}
			if (n && s[n - 1] == '\r')
				n--;
			*line = (struct wdl_span){ s, n };
			return LINE_OK;
		}
		if (c->eof)
			return LINE_END;
		/* The window may grow past WDL_LINE_MAX (it also holds XML
		 * events), so the line limit is checked here, not left to it. */
		if (avail <= WDL_LINE_MAX &&
		    (wdl_chunk_refill(c, c->pos) || c->eof))
			continue;
		/* too long, or the window is full at its maximum: cut it */
		s = c->buf + c->pos;    /* the refill may have moved it */
		avail = c->len - c->pos;
		*offset = c->base + c->pos;
		*line = (struct wdl_span){ s, avail < WDL_LINE_MAX ? avail
								 : WDL_LINE_MAX };
		c->pos = c->len;
		p->skipping_long = true;
		return LINE_LONG;
	}
}

static bool is_blank(struct wdl_span l)
{
	for (size_t i = 0; i < l.len; i++)
		if (l.ptr[i] != ' ' && l.ptr[i] != '\t')
			return false;
	return true;
}

static void resolve_time(struct wdl_text_parser *p, struct text_event *e)
{
	if (e->time_done || !e->acc.found.n)
		return;
	wdilog_time t = { 0 };
	bool ok = e->prefixed &&
		  wdl_time_parse(e->head, e->head_len, p->opts->day_first, &t);
	if (!ok)
		ok = wdl_time_find(e->head, e->head_len, p->opts->day_first, &t);
	if (ok)
		e->acc.time = t;
	e->time_done = true;
}

static void start_event(struct wdl_text_parser *p, struct text_event *e,
			struct wdl_span line, size_t prefix, uint64_t offset)
{
	wdl_event_acc_start(&e->acc, p->lineno, offset);
	e->open = true;
	e->prefixed = prefix > 0;
	e->time_done = false;
	size_t n = line.len - prefix;
	e->head_len = n < HEAD_MAX ? n : HEAD_MAX;
	memcpy(e->head, line.ptr + prefix, e->head_len);
}

static void mark_damaged(struct wdl_text_parser *p, struct text_event *e,
			 uint64_t offset, const char *why)
{
	if (!e->acc.damaged)
		wdl_diag(p->opts, WDILOG_DIAG_DAMAGED, p->name, p->lineno, offset,
			 "%s; event counted as damaged", why);
	e->acc.damaged = true;
}

static void scan_line(struct wdl_text_parser *p, struct text_event *e,
		      struct wdl_span text, uint64_t offset)
{
	if (memchr(text.ptr, '\0', text.len)) {
		mark_damaged(p, e, offset, "NUL byte in line");
		return;
	}
	if (e->acc.damaged || e->acc.undecoded)
		return;
	if (p->eventlog && !e->acc.time.valid)
		e->time_done = wdl_time_find(text.ptr, text.len,
					     p->opts->day_first, &e->acc.time);
	if (!p->opts->full_parse && !wdl_extract_maybe(p->ks, text))
		return;
	struct wdl_found *f = &e->acc.found;
	size_t before = f->nmalformed;
	f->note[0] = '\0';
	wdl_extract_text(p->ks, text, f);
	if (f->too_many)
		mark_damaged(p, e, offset,
			     "more than 256 distinct status values in one event");
	if (f->nmalformed > before)
		wdl_diag(p->opts, WDILOG_DIAG_MALFORMED, p->name, p->lineno, offset,
			 "%s", f->note);
}

int wdl_text_next(struct wdl_text_parser *p, wdilog_event *ev)
{
	for (;;) {
		struct wdl_span line;
		uint64_t offset = 0;
		struct text_event *cur = &p->ev[p->cur];
		enum line_result lr = next_line(p, &line, &offset);
		if (lr == LINE_END) {
			if (!cur->open)
				return WDILOG_DONE;
			resolve_time(p, cur);
			cur->open = false;
			return wdl_event_acc_emit(&cur->acc, ev);
		}
		p->lineno++;
		if (p->lineno == 1 && line.len == 10 &&
		    memcmp(line.ptr, "EventTrace", 10) == 0)
			continue;
		if (lr == LINE_OK && is_blank(line))
			continue;

		size_t prefix = 0;
		bool unknown = false, starts;
		if (p->eventlog) {
			starts = wdl_eventlog_block_start(line.ptr, line.len);
		} else {
			prefix = wdl_wpp_prefix(line.ptr, line.len);
			unknown = !prefix && line.len >= 8 &&
				  memcmp(line.ptr, "Unknown(", 8) == 0;
			starts = prefix || unknown;
			if (starts)
				p->saw_prefix = true;
		}

		struct text_event *ready = NULL;
		if (starts || !p->seen_start) {
			if (cur->open) {
				resolve_time(p, cur);
				cur->open = false;
				ready = cur;
				p->cur ^= 1;
				cur = &p->ev[p->cur];
			}
			start_event(p, cur, line, prefix, offset);
			if (starts)
				p->seen_start = true;
			if (unknown) {
				cur->acc.undecoded = wdl_unknown_message(
					line.ptr, line.len, cur->acc.guid);
			}
		}
		if (lr == LINE_LONG)
			mark_damaged(p, cur, offset, "line longer than 1 MiB");
		scan_line(p, cur,
			  (struct wdl_span){ line.ptr + prefix, line.len - prefix },
			  offset);
		if (ready) {
			return wdl_event_acc_emit(&ready->acc, ev);
		}
	}
}
