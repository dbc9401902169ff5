/* Detect stage: which of the four formats an input is, from its first
 * decoded bytes. */
#ifndef WDL_DETECT_H
#define WDL_DETECT_H

#include <stdbool.h>
#include <stddef.h>

enum wdl_format {
	WDL_FORMAT_WPP_TEXT,
	WDL_FORMAT_EVENT_XML,
	WDL_FORMAT_EVENTLOG_TEXT,
	WDL_FORMAT_PLAIN_TEXT,
	WDL_FORMAT_WDILOG_REPORT    /* our own JSON output: not a trace */
};

/* How much decoded input detection looks at. */
#define WDL_DETECT_BYTES (64u * 1024u)

/* A wdilog JSON report if it starts with '{' and names the wdilog schema
 * early; XML if the first non-blank byte is '<'; eventlog-text if the first
 * non-blank line is "Event[N]:"; otherwise text, which the text parser
 * settles as wpp-text or plain-text while it reads (a default-prefix line
 * anywhere makes it wpp-text; formats.md section 4). */
enum wdl_format wdl_detect(const char *buf, size_t len);

const char *wdl_format_name(enum wdl_format f);

/* Record-start recognizers, shared by detection and the text parser. */

/* Length of the default tracefmt prefix "[n]hex.hex::" (plus the spaces
 * after it) at the start of @p line, or 0 if it has none. */
size_t wdl_wpp_prefix(const char *line, size_t len);

/* True if @p line starts a wevtutil /f:text block, "Event[N]:". */
bool wdl_eventlog_block_start(const char *line, size_t len);

#endif
