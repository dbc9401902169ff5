/* Reading a report's "attempts" member back, as attempts_json.c writes
 * it, so that `wdilog merge` and --baseline see the attempt figures of
 * reports made elsewhere. Like load.c, every member is checked for type
 * and every sum the writer keeps is checked, so that a hand-edited
 * report is refused with the member named rather than merged into
 * figures that contradict themselves. What is derived (rates, percentiles,
 * reason names) is checked against the counts and not kept. */
#include "report/attempts_load.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "util/alloc.h"
#include "util/error.h"

struct ald {
	const char *name;           /* the report, for messages */
	wdilog_error *err;
};

static int bad(struct ald *ld, const char *member, const char *what)
{
	return wdl_fail(ld->err, WDILOG_EFORMAT, "%s: member '%s' %s", ld->name,
			member, what);
}

/* A count member @p key of @p obj (a JSON integer, 0 to 2^63-1). */
static int count(struct ald *ld, const json_t *obj, const char *key,
		 const char *where, uint64_t *out)
{
	const json_t *v = json_object_get(obj, key);
	if (!v || !json_is_integer(v) || json_integer_value(v) < 0) {
		char member[128];
		/* a cut name still says where; the return value is looked at
		 * so that the cut is a choice, not a warning */
		if (snprintf(member, sizeof(member), "%s%s", where, key) < 0)
			member[0] = '\0';
		return bad(ld, member, v ? "is not a count" : "is missing");
	}
	*out = (uint64_t)json_integer_value(v);
	return WDILOG_OK;
}

/* @p acc += @p v, refused past 2^63-1 (it could not be written back). */
static int add(struct ald *ld, uint64_t *acc, uint64_t v, const char *member)
{
	if (v > (uint64_t)INT64_MAX - *acc)
		return bad(ld, member, "has counts whose sum passes 2^63-1");
	*acc += v;
	return WDILOG_OK;
}

static const json_t *object(struct ald *ld, const json_t *obj,
			    const char *key, const char *member, int *rc)
{
	const json_t *v = json_object_get(obj, key);
	*rc = json_is_object(v) ? WDILOG_OK : bad(ld, member, "is not an object");
	return *rc == WDILOG_OK ? v : NULL;
}

/* ---- derived values: must match the counts ---- */

/* A rate the writer prints with four decimals, or null when @p den is 0. */
static int check_rate(struct ald *ld, const json_t *v, uint64_t num,
		      uint64_t den, const char *member)
{
	if (!den)
		return json_is_null(v) ? WDILOG_OK
				       : bad(ld, member, "is not null with nothing counted");
	if (!json_is_number(v))
		return bad(ld, member, "is not a number");
	double want = (double)num / (double)den;
	double got = json_number_value(v);
	if (got < want - 0.00006 || got > want + 0.00006)
		return bad(ld, member, "does not match its counts");
	return WDILOG_OK;
}

/* ---- durations ---- */

