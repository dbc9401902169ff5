/* Render stage, attempts as JSON: the report's "attempts" member
 * (doc/report-schema.json) and the --attempts JSON Lines, one object per
 * attempt or session as it ends (attempts.md "What the outputs carry"). */
#include "render/attempts_render.h"

#include "parse/timestamp.h"
#include "report/attempts.h"
#include "status/wlan_reason.h"

static const char *const reason_kinds[] = { NULL, "wdi", "wlan", "dot11" };

static void reason(struct wdl_json *j, wdilog_reason r)
{
	if (r.kind == WDILOG_REASON_NONE) {
		wdl_json_null(j);
		return;
	}
	wdl_json_object(j, true);
	wdl_json_key(j, reason_kinds[r.kind]);
	wdl_json_uint(j, r.code);
	const char *name = wdl_att_reason_name(r);
	if (name) {
		wdl_json_key(j, "name");
		wdl_json_string(j, name);
	}
	wdl_json_end_object(j);
}

static void string_or_null(struct wdl_json *j, const char *s)
{
	if (s)
		wdl_json_string(j, s);
	else
		wdl_json_null(j);
}

static void duration(struct wdl_json *j, const wdilog_time *a,
		     const wdilog_time *b)
{
	if (!a->valid || !b->valid) {
		wdl_json_null(j);
		return;
	}
	int64_t ms = (wdl_time_key(b) - wdl_time_key(a)) * 1000 +
		     ((int64_t)b->nanos - (int64_t)a->nanos) / 1000000;
	wdl_json_int(j, ms);
}

int wdilog_attempt_render_json(const wdilog_attempt *a,
			       const wdilog_session *s, FILE *out)
{
	struct wdl_json j;
	wdl_json_init(&j, out);
	wdl_json_object(&j, true);
	wdl_json_key(&j, "type"); wdl_json_string(&j, a ? "attempt" : "session");
	wdl_json_key(&j, "input"); wdl_json_string(&j, a ? a->input : s->input);
	wdl_json_key(&j, "interface");
	string_or_null(&j, a ? a->interface : s->interface);
	if (a) {
		wdl_json_key(&j, "start"); wdl_json_time(&j, &a->start);
		wdl_json_key(&j, "end"); wdl_json_time(&j, &a->end);
		wdl_json_key(&j, "duration_ms"); duration(&j, &a->start, &a->end);
		wdl_json_key(&j, "start_inferred"); wdl_json_bool(&j, a->start_inferred);
		wdl_json_key(&j, "result");
		wdl_json_string(&j, wdilog_attempt_result_name(a->result));
		wdl_json_key(&j, "furthest_phase");
		wdl_json_string(&j, wdilog_attempt_phase_name(a->furthest_phase));
		wdl_json_key(&j, "failing_phase");
		string_or_null(&j, a->has_failing_phase
					   ? wdilog_attempt_phase_name(a->failing_phase)
					   : NULL);
		wdl_json_key(&j, "reason"); reason(&j, a->reason);
		wdl_json_key(&j, "ssid"); string_or_null(&j, a->ssid);
		wdl_json_key(&j, "bssid"); string_or_null(&j, a->bssid);
		wdl_json_key(&j, "connection_id");
		if (a->has_connection_id)
			wdl_json_uint(&j, a->connection_id);
		else
			wdl_json_null(&j);
		wdl_json_key(&j, "tries");
		wdl_json_array(&j, true);
		for (size_t k = 0; k < a->ntries; k++) {
			wdl_json_object(&j, true);
			wdl_json_key(&j, "peer"); wdl_json_string(&j, a->tries[k].peer);
			wdl_json_key(&j, "code"); wdl_json_uint(&j, a->tries[k].code);
			wdl_json_key(&j, "count"); wdl_json_uint(&j, a->tries[k].count);
			wdl_json_key(&j, "dot11_status");
			if (a->tries[k].has_dot11_status)
				wdl_json_uint(&j, a->tries[k].dot11_status);
			else
				wdl_json_null(&j);
			wdl_json_end_object(&j);
		}
		wdl_json_end_array(&j);
		wdl_json_key(&j, "tries_other"); wdl_json_uint(&j, a->tries_other);
		wdl_json_key(&j, "chain"); wdl_json_uint(&j, a->chain);
		wdl_json_key(&j, "line"); wdl_json_uint(&j, a->line);
		wdl_json_key(&j, "first_line");
		if (a->first_line)
			wdl_json_uint(&j, a->first_line);
		else
			wdl_json_null(&j);
	} else {
		static const char *const how[] = { "disconnect", "new_attempt", "open" };
		wdl_json_key(&j, "start"); wdl_json_time(&j, &s->start);
		wdl_json_key(&j, "end"); wdl_json_time(&j, &s->end);
		wdl_json_key(&j, "duration_ms"); duration(&j, &s->start, &s->end);
		wdl_json_key(&j, "ssid"); string_or_null(&j, s->ssid);
		wdl_json_key(&j, "bssid"); string_or_null(&j, s->bssid);
		wdl_json_key(&j, "ended_by"); wdl_json_string(&j, how[s->how]);
		wdl_json_key(&j, "reason"); reason(&j, s->reason);
		wdl_json_key(&j, "roams"); wdl_json_uint(&j, s->roams);
		wdl_json_key(&j, "roam_successes"); wdl_json_uint(&j, s->roam_successes);
		wdl_json_key(&j, "roam_failures"); wdl_json_uint(&j, s->roam_failures);
		wdl_json_key(&j, "line");
		if (s->line)
			wdl_json_uint(&j, s->line);
		else
			wdl_json_null(&j);
	}
	wdl_json_end_object(&j);
	return wdl_json_finish(&j) ? WDILOG_OK : WDILOG_EIO;
}

