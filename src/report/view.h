/* The renderers' read-only view of a report: what they may ask of it,
 * and whether a member is known at all. A report loaded from JSON written
 * by an older wdilog (no "dot11" member), and a merge with one, does not
 * know its peers, bursts, 802.11 codes and SSIDs: those reports do not
 * carry what is needed to rebuild them. Renderers ask here rather than
 * test a flag that only some of them would know about. */
#ifndef WDL_REPORT_VIEW_H
#define WDL_REPORT_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"

/* Members a report may not know. */
enum wdl_member {
	WDL_MEMBER_PEERS,           /* peers, no_peer, peers_past_limit */
	WDL_MEMBER_BURSTS,
	WDL_MEMBER_ATTEMPT_LIST,    /* attempts_list.h */
	WDL_MEMBER_DOT11,           /* dot11 (802.11 codes) and ssids */
};

static inline bool wdl_view_known(const wdilog_report *rep, enum wdl_member m)
{
	(void)m;    /* all are lost the same way: a report of an older
		       version that did not write them */
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

/* The 802.11 code and SSID tables, or NULL when not known. Borrowed. */
static inline const struct wdl_dot11_counts *wdl_view_dot11(const wdilog_report *rep)
{
	return wdl_view_known(rep, WDL_MEMBER_DOT11) ? &rep->dot11 : NULL;
}

/* What every format says of a member the report does not know (a merge
 * of reports written by an older wdilog), and of a table a merge could
 * not make exact: the same words in text, Markdown and HTML. */
#define WDL_NOT_KNOWN_NOTE \
	"not known: the merged reports were written by an older wdilog " \
	"that did not carry them"
#define WDL_INEXACT_NOTE \
	"not exact: a merged part had reached this table's limit, so " \
	"some of its records may belong to rows listed here"

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

/* What reading an input found beside its events, in the words every
 * report uses: "cut short (truncated); 3 events lost (the capture says
 * so); ..." with only what is not zero: truncation, events lost, a loss of
 * unknown size, repaired events, preamble lines. Written to @p buf
 * (NUL-terminated when @p cap > 0, cut to fit); nothing from the input is
 * in it. Returns the length written, 0 when there is nothing to say. */
size_t wdl_view_input_loss(const struct wdl_input_stat *in, char *buf,
			   size_t cap);

/* The same over all inputs ("1 input cut short; 3 events lost ..."). */
size_t wdl_view_totals_loss(const wdilog_totals *t, char *buf, size_t cap);

/* True when something was lost (events lost, a loss of unknown size, a
 * truncated input): what --strict fails on, and what the renderers flag
 * as a warning. Repairs and preambles are not losses. */
static inline bool wdl_view_lossy(const wdilog_totals *t)
{
	return t->events_lost || t->lost_uncounted_inputs || t->truncated_inputs;
}

static inline bool wdl_view_input_lossy(const struct wdl_input_stat *in)
{
	return in->events_lost || in->lost_uncounted || in->truncated;
}

#endif
