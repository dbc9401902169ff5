/* EVTX records through the XML event rules (evtx_event.h). The rendered
 * text goes first to the XML pre-filter, as an <Event> from an XML file
 * does: most records are proven to hold no status and need no parser. */
#include "parse/evtx_event.h"

#include "util/alloc.h"
#include "util/error.h"
#include "parse/event.h"
#include "parse/parse_xml.h"
#include "parse/prefilter.h"
#include "parse/prefilter_xml.h"

struct wdl_evtx_parser {
	struct wdl_parser base;     /* first: the reader holds it as one */
	struct wdl_evtx *evtx;
	struct wdl_parser *xml;     /* used only for its per-event parse */
	const struct wdl_keyset *ks;
	const wdilog_options *opts;
	const char *name;
	struct wdl_prefilter pf;
	struct wdl_event_acc acc;
};

int wdl_evtx_parser_open(struct wdl_evtx_parser **out, wdl_evtx_read_fn read,
			 void *ctx, const void *head, size_t head_len,
			 const struct wdl_keyset *ks,
			 const wdilog_options *opts, const char *name,
			 wdilog_error *err)
{
	*out = NULL;
	struct wdl_evtx_parser *p = wdl_calloc(1, sizeof(*p));
	if (!p)
		return wdl_fail_oom(err);
	p->ks = ks;
	p->opts = opts;
	p->name = name;
	wdl_event_acc_init(&p->acc);
	wdl_prefilter_init(&p->pf, ks);
	int rc = wdl_evtx_open(&p->evtx, read, ctx, head, head_len, opts, name,
			       err);
	if (rc >= 0)
	{
		struct wdl_parse_ctx xml_ctx = { .ks = ks, .opts = opts,
						 .name = name };
		rc = wdl_xml_open(&p->xml, &xml_ctx, err);
	}
	if (rc < 0) {
		wdl_evtx_parser_free(p);
		return rc;
	}
	*out = p;
	return WDILOG_OK;
}

void wdl_evtx_parser_free(struct wdl_evtx_parser *p)
{
	if (!p)
		return;
	wdl_evtx_free(p->evtx);
	wdl_parser_free(p->xml);
	wdl_event_acc_dispose(&p->acc);
	wdl_free(p);
}

const struct wdl_evtx_stats *wdl_evtx_parser_stats(
	const struct wdl_evtx_parser *p)
{
	return wdl_evtx_stats(p->evtx);
}

int wdl_evtx_parser_next(struct wdl_evtx_parser *p, wdilog_event *ev,
			 wdilog_error *err)
{
	struct wdl_evtx_record rec;
	int rc = wdl_evtx_next(p->evtx, &rec, err);
	if (rc == WDILOG_DONE) {
		const struct wdl_evtx_stats *st = wdl_evtx_stats(p->evtx);
		/* nothing in the file could be read as an event log: an
		 * unreadable input, never a clean report of no events */
		if (st->header_bad && st->chunks == 0 && st->declared == 0)
			return wdl_fail(err, WDILOG_EFORMAT,
					"EVTX file header damaged and no chunk "
					"found: not readable as an event log "
					"(if Windows opens it, export it with "
					"'wevtutil qe FILE /lf:true /f:xml')");
	}
	if (rc != WDILOG_OK)
		return rc;
	struct wdl_event_acc *acc = &p->acc;
	wdl_event_acc_start(acc, rec.id, rec.offset);
	if (rec.damaged) {
		acc->damaged = true;
		wdl_diag(p->opts, WDILOG_DIAG_DAMAGED, p->name, rec.id,
			 rec.offset, "EVTX %s; counted as damaged (byte %llu)",
			 rec.why, (unsigned long long)rec.offset);
		return wdl_event_acc_emit(acc, ev, err);
	}
	if (!p->opts->full_parse &&
	    wdl_xml_event_is_plain(p->ks, &p->pf, rec.xml, rec.xml_len))
		return wdl_event_acc_emit(acc, ev, err);
	wdilog_error why;
	if (!wdl_xml_parse_event(p->xml, rec.xml, rec.xml_len, acc, &why)) {
		acc->damaged = true;
		wdl_diag(p->opts, WDILOG_DIAG_DAMAGED, p->name, rec.id,
			 rec.offset,
			 "EVTX record %llu renders to malformed XML (%s); counted as damaged (byte %llu)",
			 (unsigned long long)rec.id, why.message,
			 (unsigned long long)rec.offset);
	} else if (acc->found.too_many) {
		acc->damaged = true;
		wdl_diag(p->opts, WDILOG_DIAG_DAMAGED, p->name, rec.id,
			 rec.offset,
			 "more than " WDL_STR(WDL_EVENT_VALUES_MAX) " distinct status values in one event; counted as damaged");
	} else if (acc->found.nmalformed) {
		wdl_diag(p->opts, WDILOG_DIAG_MALFORMED, p->name, rec.id,
			 rec.offset, "%s (byte %llu)", acc->found.note,
			 (unsigned long long)rec.offset);
	}
	return wdl_event_acc_emit(acc, ev, err);
}

/* ---- behind the one parser interface (parser.h) ---- */

static int evtx_next(struct wdl_parser *base, wdilog_event *ev,
		     wdilog_error *err)
{
	return wdl_evtx_parser_next((struct wdl_evtx_parser *)base, ev, err);
}

static void evtx_free(struct wdl_parser *base)
{
	wdl_evtx_parser_free((struct wdl_evtx_parser *)base);
}

static const struct wdl_parser_ops evtx_ops = { evtx_next, evtx_free };

/* Raw (inflated, undecoded) bytes of the input. */
static int read_input(void *ctx, void *buf, size_t cap, size_t *got,
		      wdilog_error *err)
{
	return wdl_input_read(ctx, buf, cap, got, err);
}

int wdl_evtx_open_parser(struct wdl_parser **out,
			 const struct wdl_parse_ctx *ctx, wdilog_error *err)
{
	*out = NULL;
	ctx->in->accept_binary = true;
	struct wdl_evtx_parser *p = NULL;
	int rc = wdl_evtx_parser_open(&p, read_input, ctx->in, NULL, 0,
				      ctx->ks, ctx->opts, ctx->name, err);
	if (rc < 0)
		return rc;
	if (!p)
		return wdl_fail_oom(err);
	p->base.ops = &evtx_ops;
	p->base.format = WDL_FORMAT_EVTX;
	*out = &p->base;
	return WDILOG_OK;
}

void wdl_evtx_parser_set_part(struct wdl_parser *p,
			      const struct wdl_evtx_part *part)
{
	wdl_evtx_set_part(((struct wdl_evtx_parser *)p)->evtx, part);
}
