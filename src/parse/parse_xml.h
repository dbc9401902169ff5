/* Parse stage, XML: tracerpt (<Events> root), wevtutil /f:xml and
 * Get-WinEvent ToXml() output (<Event> elements with no root). */
#ifndef WDL_PARSE_XML_H
#define WDL_PARSE_XML_H

#include <stdbool.h>

#include "parse/parser.h"

/* Largest <Event> element kept for parsing: 4 MiB. Real events are a few
 * KiB; a larger one is counted as damaged and skipped without growing. */
#define WDL_EVENT_MAX_MIB 4
#define WDL_EVENT_MAX (WDL_EVENT_MAX_MIB * 1024u * 1024u)

/* Open an XML parser on @p ctx (copied; what it points to is borrowed).
 * Returns WDILOG_OK with *out (free it with wdl_parser_free) or
 * WDILOG_ENOMEM. */
int wdl_xml_open(struct wdl_parser **out, const struct wdl_parse_ctx *ctx,
		 wdilog_error *err);

/* Parse one complete <Event>...</Event> span into @p acc (for tests and the
 * fuzz target; the parser's next() uses it for every event). @p p must come
 * from wdl_xml_open; its context needs no window for this. Returns false
 * if the span is not well-formed; @p why (may be NULL) then holds
 * libxml2's message and the line of the span it names (0 if none). */
struct wdl_event_acc;
bool wdl_xml_parse_event(struct wdl_parser *p, const char *span, size_t len,
			 struct wdl_event_acc *acc, wdilog_error *why);

/* The words that end the warning for an input's first repaired event:
 * the parts of one file give it once, the first part's that has one. */
#define WDL_XML_REPAIR_ONCE "later repairs in this input are not reported one by one"

/* Read one part of a file cut at <Event> starts (report/read_paths.c):
 * stop at the first event that starts at byte @p end or later (0: read
 * to the end); @p root_open says the file's <Events> root is open where
 * the part starts (a later part has no preamble of its own). */
void wdl_xml_set_part(struct wdl_parser *p, uint64_t end, bool root_open);

/* Newlines in s[0, n) (the planner numbers each part's first line). */
size_t wdl_xml_count_lines(const char *s, size_t n);

/* The first "<!" or "<?" (comment, CDATA, DOCTYPE or PI) or byte >= 0x80
 * in s[0, n), or n. The planner reads a file that has one past its XML
 * declaration whole: markup that may hide <Event text, and bytes the
 * decoder may change (U+200E, U+200F, not UTF-8), which would move the
 * byte offsets of every later part. */
size_t wdl_xml_find_unsplittable(const char *s, size_t n);

#endif
