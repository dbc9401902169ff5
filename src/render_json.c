/* Render stage, JSON: the wdilog/1 report of formats.md section 6, plus
 * the timeline and per-input detail. Member names here are a contract;
 * never rename one without bumping WDILOG_SCHEMA. */
#include <wdilog/report.h>
#include <wdilog/wdilog.h>

#include "aggregate.h"
#include "alloc.h"
#include "error.h"
#include "json_writer.h"
#include "timestamp.h"

static void totals(struct wdl_json *j, const wdilog_totals *t)
{
	wdl_json_key(j, "totals");
	wdl_json_object(j, false);
	wdl_json_key(j, "events"); wdl_json_uint(j, t->events);
	wdl_json_key(j, "with_status"); wdl_json_uint(j, t->with_status);
	wdl_json_key(j, "without_status"); wdl_json_uint(j, t->without_status);
	wdl_json_key(j, "undecoded"); wdl_json_uint(j, t->undecoded);
	wdl_json_key(j, "damaged"); wdl_json_uint(j, t->damaged);
	wdl_json_key(j, "statuses"); wdl_json_uint(j, t->statuses);
	wdl_json_key(j, "failures"); wdl_json_uint(j, t->failures);
	wdl_json_key(j, "benign"); wdl_json_uint(j, t->benign);
	wdl_json_key(j, "successes"); wdl_json_uint(j, t->successes);
	wdl_json_key(j, "unknown"); wdl_json_uint(j, t->unknown);
	wdl_json_key(j, "malformed"); wdl_json_uint(j, t->malformed);
	wdl_json_key(j, "unreadable_inputs"); wdl_json_uint(j, t->unreadable_inputs);
	wdl_json_end_object(j);
}

static void phases(struct wdl_json *j, const wdilog_report *rep)
{
	wdl_json_key(j, "phases");
	wdl_json_object(j, false);
	for (int i = 0; i < WDILOG_PHASE_COUNT; i++) {
		const struct wdl_phase_stat *ph = &rep->phases[i];
		wdl_json_key(j, wdilog_phase_name((wdilog_phase)i));
		wdl_json_object(j, true);
		wdl_json_key(j, "statuses"); wdl_json_uint(j, ph->statuses);
		wdl_json_key(j, "failures"); wdl_json_uint(j, ph->failures);
		wdl_json_key(j, "first"); wdl_json_time(j, &ph->first);
		wdl_json_key(j, "last"); wdl_json_time(j, &ph->last);
		wdl_json_end_object(j);
	}
	wdl_json_end_object(j);
}

static void code_entry(struct wdl_json *j, const struct wdl_code_stat *c)
{
	wdl_json_object(j, true);
	wdl_json_key(j, "code");
	if (c->has_code)
		wdl_json_uint(j, c->code);
	else
		wdl_json_null(j);
	wdl_json_key(j, "name");
	if (c->overflow)
		wdl_json_string(j, "(other values past the distinct-value limit)");
	else if (!c->has_code)
		wdl_json_string(j, c->name);
	else if (wdilog_status_code_name(c->code))
		wdl_json_string(j, wdilog_status_code_name(c->code));
	else
		wdl_json_null(j);
	wdl_json_key(j, "phase"); wdl_json_string(j, wdilog_phase_name(c->phase));
	wdl_json_key(j, "kind"); wdl_json_string(j, wdilog_kind_name(c->kind));
	wdl_json_key(j, "count"); wdl_json_uint(j, c->count);
	wdl_json_key(j, "first"); wdl_json_time(j, &c->first);
	wdl_json_key(j, "last"); wdl_json_time(j, &c->last);
	wdl_json_end_object(j);
}

