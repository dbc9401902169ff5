/* Reading a report back: a wdilog/1 JSON report, as render_json.c writes
 * it, parsed with jansson into a wdilog_report, so that reports made on
 * other machines can be merged, compared and used as baselines. Every
 * member of the contract (formats.md section 6) is checked for type; the
 * members this version adds (per-input codes, the timeline; peers, bursts,
 * 802.11 codes and SSIDs, issue 15) are read when
 * present. A "gate" member is ignored: gates are evaluated afresh. */
#include <wdilog/gate.h>

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "report/attempts_load.h"
#include "report/counters.h"
#include "report/report.h"
#include "report/timeline.h"
#include "util/alloc.h"
#include "util/error.h"
#include "parse/context.h"
#include "parse/timestamp.h"

struct loader {
	const char *name;           /* report path, for messages */
	wdilog_report *rep;
	wdilog_error *err;
};

static int bad(struct loader *ld, const char *member, const char *what)
{
	return wdl_fail(ld->err, WDILOG_EFORMAT, "%s: member '%s' %s",
			ld->name, member, what);
}

static int get_count(struct loader *ld, const json_t *obj, const char *key,
		     const char *where, bool optional, uint64_t *out)
{
	const json_t *v = json_object_get(obj, key);
	char member[96];
	if (!v && optional) {
		*out = 0;
		return WDILOG_OK;
	}
	if (!v || !json_is_integer(v) || json_integer_value(v) < 0) {
		snprintf(member, sizeof(member), "%s%s", where, key);
		return bad(ld, member, v ? "is not a count" : "is missing");
	}
	*out = (uint64_t)json_integer_value(v);
	return WDILOG_OK;
}

/* "events_lost": a count, or null or missing (an older report) when the
 * input does not say. */
static int get_lost(struct loader *ld, const json_t *obj, const char *where,
		    bool *known, uint64_t *out)
{
	const json_t *v = json_object_get(obj, "events_lost");
	*known = v && !json_is_null(v);
	*out = 0;
	if (!*known)
		return WDILOG_OK;
	return get_count(ld, obj, "events_lost", where, false, out);
}

/* An optional true/false member (false when missing). */
static int get_flag(struct loader *ld, const json_t *obj, const char *key,
		    const char *where, bool *out)
{
	const json_t *v = json_object_get(obj, key);
	*out = json_is_true(v);
	if (v && !json_is_boolean(v)) {
		char member[96];
		snprintf(member, sizeof(member), "%s%s", where, key);
		return bad(ld, member, "is not true or false");
	}
	return WDILOG_OK;
}

/* Adds @p v to the running sum @p acc of the entries of @p member. Every
 * loaded count is at most INT64_MAX, so the add itself cannot wrap; a sum
 * past INT64_MAX could not be written back as JSON. */
static int add_entry(struct loader *ld, uint64_t *acc, uint64_t v,
		     const char *member)
{
	*acc += v;
	if (*acc > (uint64_t)INT64_MAX)
		return bad(ld, member, "has counts whose sum passes 2^63-1");
	return WDILOG_OK;
}

/* An ISO 8601 time as wdl_time_format writes it, or null. */
static int get_time(struct loader *ld, const json_t *obj, const char *key,
		    const char *where, wdilog_time *out)
{
	const json_t *v = json_object_get(obj, key);
	char member[96];
	memset(out, 0, sizeof(*out));
	if (json_is_null(v))
		return WDILOG_OK;
	snprintf(member, sizeof(member), "%s%s", where, key);
	if (!v)
		return bad(ld, member, "is missing");
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	if (!s || wdl_time_parse(s, len, false, out) != len || !out->valid)
		return bad(ld, member, "is not an ISO 8601 time or null");
	/* a leap second on 9999-12-31 reads as year 10000, which no report
	 * can write back (fuzz_report found it) */
	if (out->seconds < WDL_TIME_KEY_MIN || out->seconds > WDL_TIME_KEY_MAX)
		return bad(ld, member, "is outside the years 1 to 9999");
	return WDILOG_OK;
}

static int load_totals(struct loader *ld, const json_t *root)
{
	const json_t *t = json_object_get(root, "totals");
	if (!json_is_object(t))
		return bad(ld, "totals", "is not an object");
	for (size_t i = 0; i < wdl_ncounters; i++) {
		const struct wdl_counter *k = &wdl_counters[i];
		int rc = get_count(ld, t, k->key, "totals.", k->total_optional,
				   wdl_counter_at(&ld->rep->totals, k->total));
		if (rc < 0)
			return rc;
	}
	wdilog_totals *tt = &ld->rep->totals;
	return get_lost(ld, t, "totals.", &tt->events_lost_known,
			&tt->events_lost);
}

static int load_phases(struct loader *ld, const json_t *root)
{
	const json_t *ph = json_object_get(root, "phases");
	if (!json_is_object(ph))
		return bad(ld, "phases", "is not an object");
	for (int i = 0; i < WDILOG_PHASE_COUNT; i++) {
		const char *pname = wdilog_phase_name((wdilog_phase)i);
		const json_t *p = json_object_get(ph, pname);
		char where[48];
		snprintf(where, sizeof(where), "phases.%s.", pname);
		if (!json_is_object(p))
			return bad(ld, where, "is not an object");
		struct wdl_phase_stat *st = &ld->rep->phases[i];
		int rc;
		if ((rc = get_count(ld, p, "statuses", where, false, &st->statuses)) < 0 ||
		    (rc = get_count(ld, p, "failures", where, false, &st->failures)) < 0 ||
		    (rc = get_time(ld, p, "first", where, &st->first)) < 0 ||
		    (rc = get_time(ld, p, "last", where, &st->last)) < 0)
			return rc;
		/* merging would swap them (wdl_widen): no writer makes this */
		if (st->first.valid && st->last.valid &&
		    wdl_time_cmp(&st->first, &st->last) > 0) {
			char member[64];
			snprintf(member, sizeof(member), "%sfirst", where);
			return bad(ld, member, "is later than its 'last'");
		}
	}
	return WDILOG_OK;
}

