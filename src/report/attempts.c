/* Aggregate stage, attempts: the rule of attempts.md, clause by clause
 * (the comments name the clause), and its figures. doc/attempts.md says
 * what wdilog chose where attempts.md is silent. */
#include "report/attempts.h"
#include "report/attempts_list.h"

#include <string.h>

#include "parse/timestamp.h"
#include "status/wlan_reason.h"
#include "util/alloc.h"

/* ---- durations ---- */

static const uint64_t bounds[WDL_ATT_BUCKETS - 1] = {
	1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000,
	50000, 100000, 200000, 600000
};

uint64_t wdl_att_bucket_bound(size_t i)
{
	return i < WDL_ATT_BUCKETS - 1 ? bounds[i] : UINT64_MAX;
}

static void hist_add(struct wdl_att_hist *h, int64_t ms)
{
	size_t i = 0;
	/* out-of-order times give a negative span: the first bucket */
	while (i < WDL_ATT_BUCKETS - 1 && ms >= (int64_t)bounds[i])
		i++;
	h->n[i]++;
	h->count++;
}

bool wdl_att_percentile(const struct wdl_att_hist *h, unsigned pct,
			uint64_t *ms)
{
	if (!h->count)
		return false;
	/* the smallest rank r with r >= pct% of count, without the product
	 * count * pct (a loaded report's count may be near 2^63) */
	uint64_t want = h->count / 100 * pct + (h->count % 100 * pct + 99) / 100;
	if (want == 0)
		want = 1;
	uint64_t sum = 0;
	for (size_t i = 0; i < WDL_ATT_BUCKETS; i++) {
		sum += h->n[i];
		if (sum >= want) {
			*ms = wdl_att_bucket_bound(i);
			return true;
		}
	}
	*ms = UINT64_MAX;
	return true;
}

/* @p a - @p b in ms (times compare as wdl_time_cmp does). */
static int64_t diff_ms(const wdilog_time *a, const wdilog_time *b)
{
	return (wdl_time_key(a) - wdl_time_key(b)) * 1000 +
	       ((int64_t)a->nanos - (int64_t)b->nanos) / 1000000;
}

/* ---- state ---- */

struct att_try {
	wdilog_try pub;
	uint64_t failed;
};

struct att {
	wdilog_time start, last;    /* last: the latest record time */
	uint64_t first_line;        /* the record that opened it */
	uint64_t last_line;
	bool inferred;
	wdilog_attempt_phase furthest;
	int fail_rank;              /* 1 failed try, 2 11002, 3 11006, 4 12013 */
	wdilog_attempt_phase fail_phase;
	bool has_last_fail_wdi;
	uint32_t last_fail_wdi;
	wdilog_reason sig_reason;   /* from 11002/11006/12013 */
	wdilog_reason end_reason;   /* from the record that ended it */
	char ssid[65];
	bool has_conn;
	uint32_t conn;
	char win[18];               /* the winning try's BSSID */
	struct att_try tries[WDILOG_ATTEMPT_TRIES];
	size_t ntries;
	uint64_t tries_other;
};

struct sess {
	wdilog_time start;
	char ssid[65];
	char bssid[18];
	bool roam_pending;
	uint64_t roams, roam_successes, roam_failures;
};

struct wdl_att_iface {
	char guid[37];              /* empty: the input's default */
	bool seen_wlan;
	wdilog_time last;           /* latest record time on it */
	uint64_t last_line;
	bool open;
	struct att at;
	bool sess_open;
	struct sess s;
	/* the retry chain of the last attempt (rule 5) */
	uint64_t nchains;
	bool joinable;              /* its last member failed or timed out */
	wdilog_time chain_end;      /* ... at this time */
	char chain_ssid[65];
	wdilog_time chain_start;
	bool chain_inferred;
	bool chain_counted, chain_success;
};

void wdl_attempts_init(struct wdl_attempts *a, const wdilog_options *opts)
{
	memset(a, 0, sizeof(*a));
	a->figs.idle_ms = opts && opts->attempt_idle_ms ? opts->attempt_idle_ms
							: WDILOG_ATTEMPT_IDLE_MS;
	a->figs.retry_ms = opts && opts->retry_window_ms ? opts->retry_window_ms
							 : WDILOG_RETRY_WINDOW_MS;
	a->figs.show = opts && opts->attempts_in_report;
}

void wdl_attempts_reuse(struct wdl_attempts *a, struct wdl_attempts *old)
{
	a->ifaces = old->ifaces;
	a->figs.peers = old->figs.peers;
	old->ifaces = NULL;
	old->figs.peers = NULL;
	/* rows below the counts are cleared as they are taken; the shared
	 * rows past the caps are not */
	if (a->ifaces)
		memset(&a->ifaces[WDL_ATT_IFACES], 0, sizeof(a->ifaces[0]));
	if (a->figs.peers)
		memset(&a->figs.peers[WDL_ATT_PEERS], 0, sizeof(a->figs.peers[0]));
}

void wdl_attempts_dispose(struct wdl_attempts *a)
{
	wdl_free(a->sync.ifaces);
	a->sync.ifaces = NULL;
	wdl_free(a->ifaces);
	wdl_free(a->figs.peers);
	a->ifaces = NULL;
	a->figs.peers = NULL;
}