static int load_hist(struct ald *ld, const json_t *obj, const char *key,
		     const char *where, struct wdl_att_hist *h)
{
	char w[96], member[128];
	int rc;
	snprintf(w, sizeof(w), "%s%s", where, key);
	const json_t *o = object(ld, obj, key, w, &rc);
	if (!o)
		return rc;
	snprintf(w, sizeof(w), "%s%s.", where, key);
	if ((rc = count(ld, o, "count", w, &h->count)) < 0)
		return rc;
	/* the bounds are the writer's: another series cannot be added */
	const json_t *ub = json_object_get(o, "bucket_upper_ms");
	snprintf(member, sizeof(member), "%sbucket_upper_ms", w);
	if (!json_is_array(ub) || json_array_size(ub) != WDL_ATT_BUCKETS)
		return bad(ld, member, "is not an array of the 19 bucket bounds");
	for (size_t i = 0; i < WDL_ATT_BUCKETS; i++) {
		const json_t *b = json_array_get(ub, i);
		uint64_t want = wdl_att_bucket_bound(i);
		bool same = want == UINT64_MAX
				    ? json_is_null(b)
				    : json_is_integer(b) &&
					      (uint64_t)json_integer_value(b) == want;
		if (!same)
			return bad(ld, member, "are not the bounds this wdilog uses");
	}
	const json_t *bs = json_object_get(o, "buckets");
	snprintf(member, sizeof(member), "%sbuckets", w);
	if (!json_is_array(bs) || json_array_size(bs) != WDL_ATT_BUCKETS)
		return bad(ld, member, "is not an array of 19 counts");
	uint64_t sum = 0;
	for (size_t i = 0; i < WDL_ATT_BUCKETS; i++) {
		const json_t *b = json_array_get(bs, i);
		if (!json_is_integer(b) || json_integer_value(b) < 0)
			return bad(ld, member, "has an entry that is not a count");
		h->n[i] = (uint64_t)json_integer_value(b);
		if ((rc = add(ld, &sum, h->n[i], member)) < 0)
			return rc;
	}
	if (sum != h->count) {
		snprintf(member, sizeof(member), "%scount", w);
		return bad(ld, member, "does not match the sum of its buckets");
	}
	static const unsigned pcts[] = { 50, 90, 99 };
	static const char *const keys[] = { "p50_ms", "p90_ms", "p99_ms" };
	for (size_t k = 0; k < 3; k++) {
		const json_t *v = json_object_get(o, keys[k]);
		uint64_t ms;
		bool has = wdl_att_percentile(h, pcts[k], &ms) && ms != UINT64_MAX;
		bool same = has ? json_is_integer(v) &&
					  (uint64_t)json_integer_value(v) == ms
				: json_is_null(v);
		if (!same) {
			snprintf(member, sizeof(member), "%s%s", w, keys[k]);
			return bad(ld, member, "does not match the buckets");
		}
	}
	return WDILOG_OK;
}

/* ---- rows ---- */

static const char *const reason_keys[] = { NULL, "wdi", "wlan", "dot11" };

/* A reason: null, "other" (*other set), or {"wdi"|"wlan"|"dot11": N}
 * with an optional name (derived, not kept). */
static int load_reason(struct ald *ld, const json_t *v, const char *member,
		       wdilog_reason *r, bool *other)
{
	*other = false;
	r->kind = WDILOG_REASON_NONE;
	r->code = 0;
	if (json_is_null(v))
		return WDILOG_OK;
	if (json_is_string(v) && strcmp(json_string_value(v), "other") == 0) {
		*other = true;
		return WDILOG_OK;
	}
	if (!json_is_object(v))
		return bad(ld, member, "is not a reason object, \"other\" or null");
	size_t found = 0;
	for (int k = WDILOG_REASON_WDI; k <= WDILOG_REASON_DOT11; k++) {
		const json_t *c = json_object_get(v, reason_keys[k]);
		if (!c)
			continue;
		if (!json_is_integer(c) || json_integer_value(c) < 0 ||
		    json_integer_value(c) > (json_int_t)UINT32_MAX)
			return bad(ld, member, "has a code that is not a 32-bit number");
		r->kind = (wdilog_reason_kind)k;
		r->code = (uint32_t)json_integer_value(c);
		found++;
	}
	const json_t *name = json_object_get(v, "name");
	if (found != 1 || json_object_size(v) != found + (name != NULL) ||
	    (name && !json_is_string(name)))
		return bad(ld, member, "is not one of wdi, wlan or dot11 with a code");
	return WDILOG_OK;
}

/* Reason rows: at most WDL_ATT_REASONS, each once, then the "other" row
 * (if any) last. *sum gets the total count. */
static int load_reasons(struct ald *ld, const json_t *obj, const char *key,
			const char *where, struct wdl_att_reason_row *rows,
			size_t *n, uint64_t *other, uint64_t *sum)
{
	char member[128];
	const json_t *arr = json_object_get(obj, key);
	snprintf(member, sizeof(member), "%s%s", where, key);
	if (!json_is_array(arr) || json_array_size(arr) > WDL_ATT_REASONS + 1)
		return bad(ld, member, "is not an array of at most 65 rows");
	*sum = 0;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *o = json_array_get(arr, i);
		char w[128];
		snprintf(w, sizeof(w), "%s%s[%zu].", where, key, i);
		if (!json_is_object(o))
			return bad(ld, w, "is not an object");
		uint64_t c = 0;
		wdilog_reason r;
		bool is_other;
		int rc;
		char rm[140];
		snprintf(rm, sizeof(rm), "%sreason", w);
		if ((rc = count(ld, o, "count", w, &c)) < 0 ||
		    (rc = load_reason(ld, json_object_get(o, "reason"), rm, &r,
				      &is_other)) < 0 ||
		    (rc = add(ld, sum, c, member)) < 0)
			return rc;
		if (*other)
			return bad(ld, member, "has a row after its \"other\" row");
		if (is_other) {
			*other = c;
			if (!c)
				return bad(ld, rm, "is an empty \"other\" row");
			continue;
		}
		if (*n == WDL_ATT_REASONS)
			return bad(ld, member, "has more than 64 rows");
		for (size_t k = 0; k < *n; k++)
			if (rows[k].reason.kind == r.kind && rows[k].reason.code == r.code)
				return bad(ld, rm, "names a reason twice");
		rows[*n].reason = r;
		rows[(*n)++].count = c;
	}
	return WDILOG_OK;
}

