/* Render stage, comparison: `wdilog diff`, two reports side by side as
 * text, JSON or Markdown. The baseline rule itself (gate/baseline.c)
 * judges; this file only shows. */
#include <wdilog/gate.h>

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/counters.h"
#include "report/report.h"
#include "report/view.h"
#include "util/alloc.h"
#include "util/error.h"
#include "gate/gate_int.h"
#include "util/escape.h"
#include "render/json_writer.h"


/* ---- wdilog diff ---------------------------------------------------- */

/* One row of the code comparison: the code in either report or both. */
struct pair {
	const struct wdl_code_stat *a, *b;
};

static int cmp_pairs(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;
	return wdl_code_cmp(p->a ? p->a : p->b, q->a ? q->a : q->b);
}

static struct pair *pair_codes(const wdilog_report *a, const wdilog_report *b,
			       size_t *n)
{
	struct pair *v = wdl_malloc((a->ncodes + b->ncodes + 1) * sizeof(*v));
	if (!v)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < a->ncodes; i++)
		v[k++] = (struct pair){ &a->codes[i], wdl_report_find_code(b, &a->codes[i]) };
	for (size_t i = 0; i < b->ncodes; i++)
		if (!wdl_report_find_code(a, &b->codes[i]))
			v[k++] = (struct pair){ NULL, &b->codes[i] };
	qsort(v, k, sizeof(*v), cmp_pairs);
	*n = k;
	return v;
}

static uint64_t count_of(const struct wdl_code_stat *c)
{
	return c ? c->count : 0;
}

static const char *change_word(const struct pair *p)
{
	uint64_t a = count_of(p->a), b = count_of(p->b);
	if (!a && b)
		return "new";
	if (a && !b)
		return "gone";
	return a < b ? "more" : a > b ? "fewer" : "same";
}

static int64_t delta(uint64_t a, uint64_t b)
{
	if (b >= a)
		return b - a > INT64_MAX ? INT64_MAX : (int64_t)(b - a);
	return a - b > INT64_MAX ? INT64_MIN : -(int64_t)(a - b);
}

static uint64_t total_of(const wdilog_report *r, size_t i)
{
	return wdl_counter_get(&r->totals, wdl_counters[i].total);
}

bool wdilog_report_differs(const wdilog_report *a, const wdilog_report *b)
{
	for (size_t i = 0; i < wdl_ncounters; i++)
		if (total_of(a, i) != total_of(b, i))
			return true;
	for (int p = 0; p < WDILOG_PHASE_COUNT; p++)
		if (a->phases[p].statuses != b->phases[p].statuses ||
		    a->phases[p].failures != b->phases[p].failures)
			return true;
	for (size_t i = 0; i < a->ncodes; i++)
		if (count_of(wdl_report_find_code(b, &a->codes[i])) != a->codes[i].count)
			return true;
	for (size_t i = 0; i < b->ncodes; i++)
		if (b->codes[i].count && !wdl_report_find_code(a, &b->codes[i]))
			return true;
	return false;
}

static void put_delta(FILE *out, int width, int64_t d)
{
	char buf[32];
	if (d)
		snprintf(buf, sizeof(buf), "%+" PRId64, d);
	else
		snprintf(buf, sizeof(buf), "0");
	fprintf(out, "%*s", width, buf);
}

