/* Gate stage, comparison: a report against an earlier one (a baseline
 * loaded by report_load.c), per selected code and per phase, and the
 * plain comparison `wdilog diff` prints. When the two runs read different
 * numbers of events, counts are compared as rates per 1,000 events, so a
 * longer capture is not a regression by itself. Comparisons are exact
 * (128-bit integer arithmetic); only the values shown are rounded. */
#include <wdilog/gate.h>

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "util/alloc.h"
#include "util/error.h"
#include "gate/gate_int.h"

__extension__ typedef unsigned __int128 u128;


/* How two counts are compared. */
struct scale {
	bool rate;                  /* per 1,000 events */
	uint64_t ec, eb;            /* events now, in the baseline */
	bool percent;
	uint64_t tol;               /* thousandths */
};

static uint64_t clamp(u128 v)
{
	return v > UINT64_MAX ? UINT64_MAX : (uint64_t)v;
}

/* Thousandths of a count, or of records per 1,000 events. */
static uint64_t shown(const struct scale *k, uint64_t n, uint64_t events)
{
	return k->rate ? clamp((u128)n * 1000000 / events) : clamp((u128)n * 1000);
}

/* Is @p c (now) above @p b (baseline) by more than the tolerance?
 * Counts and event totals are far below 2^40, so no product here comes
 * near 2^128. */
static bool exceeds(const struct scale *k, uint64_t c, uint64_t b)
{
	if (!k->rate) {
		if (k->percent)
			return (u128)c * 100000 > (u128)b * (100000 + k->tol);
		return (u128)c * 1000 > (u128)b * 1000 + k->tol;
	}
	if (k->percent)
		return (u128)c * k->eb * 100000 >
		       (u128)b * k->ec * (100000 + k->tol);
	return (u128)c * k->eb * 1000000 >
	       (u128)b * k->ec * 1000000 + (u128)k->tol * k->ec * k->eb;
}

static uint64_t limit_of(const struct scale *k, uint64_t b)
{
	u128 base = k->rate ? (u128)b * 1000000 / k->eb : (u128)b * 1000;
	if (k->percent)
		return clamp(base * (100000 + k->tol) / 100000);
	return clamp(base + k->tol);
}

/* Fill the values and verdict of check @p ck for counts @p c and @p b. */
static void compare(const struct scale *k, wdilog_gate_check *ck, uint64_t c,
		    uint64_t b)
{
	ck->rule = "baseline";
	ck->rate = k->rate;
	ck->measured = shown(k, c, k->ec);
	ck->baseline = shown(k, b, k->eb);
	ck->now_count = c;
	ck->baseline_count = b;
	if (b == 0 && c > 0) {
		ck->change = "new";
		ck->limit = 0;
		ck->passed = false;
	} else if (c == 0) {
		ck->change = "disappeared";
		ck->limit = limit_of(k, b);
		ck->passed = true;
	} else {
		ck->limit = limit_of(k, b);
		ck->passed = !exceeds(k, c, b);
		ck->change = ck->passed ? "within" : "above";
	}
}

static int code_check(struct wdl_gate_state *st, const struct scale *k,
		      const struct wdl_code_stat *c, uint64_t now, uint64_t was,
		      bool copy, wdilog_error *err)
{
	wdilog_gate_check *ck = wdl_gate_add_check(st, err);
	if (!ck)
		return WDILOG_ENOMEM;
	const char *name = wdl_code_name(c);
	if (copy && name && !c->has_code) {
		/* a name from the baseline must outlive the baseline */
		if (!(name = wdl_gate_keep(st, name, err)))
			return WDILOG_ENOMEM;
		ck = &st->checks[st->nchecks - 1];
	}
	ck->scope = "code";
	ck->phase = wdilog_phase_name(c->phase);
	ck->has_code = c->has_code;
	ck->code = c->code;
	ck->name = name;
	compare(k, ck, now, was);
	return WDILOG_OK;
}

int wdl_baseline_evaluate(wdilog_report *rep, const wdilog_gate *g,
			  struct wdl_gate_state *st, wdilog_error *err)
{
	const wdilog_report *base = g->baseline;
	struct scale k = { .ec = rep->totals.events, .eb = base->totals.events,
			   .percent = g->tol_percent, .tol = g->tol_milli };
	k.rate = k.ec != k.eb && k.ec && k.eb;
	uint64_t now[WDILOG_PHASE_COUNT] = { 0 }, was[WDILOG_PHASE_COUNT] = { 0 };
	for (size_t i = 0; i < rep->ncodes; i++)
		if (rep->codes[i].selected)
			now[rep->codes[i].phase] += rep->codes[i].count;
	for (size_t i = 0; i < base->ncodes; i++)
		if (wdl_gate_selects(g, &base->codes[i]))
			was[base->codes[i].phase] += base->codes[i].count;

