/* Parse stage, text: tracefmt / netsh output (wpp-text), custom-prefix
 * text (plain-text) and wevtutil /f:text blocks (eventlog-text). */
#ifndef WDL_PARSE_TEXT_H
#define WDL_PARSE_TEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "parse/parser.h"

/* Longest line kept whole: 1 MiB, far above any real trace line (tracefmt
 * caps messages at a few KiB), low enough to keep memory flat. */
#define WDL_LINE_MAX_MIB 1
#define WDL_LINE_MAX (WDL_LINE_MAX_MIB * 1024u * 1024u)
/* Room the window has beyond WDL_LINE_MAX: a line of exactly the limit,
 * its line end and what the decoder adds at once (up to a few bytes a
 * step) always fit, so whether a line is too long never depends on how
 * reads line up (-j 2 against -j 1). */
#define WDL_LINE_SLACK 64u

/* Open a text parser on @p ctx (copied; what it points to is borrowed):
 * eventlog-text blocks if @p eventlog, else wpp-text / plain-text. Returns
 * WDILOG_OK with *out (free it with wdl_parser_free) or WDILOG_ENOMEM. */
int wdl_text_open(struct wdl_parser **out, const struct wdl_parse_ctx *ctx,
		  bool eventlog, wdilog_error *err);

/* Read a part of a file (see reader_range.h): line numbers start at
 * @p first_line, leading continuation lines are skipped, and reading stops
 * at the first record that starts on line @p end_line or later (0: none).
 * @p p must come from wdl_text_open. */
void wdl_text_set_range(struct wdl_parser *p, uint64_t first_line,
			uint64_t end_line);

#endif