static void copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strlen(src) : 0;
	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

/* ---- figures ---- */

static void add_reason(struct wdl_att_reason_row *rows, size_t *n,
		       uint64_t *other, wdilog_reason r, uint64_t count)
{
	for (size_t i = 0; i < *n; i++)
		if (rows[i].reason.kind == r.kind && rows[i].reason.code == r.code) {
			rows[i].count += count;
			return;
		}
	if (*n == WDL_ATT_REASONS) {
		*other += count;
		return;
	}
	rows[*n].reason = r;
	rows[(*n)++].count = count;
}

static struct wdl_att_ssid_row *ssid_row(struct wdl_att_figs *f,
					 const char *ssid)
{
	for (size_t i = 0; i < f->nssids; i++)
		if (strcmp(f->ssids[i].ssid, ssid) == 0)
			return &f->ssids[i];
	struct wdl_att_ssid_row *other = &f->ssids[WDL_ATT_SSIDS];
	if (f->nssids == WDL_ATT_SSIDS)
		return other;
	struct wdl_att_ssid_row *r = &f->ssids[f->nssids++];
	memset(r, 0, sizeof(*r));
	copy_str(r->ssid, sizeof(r->ssid), ssid);
	return r;
}

static bool ensure_peers(struct wdl_att_figs *f)
{
	if (!f->peers)
		f->peers = wdl_calloc(WDL_ATT_PEERS + 1, sizeof(*f->peers));
	return f->peers != NULL;
}

static struct wdl_att_peer_row *peer_row(struct wdl_att_figs *f,
					 const char *peer)
{
	/* every attempt end looks its tries up among up to 256 rows, and
	 * BSSIDs of one vendor share their first bytes: the last byte
	 * first (the benchmark spent 5% of its CPU in this strcmp) */
	size_t n = strlen(peer);
	size_t last = n && n < sizeof(f->peers[0].peer) ? n - 1 : 0;
	for (size_t i = 0; i < f->npeers; i++)
		if (f->peers[i].peer[last] == peer[last] &&
		    strcmp(f->peers[i].peer, peer) == 0)
			return &f->peers[i];
	if (f->npeers == WDL_ATT_PEERS)
		return &f->peers[WDL_ATT_PEERS];
	struct wdl_att_peer_row *r = &f->peers[f->npeers++];
	memset(r, 0, sizeof(*r));
	copy_str(r->peer, sizeof(r->peer), peer);
	return r;
}

bool wdl_att_success_rate(const struct wdl_att_figs *f, double *rate)
{
	uint64_t ok = f->by_result[WDILOG_ATTEMPT_SUCCESS];
	uint64_t d = ok + f->by_result[WDILOG_ATTEMPT_FAILURE] +
		     f->by_result[WDILOG_ATTEMPT_DROPPED] +
		     f->by_result[WDILOG_ATTEMPT_TIMEOUT];
	if (!d)
		return false;
	*rate = (double)ok / (double)d;
	return true;
}

static bool in_rate(wdilog_attempt_result r)
{
	return r == WDILOG_ATTEMPT_SUCCESS || r == WDILOG_ATTEMPT_FAILURE ||
	       r == WDILOG_ATTEMPT_DROPPED || r == WDILOG_ATTEMPT_TIMEOUT;
}

bool wdl_attempts_any(const struct wdl_att_figs *f)
{
	uint64_t n = f->wlan_events + f->sessions;
	for (int r = 0; r < WDILOG_ATTEMPT_RESULT_COUNT; r++)
		n += f->by_result[r];
	return n != 0;
}

bool wdl_attempts_shown(const struct wdl_att_figs *f)
{
	return f->show && wdl_attempts_any(f);
}

/* ---- interfaces (rule: state per interface) ---- */

static struct wdl_att_iface *iface_new(struct wdl_attempts *a, const char *guid)
{
	struct wdl_att_iface *i = &a->ifaces[a->nifaces++];
	memset(i, 0, sizeof(*i));
	copy_str(i->guid, sizeof(i->guid), guid);
	return i;
}

/* The interface of a record: its GUID's, else the input's most recent;
 * the first GUID names the default interface. NULL when out of memory. */
static struct wdl_att_iface *iface_of(struct wdl_attempts *a, const char *guid)
{
	if (!a->ifaces) {
		a->ifaces = wdl_calloc(WDL_ATT_IFACES + 1, sizeof(*a->ifaces));
		if (!a->ifaces)
			return NULL;
	}
	if (!a->nifaces)
		iface_new(a, "");
	if (!guid)
		return &a->ifaces[a->cur];
	for (size_t k = 0; k < a->nifaces; k++)
		if (strcmp(a->ifaces[k].guid, guid) == 0) {
			a->cur = k;
			return &a->ifaces[k];
		}
	if (a->nifaces == 1 && !a->ifaces[0].guid[0]) {
		copy_str(a->ifaces[0].guid, sizeof(a->ifaces[0].guid), guid);
		a->cur = 0;
		return &a->ifaces[0];
	}
	if (a->nifaces == WDL_ATT_IFACES) {
		a->figs.ifaces_other++;
		/* the shared slot past the cap */
		struct wdl_att_iface *o = &a->ifaces[WDL_ATT_IFACES];
		if (!o->guid[0])
			copy_str(o->guid, sizeof(o->guid), "(other)");
		a->cur = WDL_ATT_IFACES;
		return o;
	}
	a->cur = a->nifaces;
	return iface_new(a, guid);
}