/* The code entry a {"code", "name"} pair names, created if new. */
static struct wdl_code_stat *code_of(struct loader *ld, const json_t *o,
				     const char *where, int *rc)
{
	const json_t *code = json_object_get(o, "code");
	const json_t *name = json_object_get(o, "name");
	char member[96];
	wdilog_status_value v = { 0 };
	struct wdl_code_stat *c;
	if (json_is_integer(code)) {
		json_int_t n = json_integer_value(code);
		if (n < 0 || n > (json_int_t)UINT32_MAX) {
			snprintf(member, sizeof(member), "%scode", where);
			*rc = bad(ld, member, "is out of range");
			return NULL;
		}
		v.has_code = true;
		v.code = (uint32_t)n;
	} else if (!json_is_null(code) || !json_is_string(name)) {
		snprintf(member, sizeof(member), "%scode", where);
		*rc = bad(ld, member, "is neither a number nor null with a name");
		return NULL;
	} else if (strcmp(json_string_value(name), WDL_OVERFLOW_NAME) == 0) {
		c = wdl_report_overflow_code(ld->rep, ld->err);
		*rc = c ? WDILOG_OK : WDILOG_ENOMEM;
		return c;
	} else {
		v.name = json_string_value(name);
	}
	c = wdl_report_code(ld->rep, &v, ld->err);
	*rc = c ? WDILOG_OK : WDILOG_ENOMEM;
	return c;
}

static int load_codes(struct loader *ld, const json_t *root)
{
	const json_t *codes = json_object_get(root, "codes");
	uint64_t sum = 0;
	if (!json_is_array(codes))
		return bad(ld, "codes", "is not an array");
	for (size_t i = 0; i < json_array_size(codes); i++) {
		const json_t *o = json_array_get(codes, i);
		char where[48];
		snprintf(where, sizeof(where), "codes[%zu].", i);
		if (!json_is_object(o))
			return bad(ld, where, "is not an object");
		int rc;
		struct wdl_code_stat *c = code_of(ld, o, where, &rc);
		if (!c)
			return rc;
		uint64_t count = 0;
		wdilog_time first = { 0 }, last = { 0 };
		if ((rc = get_count(ld, o, "count", where, false, &count)) < 0 ||
		    (rc = get_time(ld, o, "first", where, &first)) < 0 ||
		    (rc = get_time(ld, o, "last", where, &last)) < 0 ||
		    (rc = add_entry(ld, &sum, count, "codes")) < 0)
			return rc;
		c->count += count;
		wdl_widen(&c->first, &c->last, &first);
		wdl_widen(&c->first, &c->last, &last);
	}
	return WDILOG_OK;
}

static int load_guids(struct loader *ld, const json_t *root)
{
	const json_t *guids = json_object_get(root, "undecoded_guids");
	uint64_t sum = 0;
	if (!guids)
		return WDILOG_OK;
	if (!json_is_array(guids))
		return bad(ld, "undecoded_guids", "is not an array");
	for (size_t i = 0; i < json_array_size(guids); i++) {
		const json_t *o = json_array_get(guids, i);
		char where[48];
		snprintf(where, sizeof(where), "undecoded_guids[%zu].", i);
		const json_t *g = json_object_get(o, "guid");
		uint64_t count = 0;
		int rc;
		if (json_is_null(g)) {
			/* the entry for GUIDs past the distinct-value limit */
			rc = get_count(ld, o, "count", where, false, &count);
			if (rc < 0 ||
			    (rc = add_entry(ld, &sum, count, "undecoded_guids")) < 0)
				return rc;
			ld->rep->guids_overflow += count;
			continue;
		}
		if (!json_is_string(g) || json_string_length(g) != 36)
			return bad(ld, where, "has no 36-character guid");
		rc = get_count(ld, o, "count", where, false, &count);
		if (rc < 0 ||
		    (rc = add_entry(ld, &sum, count, "undecoded_guids")) < 0 ||
		    (rc = wdl_report_add_guid(ld->rep, json_string_value(g), count,
					      ld->err)) < 0)
			return rc;
	}
	return WDILOG_OK;
}

static int copy_text(struct loader *ld, const json_t *o, const char *key,
		     const char *where, char *dst, size_t cap)
{
	const json_t *v = json_object_get(o, key);
	char member[96];
	if (!json_is_string(v)) {
		snprintf(member, sizeof(member), "%s%s", where, key);
		return bad(ld, member, "is not a string");
	}
	snprintf(dst, cap, "%s", json_string_value(v));
	return WDILOG_OK;
}

static int load_input_codes(struct loader *ld, const json_t *in, size_t idx,
			    const char *where)
{
	const json_t *codes = json_object_get(in, "codes");
	if (!codes)
		return WDILOG_OK;
	if (!json_is_array(codes))
		return bad(ld, where, "has a 'codes' member that is not an array");
	uint64_t sum = 0;
	for (size_t k = 0; k < json_array_size(codes); k++) {
		const json_t *o = json_array_get(codes, k);
		char w[80];
		snprintf(w, sizeof(w), "%scodes[%zu].", where, k);
		if (!json_is_object(o))
			return bad(ld, w, "is not an object");
		size_t before = ld->rep->ncodes;
		int rc;
		struct wdl_code_stat *c = code_of(ld, o, w, &rc);
		if (!c)
			return rc;
		if (ld->rep->ncodes != before)
			return bad(ld, w, "names a code missing from 'codes'");
		struct wdl_input_code *ic = wdl_report_input_code(
			ld->rep, idx, (size_t)(c - ld->rep->codes), ld->err);
		if (!ic)
			return WDILOG_ENOMEM;
		uint64_t count;
		if ((rc = get_count(ld, o, "count", w, false, &count)) < 0 ||
		    (rc = add_entry(ld, &sum, count, where)) < 0)
			return rc;
		ic->count += count;
		const json_t *lines = json_object_get(o, "lines");
		if (lines && !json_is_array(lines))
			return bad(ld, w, "has 'lines' that is not an array");
		for (size_t l = 0; l < json_array_size(lines); l++) {
			const json_t *n = json_array_get(lines, l);
			if (!json_is_integer(n) || json_integer_value(n) < 0)
				return bad(ld, w, "has a line that is not a number");
			if (ic->nlines < WDL_INPUT_LINES)
				ic->lines[ic->nlines++] = (uint64_t)json_integer_value(n);
		}
	}
	return WDILOG_OK;
}