/* A row's name: a string of at most @p cap - 1 bytes with no NUL, or
 * (when @p nullable) null for the empty name. */
static int row_name(struct ald *ld, const json_t *v, bool nullable,
		    const char *member, char *dst, size_t cap)
{
	if (nullable && json_is_null(v)) {
		dst[0] = '\0';
		return WDILOG_OK;
	}
	if (!json_is_string(v))
		return bad(ld, member, nullable ? "is not a string or null"
						: "is not a string");
	size_t len = json_string_length(v);
	if (len >= cap || strlen(json_string_value(v)) != len ||
	    (!nullable && !len))
		return bad(ld, member, "is not a name wdilog writes");
	memcpy(dst, json_string_value(v), len + 1);
	return WDILOG_OK;
}

static int load_ssids(struct ald *ld, const json_t *a, struct wdl_att_figs *f,
		      uint64_t total)
{
	const json_t *arr = json_object_get(a, "ssids");
	if (!json_is_array(arr) || json_array_size(arr) > WDL_ATT_SSIDS + 1)
		return bad(ld, "attempts.ssids", "is not an array of at most 65 rows");
	uint64_t sum = 0, by[WDILOG_ATTEMPT_RESULT_COUNT] = { 0 };
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *o = json_array_get(arr, i);
		char w[64], m[80];
		snprintf(w, sizeof(w), "attempts.ssids[%zu].", i);
		if (!json_is_object(o))
			return bad(ld, w, "is not an object");
		snprintf(m, sizeof(m), "%sssid", w);
		char name[65];
		int rc = row_name(ld, json_object_get(o, "ssid"), true, m, name,
				  sizeof(name));
		if (rc < 0)
			return rc;
		/* past the cap, the writer's "(other)" row */
		struct wdl_att_ssid_row *r;
		if (i == WDL_ATT_SSIDS) {
			if (strcmp(name, "(other)") != 0)
				return bad(ld, "attempts.ssids", "has more than 64 rows");
			r = &f->ssids[WDL_ATT_SSIDS];
		} else {
			for (size_t k = 0; k < f->nssids; k++)
				if (strcmp(f->ssids[k].ssid, name) == 0)
					return bad(ld, m, "names an SSID twice");
			r = &f->ssids[f->nssids++];
			memcpy(r->ssid, name, sizeof(name));
		}
		uint64_t rsum = 0;
		if ((rc = count(ld, o, "attempts", w, &r->attempts)) < 0 ||
		    (rc = add(ld, &sum, r->attempts, "attempts.ssids")) < 0)
			return rc;
		for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++)
			if ((rc = count(ld, o, wdilog_attempt_result_name(k), w,
					&r->by_result[k])) < 0 ||
			    (rc = add(ld, &rsum, r->by_result[k], w)) < 0 ||
			    (rc = add(ld, &by[k], r->by_result[k], "attempts.ssids")) < 0)
				return rc;
		if (rsum != r->attempts) {
			snprintf(m, sizeof(m), "%sattempts", w);
			return bad(ld, m, "does not match the sum of its results");
		}
	}
	if (sum != total)
		return bad(ld, "attempts.ssids", "do not add up to the attempts by result");
	for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++)
		if (by[k] != f->by_result[k])
			return bad(ld, "attempts.ssids",
				   "do not add up to the attempts by result");
	return WDILOG_OK;
}

