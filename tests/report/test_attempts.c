/* Aggregate stage, attempts: the rule of attempts.md, one case per clause.
 * Each case is a script of records (one a line: time in ms, then a WLAN
 * signal or WDI status with its fields) and the attempts and sessions it
 * must end, in order, in a compact form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report/attempts.h"

struct out {
	char buf[4096];
	size_t n;
};

static const char *reason_text(wdilog_reason r, char *b, size_t cap)
{
	static const char *const kinds[] = { "-", "wdi", "wlan", "dot11" };
	if (r.kind == WDILOG_REASON_NONE)
		return "-";
	snprintf(b, cap, "%s:%#x", kinds[r.kind], r.code);
	return b;
}

static int collect(const wdilog_attempt *a, const wdilog_session *s, void *p)
{
	struct out *o = p;
	char rb[32];
	if (a) {
		o->n += (size_t)snprintf(o->buf + o->n, sizeof(o->buf) - o->n,
			"A %s %lld-%lld%s far=%s fail=%s why=%s ssid=%s tries=",
			wdilog_attempt_result_name(a->result),
			(long long)(a->start.seconds * 1000 + a->start.nanos / 1000000),
			(long long)(a->end.seconds * 1000 + a->end.nanos / 1000000),
			a->start_inferred ? " inferred" : "",
			wdilog_attempt_phase_name(a->furthest_phase),
			a->has_failing_phase ? wdilog_attempt_phase_name(a->failing_phase) : "-",
			reason_text(a->reason, rb, sizeof(rb)),
			a->ssid ? a->ssid : "-");
		for (size_t k = 0; k < a->ntries; k++)
			o->n += (size_t)snprintf(o->buf + o->n, sizeof(o->buf) - o->n,
				"%s%.2s/%u/%llu", k ? "," : "", a->tries[k].peer + 15,
				a->tries[k].code, (unsigned long long)a->tries[k].count);
		o->n += (size_t)snprintf(o->buf + o->n, sizeof(o->buf) - o->n,
			"+%llu chain=%llu line=%llu if=%.4s\n",
			(unsigned long long)a->tries_other,
			(unsigned long long)a->chain, (unsigned long long)a->line,
			a->interface ? a->interface : "-");
	} else {
		static const char *const how[] = { "disconnect", "new-attempt", "open" };
		o->n += (size_t)snprintf(o->buf + o->n, sizeof(o->buf) - o->n,
			"S %s %lld-%lld why=%s roams=%llu/%llu/%llu bssid=%.2s\n",
			how[s->how],
			(long long)(s->start.seconds * 1000 + s->start.nanos / 1000000),
			(long long)(s->end.seconds * 1000 + s->end.nanos / 1000000),
			reason_text(s->reason, rb, sizeof(rb)),
			(unsigned long long)s->roams,
			(unsigned long long)s->roam_successes,
			(unsigned long long)s->roam_failures,
			s->bssid ? s->bssid + 15 : "-");
	}
	return 0;
}

/* Run @p script (records separated by ';') and return what ended. Fields:
 * first the time in ms (or '-' for none), then "wlan=ID" or "wdi=CODE",
 * and optionally if=GUID4 conn=N ssid=S peer=XX (last byte) rc=N dot11=N.
 * Options: idle and retry window in ms (0: defaults). */