static int load_inputs(struct loader *ld, const json_t *root)
{
	const json_t *inputs = json_object_get(root, "inputs");
	if (!json_is_array(inputs))
		return bad(ld, "inputs", "is not an array");
	for (size_t i = 0; i < json_array_size(inputs); i++) {
		const json_t *o = json_array_get(inputs, i);
		char where[48];
		snprintf(where, sizeof(where), "inputs[%zu].", i);
		if (!json_is_object(o))
			return bad(ld, where, "is not an object");
		const json_t *path = json_object_get(o, "path");
		if (!json_is_string(path))
			return bad(ld, where, "has no string 'path'");
		struct wdl_input_stat *in =
			wdl_report_new_input(ld->rep, json_string_value(path), ld->err);
		if (!in)
			return WDILOG_ENOMEM;
		int rc;
		if ((rc = copy_text(ld, o, "format", where, in->format,
				    sizeof(in->format))) < 0 ||
		    (rc = copy_text(ld, o, "encoding", where, in->encoding,
				    sizeof(in->encoding))) < 0)
			return rc;
		for (size_t k = 0; k < wdl_ncounters; k++) {
			const struct wdl_counter *c = &wdl_counters[k];
			if (c->input == WDL_NOT_PER_INPUT)
				continue;
			rc = get_count(ld, o, c->key, where, c->input_optional,
				       wdl_counter_at(in, c->input));
			if (rc < 0)
				return rc;
		}
		if ((rc = get_lost(ld, o, where, &in->events_lost_known,
				   &in->events_lost)) < 0 ||
		    (rc = get_flag(ld, o, "truncated", where, &in->truncated)) < 0 ||
		    (rc = get_flag(ld, o, "lost_uncounted", where,
				   &in->lost_uncounted)) < 0)
			return rc;
		const json_t *gz = json_object_get(o, "gzip");
		in->gzip = json_is_true(gz);
		const json_t *error = json_object_get(o, "error");
		if (json_is_string(error)) {
			if (!wdl_input_set_error(in, json_string_value(error)))
				return wdl_fail_oom(ld->err);
		} else if (error && !json_is_null(error)) {
			return bad(ld, where, "has an 'error' that is not a string or null");
		}
		if ((rc = load_input_codes(ld, o, ld->rep->ninputs - 1, where)) < 0)
			return rc;
	}
	return WDILOG_OK;
}

/* ---- drill-down: positions of records (report/lines.h) ---- */

/* One [input, line] pair: an input of this report and a line from 1. */
static int get_pos(struct loader *ld, const json_t *v, const char *member,
		   struct wdl_pos *out)
{
	const json_t *in = json_array_get(v, 0), *line = json_array_get(v, 1);
	if (!json_is_array(v) || json_array_size(v) != 2 ||
	    !json_is_integer(in) || !json_is_integer(line))
		return bad(ld, member, "has a position that is not [input, line]");
	if (json_integer_value(in) < 0 ||
	    (uint64_t)json_integer_value(in) >= ld->rep->ninputs)
		return bad(ld, member, "has a position whose input is not listed");
	if (json_integer_value(line) < 1)
		return bad(ld, member, "has a position whose line is not 1 or more");
	out->input = (size_t)json_integer_value(in);
	out->line = (uint64_t)json_integer_value(line);
	return WDILOG_OK;
}

/* A "positions" member of a row of @p count records into @p l, checked: the
 * earliest ascending, first the earliest of them, last not before any,
 * no more positions than records. Missing (an older report): every
 * record's line is not known. */
static int load_lines(struct loader *ld, const json_t *o, const char *where,
		      uint64_t count, struct wdl_lines *l)
{
	const json_t *v = json_object_get(o, "positions");
	char member[96];
	snprintf(member, sizeof(member), "%spositions", where);
	struct wdl_lines got = { 0 };
	if (!v) {
		got.unplaced = count;
		wdl_lines_merge(l, &got, NULL);
		return WDILOG_OK;
	}
	if (!json_is_object(v))
		return bad(ld, member, "is not an object");
	const json_t *e = json_object_get(v, "earliest");
	if (!json_is_array(e) || json_array_size(e) > WDL_LINE_SAMPLES)
		return bad(ld, member, "has no 'earliest' array of at most 8");
	int rc;
	for (size_t i = 0; i < json_array_size(e); i++) {
		struct wdl_pos p;
		if ((rc = get_pos(ld, json_array_get(e, i), member, &p)) < 0)
			return rc;
		if (i && wdl_pos_cmp(&got.earliest[i - 1], &p) >= 0)
			return bad(ld, member, "has 'earliest' out of order");
		got.earliest[got.n++] = p;
	}
	if ((rc = get_count(ld, v, "unplaced", member, false, &got.unplaced)) < 0)
		return rc;
	if (got.unplaced > count || got.n > count - got.unplaced ||
	    (count && !got.n && !got.unplaced))
		return bad(ld, member, "does not match the row's count");
	const json_t *f = json_object_get(v, "first"), *z = json_object_get(v, "last");
	bool known = got.n && !got.unplaced;
	if (!known) {
		if (!json_is_null(f) || !json_is_null(z))
			return bad(ld, member, "has a 'first' or 'last' that is not null");
		if (got.n)
			got.last = got.earliest[got.n - 1];
	} else {
		struct wdl_pos first;
		if ((rc = get_pos(ld, f, member, &first)) < 0 ||
		    (rc = get_pos(ld, z, member, &got.last)) < 0)
			return rc;
		if (wdl_pos_cmp(&first, &got.earliest[0]) != 0)
			return bad(ld, member, "has a 'first' that is not the earliest");
		if (wdl_pos_cmp(&got.last, &got.earliest[got.n - 1]) < 0)
			return bad(ld, member, "has a 'last' before its 'first'");
		/* fewer than kept: every position is in 'earliest' */
		if (got.n < WDL_LINE_SAMPLES &&
		    wdl_pos_cmp(&got.last, &got.earliest[got.n - 1]) != 0)
			return bad(ld, member, "has a 'last' not in 'earliest'");
	}
	wdl_lines_merge(l, &got, NULL);
	return WDILOG_OK;
}

