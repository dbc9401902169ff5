/* Render stage, attempts as text: the ATTEMPTS section of the text
 * report (within the text report's width, 80 columns unless told:
 * sentences break between clauses, SSIDs and reason names are cut with a
 * marker) and the --by attempt table, one line per attempt as it ends. */
#include "render/attempts_render.h"
#include "render/text_fit.h"

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
			const struct wdl_att_hist *h, size_t w)
{
	if (!h->count)
		return;
	struct wdl_wrap wr;
	fputs("  ", out);
	wdl_wrap_begin(&wr, out, w, 2, 4);
	wdl_wrap_putf(&wr, "", "%s (%" PRIu64 "):", label, h->count);
	static const unsigned pcts[] = { 50, 90, 99 };
	for (size_t k = 0; k < 3; k++) {
		uint64_t ms;
		char b[24];
		wdl_att_percentile(h, pcts[k], &ms);
		wdl_wrap_putf(&wr, k ? ", " : " ", "p%u <= %s", pcts[k],
			      wdl_att_duration_text(ms, b, sizeof(b)));
	}
	wdl_wrap_end(&wr);
}

/* "25.0% (1 of 4)" into @p buf. */
static const char *pct(char *buf, size_t cap, uint64_t num, uint64_t den)
{
	if (den)
		snprintf(buf, cap, "%.1f%% (%" PRIu64 " of %" PRIu64 ")",
			 100.0 * (double)num / (double)den, num, den);
	else
		snprintf(buf, cap, "- (none counted)");
	return buf;
}

static void reasons(FILE *out, const char *title,
		    const struct wdl_att_reason_row *rows, size_t n,
		    uint64_t other, size_t w, bool unicode)
{
	if (!n && !other)
		return;
	fprintf(out, "  %s:\n", title);
	for (size_t k = 0; k < n; k++) {
		char b[24];
		const char *name = wdl_att_reason_name(rows[k].reason);
		int lead = fprintf(out, "    %-13s %7" PRIu64 "  ",
				   wdl_att_reason_short(rows[k].reason, b, sizeof(b)),
				   rows[k].count);
		if (name && lead > 0 && (size_t)lead + 8 < w)
			wdl_text_fit(out, name, w - (size_t)lead, 0, WDL_CUT_END,
				     unicode);
		fputc('\n', out);
	}
	if (other)
		fprintf(out, "    %-13s %7" PRIu64 "\n", "(other)", other);
}

/* The SSID column: 33 columns (an SSID is at most 32 bytes) when the
 * width allows, else what is left. */
static size_t ssid_cols(size_t w)
{
	size_t left = w - 4 - 8 - 7 * WDILOG_ATTEMPT_RESULT_COUNT;
	return left < 33 ? left : 33;
}

static void ssid_line(FILE *out, const char *name, const struct wdl_att_ssid_row *r,
		      size_t w, bool unicode)
{
	size_t cols = ssid_cols(w);
	fputs("    ", out);
	wdl_text_fit(out, name, cols - 1, cols, WDL_CUT_END, unicode);
	fprintf(out, "%8" PRIu64, r->attempts);
	for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++)
		fprintf(out, " %6" PRIu64, r->by_result[k]);
	fputc('\n', out);
}