static int load_peers(struct ald *ld, const json_t *a, struct wdl_att_figs *f,
		      uint64_t total)
{
	const json_t *arr = json_object_get(a, "peers");
	if (!json_is_array(arr) || json_array_size(arr) > WDL_ATT_PEERS + 1)
		return bad(ld, "attempts.peers", "is not an array of at most 257 rows");
	if (!json_array_size(arr))
		return WDILOG_OK;
	f->peers = wdl_calloc(WDL_ATT_PEERS + 1, sizeof(*f->peers));
	if (!f->peers)
		return wdl_fail_oom(ld->err);
	uint64_t wins = 0, records = 0;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *o = json_array_get(arr, i);
		char w[64], m[80];
		snprintf(w, sizeof(w), "attempts.peers[%zu].", i);
		if (!json_is_object(o))
			return bad(ld, w, "is not an object");
		snprintf(m, sizeof(m), "%speer", w);
		char name[18];
		int rc = row_name(ld, json_object_get(o, "peer"), false, m, name,
				  sizeof(name));
		if (rc < 0)
			return rc;
		struct wdl_att_peer_row *r;
		if (i == WDL_ATT_PEERS) {
			if (strcmp(name, "(other)") != 0)
				return bad(ld, "attempts.peers", "has more than 256 rows");
			r = &f->peers[WDL_ATT_PEERS];
		} else {
			for (size_t k = 0; k < f->npeers; k++)
				if (strcmp(f->peers[k].peer, name) == 0)
					return bad(ld, m, "names a peer twice");
			r = &f->peers[f->npeers++];
			memcpy(r->peer, name, sizeof(name));
		}
		if ((rc = count(ld, o, "attempts", w, &r->attempts)) < 0 ||
		    (rc = count(ld, o, "records", w, &r->records)) < 0 ||
		    (rc = count(ld, o, "failed", w, &r->failed)) < 0 ||
		    (rc = count(ld, o, "successes", w, &r->wins)) < 0 ||
		    (rc = add(ld, &records, r->records, "attempts.peers")) < 0 ||
		    (rc = add(ld, &wins, r->wins, "attempts.peers")) < 0)
			return rc;
		/* a try is a record; a win is one attempt of those */
		if (r->attempts > total || r->failed > r->records ||
		    r->wins > r->attempts || r->attempts > r->records)
			return bad(ld, w, "has counts no run gives (attempts, "
					  "records, failed, successes)");
	}
	if (wins > f->by_result[WDILOG_ATTEMPT_SUCCESS])
		return bad(ld, "attempts.peers", "have more successes than the attempts");
	return WDILOG_OK;
}

static int load_sessions(struct ald *ld, const json_t *a, struct wdl_att_figs *f)
{
	int rc;
	const json_t *s = object(ld, a, "sessions", "attempts.sessions", &rc);
	if (!s)
		return rc;
	const char *w = "attempts.sessions.";
	const json_t *eb = object(ld, s, "ended_by", "attempts.sessions.ended_by", &rc);
	if (!eb)
		return rc;
	static const char *const how[] = { "disconnect", "new_attempt", "open" };
	uint64_t sum = 0, reasons = 0;
	for (int k = 0; k < 3; k++)
		if ((rc = count(ld, eb, how[k], "attempts.sessions.ended_by.",
				&f->session_by_end[k])) < 0 ||
		    (rc = add(ld, &sum, f->session_by_end[k],
			      "attempts.sessions.ended_by")) < 0)
			return rc;
	if ((rc = count(ld, s, "count", w, &f->sessions)) < 0 ||
	    (rc = load_hist(ld, s, "duration", w, &f->session_time)) < 0 ||
	    (rc = count(ld, s, "roams", w, &f->roams)) < 0 ||
	    (rc = count(ld, s, "roam_successes", w, &f->roam_successes)) < 0 ||
	    (rc = count(ld, s, "roam_failures", w, &f->roam_failures)) < 0 ||
	    (rc = load_reasons(ld, s, "disconnects_by_reason", w, f->disconnects,
			       &f->ndisconnects, &f->disconnects_other,
			       &reasons)) < 0)
		return rc;
	if (sum != f->sessions)
		return bad(ld, "attempts.sessions.count",
			   "does not match the sum of 'ended_by'");
	/* each session opens with a successful attempt */
	if (f->sessions > f->by_result[WDILOG_ATTEMPT_SUCCESS])
		return bad(ld, "attempts.sessions.count",
			   "is more than the successful attempts");
	if (f->session_time.count > f->sessions)
		return bad(ld, "attempts.sessions.duration.count",
			   "is more than the sessions");
	if (f->roam_successes > f->roams ||
	    f->roam_failures > f->roams - f->roam_successes)
		return bad(ld, "attempts.sessions.roams",
			   "is less than the roams that succeeded and failed");
	if (reasons != f->session_by_end[WDILOG_SESSION_DISCONNECT])
		return bad(ld, "attempts.sessions.disconnects_by_reason",
			   "does not add up to the sessions ended by a disconnect");
	return WDILOG_OK;
}

