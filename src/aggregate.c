/* Aggregate stage: totals, phases, codes, inputs, undecoded GUIDs, the
 * timeline, peers and bursts, within the time window if one is set.
 * Memory grows with the number of distinct codes, inputs, GUIDs and peers
 * (each capped), never with the input's size. */
#include "aggregate.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "timestamp.h"

int wdilog_report_new(wdilog_report **out, const wdilog_options *opts,
		      wdilog_error *err)
{
	wdilog_report *rep = wdl_calloc(1, sizeof(*rep));
	if (!rep)
		return wdl_fail_oom(err);
	for (size_t i = 0; i < 64; i++)
		rep->known_index[i] = -1;
	wdl_timeline_init(&rep->timeline, opts ? opts->bucket_seconds : 0);
	wdl_peers_init(&rep->peers);
	wdl_bursts_init(&rep->bursts, opts ? opts->burst_seconds : 0,
			opts ? opts->burst_failures : 0);
	*out = rep;
	return WDILOG_OK;
}

void wdilog_report_free(wdilog_report *rep)
{
	if (!rep)
		return;
	for (size_t i = 0; i < rep->ncodes; i++)
		wdl_free(rep->codes[i].name);
	for (size_t i = 0; i < rep->ninputs; i++)
		wdl_free(rep->inputs[i].path);
	wdl_free(rep->codes);
	wdl_free(rep->inputs);
	wdl_free(rep->guids);
	wdl_peers_dispose(&rep->peers);
	wdl_bursts_dispose(&rep->bursts);
	wdl_free(rep);
}

void wdilog_report_totals(const wdilog_report *rep, wdilog_totals *out)
{
	*out = rep->totals;
}

