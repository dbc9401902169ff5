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

/* Read the part of a file that starts at byte @p start (see
 * reader_range.h): reading stops at the first record that starts at byte
 * @p end or later (0: none). A part past the file's start skips the
 * continuation lines it begins with and numbers its lines from 1; the
 * caller adds the lines of the parts before it. @p p must come from
 * wdl_text_open. */
void wdl_text_set_part(struct wdl_parser *p, uint64_t start, uint64_t end);

/* From now on an event that would be handed out as nothing but one more
 * event without status (no value, nothing malformed, not damaged or
 * undecoded, no WLAN signal) may be counted instead (the caller adds them
 * with wdl_text_take_plain); the others are handed out as before. @p p
 * must come from wdl_text_open. */
void wdl_text_count_plain(struct wdl_parser *p);

/* The events counted so far and not yet taken; they come before the next
 * event handed out. Resets the count. */
uint64_t wdl_text_take_plain(struct wdl_parser *p);

/* After the part has been read: its lines before its end (the number to
 * add to the next part's line numbers). False if reading stopped before
 * the end was reached (a read failure). */
bool wdl_text_part_lines(const struct wdl_parser *p, uint64_t *lines);

#endif
