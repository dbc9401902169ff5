/* Parse stage, XML: tracerpt (<Events> root), wevtutil /f:xml and
 * Get-WinEvent ToXml() output (<Event> elements with no root). */
#ifndef WDL_PARSE_XML_H
#define WDL_PARSE_XML_H

#include <wdilog/options.h>
#include <wdilog/reader.h>

#include "input/chunk.h"
#include "parse/extract.h"

struct wdl_xml_parser;

/* Largest <Event> element kept for parsing: 4 MiB. Real events are a few
 * KiB; a larger one is counted as damaged and skipped without growing. */
#define WDL_EVENT_MAX (4u * 1024u * 1024u)

int wdl_xml_open(struct wdl_xml_parser **out, struct wdl_chunk *c,
		 const struct wdl_keyset *ks, const wdilog_options *opts,
		 const char *name, wdilog_error *err);
/* WDILOG_OK with *ev, WDILOG_DONE, or WDILOG_ENOMEM. */
int wdl_xml_next(struct wdl_xml_parser *p, wdilog_event *ev,
		 wdilog_error *err);
void wdl_xml_free(struct wdl_xml_parser *p);

/* Parse one complete <Event>...</Event> span into @p acc (for tests and the
 * fuzz target; wdl_xml_next uses it for every event). Returns false if the
 * span is not well-formed; @p why then holds libxml2's message. */
struct wdl_event_acc;
bool wdl_xml_parse_event(struct wdl_xml_parser *p, const char *span,
			 size_t len, struct wdl_event_acc *acc, char *why,
			 size_t why_cap, uint64_t *why_line);

#endif
