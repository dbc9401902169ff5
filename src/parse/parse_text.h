/* Parse stage, text: tracefmt / netsh output (wpp-text), custom-prefix
 * text (plain-text) and wevtutil /f:text blocks (eventlog-text). */
#ifndef WDL_PARSE_TEXT_H
#define WDL_PARSE_TEXT_H

#include <stdbool.h>

#include <wdilog/options.h>
#include <wdilog/reader.h>

#include "input/chunk.h"
#include "parse/extract.h"

struct wdl_text_parser;

/* Longest line kept whole: 1 MiB, far above any real trace line (tracefmt
 * caps messages at a few KiB), low enough to keep memory flat. */
#define WDL_LINE_MAX (1024u * 1024u)

int wdl_text_open(struct wdl_text_parser **out, struct wdl_chunk *c,
		  const struct wdl_keyset *ks, const wdilog_options *opts,
		  const char *name, bool eventlog, wdilog_error *err);
/* Read a part of a file (see reader_range.h): line numbers start at
 * @p first_line, leading continuation lines are skipped, and reading stops
 * at the first record that starts on line @p end_line or later (0: none). */
void wdl_text_set_range(struct wdl_text_parser *p, uint64_t first_line,
			uint64_t end_line);

/* WDILOG_OK with *ev, or WDILOG_DONE. */
int wdl_text_next(struct wdl_text_parser *p, wdilog_event *ev);
/* A default-prefix or Unknown( line was seen: the input is wpp-text. */
bool wdl_text_saw_prefix(const struct wdl_text_parser *p);
void wdl_text_free(struct wdl_text_parser *p);

/* Length of the default tracefmt prefix "[n]hex.hex::" (plus the spaces
 * after it) at the start of @p line, or 0 if it has none. */
size_t wdl_wpp_prefix(const char *line, size_t len);

/* True if @p line starts a wevtutil /f:text block, "Event[N]:". */
bool wdl_eventlog_block_start(const char *line, size_t len);

#endif