/* ---- ends ---- */

static void emit(struct wdl_attempts *a, const wdilog_attempt *at,
		 const wdilog_session *s)
{
	if (a->list)
		(void)wdl_att_list_add(a->list, at, s); /* a miss is counted */
	if (a->fn && !a->failed) {
		int rc = a->fn(at, s, a->payload);
		if (rc < 0)
			a->failed = rc;
	}
}

/* Rule 6: a session ends. */
static void end_session(struct wdl_attempts *a, struct wdl_att_iface *i,
			wdilog_session_end how, const wdilog_time *t,
			uint64_t line, wdilog_reason reason)
{
	struct sess *s = &i->s;
	struct wdl_att_figs *f = &a->figs;
	if (s->roam_pending && how == WDILOG_SESSION_DISCONNECT) {
		s->roam_failures++;
		f->roam_failures++;
	}
	wdilog_session out = {
		.input = a->input_name,
		.interface = i->guid[0] ? i->guid : NULL,
		.start = s->start,
		.end = t && t->valid ? *t : s->start,
		.ssid = s->ssid[0] ? s->ssid : NULL,
		.bssid = s->bssid[0] ? s->bssid : NULL,
		.how = how,
		.reason = reason,
		.roams = s->roams,
		.roam_successes = s->roam_successes,
		.roam_failures = s->roam_failures,
		.line = line,
	};
	f->sessions++;
	f->session_by_end[how]++;
	if (out.start.valid && out.end.valid)
		hist_add(&f->session_time, diff_ms(&out.end, &out.start));
	if (how == WDILOG_SESSION_DISCONNECT)
		add_reason(f->disconnects, &f->ndisconnects,
			   &f->disconnects_other, reason, 1);
	i->sess_open = false;
	emit(a, NULL, &out);
}

/* Rule 5: the chain an ending attempt belongs to, and its figures. */
static uint64_t chain_of(struct wdl_att_figs *f, struct wdl_att_iface *i,
			 const struct att *at, wdilog_attempt_result r,
			 const wdilog_time *end)
{
	bool join = i->joinable && strcmp(i->chain_ssid, at->ssid) == 0 &&
		    at->start.valid && i->chain_end.valid &&
		    diff_ms(&at->start, &i->chain_end) <= (int64_t)f->retry_ms;
	if (join) {
		f->retries++;
	} else {
		i->nchains++;
		i->chain_start = at->start;
		i->chain_inferred = at->inferred;
		i->chain_counted = in_rate(r);
		i->chain_success = false;
		copy_str(i->chain_ssid, sizeof(i->chain_ssid), at->ssid);
		if (i->chain_counted) {
			f->chains++;
			if (r == WDILOG_ATTEMPT_SUCCESS)
				f->chains_first_try++;
		}
	}
	if (r == WDILOG_ATTEMPT_SUCCESS && !i->chain_success) {
		i->chain_success = true;
		if (i->chain_counted)
			f->chains_eventual++;
		/* time to connect runs from the chain's first start */
		if (i->chain_start.valid && end->valid)
			hist_add(i->chain_inferred ? &f->ttc_lower : &f->ttc,
				 diff_ms(end, &i->chain_start));
	}
	i->joinable = r == WDILOG_ATTEMPT_FAILURE || r == WDILOG_ATTEMPT_TIMEOUT;
	if (i->joinable)
		i->chain_end = *end;
	return i->nchains;
}

