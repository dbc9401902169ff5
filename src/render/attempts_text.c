/* Render stage, attempts as text: the ATTEMPTS section of the text
 * report (within 100 columns) and the --by attempt table, one line per
 * attempt as it ends. */
#include "render/attempts_render.h"

#include <inttypes.h>
#include <string.h>

#include <wdilog/status.h>

#include "parse/timestamp.h"
#include "report/attempts.h"
#include "status/wlan_reason.h"
#include "util/error.h"
#include "util/escape.h"

const char *wdl_att_duration_text(uint64_t ms, char *buf, size_t cap)
{
	if (ms == UINT64_MAX)
		snprintf(buf, cap, "more than 10 min");
	else if (ms < 1000)
		snprintf(buf, cap, "%" PRIu64 " ms", ms);
	else if (ms < 600000)
		snprintf(buf, cap, "%" PRIu64 " s", ms / 1000);
	else
		snprintf(buf, cap, "%" PRIu64 " min", ms / 60000);
	return buf;
}

const char *wdl_att_reason_short(wdilog_reason r, char *buf, size_t cap)
{
	switch (r.kind) {
	case WDILOG_REASON_WDI: snprintf(buf, cap, "wdi %u", r.code); break;
	case WDILOG_REASON_WLAN: snprintf(buf, cap, "wlan %#x", r.code); break;
	case WDILOG_REASON_DOT11: snprintf(buf, cap, "dot11 %u", r.code); break;
	default: snprintf(buf, cap, "-"); break;
	}
	return buf;
}

const char *wdl_att_reason_name(wdilog_reason r)
{
	switch (r.kind) {
	case WDILOG_REASON_WDI: return wdilog_status_code_name(r.code);
	case WDILOG_REASON_WLAN: return wdl_wlan_reason_name(r.code, NULL);
	case WDILOG_REASON_DOT11: return wdilog_dot11_status_name(r.code);
	default: return NULL;
	}
}

/* "2024-03-05 08:12:44.123" (23 columns; the written time, zone left
 * out), or blanks. */
static void put_time(FILE *out, const wdilog_time *t)
{
	/* the report's one formatter, at milliseconds and without the zone */
	wdilog_time shown = *t;
	shown.digits = 3;
	shown.zoned = false;
	char buf[64];
	if (!t->valid || !wdl_time_format(&shown, buf, sizeof(buf))) {
		fprintf(out, "%-23s", "-");
		return;
	}
	buf[10] = ' ';                  /* "T" between date and time */
	fprintf(out, "%-23s", buf);
}

int wdilog_attempt_render_line(const wdilog_attempt *a, FILE *out, bool header)
{
	if (header)
		fprintf(out, "%-23s %-28s %3s %-9s %-10s %-12s %s\n", "START",
			"SSID/BSSID", "TRY", "FURTHEST", "RESULT", "REASON",
			"DURATION");
	if (!a)
		return ferror(out) ? WDILOG_EIO : WDILOG_OK;
	put_time(out, &a->start);
	/* '~': the start was inferred (no 8000) */
	fputc(a->start_inferred ? '~' : ' ', out);
	char who[96];
	snprintf(who, sizeof(who), "%s/%s", a->ssid ? a->ssid : "-",
		 a->bssid ? a->bssid : "-");
	size_t n = strlen(who);
	if (n > 28) {
		memcpy(who + 25, "...", 4);
		n = 28;
	}
	wdl_escape(out, WDL_ESC_TEXT, who, n);
	fprintf(out, "%*s", (int)(29 - n), "");
	uint64_t tries = a->tries_other;
	for (size_t k = 0; k < a->ntries; k++)
		tries += a->tries[k].count;
	char rb[24], db[24] = "-";
	if (a->start.valid && a->end.valid) {
		int64_t ms = (wdl_time_key(&a->end) - wdl_time_key(&a->start)) * 1000 +
			     ((int64_t)a->end.nanos - (int64_t)a->start.nanos) / 1000000;
		if (ms < 1000000)
			snprintf(db, sizeof(db), "%.3f s", (double)ms / 1000.0);
		else
			snprintf(db, sizeof(db), "%.0f s", (double)ms / 1000.0);
	}
	fprintf(out, "%3" PRIu64 " %-9s %-10s %-12s %s\n", tries,
		wdilog_attempt_phase_name(a->furthest_phase),
		wdilog_attempt_result_name(a->result),
		wdl_att_reason_short(a->reason, rb, sizeof(rb)), db);
	return ferror(out) ? WDILOG_EIO : WDILOG_OK;
}

