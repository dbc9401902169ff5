/* Detect stage: which of the four formats an input is, from its first
 * decoded bytes. */
#ifndef WDL_DETECT_H
#define WDL_DETECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum wdl_format {
	WDL_FORMAT_WPP_TEXT,
	WDL_FORMAT_EVENT_XML,
	WDL_FORMAT_EVENTLOG_TEXT,
	WDL_FORMAT_PLAIN_TEXT,
	WDL_FORMAT_EVTX,            /* a Windows event log file (binary) */
	WDL_FORMAT_WDILOG_REPORT    /* our own JSON output: not a trace */
};

/* How much decoded input detection looks at. */
#define WDL_DETECT_BYTES (64u * 1024u)

/* Lines of text that may come before the events of an XML or
 * eventlog-text export and still be passed over as a preamble (a banner,
 * a console prompt, a title). More than this before the first event is
 * no preamble: the input is text. */
#define WDL_PREAMBLE_MAX_LINES 8

/* Detection's answer. */
struct wdl_detection {
	enum wdl_format format;
	size_t skip;                /* bytes of preamble before the first
				       event (0 if none) */
	uint64_t skip_lines;        /* line breaks in them: the first event
				       is on line skip_lines + 1 */
	uint64_t preamble_lines;    /* non-blank lines passed over */
	size_t first_at, first_len; /* the first of them, in the buffer */
};

/* Decide the format from the strongest evidence in buf[0, len) (the first
 * WDL_DETECT_BYTES of decoded input), line by line:
 *  - a wdilog JSON report: '{' first, naming the wdilog schema early;
 *  - event-xml: a line starting with an <Event or <Events tag, an XML
 *    declaration, a comment or a DOCTYPE ("- " fold markers of Event
 *    Viewer copies and leading blanks allowed), never a line that merely
 *    starts with '<';
 *  - eventlog-text: a line "Event[N]:";
 *  - text: a default-prefix or Unknown( line, or no evidence at all; the
 *    text parser settles wpp-text or plain-text while it reads (a
 *    default-prefix line anywhere makes it wpp-text; formats.md section 4).
 * The first line of evidence decides. The non-blank lines before an XML
 * or eventlog-text start, up to WDL_PREAMBLE_MAX_LINES of them, are a
 * preamble that the reader passes over. @p d may be NULL. */
enum wdl_format wdl_detect(const char *buf, size_t len,
			   struct wdl_detection *d);

const char *wdl_format_name(enum wdl_format f);

/* Record-start recognizers, shared by detection and the text parser. */

/* Length of the default tracefmt prefix "[n]hex.hex::" (plus the spaces
 * after it) at the start of @p line, or 0 if it has none. */
size_t wdl_wpp_prefix(const char *line, size_t len);

/* The default prefix where real copies put it: at the start of @p line,
 * after blanks, or after a line number (blanks allowed before it) and
 * blanks (TextAnalysisTool copies, "44676 [2]0F24.1020::..."). Returns its length as
 * wdl_wpp_prefix does, counted from @p line + *lead; 0 (and *lead 0) if
 * there is none. */
size_t wdl_wpp_prefix_lead(const char *line, size_t len, size_t *lead);

/* True if @p line starts a wevtutil /f:text block, "Event[N]:". */
bool wdl_eventlog_block_start(const char *line, size_t len);

#endif
