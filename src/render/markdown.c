/* Render stage, Markdown: a short summary for a CI job page (GitHub's
 * $GITHUB_STEP_SUMMARY, a merge-request comment). The gate verdict comes
 * first, then totals, phases and the most frequent codes with where each
 * was first seen. Tables are GitHub-flavoured; every long list is capped
 * so the summary stays short whatever the input. Input-derived text is
 * escaped so that it renders as written (util/escape.h). */
#include <wdilog/gate.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/view.h"
#include "report/attempts_list.h"
#include "render/attempts_render.h"
#include "util/alloc.h"
#include "util/error.h"
#include "gate/gate_int.h"
#include "parse/timestamp.h"
#include "util/escape.h"

/* Rows shown per table: a job summary is read at a glance. */
#define ROWS_MAX 15

static void md_time(FILE *out, const wdilog_time *t)
{
	char buf[48];
	if (t->valid && wdl_time_format(t, buf, sizeof(buf)))
		fputs(buf, out);
	else
		fputs("-", out);
}

static void md_value(FILE *out, uint64_t milli)
{
	char buf[32];
	wdl_milli_format(milli, buf, sizeof(buf));
	fputs(buf, out);
}

static void check_row(FILE *out, const wdilog_gate_check *c)
{
	bool att = c->scope && (strcmp(c->scope, "success-rate") == 0 ||
				strcmp(c->scope, "attempt-phase") == 0);
	fputs("| ", out);
	if (!c->scope) {
		fputs(c->rule, out);
	} else if (att) {
		if (c->phase)
			fprintf(out, "baseline, attempts failed in %s", c->phase);
		else
			fputs("baseline, attempts that did not succeed", out);
	} else if (strcmp(c->scope, "phase") == 0) {
		fprintf(out, "baseline, phase %s", c->phase);
	} else {
		fputs("baseline, ", out);
		if (c->has_code)
			fprintf(out, "%" PRIu32 " ", c->code);
		wdl_escape_str(out, WDL_ESC_MARKDOWN, c->name ? c->name : WDL_NOT_IN_ENUM);
	}
	fputs(" | ", out);
	md_value(out, c->limit);
	if (c->percent)
		fputs("%", out);
	fputs(" | ", out);
	md_value(out, c->measured);
	if (c->percent)
		fprintf(out, "%% (%" PRIu64 " of %" PRIu64 ")", c->now_count,
			c->now_total);
	else if (att)
		fprintf(out, " (%" PRIu64 " of %" PRIu64 "%s)", c->now_count,
			c->now_total, c->rate ? "; per 1,000 attempts" : "");
	else if (c->rate)
		fputs(" per 1,000 events", out);
	fprintf(out, " | %s%s |\n", c->passed ? "passed" : "**failed**",
		!c->change ? (strncmp(c->rule, "min-", 4) == 0 && !c->passed
			      ? " (below the minimum)" : "")
		: strcmp(c->change, "new") == 0 ? " (new)"
		: strcmp(c->change, "above") == 0 ? " (above tolerance)"
		: strcmp(c->change, "disappeared") == 0 ? " (disappeared)"
		: strcmp(c->change, "none") == 0 ? " (no attempts to compare)" : "");
}

static void verdict(FILE *out, const wdilog_report *rep)
{
	const struct wdl_gate_state *st = wdl_view_verdict(rep);
	if (!st || !st->asked) {
		fputs("## wdilog: no gate\n\n", out);
		return;
	}
	fprintf(out, "## wdilog: gate %s\n\n", st->passed ? "passed" : "**FAILED**");
	fputs("| rule | limit | measured | result |\n|---|--:|--:|---|\n", out);
	/* every limit rule, then baseline checks: failing ones first */
	size_t shown = 0, hidden = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < st->nchecks; i++) {
			const wdilog_gate_check *c = &st->checks[i];
			bool want = pass == 0 ? !c->scope || !c->passed
					      : c->scope && c->passed;
			if (!want)
				continue;
			if (c->scope && shown >= ROWS_MAX) {
				hidden++;
				continue;
			}
			check_row(out, c);
			shown++;
		}
	}
	if (hidden)
		fprintf(out, "\n%zu more baseline check%s passed.\n", hidden,
			hidden == 1 ? "" : "s");
	fputc('\n', out);
}