static void diff_text(FILE *out, const wdilog_report *a, const char *an,
		      const wdilog_report *b, const char *bn,
		      const struct pair *v, size_t n)
{
	fputs("wdilog diff: ", out);
	wdl_escape_str(out, WDL_ESC_TEXT, an);
	fputs(" -> ", out);
	wdl_escape_str(out, WDL_ESC_TEXT, bn);
	fprintf(out, "\n\n%-18s %10s %10s %10s\n", "TOTAL", "A", "B", "CHANGE");
	for (size_t i = 0; i < wdl_ncounters; i++) {
		uint64_t x = total_of(a, i), y = total_of(b, i);
		fprintf(out, "%-18s %10" PRIu64 " %10" PRIu64 " ", wdl_counters[i].key,
			x, y);
		put_delta(out, 10, delta(x, y));
		fputc('\n', out);
	}
	fprintf(out, "\n%-14s %10s %10s %8s %10s %10s %8s\n", "PHASE",
		"STATUSES A", "STATUSES B", "CHANGE", "FAILURES A", "FAILURES B",
		"CHANGE");
	for (int p = 0; p < WDILOG_PHASE_COUNT; p++) {
		const struct wdl_phase_stat *x = &a->phases[p], *y = &b->phases[p];
		if (!x->statuses && !y->statuses)
			continue;
		fprintf(out, "%-14s %10" PRIu64 " %10" PRIu64 " ",
			wdilog_phase_name((wdilog_phase)p), x->statuses, y->statuses);
		put_delta(out, 8, delta(x->statuses, y->statuses));
		fprintf(out, " %10" PRIu64 " %10" PRIu64 " ", x->failures, y->failures);
		put_delta(out, 8, delta(x->failures, y->failures));
		fputc('\n', out);
	}
	if (!n)
		return;
	fprintf(out, "\n%10s  %-34s %-12s %-7s %7s %7s %7s\n", "CODE", "NAME",
		"PHASE", "KIND", "A", "B", "CHANGE");
	for (size_t i = 0; i < n; i++) {
		const struct wdl_code_stat *c = v[i].a ? v[i].a : v[i].b;
		char num[16] = "-";
		if (c->has_code)
			snprintf(num, sizeof(num), "%" PRIu32, c->code);
		const char *name = wdl_code_name(c);
		/* as in the text report, names without the common prefix */
		if (name)
			name = wdl_status_short_name(name);
		fprintf(out, "%10s  ", num);
		if (!name)
			name = WDL_NOT_IN_ENUM;
		wdl_escape_str(out, WDL_ESC_TEXT, name);
		size_t len = strlen(name);
		fprintf(out, "%*s", len < 34 ? (int)(34 - len) : 0, "");
		fprintf(out, " %-12s %-7s %7" PRIu64 " %7" PRIu64 " ",
			wdilog_phase_name(c->phase), wdilog_kind_name(c->kind),
			count_of(v[i].a), count_of(v[i].b));
		put_delta(out, 7, delta(count_of(v[i].a), count_of(v[i].b)));
		fprintf(out, "  %s\n", change_word(&v[i]));
	}
}

static void json_pair(struct wdl_json *j, const char *key, uint64_t x,
		      uint64_t y)
{
	wdl_json_key(j, key);
	wdl_json_object(j, true);
	wdl_json_key(j, "a"); wdl_json_uint(j, x);
	wdl_json_key(j, "b"); wdl_json_uint(j, y);
	wdl_json_key(j, "change"); wdl_json_int(j, delta(x, y));
	wdl_json_end_object(j);
}