/* Rule 4: an attempt ends with @p r at @p end (the record @p line). */
static bool end_attempt(struct wdl_attempts *a, struct wdl_att_iface *i,
			wdilog_attempt_result r, const wdilog_time *end,
			uint64_t line, const char *bssid)
{
	struct att *at = &i->at;
	struct wdl_att_figs *f = &a->figs;
	wdilog_attempt out = {
		.input = a->input_name,
		.interface = i->guid[0] ? i->guid : NULL,
		.start = at->start,
		.end = end && end->valid ? *end : at->last,
		.start_inferred = at->inferred,
		.result = r,
		.furthest_phase = at->furthest,
		.ssid = at->ssid[0] ? at->ssid : NULL,
		.has_connection_id = at->has_conn,
		.connection_id = at->conn,
		.ntries = at->ntries,
		.tries_other = at->tries_other,
		.line = line,
		.first_line = at->first_line,
	};
	if (!out.start.valid)
		out.start = out.end;
	if (r == WDILOG_ATTEMPT_SUCCESS) {
		if (bssid)
			copy_str(at->win, sizeof(at->win), bssid);
		out.furthest_phase = WDILOG_AP_CONNECTED;
	}
	out.bssid = at->win[0] ? at->win : NULL;
	for (size_t k = 0; k < at->ntries; k++)
		out.tries[k] = at->tries[k].pub;
	/* the reason: the ending record's, else the most specific failure's */
	out.reason = at->end_reason;
	if (r == WDILOG_ATTEMPT_FAILURE) {
		out.has_failing_phase = true;
		out.failing_phase = at->fail_rank ? at->fail_phase : at->furthest;
		if (out.reason.kind == WDILOG_REASON_NONE && at->has_last_fail_wdi)
			out.reason = (wdilog_reason){ WDILOG_REASON_WDI,
						      at->last_fail_wdi };
		if (out.reason.kind == WDILOG_REASON_NONE)
			out.reason = at->sig_reason;
		f->by_failing_phase[out.failing_phase]++;
		if (out.reason.kind != WDILOG_REASON_NONE)
			add_reason(f->reasons, &f->nreasons, &f->reasons_other,
				   out.reason, 1);
	} else if (r != WDILOG_ATTEMPT_ABORTED && r != WDILOG_ATTEMPT_DROPPED) {
		out.reason = (wdilog_reason){ WDILOG_REASON_NONE, 0 };
	}
	out.chain = chain_of(f, i, at, r, &out.end);
	f->by_result[r]++;
	if (at->inferred)
		f->inferred_starts++;
	struct wdl_att_ssid_row *sr = ssid_row(f, at->ssid);
	sr->attempts++;
	sr->by_result[r]++;
	if (at->ntries && !ensure_peers(f))
		return false;
	for (size_t k = 0; k < at->ntries; k++) {
		struct wdl_att_peer_row *pr = peer_row(f, at->tries[k].pub.peer);
		pr->attempts++;
		pr->records += at->tries[k].pub.count;
		pr->failed += at->tries[k].failed;
		if (r == WDILOG_ATTEMPT_SUCCESS &&
		    strcmp(at->tries[k].pub.peer, at->win) == 0)
			pr->wins++;
	}
	i->open = false;
	emit(a, &out, NULL);
	/* rule 6: a success opens a session */
	if (r == WDILOG_ATTEMPT_SUCCESS) {
		i->sess_open = true;
		memset(&i->s, 0, sizeof(i->s));
		i->s.start = out.end;
		copy_str(i->s.ssid, sizeof(i->s.ssid), at->ssid);
		copy_str(i->s.bssid, sizeof(i->s.bssid), at->win);
	}
	return true;
}

/* ---- records ---- */

struct rec {
	const wdilog_time *t;
	uint64_t line;
	const wdilog_wlan *w;       /* a WLAN signal, or NULL */
	uint32_t code;              /* WDI code when !w */
	const char *peer;
	bool has_dot11;
	uint16_t dot11;
};

static void touch(struct wdl_att_iface *i, const struct rec *r)
{
	if (r->t->valid && (!i->last.valid || wdl_time_cmp(r->t, &i->last) > 0))
		i->last = *r->t;
	i->last_line = r->line;
	if (!i->open)
		return;
	struct att *at = &i->at;
	if (r->t->valid && (!at->last.valid || wdl_time_cmp(r->t, &at->last) > 0))
		at->last = *r->t;
	if (!at->start.valid && r->t->valid)
		at->start = *r->t;
	at->last_line = r->line;
}

/* Rule 2: open an attempt (a session still open ends: rule 6). */
static void open_attempt(struct wdl_attempts *a, struct wdl_att_iface *i,
			 const struct rec *r, bool inferred)
{
	if (i->sess_open)
		end_session(a, i, WDILOG_SESSION_NEW_ATTEMPT, r->t, r->line,
			    (wdilog_reason){ WDILOG_REASON_NONE, 0 });
	struct att *at = &i->at;
	memset(at, 0, sizeof(*at));
	at->inferred = inferred;
	at->first_line = r->line;
	if (r->t->valid)
		at->start = at->last = *r->t;
	i->open = true;
}

static void raise_phase(struct att *at, wdilog_attempt_phase p)
{
	if (p > at->furthest)
		at->furthest = p;
}

/* Rule 3: a WDI record with a peer updates that BSSID's try. */
static void update_try(struct att *at, const struct rec *r, bool failed)
{
	if (!r->peer)
		return;
	struct att_try *t = NULL;
	for (size_t k = 0; k < at->ntries; k++)
		if (strcmp(at->tries[k].pub.peer, r->peer) == 0)
			t = &at->tries[k];
	if (!t) {
		if (at->ntries == WDILOG_ATTEMPT_TRIES) {
			at->tries_other++;
			return;
		}
		t = &at->tries[at->ntries++];
		memset(t, 0, sizeof(*t));
		copy_str(t->pub.peer, sizeof(t->pub.peer), r->peer);
	}
	t->pub.code = r->code;
	t->pub.has_dot11_status = r->has_dot11;
	t->pub.dot11_status = r->dot11;
	t->pub.count++;
	if (failed)
		t->failed++;
}

static void fail_signal(struct att *at, int rank, wdilog_attempt_phase p)
{
	if (rank >= at->fail_rank) {
		at->fail_rank = rank;
		at->fail_phase = p;
	}
	raise_phase(at, p);
}