static char *run(const char *script, uint32_t idle, uint32_t retry,
		 struct wdl_att_figs *figs_out)
{
	static struct out o;
	o.n = 0;
	o.buf[0] = '\0';
	wdilog_options opts;
	wdilog_options_init(&opts);
	opts.attempt_idle_ms = idle;
	opts.retry_window_ms = retry;
	struct wdl_attempts a;
	wdl_attempts_init(&a, &opts);
	a.fn = collect;
	a.payload = &o;
	char *copy = strdup(script);
	uint64_t line = 0;
	for (char *save = NULL, *rec = strtok_r(copy, ";", &save); rec;
	     rec = strtok_r(NULL, ";", &save)) {
		line++;
		wdilog_event ev = { .kind = WDILOG_EVENT_WITHOUT_STATUS, .line = line };
		wdilog_wlan w = { 0 };
		wdilog_context cx = { 0 };
		wdilog_status_value v = { .has_code = true };
		char guid[37] = "", ssid[65] = "", peer[18] = "";
		bool is_wlan = false;
		char *tok, *s2 = NULL;
		for (tok = strtok_r(rec, " ", &s2); tok; tok = strtok_r(NULL, " ", &s2)) {
			if (tok[0] >= '0' && tok[0] <= '9' && !strchr(tok, '=')) {
				long long ms = atoll(tok);
				ev.time = (wdilog_time){ .seconds = ms / 1000,
					.nanos = (uint32_t)(ms % 1000) * 1000000u, .valid = true };
			} else if (!strncmp(tok, "wlan=", 5)) {
				is_wlan = true;
				w.event_id = (uint32_t)atoi(tok + 5);
			} else if (!strncmp(tok, "wdi=", 4)) {
				v.code = (uint32_t)atoi(tok + 4);
				ev.kind = WDILOG_EVENT_WITH_STATUS;
				ev.statuses = &v;
				ev.nstatuses = 1;
				ev.context = &cx;
			} else if (!strncmp(tok, "if=", 3)) {
				snprintf(guid, sizeof(guid), "%.4s0000-0000-0000-0000-000000000000", tok + 3);
				w.interface_guid = guid;
			} else if (!strncmp(tok, "conn=", 5)) {
				w.has_connection_id = true;
				w.connection_id = (uint32_t)atoi(tok + 5);
			} else if (!strncmp(tok, "ssid=", 5)) {
				snprintf(ssid, sizeof(ssid), "%s", tok + 5);
				w.ssid = ssid;
			} else if (!strncmp(tok, "peer=", 5)) {
				snprintf(peer, sizeof(peer), "00:00:00:00:00:%.2s", tok + 5);
				cx.peer = peer;
				w.bssid = peer;
			} else if (!strncmp(tok, "rc=", 3)) {
				w.has_reason_code = true;
				w.reason_code = (uint32_t)strtoul(tok + 3, NULL, 0);
			} else if (!strncmp(tok, "dot11=", 6)) {
				w.has_dot11_status = true;
				w.dot11_status = (uint16_t)atoi(tok + 6);
			}
		}
		if (is_wlan)
			ev.wlan = &w;
		CHECK(wdl_attempts_feed(&a, 0, "t", &ev));
	}
	CHECK(wdl_attempts_end_input(&a));
	if (figs_out) {
		*figs_out = a.figs;
		figs_out->peers = NULL;
	}
	wdl_attempts_dispose(&a);
	free(copy);
	return o.buf;
}

struct rule_case {
	const char *clause;
	const char *script;
	uint32_t idle, retry;
	const char *want;
};

