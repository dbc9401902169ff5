/* Render stage, JSON: the wdilog/1 report of formats.md section 6, plus
 * the timeline, per-input detail, peers, bursts and the time window.
 * Member names here are a contract; never rename one without bumping
 * WDILOG_SCHEMA. */
#include <wdilog/report.h>
#include <wdilog/wdilog.h>

#include <string.h>

#include "report/counters.h"
#include "report/report.h"
#include "report/view.h"
#include "render/attempts_render.h"
#include "util/alloc.h"
#include "parse/context.h"
#include "util/error.h"
#include "gate/gate_int.h"
#include "render/json_writer.h"
#include "parse/timestamp.h"

/* "events_lost": N, or null when no input says (formats.md 6). */
static void events_lost(struct wdl_json *j, bool known, uint64_t n)
{
	wdl_json_key(j, "events_lost");
	if (known)
		wdl_json_uint(j, n);
	else
		wdl_json_null(j);
}

static void totals(struct wdl_json *j, const wdilog_totals *t)
{
	wdl_json_key(j, "totals");
	wdl_json_object(j, false);
	for (size_t i = 0; i < wdl_ncounters; i++) {
		wdl_json_key_n(j, wdl_counters[i].key, wdl_counters[i].key_len);
		wdl_json_uint(j, wdl_counter_get(t, wdl_counters[i].total));
	}
	events_lost(j, t->events_lost_known, t->events_lost);
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

/* "code": N|null, "name": "..."|null, as every code list writes them. */
static void code_and_name(struct wdl_json *j, const struct wdl_code_stat *c)
{
	wdl_json_key(j, "code");
	if (c->has_code)
		wdl_json_uint(j, c->code);
	else
		wdl_json_null(j);
	wdl_json_key(j, "name");
	if (wdl_code_name(c))
		wdl_json_string(j, wdl_code_name(c));
	else
		wdl_json_null(j);
}

/* [input, line] */
static void pos(struct wdl_json *j, const struct wdl_pos *p)
{
	wdl_json_array(j, true);
	wdl_json_uint(j, p->input);
	wdl_json_uint(j, p->line);
	wdl_json_end_array(j);
}

/* "positions": where a row's records are (doc/report-schema.json): first and
 * last, null when not known, the earliest kept, and the records without
 * a known line. */
static void lines(struct wdl_json *j, const struct wdl_lines *l)
{
	struct wdl_pos f, z;
	bool ends = wdl_lines_ends(l, &f, &z);
	wdl_json_key(j, "positions");
	wdl_json_object(j, true);
	wdl_json_key(j, "first");
	if (ends)
		pos(j, &f);
	else
		wdl_json_null(j);
	wdl_json_key(j, "last");
	if (ends)
		pos(j, &z);
	else
		wdl_json_null(j);
	wdl_json_key(j, "earliest");
	wdl_json_array(j, true);
	for (uint32_t i = 0; i < l->n; i++)
		pos(j, &l->earliest[i]);
	wdl_json_end_array(j);
	wdl_json_key(j, "unplaced"); wdl_json_uint(j, l->unplaced);
	wdl_json_end_object(j);
}

static void code_entry(struct wdl_json *j, const struct wdl_code_stat *c)
{
	wdl_json_object(j, true);
	code_and_name(j, c);
	wdl_json_key(j, "phase"); wdl_json_string(j, wdilog_phase_name(c->phase));
	wdl_json_key(j, "kind"); wdl_json_string(j, wdilog_kind_name(c->kind));
	wdl_json_key(j, "count"); wdl_json_uint(j, c->count);
	wdl_json_key(j, "first"); wdl_json_time(j, &c->first);
	wdl_json_key(j, "last"); wdl_json_time(j, &c->last);
	lines(j, &c->lines);
	wdl_json_end_object(j);
}

/* The input's codes in report order, each with the first lines it was
 * seen on. */
static int input_codes(struct wdl_json *j, const wdilog_report *rep,
		       const struct wdl_input_stat *in)
{
	wdl_json_key(j, "codes");
	if (!in->ncodes) {
		/* most inputs of a large run (no array to sort) */
		wdl_json_array(j, false);
		wdl_json_end_array(j);
		return WDILOG_OK;
	}
	struct wdl_input_entry *v = wdl_input_sorted(rep, in);
	if (!v)
		return WDILOG_ENOMEM;
	wdl_json_array(j, false);
	for (size_t k = 0; k < in->ncodes; k++) {
		const struct wdl_input_code *slot = v[k].slot;
		wdl_json_object(j, true);
		code_and_name(j, v[k].code);
		wdl_json_key(j, "count"); wdl_json_uint(j, slot->count);
		wdl_json_key(j, "lines");
		wdl_json_array(j, true);
		for (uint32_t l = 0; l < slot->nlines; l++)
			wdl_json_uint(j, slot->lines[l]);
		wdl_json_end_array(j);
		wdl_json_end_object(j);
	}
	wdl_json_end_array(j);
	wdl_free(v);
	return WDILOG_OK;
}

/* The inputs an undecoded GUID came from: the first few, by index into
 * "inputs", and how many more. */
static void guid_inputs(struct wdl_json *j, const struct wdl_guid_stat *g)
{
	wdl_json_key(j, "inputs");
	wdl_json_array(j, true);
	for (uint32_t i = 0; i < g->ninputs; i++)
		wdl_json_uint(j, g->inputs[i]);
	wdl_json_end_array(j);
	wdl_json_key(j, "inputs_more"); wdl_json_uint(j, g->inputs_more);
}

static int inputs(struct wdl_json *j, const wdilog_report *rep)
{
	wdl_json_key(j, "inputs");
	wdl_json_array(j, false);
	for (size_t i = 0; i < wdl_view_ninputs(rep); i++) {
		const struct wdl_input_stat *in = wdl_view_input(rep, i);
		wdl_json_object(j, false);
		wdl_json_key(j, "path"); wdl_json_string(j, in->path);
		wdl_json_key(j, "format"); wdl_json_string(j, in->format);
		wdl_json_key(j, "encoding"); wdl_json_string(j, in->encoding);
		wdl_json_key(j, "gzip"); wdl_json_bool(j, in->gzip);
		for (size_t k = 0; k < wdl_ncounters; k++) {
			if (wdl_counters[k].input == WDL_NOT_PER_INPUT)
				continue;
			wdl_json_key_n(j, wdl_counters[k].key, wdl_counters[k].key_len);
			wdl_json_uint(j, wdl_counter_get(in, wdl_counters[k].input));
		}
		events_lost(j, in->events_lost_known, in->events_lost);
		wdl_json_key(j, "truncated"); wdl_json_bool(j, in->truncated);
		wdl_json_key(j, "lost_uncounted");
		wdl_json_bool(j, in->lost_uncounted);
		wdl_json_key(j, "error");
		if (in->unreadable)
			wdl_json_string(j, in->error);
		else
			wdl_json_null(j);
		if (input_codes(j, rep, in) < 0)
			return WDILOG_ENOMEM;
		wdl_json_key(j, "first"); wdl_json_time(j, &in->first);
		wdl_json_key(j, "last"); wdl_json_time(j, &in->last);
		wdl_json_end_object(j);
	}
	wdl_json_end_array(j);
	return WDILOG_OK;
}

static void bucket_start(struct wdl_json *j, const struct wdl_timeline *t,
			 uint32_t i)
{
	/* held within years 1-9999, so the report loads back */
	wdilog_time start = { .seconds = wdl_timeline_bucket_start(t, i),
			      .valid = true, .zoned = t->zoned };
	wdl_json_time(j, &start);
}

/* Written only when some record had no time, so reports without such
 * records read as before. */
static void timeline_untimed(struct wdl_json *j, const struct wdl_timeline *t)
{
	if (!t->untimed)
		return;
	wdl_json_key(j, "untimed");
	wdl_json_uint(j, t->untimed);
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
	timeline_untimed(j, t);
	wdl_json_end_object(j);
}

/* {"code": N|null, "name": "...", "count": N} for a code list's top. */
static void dominant(struct wdl_json *j, const wdilog_report *rep,
		     const struct wdl_code_count *codes, uint32_t n)
{
	struct wdl_code_count top;
	if (!wdl_code_count_top(codes, n, &top)) {
		wdl_json_null(j);
		return;
	}
	wdl_json_object(j, true);
	code_and_name(j, wdl_view_code(rep, top.index));
	wdl_json_key(j, "count"); wdl_json_uint(j, top.count);
	wdl_json_end_object(j);
}

/* A code list in first-seen order, as a merge needs it (issue 15):
 * "KEY": [{"code", "name", "count"}], then "OTHER_KEY": N for the counts
 * past the list's cap. */
static void code_counts(struct wdl_json *j, const wdilog_report *rep,
			const char *key, const struct wdl_code_count *codes,
			uint32_t n, const char *other_key, uint64_t other)
{
	wdl_json_key(j, key);
	wdl_json_array(j, true);
	for (uint32_t i = 0; i < n; i++) {
		wdl_json_object(j, true);
		code_and_name(j, wdl_view_code(rep, codes[i].index));
		wdl_json_key(j, "count"); wdl_json_uint(j, codes[i].count);
		wdl_json_end_object(j);
	}
	wdl_json_end_array(j);
	wdl_json_key(j, other_key); wdl_json_uint(j, other);
}

/* The members of one per-peer entry, after "peer". */
static void peer_body(struct wdl_json *j, const wdilog_report *rep,
		      const struct wdl_peer_stat *s)
{
	wdl_json_key(j, "statuses"); wdl_json_uint(j, s->statuses);
	wdl_json_key(j, "failures"); wdl_json_uint(j, s->failures);
	wdl_json_key(j, "phases");
	wdl_json_object(j, true);
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++) {
		wdl_json_key(j, wdilog_phase_name((wdilog_phase)ph));
		wdl_json_uint(j, s->phases[ph]);
	}
	wdl_json_end_object(j);
	wdl_json_key(j, "first"); wdl_json_time(j, &s->first);
	wdl_json_key(j, "last"); wdl_json_time(j, &s->last);
	wdl_json_key(j, "dominant_failure");
	dominant(j, rep, s->codes, s->ncodes);
	code_counts(j, rep, "failure_codes", s->codes, s->ncodes,
		    "other_failures", s->other_failures);
}