/* The phase of a failed WDI try, or COUNT when @p code is none. */
static wdilog_attempt_phase try_phase(uint32_t code)
{
	if (code == 30 || code == 31)
		return WDILOG_AP_PROBE;
	if (code >= 40 && code <= 45)
		return WDILOG_AP_AUTH;
	if (code >= 50 && code <= 55)
		return WDILOG_AP_ASSOC;
	return WDILOG_AP_COUNT;
}

static bool is_disconnect(uint32_t code)
{
	return code == 7 || code == 13 || code == 14 ||
	       (code >= 60 && code <= 63);
}

static bool is_roam(uint32_t code)
{
	return code == 10 || code == 11 || code == 15;
}

static bool wlan_connect_phase(uint32_t id)
{
	return id == 8001 || id == 8002 || (id >= 11000 && id <= 11006) ||
	       id == 11010 || (id >= 12011 && id <= 12013);
}

static wdilog_reason wlan_reason(const wdilog_wlan *w)
{
	if (w->has_reason_code)
		return (wdilog_reason){ WDILOG_REASON_WLAN, w->reason_code };
	return (wdilog_reason){ WDILOG_REASON_NONE, 0 };
}

static bool apply_wlan(struct wdl_attempts *a, struct wdl_att_iface *i,
		       const struct rec *r)
{
	const wdilog_wlan *w = r->w;
	uint32_t id = w->event_id;
	if (id == 8000 || wlan_connect_phase(id)) {
		bool other_conn = i->open && w->has_connection_id &&
				  i->at.has_conn && w->connection_id != i->at.conn;
		/* rule 2: 8000 starts; another connection id supersedes */
		if (i->open && (id == 8000 || other_conn) &&
		    !end_attempt(a, i, WDILOG_ATTEMPT_SUPERSEDED, &i->at.last,
				 r->line, NULL))
			return false;
		if (!i->open)
			open_attempt(a, i, r, id != 8000);
		struct att *at = &i->at;
		if (!at->ssid[0] && (w->ssid || w->profile))
			copy_str(at->ssid, sizeof(at->ssid),
				 w->ssid ? w->ssid : w->profile);
		if (!at->has_conn && w->has_connection_id) {
			at->has_conn = true;
			at->conn = w->connection_id;
		}
		touch(i, r);
	}
	struct att *at = &i->at;
	switch (id) {
	case 11000: case 11001:
		raise_phase(at, WDILOG_AP_ASSOC);
		break;
	case 11002:
		fail_signal(at, 2, WDILOG_AP_ASSOC);
		if (w->has_dot11_status)
			at->sig_reason = (wdilog_reason){ WDILOG_REASON_DOT11,
							  w->dot11_status };
		break;
	case 11003: case 11004: case 11005: case 11010: case 12011: case 12012:
		raise_phase(at, WDILOG_AP_SECURITY);
		break;
	case 11006: case 12013:
		fail_signal(at, id == 12013 ? 4 : 3, WDILOG_AP_SECURITY);
		if (w->has_reason_code)
			at->sig_reason = wlan_reason(w);
		break;
	case 8001:
		return end_attempt(a, i, WDILOG_ATTEMPT_SUCCESS, r->t, r->line,
				   w->bssid);
	case 8002: {
		at->end_reason = wlan_reason(w);
		bool cancel = w->has_reason_code &&
			      wdl_wlan_reason_is_cancel(w->reason_code);
		return end_attempt(a, i, cancel ? WDILOG_ATTEMPT_ABORTED
						: WDILOG_ATTEMPT_FAILURE,
				   r->t, r->line, NULL);
	}
	case 8003: {
		/* a disconnect: drops an attempt, or ends the session */
		touch(i, r);
		if (i->open) {
			at->end_reason = wlan_reason(w);
			bool cancel = w->has_reason_code &&
				      wdl_wlan_reason_is_cancel(w->reason_code);
			return end_attempt(a, i, cancel ? WDILOG_ATTEMPT_ABORTED
							: WDILOG_ATTEMPT_DROPPED,
					   r->t, r->line, NULL);
		}
		if (i->sess_open)
			end_session(a, i, WDILOG_SESSION_DISCONNECT, r->t,
				    r->line, wlan_reason(w));
		break;
	}
	default:
		break;
	}
	return true;
}