static void diff_json(FILE *out, const wdilog_report *a, const char *an,
		      const wdilog_report *b, const char *bn,
		      const struct pair *v, size_t n)
{
	struct wdl_json j;
	wdl_json_init(&j, out);
	wdl_json_object(&j, false);
	wdl_json_key(&j, "schema"); wdl_json_string(&j, "wdilog-diff/1");
	wdl_json_key(&j, "a"); wdl_json_string(&j, an);
	wdl_json_key(&j, "b"); wdl_json_string(&j, bn);
	wdl_json_key(&j, "totals");
	wdl_json_object(&j, false);
	for (size_t i = 0; i < wdl_ncounters; i++)
		json_pair(&j, wdl_counters[i].key, total_of(a, i), total_of(b, i));
	wdl_json_end_object(&j);
	wdl_json_key(&j, "phases");
	wdl_json_object(&j, false);
	for (int p = 0; p < WDILOG_PHASE_COUNT; p++) {
		wdl_json_key(&j, wdilog_phase_name((wdilog_phase)p));
		wdl_json_object(&j, true);
		json_pair(&j, "statuses", a->phases[p].statuses, b->phases[p].statuses);
		json_pair(&j, "failures", a->phases[p].failures, b->phases[p].failures);
		wdl_json_end_object(&j);
	}
	wdl_json_end_object(&j);
	wdl_json_key(&j, "codes");
	wdl_json_array(&j, false);
	for (size_t i = 0; i < n; i++) {
		const struct wdl_code_stat *c = v[i].a ? v[i].a : v[i].b;
		wdl_json_object(&j, true);
		wdl_json_key(&j, "code");
		if (c->has_code)
			wdl_json_uint(&j, c->code);
		else
			wdl_json_null(&j);
		wdl_json_key(&j, "name");
		if (wdl_code_name(c))
			wdl_json_string(&j, wdl_code_name(c));
		else
			wdl_json_null(&j);
		wdl_json_key(&j, "phase"); wdl_json_string(&j, wdilog_phase_name(c->phase));
		wdl_json_key(&j, "kind"); wdl_json_string(&j, wdilog_kind_name(c->kind));
		wdl_json_key(&j, "a"); wdl_json_uint(&j, count_of(v[i].a));
		wdl_json_key(&j, "b"); wdl_json_uint(&j, count_of(v[i].b));
		wdl_json_key(&j, "change");
		wdl_json_int(&j, delta(count_of(v[i].a), count_of(v[i].b)));
		wdl_json_key(&j, "status"); wdl_json_string(&j, change_word(&v[i]));
		wdl_json_end_object(&j);
	}
	wdl_json_end_array(&j);
	wdl_json_end_object(&j);
	wdl_json_finish(&j);
}

static void diff_markdown(FILE *out, const wdilog_report *a, const char *an,
			  const wdilog_report *b, const char *bn,
			  const struct pair *v, size_t n)
{
	fputs("### wdilog diff: ", out);
	wdl_escape_str(out, WDL_ESC_MARKDOWN, an);
	fputs(" → ", out);
	wdl_escape_str(out, WDL_ESC_MARKDOWN, bn);
	fputs("\n\n| total | A | B | change |\n|---|--:|--:|--:|\n", out);
	for (size_t i = 0; i < wdl_ncounters; i++) {
		uint64_t x = total_of(a, i), y = total_of(b, i);
		fprintf(out, "| %s | %" PRIu64 " | %" PRIu64 " | %+" PRId64 " |\n",
			wdl_counters[i].key, x, y, delta(x, y));
	}
	if (!n)
		return;
	fputs("\n| code | name | phase | kind | A | B | change |\n"
	      "|--:|---|---|---|--:|--:|---|\n", out);
	for (size_t i = 0; i < n; i++) {
		const struct wdl_code_stat *c = v[i].a ? v[i].a : v[i].b;
		if (c->has_code)
			fprintf(out, "| %" PRIu32 " | ", c->code);
		else
			fputs("| - | ", out);
		wdl_escape_str(out, WDL_ESC_MARKDOWN, wdl_code_name(c) ? wdl_code_name(c) : WDL_NOT_IN_ENUM);
		fprintf(out, " | %s | %s | %" PRIu64 " | %" PRIu64 " | %s |\n",
			wdilog_phase_name(c->phase), wdilog_kind_name(c->kind),
			count_of(v[i].a), count_of(v[i].b), change_word(&v[i]));
	}
}

int wdilog_report_render_diff(const wdilog_report *a, const char *an,
			      const wdilog_report *b, const char *bn,
			      wdilog_diff_format format, FILE *out,
			      wdilog_error *err)
{
	size_t n;
	struct pair *v = pair_codes(a, b, &n);
	if (!v)
		return wdl_fail_oom(err);
	if (format == WDILOG_DIFF_JSON)
		diff_json(out, a, an, b, bn, v, n);
	else if (format == WDILOG_DIFF_MARKDOWN)
		diff_markdown(out, a, an, b, bn, v, n);
	else
		diff_text(out, a, an, b, bn, v, n);
	wdl_free(v);
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the comparison");
	return WDILOG_OK;
}