static const struct rule_case cases[] = {
	/* rule 1: idle end, with and without a failure signal */
	{ "idle end, failure signal",
	  "0 wdi=31 peer=aa;1000 wdi=41 peer=bb;40000 wdi=51 peer=cc", 0, 0,
	  "A failure 0-1000 inferred far=auth fail=auth why=wdi:0x29 ssid=- tries=aa/31/1,bb/41/1+0 chain=1 line=2 if=-\n"
	  "A incomplete 40000-40000 inferred far=assoc fail=- why=- ssid=- tries=cc/51/1+0 chain=1 line=3 if=-\n" },
	{ "idle end, no failure signal",
	  "0 wlan=8000 conn=1 ssid=A;500 wlan=11000 conn=1;31000 wlan=8000 conn=2 ssid=A", 0, 0,
	  "A timeout 0-500 far=assoc fail=- why=- ssid=A tries=+0 chain=1 line=2 if=-\n"
	  "A incomplete 31000-31000 far=start fail=- why=- ssid=A tries=+0 chain=1 line=3 if=-\n" },
	{ "idle time from --attempt-idle",
	  "0 wlan=8000 conn=1 ssid=A;500 wlan=11000 conn=1;2000 wlan=11001 conn=1", 1000, 0,
	  "A timeout 0-500 far=assoc fail=- why=- ssid=A tries=+0 chain=1 line=2 if=-\n"
	  "A incomplete 2000-2000 inferred far=assoc fail=- why=- ssid=- tries=+0 chain=2 line=3 if=-\n" },
	/* rule 2: start, supersede, inferred start */
	{ "8000 supersedes an open attempt",
	  "0 wlan=8000 conn=1 ssid=A;100 wlan=11000 conn=1;200 wlan=8000 conn=2 ssid=B;300 wlan=8001 conn=2", 0, 0,
	  "A superseded 0-100 far=assoc fail=- why=- ssid=A tries=+0 chain=1 line=3 if=-\n"
	  "A success 200-300 far=connected fail=- why=- ssid=B tries=+0 chain=2 line=4 if=-\n"
	  "S open 300-300 why=- roams=0/0/0 bssid=-\n" },
	{ "8000 without a ConnectionId supersedes too",
	  "0 wlan=8000 ssid=A;100 wlan=11000;200 wlan=8000 ssid=B", 0, 0,
	  "A superseded 0-100 far=assoc fail=- why=- ssid=A tries=+0 chain=1 line=3 if=-\n"
	  "A incomplete 200-200 far=start fail=- why=- ssid=B tries=+0 chain=2 line=3 if=-\n" },
	{ "another ConnectionId supersedes",
	  "0 wlan=8000 conn=1 ssid=A;100 wlan=11000 conn=7;200 wlan=8001 conn=7", 0, 0,
	  "A superseded 0-0 far=start fail=- why=- ssid=A tries=+0 chain=1 line=2 if=-\n"
	  "A success 100-200 inferred far=connected fail=- why=- ssid=- tries=+0 chain=2 line=3 if=-\n"
	  "S open 200-200 why=- roams=0/0/0 bssid=-\n" },
	{ "inferred start from a WDI try",
	  "1000 wdi=52 peer=aa;1200 wdi=0 peer=bb", 0, 0,
	  "A success 1000-1200 inferred far=connected fail=- why=- ssid=- tries=aa/52/1,bb/0/1+0 chain=1 line=2 if=-\n"
	  "S open 1200-1200 why=- roams=0/0/0 bssid=bb\n" },
	/* rule 3: tries per BSSID, at most 8 kept */
	{ "tries beyond 8 BSSIDs",
	  "0 wdi=31 peer=01;1 wdi=31 peer=02;2 wdi=31 peer=03;3 wdi=31 peer=04;"
	  "4 wdi=31 peer=05;5 wdi=31 peer=06;6 wdi=31 peer=07;7 wdi=31 peer=08;"
	  "8 wdi=31 peer=09;9 wdi=30 peer=01;10 wdi=6", 0, 0,
	  "A failure 0-10 inferred far=probe fail=probe why=wdi:0x6 ssid=- tries=01/30/2,02/31/1,03/31/1,04/31/1,05/31/1,06/31/1,07/31/1,08/31/1+1 chain=1 line=11 if=-\n" },
	/* rule 4: each result */
	{ "success by 8001 (WDI 0 is a try when WLAN events are present)",
	  "0 wlan=8000 conn=1 ssid=A;10 wdi=0 peer=aa;20 wlan=11005 conn=1;30 wlan=8001 conn=1 peer=aa", 0, 0,
	  "A success 0-30 far=connected fail=- why=- ssid=A tries=aa/0/1+0 chain=1 line=4 if=-\n"
	  "S open 30-30 why=- roams=0/0/0 bssid=aa\n" },
	{ "failure by 8002: its ReasonCode, the most specific phase",
	  "0 wlan=8000 conn=1 ssid=A;10 wdi=41 peer=aa;20 wlan=11002 conn=1 dot11=17;30 wlan=12013 conn=1;40 wlan=11006 conn=1;50 wlan=8002 conn=1 rc=0x48014", 0, 0,
	  "A failure 0-50 far=security fail=security why=wlan:0x48014 ssid=A tries=aa/41/1+0 chain=1 line=6 if=-\n" },
	{ "failing phase: the most specific failure, not the latest",
	  "0 wlan=8000 conn=1 ssid=A;10 wlan=11002 conn=1 dot11=17;20 wdi=41 peer=aa;30 wlan=8002 conn=1", 0, 0,
	  "A failure 0-30 far=assoc fail=assoc why=wdi:0x29 ssid=A tries=aa/41/1+0 chain=1 line=4 if=-\n" },
	{ "failure by WDI 1-4: the WDI code",
	  "0 wdi=53 peer=aa;5 wdi=2", 0, 0,
	  "A failure 0-5 inferred far=assoc fail=assoc why=wdi:0x2 ssid=- tries=aa/53/1+0 chain=1 line=2 if=-\n" },
	{ "aborted by WDI 5 and by a cancel reason",
	  "0 wdi=31 peer=aa;5 wdi=5;100 wlan=8000 conn=2 ssid=A;105 wlan=8002 conn=2 rc=0x38001", 0, 0,
	  "A aborted 0-5 inferred far=probe fail=- why=wdi:0x5 ssid=- tries=aa/31/1+0 chain=1 line=2 if=-\n"
	  "A aborted 100-105 far=start fail=- why=wlan:0x38001 ssid=A tries=+0 chain=2 line=4 if=-\n" },
	{ "dropped: a disconnect before connected",
	  "0 wlan=8000 conn=1 ssid=A;5 wdi=61 peer=aa;100 wlan=8000 conn=2 ssid=A;110 wlan=8003 conn=2 rc=0x3800b", 0, 0,
	  "A dropped 0-5 far=start fail=- why=wdi:0x3d ssid=A tries=+0 chain=1 line=2 if=-\n"
	  "A dropped 100-110 far=start fail=- why=wlan:0x3800b ssid=A tries=+0 chain=2 line=4 if=-\n" },
	{ "incomplete at the input's end; out-of-order times keep the latest",
	  "5000 wlan=8000 conn=1 ssid=A;4000 wlan=11000 conn=1;6000 wlan=11003 conn=1", 0, 0,
	  "A incomplete 5000-6000 far=security fail=- why=- ssid=A tries=+0 chain=1 line=3 if=-\n" },
	{ "out-of-order: an earlier time is no idle gap",
	  "50000 wdi=31 peer=aa;1000 wdi=41 peer=aa;50500 wdi=0 peer=aa", 0, 0,
	  "A success 50000-50500 inferred far=connected fail=- why=- ssid=- tries=aa/0/3+0 chain=1 line=3 if=-\n"
	  "S open 50500-50500 why=- roams=0/0/0 bssid=aa\n" },
	/* rule 5: retry chains, at the window's edge */
	{ "retry within the window joins the chain",
	  "0 wlan=8000 ssid=A;10 wlan=8002 rc=0x38002;60010 wlan=8000 ssid=A;60020 wlan=8001", 0, 0,
	  "A failure 0-10 far=start fail=start why=wlan:0x38002 ssid=A tries=+0 chain=1 line=2 if=-\n"
	  "A success 60010-60020 far=connected fail=- why=- ssid=A tries=+0 chain=1 line=4 if=-\n"
	  "S open 60020-60020 why=- roams=0/0/0 bssid=-\n" },
	{ "retry just past the window starts a new chain",
	  "0 wlan=8000 ssid=A;10 wlan=8002 rc=0x38002;60011 wlan=8000 ssid=A;60020 wlan=8001", 0, 0,
	  "A failure 0-10 far=start fail=start why=wlan:0x38002 ssid=A tries=+0 chain=1 line=2 if=-\n"
	  "A success 60011-60020 far=connected fail=- why=- ssid=A tries=+0 chain=2 line=4 if=-\n"
	  "S open 60020-60020 why=- roams=0/0/0 bssid=-\n" },
	{ "another SSID or an aborted attempt starts a new chain",
	  "0 wlan=8000 ssid=A;10 wlan=8002;20 wlan=8000 ssid=B;30 wlan=8002 rc=0x38001;40 wlan=8000 ssid=B;50 wlan=8002", 0, 0,
	  "A failure 0-10 far=start fail=start why=- ssid=A tries=+0 chain=1 line=2 if=-\n"
	  "A aborted 20-30 far=start fail=- why=wlan:0x38001 ssid=B tries=+0 chain=2 line=4 if=-\n"
	  "A failure 40-50 far=start fail=start why=- ssid=B tries=+0 chain=3 line=6 if=-\n" },
	/* rule 6: sessions, roams, disconnects; a new attempt ends a session */
	{ "session with a roam success, a roam failure",
	  "0 wdi=0 peer=aa;1000 wdi=10;1100 wdi=52 peer=bb;1200 wdi=0 peer=cc;5000 wdi=15;6000 wdi=62", 0, 0,
	  "A success 0-0 inferred far=connected fail=- why=- ssid=- tries=aa/0/1+0 chain=1 line=1 if=-\n"
	  "S disconnect 0-6000 why=wdi:0x3e roams=2/1/1 bssid=cc\n" },
	{ "8003 ends a session; a new attempt ends one",
	  "0 wlan=8000 ssid=A;10 wlan=8001 peer=aa;900 wlan=8003 rc=0x3800b;1000 wlan=8000 ssid=A;1010 wlan=8001;3000 wlan=8000 ssid=B", 0, 0,
	  "A success 0-10 far=connected fail=- why=- ssid=A tries=+0 chain=1 line=2 if=-\n"
	  "S disconnect 10-900 why=wlan:0x3800b roams=0/0/0 bssid=aa\n"
	  "A success 1000-1010 far=connected fail=- why=- ssid=A tries=+0 chain=2 line=5 if=-\n"
	  "S new-attempt 1010-3000 why=- roams=0/0/0 bssid=-\n"
	  "A incomplete 3000-3000 far=start fail=- why=- ssid=B tries=+0 chain=3 line=6 if=-\n" },
	{ "a success repeated inside a session is no new attempt",
	  "0 wdi=0 peer=aa;1000 wdi=0 peer=aa;2000 wdi=0;3000 wdi=62", 0, 0,
	  "A success 0-0 inferred far=connected fail=- why=- ssid=- tries=aa/0/1+0 chain=1 line=1 if=-\n"
	  "S disconnect 0-3000 why=wdi:0x3e roams=0/0/0 bssid=aa\n" },
	/* state per interface: the first GUID names the default interface */
	{ "per interface; WDI records go to the most recent one",
	  "0 wdi=31 peer=aa;10 wlan=8000 if=1111 ssid=A;20 wlan=8000 if=2222 ssid=B;30 wdi=0 peer=bb;40 wlan=8001 if=2222;50 wlan=8002 if=1111", 0, 0,
	  "A superseded 0-0 inferred far=probe fail=- why=- ssid=- tries=aa/31/1+0 chain=1 line=2 if=1111\n"
	  "A success 20-40 far=connected fail=- why=- ssid=B tries=bb/0/1+0 chain=1 line=5 if=2222\n"
	  "A failure 10-50 far=start fail=start why=- ssid=A tries=+0 chain=2 line=6 if=1111\n"
	  "S open 40-40 why=- roams=0/0/0 bssid=bb\n" },
	{ "WDI records follow the interface of the latest WLAN record",
	  "0 wlan=8000 if=1111 ssid=A;10 wlan=8000 if=2222 ssid=B;20 wlan=11000 if=1111;30 wdi=41 peer=aa;40 wlan=8002 if=1111;50 wlan=8002 if=2222", 0, 0,
	  "A failure 0-40 far=assoc fail=auth why=wdi:0x29 ssid=A tries=aa/41/1+0 chain=1 line=5 if=1111\n"
	  "A failure 10-50 far=start fail=start why=- ssid=B tries=+0 chain=1 line=6 if=2222\n" },
};