static void totals(FILE *out, const wdilog_report *rep)
{
	const wdilog_totals *t = &rep->totals;
	/* plurals right: "1 success", "1 status record" */
	fprintf(out, "**%zu input%s, %" PRIu64 " event%s, %" PRIu64
		" status record%s:** %" PRIu64 " failure%s, %" PRIu64
		" benign, %" PRIu64 " success%s, %" PRIu64 " unknown. %" PRIu64
		" malformed value%s, %" PRIu64 " undecoded and %" PRIu64
		" damaged event%s, %" PRIu64 " unreadable input%s.\n\n",
		rep->ninputs, rep->ninputs == 1 ? "" : "s", t->events,
		t->events == 1 ? "" : "s", t->statuses, t->statuses == 1 ? "" : "s",
		t->failures, t->failures == 1 ? "" : "s", t->benign, t->successes,
		t->successes == 1 ? "" : "es", t->unknown, t->malformed,
		t->malformed == 1 ? "" : "s", t->undecoded, t->damaged,
		t->damaged == 1 ? "" : "s", t->unreadable_inputs,
		t->unreadable_inputs == 1 ? "" : "s");
	char loss[512];
	if (wdl_view_totals_loss(t, loss, sizeof(loss)))
		fprintf(out, "%s: %s.\n\n",
			wdl_view_lossy(t) ? "**Incomplete reading**" : "Reading",
			loss);
}

static void phase_table(FILE *out, const wdilog_report *rep)
{
	if (!rep->totals.statuses)
		return;
	fputs("| phase | statuses | failures | first | last |\n"
	      "|---|--:|--:|---|---|\n", out);
	for (int p = 0; p < WDILOG_PHASE_COUNT; p++) {
		const struct wdl_phase_stat *ph = &rep->phases[p];
		if (!ph->statuses)
			continue;
		fprintf(out, "| %s | %" PRIu64 " | %" PRIu64 " | ",
			wdilog_phase_name((wdilog_phase)p), ph->statuses, ph->failures);
		md_time(out, &ph->first);
		fputs(" | ", out);
		md_time(out, &ph->last);
		fputs(" |\n", out);
	}
	fputc('\n', out);
}

static int by_count(const void *a, const void *b)
{
	const struct wdl_code_stat *x = *(const struct wdl_code_stat *const *)a;
	const struct wdl_code_stat *y = *(const struct wdl_code_stat *const *)b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return wdl_code_cmp(x, y);
}

/* Where @p c was first seen: the first input holding it, its first line. */
static void first_seen(FILE *out, const wdilog_report *rep,
		       const struct wdl_code_stat *c)
{
	size_t idx = (size_t)(c - rep->codes);
	for (size_t i = 0; i < wdl_view_ninputs(rep); i++) {
		const struct wdl_input_stat *in = wdl_view_input(rep, i);
		for (size_t k = 0; k < in->ncodes; k++) {
			if (in->codes[k].code != idx || !in->codes[k].nlines)
				continue;
			wdl_escape_str(out, WDL_ESC_MARKDOWN, in->path);
			fprintf(out, ":%" PRIu64, in->codes[k].lines[0]);
			return;
		}
	}
	fputs("-", out);
}

/* Where @p c was last seen (report/lines.h): "not known" when some of
 * its records had no line, as in every format. */
static void last_seen(FILE *out, const wdilog_report *rep,
		      const struct wdl_code_stat *c)
{
	struct wdl_pos f, z;
	if (!wdl_lines_ends(&c->lines, &f, &z)) {
		fputs("not known", out);
		return;
	}
	wdl_escape_str(out, WDL_ESC_MARKDOWN, wdl_view_input(rep, z.input)->path);
	fprintf(out, ":%" PRIu64, z.line);
}

