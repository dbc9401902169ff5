/* Aggregate stage: totals, phases, codes, inputs, undecoded GUIDs, the
 * timeline, peers and bursts, within the time window if one is set.
 * Memory grows with the number of distinct codes, inputs, GUIDs and peers
 * (each capped), never with the input's size. */
#include "report/report.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/attempts_load.h"
#include "report/counters.h"
#include "report/view.h"
#include "util/alloc.h"
#include "util/error.h"
#include "parse/reader_counts.h"
#include "parse/timestamp.h"

/* A report as new, in zeroed memory. */
static void report_init(wdilog_report *rep, const wdilog_options *opts)
{
	for (size_t i = 0; i < WDL_DIRECT_CODES; i++)
		rep->known_index[i] = -1;
	wdl_timeline_init(&rep->timeline, opts ? opts->bucket_seconds : 0);
	wdl_peers_init(&rep->peers);
	wdl_bursts_init(&rep->bursts, opts ? opts->burst_seconds : 0,
			opts ? opts->burst_failures : 0);
	wdl_attempts_init(&rep->attempts, opts);
	wdl_att_list_init(&rep->att_list, opts);
	if (rep->att_list.keep)
		rep->attempts.list = &rep->att_list;
}

int wdilog_report_new(wdilog_report **out, const wdilog_options *opts,
		      wdilog_error *err)
{
	wdilog_report *rep = wdl_calloc(1, sizeof(*rep));
	if (!rep)
		return wdl_fail_oom(err);
	report_init(rep, opts);
	*out = rep;
	return WDILOG_OK;
}

/* Everything the report owns, but not the report. */
static void report_dispose(wdilog_report *rep)
{
	for (size_t i = 0; i < rep->ncodes; i++)
		wdl_free(rep->codes[i].name);
	for (size_t i = 0; i < rep->ninputs; i++) {
		wdl_free(rep->inputs[i].path);
		wdl_free(rep->inputs[i].codes);
		wdl_input_clear_error(&rep->inputs[i]);
	}
	wdl_gate_state_free(rep->gate);
	wdl_free(rep->codes);
	wdl_table_free(rep->inputs, rep->inputs_cap * sizeof(*rep->inputs));
	wdl_free(rep->guids);
	wdl_peers_dispose(&rep->peers);
	wdl_bursts_dispose(&rep->bursts);
	wdl_attempts_dispose(&rep->attempts);
	wdl_att_list_dispose(&rep->att_list);
}

void wdilog_report_free(wdilog_report *rep)
{
	if (!rep)
		return;
	report_dispose(rep);
	wdl_free(rep);
}

void wdl_report_reset(wdilog_report *rep, const wdilog_options *opts)
{
	/* the tables of peers and attempts are kept, emptied */
	struct wdl_peers peers = rep->peers;
	struct wdl_attempts attempts = { .ifaces = rep->attempts.ifaces,
					 .figs.peers = rep->attempts.figs.peers };
	memset(&rep->peers, 0, sizeof(rep->peers));
	rep->attempts.ifaces = NULL;
	rep->attempts.figs.peers = NULL;
	report_dispose(rep);
	memset(rep, 0, sizeof(*rep));
	report_init(rep, opts);
	wdl_peers_reuse(&rep->peers, &peers);
	wdl_attempts_reuse(&rep->attempts, &attempts);
}

void wdilog_report_totals(const wdilog_report *rep, wdilog_totals *out)
{
	*out = rep->totals;
}

/* Room for one more of @p n items of @p size bytes. */
static bool reserve(void **arr, size_t *cap, size_t n, size_t size)
{
	return wdl_reserve(arr, cap, n + 1, size, 16);
}

void wdl_widen(wdilog_time *first, wdilog_time *last, const wdilog_time *t)
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

struct wdl_code_stat *wdl_report_overflow_code(wdilog_report *rep,
					       wdilog_error *err)
{
	if (rep->overflow_slot)
		return &rep->codes[rep->overflow_slot - 1];
	struct wdl_code_stat *c = new_code(rep, err);
	if (c) {
		rep->overflow_slot = (uint16_t)(c - rep->codes + 1);
		c->overflow = true;
		c->phase = WDILOG_PHASE_UNKNOWN;
		c->kind = WDILOG_KIND_UNKNOWN;
		c->selected = wdl_selected_by_default(c->kind);
	}
	return c;
}

/* FNV-1a over the name (or none) and the number, then a final mix so
 * that nearby numbers spread over the slots. */
static size_t slot_of(const char *s, uint32_t code)
{
	uint32_t h = 2166136261u ^ code;
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	return h & (WDL_INDEX_SLOTS - 1);
}

static size_t value_slot(const wdilog_status_value *v)
{
	return v->has_code ? slot_of(NULL, v->code) : slot_of(v->name, 0x9e3779b9u);
}