static void rule_cases(void)
{
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		const struct rule_case *c = &cases[k];
		const char *got = run(c->script, c->idle, c->retry, NULL);
		CHECK_MSG(strcmp(got, c->want) == 0, "%s:\ngot:\n%sexpected:\n%s",
			  c->clause, got, c->want);
	}
}

/* Figures: rates over attempts and chains, time to connect from the
 * chain's first start, inferred starts apart. */
static void figures(void)
{
	struct wdl_att_figs f;
	run("0 wlan=8000 ssid=A;10 wlan=8002;1010 wlan=8000 ssid=A;1500 wlan=8001;"
	    "100000 wlan=8000 ssid=C;100040 wlan=8001;"
	    "200000 wdi=0 peer=aa", 0, 0, &f);
	/* the interface has seen WLAN events: WDI 0 is a try, not a success */
	CHECK_EQ_U(f.by_result[WDILOG_ATTEMPT_SUCCESS], 2);
	CHECK_EQ_U(f.by_result[WDILOG_ATTEMPT_FAILURE], 1);
	CHECK_EQ_U(f.by_result[WDILOG_ATTEMPT_INCOMPLETE], 1);
	CHECK_EQ_U(f.chains, 2);
	CHECK_EQ_U(f.chains_first_try, 1);
	CHECK_EQ_U(f.chains_eventual, 2);
	CHECK_EQ_U(f.retries, 1);
	CHECK_EQ_U(f.ttc.count, 2);
	CHECK_EQ_U(f.ttc_lower.count, 0);
	uint64_t ms;
	/* 1500 ms from the chain's first start: [1000, 2000) */
	CHECK(wdl_att_percentile(&f.ttc, 99, &ms) && ms == 2000);
	CHECK(wdl_att_percentile(&f.ttc, 50, &ms) && ms == 50);
	double rate;
	CHECK(wdl_att_success_rate(&f, &rate) && rate * 3 > 1.999 && rate * 3 < 2.001);
	CHECK_EQ_U(f.by_failing_phase[WDILOG_AP_START], 1);
	CHECK_EQ_U(f.sessions, 2);
	CHECK_EQ_U(f.session_by_end[WDILOG_SESSION_NEW_ATTEMPT], 2);
	/* merged twice: every counter doubles, the rows stay as many */
	struct wdl_att_figs d = f;
	CHECK(wdl_attempts_merge(&d, &f));
	CHECK_EQ_U(d.by_result[WDILOG_ATTEMPT_SUCCESS], 4);
	CHECK_EQ_U(d.ttc.n[10], 2);
	CHECK_EQ_U(d.nssids, f.nssids);
	CHECK_EQ_U(d.ssids[0].attempts, 2 * f.ssids[0].attempts);
	free(d.peers);
	/* the rate counts dropped attempts, not aborted ones: 1 of 2 */
	run("0 wdi=0 peer=aa;10 wdi=62;20 wdi=31 peer=bb;30 wdi=61;40 wdi=30 peer=cc;50 wdi=5",
	    0, 0, &f);
	CHECK_EQ_U(f.by_result[WDILOG_ATTEMPT_DROPPED], 1);
	CHECK_EQ_U(f.by_result[WDILOG_ATTEMPT_ABORTED], 1);
	CHECK(wdl_att_success_rate(&f, &rate) && rate > 0.499 && rate < 0.501);
	/* from an inferred start, time to connect is a lower bound, apart */
	run("1000 wdi=52 peer=aa;1200 wdi=0 peer=bb", 0, 0, &f);
	CHECK_EQ_U(f.ttc.count, 0);
	CHECK_EQ_U(f.ttc_lower.count, 1);
	CHECK_EQ_U(f.ttc_lower.n[8], 1);
}