static void percentiles(FILE *out, const char *label,
			const struct wdl_att_hist *h)
{
	if (!h->count)
		return;
	fprintf(out, "  %s (%" PRIu64 "):", label, h->count);
	static const unsigned pcts[] = { 50, 90, 99 };
	for (size_t k = 0; k < 3; k++) {
		uint64_t ms;
		char b[24];
		wdl_att_percentile(h, pcts[k], &ms);
		fprintf(out, "%s p%u <= %s", k ? "," : "", pcts[k],
			wdl_att_duration_text(ms, b, sizeof(b)));
	}
	fputc('\n', out);
}

static void pct(FILE *out, uint64_t num, uint64_t den)
{
	if (den)
		fprintf(out, "%.1f%% (%" PRIu64 " of %" PRIu64 ")",
			100.0 * (double)num / (double)den, num, den);
	else
		fputs("- (none counted)", out);
}

static void reasons(FILE *out, const char *title,
		    const struct wdl_att_reason_row *rows, size_t n,
		    uint64_t other)
{
	if (!n && !other)
		return;
	fprintf(out, "  %s:\n", title);
	for (size_t k = 0; k < n; k++) {
		char b[24];
		const char *name = wdl_att_reason_name(rows[k].reason);
		fprintf(out, "    %-13s %7" PRIu64 "  ",
			wdl_att_reason_short(rows[k].reason, b, sizeof(b)),
			rows[k].count);
		if (name)
			wdl_escape(out, WDL_ESC_TEXT, name,
				   strlen(name) > 70 ? 70 : strlen(name));
		fputc('\n', out);
	}
	if (other)
		fprintf(out, "    %-13s %7" PRIu64 "\n", "(other)", other);
}

static void ssid_line(FILE *out, const char *name, const struct wdl_att_ssid_row *r)
{
	size_t n = strlen(name);
	if (n > 32)
		n = 32;
	fputs("    ", out);
	wdl_escape(out, WDL_ESC_TEXT, name, n);
	fprintf(out, "%*s", (int)(33 - n), "");
	fprintf(out, "%8" PRIu64, r->attempts);
	for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++)
		fprintf(out, " %6" PRIu64, r->by_result[k]);
	fputc('\n', out);
}

