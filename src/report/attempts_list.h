/* Aggregate stage, the attempt list: the attempts and sessions that
 * ended, kept in the report for the outputs that show them one by one
 * (HTML swimlane, Markdown, JUnit, GitHub annotations).
 *
 * Kept only when attempts are shown (options.attempts_in_report,
 * --with-attempts), so the default path costs nothing. Bounded: at most
 * WDL_ATT_LIST_MAX attempts and as many sessions, the first ones in
 * input order; the rest are counted (unlisted) and every output that
 * shows the list says how many it lacks. A list is in input order, and
 * within an input in the order attempts ended, so a merge in input order
 * (-j N) gives the list of -j 1. JSON reports do not carry it: a report
 * loaded from JSON, or merged with one, does not know its list
 * (wdl_att_list_of gives NULL). */
#ifndef WDL_ATTEMPTS_LIST_H
#define WDL_ATTEMPTS_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/attempts.h>
#include <wdilog/options.h>

/* Attempts (and sessions) listed, at most: about 250 bytes each, so
 * 2.5 MB each at the cap; a one-hour capture has a few hundred. */
#define WDL_ATT_LIST_MAX 10000

/* One ended attempt. */
struct wdl_att_item {
	uint32_t input;             /* index into the list's names */
	char iface[37];             /* GUID, empty: the input's default */
	wdilog_time start, end;
	bool start_inferred;
	wdilog_attempt_result result;
	wdilog_attempt_phase furthest;
	bool has_failing;
	wdilog_attempt_phase failing;
	wdilog_reason reason;
	char ssid[65];
	char bssid[18];             /* the winning try's, or empty */
	char first_peer[18];        /* the first BSSID tried, or empty */
	uint32_t bssids;            /* BSSIDs tried (past 8: counted apart) */
	uint64_t tries;             /* WDI try records */
	uint64_t chain;
	uint64_t line;              /* the record that ended it (0: none) */
	uint64_t first_line;        /* the record that opened it (0: none) */
};

/* One ended session. */
struct wdl_sess_item {
	uint32_t input;
	char iface[37];
	wdilog_time start, end;
	char ssid[65];
	char bssid[18];
	wdilog_session_end how;
	wdilog_reason reason;
	uint64_t roams, roam_successes, roam_failures;
	uint64_t line;
};

struct wdl_att_list {
	bool keep;                  /* attempts are shown: keep the list */
	size_t cap;                 /* WDL_ATT_LIST_MAX (tests set less) */
	/* at most this many kept, the rest counted (wdl_att_list_bound) */
	size_t att_keep, sess_keep;
	struct wdl_att_item *att;   /* owned */
	size_t natt, att_alloc;
	uint64_t att_unlisted;      /* ended past the cap */
	struct wdl_sess_item *sess; /* owned */
	size_t nsess, sess_alloc;
	uint64_t sess_unlisted;
	char **names;               /* owned; input names, in input order */
	size_t nnames, names_alloc;
	bool oom;                   /* an item could not be kept */
};

void wdl_att_list_init(struct wdl_att_list *l, const wdilog_options *opts);
void wdl_att_list_dispose(struct wdl_att_list *l);

/* Keep at most @p att attempts and @p sess sessions in @p l from now on
 * and count the rest as unlisted: a job's list, bounded by what the list
 * it is merged into can still take (wdl_att_list_room) when the job
 * starts. That list only fills up meanwhile, so what the bound leaves
 * out would be counted at the merge anyway, and the merged list is the
 * same. */
void wdl_att_list_bound(struct wdl_att_list *l, size_t att, size_t sess);

/* How many more attempts and sessions @p l can list. */
void wdl_att_list_room(const struct wdl_att_list *l, size_t *att,
		       size_t *sess);

/* Drop the attempts and sessions kept so far (the input names stay): a
 * part of a file whose figures are counted again by the main machine
 * (doc/attempts.md, "-j and merge") must not list them twice. */
void wdl_att_list_forget(struct wdl_att_list *l);

/* The lines of an attempt's records as the reports write them after its
 * input's name: "12-40" (the record that opened it to the one that ended
 * it), "40" when one record did both or the first is not known. */
const char *wdl_att_item_lines(const struct wdl_att_item *it, char *buf,
			       size_t cap);

/* Add @p base to the line of every item kept (a part of a file whose
 * lines count from its own start). */
void wdl_att_list_shift_lines(struct wdl_att_list *l, uint64_t base);

/* Keep an attempt (@p s NULL) or a session (@p a NULL) that just ended.
 * Returns false when out of memory. */
bool wdl_att_list_add(struct wdl_att_list *l, const wdilog_attempt *a,
		      const wdilog_session *s);

/* Append @p src's items after @p dst's (a merge in input order), up to
 * the cap; past it they are counted. With @p same_input, src's first
 * input is dst's last (a later part of one file). False when out of
 * memory. */
bool wdl_att_list_merge(struct wdl_att_list *dst, const struct wdl_att_list *src,
			bool same_input);

/* wdl_att_list_merge, where @p src is not needed afterwards: an item
 * array dst holds nothing in yet is moved from src (src's left empty),
 * the rest copied. */
bool wdl_att_list_take(struct wdl_att_list *dst, struct wdl_att_list *src,
		       bool same_input);

/* The input name of @p input (borrowed). */
const char *wdl_att_list_input(const struct wdl_att_list *l, uint32_t input);

/* Failed attempts, in the sense of the outputs that list them: the
 * results that count against the success rate (failure, dropped,
 * timeout). */
bool wdl_att_item_failed(const struct wdl_att_item *it);

/* Duration of @p it in ms, or -1 when a time is missing. */
int64_t wdl_att_item_ms(const wdilog_time *start, const wdilog_time *end);

struct wdilog_report;
/* The list of @p rep, or NULL when it is not kept or not known (loaded
 * from JSON, or merged with such a report). Borrowed. */
const struct wdl_att_list *wdl_att_list_of(const struct wdilog_report *rep);

#endif