/* The code rows' positions: read after the inputs, which they name. */
static int load_code_lines(struct loader *ld, const json_t *root)
{
	const json_t *codes = json_object_get(root, "codes");
	for (size_t i = 0; i < json_array_size(codes); i++) {
		const json_t *o = json_array_get(codes, i);
		char where[48];
		snprintf(where, sizeof(where), "codes[%zu].", i);
		int rc;
		struct wdl_code_stat *c = code_of(ld, o, where, &rc);
		uint64_t count = 0;
		if (!c)
			return rc;
		if ((rc = get_count(ld, o, "count", where, false, &count)) < 0 ||
		    (rc = load_lines(ld, o, where, count, &c->lines)) < 0)
			return rc;
	}
	return WDILOG_OK;
}

/* Each input's span, and the inputs each undecoded GUID came from. */
static int load_drill_inputs(struct loader *ld, const json_t *root)
{
	const json_t *inputs = json_object_get(root, "inputs");
	int rc;
	for (size_t i = 0; i < json_array_size(inputs); i++) {
		const json_t *o = json_array_get(inputs, i);
		struct wdl_input_stat *in = &ld->rep->inputs[i];
		char where[48];
		snprintf(where, sizeof(where), "inputs[%zu].", i);
		if ((json_object_get(o, "first") &&
		     (rc = get_time(ld, o, "first", where, &in->first)) < 0) ||
		    (json_object_get(o, "last") &&
		     (rc = get_time(ld, o, "last", where, &in->last)) < 0))
			return rc;
		if (in->first.valid != in->last.valid ||
		    (in->first.valid && wdl_time_cmp(&in->first, &in->last) > 0))
			return bad(ld, where, "has a 'first' later than its 'last'");
	}
	const json_t *guids = json_object_get(root, "undecoded_guids");
	for (size_t i = 0; i < json_array_size(guids); i++) {
		const json_t *o = json_array_get(guids, i);
		const json_t *g = json_object_get(o, "guid");
		const json_t *ins = json_object_get(o, "inputs");
		char where[48];
		snprintf(where, sizeof(where), "undecoded_guids[%zu].", i);
		struct wdl_guid_stat *st =
			json_is_string(g) ? wdl_report_find_guid(ld->rep, json_string_value(g))
					  : NULL;
		if (!ins)
			continue;
		if (!json_is_array(ins) || json_array_size(ins) > WDL_GUID_INPUTS)
			return bad(ld, where, "has 'inputs' that is not an array of at most 4");
		uint64_t more = 0;
		if ((rc = get_count(ld, o, "inputs_more", where, false, &more)) < 0)
			return rc;
		for (size_t k = 0; k < json_array_size(ins); k++) {
			const json_t *n = json_array_get(ins, k);
			json_int_t x = json_is_integer(n) ? json_integer_value(n) : -1;
			if (x < 0 || (uint64_t)x >= ld->rep->ninputs ||
			    (k && x <= json_integer_value(json_array_get(ins, k - 1))))
				return bad(ld, where, "has 'inputs' that are not listed inputs in order");
			if (st)
				wdl_guid_note_input(st, (size_t)x);
		}
		if (st && more) {
			st->inputs_more += more;
			st->last_input = ld->rep->ninputs;
		}
	}
	return WDILOG_OK;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The writer lists every bucket from the first to the last, so bucket i
 * must start at (first + i) * width. */
static int load_timeline(struct loader *ld, const json_t *root)
{
	const json_t *tl = json_object_get(root, "timeline");
	if (!tl)
		return WDILOG_OK;
	if (!json_is_object(tl))
		return bad(ld, "timeline", "is not an object");
	uint64_t width = 0;
	int rc = get_count(ld, tl, "bucket_seconds", "timeline.", false, &width);
	if (rc < 0)
		return rc;
	if (width == 0 || width > UINT32_MAX)
		return bad(ld, "timeline.bucket_seconds", "is out of range");
	const json_t *buckets = json_object_get(tl, "buckets");
	if (!json_is_array(buckets) || json_array_size(buckets) > WDL_TIMELINE_MAX)
		return bad(ld, "timeline.buckets", "is not an array of at most 120");
	struct wdl_timeline *t = &ld->rep->timeline;
	wdl_timeline_init(t, (uint32_t)width);
	for (size_t i = 0; i < json_array_size(buckets); i++) {
		const json_t *b = json_array_get(buckets, i);
		char where[48];
		snprintf(where, sizeof(where), "timeline.buckets[%zu].", i);
		if (!json_is_object(b))
			return bad(ld, where, "is not an object");
		wdilog_time start;
		if ((rc = get_time(ld, b, "start", where, &start)) < 0)
			return rc;
		if (!start.valid)
			return bad(ld, where, "has no start time");
		int64_t idx = floor_div(wdl_time_key(&start), (int64_t)width);
		if (i == 0)
			t->first = idx;
		else if (idx != t->first + (int64_t)i)
			return bad(ld, where, "does not follow the bucket before it");
		t->zoned |= start.zoned;
		for (int p = 0; p < WDILOG_PHASE_COUNT; p++)
			if ((rc = get_count(ld, b, wdilog_phase_name((wdilog_phase)p),
					    where, false, &t->counts[i][p])) < 0)
				return rc;
		t->n = (uint32_t)i + 1;
	}
	return get_count(ld, tl, "untimed", "timeline.", true, &t->untimed);
}

/* Sums the writer keeps (doc/report.md, "Consistency"); a report that
 * breaks one was edited or made elsewhere, and its counts could wrap
 * once merged or gated. Each sum is checked against INT64_MAX as it grows. */
static int check_sum(struct loader *ld, const char *member, uint64_t total,
		     const uint64_t *parts, size_t nparts, bool equal)
{
	uint64_t sum = 0;
	int rc;
	for (size_t i = 0; i < nparts; i++)
		if ((rc = add_entry(ld, &sum, parts[i], member)) < 0)
			return rc;
	if (equal ? sum != total : sum > total)
		return bad(ld, member, equal ? "does not match the sum of its parts"
					     : "is less than the sum of its parts");
	return WDILOG_OK;
}

/* The inputs flagged @p key number @p *total, which a report older than
 * the flags lacks: then the count is taken from the inputs. */
static int check_flagged(struct loader *ld, const json_t *tj,
			 const char *key, uint64_t *total, size_t flag_offset)
{
	uint64_t n = 0;
	for (size_t i = 0; i < ld->rep->ninputs; i++)
		n += *(const bool *)((const char *)&ld->rep->inputs[i] + flag_offset);
	if (!json_object_get(tj, key)) {
		*total = n;
		return WDILOG_OK;
	}
	char member[48];
	snprintf(member, sizeof(member), "totals.%s", key);
	return n == *total ? WDILOG_OK
			   : bad(ld, member, "does not match the inputs flagged");
}

/* Events lost: the total is the sum of the inputs that say, and null
 * exactly when none says. */
static int check_loss(struct loader *ld, const json_t *tj)
{
	const wdilog_report *r = ld->rep;
	wdilog_totals *t = &ld->rep->totals;
	uint64_t sum = 0;
	bool any = false;
	int rc;
	for (size_t i = 0; i < r->ninputs; i++) {
		if (!r->inputs[i].events_lost_known)
			continue;
		any = true;
		if ((rc = add_entry(ld, &sum, r->inputs[i].events_lost,
				    "totals.events_lost")) < 0)
			return rc;
	}
	if (any != t->events_lost_known || sum != t->events_lost)
		return bad(ld, "totals.events_lost",
			   "does not match the inputs' events_lost");
	if ((rc = check_flagged(ld, tj, "truncated_inputs", &t->truncated_inputs,
				offsetof(struct wdl_input_stat, truncated))) < 0)
		return rc;
	return check_flagged(ld, tj, "lost_uncounted_inputs",
			     &t->lost_uncounted_inputs,
			     offsetof(struct wdl_input_stat, lost_uncounted));
}

static int check_counts(struct loader *ld, const json_t *root)
{
	const wdilog_report *r = ld->rep;
	const wdilog_totals *t = &r->totals;
	const json_t *tj = json_object_get(root, "totals");
	int rc;
	/* with_status, without_status and undecoded came later: an older
	 * report lacks them, and then only the bound holds */
	bool split = json_object_get(tj, "with_status") &&
		     json_object_get(tj, "without_status") &&
		     json_object_get(tj, "undecoded");
	uint64_t ev[] = { t->with_status, t->without_status, t->undecoded,
			  t->damaged };
	if ((rc = check_sum(ld, "totals.events", t->events, ev, 4, split)) < 0)
		return rc;
	/* the kinds are exclusive; "unknown" counts a phase, not a kind */
	uint64_t kinds[] = { t->failures, t->benign, t->successes };
	if ((rc = check_sum(ld, "totals.statuses", t->statuses, kinds, 3,
			    false)) < 0 ||
	    (rc = check_sum(ld, "totals.statuses", t->statuses, &t->unknown, 1,
			    false)) < 0)
		return rc;
	uint64_t st[WDILOG_PHASE_COUNT], fa[WDILOG_PHASE_COUNT];
	for (int p = 0; p < WDILOG_PHASE_COUNT; p++) {
		st[p] = r->phases[p].statuses;
		fa[p] = r->phases[p].failures;
		if (fa[p] > st[p]) {
			char member[64];
			snprintf(member, sizeof(member), "phases.%s.failures",
				 wdilog_phase_name((wdilog_phase)p));
			return bad(ld, member, "is more than its 'statuses'");
		}
	}
	if ((rc = check_sum(ld, "totals.statuses", t->statuses, st,
			    WDILOG_PHASE_COUNT, true)) < 0 ||
	    (rc = check_sum(ld, "totals.failures", t->failures, fa,
			    WDILOG_PHASE_COUNT, true)) < 0)
		return rc;
	uint64_t codes = 0;
	for (size_t i = 0; i < r->ncodes; i++)
		codes += r->codes[i].count; /* bounded by load_codes */
	if ((rc = check_sum(ld, "totals.statuses", t->statuses, &codes, 1,
			    true)) < 0)
		return rc;
	uint64_t guids = r->guids_overflow;
	for (size_t i = 0; i < r->nguids; i++)
		guids += r->guids[i].count; /* bounded by load_guids */
	if ((rc = check_sum(ld, "totals.undecoded", t->undecoded, &guids, 1,
			    false)) < 0)
		return rc;
	/* per input: each counter adds up to its total (an optional one
	 * may be missing from an older input, so only bounds it) */
	for (size_t k = 0; k < wdl_ncounters; k++) {
		const struct wdl_counter *c = &wdl_counters[k];
		uint64_t sum = 0;
		char member[48];
		if (c->input == WDL_NOT_PER_INPUT)
			continue;
		snprintf(member, sizeof(member), "totals.%s", c->key);
		for (size_t i = 0; i < r->ninputs; i++)
			if ((rc = add_entry(ld, &sum, wdl_counter_get(
						&r->inputs[i], c->input),
					    member)) < 0)
				return rc;
		if ((rc = check_sum(ld, member, wdl_counter_get(t, c->total),
				    &sum, 1, !c->input_optional)) < 0)
			return rc;
	}
	if ((rc = check_loss(ld, tj)) < 0)
		return rc;
	/* every bucket count is a status record of its phase */
	for (int p = 0; p < WDILOG_PHASE_COUNT; p++) {
		uint64_t sum = 0;
		char member[64];
		snprintf(member, sizeof(member), "phases.%s.statuses",
			 wdilog_phase_name((wdilog_phase)p));
		for (uint32_t i = 0; i < r->timeline.n; i++)
			if ((rc = add_entry(ld, &sum, r->timeline.counts[i][p],
					    "timeline.buckets")) < 0)
				return rc;
		if ((rc = check_sum(ld, member, st[p], &sum, 1, false)) < 0)
			return rc;
	}
	return WDILOG_OK;
}

/* ---- peers, bursts, 802.11 codes and SSIDs (issue 15) ---- */

/* A code list {"code", "name", "count"} naming codes of 'codes', added to
 * @p codes in order; *sum gets the sum of the counts. */
static int load_code_list(struct loader *ld, const json_t *o, const char *key,
			  const char *where, struct wdl_code_count *codes,
			  uint32_t *ncodes, uint32_t cap, uint64_t *sum)
{
	const json_t *list = json_object_get(o, key);
	char w[128];
	*sum = 0;
	snprintf(w, sizeof(w), "%s%s", where, key);
	if (!json_is_array(list))
		return bad(ld, w, "is not an array");
	if (json_array_size(list) > cap)
		return bad(ld, w, "has more codes than a report keeps");
	for (size_t k = 0; k < json_array_size(list); k++) {
		const json_t *e = json_array_get(list, k);
		snprintf(w, sizeof(w), "%s%s[%zu].", where, key, k);
		if (!json_is_object(e))
			return bad(ld, w, "is not an object");
		size_t before = ld->rep->ncodes;
		int rc;
		struct wdl_code_stat *c = code_of(ld, e, w, &rc);
		if (!c)
			return rc;
		if (ld->rep->ncodes != before)
			return bad(ld, w, "names a code missing from 'codes'");
		uint64_t n;
		if ((rc = get_count(ld, e, "count", w, false, &n)) < 0 ||
		    (rc = add_entry(ld, sum, n, w)) < 0)
			return rc;
		uint32_t idx = (uint32_t)(c - ld->rep->codes);
		for (uint32_t i = 0; i < *ncodes; i++)
			if (codes[i].index == idx)
				return bad(ld, w, "names a code twice");
		uint64_t none = 0;
		wdl_code_count_add(codes, ncodes, cap, &none, idx, n);
	}
	return WDILOG_OK;
}

/* One per-peer entry; its counts must add up: phases to statuses, failure
 * codes and other_failures to failures. */
static int load_peer(struct loader *ld, const json_t *o, const char *where,
		     struct wdl_peer_stat *s)
{
	if (!json_is_object(o))
		return bad(ld, where, "is not an object");
	char w[96];
	int rc;
	uint64_t statuses = 0, failures = 0, other = 0, sum = 0;
	if ((rc = get_count(ld, o, "statuses", where, false, &statuses)) < 0 ||
	    (rc = get_count(ld, o, "failures", where, false, &failures)) < 0 ||
	    (rc = get_count(ld, o, "other_failures", where, false, &other)) < 0)
		return rc;
	const json_t *ph = json_object_get(o, "phases");
	snprintf(w, sizeof(w), "%sphases", where);
	if (!json_is_object(ph))
		return bad(ld, w, "is not an object");
	snprintf(w, sizeof(w), "%sphases.", where);
	uint64_t phases[WDILOG_PHASE_COUNT];
	for (int i = 0; i < WDILOG_PHASE_COUNT; i++)
		if ((rc = get_count(ld, ph, wdilog_phase_name((wdilog_phase)i), w,
				    false, &phases[i])) < 0)
			return rc;
	snprintf(w, sizeof(w), "%sstatuses", where);
	if ((rc = check_sum(ld, w, statuses, phases, WDILOG_PHASE_COUNT,
			    true)) < 0)
		return rc;
	if (failures > statuses)
		return bad(ld, w, "is less than its 'failures'");
	wdilog_time first, last;
	if ((rc = get_time(ld, o, "first", where, &first)) < 0 ||
	    (rc = get_time(ld, o, "last", where, &last)) < 0)
		return rc;
	/* merging would swap them (wdl_widen), as for the phases */
	if (first.valid && last.valid && wdl_time_cmp(&first, &last) > 0) {
		snprintf(w, sizeof(w), "%sfirst", where);
		return bad(ld, w, "is later than its 'last'");
	}
	struct wdl_peer_stat x = { .mac = s->mac };
	if ((rc = load_code_list(ld, o, "failure_codes", where, x.codes,
				 &x.ncodes, WDL_PEER_CODES, &sum)) < 0)
		return rc;
	snprintf(w, sizeof(w), "%sfailures", where);
	if ((rc = add_entry(ld, &sum, other, w)) < 0)
		return rc;
	if (sum != failures)
		return bad(ld, w, "does not match its failure_codes and "
				  "other_failures");
	x.statuses = statuses;
	x.failures = failures;
	x.other_failures = other;
	memcpy(x.phases, phases, sizeof(phases));
	x.first = first;
	x.last = last;
	*s = x;
	return WDILOG_OK;
}

static int get_exact(struct loader *ld, const json_t *o, const char *key,
		     const char *where, bool *inexact)
{
	const json_t *v = json_object_get(o, key);
	if (!json_is_boolean(v)) {
		char member[96];
		snprintf(member, sizeof(member), "%s%s", where, key);
		return bad(ld, member, "is not true or false");
	}
	*inexact = !json_is_true(v);
	return WDILOG_OK;
}

static int load_peers(struct loader *ld, const json_t *root)
{
	wdilog_report *rep = ld->rep;
	const json_t *list = json_object_get(root, "peers");
	if (!json_is_array(list))
		return bad(ld, "peers", "is not an array");
	uint64_t statuses = 0, failures = 0;
	int rc;
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *o = json_array_get(list, i);
		char where[48];
		snprintf(where, sizeof(where), "peers[%zu].", i);
		const json_t *mac = json_is_object(o) ? json_object_get(o, "peer")
						      : NULL;
		uint64_t m;
		if (!json_is_string(mac) ||
		    wdl_mac_parse(json_string_value(mac), json_string_length(mac),
				  false, &m) != json_string_length(mac) ||
		    json_string_length(mac) != 17)
			return bad(ld, where, "has no 'peer' address");
		size_t before = rep->peers.n;
		struct wdl_peer_stat *s = wdl_peers_entry(&rep->peers, m);
		if (!s && before >= WDL_PEERS_MAX)
			return bad(ld, "peers", "has more peers than a report keeps");
		if (!s)
			return wdl_fail_oom(ld->err);
		if (rep->peers.n == before)
			return bad(ld, where, "names a peer twice");
		if ((rc = load_peer(ld, o, where, s)) < 0 ||
		    (rc = add_entry(ld, &statuses, s->statuses, "peers")) < 0 ||
		    (rc = add_entry(ld, &failures, s->failures, "peers")) < 0)
			return rc;
	}
	if ((rc = load_peer(ld, json_object_get(root, "no_peer"), "no_peer.",
			    &rep->peers.none)) < 0)
		return rc;
	const json_t *past = json_object_get(root, "peers_past_limit");
	if (!json_is_null(past) &&
	    (rc = load_peer(ld, past, "peers_past_limit.",
			    &rep->peers.overflow)) < 0)
		return rc;
	const struct wdl_peer_stat *extra[] = { &rep->peers.none,
						&rep->peers.overflow };
	for (size_t k = 0; k < 2; k++)
		if ((rc = add_entry(ld, &statuses, extra[k]->statuses, "peers")) < 0 ||
		    (rc = add_entry(ld, &failures, extra[k]->failures, "peers")) < 0)
			return rc;
	if (statuses != rep->totals.statuses || failures != rep->totals.failures)
		return bad(ld, "peers", "do not add up to totals.statuses and "
					"totals.failures");
	return get_exact(ld, root, "peers_exact", "", &rep->peers_inexact);
}