static void peer_entry(struct wdl_json *j, const wdilog_report *rep,
		       const char *key, const struct wdl_peer_stat *s)
{
	if (key)
		wdl_json_key(j, key);
	wdl_json_object(j, false);
	if (!key) {
		char mac[18];
		wdl_mac_format(s->mac, mac);
		wdl_json_key(j, "peer"); wdl_json_string(j, mac);
	}
	peer_body(j, rep, s);
	wdl_json_end_object(j);
}

/* Called only when the peers are known. */
static bool peers(struct wdl_json *j, const wdilog_report *rep)
{
	const struct wdl_peers *ps = wdl_view_peers(rep);
	const struct wdl_peer_stat **v = wdl_peers_sorted(ps);
	if (!v)
		return false;
	wdl_json_key(j, "peers");
	wdl_json_array(j, false);
	for (size_t i = 0; i < ps->n; i++)
		peer_entry(j, rep, NULL, v[i]);
	wdl_json_end_array(j);
	wdl_free(v);
	/* records whose event named no peer, and those past the peer cap */
	peer_entry(j, rep, "no_peer", &ps->none);
	if (ps->overflow.statuses) {
		peer_entry(j, rep, "peers_past_limit", &ps->overflow);
	} else {
		wdl_json_key(j, "peers_past_limit");
		wdl_json_null(j);
	}
	wdl_json_key(j, "peers_exact"); wdl_json_bool(j, !rep->peers_inexact);
	return true;
}