/* Grow an array of @p size-byte items to hold one more. */
static bool reserve(void **arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p = wdl_realloc(*arr, ncap * size);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

static void widen(wdilog_time *first, wdilog_time *last, const wdilog_time *t)
{
	if (!t->valid)
		return;
	if (!first->valid || wdl_time_cmp(t, first) < 0)
		*first = *t;
	if (!last->valid || wdl_time_cmp(t, last) > 0)
		*last = *t;
}

static struct wdl_code_stat *new_code(wdilog_report *rep, wdilog_error *err)
{
	if (!reserve((void **)&rep->codes, &rep->codes_cap, rep->ncodes,
		     sizeof(*rep->codes))) {
		wdl_fail_oom(err);
		return NULL;
	}
	struct wdl_code_stat *c = &rep->codes[rep->ncodes++];
	memset(c, 0, sizeof(*c));
	return c;
}

static struct wdl_code_stat *overflow_entry(wdilog_report *rep,
					    wdilog_error *err)
{
	for (size_t i = 0; i < rep->ncodes; i++)
		if (rep->codes[i].overflow)
			return &rep->codes[i];
	struct wdl_code_stat *c = new_code(rep, err);
	if (c) {
		c->overflow = true;
		c->phase = WDILOG_PHASE_UNKNOWN;
		c->kind = WDILOG_KIND_UNKNOWN;
	}
	return c;
}

static struct wdl_code_stat *find_code(wdilog_report *rep,
				       const wdilog_status_value *v,
				       wdilog_error *err)
{
	if (v->has_code && v->code < 64 && rep->known_index[v->code] >= 0)
		return &rep->codes[rep->known_index[v->code]];
	for (size_t i = 0; i < rep->ncodes; i++) {
		struct wdl_code_stat *c = &rep->codes[i];
		if (c->overflow || c->has_code != v->has_code)
			continue;
		if (v->has_code ? c->code == v->code : strcmp(c->name, v->name) == 0)
			return c;
	}
	if (rep->ncodes >= WDL_DISTINCT_MAX)
		return overflow_entry(rep, err);
	char *name = NULL;
	if (!v->has_code && !(name = wdl_strdup(v->name))) {
		wdl_fail_oom(err);
		return NULL;
	}
	struct wdl_code_stat *c = new_code(rep, err);
	if (!c) {
		wdl_free(name);
		return NULL;
	}
	c->has_code = v->has_code;
	c->code = v->code;
	c->name = name;
	if (v->has_code) {
		wdilog_status_classify(v->code, &c->phase, &c->kind);
		if (v->code < 64)
			rep->known_index[v->code] = (int16_t)(c - rep->codes);
	} else {
		c->phase = WDILOG_PHASE_UNKNOWN;
		c->kind = WDILOG_KIND_UNKNOWN;
	}
	return c;
}

static int add_guid(wdilog_report *rep, const char *guid, wdilog_error *err)
{
	for (size_t i = 0; i < rep->nguids; i++) {
		if (strcmp(rep->guids[i].guid, guid) == 0) {
			rep->guids[i].count++;
			return WDILOG_OK;
		}
	}
	if (rep->nguids >= WDL_DISTINCT_MAX) {
		rep->guids_overflow++;
		return WDILOG_OK;
	}
	if (!reserve((void **)&rep->guids, &rep->guids_cap, rep->nguids,
		     sizeof(*rep->guids)))
		return wdl_fail_oom(err);
	struct wdl_guid_stat *g = &rep->guids[rep->nguids++];
	memcpy(g->guid, guid, sizeof(g->guid));
	g->guid[36] = '\0';
	g->count = 1;
	return WDILOG_OK;
}

static int add_records(wdilog_report *rep, size_t input,
		       const wdilog_event *ev, wdilog_error *err)
{
	struct wdl_input_stat *in = &rep->inputs[input];
	for (size_t i = 0; i < ev->nstatuses; i++) {
		struct wdl_code_stat *c = find_code(rep, &ev->statuses[i], err);
		if (!c)
			return WDILOG_ENOMEM;
		c->count++;
		widen(&c->first, &c->last, &ev->time);
		struct wdl_phase_stat *ph = &rep->phases[c->phase];
		ph->statuses++;
		widen(&ph->first, &ph->last, &ev->time);
		rep->totals.statuses++;
		in->statuses++;
		switch (c->kind) {
		case WDILOG_KIND_FAILURE:
			rep->totals.failures++;
			ph->failures++;
			break;
		case WDILOG_KIND_BENIGN: rep->totals.benign++; break;
		case WDILOG_KIND_SUCCESS: rep->totals.successes++; break;
		default: break;
		}
		if (c->phase == WDILOG_PHASE_UNKNOWN)
			rep->totals.unknown++;
		if (ev->time.valid)
			wdl_timeline_add(&rep->timeline, wdl_time_key(&ev->time),
					 ev->time.zoned, c->phase);
		uint32_t idx = (uint32_t)(c - rep->codes);
		if (!wdl_peers_add(&rep->peers, ev->context ? ev->context->peer : NULL,
				   c->phase, c->kind, idx,
				   &ev->time))
			return wdl_fail_oom(err);
		if (c->kind == WDILOG_KIND_FAILURE && ev->time.valid &&
		    !wdl_bursts_add(&rep->bursts, &ev->time, idx, input))
			return wdl_fail_oom(err);
	}
	return WDILOG_OK;
}

/* Leave an event with status out when a window is set and it is outside:
 * as if the input had been cut to the window. */
static bool outside_window(wdilog_report *rep, const wdilog_event *ev)
{
	struct wdl_window *w = &rep->window;
	if (!w->active || ev->kind != WDILOG_EVENT_WITH_STATUS ||
	    wdl_window_admit(w, &ev->time))
		return false;
	w->excluded_events++;
	w->excluded_statuses += ev->nstatuses;
	if (!ev->time.valid)
		w->untimed_events++;
	rep->totals.outside_window++;
	return true;
}

int wdl_report_add_event(wdilog_report *rep, size_t input,
			 const wdilog_event *ev, wdilog_error *err)
{
	struct wdl_input_stat *in = &rep->inputs[input];
	if (outside_window(rep, ev))
		return WDILOG_OK;
	rep->totals.events++;
	in->events++;
	rep->totals.malformed += ev->nmalformed;
	in->malformed += ev->nmalformed;
	switch (ev->kind) {
	case WDILOG_EVENT_DAMAGED:
		rep->totals.damaged++;
		in->damaged++;
		return WDILOG_OK;
	case WDILOG_EVENT_UNDECODED:
		rep->totals.undecoded++;
		in->undecoded++;
		return ev->guid ? add_guid(rep, ev->guid, err) : WDILOG_OK;
	case WDILOG_EVENT_WITHOUT_STATUS:
		rep->totals.without_status++;
		in->without_status++;
		return WDILOG_OK;
	case WDILOG_EVENT_WITH_STATUS: {
		rep->totals.with_status++;
		in->with_status++;
		int rc = add_records(rep, input, ev, err);
		if (rc < 0 || !rep->event_fn)
			return rc;
		rc = rep->event_fn(ev, in->path, rep->event_payload);
		if (rc < 0)
			return wdl_fail(err, rc, "the event consumer failed (%s)",
					wdilog_status_name(rc));
		return WDILOG_OK;
	}
	}
	return WDILOG_OK;
}

void wdilog_report_on_event(wdilog_report *rep, wdilog_event_fn fn,
			    void *payload)
{
	rep->event_fn = fn;
	rep->event_payload = payload;
}

int wdilog_report_set_window(wdilog_report *rep, const char *since,
			     const char *until, wdilog_error *err)
{
	struct wdl_window w;
	memset(&w, 0, sizeof(w));
	if (since && wdl_bound_parse(since, &w.since, err) < 0)
		return WDILOG_EINVAL;
	if (until && wdl_bound_parse(until, &w.until, err) < 0)
		return WDILOG_EINVAL;
	if (w.since.set && w.until.set && !w.since.time_of_day &&
	    !w.until.time_of_day && wdl_time_cmp(&w.until.at, &w.since.at) <= 0)
		return wdl_fail(err, WDILOG_EINVAL,
				"the window ends ('%s') before it starts ('%s')",
				until, since);
	w.active = w.since.set || w.until.set;
	rep->window = w;
	return WDILOG_OK;
}

static struct wdl_input_stat *new_input(wdilog_report *rep, const char *path,
					wdilog_error *err)
{
	if (!reserve((void **)&rep->inputs, &rep->inputs_cap, rep->ninputs,
		     sizeof(*rep->inputs))) {
		wdl_fail_oom(err);
		return NULL;
	}
	char *copy = wdl_strdup(path);
	if (!copy) {
		wdl_fail_oom(err);
		return NULL;
	}
	struct wdl_input_stat *in = &rep->inputs[rep->ninputs++];
	memset(in, 0, sizeof(*in));
	in->path = copy;
	return in;
}

static void copy_field(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void mark_unreadable(wdilog_report *rep, struct wdl_input_stat *in,
			    const wdilog_error *why)
{
	in->unreadable = true;
	copy_field(in->error, sizeof(in->error),
		   why && why->message[0] ? why->message : "unreadable");
	rep->totals.unreadable_inputs++;
}

int wdilog_report_add_unreadable(wdilog_report *rep, const char *path,
				 const wdilog_error *why, wdilog_error *err)
{
	struct wdl_input_stat *in = new_input(rep, path, err);
	if (!in)
		return WDILOG_ENOMEM;
	copy_field(in->format, sizeof(in->format), "none");
	copy_field(in->encoding, sizeof(in->encoding), "none");
	mark_unreadable(rep, in, why);
	return WDILOG_OK;
}

int wdilog_report_read(wdilog_report *rep, wdilog_reader *r, wdilog_error *err)
{
	if (!new_input(rep, wdilog_reader_name(r), err))
		return WDILOG_ENOMEM;
	size_t idx = rep->ninputs - 1;
	wdilog_event ev;
	int rc;
	while ((rc = wdilog_reader_next(r, &ev, err)) == WDILOG_OK) {
		rc = wdl_report_add_event(rep, idx, &ev, err);
		if (rc < 0)
			break;
	}
	struct wdl_input_stat *in = &rep->inputs[idx];
	copy_field(in->format, sizeof(in->format), wdilog_reader_format(r));
	copy_field(in->encoding, sizeof(in->encoding), wdilog_reader_encoding(r));
	in->gzip = wdilog_reader_gzip(r);
	if (rc < 0) {
		mark_unreadable(rep, in, err);
		return rc;
	}
	return WDILOG_OK;
}

const char *wdl_code_stat_name(const struct wdl_code_stat *c)
{
	if (c->overflow)
		return "(other values past the distinct-value limit)";
	if (!c->has_code)
		return c->name;
	return wdilog_status_code_name(c->code);
}

static int cmp_codes(const void *a, const void *b)
{
	const struct wdl_code_stat *x = *(const struct wdl_code_stat *const *)a;
	const struct wdl_code_stat *y = *(const struct wdl_code_stat *const *)b;
	if (x->overflow != y->overflow)
		return x->overflow ? 1 : -1;
	if (x->has_code != y->has_code)
		return x->has_code ? -1 : 1;
	if (x->has_code)
		return x->code < y->code ? -1 : x->code > y->code;
	if (x->overflow)
		return 0;
	return strcmp(x->name, y->name);
}

const struct wdl_code_stat **wdl_report_sorted_codes(const wdilog_report *rep)
{
	const struct wdl_code_stat **v =
		wdl_malloc((rep->ncodes ? rep->ncodes : 1) * sizeof(*v));
	if (!v)
		return NULL;
	for (size_t i = 0; i < rep->ncodes; i++)
		v[i] = &rep->codes[i];
	qsort(v, rep->ncodes, sizeof(*v), cmp_codes);
	return v;
}
