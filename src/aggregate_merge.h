/* Merging reports (parallel reading, and later report files). */
#ifndef WDL_AGGREGATE_MERGE_H
#define WDL_AGGREGATE_MERGE_H

#include <stdbool.h>

#include "aggregate.h"

/* Add @p src into @p dst. With @p same_input, src's inputs are parts of
 * dst's last input (chunks of one file) and are added to it. */
int wdl_report_merge(struct wdilog_report *dst, const struct wdilog_report *src,
		     bool same_input, wdilog_error *err);

#endif