static int load_burst(struct loader *ld, const json_t *o, const char *where,
		      struct wdl_burst *b)
{
	if (!json_is_object(o))
		return bad(ld, where, "is not an object");
	memset(b, 0, sizeof(*b));
	char w[96];
	int rc;
	uint64_t sum = 0;
	if ((rc = get_time(ld, o, "start", where, &b->start)) < 0 ||
	    (rc = get_time(ld, o, "end", where, &b->end)) < 0 ||
	    (rc = get_count(ld, o, "failures", where, false, &b->failures)) < 0 ||
	    (rc = get_count(ld, o, "other", where, false, &b->other)) < 0)
		return rc;
	snprintf(w, sizeof(w), "%sstart", where);
	if (!b->start.valid || !b->end.valid ||
	    wdl_time_cmp(&b->start, &b->end) > 0)
		return bad(ld, w, "is not a time before its 'end'");
	const json_t *in = json_object_get(o, "input");
	snprintf(w, sizeof(w), "%sinput", where);
	if (!json_is_string(in))
		return bad(ld, w, "is not a string");
	size_t k = 0;
	while (k < ld->rep->ninputs &&
	       strcmp(ld->rep->inputs[k].path, json_string_value(in)) != 0)
		k++;
	if (k == ld->rep->ninputs)
		return bad(ld, w, "names no input of 'inputs'");
	b->input = k;
	if ((rc = load_code_list(ld, o, "codes", where, b->codes, &b->ncodes,
				 WDL_BURST_CODES, &sum)) < 0)
		return rc;
	snprintf(w, sizeof(w), "%sfailures", where);
	if ((rc = add_entry(ld, &sum, b->other, w)) < 0)
		return rc;
	if (sum != b->failures || !b->failures)
		return bad(ld, w, "does not match its codes and other");
	if ((rc = load_lines(ld, o, where, b->failures, &b->lines)) < 0)
		return rc;
	/* a burst belongs to one input, and so do its records */
	snprintf(w, sizeof(w), "%spositions", where);
	for (uint32_t i = 0; i < b->lines.n; i++)
		if (b->lines.earliest[i].input != b->input)
			return bad(ld, w, "names another input than the burst's");
	if (b->lines.n && b->lines.last.input != b->input)
		return bad(ld, w, "names another input than the burst's");
	return WDILOG_OK;
}

