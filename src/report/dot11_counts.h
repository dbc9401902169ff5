/* Aggregate stage, 802.11 codes and SSIDs: status records counted by the
 * IEEE 802.11 status code, the 802.11 reason code and the SSID their
 * event named (doc/report.md "802.11 codes and SSIDs"). Each table holds
 * at most WDL_TALLY_ROWS rows in first-seen order; records of values past
 * it are counted in one "other" row, never dropped. */
#ifndef WDL_DOT11_COUNTS_H
#define WDL_DOT11_COUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/reader.h>

#include "parse/context.h"

/* Distinct values kept per table. A capture names a handful of networks
 * and a few 802.11 codes; 64 keeps hostile input to a fixed size. */
#define WDL_TALLY_ROWS 64

struct wdl_tally_row {
	uint32_t code;              /* the 802.11 code (code tables) */
	char text[WDL_SSID_MAX + 1]; /* the SSID (SSID table) */
	uint64_t records;           /* status records */
	uint64_t failures;          /* of kind failure */
};

struct wdl_tally {
	struct wdl_tally_row rows[WDL_TALLY_ROWS]; /* first-seen order */
	uint32_t n;
	struct wdl_tally_row other; /* values past the cap */
	bool inexact;               /* a merge could not be exact (the
				       merged part had an "other" row) */
};

struct wdl_dot11_counts {
	struct wdl_tally status;    /* 802.11 status codes */
	struct wdl_tally reason;    /* 802.11 reason codes */
	struct wdl_tally ssid;
};

/* Count one status record (a failure when @p failure) against what
 * context @p x (may be NULL) names. */
void wdl_dot11_counts_add(struct wdl_dot11_counts *d, const wdilog_context *x,
			  bool failure);

/* Add @p records and @p failures to the row of code @p code (code
 * tables) or SSID @p text (SSID table: @p text non-NULL), made if new;
 * past the cap, to the other row. */
void wdl_tally_add(struct wdl_tally *t, uint32_t code, const char *text,
		   uint64_t records, uint64_t failures);

/* Add @p src into @p dst row by row, in @p src's first-seen order: the
 * same rows as one pass over both, unless @p src has an "other" row and
 * @p dst is not empty (values there may be rows of @p dst), which marks
 * @p dst inexact. */
void wdl_tally_merge(struct wdl_tally *dst, const struct wdl_tally *src,
		     bool by_text);

void wdl_dot11_counts_merge(struct wdl_dot11_counts *dst,
			    const struct wdl_dot11_counts *src);

/* Rows in report order: code tables by code; the SSID table by failures,
 * then records (most first), then SSID bytes. Fills @p out (room for
 * WDL_TALLY_ROWS pointers) and returns the count. */
size_t wdl_tally_sorted(const struct wdl_tally *t, bool by_text,
			const struct wdl_tally_row **out);

#endif