static bool apply_wdi(struct wdl_attempts *a, struct wdl_att_iface *i,
		      const struct rec *r)
{
	uint32_t c = r->code;
	wdilog_attempt_phase tp = try_phase(c);
	bool connect = c == 0 || tp != WDILOG_AP_COUNT;
	struct sess *s = &i->s;
	if (connect && !i->open) {
		/* rule 6: inside a session, a roam's tries and its success */
		if (i->sess_open && s->roam_pending) {
			touch(i, r);
			if (c == 0 && r->peer && strcmp(r->peer, s->bssid) != 0) {
				s->roam_pending = false;
				s->roam_successes++;
				a->figs.roam_successes++;
				copy_str(s->bssid, sizeof(s->bssid), r->peer);
			}
			return true;
		}
		/* a success repeated inside a session is no new attempt */
		if (i->sess_open && c == 0 &&
		    (!r->peer || strcmp(r->peer, s->bssid) == 0)) {
			touch(i, r);
			return true;
		}
		open_attempt(a, i, r, true);
	}
	touch(i, r);
	struct att *at = &i->at;
	if (is_roam(c)) {
		if (i->sess_open && !i->open) {
			s->roam_pending = true;
			s->roams++;
			a->figs.roams++;
		}
		return true;
	}
	if (is_disconnect(c)) {
		wdilog_reason why = { WDILOG_REASON_WDI, c };
		if (i->open) {
			at->end_reason = why;
			return end_attempt(a, i, WDILOG_ATTEMPT_DROPPED, r->t,
					   r->line, NULL);
		}
		if (i->sess_open)
			end_session(a, i, WDILOG_SESSION_DISCONNECT, r->t,
				    r->line, why);
		return true;
	}
	if (!i->open)
		return true;
	if (c == 0) {
		update_try(at, r, false);
		raise_phase(at, WDILOG_AP_ASSOC);
		if (r->peer)
			copy_str(at->win, sizeof(at->win), r->peer);
		/* rule 4: without WLAN events a good try is the success */
		if (!i->seen_wlan)
			return end_attempt(a, i, WDILOG_ATTEMPT_SUCCESS, r->t,
					   r->line, NULL);
		return true;
	}
	if (tp != WDILOG_AP_COUNT) {
		update_try(at, r, true);
		fail_signal(at, 1, tp);
		at->has_last_fail_wdi = true;
		at->last_fail_wdi = c;
		return true;
	}
	if (c == 5) {
		at->end_reason = (wdilog_reason){ WDILOG_REASON_WDI, c };
		return end_attempt(a, i, WDILOG_ATTEMPT_ABORTED, r->t, r->line,
				   NULL);
	}
	if ((c >= 1 && c <= 4) || c == 6) {
		at->end_reason = (wdilog_reason){ WDILOG_REASON_WDI, c };
		return end_attempt(a, i, WDILOG_ATTEMPT_FAILURE, r->t, r->line,
				   NULL);
	}
	return true;
}

/* Rule 1: an attempt idle for longer than the idle time ends at its last
 * record's time, before the record at @p t is applied. */
static bool idle_end(struct wdl_attempts *a, struct wdl_att_iface *i,
		     const wdilog_time *t)
{
	struct att *at = &i->at;
	if (!i->open || !t->valid || !at->last.valid ||
	    diff_ms(t, &at->last) <= (int64_t)a->figs.idle_ms)
		return true;
	wdilog_time end = at->last;
	return end_attempt(a, i, at->fail_rank ? WDILOG_ATTEMPT_FAILURE
					       : WDILOG_ATTEMPT_TIMEOUT,
			   &end, at->last_line, NULL);
}

static bool apply(struct wdl_attempts *a, struct wdl_att_iface *i,
		  const struct rec *r)
{
	if (!idle_end(a, i, r->t))
		return false;
	return r->w ? apply_wlan(a, i, r) : apply_wdi(a, i, r);
}

/* ---- parts (doc/attempts.md, "-j and merge") ---- */

static size_t iface_count(const struct wdl_attempts *a)
{
	size_t n = a->nifaces;
	if (n == WDL_ATT_IFACES && a->ifaces[WDL_ATT_IFACES].guid[0])
		n++;
	return n;
}

/* A later part's state is the same whatever came before it once every
 * interface it knows is quiet (no attempt, no session, no chain to join)
 * after an attempt ended; the merge checks that it is. */
static bool settled(const struct wdl_attempts *a)
{
	uint64_t ended = 0;
	for (int r = 0; r < WDILOG_ATTEMPT_RESULT_COUNT; r++)
		ended += a->figs.by_result[r];
	if (!ended || !a->nifaces)
		return false;
	size_t n = iface_count(a);
	for (size_t k = 0; k < n; k++) {
		const struct wdl_att_iface *i = &a->ifaces[k];
		if (i->open || i->sess_open || i->joinable)
			return false;
	}
	return true;
}

void wdl_attempts_clear_figs(struct wdl_attempts *a)
{
	struct wdl_att_figs *f = &a->figs;
	struct wdl_att_figs keep = *f;
	memset(f, 0, sizeof(*f));
	f->idle_ms = keep.idle_ms;
	f->retry_ms = keep.retry_ms;
	f->show = keep.show;
	f->peers = keep.peers;
	if (f->peers)
		memset(f->peers, 0, (WDL_ATT_PEERS + 1) * sizeof(*f->peers));
	/* the listed attempts go with the figures they were counted in */
	if (a->list)
		wdl_att_list_forget(a->list);
}

/* The sync point: keep the state there; what the part counted before it
 * is counted again by the main machine at the merge. */
static bool take_sync(struct wdl_attempts *a)
{
	struct wdl_att_sync *s = &a->sync;
	size_t n = iface_count(a);
	s->ifaces = wdl_malloc((WDL_ATT_IFACES + 1) * sizeof(*s->ifaces));
	if (!s->ifaces)
		return false;
	memcpy(s->ifaces, a->ifaces, n * sizeof(*s->ifaces));
	if (n <= WDL_ATT_IFACES)
		memcpy(&s->ifaces[WDL_ATT_IFACES], &a->ifaces[WDL_ATT_IFACES],
		       sizeof(*s->ifaces));
	s->nifaces = a->nifaces;
	s->cur = a->cur;
	s->fed = a->fed;
	s->reached = true;
	wdl_attempts_clear_figs(a);
	return true;
}

