/* Reading the "attempts" member of a JSON report back (load.c calls it
 * once the totals are loaded), and whether two reports' attempt figures
 * can be added (wdl_report_merge asks before changing anything). */
#ifndef WDL_ATTEMPTS_LOAD_H
#define WDL_ATTEMPTS_LOAD_H

#include <wdilog/error.h>

#include "report/attempts.h"

/* Load @p root's "attempts" member (absent: nothing to do) into @p f,
 * checked as the other members are: types, ranges, and the sums the
 * writer keeps (doc/attempts.md, "Loading and merging"). @p name is the
 * report's, for messages. Returns WDILOG_OK, WDILOG_EFORMAT naming the
 * member, or WDILOG_ENOMEM. */
struct json_t; /* jansson's json_t: only load.c and attempts_load.c
		  include jansson */
int wdl_attempts_load(const struct json_t *root, struct wdl_att_figs *f,
		      const char *name, wdilog_error *err);

/* Can @p s be added to @p d? No when both have attempts read with other
 * parameters (idle time, retry window: their figures count different
 * things), or when a count would pass 2^63-1. Returns WDILOG_OK or
 * WDILOG_EFORMAT with a message that says why. */
int wdl_attempts_mergeable(const struct wdl_att_figs *d,
			   const struct wdl_att_figs *s, wdilog_error *err);

#endif