static void hist(struct wdl_json *j, const struct wdl_att_hist *h)
{
	wdl_json_object(j, false);
	wdl_json_key(j, "count"); wdl_json_uint(j, h->count);
	wdl_json_key(j, "bucket_upper_ms");
	wdl_json_array(j, true);
	for (size_t i = 0; i < WDL_ATT_BUCKETS; i++) {
		uint64_t b = wdl_att_bucket_bound(i);
		if (b == UINT64_MAX)
			wdl_json_null(j);
		else
			wdl_json_uint(j, b);
	}
	wdl_json_end_array(j);
	wdl_json_key(j, "buckets");
	wdl_json_array(j, true);
	for (size_t i = 0; i < WDL_ATT_BUCKETS; i++)
		wdl_json_uint(j, h->n[i]);
	wdl_json_end_array(j);
	static const unsigned pcts[] = { 50, 90, 99 };
	static const char *const keys[] = { "p50_ms", "p90_ms", "p99_ms" };
	for (size_t k = 0; k < 3; k++) {
		uint64_t ms;
		wdl_json_key(j, keys[k]);
		if (wdl_att_percentile(h, pcts[k], &ms) && ms != UINT64_MAX)
			wdl_json_uint(j, ms);
		else
			wdl_json_null(j);
	}
	wdl_json_end_object(j);
}

static void reason_rows(struct wdl_json *j, const struct wdl_att_reason_row *rows,
			size_t n, uint64_t other)
{
	wdl_json_array(j, false);
	for (size_t k = 0; k < n; k++) {
		wdl_json_object(j, true);
		wdl_json_key(j, "reason"); reason(j, rows[k].reason);
		wdl_json_key(j, "count"); wdl_json_uint(j, rows[k].count);
		wdl_json_end_object(j);
	}
	if (other) {
		wdl_json_object(j, true);
		wdl_json_key(j, "reason"); wdl_json_string(j, "other");
		wdl_json_key(j, "count"); wdl_json_uint(j, other);
		wdl_json_end_object(j);
	}
	wdl_json_end_array(j);
}

static void ssid_entry(struct wdl_json *j, const struct wdl_att_ssid_row *r,
		       const char *name)
{
	wdl_json_object(j, true);
	wdl_json_key(j, "ssid"); string_or_null(j, name);
	wdl_json_key(j, "attempts"); wdl_json_uint(j, r->attempts);
	for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++) {
		wdl_json_key(j, wdilog_attempt_result_name(k));
		wdl_json_uint(j, r->by_result[k]);
	}
	wdl_json_end_object(j);
}

static void peer_entry(struct wdl_json *j, const struct wdl_att_peer_row *r,
		       const char *name)
{
	wdl_json_object(j, true);
	wdl_json_key(j, "peer"); wdl_json_string(j, name);
	wdl_json_key(j, "attempts"); wdl_json_uint(j, r->attempts);
	wdl_json_key(j, "records"); wdl_json_uint(j, r->records);
	wdl_json_key(j, "failed"); wdl_json_uint(j, r->failed);
	wdl_json_key(j, "successes"); wdl_json_uint(j, r->wins);
	wdl_json_end_object(j);
}

static void rate(struct wdl_json *j, uint64_t num, uint64_t den)
{
	if (!den) {
		wdl_json_null(j);
		return;
	}
	char b[32];
	snprintf(b, sizeof(b), "%.4f", (double)num / (double)den);
	wdl_json_raw(j, b);
}