static bool same_time(const wdilog_time *x, const wdilog_time *y)
{
	return x->valid == y->valid && (!x->valid || wdl_time_cmp(x, y) == 0);
}

bool wdl_attempts_in_sync(const struct wdl_attempts *m,
			  const struct wdl_attempts *part)
{
	const struct wdl_att_sync *s = &part->sync;
	if (!s->reached || !m->ifaces || m->nifaces != s->nifaces ||
	    m->cur != s->cur)
		return false;
	for (size_t k = 0; k <= WDL_ATT_IFACES; k++) {
		if (k >= s->nifaces && k < WDL_ATT_IFACES)
			continue;
		const struct wdl_att_iface *x = &m->ifaces[k], *y = &s->ifaces[k];
		/* the rest of an interface is read only while one of these
		 * is set, and is set anew when one is */
		if (strcmp(x->guid, y->guid) != 0 ||
		    x->seen_wlan != y->seen_wlan || x->open != y->open ||
		    x->sess_open != y->sess_open || x->joinable != y->joinable ||
		    !same_time(&x->last, &y->last))
			return false;
	}
	return true;
}

void wdl_attempts_adopt(struct wdl_attempts *dst, struct wdl_attempts *src,
			size_t input, const char *name)
{
	struct wdl_att_iface *mine = dst->ifaces;
	dst->ifaces = src->ifaces;
	src->ifaces = mine;
	dst->nifaces = src->nifaces;
	dst->cur = src->cur;
	dst->have_input = src->have_input;
	dst->input = input;
	dst->input_name = name;
	src->nifaces = 0;
	src->have_input = false;
}

void wdl_attempts_shift_lines(struct wdl_attempts *a, uint64_t base)
{
	size_t n = a->ifaces ? iface_count(a) : 0;
	for (size_t k = 0; base && a->ifaces && k <= WDL_ATT_IFACES; k++) {
		if (k >= n && (k < WDL_ATT_IFACES || n > WDL_ATT_IFACES))
			continue;
		struct wdl_att_iface *i = &a->ifaces[k];
		if (i->last_line)
			i->last_line += base;
		if (i->at.last_line)
			i->at.last_line += base;
		if (i->at.first_line)
			i->at.first_line += base;
	}
	if (a->list)
		wdl_att_list_shift_lines(a->list, base);
}

bool wdl_attempts_overflowed(const struct wdl_attempts *a)
{
	const struct wdl_att_figs *f = &a->figs;
	const struct wdl_att_peer_row *po = f->peers ? &f->peers[WDL_ATT_PEERS] : NULL;
	return f->reasons_other || f->disconnects_other ||
	       f->ssids[WDL_ATT_SSIDS].attempts ||
	       (po && (po->attempts || po->records));
}

bool wdl_attempts_wanted(const wdilog_options *opts)
{
	return opts && (opts->attempts_in_report || opts->attempt_signals);
}

static bool feed_event(struct wdl_attempts *a, size_t input,
		       const char *name, const wdilog_event *ev);

bool wdl_attempts_feed(struct wdl_attempts *a, size_t input,
		       const char *name, const wdilog_event *ev)
{
	if (!ev->wlan && ev->kind != WDILOG_EVENT_WITH_STATUS)
		return true;
	if (!feed_event(a, input, name, ev))
		return false;
	a->fed++;
	if (a->later_part && !a->sync.reached && settled(a))
		return take_sync(a);
	return true;
}

static bool feed_event(struct wdl_attempts *a, size_t input,
		       const char *name, const wdilog_event *ev)
{
	if (a->have_input && a->input != input && !wdl_attempts_end_input(a))
		return false;
	a->have_input = true;
	a->input = input;
	a->input_name = name;
	struct wdl_att_iface *i =
		iface_of(a, ev->wlan ? ev->wlan->interface_guid : NULL);
	if (!i)
		return false;
	struct rec r = { .t = &ev->time, .line = ev->line };
	if (ev->wlan) {
		a->figs.wlan_events++;
		i->seen_wlan = true;
		r.w = ev->wlan;
		if (!apply(a, i, &r))
			return false;
	}
	if (ev->kind != WDILOG_EVENT_WITH_STATUS)
		return true;
	const wdilog_context *cx = ev->context;
	r.w = NULL;
	r.peer = cx ? cx->peer : NULL;
	r.has_dot11 = cx && cx->has_dot11_status;
	r.dot11 = cx ? cx->dot11_status : 0;
	for (size_t k = 0; k < ev->nstatuses; k++) {
		if (!ev->statuses[k].has_code)
			continue;
		r.code = ev->statuses[k].code;
		if (!apply(a, i, &r))
			return false;
	}
	return true;
}