int wdl_render_attempts_text(FILE *out, const wdilog_report *rep, bool color,
			     wdilog_error *err)
{
	const struct wdl_att_figs *f = wdl_attempts_of(rep);
	if (!wdl_attempts_shown(f))
		return WDILOG_OK;
	char b1[24], b2[24];
	fprintf(out, "\n%sATTEMPTS%s (idle end after %s, retry window %s)\n",
		color ? "\033[1m" : "", color ? "\033[0m" : "",
		wdl_att_duration_text(f->idle_ms, b1, sizeof(b1)),
		wdl_att_duration_text(f->retry_ms, b2, sizeof(b2)));
	if (f->per_part)
		fputs("  note: a file read in parts (-j): attempts crossing a part "
		      "boundary were cut there\n", out);
	uint64_t total = 0;
	for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++)
		total += f->by_result[k];
	fprintf(out, "  attempts %" PRIu64 ":", total);
	for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++)
		fprintf(out, "%s %s %" PRIu64, k ? "," : "",
			wdilog_attempt_result_name(k), f->by_result[k]);
	fprintf(out, "\n  inferred starts %" PRIu64 ", WLAN-AutoConfig events %" PRIu64 "\n",
		f->inferred_starts, f->wlan_events);
	uint64_t ok = f->by_result[WDILOG_ATTEMPT_SUCCESS];
	uint64_t den = ok + f->by_result[WDILOG_ATTEMPT_FAILURE] +
		       f->by_result[WDILOG_ATTEMPT_DROPPED] +
		       f->by_result[WDILOG_ATTEMPT_TIMEOUT];
	fputs("  success rate ", out);
	pct(out, ok, den);
	fprintf(out, "\n  retry chains %" PRIu64 " (%" PRIu64 " retries): first try ",
		f->chains, f->retries);
	pct(out, f->chains_first_try, f->chains);
	fputs(", eventual ", out);
	pct(out, f->chains_eventual, f->chains);
	fputc('\n', out);
	percentiles(out, "time to connect", &f->ttc);
	percentiles(out, "time to connect from an inferred start, a lower bound",
		    &f->ttc_lower);
	if (f->ttc.count || f->ttc_lower.count)
		fputs("  (percentiles are bucket upper bounds: 1-2-5 steps from 1 ms "
		      "to 10 min)\n", out);
	uint64_t failed = 0;
	for (int p = 0; p < WDILOG_AP_COUNT; p++)
		failed += f->by_failing_phase[p];
	if (failed) {
		fputs("  failures by phase:", out);
		bool first = true;
		for (int p = 0; p < WDILOG_AP_COUNT; p++)
			if (f->by_failing_phase[p]) {
				fprintf(out, "%s %s %" PRIu64, first ? "" : ",",
					wdilog_attempt_phase_name(p),
					f->by_failing_phase[p]);
				first = false;
			}
		fputc('\n', out);
	}
	reasons(out, "failures by reason", f->reasons, f->nreasons,
		f->reasons_other);
	if (f->nssids) {
		fprintf(out, "  %-35s%8s", "SSID", "ATTEMPTS");
		static const char *const heads[] = { "succ", "fail", "abort",
						     "drop", "supers", "tmout",
						     "incomp" };
		for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++)
			fprintf(out, " %6s", heads[k]);
		fputc('\n', out);
		for (size_t k = 0; k < f->nssids; k++)
			ssid_line(out, f->ssids[k].ssid[0] ? f->ssids[k].ssid : "(none)",
				  &f->ssids[k]);
		if (f->ssids[WDL_ATT_SSIDS].attempts)
			ssid_line(out, "(other)", &f->ssids[WDL_ATT_SSIDS]);
	}
	if (f->npeers) {
		fprintf(out, "  %-19s %8s %8s %8s %8s\n", "BSSID", "ATTEMPTS",
			"RECORDS", "FAILED", "WON");
		for (size_t k = 0; k <= f->npeers; k++) {
			const struct wdl_att_peer_row *r =
				k < f->npeers ? &f->peers[k] : &f->peers[WDL_ATT_PEERS];
			if (k == f->npeers && !r->attempts)
				break;
			fprintf(out, "    %-17s %8" PRIu64 " %8" PRIu64 " %8" PRIu64
				" %8" PRIu64 "\n", k < f->npeers ? r->peer : "(other)",
				r->attempts, r->records, r->failed, r->wins);
		}
	}
	if (f->sessions) {
		fprintf(out, "  sessions %" PRIu64 ": ended by disconnect %" PRIu64
			", by a new attempt %" PRIu64 ", open at the end %" PRIu64 "\n",
			f->sessions, f->session_by_end[0], f->session_by_end[1],
			f->session_by_end[2]);
		percentiles(out, "session duration", &f->session_time);
		fprintf(out, "  roams %" PRIu64 ": succeeded %" PRIu64 ", failed %"
			PRIu64 "\n", f->roams, f->roam_successes, f->roam_failures);
		reasons(out, "disconnects by reason", f->disconnects,
			f->ndisconnects, f->disconnects_other);
	}
	if (f->ifaces_other)
		fprintf(out, "  %" PRIu64 " records of interfaces past the limit of %d\n",
			f->ifaces_other, WDL_ATT_IFACES);
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the report");
	return WDILOG_OK;
}