void wdl_render_attempts_json(struct wdl_json *j, const wdilog_report *rep)
{
	const struct wdl_att_figs *f = wdl_attempts_of(rep);
	if (!wdl_attempts_shown(f))
		return;
	wdl_json_key(j, "attempts");
	wdl_json_object(j, false);
	wdl_json_key(j, "parameters");
	wdl_json_object(j, true);
	wdl_json_key(j, "idle_ms"); wdl_json_uint(j, f->idle_ms);
	wdl_json_key(j, "retry_window_ms"); wdl_json_uint(j, f->retry_ms);
	wdl_json_end_object(j);
	wdl_json_key(j, "exact"); wdl_json_bool(j, !f->per_part);
	wdl_json_key(j, "wlan_events"); wdl_json_uint(j, f->wlan_events);
	wdl_json_key(j, "by_result");
	wdl_json_object(j, true);
	for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++) {
		wdl_json_key(j, wdilog_attempt_result_name(k));
		wdl_json_uint(j, f->by_result[k]);
	}
	wdl_json_end_object(j);
	wdl_json_key(j, "inferred_starts"); wdl_json_uint(j, f->inferred_starts);
	uint64_t ok = f->by_result[WDILOG_ATTEMPT_SUCCESS];
	uint64_t den = ok + f->by_result[WDILOG_ATTEMPT_FAILURE] +
		       f->by_result[WDILOG_ATTEMPT_DROPPED] +
		       f->by_result[WDILOG_ATTEMPT_TIMEOUT];
	wdl_json_key(j, "success_rate");
	wdl_json_object(j, true);
	wdl_json_key(j, "attempts"); rate(j, ok, den);
	wdl_json_key(j, "chains"); wdl_json_uint(j, f->chains);
	wdl_json_key(j, "first_try"); rate(j, f->chains_first_try, f->chains);
	wdl_json_key(j, "eventual"); rate(j, f->chains_eventual, f->chains);
	wdl_json_key(j, "retries"); wdl_json_uint(j, f->retries);
	/* the counts behind the chain rates, so that reports load and
	 * merge exactly */
	wdl_json_key(j, "first_try_chains"); wdl_json_uint(j, f->chains_first_try);
	wdl_json_key(j, "eventual_chains"); wdl_json_uint(j, f->chains_eventual);
	wdl_json_end_object(j);
	wdl_json_key(j, "time_to_connect"); hist(j, &f->ttc);
	wdl_json_key(j, "time_to_connect_lower_bound"); hist(j, &f->ttc_lower);
	wdl_json_key(j, "by_failing_phase");
	wdl_json_object(j, true);
	for (int p = 0; p < WDILOG_AP_COUNT; p++) {
		wdl_json_key(j, wdilog_attempt_phase_name(p));
		wdl_json_uint(j, f->by_failing_phase[p]);
	}
	wdl_json_end_object(j);
	wdl_json_key(j, "by_reason");
	reason_rows(j, f->reasons, f->nreasons, f->reasons_other);
	wdl_json_key(j, "ssids");
	wdl_json_array(j, false);
	for (size_t k = 0; k < f->nssids; k++)
		ssid_entry(j, &f->ssids[k], f->ssids[k].ssid[0] ? f->ssids[k].ssid : NULL);
	if (f->ssids[WDL_ATT_SSIDS].attempts)
		ssid_entry(j, &f->ssids[WDL_ATT_SSIDS], "(other)");
	wdl_json_end_array(j);
	wdl_json_key(j, "peers");
	wdl_json_array(j, false);
	for (size_t k = 0; k < f->npeers; k++)
		peer_entry(j, &f->peers[k], f->peers[k].peer);
	if (f->peers && f->peers[WDL_ATT_PEERS].attempts)
		peer_entry(j, &f->peers[WDL_ATT_PEERS], "(other)");
	wdl_json_end_array(j);
	wdl_json_key(j, "sessions");
	wdl_json_object(j, false);
	wdl_json_key(j, "count"); wdl_json_uint(j, f->sessions);
	wdl_json_key(j, "ended_by");
	wdl_json_object(j, true);
	wdl_json_key(j, "disconnect"); wdl_json_uint(j, f->session_by_end[0]);
	wdl_json_key(j, "new_attempt"); wdl_json_uint(j, f->session_by_end[1]);
	wdl_json_key(j, "open"); wdl_json_uint(j, f->session_by_end[2]);
	wdl_json_end_object(j);
	wdl_json_key(j, "duration"); hist(j, &f->session_time);
	wdl_json_key(j, "roams"); wdl_json_uint(j, f->roams);
	wdl_json_key(j, "roam_successes"); wdl_json_uint(j, f->roam_successes);
	wdl_json_key(j, "roam_failures"); wdl_json_uint(j, f->roam_failures);
	wdl_json_key(j, "disconnects_by_reason");
	reason_rows(j, f->disconnects, f->ndisconnects, f->disconnects_other);
	wdl_json_end_object(j);
	wdl_json_key(j, "interfaces_past_limit"); wdl_json_uint(j, f->ifaces_other);
	wdl_json_end_object(j);
}