/* Percentiles: the smallest rank at or above pct% of the count, for
 * small counts and for a loaded report's counts near 2^63, where
 * count * pct does not fit in 64 bits. */
static void percentiles(void)
{
	struct wdl_att_hist h;
	uint64_t ms;
	bool all = true;
	for (uint64_t count = 1; count <= 300; count++) {
		for (unsigned pct = 0; pct <= 100; pct++) {
			/* count - 1 in the first bucket, one in the last */
			memset(&h, 0, sizeof(h));
			h.n[0] = count - 1;
			h.n[WDL_ATT_BUCKETS - 1] = 1;
			h.count = count;
			uint64_t rank = (count * pct + 99) / 100;
			if (rank == 0)
				rank = 1;   /* pct 0 is the first value */
			uint64_t want = rank < count ? wdl_att_bucket_bound(0)
						     : wdl_att_bucket_bound(WDL_ATT_BUCKETS - 1);
			all = all && wdl_att_percentile(&h, pct, &ms) && ms == want;
		}
	}
	CHECK(all);
	memset(&h, 0, sizeof(h));
	h.n[0] = (UINT64_C(1) << 62) - 1;
	h.n[WDL_ATT_BUCKETS - 1] = UINT64_C(1) << 62;
	h.count = (UINT64_C(1) << 63) - 1;
	CHECK(wdl_att_percentile(&h, 50, &ms) && ms == wdl_att_bucket_bound(WDL_ATT_BUCKETS - 1));
	CHECK(wdl_att_percentile(&h, 49, &ms) && ms == wdl_att_bucket_bound(0));
	CHECK(wdl_att_percentile(&h, 99, &ms) && ms == wdl_att_bucket_bound(WDL_ATT_BUCKETS - 1));
}

int main(void)
{
	rule_cases();
	figures();
	percentiles();
	return check_report("attempts");
}