static int code_table(FILE *out, const wdilog_report *rep)
{
	if (!rep->ncodes)
		return WDILOG_OK;
	const struct wdl_code_stat **v = wdl_report_sorted_codes(rep);
	if (!v)
		return WDILOG_ENOMEM;
	qsort(v, rep->ncodes, sizeof(*v), by_count);
	fputs("| code | name | phase | kind | count | first seen | last seen |\n"
	      "|--:|---|---|---|--:|---|---|\n", out);
	for (size_t i = 0; i < rep->ncodes && i < ROWS_MAX; i++) {
		const struct wdl_code_stat *c = v[i];
		if (c->has_code)
			fprintf(out, "| %" PRIu32 " | ", c->code);
		else
			fputs("| - | ", out);
		wdl_escape_str(out, WDL_ESC_MARKDOWN, wdl_code_name(c) ? wdl_code_name(c) : WDL_NOT_IN_ENUM);
		fprintf(out, " | %s | %s%s%s | %" PRIu64 " | ",
			wdilog_phase_name(c->phase), c->failing ? "**" : "",
			wdilog_kind_name(c->kind), c->failing ? "**" : "", c->count);
		first_seen(out, rep, c);
		fputs(" | ", out);
		last_seen(out, rep, c);
		fputs(" |\n", out);
	}
	if (rep->ncodes > ROWS_MAX)
		fprintf(out, "\n%zu more codes; the JSON report lists all.\n",
			rep->ncodes - ROWS_MAX);
	fputc('\n', out);
	wdl_free(v);
	return WDILOG_OK;
}

/* Inputs worth a look: unreadable, damaged, or holding selected records. */
static void input_table(FILE *out, const wdilog_report *rep)
{
	size_t shown = 0, more = 0;
	for (size_t i = 0; i < wdl_view_ninputs(rep); i++) {
		const struct wdl_input_stat *in = wdl_view_input(rep, i);
		uint64_t sel = 0;
		for (size_t k = 0; k < in->ncodes; k++)
			if (wdl_view_input_code(rep, in, k)->selected)
				sel += in->codes[k].count;
		if (!in->unreadable && !in->damaged && !sel &&
		    !wdl_view_input_lossy(in))
			continue;
		if (shown == ROWS_MAX) {
			more++;
			continue;
		}
		if (!shown++)
			fputs("| input | format | events | counted failures | damaged | note |\n"
			      "|---|---|--:|--:|--:|---|\n", out);
		fputs("| ", out);
		wdl_escape_str(out, WDL_ESC_MARKDOWN, in->path);
		fputs(" | ", out);
		wdl_escape_str(out, WDL_ESC_MARKDOWN, in->format);
		fprintf(out, " | %" PRIu64 " | %" PRIu64 " | %" PRIu64 " | ",
			in->events, sel, in->damaged);
		if (in->unreadable) {
			fputs("unreadable: ", out);
			wdl_escape_str(out, WDL_ESC_MARKDOWN, in->error);
		}
		char loss[512];
		if (wdl_view_input_loss(in, loss, sizeof(loss)))
			fprintf(out, "%s%s", in->unreadable ? "; " : "", loss);
		fputs(" |\n", out);
	}
	if (more)
		fprintf(out, "\n%zu more inputs.\n", more);
	if (shown)
		fputc('\n', out);
}

static void md_pct(FILE *out, uint64_t num, uint64_t den)
{
	if (den)
		fprintf(out, "%.1f%% (%" PRIu64 " of %" PRIu64 ")",
			100.0 * (double)num / (double)den, num, den);
	else
		fputs("- (none counted)", out);
}

static void md_reason(FILE *out, wdilog_reason r)
{
	char b[24];
	fputs(wdl_att_reason_short(r, b, sizeof(b)), out);
	const char *name = wdl_att_reason_name(r);
	if (name) {
		fputs(" ", out);
		wdl_escape_str(out, WDL_ESC_MARKDOWN, name);
	}
}

