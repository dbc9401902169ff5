/* Render stage, text layout: how many terminal columns a string takes once
 * escaped, cutting it to a width with a marker, and breaking a list of
 * clauses into lines. The text report and its ATTEMPTS section share it,
 * so every line of them stays within the width the caller asked for. */
#ifndef WDL_TEXT_FIT_H
#define WDL_TEXT_FIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

/* The text report's width: 0 asks for the default, narrower asks are
 * raised to the narrowest the tables can be laid out in. */
#define WDL_TEXT_WIDTH 80
#define WDL_TEXT_WIDTH_MIN 72
#define WDL_TEXT_WIDTH_MAX 1000

/* The width to lay out in for a caller's @p asked (0: the default). */
size_t wdl_text_width(unsigned asked);

/* Columns @p s[0, n) takes on a terminal once escaped (WDL_ESC_TEXT):
 * an escape is as wide as its spelling, East Asian wide characters take
 * two, combining marks none. */
size_t wdl_text_cols(const char *s, size_t n);

/* Where a cut string loses its text: its end (names) or its middle
 * (paths, whose file name is at the end). */
enum wdl_cut { WDL_CUT_END, WDL_CUT_MIDDLE };

/* Write @p s escaped in at most @p max columns, cut at @p where with a
 * marker ("\u2026" when @p unicode, else "...") when it is wider; then
 * pad with spaces to @p pad columns. Returns the columns written. */
size_t wdl_text_fit(FILE *out, const char *s, size_t max, size_t pad,
		    enum wdl_cut where, bool unicode);

/* A line of clauses broken to a width: a clause that would pass it starts
 * a new line indented by @p indent; the separator's mark (the ',' of ", ")
 * stays at the end of the line it ends. */
struct wdl_wrap {
	FILE *out;
	size_t width, indent, col;
};

/* Start at column @p col (what the caller already wrote on the line). */
void wdl_wrap_begin(struct wdl_wrap *w, FILE *out, size_t width, size_t col,
		    size_t indent);

/* One clause of our own words (no input text), after @p sep unless it
 * is the line's first; @p on and @p off (colours) take no columns. */
void wdl_wrap_put(struct wdl_wrap *w, const char *sep, const char *text,
		  const char *on, const char *off);

/* printf into a clause. */
void wdl_wrap_putf(struct wdl_wrap *w, const char *sep, const char *fmt, ...)
	WDL_PRINTF(3, 4);

/* End the line. */
void wdl_wrap_end(struct wdl_wrap *w);

#endif
