/* Aggregate stage: totals, phases, codes, inputs, undecoded GUIDs and the
 * timeline. Memory grows with the number of distinct codes, inputs and
 * GUIDs (each capped), never with the input's size. */
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
	if (rep->overflow_slot)
		return &rep->codes[rep->overflow_slot - 1];
	struct wdl_code_stat *c = new_code(rep, err);
	if (c) {
		c->overflow = true;
		c->phase = WDILOG_PHASE_UNKNOWN;
		c->kind = WDILOG_KIND_UNKNOWN;
		rep->overflow_slot = (uint16_t)(c - rep->codes + 1);
	}
	return c;
}

/* FNV-1a, then a final mix so that nearby numbers spread. */
static size_t slot_of(const char *s, uint32_t code)
{
	uint32_t h = 2166136261u ^ code;
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	h ^= h >> 15;
	h *= 0x2c1b3c6dU;
	h ^= h >> 12;
	return h & (WDL_INDEX_SLOTS - 1);
}

static bool same_value(const struct wdl_code_stat *c,
		       const wdilog_status_value *v)
{
	if (c->has_code != v->has_code)
		return false;
	return v->has_code ? c->code == v->code : strcmp(c->name, v->name) == 0;
}

static struct wdl_code_stat *find_code(wdilog_report *rep,
				       const wdilog_status_value *v,
				       wdilog_error *err)
{
	if (v->has_code && v->code < 64 && rep->known_index[v->code] >= 0)
		return &rep->codes[rep->known_index[v->code]];
	size_t slot = slot_of(v->has_code ? NULL : v->name,
			      v->has_code ? v->code : 0xFFFFFFFFu);
	for (; rep->code_slots[slot];
	     slot = (slot + 1) & (WDL_INDEX_SLOTS - 1)) {
		struct wdl_code_stat *c = &rep->codes[rep->code_slots[slot] - 1];
		if (same_value(c, v))
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
	rep->code_slots[slot] = (uint16_t)(c - rep->codes + 1);
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
	size_t slot = slot_of(guid, 0);
	for (; rep->guid_slots[slot];
	     slot = (slot + 1) & (WDL_INDEX_SLOTS - 1)) {
		struct wdl_guid_stat *g = &rep->guids[rep->guid_slots[slot] - 1];
		if (strcmp(g->guid, guid) == 0) {
			g->count++;
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
	rep->guid_slots[slot] = (uint16_t)rep->nguids;
	memcpy(g->guid, guid, sizeof(g->guid));
	g->guid[36] = '\0';
	g->count = 1;
	return WDILOG_OK;
}

static int add_records(wdilog_report *rep, struct wdl_input_stat *in,
		       const wdilog_event *ev, wdilog_error *err)
{
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
	}
	return WDILOG_OK;
}

int wdl_report_add_event(wdilog_report *rep, size_t input,
			 const wdilog_event *ev, wdilog_error *err)
{
	struct wdl_input_stat *in = &rep->inputs[input];
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
	case WDILOG_EVENT_WITH_STATUS:
		rep->totals.with_status++;
		in->with_status++;
		return add_records(rep, in, ev, err);
	}
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