/* Failed attempts (failure, dropped, timeout), the first ROWS_MAX. */
static void failed_attempts(FILE *out, const struct wdl_att_list *l)
{
	size_t shown = 0, more = 0;
	for (size_t k = 0; k < l->natt; k++) {
		const struct wdl_att_item *it = &l->att[k];
		if (!wdl_att_item_failed(it))
			continue;
		if (shown == ROWS_MAX) {
			more++;
			continue;
		}
		if (!shown++)
			fputs("Failed attempts (failure, dropped or timeout):\n\n"
			      "| start | SSID / BSSID | result | failing phase | reason "
			      "| tries | lines |\n|---|---|---|---|---|--:|---|\n",
			      out);
		fputs("| ", out);
		md_time(out, &it->start);
		fputs(it->start_inferred ? " (inferred) | " : " | ", out);
		wdl_escape_str(out, WDL_ESC_MARKDOWN, it->ssid[0] ? it->ssid : "-");
		const char *peer = it->bssid[0] ? it->bssid : it->first_peer;
		fputs(" / ", out);
		wdl_escape_str(out, WDL_ESC_MARKDOWN, peer[0] ? peer : "-");
		fprintf(out, " | %s | %s | ", wdilog_attempt_result_name(it->result),
			it->has_failing ? wdilog_attempt_phase_name(it->failing) : "-");
		md_reason(out, it->reason);
		fprintf(out, " | %" PRIu64 " | ", it->tries);
		wdl_escape_str(out, WDL_ESC_MARKDOWN, wdl_att_list_input(l, it->input));
		char lines[48];
		fprintf(out, ":%s |\n", wdl_att_item_lines(it, lines, sizeof(lines)));
	}
	if (more)
		fprintf(out, "\n%zu more failed attempts.\n", more);
	if (shown)
		fputc('\n', out);
	else if (l->natt)
		fputs("No listed attempt failed.\n\n", out);
	if (l->att_unlisted)
		fprintf(out, "%" PRIu64 " more attempts not listed (the list keeps the "
			"first %zu; the figures above count them all).\n\n",
			l->att_unlisted, l->cap);
}

/* The attempts section (--with-attempts): the figures of the text
 * report's ATTEMPTS section as a table and lines, then failed attempts. */
static void attempts(FILE *out, const wdilog_report *rep)
{
	const struct wdl_att_figs *f = wdl_attempts_of(rep);
	if (!wdl_attempts_shown(f))
		return;
	char b1[24], b2[24];
	fprintf(out, "### Attempts\n\nAttempts end after %s idle; retries within %s "
		"join a chain.\n\n",
		wdl_att_duration_text(f->idle_ms, b1, sizeof(b1)),
		wdl_att_duration_text(f->retry_ms, b2, sizeof(b2)));
	if (f->per_part)
		fputs("A file was read in parts (-j): attempts crossing a part "
		      "boundary were cut there.\n\n", out);
	fputs("| result | attempts |\n|---|--:|\n", out);
	for (int r = 0; r < WDILOG_ATTEMPT_RESULT_COUNT; r++)
		fprintf(out, "| %s | %" PRIu64 " |\n", wdilog_attempt_result_name(r),
			f->by_result[r]);
	uint64_t ok = f->by_result[WDILOG_ATTEMPT_SUCCESS];
	uint64_t den = ok + f->by_result[WDILOG_ATTEMPT_FAILURE] +
		       f->by_result[WDILOG_ATTEMPT_DROPPED] +
		       f->by_result[WDILOG_ATTEMPT_TIMEOUT];
	fputs("\n- success rate ", out);
	md_pct(out, ok, den);
	fprintf(out, "\n- retry chains %" PRIu64 " (%" PRIu64 " retries): first try ",
		f->chains, f->retries);
	md_pct(out, f->chains_first_try, f->chains);
	fputs(", eventual ", out);
	md_pct(out, f->chains_eventual, f->chains);
	fputc('\n', out);
	if (f->ttc.count) {
		fprintf(out, "- time to connect (%" PRIu64 "):", f->ttc.count);
		static const unsigned pcts[] = { 50, 90, 99 };
		for (size_t k = 0; k < 3; k++) {
			uint64_t ms;
			wdl_att_percentile(&f->ttc, pcts[k], &ms);
			fprintf(out, "%s p%u <= %s", k ? "," : "", pcts[k],
				wdl_att_duration_text(ms, b1, sizeof(b1)));
		}
		fputs(" (bucket upper bounds)\n", out);
	}
	bool first = true;
	for (int p = 0; p < WDILOG_AP_COUNT; p++) {
		if (!f->by_failing_phase[p])
			continue;
		fprintf(out, "%s %s %" PRIu64, first ? "- failures by phase:" : ",",
			wdilog_attempt_phase_name(p), f->by_failing_phase[p]);
		first = false;
	}
	if (!first)
		fputc('\n', out);
	if (f->sessions)
		fprintf(out, "- sessions %" PRIu64 ", roams %" PRIu64 " (succeeded %"
			PRIu64 ", failed %" PRIu64 ")\n", f->sessions, f->roams,
			f->roam_successes, f->roam_failures);
	fputc('\n', out);
	const struct wdl_att_list *l = wdl_att_list_of(rep);
	if (!l)
		fputs("The attempt list is not known for merged reports: JSON "
		      "reports do not carry it.\n\n", out);
	else
		failed_attempts(out, l);
}

