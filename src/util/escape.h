/* The one escaper: every string that came from an input (names, paths,
 * messages, GUIDs) goes through here on its way to any output. One core
 * decides what is a C0 control, DEL, a C1 control or a byte that is not
 * UTF-8, the same way for every format; a format only chooses how each of
 * those is written and which of its own characters it must quote. Also
 * compiled into the CLI, for diagnostics. */
#ifndef WDL_ESCAPE_H
#define WDL_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

enum wdl_esc {
	/* terminal text and diagnostics: \xNN for controls and bad bytes,
	 * \u00NN for C1 */
	WDL_ESC_TEXT,
	/* CommonMark inline text: ASCII punctuation backslash-quoted ('@' split
	 * by an empty comment so GitHub finds no address), the
	 * escapes of TEXT with their backslash doubled so it shows */
	WDL_ESC_MARKDOWN,
	/* GitHub workflow command message: %, CR and LF percent-encoded */
	WDL_ESC_GITHUB,
	/* GitHub workflow command property value: also ':' and ',' */
	WDL_ESC_GITHUB_PROPERTY,
	/* XML 1.0 character data (JUnit): markup as entities, U+FFFE/U+FFFF
	 * that XML cannot carry as \uFFFE */
	WDL_ESC_XML,
	/* XML 1.0 attribute value: also quote, tab and line ends */
	WDL_ESC_XML_ATTR,
	/* HTML text or quoted attribute: markup as references, every control
	 * and bad byte as U+FFFD */
	WDL_ESC_HTML,
	/* JSON string content: \uNNNN, \ufffd for bad bytes, U+2028/U+2029
	 * escaped for JavaScript readers */
	WDL_ESC_JSON,
};

/* Write s[0, n) to @p out escaped for @p mode. */
void wdl_escape(FILE *out, enum wdl_esc mode, const char *s, size_t n);

/* The same for a NUL-terminated string. */
void wdl_escape_str(FILE *out, enum wdl_esc mode, const char *s);

#endif