/* Called only when the bursts are known. */
static bool bursts(struct wdl_json *j, const wdilog_report *rep)
{
	const struct wdl_bursts *bs = wdl_view_bursts(rep);
	size_t n;
	uint64_t not_listed;
	struct wdl_burst *v = wdl_bursts_list(bs, &n, &not_listed);
	if (!v && n)
		return false;
	wdl_json_key(j, "bursts");
	wdl_json_object(j, false);
	wdl_json_key(j, "window_seconds"); wdl_json_uint(j, bs->window);
	wdl_json_key(j, "min_failures"); wdl_json_uint(j, bs->min_failures);
	wdl_json_key(j, "not_listed"); wdl_json_uint(j, not_listed);
	wdl_json_key(j, "list");
	wdl_json_array(j, false);
	for (size_t i = 0; i < n; i++) {
		wdl_json_object(j, true);
		wdl_json_key(j, "start"); wdl_json_time(j, &v[i].start);
		wdl_json_key(j, "end"); wdl_json_time(j, &v[i].end);
		wdl_json_key(j, "failures"); wdl_json_uint(j, v[i].failures);
		wdl_json_key(j, "input");
		wdl_json_string(j, wdl_view_input(rep, v[i].input)->path);
		wdl_json_key(j, "dominant");
		dominant(j, rep, v[i].codes, v[i].ncodes);
		lines(j, &v[i].lines);
		code_counts(j, rep, "codes", v[i].codes, v[i].ncodes, "other",
			    v[i].other);
		wdl_json_end_object(j);
	}
	wdl_json_end_array(j);
	wdl_json_key(j, "exact"); wdl_json_bool(j, !rep->bursts_inexact);
	wdl_json_end_object(j);
	wdl_free(v);
	return true;
}

