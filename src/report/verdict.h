/* The verdict a report holds: the gate (gate/) computes it, the report
 * owns and frees it, the renderers read it. Defined here, below the gate,
 * so that the report never calls up into the gate. */
#ifndef WDL_VERDICT_H
#define WDL_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include <wdilog/gate.h>
#include <wdilog/status.h>

/* The result of wdilog_report_evaluate (gate/gate.c). */
struct wdl_gate_state {
	bool asked;                 /* some rule was given */
	bool passed;
	bool covered[WDILOG_PHASE_COUNT]; /* phases the selection can count */
	bool limit_set[WDILOG_LIMIT_COUNT];
	wdilog_gate_check *checks;  /* owned array */
	size_t nchecks, checks_cap;
	char **strs;                /* owned copies the checks point to */
	size_t nstrs, strs_cap;
};

void wdl_gate_state_free(struct wdl_gate_state *g);

/* The default selection (formats.md section 5): what a gate counts when
 * no --fail-on selection is given, and what a report marks selected
 * until a gate is evaluated. */
static inline bool wdl_selected_by_default(wdilog_kind kind)
{
	return kind == WDILOG_KIND_FAILURE || kind == WDILOG_KIND_UNKNOWN;
}

#endif
