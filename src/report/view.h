/* The renderers' read-only view of a report: what they may ask of it,
 * and whether a member is known at all. A report loaded from JSON (and a
 * merge with one) does not know its peers and bursts: JSON reports do
 * not carry what is needed to rebuild them. Renderers ask here rather
 * than test a flag that only some of them would know about. */
#ifndef WDL_REPORT_VIEW_H
#define WDL_REPORT_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"

/* Members a report may not know. */
enum wdl_member {
	WDL_MEMBER_PEERS,           /* peers, no_peer, peers_past_limit */
	WDL_MEMBER_BURSTS,
};

static inline bool wdl_view_known(const wdilog_report *rep, enum wdl_member m)
{
	(void)m;    /* both are lost the same way today */
	return !rep->detail_missing;
}

/* The peers, or NULL when they are not known. Borrowed. */
static inline const struct wdl_peers *wdl_view_peers(const wdilog_report *rep)
{
	return wdl_view_known(rep, WDL_MEMBER_PEERS) ? &rep->peers : NULL;
}

/* The bursts, or NULL when they are not known. Borrowed. */
static inline const struct wdl_bursts *wdl_view_bursts(const wdilog_report *rep)
{
	return wdl_view_known(rep, WDL_MEMBER_BURSTS) ? &rep->bursts : NULL;
}

/* The evaluated verdict, or NULL when no gate was evaluated. Borrowed. */
static inline const struct wdl_gate_state *wdl_view_verdict(const wdilog_report *rep)
{
	return rep->gate;
}

/* Inputs in input order. */
static inline size_t wdl_view_ninputs(const wdilog_report *rep)
{
	return rep->ninputs;
}

static inline const struct wdl_input_stat *wdl_view_input(const wdilog_report *rep,
							   size_t i)
{
	return &rep->inputs[i];
}

/* Code table entry @p index (an index from a code count). */
static inline const struct wdl_code_stat *wdl_view_code(const wdilog_report *rep,
							 size_t index)
{
	return &rep->codes[index];
}

/* The report's entry for the @p k th code of input @p in. */
static inline const struct wdl_code_stat *wdl_view_input_code(const wdilog_report *rep,
							       const struct wdl_input_stat *in,
							       size_t k)
{
	return &rep->codes[in->codes[k].code];
}

#endif
