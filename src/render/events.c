/* Render stage, events: every status record as one line of JSON (JSON
 * Lines), written while the input is read (wdilog_report_on_event calls
 * back per event), so nothing of the input is kept. A record is one
 * (event, status value) pair, as in formats.md section 4; an event with
 * two values gives two lines with the same line number and context. */
#include <wdilog/report.h>
#include <wdilog/wdilog.h>

#include "util/error.h"
#include "render/json_writer.h"

static void number_or_null(struct wdl_json *j, bool has, uint64_t v)
{
	if (has)
		wdl_json_uint(j, v);
	else
		wdl_json_null(j);
}

static void string_or_null(struct wdl_json *j, const char *s)
{
	if (s)
		wdl_json_string(j, s);
	else
		wdl_json_null(j);
}

/* {"code": N, "name": "..."|null} or null. */
static void dot11(struct wdl_json *j, const char *key, bool has, uint16_t code,
		  const char *name)
{
	wdl_json_key(j, key);
	if (!has) {
		wdl_json_null(j);
		return;
	}
	wdl_json_object(j, true);
	wdl_json_key(j, "code"); wdl_json_uint(j, code);
	wdl_json_key(j, "name"); string_or_null(j, name);
	wdl_json_end_object(j);
}

static bool record(FILE *out, const wdilog_event *ev, const char *input,
		   const wdilog_status_value *v)
{
	static const wdilog_context none = { 0 };
	const wdilog_context *x = ev->context ? ev->context : &none;
	wdilog_phase phase = WDILOG_PHASE_UNKNOWN;
	wdilog_kind kind = WDILOG_KIND_UNKNOWN;
	if (v->has_code)
		wdilog_status_classify(v->code, &phase, &kind);
	struct wdl_json j;
	wdl_json_init(&j, out);
	wdl_json_object(&j, true);
	wdl_json_key(&j, "input"); wdl_json_string(&j, input ? input : "-");
	wdl_json_key(&j, "line"); wdl_json_uint(&j, ev->line);
	wdl_json_key(&j, "offset"); wdl_json_uint(&j, ev->offset);
	wdl_json_key(&j, "time"); wdl_json_time(&j, &ev->time);
	wdl_json_key(&j, "code"); number_or_null(&j, v->has_code, v->code);
	wdl_json_key(&j, "name");
	string_or_null(&j, v->has_code ? wdilog_status_code_name(v->code)
				       : v->name);
	wdl_json_key(&j, "phase"); wdl_json_string(&j, wdilog_phase_name(phase));
	wdl_json_key(&j, "kind"); wdl_json_string(&j, wdilog_kind_name(kind));
	wdl_json_key(&j, "peer"); string_or_null(&j, x->peer);
	dot11(&j, "dot11_status", x->has_dot11_status, x->dot11_status,
	      wdilog_dot11_status_name(x->dot11_status));
	dot11(&j, "dot11_reason", x->has_dot11_reason, x->dot11_reason,
	      wdilog_dot11_reason_name(x->dot11_reason));
	wdl_json_key(&j, "ssid"); string_or_null(&j, x->ssid);
	wdl_json_key(&j, "provider"); string_or_null(&j, x->provider);
	wdl_json_key(&j, "pid"); number_or_null(&j, x->has_pid, x->pid);
	wdl_json_key(&j, "tid"); number_or_null(&j, x->has_tid, x->tid);
	wdl_json_end_object(&j);
	return wdl_json_finish(&j);
}

int wdilog_event_render_json(const wdilog_event *ev, const char *input,
			     FILE *out, wdilog_error *err)
{
	for (size_t i = 0; i < ev->nstatuses; i++)
		if (!record(out, ev, input, &ev->statuses[i]))
			return wdl_fail(err, WDILOG_EIO,
					"cannot write the event stream");
	return WDILOG_OK;
}
