/* Render stage, Markdown: the escaper the Markdown summary and the
 * Markdown diff share. */
#ifndef WDL_RENDER_MARKDOWN_H
#define WDL_RENDER_MARKDOWN_H

#include <stdio.h>

/* Write @p s as Markdown text that renders as exactly those characters:
 * ASCII punctuation backslash-escaped (CommonMark allows it for any), and
 * control characters shown as \xNN, so input can neither add markup nor
 * break a table row. */
void wdl_md_text(FILE *out, const char *s);

#endif
