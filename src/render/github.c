/* Render stage, GitHub Actions: workflow commands that the runner turns
 * into annotations. An ::error per failed rule, then one per failing
 * status record with its file and line, then a ::notice with the verdict
 * and totals. GitHub shows at most 10 error annotations per step, so no
 * more than that are written; the notice counts the rest. When the gate
 * passed (or none was asked) the selected records are ::warning lines
 * instead, under the same cap. */
#include <wdilog/gate.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/view.h"
#include "report/attempts_list.h"
#include "render/attempts_render.h"
#include "parse/timestamp.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/escape.h"
#include "gate/gate_int.h"

/* GitHub's per-step limit for each annotation level. */
#define ANNOTATIONS_MAX 10


static void rule_error(FILE *out, const wdilog_gate_check *c)
{
	char line[512];
	fputs("::error title=", out);
	wdl_escape_str(out, WDL_ESC_GITHUB_PROPERTY, c->scope ? "wdilog baseline" : "wdilog gate");
	fputs("::", out);
	wdilog_gate_check_describe(c, line, sizeof(line));
	wdl_escape_str(out, WDL_ESC_GITHUB, line);
	fputc('\n', out);
}

/* One record's place: a line of an input holding a code. */
struct place {
	uint64_t line;
	const struct wdl_code_stat *code;
};

static int by_line(const void *a, const void *b)
{
	const struct place *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return wdl_code_cmp(x->code, y->code);
}

static void record(FILE *out, const char *level, const char *path,
		   const struct place *pl)
{
	const struct wdl_code_stat *c = pl->code;
	fprintf(out, "::%s file=", level);
	wdl_escape_str(out, WDL_ESC_GITHUB_PROPERTY, path);
	fprintf(out, ",line=%" PRIu64 ",title=", pl->line);
	char title[48];
	snprintf(title, sizeof(title), "wdilog %s %s",
		 wdilog_phase_name(c->phase), wdilog_kind_name(c->kind));
	wdl_escape_str(out, WDL_ESC_GITHUB_PROPERTY, title);
	fputs("::", out);
	const char *name = wdl_code_name(c);
	if (name) {
		wdl_escape_str(out, WDL_ESC_GITHUB, name);
		if (c->has_code)
			fprintf(out, " (%" PRIu32 ")", c->code);
	} else {
		fprintf(out, "status %" PRIu32 " (not in the enum)", c->code);
	}
	fprintf(out, ": %s phase, %s\n", wdilog_phase_name(c->phase),
		wdilog_kind_name(c->kind));
}

/* A ::warning for each input that lost something (truncated, events
 * lost), up to @p max; whether or not a gate failed on it, a CI log
 * should show an incomplete reading at its file. Returns the number
 * written. */
static unsigned loss_warnings(FILE *out, const wdilog_report *rep,
			      unsigned max)
{
	unsigned n = 0;
	for (size_t i = 0; i < wdl_view_ninputs(rep) && n < max; i++) {
		const struct wdl_input_stat *in = wdl_view_input(rep, i);
		char loss[512];
		if (!wdl_view_input_lossy(in) ||
		    !wdl_view_input_loss(in, loss, sizeof(loss)))
			continue;
		fputs("::warning file=", out);
		wdl_escape_str(out, WDL_ESC_GITHUB_PROPERTY, in->path);
		fputs(",title=", out);
		wdl_escape_str(out, WDL_ESC_GITHUB_PROPERTY, "wdilog incomplete input");
		fputs("::", out);
		wdl_escape_str(out, WDL_ESC_GITHUB, loss);
		fputc('\n', out);
		n++;
	}
	return n;
}

/* Annotate up to *budget records, in input and line order: those of
 * failing codes, or of every selected code when @p failing_only is false.
 * *missed counts the ones left out. */
static int records(FILE *out, const wdilog_report *rep, const char *level,
		   bool failing_only, unsigned *budget, uint64_t *missed)
{
	*missed = 0;
	for (size_t i = 0; i < wdl_view_ninputs(rep); i++) {
		const struct wdl_input_stat *in = wdl_view_input(rep, i);
		size_t n = 0;
		struct place *v = wdl_malloc((in->ncodes * WDL_INPUT_LINES + 1) *
					     sizeof(*v));
		if (!v)
			return WDILOG_ENOMEM;
		uint64_t total = 0;
		for (size_t k = 0; k < in->ncodes; k++) {
			const struct wdl_code_stat *c = wdl_view_input_code(rep, in, k);
			if (failing_only ? !c->failing : !c->selected)
				continue;
			total += in->codes[k].count;
			for (uint32_t l = 0; l < in->codes[k].nlines; l++)
				v[n++] = (struct place){ in->codes[k].lines[l], c };
		}
		qsort(v, n, sizeof(*v), by_line);
		uint64_t done = 0;
		for (size_t k = 0; k < n && *budget; k++, done++, (*budget)--)
			record(out, level, in->path, &v[k]);
		*missed += total - done;
		wdl_free(v);
	}
	return WDILOG_OK;
}

