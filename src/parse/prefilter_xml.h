/* Pre-filter for XML events: proves that an <Event> span needs no XML
 * parser, so that only the few that may hold a status reach libxml2. */
#ifndef WDL_PREFILTER_XML_H
#define WDL_PREFILTER_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "parse/extract.h"
#include "parse/prefilter.h"

/* True only if the span is well-formed XML in a strict subset (ASCII,
 * balanced tags with matching names, quoted unique attributes, only the
 * five predefined entity references, no comments, CDATA, processing
 * instructions, character references or namespace prefixes) AND holds no
 * word that could be a status key, a WDI_ASSOC_STATUS_ token, "Unknown(",
 * BinaryEventData or ProcessingErrorData. A full parse of such a span
 * finds an event without status, so the caller may count it as one.
 * False means "parse it", never "it is broken". */
bool wdl_xml_event_is_plain(const struct wdl_keyset *ks,
			    const struct wdl_prefilter *pf, const char *span,
			    size_t len);

/* The same test on an event starting at @p buf, whose end is not known:
 * returns the event's length if it is plain, 0 if it is not (parse it),
 * or WDL_XML_MORE if @p avail bytes end before its root element does. */
#define WDL_XML_MORE ((size_t)-1)
size_t wdl_xml_plain_event_length(const struct wdl_keyset *ks,
				  const struct wdl_prefilter *pf,
				  const char *buf, size_t avail);

/* Tests: search for the bytes plain text must look at one byte at a time
 * (@p on) or 16 at a time with SSE2 (the default where the build has it).
 * Set before any parser runs; both give the same answers. */
void wdl_prefilter_xml_portable(bool on);

#endif
