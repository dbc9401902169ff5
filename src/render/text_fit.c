/* Render stage, text layout (text_fit.h). Widths follow the escaper's
 * spelling (util/escape.c): a control or a byte that is not UTF-8 is
 * written as "\xNN", a C1 control as "\u00NN". */
#include "render/text_fit.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "util/escape.h"
#include "util/utf8.h"

size_t wdl_text_width(unsigned asked)
{
	if (!asked)
		return WDL_TEXT_WIDTH;
	if (asked < WDL_TEXT_WIDTH_MIN)
		return WDL_TEXT_WIDTH_MIN;
	return asked > WDL_TEXT_WIDTH_MAX ? WDL_TEXT_WIDTH_MAX : asked;
}

/* Terminal columns of a code point: the wide blocks of East Asian
 * scripts and emoji take two, combining marks and zero-width joiners
 * none. A short list, not the whole of Unicode: enough that names and
 * paths in the common scripts line up. */
static size_t cp_cols(uint32_t cp)
{
	if ((cp >= 0x300 && cp < 0x370) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	    (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

/* The length in bytes of the unit at @p p (one escape or character) and
 * its columns. */
static size_t unit(const unsigned char *p, size_t avail, size_t *cols)
{
	if (p[0] < 0x80) {
		*cols = p[0] >= 0x20 && p[0] < 0x7f ? 1 : 4;
		return 1;
	}
	uint32_t cp;
	int len = wdl_utf8_decode(p, avail, &cp);
	if (len <= 0) {
		*cols = 4;
		return 1;
	}
	*cols = wdl_utf8_is_c1(cp) ? 6 : cp_cols(cp);
	return (size_t)len;
}

size_t wdl_text_cols(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t cols = 0;
	for (size_t i = 0; i < n;) {
		/* what the escaper passes as it is takes a column a byte */
		size_t plain = wdl_escape_plain(WDL_ESC_TEXT, s + i, n - i);
		cols += plain;
		i += plain;
		if (i == n)
			break;
		size_t c;
		i += unit(p + i, n - i, &c);
		cols += c;
	}
	return cols;
}

/* Bytes of @p s (from its start) that fit in @p max columns. */
static size_t head_fitting(const unsigned char *s, size_t n, size_t max)
{
	size_t i = 0, cols = 0;
	while (i < n) {
		size_t c, len = unit(s + i, n - i, &c);
		if (cols + c > max)
			break;
		cols += c;
		i += len;
	}
	return i;
}

/* Bytes of the end of @p s that fit in @p max columns, started at a
 * unit boundary. */
static size_t tail_fitting(const unsigned char *s, size_t n, size_t max)
{
	size_t i = 0, cols = wdl_text_cols((const char *)s, n);
	/* drop units from the front until the rest fits */
	while (i < n && cols > max) {
		size_t c;
		i += unit(s + i, n - i, &c);
		cols -= c;
	}
	return n - i;
}

size_t wdl_text_fit(FILE *out, const char *s, size_t max, size_t pad,
		    enum wdl_cut where, bool unicode)
{
	size_t n = strlen(s), cols = wdl_text_cols(s, n);
	const unsigned char *p = (const unsigned char *)s;
	if (cols > max) {
		const char *mark = unicode ? "\u2026" : "...";
		size_t mark_cols = unicode ? 1 : 3;
		/* too narrow for a character and the marker: a plain cut */
		bool marked = max > mark_cols;
		size_t room = marked ? max - mark_cols : max;
		size_t head = where == WDL_CUT_END ? room : room / 3;
		/* a path keeps its file name whole when it leaves some room */
		const char *slash = where == WDL_CUT_MIDDLE ? strrchr(s, '/') : NULL;
		if (slash) {
			size_t base = wdl_text_cols(slash, n - (size_t)(slash - s));
			if (base + 8 <= room && room - base < head)
				head = room - base;
		}
		size_t hb = head_fitting(p, n, head);
		size_t used = wdl_text_cols(s, hb);
		size_t tb = where == WDL_CUT_END ? 0
			    : tail_fitting(p + hb, n - hb, room - used);
		wdl_escape(out, WDL_ESC_TEXT, s, hb);
		if (marked)
			fputs(mark, out);
		wdl_escape(out, WDL_ESC_TEXT, s + n - tb, tb);
		cols = used + (marked ? mark_cols : 0) + wdl_text_cols(s + n - tb, tb);
	} else {
		wdl_escape(out, WDL_ESC_TEXT, s, n);
	}
	for (size_t k = cols; k < pad; k++)
		fputc(' ', out);
	return cols > pad ? cols : pad;
}

void wdl_wrap_begin(struct wdl_wrap *w, FILE *out, size_t width, size_t col,
		    size_t indent)
{
	*w = (struct wdl_wrap){ out, width, indent, col };
}

void wdl_wrap_put(struct wdl_wrap *w, const char *sep, const char *text,
		  const char *on, const char *off)
{
	size_t len = strlen(text), slen = strlen(sep);
	/* the mark of the separator, without its spaces */
	size_t mark = slen;
	while (mark && sep[mark - 1] == ' ')
		mark--;
	/* a column kept free for the next separator's mark */
	if (w->col > w->indent && w->col + slen + len + 1 > w->width) {
		fprintf(w->out, "%.*s\n%*s", (int)mark, sep, (int)w->indent, "");
		w->col = w->indent;
	} else if (w->col > w->indent) {
		fputs(sep, w->out);
		w->col += slen;
	}
	fprintf(w->out, "%s%s%s", on, text, off);
	w->col += len;
}

void wdl_wrap_putf(struct wdl_wrap *w, const char *sep, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	wdl_wrap_put(w, sep, buf, "", "");
}

void wdl_wrap_end(struct wdl_wrap *w)
{
	fputc('\n', w->out);
	w->col = 0;
}