	for (int p = 0; p < WDILOG_PHASE_COUNT; p++) {
		if (!now[p] && !was[p])
			continue;
		wdilog_gate_check *ck = wdl_gate_add_check(st, err);
		if (!ck)
			return WDILOG_ENOMEM;
		ck->scope = "phase";
		ck->phase = wdilog_phase_name((wdilog_phase)p);
		compare(&k, ck, now[p], was[p]);
		if (!ck->passed)
			for (size_t i = 0; i < rep->ncodes; i++)
				if (rep->codes[i].selected && rep->codes[i].count &&
				    rep->codes[i].phase == (wdilog_phase)p)
					rep->codes[i].failing = true;
	}

	const struct wdl_code_stat **cur = wdl_report_sorted_codes(rep);
	const struct wdl_code_stat **old = wdl_report_sorted_codes(base);
	int rc = cur && old ? WDILOG_OK : wdl_fail_oom(err);
	for (size_t i = 0; rc == WDILOG_OK && i < rep->ncodes; i++) {
		const struct wdl_code_stat *c = cur[i];
		if (!c->selected || !c->count)
			continue;
		const struct wdl_code_stat *b = wdl_report_find_code(base, c);
		rc = code_check(st, &k, c, c->count, b ? b->count : 0, false, err);
		if (rc == WDILOG_OK && !st->checks[st->nchecks - 1].passed)
			rep->codes[c - rep->codes].failing = true;
	}
	for (size_t i = 0; rc == WDILOG_OK && i < base->ncodes; i++) {
		const struct wdl_code_stat *b = old[i];
		if (!b->count || !wdl_gate_selects(g, b))
			continue;
		const struct wdl_code_stat *c = wdl_report_find_code(rep, b);
		if (c && c->count)
			continue;
		rc = code_check(st, &k, b, 0, b->count, true, err);
	}
	wdl_free(cur);
	wdl_free(old);
	return rc;
}

/* ---- attempts (doc/attempts.md, "Gate") ---- */

/* One attempt check: @p c of @p ec attempts now against @p b of @p eb
 * in the baseline, counted as the status checks are, but per 1,000
 * attempts in the success rate when the two runs counted different
 * numbers of them. */
static int attempt_check(struct wdl_gate_state *st, const wdilog_gate *g,
			 const char *scope, const char *phase, uint64_t c,
			 uint64_t ec, uint64_t b, uint64_t eb,
			 wdilog_error *err)
{
	wdilog_gate_check *ck = wdl_gate_add_check(st, err);
	if (!ck)
		return WDILOG_ENOMEM;
	struct scale k = { .ec = ec, .eb = eb, .percent = g->tol_percent,
			   .tol = g->tol_milli };
	k.rate = ec != eb && ec && eb;
	compare(&k, ck, c, b);
	/* a rate, not a code: an absolute tolerance also covers a rise
	 * from none (a relative one cannot) */
	if (!b && c && !k.percent) {
		ck->limit = limit_of(&k, 0);
		ck->passed = !exceeds(&k, c, 0);
	}
	ck->scope = scope;
	ck->phase = phase;
	ck->now_total = ec;
	ck->baseline_total = eb;
	return WDILOG_OK;
}

int wdl_baseline_attempts(const wdilog_report *rep, const wdilog_gate *g,
			  struct wdl_gate_state *st, wdilog_error *err)
{
	const struct wdl_att_figs *now = wdl_attempts_of(rep);
	const struct wdl_att_figs *was = wdl_attempts_of(g->baseline);
	uint64_t ok_now, ok_was;
	uint64_t n = wdl_gate_attempts_counted(now, &ok_now);
	uint64_t nb = wdl_gate_attempts_counted(was, &ok_was);
	/* a baseline without attempts (older, or no WLAN events) sets no
	 * attempt rule */
	if (!nb)
		return WDILOG_OK;
	if (!n) {
		/* the rate cannot be compared: a run that lost its attempts
		 * does not pass on that */
		wdilog_gate_check *ck = wdl_gate_add_check(st, err);
		if (!ck)
			return WDILOG_ENOMEM;
		ck->rule = "baseline";
		ck->scope = "success-rate";
		ck->change = "none";
		ck->baseline_count = nb - ok_was;
		ck->baseline_total = nb;
		ck->baseline = clamp((u128)(nb - ok_was) * 1000000 / nb);
		ck->rate = true;
		ck->passed = false;
		return WDILOG_OK;
	}
	int rc = attempt_check(st, g, "success-rate", NULL, n - ok_now, n,
			       nb - ok_was, nb, err);
	for (int p = 0; rc == WDILOG_OK && p < WDILOG_AP_COUNT; p++) {
		uint64_t c = now->by_failing_phase[p], b = was->by_failing_phase[p];
		if (c || b)
			rc = attempt_check(st, g, "attempt-phase",
					   wdilog_attempt_phase_name(p), c, n, b,
					   nb, err);
	}
	return rc;
}