static int load_bursts(struct loader *ld, const json_t *root)
{
	struct wdl_bursts *bs = &ld->rep->bursts;
	const json_t *o = json_object_get(root, "bursts");
	if (!json_is_object(o))
		return bad(ld, "bursts", "is not an object");
	uint64_t window, minf, not_listed;
	int rc;
	if ((rc = get_count(ld, o, "window_seconds", "bursts.", false, &window)) < 0 ||
	    (rc = get_count(ld, o, "min_failures", "bursts.", false, &minf)) < 0 ||
	    (rc = get_count(ld, o, "not_listed", "bursts.", false, &not_listed)) < 0 ||
	    (rc = get_exact(ld, o, "exact", "bursts.", &ld->rep->bursts_inexact)) < 0)
		return rc;
	if (!window || window > WDL_BURST_SECONDS_MAX || !minf ||
	    minf > UINT32_MAX)
		return bad(ld, "bursts.window_seconds", "is out of range");
	bs->window = (uint32_t)window;
	bs->min_failures = (uint32_t)minf;
	const json_t *list = json_object_get(o, "list");
	if (!json_is_array(list))
		return bad(ld, "bursts.list", "is not an array");
	if (json_array_size(list) > WDL_BURSTS_MAX)
		return bad(ld, "bursts.list", "has more bursts than a report keeps");
	for (size_t i = 0; i < json_array_size(list); i++) {
		char where[48];
		snprintf(where, sizeof(where), "bursts.list[%zu].", i);
		struct wdl_burst b;
		if ((rc = load_burst(ld, json_array_get(list, i), where, &b)) < 0)
			return rc;
		if (b.failures > ld->rep->totals.failures)
			return bad(ld, where, "has more failures than the report");
		if (wdl_bursts_append(bs, &b) < 0)
			return wdl_fail_oom(ld->err);
	}
	bs->not_listed = not_listed;
	return WDILOG_OK;
}