static void inputs(struct wdl_json *j, const wdilog_report *rep)
{
	wdl_json_key(j, "inputs");
	wdl_json_array(j, false);
	for (size_t i = 0; i < rep->ninputs; i++) {
		const struct wdl_input_stat *in = &rep->inputs[i];
		wdl_json_object(j, false);
		wdl_json_key(j, "path"); wdl_json_string(j, in->path);
		wdl_json_key(j, "format"); wdl_json_string(j, in->format);
		wdl_json_key(j, "encoding"); wdl_json_string(j, in->encoding);
		wdl_json_key(j, "gzip"); wdl_json_bool(j, in->gzip);
		wdl_json_key(j, "events"); wdl_json_uint(j, in->events);
		wdl_json_key(j, "with_status"); wdl_json_uint(j, in->with_status);
		wdl_json_key(j, "without_status"); wdl_json_uint(j, in->without_status);
		wdl_json_key(j, "undecoded"); wdl_json_uint(j, in->undecoded);
		wdl_json_key(j, "damaged"); wdl_json_uint(j, in->damaged);
		wdl_json_key(j, "statuses"); wdl_json_uint(j, in->statuses);
		wdl_json_key(j, "malformed"); wdl_json_uint(j, in->malformed);
		wdl_json_key(j, "error");
		if (in->unreadable)
			wdl_json_string(j, in->error);
		else
			wdl_json_null(j);
		wdl_json_end_object(j);
	}
	wdl_json_end_array(j);
}

static void bucket_start(struct wdl_json *j, const struct wdl_timeline *t,
			 uint32_t i)
{
	wdilog_time start = { .seconds = (t->first + i) * (int64_t)t->width,
			      .valid = true, .zoned = t->zoned };
	wdl_json_time(j, &start);
}

static void timeline(struct wdl_json *j, const struct wdl_timeline *t)
{
	wdl_json_key(j, "timeline");
	wdl_json_object(j, false);
	wdl_json_key(j, "bucket_seconds"); wdl_json_uint(j, t->width);
	wdl_json_key(j, "buckets");
	wdl_json_array(j, false);
	for (uint32_t i = 0; i < t->n; i++) {
		wdl_json_object(j, true);
		wdl_json_key(j, "start");
		bucket_start(j, t, i);
		for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++) {
			wdl_json_key(j, wdilog_phase_name((wdilog_phase)ph));
			wdl_json_uint(j, t->counts[i][ph]);
		}
		wdl_json_end_object(j);
	}
	wdl_json_end_array(j);
	wdl_json_end_object(j);
}

int wdilog_report_render_json(const wdilog_report *rep, FILE *out,
			      wdilog_error *err)
{
	const struct wdl_code_stat **codes = wdl_report_sorted_codes(rep);
	if (!codes)
		return wdl_fail_oom(err);
	struct wdl_json j;
	wdl_json_init(&j, out);
	wdl_json_object(&j, false);
	wdl_json_key(&j, "schema"); wdl_json_string(&j, WDILOG_SCHEMA);
	wdl_json_key(&j, "generator");
	wdl_json_object(&j, true);
	wdl_json_key(&j, "name"); wdl_json_string(&j, "wdilog");
	wdl_json_key(&j, "version"); wdl_json_string(&j, wdilog_version());
	wdl_json_end_object(&j);
	totals(&j, &rep->totals);
	phases(&j, rep);
	wdl_json_key(&j, "codes");
	wdl_json_array(&j, false);
	for (size_t i = 0; i < rep->ncodes; i++)
		code_entry(&j, codes[i]);
	wdl_json_end_array(&j);
	wdl_free(codes);
	wdl_json_key(&j, "undecoded_guids");
	wdl_json_array(&j, false);
	for (size_t i = 0; i < rep->nguids; i++) {
		wdl_json_object(&j, true);
		wdl_json_key(&j, "guid"); wdl_json_string(&j, rep->guids[i].guid);
		wdl_json_key(&j, "count"); wdl_json_uint(&j, rep->guids[i].count);
		wdl_json_end_object(&j);
	}
	wdl_json_end_array(&j);
	inputs(&j, rep);
	timeline(&j, &rep->timeline);
	wdl_json_end_object(&j);
	if (!wdl_json_finish(&j))
		return wdl_fail(err, WDILOG_EIO, "cannot write the JSON report");
	return WDILOG_OK;
}