struct wdl_code_stat *wdl_report_code(wdilog_report *rep,
				      const wdilog_status_value *v,
				      wdilog_error *err)
{
	if (v->has_code && v->code < WDL_DIRECT_CODES && rep->known_index[v->code] >= 0)
		return &rep->codes[rep->known_index[v->code]];
	size_t slot = value_slot(v);
	for (; rep->code_slots[slot]; slot = (slot + 1) & (WDL_INDEX_SLOTS - 1)) {
		struct wdl_code_stat *c = &rep->codes[rep->code_slots[slot] - 1];
		if (c->has_code != v->has_code)
			continue;
		if (v->has_code ? c->code == v->code : strcmp(c->name, v->name) == 0)
			return c;
	}
	if (rep->ncodes >= WDL_DISTINCT_MAX)
		return wdl_report_overflow_code(rep, err);
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
	rep->code_slots[slot] = (uint16_t)(c - rep->codes + 1);
	if (v->has_code) {
		wdilog_status_classify(v->code, &c->phase, &c->kind);
		if (v->code < WDL_DIRECT_CODES)
			rep->known_index[v->code] = (int16_t)(c - rep->codes);
	} else {
		c->phase = WDILOG_PHASE_UNKNOWN;
		c->kind = WDILOG_KIND_UNKNOWN;
	}
	/* what a gate counts by default (formats.md section 5) until a gate
	 * is evaluated */
	c->selected = wdl_selected_by_default(c->kind);
	return c;
}

/* The entry of @p guid with @p count more events, created if new; NULL
 * past the limit (counted in the overflow) or on OOM (*rc says which). */
static struct wdl_guid_stat *guid_entry(wdilog_report *rep, const char *guid,
					uint64_t count, int *rc,
					wdilog_error *err)
{
	*rc = WDILOG_OK;
	size_t slot = slot_of(guid, 0);
	for (; rep->guid_slots[slot]; slot = (slot + 1) & (WDL_INDEX_SLOTS - 1)) {
		struct wdl_guid_stat *g = &rep->guids[rep->guid_slots[slot] - 1];
		if (strcmp(g->guid, guid) == 0) {
			g->count += count;
			return g;
		}
	}
	if (rep->nguids >= WDL_DISTINCT_MAX) {
		rep->guids_overflow += count;
		return NULL;
	}
	if (!reserve((void **)&rep->guids, &rep->guids_cap, rep->nguids,
		     sizeof(*rep->guids))) {
		*rc = wdl_fail_oom(err);
		return NULL;
	}
	struct wdl_guid_stat *g = &rep->guids[rep->nguids++];
	rep->guid_slots[slot] = (uint16_t)rep->nguids;
	memset(g, 0, sizeof(*g));
	memcpy(g->guid, guid, sizeof(g->guid));
	g->guid[36] = '\0';
	g->count = count;
	return g;
}

int wdl_report_add_guid(wdilog_report *rep, const char *guid, uint64_t count,
			wdilog_error *err)
{
	int rc;
	guid_entry(rep, guid, count, &rc, err);
	return rc;
}

struct wdl_guid_stat *wdl_report_find_guid(wdilog_report *rep, const char *guid)
{
	size_t slot = slot_of(guid, 0);
	for (; rep->guid_slots[slot]; slot = (slot + 1) & (WDL_INDEX_SLOTS - 1)) {
		struct wdl_guid_stat *g = &rep->guids[rep->guid_slots[slot] - 1];
		if (strcmp(g->guid, guid) == 0)
			return g;
	}
	return NULL;
}

void wdl_guid_note_input(struct wdl_guid_stat *g, size_t input)
{
	/* not after a later one either: a loaded report may name a GUID
	 * twice, and the list stays ascending */
	if (g->last_input >= input + 1)
		return;
	g->last_input = input + 1;
	if (g->ninputs < WDL_GUID_INPUTS)
		g->inputs[g->ninputs++] = input;
	else
		g->inputs_more++;
}

/* An undecoded event of input @p input. */
static int add_guid_event(wdilog_report *rep, size_t input, const char *guid,
			  wdilog_error *err)
{
	int rc;
	struct wdl_guid_stat *g = guid_entry(rep, guid, 1, &rc, err);
	if (g)
		wdl_guid_note_input(g, input);
	return rc;
}

struct wdl_input_code *wdl_report_input_code(wdilog_report *rep, size_t input,
					     size_t code, wdilog_error *err)
{
	struct wdl_input_stat *in = &rep->inputs[input];
	struct wdl_code_stat *c = &rep->codes[code];
	/* events of one input arrive together, so the cache almost always
	 * answers; the search covers callers that interleave inputs */
	if (c->cache_input == input + 1)
		return &in->codes[c->cache_slot];
	size_t slot = in->ncodes;
	for (size_t i = 0; i < in->ncodes; i++)
		if (in->codes[i].code == code)
			slot = i;
	if (slot == in->ncodes) {
		/* most inputs hold one or two codes, and a report may list
		 * 10,000 inputs: 16 rows each were 17 MB */
		if (!wdl_reserve((void **)&in->codes, &in->codes_cap,
				 in->ncodes + 1, sizeof(*in->codes), 2)) {
			wdl_fail_oom(err);
			return NULL;
		}
		memset(&in->codes[slot], 0, sizeof(in->codes[slot]));
		in->codes[slot].code = code;
		in->ncodes++;
	}
	c->cache_input = input + 1;
	c->cache_slot = slot;
	return &in->codes[slot];
}