/* One failed attempt (--with-attempts) at the line that ended it. */
static void attempt_error(FILE *out, const struct wdl_att_list *l,
			  const struct wdl_att_item *it)
{
	fputs("::error file=", out);
	wdl_escape_str(out, WDL_ESC_GITHUB_PROPERTY, wdl_att_list_input(l, it->input));
	if (it->line)
		fprintf(out, ",line=%" PRIu64, it->line);
	char title[48];
	snprintf(title, sizeof(title), "wdilog attempt %s",
		 wdilog_attempt_result_name(it->result));
	fputs(",title=", out);
	wdl_escape_str(out, WDL_ESC_GITHUB_PROPERTY, title);
	fputs("::", out);
	const char *peer = it->bssid[0] ? it->bssid : it->first_peer;
	char msg[512], rb[24], when[48] = "-";
	const char *name = wdl_att_reason_name(it->reason);
	if (it->start.valid)
		wdl_time_format(&it->start, when, sizeof(when));
	snprintf(msg, sizeof(msg), "%s/%s: %s %s %s phase, reason %s%s%s (started %s, "
		 "%" PRIu64 " tries)", it->ssid[0] ? it->ssid : "-",
		 peer[0] ? peer : "-", wdilog_attempt_result_name(it->result),
		 it->has_failing ? "in the" : "after reaching the",
		 wdilog_attempt_phase_name(it->has_failing ? it->failing
							   : it->furthest),
		 wdl_att_reason_short(it->reason, rb, sizeof(rb)),
		 name ? " " : "", name ? name : "", when, it->tries);
	wdl_escape_str(out, WDL_ESC_GITHUB, msg);
	fputc('\n', out);
}

/* With --with-attempts: an ::error per failed attempt while @p budget
 * lasts; *missed counts the rest. */
static void attempt_errors(FILE *out, const struct wdl_att_list *l,
			   unsigned *budget, uint64_t *missed)
{
	*missed = 0;
	for (size_t k = 0; k < l->natt; k++) {
		if (!wdl_att_item_failed(&l->att[k]))
			continue;
		if (!*budget) {
			(*missed)++;
			continue;
		}
		attempt_error(out, l, &l->att[k]);
		(*budget)--;
	}
}

int wdilog_report_render_github(const wdilog_report *rep, FILE *out,
				wdilog_error *err)
{
	const struct wdl_gate_state *st = wdl_view_verdict(rep);
	bool asked = st && st->asked;
	bool failed = asked && !st->passed;
	unsigned budget = ANNOTATIONS_MAX;
	if (failed) {
		for (size_t i = 0; i < st->nchecks && budget; i++) {
			if (!st->checks[i].passed) {
				rule_error(out, &st->checks[i]);
				budget--;
			}
		}
	}
	/* warnings have a cap of their own; the records take what is left
	 * of it when they are warnings */
	unsigned warned = loss_warnings(out, rep, ANNOTATIONS_MAX);
	if (!failed)
		budget -= warned;
	uint64_t missed;
	int rc = records(out, rep, failed ? "error" : "warning", failed, &budget,
			 &missed);
	if (rc < 0)
		return wdl_fail_oom(err);
	/* failed attempts are errors: what the records left of the error
	 * cap (all of it when the records were warnings) */
	bool att_shown = wdl_attempts_shown(wdl_attempts_of(rep));
	const struct wdl_att_list *al = att_shown ? wdl_att_list_of(rep) : NULL;
	unsigned errors_left = failed ? budget : ANNOTATIONS_MAX;
	uint64_t att_missed = 0;
	if (al)
		attempt_errors(out, al, &errors_left, &att_missed);
	const wdilog_totals *t = &rep->totals;
	fputs("::notice title=wdilog::", out);
	fprintf(out, "%s: %zu input%s, %" PRIu64 " event%s, %" PRIu64
		" status record%s (%" PRIu64 " failure%s, %" PRIu64 " unknown), %"
		PRIu64 " malformed value%s, %" PRIu64 " damaged event%s",
		!asked ? "no gate" : failed ? "gate failed" : "gate passed",
		rep->ninputs, rep->ninputs == 1 ? "" : "s", t->events,
		t->events == 1 ? "" : "s", t->statuses, t->statuses == 1 ? "" : "s",
		t->failures, t->failures == 1 ? "" : "s", t->unknown, t->malformed,
		t->malformed == 1 ? "" : "s", t->damaged, t->damaged == 1 ? "" : "s");
	if (t->unreadable_inputs)
		fprintf(out, ", %" PRIu64 " unreadable input%s", t->unreadable_inputs,
			t->unreadable_inputs == 1 ? "" : "s");
	char loss[512];
	if (wdl_view_totals_loss(t, loss, sizeof(loss)))
		fprintf(out, "; %s", loss);
	if (missed)
		fprintf(out, "; %" PRIu64 " more %s record%s not annotated",
			missed, failed ? "failing" : "selected", missed == 1 ? "" : "s");
	if (att_missed)
		fprintf(out, "; %" PRIu64 " more failed attempt%s not annotated",
			att_missed, att_missed == 1 ? "" : "s");
	if (al && al->att_unlisted)
		fprintf(out, "; %" PRIu64 " more attempt%s not listed (the list "
			"keeps the first %zu)", al->att_unlisted,
			al->att_unlisted == 1 ? "" : "s", al->cap);
	if (att_shown && !al)
		fputs("; the attempt list is not known for merged reports", out);
	fputc('\n', out);
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the annotations");
	return WDILOG_OK;
}
