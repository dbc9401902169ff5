/* Helpers for the report tests: build a report from bytes or a sample,
 * and compare the status-derived parts of two reports. */
#ifndef WDILOG_TEST_REPORT_UTIL_H
#define WDILOG_TEST_REPORT_UTIL_H

#include <stdlib.h>

#include "check.h"
#include "run_reader.h"
#include "report/report.h"
#include "util/alloc.h"
#include "parse/context.h"
#include "parse/timestamp.h"

/* A report of @p data (one input named @p name), with an optional window. */
static inline wdilog_report *report_of(const void *data, size_t len,
				       const char *name,
				       const wdilog_options *opts,
				       const char *since, const char *until)
{
	wdilog_report *rep;
	wdilog_reader *r;
	if (wdilog_report_new(&rep, opts, NULL) < 0)
		return NULL;
	if ((since || until) &&
	    wdilog_report_set_window(rep, since, until, NULL) < 0) {
		wdilog_report_free(rep);
		return NULL;
	}
	if (wdilog_reader_open_memory(&r, data, len, name, opts, NULL) < 0) {
		wdilog_report_free(rep);
		return NULL;
	}
	wdilog_report_read(rep, r, NULL);
	wdilog_reader_free(r);
	return rep;
}

static inline wdilog_report *report_of_file(const char *path,
					    const wdilog_options *opts,
					    const char *since,
					    const char *until)
{
	size_t len;
	char *data = read_file(path, &len);
	if (!data)
		return NULL;
	wdilog_report *rep = report_of(data, len, "input", opts, since, until);
	free(data);
	return rep;
}

static inline bool same_time(const wdilog_time *a, const wdilog_time *b)
{
	if (a->valid != b->valid)
		return false;
	return !a->valid || (wdl_time_cmp(a, b) == 0 && a->digits == b->digits);
}

static inline bool same_peer(const struct wdl_peer_stat *a,
			     const struct wdl_peer_stat *b)
{
	if (a->mac != b->mac || a->statuses != b->statuses ||
	    a->failures != b->failures || a->ncodes != b->ncodes ||
	    a->other_failures != b->other_failures ||
	    !same_time(&a->first, &b->first) || !same_time(&a->last, &b->last))
		return false;
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
		if (a->phases[ph] != b->phases[ph])
			return false;
	return true;
}

/* Everything a report derives from status records is equal: totals of
 * records, phases, codes, timeline, peers and bursts. (events, without
 * status, undecoded, damaged and malformed count all of the input.) */
static inline void check_same_statuses(const wdilog_report *a,
				       const wdilog_report *b)
{
	CHECK_EQ_U(a->totals.with_status, b->totals.with_status);
	CHECK_EQ_U(a->totals.statuses, b->totals.statuses);
	CHECK_EQ_U(a->totals.failures, b->totals.failures);
	CHECK_EQ_U(a->totals.benign, b->totals.benign);
	CHECK_EQ_U(a->totals.successes, b->totals.successes);
	CHECK_EQ_U(a->totals.unknown, b->totals.unknown);
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++) {
		CHECK_EQ_U(a->phases[ph].statuses, b->phases[ph].statuses);
		CHECK_EQ_U(a->phases[ph].failures, b->phases[ph].failures);
		CHECK(same_time(&a->phases[ph].first, &b->phases[ph].first));
		CHECK(same_time(&a->phases[ph].last, &b->phases[ph].last));
	}
	CHECK_EQ_U(a->ncodes, b->ncodes);
	const struct wdl_code_stat **ca = wdl_report_sorted_codes(a);
	const struct wdl_code_stat **cb = wdl_report_sorted_codes(b);
	for (size_t i = 0; i < a->ncodes && i < b->ncodes; i++) {
		CHECK_EQ_U(ca[i]->has_code, cb[i]->has_code);
		CHECK_EQ_U(ca[i]->code, cb[i]->code);
		CHECK_EQ_U(ca[i]->count, cb[i]->count);
		CHECK(same_time(&ca[i]->first, &cb[i]->first));
		CHECK(same_time(&ca[i]->last, &cb[i]->last));
	}
	wdl_free(ca);
	wdl_free(cb);
	CHECK_EQ_U(a->timeline.width, b->timeline.width);
	CHECK_EQ_U(a->timeline.n, b->timeline.n);
	CHECK(a->timeline.n == 0 || a->timeline.first == b->timeline.first);
	CHECK(memcmp(a->timeline.counts, b->timeline.counts,
		     sizeof(a->timeline.counts[0]) * a->timeline.n) == 0);
	CHECK_EQ_U(a->peers.n, b->peers.n);
	const struct wdl_peer_stat **pa = wdl_peers_sorted(&a->peers);
	const struct wdl_peer_stat **pb = wdl_peers_sorted(&b->peers);
	for (size_t i = 0; i < a->peers.n && i < b->peers.n; i++)
		CHECK(same_peer(pa[i], pb[i]));
	wdl_free(pa);
	wdl_free(pb);
	CHECK(same_peer(&a->peers.none, &b->peers.none));
	size_t na, nb;
	struct wdl_burst *ba = wdl_bursts_list(&a->bursts, &na, NULL);
	struct wdl_burst *bb = wdl_bursts_list(&b->bursts, &nb, NULL);
	CHECK_EQ_U(na, nb);
	for (size_t i = 0; i < na && i < nb; i++) {
		CHECK_EQ_U(ba[i].failures, bb[i].failures);
		CHECK(same_time(&ba[i].start, &bb[i].start));
		CHECK(same_time(&ba[i].end, &bb[i].end));
	}
	wdl_free(ba);
	wdl_free(bb);
}

#endif
