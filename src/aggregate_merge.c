/* Aggregate stage, merging: adds one report into another exactly (counts
 * add, first/last widen, timelines re-bucket), so that inputs and chunks
 * read in parallel give the same report as one pass. */
#include "aggregate_merge.h"

#include <string.h>

#include "alloc.h"
#include "error.h"
#include "timestamp.h"

static void widen(wdilog_time *first, wdilog_time *last, const wdilog_time *f,
		  const wdilog_time *l)
{
	if (f->valid && (!first->valid || wdl_time_cmp(f, first) < 0))
		*first = *f;
	if (l->valid && (!last->valid || wdl_time_cmp(l, last) > 0))
		*last = *l;
}

static void add_totals(wdilog_totals *d, const wdilog_totals *s)
{
	d->events += s->events;
	d->with_status += s->with_status;
	d->without_status += s->without_status;
	d->undecoded += s->undecoded;
	d->damaged += s->damaged;
	d->statuses += s->statuses;
	d->failures += s->failures;
	d->benign += s->benign;
	d->successes += s->successes;
	d->unknown += s->unknown;
	d->malformed += s->malformed;
	d->unreadable_inputs += s->unreadable_inputs;
}

/* Returns true if @p d was already unreadable and @p s is too: the input
 * must then be counted once. */
static bool add_input(struct wdl_input_stat *d, const struct wdl_input_stat *s)
{
	bool both = d->unreadable && s->unreadable;
	d->events += s->events;
	d->with_status += s->with_status;
	d->without_status += s->without_status;
	d->undecoded += s->undecoded;
	d->damaged += s->damaged;
	d->statuses += s->statuses;
	d->malformed += s->malformed;
	if (s->unreadable && !d->unreadable) {
		d->unreadable = true;
		memcpy(d->error, s->error, sizeof(d->error));
	}
	return both;
}

static int merge_codes(struct wdilog_report *dst, const struct wdilog_report *src,
		       wdilog_error *err)
{
	for (size_t i = 0; i < src->ncodes; i++) {
		const struct wdl_code_stat *s = &src->codes[i];
		struct wdl_code_stat *d = wdl_report_code_entry(dst, s, err);
		if (!d)
			return WDILOG_ENOMEM;
		d->count += s->count;
		widen(&d->first, &d->last, &s->first, &s->last);
	}
	return WDILOG_OK;
}

static int merge_guids(struct wdilog_report *dst, const struct wdilog_report *src,
		       wdilog_error *err)
{
	for (size_t i = 0; i < src->nguids; i++) {
		int rc = wdl_report_count_guid(dst, src->guids[i].guid,
					       src->guids[i].count, err);
		if (rc < 0)
			return rc;
	}
	dst->guids_overflow += src->guids_overflow;
	return WDILOG_OK;
}

int wdl_report_merge(struct wdilog_report *dst, const struct wdilog_report *src,
		     bool same_input, wdilog_error *err)
{
	int rc = merge_codes(dst, src, err);
	if (rc < 0)
		return rc;
	rc = merge_guids(dst, src, err);
	if (rc < 0)
		return rc;
	uint64_t counted_twice = 0;
	for (size_t i = 0; i < src->ninputs; i++) {
		const struct wdl_input_stat *s = &src->inputs[i];
		if (same_input && dst->ninputs) {
			counted_twice += add_input(&dst->inputs[dst->ninputs - 1], s);
			continue;
		}
		struct wdl_input_stat *d = wdl_report_new_input(dst, s->path, err);
		if (!d)
			return WDILOG_ENOMEM;
		char *path = d->path;
		*d = *s;
		d->path = path;
	}
	add_totals(&dst->totals, &src->totals);
	dst->totals.unreadable_inputs -= counted_twice;
	for (int p = 0; p < WDILOG_PHASE_COUNT; p++) {
		dst->phases[p].statuses += src->phases[p].statuses;
		dst->phases[p].failures += src->phases[p].failures;
		widen(&dst->phases[p].first, &dst->phases[p].last,
		      &src->phases[p].first, &src->phases[p].last);
	}
	wdl_timeline_merge(&dst->timeline, &src->timeline);
	return WDILOG_OK;
}