int wdl_render_attempts_text(FILE *out, const wdilog_report *rep, bool color,
			     size_t w, bool unicode, wdilog_error *err)
{
	const struct wdl_att_figs *f = wdl_attempts_of(rep);
	if (!wdl_attempts_shown(f))
		return WDILOG_OK;
	char b1[24], b2[24];
	fprintf(out, "\n%sATTEMPTS%s (idle end after %s, retry window %s)\n",
		color ? "\033[1m" : "", color ? "\033[0m" : "",
		wdl_att_duration_text(f->idle_ms, b1, sizeof(b1)),
		wdl_att_duration_text(f->retry_ms, b2, sizeof(b2)));
	struct wdl_wrap wr;
	char p1[64];
	if (f->per_part) {
		fputs("  note:", out);
		wdl_wrap_begin(&wr, out, w, 7, 4);
		wdl_wrap_put(&wr, " ", "a file read in parts (-j):", "", "");
		wdl_wrap_put(&wr, " ", "attempts crossing a part boundary were cut there",
			     "", "");
		wdl_wrap_end(&wr);
	}
	uint64_t total = 0;
	for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++)
		total += f->by_result[k];
	fputs("  ", out);
	wdl_wrap_begin(&wr, out, w, 2, 4);
	wdl_wrap_putf(&wr, "", "attempts %" PRIu64 ":", total);
	for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++)
		wdl_wrap_putf(&wr, k ? ", " : " ", "%s %" PRIu64,
			      wdilog_attempt_result_name(k), f->by_result[k]);
	wdl_wrap_end(&wr);
	fputs("  ", out);
	wdl_wrap_begin(&wr, out, w, 2, 4);
	wdl_wrap_putf(&wr, "", "inferred starts %" PRIu64, f->inferred_starts);
	wdl_wrap_putf(&wr, ", ", "WLAN-AutoConfig events %" PRIu64, f->wlan_events);
	wdl_wrap_end(&wr);
	uint64_t ok = f->by_result[WDILOG_ATTEMPT_SUCCESS];
	uint64_t den = ok + f->by_result[WDILOG_ATTEMPT_FAILURE] +
		       f->by_result[WDILOG_ATTEMPT_DROPPED] +
		       f->by_result[WDILOG_ATTEMPT_TIMEOUT];
	fprintf(out, "  success rate %s\n", pct(p1, sizeof(p1), ok, den));
	fputs("  ", out);
	wdl_wrap_begin(&wr, out, w, 2, 4);
	wdl_wrap_putf(&wr, "", "retry chains %" PRIu64 " (%" PRIu64 " retries):",
		      f->chains, f->retries);
	wdl_wrap_putf(&wr, " ", "first try %s",
		      pct(p1, sizeof(p1), f->chains_first_try, f->chains));
	wdl_wrap_putf(&wr, ", ", "eventual %s",
		      pct(p1, sizeof(p1), f->chains_eventual, f->chains));
	wdl_wrap_end(&wr);
	percentiles(out, "time to connect", &f->ttc, w);
	percentiles(out, "time to connect from an inferred start, a lower bound",
		    &f->ttc_lower, w);
	if (f->ttc.count || f->ttc_lower.count) {
		fputs("  ", out);
		wdl_wrap_begin(&wr, out, w, 2, 3);
		wdl_wrap_put(&wr, "", "(percentiles are bucket upper bounds:", "", "");
		wdl_wrap_put(&wr, " ", "1-2-5 steps from 1 ms to 10 min)", "", "");
		wdl_wrap_end(&wr);
	}
	uint64_t failed = 0;
	for (int p = 0; p < WDILOG_AP_COUNT; p++)
		failed += f->by_failing_phase[p];
	if (failed) {
		fputs("  failures by phase:", out);
		wdl_wrap_begin(&wr, out, w, 20, 4);
		bool first = true;
		for (int p = 0; p < WDILOG_AP_COUNT; p++)
			if (f->by_failing_phase[p]) {
				wdl_wrap_putf(&wr, first ? " " : ", ", "%s %" PRIu64,
					      wdilog_attempt_phase_name(p),
					      f->by_failing_phase[p]);
				first = false;
			}
		wdl_wrap_end(&wr);
	}
	reasons(out, "failures by reason", f->reasons, f->nreasons,
		f->reasons_other, w, unicode);
	if (f->nssids) {
		fprintf(out, "  %-*s%8s", (int)ssid_cols(w) + 2, "SSID", "ATTEMPTS");
		static const char *const heads[] = { "succ", "fail", "abort",
						     "drop", "supers", "tmout",
						     "incomp" };
		for (int k = 0; k < WDILOG_ATTEMPT_RESULT_COUNT; k++)
			fprintf(out, " %6s", heads[k]);
		fputc('\n', out);
		for (size_t k = 0; k < f->nssids; k++)
			ssid_line(out, f->ssids[k].ssid[0] ? f->ssids[k].ssid : "(none)",
				  &f->ssids[k], w, unicode);
		if (f->ssids[WDL_ATT_SSIDS].attempts)
			ssid_line(out, "(other)", &f->ssids[WDL_ATT_SSIDS], w, unicode);
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
		fputs("  ", out);
		wdl_wrap_begin(&wr, out, w, 2, 4);
		wdl_wrap_putf(&wr, "", "sessions %" PRIu64 ":", f->sessions);
		wdl_wrap_putf(&wr, " ", "ended by disconnect %" PRIu64,
			      f->session_by_end[0]);
		wdl_wrap_putf(&wr, ", ", "by a new attempt %" PRIu64,
			      f->session_by_end[1]);
		wdl_wrap_putf(&wr, ", ", "open at the end %" PRIu64,
			      f->session_by_end[2]);
		wdl_wrap_end(&wr);
		percentiles(out, "session duration", &f->session_time, w);
		fputs("  ", out);
		wdl_wrap_begin(&wr, out, w, 2, 4);
		wdl_wrap_putf(&wr, "", "roams %" PRIu64 ":", f->roams);
		wdl_wrap_putf(&wr, " ", "succeeded %" PRIu64, f->roam_successes);
		wdl_wrap_putf(&wr, ", ", "failed %" PRIu64, f->roam_failures);
		wdl_wrap_end(&wr);
		reasons(out, "disconnects by reason", f->disconnects,
			f->ndisconnects, f->disconnects_other, w, unicode);
	}
	if (f->ifaces_other)
		fprintf(out, "  %" PRIu64 " records of interfaces past the limit of %d\n",
			f->ifaces_other, WDL_ATT_IFACES);
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the report");
	return WDILOG_OK;
}