/* {"records", "failures"} of a table row: failures within records. */
static int load_row(struct loader *ld, const json_t *o, const char *where,
		    struct wdl_tally_row *r)
{
	int rc;
	if (!json_is_object(o))
		return bad(ld, where, "is not an object");
	if ((rc = get_count(ld, o, "records", where, false, &r->records)) < 0 ||
	    (rc = get_count(ld, o, "failures", where, false, &r->failures)) < 0)
		return rc;
	if (r->failures > r->records || !r->records)
		return bad(ld, where, "has more failures than records, or none");
	return WDILOG_OK;
}

/* One table: rows in first-seen order, each value once, at most
 * WDL_TALLY_ROWS; records add up to at most totals.statuses. */
static int load_tally(struct loader *ld, const json_t *o, const char *key,
		      const char *other_key, const char *where, bool ssid,
		      struct wdl_tally *t)
{
	char w[96];
	const json_t *list = json_object_get(o, key);
	snprintf(w, sizeof(w), "%s%s", where, key);
	if (!json_is_array(list))
		return bad(ld, w, "is not an array");
	if (json_array_size(list) > WDL_TALLY_ROWS)
		return bad(ld, w, "has more rows than a report keeps");
	uint64_t records = 0;
	int rc;
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *e = json_array_get(list, i);
		snprintf(w, sizeof(w), "%s%s[%zu].", where, key, i);
		struct wdl_tally_row r = { 0 };
		if ((rc = load_row(ld, e, w, &r)) < 0)
			return rc;
		const json_t *v = json_object_get(e, ssid ? "ssid" : "code");
		if (ssid && (!json_is_string(v) || !json_string_length(v) ||
			     json_string_length(v) > WDL_SSID_MAX ||
			     strlen(json_string_value(v)) != json_string_length(v)))
			return bad(ld, w, "has no SSID of 1 to 64 bytes");
		if (!ssid && (!json_is_integer(v) || json_integer_value(v) < 0 ||
			      json_integer_value(v) > 0xFFFF))
			return bad(ld, w, "has no 802.11 code (0 to 65535)");
		uint32_t code = ssid ? 0 : (uint32_t)json_integer_value(v);
		const char *text = ssid ? json_string_value(v) : NULL;
		uint32_t before = t->n;
		wdl_tally_add(t, code, text, r.records, r.failures);
		if (t->n == before)
			return bad(ld, w, "repeats a value of the table");
		if ((rc = add_entry(ld, &records, r.records, where)) < 0)
			return rc;
	}
	const json_t *other = json_object_get(o, other_key);
	snprintf(w, sizeof(w), "%s%s", where, other_key);
	if (!json_is_null(other)) {
		if ((rc = load_row(ld, other, w, &t->other)) < 0 ||
		    (rc = add_entry(ld, &records, t->other.records, w)) < 0)
			return rc;
		if (t->n < WDL_TALLY_ROWS)
			return bad(ld, w, "is set while the table has room");
	}
	if (records > ld->rep->totals.statuses)
		return bad(ld, where, "counts more records than totals.statuses");
	return WDILOG_OK;
}

