/* EVTX records as events: the thin adapter between the EVTX reader
 * (evtx.h), which renders each record to the XML text of its <Event>,
 * and the XML event rules (parse_xml.h), which turn that text into the
 * same event any XML input gives. */
#ifndef WDL_EVTX_EVENT_H
#define WDL_EVTX_EVENT_H

#include <wdilog/options.h>
#include <wdilog/reader.h>

#include "parse/evtx.h"
#include "parse/extract.h"
#include "parse/parser.h"

struct wdl_evtx_parser;

/* @p read, @p ctx, @p head and @p head_len as for wdl_evtx_open; @p ks,
 * @p opts (not NULL) and @p name are borrowed for the parser's life. */
int wdl_evtx_parser_open(struct wdl_evtx_parser **out, wdl_evtx_read_fn read,
			 void *ctx, const void *head, size_t head_len,
			 const struct wdl_keyset *ks,
			 const wdilog_options *opts, const char *name,
			 wdilog_error *err);

/* WDILOG_OK with *ev (its line is the record's identifier, its offset
 * the record's byte offset in the file), WDILOG_DONE, or a negative
 * status as wdl_evtx_next returns. */
int wdl_evtx_parser_next(struct wdl_evtx_parser *p, wdilog_event *ev,
			 wdilog_error *err);

/* What the file said and what reading it found; final after DONE. */
const struct wdl_evtx_stats *wdl_evtx_parser_stats(
	const struct wdl_evtx_parser *p);

void wdl_evtx_parser_free(struct wdl_evtx_parser *p);

/* The EVTX parser behind the one parser interface: reads the raw bytes of
 * @p ctx->in (which must hold an EVTX file; detection by its magic), and
 * needs no decoded window. Returns WDILOG_OK with *out (free it with
 * wdl_parser_free; wdl_evtx_parser_stats works on it cast back), or a
 * negative status. */
int wdl_evtx_open_parser(struct wdl_parser **out,
			 const struct wdl_parse_ctx *ctx, wdilog_error *err);

/* Read only @p part of the file (wdl_evtx_set_part) with the parser
 * wdl_evtx_open_parser made, before its first event. */
void wdl_evtx_parser_set_part(struct wdl_parser *p,
			      const struct wdl_evtx_part *part);

#endif