/* ---- the member ---- */

static int load_rates(struct ald *ld, const json_t *a, struct wdl_att_figs *f,
		      uint64_t total)
{
	int rc;
	const json_t *r = object(ld, a, "success_rate", "attempts.success_rate", &rc);
	if (!r)
		return rc;
	const char *w = "attempts.success_rate.";
	if ((rc = count(ld, r, "chains", w, &f->chains)) < 0 ||
	    (rc = count(ld, r, "retries", w, &f->retries)) < 0 ||
	    (rc = count(ld, r, "first_try_chains", w, &f->chains_first_try)) < 0 ||
	    (rc = count(ld, r, "eventual_chains", w, &f->chains_eventual)) < 0)
		return rc;
	uint64_t ok = f->by_result[WDILOG_ATTEMPT_SUCCESS];
	uint64_t den = ok + f->by_result[WDILOG_ATTEMPT_FAILURE] +
		       f->by_result[WDILOG_ATTEMPT_DROPPED] +
		       f->by_result[WDILOG_ATTEMPT_TIMEOUT];
	/* a chain starts with an attempt; a retry is one that joined one */
	if (f->chains + f->retries > total)
		return bad(ld, "attempts.success_rate.chains",
			   "and 'retries' are more than the attempts");
	if (f->chains_first_try > f->chains_eventual ||
	    f->chains_eventual > f->chains || f->chains_eventual > ok)
		return bad(ld, "attempts.success_rate.eventual_chains",
			   "is not between 'first_try_chains' and 'chains'");
	if ((rc = check_rate(ld, json_object_get(r, "attempts"), ok, den,
			     "attempts.success_rate.attempts")) < 0 ||
	    (rc = check_rate(ld, json_object_get(r, "first_try"),
			     f->chains_first_try, f->chains,
			     "attempts.success_rate.first_try")) < 0)
		return rc;
	return check_rate(ld, json_object_get(r, "eventual"), f->chains_eventual,
			  f->chains, "attempts.success_rate.eventual");
}

static int load_member(struct ald *ld, const json_t *a, struct wdl_att_figs *f)
{
	int rc;
	const char *w = "attempts.";
	const json_t *p = object(ld, a, "parameters", "attempts.parameters", &rc);
	if (!p)
		return rc;
	uint64_t idle = 0, retry = 0;
	if ((rc = count(ld, p, "idle_ms", "attempts.parameters.", &idle)) < 0 ||
	    (rc = count(ld, p, "retry_window_ms", "attempts.parameters.", &retry)) < 0)
		return rc;
	if (!idle || idle > UINT32_MAX || !retry || retry > UINT32_MAX)
		return bad(ld, "attempts.parameters", "has a time out of range");
	f->idle_ms = (uint32_t)idle;
	f->retry_ms = (uint32_t)retry;
	const json_t *exact = json_object_get(a, "exact");
	if (exact && !json_is_boolean(exact))
		return bad(ld, "attempts.exact", "is not true or false");
	f->per_part = json_is_false(exact);
	const json_t *br = object(ld, a, "by_result", "attempts.by_result", &rc);
	if (!br)
		return rc;
	uint64_t total = 0;
	for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++)
		if ((rc = count(ld, br, wdilog_attempt_result_name(k),
				"attempts.by_result.", &f->by_result[k])) < 0 ||
		    (rc = add(ld, &total, f->by_result[k], "attempts.by_result")) < 0)
			return rc;
	if ((rc = count(ld, a, "wlan_events", w, &f->wlan_events)) < 0 ||
	    (rc = count(ld, a, "inferred_starts", w, &f->inferred_starts)) < 0 ||
	    (rc = count(ld, a, "interfaces_past_limit", w, &f->ifaces_other)) < 0 ||
	    (rc = load_rates(ld, a, f, total)) < 0 ||
	    (rc = load_hist(ld, a, "time_to_connect", w, &f->ttc)) < 0 ||
	    (rc = load_hist(ld, a, "time_to_connect_lower_bound", w,
			    &f->ttc_lower)) < 0)
		return rc;
	if (f->inferred_starts > total)
		return bad(ld, "attempts.inferred_starts", "is more than the attempts");
	/* one time to connect per chain that succeeded */
	if (f->ttc.count + f->ttc_lower.count > f->by_result[WDILOG_ATTEMPT_SUCCESS])
		return bad(ld, "attempts.time_to_connect",
			   "counts more than the successful attempts");
	const json_t *fp = object(ld, a, "by_failing_phase",
				  "attempts.by_failing_phase", &rc);
	if (!fp)
		return rc;
	uint64_t failed = 0, reasons = 0;
	for (int k = 0; k < WDILOG_AP_COUNT; k++)
		if ((rc = count(ld, fp, wdilog_attempt_phase_name(k),
				"attempts.by_failing_phase.",
				&f->by_failing_phase[k])) < 0 ||
		    (rc = add(ld, &failed, f->by_failing_phase[k],
			      "attempts.by_failing_phase")) < 0)
			return rc;
	if (failed != f->by_result[WDILOG_ATTEMPT_FAILURE])
		return bad(ld, "attempts.by_failing_phase",
			   "does not add up to the failed attempts");
	if ((rc = load_reasons(ld, a, "by_reason", w, f->reasons, &f->nreasons,
			       &f->reasons_other, &reasons)) < 0)
		return rc;
	/* only failures have a reason row, and not every one has a reason */
	if (reasons > f->by_result[WDILOG_ATTEMPT_FAILURE])
		return bad(ld, "attempts.by_reason",
			   "counts more than the failed attempts");
	if ((rc = load_ssids(ld, a, f, total)) < 0 ||
	    (rc = load_peers(ld, a, f, total)) < 0 ||
	    (rc = load_sessions(ld, a, f)) < 0)
		return rc;
	/* reports show it again, as the run that wrote it did */
	f->show = true;
	return WDILOG_OK;
}