bool wdl_attempts_end_input(struct wdl_attempts *a)
{
	if (a->keep_open)
		return true;
	size_t n = a->nifaces;
	if (n == WDL_ATT_IFACES && a->ifaces[WDL_ATT_IFACES].guid[0])
		n++;
	bool ok = true;
	for (size_t k = 0; k < n && ok; k++) {
		struct wdl_att_iface *i = &a->ifaces[k];
		if (i->open)
			ok = end_attempt(a, i, WDILOG_ATTEMPT_INCOMPLETE,
					 &i->at.last, i->at.last_line, NULL);
		if (i->sess_open)
			end_session(a, i, WDILOG_SESSION_OPEN, &i->last, 0,
				    (wdilog_reason){ WDILOG_REASON_NONE, 0 });
	}
	if (a->ifaces)
		memset(&a->ifaces[WDL_ATT_IFACES], 0, sizeof(a->ifaces[0]));
	a->nifaces = 0;
	a->cur = 0;
	a->have_input = false;
	return ok;
}

/* ---- merge ---- */

static void hist_merge(struct wdl_att_hist *d, const struct wdl_att_hist *s)
{
	for (size_t i = 0; i < WDL_ATT_BUCKETS; i++)
		d->n[i] += s->n[i];
	d->count += s->count;
}

bool wdl_attempts_merge(struct wdl_att_figs *d, const struct wdl_att_figs *s)
{
	/* the first figures merged bring the parameters they were grouped
	 * with (wdl_attempts_mergeable refuses others) */
	if (wdl_attempts_any(s) && !wdl_attempts_any(d)) {
		d->idle_ms = s->idle_ms;
		d->retry_ms = s->retry_ms;
	}
	for (int r = 0; r < WDILOG_ATTEMPT_RESULT_COUNT; r++)
		d->by_result[r] += s->by_result[r];
	for (int p = 0; p < WDILOG_AP_COUNT; p++)
		d->by_failing_phase[p] += s->by_failing_phase[p];
	d->inferred_starts += s->inferred_starts;
	d->chains += s->chains;
	d->chains_first_try += s->chains_first_try;
	d->chains_eventual += s->chains_eventual;
	d->retries += s->retries;
	hist_merge(&d->ttc, &s->ttc);
	hist_merge(&d->ttc_lower, &s->ttc_lower);
	hist_merge(&d->session_time, &s->session_time);
	for (size_t k = 0; k < s->nreasons; k++)
		add_reason(d->reasons, &d->nreasons, &d->reasons_other,
			   s->reasons[k].reason, s->reasons[k].count);
	d->reasons_other += s->reasons_other;
	for (size_t k = 0; k < s->ndisconnects; k++)
		add_reason(d->disconnects, &d->ndisconnects,
			   &d->disconnects_other, s->disconnects[k].reason,
			   s->disconnects[k].count);
	d->disconnects_other += s->disconnects_other;
	for (size_t k = 0; k <= WDL_ATT_SSIDS; k++) {
		if (k < WDL_ATT_SSIDS && k >= s->nssids)
			continue;
		const struct wdl_att_ssid_row *sr = &s->ssids[k];
		struct wdl_att_ssid_row *dr = k == WDL_ATT_SSIDS
						      ? &d->ssids[WDL_ATT_SSIDS]
						      : ssid_row(d, sr->ssid);
		dr->attempts += sr->attempts;
		for (int r = 0; r < WDILOG_ATTEMPT_RESULT_COUNT; r++)
			dr->by_result[r] += sr->by_result[r];
	}
	if (s->peers) {
		if (!ensure_peers(d))
			return false;
		for (size_t k = 0; k <= WDL_ATT_PEERS; k++) {
			if (k < WDL_ATT_PEERS && k >= s->npeers)
				continue;
			const struct wdl_att_peer_row *sr = &s->peers[k];
			struct wdl_att_peer_row *dr =
				k == WDL_ATT_PEERS ? &d->peers[WDL_ATT_PEERS]
						   : peer_row(d, sr->peer);
			dr->attempts += sr->attempts;
			dr->records += sr->records;
			dr->failed += sr->failed;
			dr->wins += sr->wins;
		}
	}
	d->sessions += s->sessions;
	for (int k = 0; k < 3; k++)
		d->session_by_end[k] += s->session_by_end[k];
	d->roams += s->roams;
	d->roam_successes += s->roam_successes;
	d->roam_failures += s->roam_failures;
	d->ifaces_other += s->ifaces_other;
	d->wlan_events += s->wlan_events;
	d->per_part |= s->per_part;
	d->show |= s->show;
	return true;
}

/* ---- names ---- */

const char *wdilog_attempt_result_name(wdilog_attempt_result r)
{
	static const char *const names[] = {
		"success", "failure", "aborted", "dropped", "superseded",
		"timeout", "incomplete"
	};
	return (unsigned)r < WDILOG_ATTEMPT_RESULT_COUNT ? names[r] : "?";
}

const char *wdilog_attempt_phase_name(wdilog_attempt_phase p)
{
	static const char *const names[] = {
		"start", "probe", "auth", "assoc", "security", "connected"
	};
	return (unsigned)p < WDILOG_AP_COUNT ? names[p] : "?";
}
