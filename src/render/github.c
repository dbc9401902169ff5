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
	fputc('\n', out);
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the annotations");
	return WDILOG_OK;
}