/* {"records": N, "failures": N} of one table row. */
static void tally_counts(struct wdl_json *j, const struct wdl_tally_row *r)
{
	wdl_json_key(j, "records"); wdl_json_uint(j, r->records);
	wdl_json_key(j, "failures"); wdl_json_uint(j, r->failures);
}

/* One table: "KEY": [rows in first-seen order (what an exact merge
 * needs)], "KEY_other": {records, failures} or null. */
static void tally(struct wdl_json *j, const struct wdl_tally *t,
		  const char *key, const char *other_key, bool ssid)
{
	wdl_json_key(j, key);
	wdl_json_array(j, false);
	for (uint32_t i = 0; i < t->n; i++) {
		const struct wdl_tally_row *r = &t->rows[i];
		wdl_json_object(j, true);
		if (ssid) {
			wdl_json_key(j, "ssid"); wdl_json_string(j, r->text);
		} else {
			const char *name = strcmp(key, "status_codes") == 0
						   ? wdilog_dot11_status_name(r->code)
						   : wdilog_dot11_reason_name(r->code);
			wdl_json_key(j, "code"); wdl_json_uint(j, r->code);
			wdl_json_key(j, "name");
			if (name)
				wdl_json_string(j, name);
			else
				wdl_json_null(j);
		}
		tally_counts(j, r);
		wdl_json_end_object(j);
	}
	wdl_json_end_array(j);
	wdl_json_key(j, other_key);
	if (!t->other.records) {
		wdl_json_null(j);
		return;
	}
	wdl_json_object(j, true);
	tally_counts(j, &t->other);
	wdl_json_end_object(j);
}

/* "dot11": 802.11 status and reason codes, "ssids": SSIDs, each counting
 * status records by what their event named (null when not known). */
static void dot11_and_ssids(struct wdl_json *j, const wdilog_report *rep)
{
	const struct wdl_dot11_counts *d = wdl_view_dot11(rep);
	wdl_json_key(j, "dot11");
	if (!d) {
		wdl_json_null(j);
		wdl_json_key(j, "ssids");
		wdl_json_null(j);
		wdl_json_key(j, "peers_exact");
		wdl_json_null(j);
		return;
	}
	wdl_json_object(j, false);
	tally(j, &d->status, "status_codes", "status_codes_other", false);
	tally(j, &d->reason, "reason_codes", "reason_codes_other", false);
	wdl_json_key(j, "exact");
	wdl_json_bool(j, !d->status.inexact && !d->reason.inexact);
	wdl_json_end_object(j);
	wdl_json_key(j, "ssids");
	wdl_json_object(j, false);
	tally(j, &d->ssid, "list", "other", true);
	wdl_json_key(j, "exact"); wdl_json_bool(j, !d->ssid.inexact);
	wdl_json_end_object(j);
}

static void bound(struct wdl_json *j, const struct wdl_window *w,
		  const struct wdl_bound *b)
{
	if (!b->set) {
		wdl_json_null(j);
	} else if (b->time_of_day && !w->resolved) {
		/* no record had a time: the bound stays a time of day */
		char tod[16];
		snprintf(tod, sizeof(tod), "%02d:%02d:%02d",
			 (int)(b->tod_seconds / 3600), (int)(b->tod_seconds / 60 % 60),
			 (int)(b->tod_seconds % 60));
		wdl_json_string(j, tod);
	} else {
		wdl_json_time(j, &b->at);
	}
}

static void window(struct wdl_json *j, const struct wdl_window *w)
{
	wdl_json_key(j, "window");
	if (!w->active) {
		wdl_json_null(j);
		return;
	}
	wdl_json_object(j, false);
	wdl_json_key(j, "since"); bound(j, w, &w->since);
	wdl_json_key(j, "until"); bound(j, w, &w->until);
	wdl_json_key(j, "outside_events"); wdl_json_uint(j, w->excluded_events);
	wdl_json_key(j, "outside_statuses"); wdl_json_uint(j, w->excluded_statuses);
	wdl_json_key(j, "untimed_events"); wdl_json_uint(j, w->untimed_events);
	wdl_json_end_object(j);
}

static void milli(struct wdl_json *j, uint64_t v)
{
	char buf[32];
	wdl_milli_format(v, buf, sizeof(buf));
	wdl_json_raw(j, buf);
}

/* What a check's values count: attempt checks count attempts. */
static bool attempt_scope(const wdilog_gate_check *c)
{
	return c->scope && (strcmp(c->scope, "success-rate") == 0 ||
			    strcmp(c->scope, "attempt-phase") == 0);
}

