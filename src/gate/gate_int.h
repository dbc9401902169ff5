/* Gate stage internals, shared by gate.c (selection, limits) and
 * baseline.c (comparison with an earlier report). */
#ifndef WDL_GATE_RULES_H
#define WDL_GATE_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <wdilog/gate.h>

#include "report/report.h"

/* Codes and unknown names, as given to --fail-on or --allow. */
struct wdl_value_set {
	uint32_t *codes;            /* owned */
	size_t ncodes, codes_cap;
	char **names;               /* owned, upper case, with the prefix */
	size_t nnames, names_cap;
};

struct wdilog_gate {
	bool custom;                /* a selection was given: no default */
	bool phases[WDILOG_PHASE_COUNT];
	bool kinds[WDILOG_KIND_COUNT];
	struct wdl_value_set select;
	struct wdl_value_set allow;
	bool limit_set[WDILOG_LIMIT_COUNT];
	uint64_t limit[WDILOG_LIMIT_COUNT];
	const wdilog_report *baseline; /* borrowed */
	bool tol_percent;           /* tolerance relative to the baseline */
	uint64_t tol_milli;         /* thousandths of a count, rate or percent */
	bool min_set[WDILOG_MIN_COUNT];
	uint64_t min[WDILOG_MIN_COUNT];
	bool min_rate_set;          /* --min-success-rate */
	uint64_t min_rate;          /* thousandths of a percent */
};

/* Does @p g count records of @p c (in any report)? */
bool wdl_gate_selects(const wdilog_gate *g, const struct wdl_code_stat *c);

/* Append a check to @p st; NULL on OOM. */
wdilog_gate_check *wdl_gate_add_check(struct wdl_gate_state *st,
				      wdilog_error *err);

/* Keep a copy of @p s for as long as @p st; NULL on OOM. */
const char *wdl_gate_keep(struct wdl_gate_state *st, const char *s,
			  wdilog_error *err);

/* Add the baseline checks of @p rep against g->baseline to @p st. */
int wdl_baseline_evaluate(wdilog_report *rep, const wdilog_gate *g,
			  struct wdl_gate_state *st, wdilog_error *err);

/* The attempts of @p f in the success rate (success, failure, dropped,
 * timeout: attempts.md); *ok gets the successes. */
uint64_t wdl_gate_attempts_counted(const struct wdl_att_figs *f, uint64_t *ok);

/* Add the attempt baseline checks (success rate, failures per failing
 * phase) of @p rep against g->baseline to @p st; none when the baseline
 * has no attempt figures. */
int wdl_baseline_attempts(const wdilog_report *rep, const wdilog_gate *g,
			  struct wdl_gate_state *st, wdilog_error *err);

/* Thousandths as a decimal: "3", "2.5", "0.125". @p cap >= 32. */
void wdl_milli_format(uint64_t milli, char *dst, size_t cap);


#endif