static int load_dot11(struct loader *ld, const json_t *root)
{
	struct wdl_dot11_counts *d = &ld->rep->dot11;
	const json_t *o = json_object_get(root, "dot11");
	const json_t *s = json_object_get(root, "ssids");
	if (!json_is_object(o))
		return bad(ld, "dot11", "is not an object");
	if (!json_is_object(s))
		return bad(ld, "ssids", "is not an object");
	int rc;
	bool inexact = false;
	if ((rc = load_tally(ld, o, "status_codes", "status_codes_other",
			     "dot11.", false, &d->status)) < 0 ||
	    (rc = load_tally(ld, o, "reason_codes", "reason_codes_other",
			     "dot11.", false, &d->reason)) < 0 ||
	    (rc = get_exact(ld, o, "exact", "dot11.", &inexact)) < 0)
		return rc;
	d->status.inexact = d->reason.inexact = inexact;
	if ((rc = load_tally(ld, s, "list", "other", "ssids.", true, &d->ssid)) < 0 ||
	    (rc = get_exact(ld, s, "exact", "ssids.", &d->ssid.inexact)) < 0)
		return rc;
	return WDILOG_OK;
}

/* Peers, bursts, 802.11 codes and SSIDs: a report written before they
 * were carried in full (no "dot11" member, or null) leaves them not known;
 * one that has them must have all of them, consistent. */
static int load_detail(struct loader *ld, const json_t *root)
{
	const json_t *d = json_object_get(root, "dot11");
	if (!d || json_is_null(d))
		return WDILOG_OK;
	int rc;
	if ((rc = load_peers(ld, root)) < 0 || (rc = load_bursts(ld, root)) < 0 ||
	    (rc = load_dot11(ld, root)) < 0)
		return rc;
	ld->rep->detail_missing = false;
	return WDILOG_OK;
}

static int load_root(struct loader *ld, const json_t *root)
{
	if (!json_is_object(root))
		return wdl_fail(ld->err, WDILOG_EFORMAT,
				"%s: not a wdilog report (not a JSON object)", ld->name);
	const json_t *schema = json_object_get(root, "schema");
	if (!json_is_string(schema))
		return wdl_fail(ld->err, WDILOG_EFORMAT,
				"%s: not a wdilog report (no \"schema\" member)",
				ld->name);
	if (strcmp(json_string_value(schema), WDILOG_SCHEMA) != 0)
		return wdl_fail(ld->err, WDILOG_EFORMAT,
				"%s: report schema is '%.40s'; this wdilog reads %s",
				ld->name, json_string_value(schema), WDILOG_SCHEMA);
	int rc;
	if ((rc = load_totals(ld, root)) < 0 || (rc = load_phases(ld, root)) < 0 ||
	    (rc = load_codes(ld, root)) < 0 || (rc = load_guids(ld, root)) < 0 ||
	    (rc = load_inputs(ld, root)) < 0 || (rc = load_timeline(ld, root)) < 0 ||
	    (rc = load_code_lines(ld, root)) < 0 ||
	    (rc = load_drill_inputs(ld, root)) < 0 ||
	    (rc = check_counts(ld, root)) < 0 ||
	    (rc = wdl_attempts_load(root, &ld->rep->attempts.figs, ld->name,
				    ld->err)) < 0 ||
	    (rc = load_detail(ld, root)) < 0)
		return rc;
	return WDILOG_OK;
}

static int finish(json_t *root, const json_error_t *jerr, const char *name,
		  wdilog_report **out, const wdilog_options *opts,
		  wdilog_error *err)
{
	*out = NULL;
	if (!root) {
		if (json_error_code(jerr) == json_error_cannot_open_file)
			return wdl_fail(err, WDILOG_EIO, "%s: %s", name, jerr->text);
		return wdl_fail(err, WDILOG_EFORMAT,
				"%s:%d: not a JSON report: %s", name, jerr->line,
				jerr->text);
	}
	struct loader ld = { .name = name, .err = err };
	int rc = wdilog_report_new(&ld.rep, opts, err);
	/* not known until load_detail finds them (older reports lack them) */
	if (rc >= 0)
		ld.rep->detail_missing = true;
	if (rc == WDILOG_OK)
		rc = load_root(&ld, root);
	json_decref(root);
	if (rc < 0) {
		wdilog_report_free(ld.rep);
		return rc;
	}
	*out = ld.rep;
	return WDILOG_OK;
}

int wdilog_report_load_json(wdilog_report **out, const char *path,
			    const wdilog_options *opts, wdilog_error *err)
{
	json_error_t jerr;
	json_t *root;
	if (strcmp(path, "-") == 0)
		root = json_loadf(stdin, JSON_REJECT_DUPLICATES, &jerr);
	else
		root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	return finish(root, &jerr, path, out, opts, err);
}

int wdilog_report_load_json_memory(wdilog_report **out, const char *data,
				   size_t len, const char *name,
				   const wdilog_options *opts, wdilog_error *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	return finish(root, &jerr, name ? name : "-", out, opts, err);
}