static const char *gate_unit(const wdilog_gate_check *c)
{
	if (attempt_scope(c))
		return c->rate ? "per-1000-attempts" : "count";
	return c->rate ? "per-1000-events" : "count";
}

/* An attempt rule's counts: what it counted, of how many attempts in the
 * success rate (doc/attempts.md, "Gate"). */
static void gate_attempts(struct wdl_json *j, const wdilog_gate_check *c)
{
	if (!c->percent && strcmp(c->rule, "max-failed-attempts") != 0 &&
	    !attempt_scope(c))
		return;
	if (c->percent) {
		wdl_json_key(j, "unit"); wdl_json_string(j, "percent");
	}
	wdl_json_key(j, "attempts"); wdl_json_uint(j, c->now_total);
	wdl_json_key(j, "counted"); wdl_json_uint(j, c->now_count);
	if (c->scope) {
		wdl_json_key(j, "baseline_attempts"); wdl_json_uint(j, c->baseline_total);
		wdl_json_key(j, "baseline_counted"); wdl_json_uint(j, c->baseline_count);
	}
}

/* The gate verdict: null when no rule was asked, otherwise every rule
 * with its limit, the measured value and whether it passed. */
static void gate(struct wdl_json *j, const struct wdl_gate_state *st)
{
	wdl_json_key(j, "gate");
	if (!st || !st->asked) {
		wdl_json_null(j);
		return;
	}
	wdl_json_object(j, false);
	wdl_json_key(j, "passed"); wdl_json_bool(j, st->passed);
	wdl_json_key(j, "rules");
	wdl_json_array(j, false);
	for (size_t i = 0; i < st->nchecks; i++) {
		const wdilog_gate_check *c = &st->checks[i];
		wdl_json_object(j, true);
		wdl_json_key(j, "rule"); wdl_json_string(j, c->rule);
		if (c->scope) {
			wdl_json_key(j, "scope"); wdl_json_string(j, c->scope);
			if (strcmp(c->scope, "code") == 0) {
				wdl_json_key(j, "code");
				if (c->has_code)
					wdl_json_uint(j, c->code);
				else
					wdl_json_null(j);
				wdl_json_key(j, "name");
				if (c->name)
					wdl_json_string(j, c->name);
				else
					wdl_json_null(j);
			}
			if (c->phase) {
				wdl_json_key(j, "phase"); wdl_json_string(j, c->phase);
			}
			wdl_json_key(j, "change"); wdl_json_string(j, c->change);
			wdl_json_key(j, "unit");
			wdl_json_string(j, gate_unit(c));
			wdl_json_key(j, "baseline"); milli(j, c->baseline);
		}
		gate_attempts(j, c);
		wdl_json_key(j, "limit"); milli(j, c->limit);
		wdl_json_key(j, "measured"); milli(j, c->measured);
		wdl_json_key(j, "passed"); wdl_json_bool(j, c->passed);
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
	gate(&j, wdl_view_verdict(rep));
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
		guid_inputs(&j, &rep->guids[i]);
		wdl_json_end_object(&j);
	}
	if (rep->guids_overflow) {
		/* past the distinct-value limit: counted, not named, so that the
		 * counts still add up to totals.undecoded (less GUID-less events) */
		wdl_json_object(&j, true);
		wdl_json_key(&j, "guid"); wdl_json_null(&j);
		wdl_json_key(&j, "count"); wdl_json_uint(&j, rep->guids_overflow);
		wdl_json_end_object(&j);
	}
	wdl_json_end_array(&j);
	if (inputs(&j, rep) < 0) {
		wdl_json_flush(&j);    /* what was written goes out, as before */
		return wdl_fail_oom(err);
	}
	timeline(&j, &rep->timeline);
	if (!wdl_view_known(rep, WDL_MEMBER_PEERS) ||
	    !wdl_view_known(rep, WDL_MEMBER_BURSTS)) {
		/* a merge of JSON reports: what they do not carry is unknown */
		static const char *const unknown[] = { "peers", "no_peer",
						       "peers_past_limit", "bursts" };
		for (size_t k = 0; k < 4; k++) {
			wdl_json_key(&j, unknown[k]);
			wdl_json_null(&j);
		}
	} else if (!peers(&j, rep) || !bursts(&j, rep)) {
		wdl_json_flush(&j);
		return wdl_fail_oom(err);
	}
	dot11_and_ssids(&j, rep);
	window(&j, &rep->window);
	wdl_render_attempts_json(&j, rep);
	wdl_json_end_object(&j);
	if (!wdl_json_finish(&j))
		return wdl_fail(err, WDILOG_EIO, "cannot write the JSON report");
	return WDILOG_OK;
}
