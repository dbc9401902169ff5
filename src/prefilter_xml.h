/* Pre-filter for XML events: proves that an <Event> span needs no XML
 * parser, so that only the few that may hold a status reach libxml2. */
#ifndef WDL_PREFILTER_XML_H
#define WDL_PREFILTER_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "extract.h"
#include "prefilter.h"

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

#endif