static int add_records(wdilog_report *rep, size_t input,
		       const wdilog_event *ev, wdilog_error *err)
{
	struct wdl_input_stat *in = &rep->inputs[input];
	for (size_t i = 0; i < ev->nstatuses; i++) {
		struct wdl_code_stat *c = wdl_report_code(rep, &ev->statuses[i], err);
		if (!c)
			return WDILOG_ENOMEM;
		struct wdl_input_code *ic =
			wdl_report_input_code(rep, input, (size_t)(c - rep->codes), err);
		if (!ic)
			return WDILOG_ENOMEM;
		ic->count++;
		if (ic->nlines < WDL_INPUT_LINES)
			ic->lines[ic->nlines++] = ev->line;
		c->count++;
		wdl_widen(&c->first, &c->last, &ev->time);
		wdl_lines_add(&c->lines, input, ev->line);
		wdl_widen(&in->first, &in->last, &ev->time);
		struct wdl_phase_stat *ph = &rep->phases[c->phase];
		ph->statuses++;
		wdl_widen(&ph->first, &ph->last, &ev->time);
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
		else
			rep->timeline.untimed++;
		uint32_t idx = (uint32_t)(c - rep->codes);
		if (!wdl_peers_add(&rep->peers, ev->context ? ev->context->peer : NULL,
				   c->phase, c->kind, idx,
				   &ev->time))
			return wdl_fail_oom(err);
		if (c->kind == WDILOG_KIND_FAILURE && ev->time.valid &&
		    !wdl_bursts_add(&rep->bursts, &ev->time, idx, input, ev->line))
			return wdl_fail_oom(err);
		wdl_dot11_counts_add(&rep->dot11, ev->context,
				     c->kind == WDILOG_KIND_FAILURE);
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

void wdl_report_defer_bursts(wdilog_report *rep, wdl_burst_sink sink, void *ctx)
{
	wdl_bursts_defer(&rep->bursts, sink, ctx);
}

bool wdl_report_replay_failure(wdilog_report *rep, const wdilog_report *part,
			       const wdilog_time *t, uint32_t code, size_t input,
			       uint64_t line)
{
	const struct wdl_code_stat *s = &part->codes[code];
	wdilog_status_value v = { .code = s->code, .has_code = s->has_code,
				  .name = s->name };
	struct wdl_code_stat *c = s->overflow ? wdl_report_overflow_code(rep, NULL)
					      : wdl_report_code(rep, &v, NULL);
	if (!c)
		return false;
	return wdl_bursts_replay(&rep->bursts, t, (uint32_t)(c - rep->codes),
				 input, line);
}

/* Attempts (attempts.md): every status and WLAN signal, in input order;
 * a WLAN signal outside the window is left out as a status would be. */
static int feed_attempts(wdilog_report *rep, size_t input,
			 const wdilog_event *ev, wdilog_error *err)
{
	if (ev->kind != WDILOG_EVENT_WITH_STATUS &&
	    (!ev->wlan || (rep->window.active &&
			   !wdl_window_admit(&rep->window, &ev->time))))
		return WDILOG_OK;
	if (!wdl_attempts_feed(&rep->attempts, input, rep->inputs[input].path, ev))
		return wdl_fail_oom(err);
	if (rep->attempts.failed)
		return wdl_fail(err, rep->attempts.failed,
				"the attempt consumer failed (%s)",
				wdilog_status_name(rep->attempts.failed));
	return WDILOG_OK;
}

int wdl_report_feed_attempts(wdilog_report *rep, size_t input,
			     const wdilog_event *ev, wdilog_error *err)
{
	if (ev->kind == WDILOG_EVENT_WITH_STATUS && rep->window.active &&
	    !wdl_window_admit(&rep->window, &ev->time))
		return WDILOG_OK;
	if (!ev->wlan && ev->kind != WDILOG_EVENT_WITH_STATUS)
		return WDILOG_OK;
	return feed_attempts(rep, input, ev, err);
}

int wdl_report_add_event(wdilog_report *rep, size_t input,
			 const wdilog_event *ev, wdilog_error *err)
{
	struct wdl_input_stat *in = &rep->inputs[input];
	if (outside_window(rep, ev))
		return WDILOG_OK;
	if (ev->wlan || ev->kind == WDILOG_EVENT_WITH_STATUS) {
		int arc = feed_attempts(rep, input, ev, err);
		if (arc < 0)
			return arc;
	}
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
		return ev->guid ? add_guid_event(rep, input, ev->guid, err) : WDILOG_OK;
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

void wdilog_report_on_attempt(wdilog_report *rep, wdilog_attempt_fn fn,
			      void *payload)
{
	rep->attempts.fn = fn;
	rep->attempts.payload = payload;
}

const struct wdl_att_figs *wdl_attempts_of(const wdilog_report *rep)
{
	return &rep->attempts.figs;
}

uint64_t wdilog_report_attempts(const wdilog_report *rep, uint64_t *successes)
{
	const struct wdl_att_figs *f = &rep->attempts.figs;
	uint64_t n = 0;
	for (int r = 0; r < WDILOG_ATTEMPT_RESULT_COUNT; r++)
		n += f->by_result[r];
	if (successes)
		*successes = f->by_result[WDILOG_ATTEMPT_SUCCESS];
	return n;
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

bool wdl_report_reserve_inputs(wdilog_report *rep, size_t n)
{
	if (n <= rep->inputs_cap)
		return true;
	/* twice as many at least: a caller that reads one path a call must
	 * not grow the table by one row a time */
	if (n < 2 * rep->inputs_cap)
		n = 2 * rep->inputs_cap;
	/* a table: 10,000 inputs fill 2 MiB, mapped with its pages in place */
	void *p = wdl_table_resize(rep->inputs,
				   rep->inputs_cap * sizeof(*rep->inputs),
				   n * sizeof(*rep->inputs));
	if (!p)
		return false;
	rep->inputs = p;
	rep->inputs_cap = n;
	return true;
}

struct wdl_input_stat *wdl_report_new_input(wdilog_report *rep,
					    const char *path, wdilog_error *err)
{
	if (rep->ninputs == rep->inputs_cap &&
	    !wdl_report_reserve_inputs(rep, rep->inputs_cap ? rep->inputs_cap + 1
							   : 16)) {
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

/* The error text of an input with no memory for its own. */
static const char unreadable_text[] = "unreadable";

bool wdl_input_set_error(struct wdl_input_stat *in, const char *why)
{
	wdl_input_clear_error(in);
	in->unreadable = true;
	if (!why)
		why = unreadable_text;
	size_t n = strnlen(why, WDL_INPUT_ERROR_MAX);
	char *copy = wdl_malloc(n + 1);
	if (!copy) {
		in->error = unreadable_text;
		return false;
	}
	memcpy(copy, why, n);
	copy[n] = '\0';
	in->error = copy;
	return true;
}

void wdl_input_clear_error(struct wdl_input_stat *in)
{
	if (in->error != unreadable_text)
		wdl_free((char *)in->error);
	in->error = NULL;
}

static void mark_unreadable(wdilog_report *rep, struct wdl_input_stat *in,
			    const wdilog_error *why)
{
	/* out of memory the input still says it is unreadable */
	(void)wdl_input_set_error(in, why && why->message[0] ? why->message
							    : NULL);
	rep->totals.unreadable_inputs++;
}

int wdilog_report_add_unreadable(wdilog_report *rep, const char *path,
				 const wdilog_error *why, wdilog_error *err)
{
	struct wdl_input_stat *in = wdl_report_new_input(rep, path, err);
	if (!in)
		return WDILOG_ENOMEM;
	copy_field(in->format, sizeof(in->format), "none");
	copy_field(in->encoding, sizeof(in->encoding), "none");
	mark_unreadable(rep, in, why);
	return WDILOG_OK;
}

/* @p a + @p b, held at INT64_MAX: a count past it could not be written
 * as JSON (nor read back), and a capture that claims more lost events
 * than that has lost at least that many. */
static uint64_t add_held(uint64_t a, uint64_t b)
{
	return b > (uint64_t)INT64_MAX - (a < (uint64_t)INT64_MAX ? a : (uint64_t)INT64_MAX)
		       ? (uint64_t)INT64_MAX
		       : a + b;
}

void wdl_report_note_loss(wdilog_report *rep, struct wdl_input_stat *in,
			  const wdilog_reader *r)
{
	wdilog_totals *t = &rep->totals;
	in->repaired = wdl_reader_repaired(r);
	in->preamble_lines = wdl_reader_preamble_lines(r);
	t->repaired += in->repaired;
	t->preamble_lines += in->preamble_lines;
	uint64_t lost = 0;
	in->events_lost_known = wdl_reader_events_lost(r, &lost);
	if (in->events_lost_known) {
		in->events_lost = add_held(0, lost);
		t->events_lost = add_held(t->events_lost, in->events_lost);
		t->events_lost_known = true;
	}
	in->truncated = wdl_reader_truncated(r);
	t->truncated_inputs += in->truncated;
	in->lost_uncounted = wdl_reader_lost_uncounted(r);
	t->lost_uncounted_inputs += in->lost_uncounted;
}

/* @p n events without status and with nothing else to them, as
 * wdl_report_add_event would count them one by one. */
static void add_plain_events(wdilog_report *rep, size_t input, uint64_t n)
{
	struct wdl_input_stat *in = &rep->inputs[input];
	rep->totals.events += n;
	in->events += n;
	rep->totals.without_status += n;
	in->without_status += n;
}

int wdilog_report_read(wdilog_report *rep, wdilog_reader *r, wdilog_error *err)
{
	if (!wdl_report_new_input(rep, wdilog_reader_name(r), err))
		return WDILOG_ENOMEM;
	size_t idx = rep->ninputs - 1;
	wdilog_event ev;
	int rc;
	uint64_t plain = 0;
	/* events the reader only counted come before the one it hands out */
	for (;;) {
		rc = wdl_reader_next_counted(r, &ev, &plain, err);
		add_plain_events(rep, idx, plain);
		if (rc != WDILOG_OK)
			break;
		rc = wdl_report_add_event(rep, idx, &ev, err);
		if (rc < 0)
			break;
	}
	/* the input ended: its open attempts end with it */
	if (!wdl_attempts_end_input(&rep->attempts) && rc >= 0)
		rc = wdl_fail_oom(err);
	if (rc >= 0 && rep->attempts.failed)
		rc = wdl_fail(err, rep->attempts.failed,
			      "the attempt consumer failed (%s)",
			      wdilog_status_name(rep->attempts.failed));
	struct wdl_input_stat *in = &rep->inputs[idx];
	copy_field(in->format, sizeof(in->format), wdilog_reader_format(r));
	copy_field(in->encoding, sizeof(in->encoding), wdilog_reader_encoding(r));
	in->gzip = wdilog_reader_gzip(r);
	wdl_report_note_loss(rep, in, r);
	if (rc < 0) {
		mark_unreadable(rep, in, err);
		return rc;
	}
	return WDILOG_OK;
}

int wdl_code_cmp(const struct wdl_code_stat *x, const struct wdl_code_stat *y)
{
	if (x->overflow != y->overflow)
		return x->overflow ? 1 : -1;
	if (x->overflow)
		return 0;
	if (x->has_code != y->has_code)
		return x->has_code ? -1 : 1;
	if (x->has_code)
		return x->code < y->code ? -1 : x->code > y->code;
	return strcmp(x->name, y->name);
}

static int cmp_codes(const void *a, const void *b)
{
	return wdl_code_cmp(*(const struct wdl_code_stat *const *)a,
			    *(const struct wdl_code_stat *const *)b);
}

static int cmp_entries(const void *a, const void *b)
{
	return wdl_code_cmp(((const struct wdl_input_entry *)a)->code,
			    ((const struct wdl_input_entry *)b)->code);
}

struct wdl_input_entry *wdl_input_sorted(const wdilog_report *rep,
					 const struct wdl_input_stat *in)
{
	struct wdl_input_entry *v =
		wdl_malloc((in->ncodes ? in->ncodes : 1) * sizeof(*v));
	if (!v)
		return NULL;
	for (size_t k = 0; k < in->ncodes; k++)
		v[k] = (struct wdl_input_entry){ &rep->codes[in->codes[k].code],
						 &in->codes[k] };
	/* an input holds a few codes: an insertion sort costs less than
	 * qsort's set-up, which a report of 10,000 inputs pays per input
	 * (the order is total: codes are distinct, so both give one order) */
	if (in->ncodes > 16) {
		qsort(v, in->ncodes, sizeof(*v), cmp_entries);
		return v;
	}
	for (size_t k = 1; k < in->ncodes; k++) {
		struct wdl_input_entry e = v[k];
		size_t m = k;
		for (; m > 0 && wdl_code_cmp(e.code, v[m - 1].code) < 0; m--)
			v[m] = v[m - 1];
		v[m] = e;
	}
	return v;
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

const char *wdl_code_name(const struct wdl_code_stat *c)
{
	if (c->overflow)
		return WDL_OVERFLOW_NAME;
	if (!c->has_code)
		return c->name;
	return wdilog_status_code_name(c->code);
}

#define EACH(f, label, group, opt) \
	{ #f, sizeof(#f) - 1, label, group, (opt) == WDL_ADDED_LATER, (opt) != false, \
	  offsetof(wdilog_totals, f), \
	  offsetof(struct wdl_input_stat, f) },
#define TOTAL(f, label, group, opt) \
	{ #f, sizeof(#f) - 1, label, group, opt, false, offsetof(wdilog_totals, f), \
	  WDL_NOT_PER_INPUT },
const struct wdl_counter wdl_counters[] = { WDL_COUNTERS(EACH, TOTAL) };
#undef EACH
#undef TOTAL
const size_t wdl_ncounters = sizeof(wdl_counters) / sizeof(wdl_counters[0]);

static void add_totals(wdilog_totals *d, const wdilog_totals *s)
{
	for (size_t i = 0; i < wdl_ncounters; i++)
		*wdl_counter_at(d, wdl_counters[i].total) +=
			wdl_counter_get(s, wdl_counters[i].total);
	d->outside_window += s->outside_window;
	/* known if either says (checked to fit by merge_fits) */
	d->events_lost += s->events_lost;
	d->events_lost_known |= s->events_lost_known;
}

/* The merged code of @p s in @p dst; NULL on OOM. */
static struct wdl_code_stat *merge_code(wdilog_report *dst,
					const struct wdl_code_stat *s,
					wdilog_error *err)
{
	if (s->overflow)
		return wdl_report_overflow_code(dst, err);
	wdilog_status_value v = { .code = s->code, .has_code = s->has_code,
				  .name = s->name };
	return wdl_report_code(dst, &v, err);
}

/* Add @p s's counts to @p d (a later part of the same file). Returns true
 * if both were unreadable: the input must then be counted once. */
static bool add_part(struct wdl_input_stat *d, const struct wdl_input_stat *s)
{
	bool both = d->unreadable && s->unreadable;
	for (size_t i = 0; i < wdl_ncounters; i++)
		if (wdl_counters[i].input != WDL_NOT_PER_INPUT)
			*wdl_counter_at(d, wdl_counters[i].input) +=
				wdl_counter_get(s, wdl_counters[i].input);
	if (s->unreadable && !d->unreadable)
		(void)wdl_input_set_error(d, s->error);
	d->events_lost += s->events_lost;
	d->events_lost_known |= s->events_lost_known;
	return both;
}

/* The flags of a later part @p s joined into @p d (one file read in
 * parts): a flag both parts have is one input's, so the total that
 * counted it twice goes back by one. */
static void join_flags(wdilog_totals *t, struct wdl_input_stat *d,
		       const struct wdl_input_stat *s)
{
	if (d->truncated && s->truncated)
		t->truncated_inputs--;
	if (d->lost_uncounted && s->lost_uncounted)
		t->lost_uncounted_inputs--;
	d->truncated |= s->truncated;
	d->lost_uncounted |= s->lost_uncounted;
}

static int merge_input(wdilog_report *dst, const struct wdl_input_stat *s,
		       const size_t *map, bool same_input, wdilog_error *err)
{
	if (same_input && dst->ninputs) {
		if (add_part(&dst->inputs[dst->ninputs - 1], s))
			dst->totals.unreadable_inputs--;
		join_flags(&dst->totals, &dst->inputs[dst->ninputs - 1], s);
	} else {
		struct wdl_input_stat *in = wdl_report_new_input(dst, s->path, err);
		if (!in)
			return WDILOG_ENOMEM;
		/* the scalar members are plain values; the owned ones are rebuilt */
		char *path = in->path;
		*in = *s;
		in->path = path;
		in->codes = NULL;
		in->ncodes = in->codes_cap = 0;
		in->error = NULL;
		if (s->unreadable && !wdl_input_set_error(in, s->error))
			return wdl_fail_oom(err);
	}
	size_t idx = dst->ninputs - 1;
	for (size_t k = 0; k < s->ncodes; k++) {
		struct wdl_input_code *ic =
			wdl_report_input_code(dst, idx, map[s->codes[k].code], err);
		if (!ic)
			return WDILOG_ENOMEM;
		/* an input appears once, but an overflow entry may absorb
		 * several of its codes */
		ic->count += s->codes[k].count;
		for (uint32_t l = 0; l < s->codes[k].nlines &&
				     ic->nlines < WDL_INPUT_LINES; l++)
			ic->lines[ic->nlines++] = s->codes[k].lines[l];
	}
	return WDILOG_OK;
}

int wdilog_report_merge(wdilog_report *dst, const wdilog_report *src,
			wdilog_error *err)
{
	return wdl_report_merge(dst, src, false, err);
}

/* A sum of two counts past INT64_MAX could not be written as JSON (nor
 * read back); the totals bound every other count, so checking them and the
 * phases before anything changes keeps a failed merge from leaving half. */
static int merge_fits(const wdilog_report *dst, const wdilog_report *src,
		      wdilog_error *err)
{
	const char *member = NULL;
	for (size_t i = 0; i < wdl_ncounters && !member; i++) {
		size_t off = wdl_counters[i].total;
		if (wdl_counter_get(&src->totals, off) >
		    (uint64_t)INT64_MAX - wdl_counter_get(&dst->totals, off))
			member = wdl_counters[i].key;
	}
	if (!member && src->totals.events_lost >
			       (uint64_t)INT64_MAX - dst->totals.events_lost)
		member = "events_lost";
	for (int p = 0; p < WDILOG_PHASE_COUNT && !member; p++)
		if (src->phases[p].statuses >
		    (uint64_t)INT64_MAX - dst->phases[p].statuses)
			member = wdilog_phase_name((wdilog_phase)p);
	if (!member)
		return WDILOG_OK;
	return wdl_fail(err, WDILOG_EFORMAT,
			"cannot merge: the sum of '%s' passes 2^63-1", member);
}

/* Peers, bursts, 802.11 codes and SSIDs of @p src into @p dst (issue 15):
 * peers by address, bursts by concatenation (a burst belongs to its
 * input), tables row by row; a cap reached on the way is flagged. */
static int merge_detail(wdilog_report *dst, const wdilog_report *src,
			const size_t *map, size_t ninputs_before,
			bool same_input, wdilog_error *err)
{
	if (!wdl_peers_merge(&dst->peers, &src->peers, map,
			     &dst->peers_inexact))
		return wdl_fail_oom(err);
	dst->peers_inexact |= src->peers_inexact;
	/* a later part of one input (same_input) defers its failures: its
	 * detector is empty and they were replayed into dst already */
	size_t offset = same_input && ninputs_before ? ninputs_before - 1
						      : ninputs_before;
	/* bursts found with another window or threshold: a report that has
	 * read nothing yet takes the source's (`wdilog merge` of one report
	 * gives that report back); else the list no longer says what one
	 * window would find, and says it is not exact */
	struct wdl_bursts *db = &dst->bursts;
	if (db->window != src->bursts.window ||
	    db->min_failures != src->bursts.min_failures) {
		if (ninputs_before == 0 && !db->ring && !db->any && db->n == 0 &&
		    !db->not_listed) {
			db->window = src->bursts.window;
			db->min_failures = src->bursts.min_failures;
		} else {
			dst->bursts_inexact = true;
		}
	}
	int brc = wdl_bursts_merge(&dst->bursts, &src->bursts, map, offset);
	if (brc < 0)
		return wdl_fail_oom(err);
	dst->bursts_inexact |= src->bursts_inexact || brc > 0;
	wdl_dot11_counts_merge(&dst->dot11, &src->dot11);
	return WDILOG_OK;
}

/* Where input i of @p src goes in @p dst (which had @p base inputs before
 * the merge): after them, or, for a later part of one file, into its
 * last one. A new array (caller frees), or NULL on OOM. */
static size_t *input_map(const wdilog_report *src, size_t base, bool same_input)
{
	size_t *m = wdl_malloc((src->ninputs ? src->ninputs : 1) * sizeof(*m));
	if (!m)
		return NULL;
	for (size_t i = 0; i < src->ninputs; i++)
		m[i] = same_input ? (base ? base - 1 : 0) : base + i;
	return m;
}

/* The drill-down of @p src into @p dst, after the codes, inputs and
 * GUIDs are merged: positions of every code row, the span of a joined
 * part, and the inputs each GUID came from. */
static int merge_drill(wdilog_report *dst, const wdilog_report *src,
		       const size_t *codes, size_t base, bool same_input,
		       wdilog_error *err)
{
	size_t *in = input_map(src, base, same_input);
	if (!in)
		return wdl_fail_oom(err);
	for (size_t i = 0; i < src->ncodes; i++)
		wdl_lines_merge(&dst->codes[codes[i]].lines, &src->codes[i].lines, in);
	if (same_input && base)
		for (size_t i = 0; i < src->ninputs; i++) {
			struct wdl_input_stat *d = &dst->inputs[in[i]];
			wdl_widen(&d->first, &d->last, &src->inputs[i].first);
			wdl_widen(&d->first, &d->last, &src->inputs[i].last);
		}
	for (size_t i = 0; i < src->nguids; i++) {
		const struct wdl_guid_stat *s = &src->guids[i];
		struct wdl_guid_stat *g = wdl_report_find_guid(dst, s->guid);
		if (!g)
			continue;
		for (uint32_t k = 0; k < s->ninputs; k++)
			wdl_guid_note_input(g, in[s->inputs[k]]);
		/* src's further inputs are all after its listed ones */
		if (s->inputs_more && !same_input) {
			g->inputs_more += s->inputs_more;
			g->last_input = in[src->ninputs - 1] + 1;
		}
	}
	wdl_free(in);
	return WDILOG_OK;
}

/* wdl_report_merge; with @p movable (src itself), src's attempt list
 * may be moved into dst's (wdl_att_list_take). */
static int merge_reports(wdilog_report *dst, const wdilog_report *src,
			 wdilog_report *movable, bool same_input,
			 wdilog_error *err)
{
	int fit = merge_fits(dst, src, err);
	if (fit == WDILOG_OK)
		fit = wdl_attempts_mergeable(&dst->attempts.figs,
					     &src->attempts.figs, err);
	if (fit < 0)
		return fit;
	size_t base = dst->ninputs;
	size_t *map = wdl_malloc((src->ncodes ? src->ncodes : 1) * sizeof(*map));
	if (!map)
		return wdl_fail_oom(err);
	int rc = WDILOG_OK;
	size_t ninputs_before = dst->ninputs;
	for (size_t i = 0; i < src->ncodes && rc == WDILOG_OK; i++) {
		const struct wdl_code_stat *s = &src->codes[i];
		struct wdl_code_stat *c = merge_code(dst, s, err);
		if (!c) {
			rc = WDILOG_ENOMEM;
			break;
		}
		map[i] = (size_t)(c - dst->codes);
		c->count += s->count;
		wdl_widen(&c->first, &c->last, &s->first);
		wdl_widen(&c->first, &c->last, &s->last);
	}
	for (size_t i = 0; i < src->ninputs && rc == WDILOG_OK; i++)
		rc = merge_input(dst, &src->inputs[i], map, same_input, err);
	if (rc == WDILOG_OK)
		rc = merge_detail(dst, src, map, ninputs_before, same_input, err);
	if (rc == WDILOG_OK &&
	    !wdl_attempts_merge(&dst->attempts.figs, &src->attempts.figs))
		rc = wdl_fail_oom(err);
	if (rc == WDILOG_OK && dst->att_list.keep &&
	    !(movable ? wdl_att_list_take(&dst->att_list, &movable->att_list,
					  same_input)
		      : wdl_att_list_merge(&dst->att_list, &src->att_list,
					   same_input)))
		rc = wdl_fail_oom(err);
	/* a later part of one file: attempts at the boundary were cut */
	if (same_input && !src->attempts.exact &&
	    wdl_attempts_any(&src->attempts.figs))
		dst->attempts.figs.per_part = true;
	dst->detail_missing |= src->detail_missing;
	dst->window.excluded_events += src->window.excluded_events;
	dst->window.excluded_statuses += src->window.excluded_statuses;
	dst->window.untimed_events += src->window.untimed_events;
	for (size_t i = 0; i < src->nguids && rc == WDILOG_OK; i++)
		rc = wdl_report_add_guid(dst, src->guids[i].guid,
					 src->guids[i].count, err);
	if (rc == WDILOG_OK)
		rc = merge_drill(dst, src, map, base, same_input, err);
	wdl_free(map);
	if (rc < 0)
		return rc;
	dst->guids_overflow += src->guids_overflow;
	add_totals(&dst->totals, &src->totals);
	for (int p = 0; p < WDILOG_PHASE_COUNT; p++) {
		struct wdl_phase_stat *d = &dst->phases[p];
		const struct wdl_phase_stat *s = &src->phases[p];
		d->statuses += s->statuses;
		d->failures += s->failures;
		wdl_widen(&d->first, &d->last, &s->first);
		wdl_widen(&d->first, &d->last, &s->last);
	}
	/* two empty timelines keep the wider (user-chosen) width, as one run
	 * with that width would */
	if (!dst->timeline.n && !src->timeline.n &&
	    src->timeline.width > dst->timeline.width)
		dst->timeline.width = src->timeline.width;
	wdl_timeline_merge(&dst->timeline, &src->timeline);
	/* the merged report has no verdict yet: back to the default
	 * selection until it is evaluated */
	wdl_gate_state_free(dst->gate);
	dst->gate = NULL;
	for (size_t i = 0; i < dst->ncodes; i++) {
		struct wdl_code_stat *c = &dst->codes[i];
		c->selected = wdl_selected_by_default(c->kind);
		c->failing = false;
	}
	return WDILOG_OK;
}

int wdl_report_merge(wdilog_report *dst, const wdilog_report *src,
		     bool same_input, wdilog_error *err)
{
	return merge_reports(dst, src, NULL, same_input, err);
}

int wdl_report_merge_job(wdilog_report *dst, wdilog_report *src,
			 bool same_input, wdilog_error *err)
{
	return merge_reports(dst, src, src, same_input, err);
}

/* ---- the same code in two reports ---- */

bool wdl_same_code(const struct wdl_code_stat *c, const struct wdl_code_stat *d)
{
	if (c->overflow || d->overflow)
		return c->overflow && d->overflow;
	if (c->has_code != d->has_code)
		return false;
	return c->has_code ? c->code == d->code : strcmp(c->name, d->name) == 0;
}

const struct wdl_code_stat *wdl_report_find_code(const wdilog_report *rep,
						 const struct wdl_code_stat *c)
{
	for (size_t i = 0; i < rep->ncodes; i++)
		if (wdl_same_code(&rep->codes[i], c))
			return &rep->codes[i];
	return NULL;
}

/* ---- what reading found, in words (view.h) ---- */

struct words {
	char *buf;
	size_t cap, len;
};

/* Append "; " (unless first) and one phrase with @p n and its plural. */
static void phrase(struct words *w, uint64_t n, const char *one,
		   const char *many, const char *tail)
{
	size_t room = w->len < w->cap ? w->cap - w->len : 0;
	int k = snprintf(room ? w->buf + w->len : NULL, room, "%s%" PRIu64 " %s%s",
			 w->len ? "; " : "", n, n == 1 ? one : many, tail);
	if (k > 0)
		w->len += (size_t)k;
}

static void word(struct words *w, const char *text)
{
	size_t room = w->len < w->cap ? w->cap - w->len : 0;
	int k = snprintf(room ? w->buf + w->len : NULL, room, "%s%s",
			 w->len ? "; " : "", text);
	if (k > 0)
		w->len += (size_t)k;
}

static size_t words_end(struct words *w)
{
	if (w->cap && w->len >= w->cap)
		w->len = w->cap - 1;
	if (w->cap)
		w->buf[w->len] = '\0';
	return w->len;
}

size_t wdl_view_input_loss(const struct wdl_input_stat *in, char *buf,
			   size_t cap)
{
	struct words w = { buf, cap, 0 };
	if (cap)
		buf[0] = '\0';
	if (in->truncated)
		word(&w, "cut short (truncated)");
	if (in->events_lost_known && in->events_lost)
		phrase(&w, in->events_lost, "event", "events",
		       " lost (the capture says so)");
	if (in->lost_uncounted)
		word(&w, "events lost, how many not known (the capture says so)");
	if (in->repaired)
		phrase(&w, in->repaired, "event", "events", " repaired");
	if (in->preamble_lines)
		phrase(&w, in->preamble_lines, "preamble line", "preamble lines",
		       " passed over");
	return words_end(&w);
}

size_t wdl_view_totals_loss(const wdilog_totals *t, char *buf, size_t cap)
{
	struct words w = { buf, cap, 0 };
	if (cap)
		buf[0] = '\0';
	if (t->truncated_inputs)
		phrase(&w, t->truncated_inputs, "input", "inputs",
		       " cut short (truncated)");
	if (t->events_lost_known && t->events_lost)
		phrase(&w, t->events_lost, "event", "events",
		       " lost (the captures say so)");
	if (t->lost_uncounted_inputs)
		phrase(&w, t->lost_uncounted_inputs, "input", "inputs",
		       " lost events, how many not known (the captures say so)");
	if (t->repaired)
		phrase(&w, t->repaired, "event", "events", " repaired");
	if (t->preamble_lines)
		phrase(&w, t->preamble_lines, "preamble line", "preamble lines",
		       " passed over");
	return words_end(&w);
}