/* Rows named in the one-line 802.11 and SSID summaries. */
#define MD_TALLY_ROWS 10

/* One 802.11 or SSID table (issue 14) as one line, shown when a record
 * named one: the summary stays short (a pull-request comment), the JSON
 * report lists every row. "**SSIDs**: Lobby 3 records (2 failures); ..." */
static void tally_md(FILE *out, const struct wdl_tally *t, bool ssid,
		     bool reason, const char *title)
{
	const struct wdl_tally_row *v[WDL_TALLY_ROWS];
	size_t n = wdl_tally_sorted(t, ssid, v);
	if (!n && !t->other.records)
		return;
	fprintf(out, "**%s**: ", title);
	for (size_t i = 0; i < n && i < MD_TALLY_ROWS; i++) {
		if (i)
			fputs("; ", out);
		if (ssid) {
			wdl_escape_str(out, WDL_ESC_MARKDOWN, v[i]->text);
		} else {
			const char *name = reason ? wdilog_dot11_reason_name(v[i]->code)
						  : wdilog_dot11_status_name(v[i]->code);
			fprintf(out, "%" PRIu32 " ", v[i]->code);
			wdl_escape_str(out, WDL_ESC_MARKDOWN, name ? name : "(no name)");
		}
		fprintf(out, " %" PRIu64 " record%s (%" PRIu64 " failure%s)",
			v[i]->records, v[i]->records == 1 ? "" : "s",
			v[i]->failures, v[i]->failures == 1 ? "" : "s");
	}
	if (n > MD_TALLY_ROWS)
		fprintf(out, "; %zu more in the JSON report", n - MD_TALLY_ROWS);
	if (t->other.records)
		fprintf(out, "; (other values past the limit) %" PRIu64
			" record%s (%" PRIu64 " failure%s)", t->other.records,
			t->other.records == 1 ? "" : "s", t->other.failures,
			t->other.failures == 1 ? "" : "s");
	fputs(".", out);
	if (t->inexact)
		fprintf(out, " %s.", WDL_INEXACT_NOTE);
	fputs("\n\n", out);
}

/* 802.11 codes and SSIDs; what a merge of older reports does not know is
 * said in the words of every other format. */
static void dot11_tables(FILE *out, const wdilog_report *rep)
{
	if (!wdl_view_known(rep, WDL_MEMBER_PEERS))
		fprintf(out, "Peers and bursts: %s.\n\n", WDL_NOT_KNOWN_NOTE);
	else if (rep->peers_inexact || rep->bursts_inexact)
		fprintf(out, "%s: %s.\n\n",
			rep->peers_inexact && rep->bursts_inexact ? "Peers and bursts"
			: rep->peers_inexact ? "Peers" : "Bursts",
			WDL_INEXACT_NOTE);
	const struct wdl_dot11_counts *d = wdl_view_dot11(rep);
	if (!d) {
		fprintf(out, "802.11 codes and SSIDs: %s.\n\n", WDL_NOT_KNOWN_NOTE);
		return;
	}
	tally_md(out, &d->status, false, false, "802.11 status codes");
	tally_md(out, &d->reason, false, true, "802.11 reason codes");
	tally_md(out, &d->ssid, true, false, "SSIDs");
}

int wdilog_report_render_markdown(const wdilog_report *rep, FILE *out,
				  wdilog_error *err)
{
	verdict(out, rep);
	totals(out, rep);
	phase_table(out, rep);
	if (code_table(out, rep) < 0)
		return wdl_fail_oom(err);
	input_table(out, rep);
	attempts(out, rep);
	dot11_tables(out, rep);
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the Markdown report");
	return WDILOG_OK;
}