int wdl_attempts_load(const json_t *root, struct wdl_att_figs *f,
		      const char *name, wdilog_error *err)
{
	struct ald ld = { .name = name, .err = err };
	const json_t *a = json_object_get(root, "attempts");
	if (!a)
		return WDILOG_OK;
	if (!json_is_object(a))
		return bad(&ld, "attempts", "is not an object");
	return load_member(&ld, a, f);
}

/* ---- merge ---- */

static bool sum_fits(uint64_t a, uint64_t b)
{
	return b <= (uint64_t)INT64_MAX - a;
}

static uint64_t peer_records(const struct wdl_att_figs *f)
{
	uint64_t n = 0;
	for (size_t k = 0; f->peers && k <= WDL_ATT_PEERS; k++)
		n += f->peers[k].records;
	return n;
}

int wdl_attempts_mergeable(const struct wdl_att_figs *d,
			   const struct wdl_att_figs *s, wdilog_error *err)
{
	if (wdl_attempts_any(d) && wdl_attempts_any(s) &&
	    (d->idle_ms != s->idle_ms || d->retry_ms != s->retry_ms))
		return wdl_fail(err, WDILOG_EFORMAT,
				"cannot merge: attempts were grouped with another "
				"idle time or retry window (%" PRIu32 " ms and %" PRIu32
				" ms, against %" PRIu32 " ms and %" PRIu32 " ms)",
				s->idle_ms, s->retry_ms, d->idle_ms, d->retry_ms);
	/* every other attempt count is bounded by one of these (the loader
	 * checks it) */
	uint64_t dt = 0, st = 0;
	for (int r = 0; r < WDILOG_ATTEMPT_RESULT_COUNT; r++) {
		dt += d->by_result[r];
		st += s->by_result[r];
	}
	const char *member = !sum_fits(dt, st) ? "attempts.by_result"
			     : !sum_fits(d->wlan_events, s->wlan_events)
				     ? "attempts.wlan_events"
			     : !sum_fits(d->roams, s->roams) ? "attempts.sessions.roams"
			     : !sum_fits(d->ifaces_other, s->ifaces_other)
				     ? "attempts.interfaces_past_limit"
			     : !sum_fits(peer_records(d), peer_records(s))
				     ? "attempts.peers"
				     : NULL;
	if (member)
		return wdl_fail(err, WDILOG_EFORMAT,
				"cannot merge: the sum of '%s' passes 2^63-1", member);
	return WDILOG_OK;
}
