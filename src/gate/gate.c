/* Gate stage: after aggregation, decide whether a run passes. A gate is a
 * selection (which status records count as failures: by default those of
 * kind failure and unknown, formats.md section 5) and rules over the
 * report: limits on selected records, malformed values and damaged input,
 * and a baseline comparison (baseline.c). The verdict is stored in the
 * report so that every renderer shows the same one. Nothing here prints or
 * decides an exit status; the CLI maps the verdict. */
#include <wdilog/gate.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "util/alloc.h"
#include "util/error.h"
#include "gate/gate_int.h"
#include "util/span.h"


__extension__ typedef unsigned __int128 u128;

/* An item longer than any status name is a mistake, not a name. */
#define ITEM_MAX 96

int wdilog_gate_new(wdilog_gate **out, wdilog_error *err)
{
	wdilog_gate *g = wdl_calloc(1, sizeof(*g));
	if (!g)
		return wdl_fail_oom(err);
	*out = g;
	return WDILOG_OK;
}

static void set_dispose(struct wdl_value_set *s)
{
	for (size_t i = 0; i < s->nnames; i++)
		wdl_free(s->names[i]);
	wdl_free(s->names);
	wdl_free(s->codes);
}

void wdilog_gate_free(wdilog_gate *g)
{
	if (!g)
		return;
	set_dispose(&g->select);
	set_dispose(&g->allow);
	wdl_free(g);
}

static bool grow(void **arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t ncap = *cap ? *cap * 2 : 8;
	void *p = wdl_realloc(*arr, ncap * size);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

static int set_add_code(struct wdl_value_set *s, uint32_t code,
			wdilog_error *err)
{
	if (!grow((void **)&s->codes, &s->codes_cap, s->ncodes, sizeof(*s->codes)))
		return wdl_fail_oom(err);
	s->codes[s->ncodes++] = code;
	return WDILOG_OK;
}

static int set_add_name(struct wdl_value_set *s, const char *p, size_t len,
			wdilog_error *err)
{
	if (!grow((void **)&s->names, &s->names_cap, s->nnames, sizeof(*s->names)))
		return wdl_fail_oom(err);
	char *name = wdl_strndup(p, len);
	if (!name)
		return wdl_fail_oom(err);
	for (size_t i = 0; i < len; i++)
		name[i] = (char)wdl_upper((unsigned char)name[i]);
	s->names[s->nnames++] = name;
	return WDILOG_OK;
}

static bool set_has(const struct wdl_value_set *s, const struct wdl_code_stat *c)
{
	if (c->overflow)
		return false;
	if (c->has_code) {
		for (size_t i = 0; i < s->ncodes; i++)
			if (s->codes[i] == c->code)
				return true;
		return false;
	}
	for (size_t i = 0; i < s->nnames; i++)
		if (strcmp(s->names[i], c->name) == 0)
			return true;
	return false;
}

/* Decimal or 0x hex, the whole item, at most 0xFFFFFFFF. */
static bool parse_code(const char *p, size_t len, uint32_t *out)
{
	uint64_t v = 0;
	size_t i = 0;
	bool hex = len > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
	if (hex)
		i = 2;
	if (i == len)
		return false;
	for (; i < len; i++) {
		int d = hex ? wdl_hex_value((unsigned char)p[i])
			    : wdl_is_digit((unsigned char)p[i]) ? p[i] - '0' : -1;
		if (d < 0)
			return false;
		v = v * (hex ? 16 : 10) + (uint64_t)d;
		if (v > UINT32_MAX)
			return false;
	}
	*out = (uint32_t)v;
	return true;
}

/* A code or a status name into @p s; false if the item is neither. */
static int add_value(struct wdl_value_set *s, const char *p, size_t len,
		     bool *matched, wdilog_error *err)
{
	uint32_t code;
	*matched = true;
	if (parse_code(p, len, &code) || wdilog_status_lookup(p, len, &code))
		return set_add_code(s, code, err);
	/* an unknown name is counted under its full spelling (formats.md
	 * section 4), so only the full spelling can name it */
	if (len > WDL_STATUS_PREFIX_LEN && wdl_ieq(p, WDL_STATUS_PREFIX, WDL_STATUS_PREFIX_LEN)) {
		for (size_t i = 0; i < len; i++)
			if (!wdl_is_word((unsigned char)p[i]))
				goto no;
		return set_add_name(s, p, len, err);
	}
no:
	*matched = false;
	return WDILOG_OK;
}

static bool parse_kind(const char *p, size_t len, wdilog_kind *kind)
{
	for (int k = 0; k < WDILOG_KIND_COUNT; k++) {
		const char *name = wdilog_kind_name((wdilog_kind)k);
		if (strlen(name) == len && wdl_ieq(p, name, len)) {
			*kind = (wdilog_kind)k;
			return true;
		}
	}
	return false;
}

/* Call @p item for each comma-separated item, spaces trimmed. */
static int each_item(wdilog_gate *g, const char *list, bool allow,
		     int (*item)(wdilog_gate *, const char *, size_t, bool,
				 wdilog_error *),
		     wdilog_error *err)
{
	const char *p = list;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *q = p;
		while (len && (*q == ' ' || *q == '\t'))
			q++, len--;
		while (len && (q[len - 1] == ' ' || q[len - 1] == '\t'))
			len--;
		if (!len)
			return wdl_fail(err, WDILOG_EINVAL, "empty item in '%s'", list);
		if (len > ITEM_MAX)
			return wdl_fail(err, WDILOG_EINVAL,
					"'%.40s...' is too long for a status name", q);
		int rc = item(g, q, len, allow, err);
		if (rc < 0)
			return rc;
		if (!end)
			return WDILOG_OK;
		p = end + 1;
	}
}

static int fail_on_item(wdilog_gate *g, const char *p, size_t len, bool allow,
			wdilog_error *err)
{
	wdilog_phase phase;
	wdilog_kind kind;
	if (wdilog_phase_parse(p, len, &phase)) {
		if (allow)
			return wdl_fail(err, WDILOG_EINVAL,
					"'%.*s' is a phase; only codes and names can be exempted",
					(int)len, p);
		g->phases[phase] = true;
		return WDILOG_OK;
	}
	if (parse_kind(p, len, &kind)) {
		if (allow)
			return wdl_fail(err, WDILOG_EINVAL,
					"'%.*s' is a kind; only codes and names can be exempted",
					(int)len, p);
		g->kinds[kind] = true;
		return WDILOG_OK;
	}
	bool matched;
	int rc = add_value(allow ? &g->allow : &g->select, p, len, &matched, err);
	if (rc < 0 || matched)
		return rc;
	return wdl_fail(err, WDILOG_EINVAL,
			allow ? "'%.*s' is not a status code or name"
			      : "'%.*s' is not a phase, kind, status code or name",
			(int)len, p);
}

int wdilog_gate_fail_on(wdilog_gate *g, const char *list, wdilog_error *err)
{
	g->custom = true;
	return each_item(g, list, false, fail_on_item, err);
}

int wdilog_gate_allow(wdilog_gate *g, const char *list, wdilog_error *err)
{
	return each_item(g, list, true, fail_on_item, err);
}

void wdilog_gate_set_limit(wdilog_gate *g, wdilog_gate_limit which,
			   uint64_t max)
{
	if ((unsigned)which < WDILOG_LIMIT_COUNT) {
		g->limit_set[which] = true;
		g->limit[which] = max;
	}
}

void wdilog_gate_set_minimum(wdilog_gate *g, wdilog_gate_minimum which,
			     uint64_t min)
{
	if ((unsigned)which < WDILOG_MIN_COUNT) {
		g->min_set[which] = true;
		g->min[which] = min;
	}
}

void wdilog_gate_set_baseline(wdilog_gate *g, const wdilog_report *baseline)
{
	g->baseline = baseline;
}

/* Counts above this are not a tolerance anyone means, and keep the
 * 128-bit comparisons in baseline.c far from overflow. */
#define TOLERANCE_MAX 1000000000ull

/* A decimal with at most three fraction digits, the whole of @p len
 * bytes of @p s, into thousandths; false past @p max (whole units) or
 * when it is not one. */
static bool parse_milli(const char *s, size_t len, uint64_t max,
			uint64_t *out)
{
	size_t i = 0;
	uint64_t whole = 0, frac = 0;
	unsigned fdigits = 0;
	if (!len || !wdl_is_digit((unsigned char)s[0]))
		return false;
	for (; i < len && wdl_is_digit((unsigned char)s[i]); i++) {
		whole = whole * 10 + (uint64_t)(s[i] - '0');
		if (whole > max)
			return false;
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && wdl_is_digit((unsigned char)s[i]); i++) {
			if (++fdigits > 3)
				return false;
			frac = frac * 10 + (uint64_t)(s[i] - '0');
		}
		if (!fdigits)
			return false;
	}
	if (i != len)
		return false;
	while (fdigits++ < 3)
		frac *= 10;
	*out = whole * 1000 + frac;
	return true;
}

int wdilog_gate_set_tolerance(wdilog_gate *g, const char *spec,
			      wdilog_error *err)
{
	size_t len = strlen(spec);
	bool percent = len && spec[len - 1] == '%';
	uint64_t milli;
	if (!parse_milli(spec, percent ? len - 1 : len, TOLERANCE_MAX, &milli))
		return wdl_fail(err, WDILOG_EINVAL,
				"bad tolerance '%s' (a count such as 2 or 0.5, "
				"or a percentage such as 10%%)",
				spec);
	g->tol_percent = percent;
	g->tol_milli = milli;
	return WDILOG_OK;
}

int wdilog_gate_set_min_success_rate(wdilog_gate *g, const char *spec,
				     wdilog_error *err)
{
	size_t len = strlen(spec);
	bool percent = len && spec[len - 1] == '%';
	uint64_t milli;
	if (!parse_milli(spec, percent ? len - 1 : len, 100, &milli) ||
	    milli > 100000)
		return wdl_fail(err, WDILOG_EINVAL,
				"bad success rate '%s' (a percentage from 0 to 100, "
				"such as 95 or 99.5%%)",
				spec);
	/* "0.95" may mean 95% or 0.95%: the user says which */
	if (!percent && milli && milli < 1000) {
		char as_pct[32];
		wdl_milli_format(milli * 100, as_pct, sizeof(as_pct));
		return wdl_fail(err, WDILOG_EINVAL,
				"ambiguous success rate '%s': the value is a percentage; "
				"write %s%% or %s%%",
				spec, as_pct, spec);
	}
	g->min_rate_set = true;
	g->min_rate = milli;
	return WDILOG_OK;
}

bool wdilog_gate_has_rules(const wdilog_gate *g)
{
	for (int i = 0; i < WDILOG_LIMIT_COUNT; i++)
		if (g->limit_set[i])
			return true;
	for (int i = 0; i < WDILOG_MIN_COUNT; i++)
		if (g->min_set[i])
			return true;
	return g->min_rate_set || g->baseline != NULL;
}

bool wdl_gate_selects(const wdilog_gate *g, const struct wdl_code_stat *c)
{
	bool failing_kind = wdl_selected_by_default(c->kind);
	if (set_has(&g->allow, c))
		return false;
	if (!g->custom)
		return failing_kind;
	return set_has(&g->select, c) || g->kinds[c->kind] ||
	       (g->phases[c->phase] && failing_kind);
}

/* Phases in which the selection can count anything, whatever the input. */
static void covered_phases(const wdilog_gate *g, const wdilog_report *rep,
			   bool covered[WDILOG_PHASE_COUNT])
{
	for (int p = 0; p < WDILOG_PHASE_COUNT; p++)
		covered[p] = false;
	/* kinds per phase, from the classification table (formats.md 5) */
	for (uint32_t code = 0; code < WDL_DIRECT_CODES; code++) {
		wdilog_phase ph;
		wdilog_kind k;
		if (!wdilog_status_code_name(code))
			continue;
		wdilog_status_classify(code, &ph, &k);
		struct wdl_code_stat c = { .has_code = true, .code = code,
					   .phase = ph, .kind = k };
		if (wdl_gate_selects(g, &c))
			covered[ph] = true;
	}
	if (!g->custom || g->phases[WDILOG_PHASE_UNKNOWN] ||
	    g->kinds[WDILOG_KIND_UNKNOWN] || g->select.nnames)
		covered[WDILOG_PHASE_UNKNOWN] = true;
	for (size_t i = 0; i < g->select.ncodes; i++) {
		wdilog_phase ph;
		wdilog_status_classify(g->select.codes[i], &ph, NULL);
		covered[ph] = true;
	}
	for (size_t i = 0; i < rep->ncodes; i++)
		if (rep->codes[i].selected)
			covered[rep->codes[i].phase] = true;
}

wdilog_gate_check *wdl_gate_add_check(struct wdl_gate_state *st,
				      wdilog_error *err)
{
	if (!grow((void **)&st->checks, &st->checks_cap, st->nchecks,
		  sizeof(*st->checks))) {
		wdl_fail_oom(err);
		return NULL;
	}
	wdilog_gate_check *c = &st->checks[st->nchecks++];
	memset(c, 0, sizeof(*c));
	return c;
}

const char *wdl_gate_keep(struct wdl_gate_state *st, const char *s,
			  wdilog_error *err)
{
	if (!s)
		return NULL;
	if (!grow((void **)&st->strs, &st->strs_cap, st->nstrs, sizeof(*st->strs))) {
		wdl_fail_oom(err);
		return NULL;
	}
	char *copy = wdl_strdup(s);
	if (!copy) {
		wdl_fail_oom(err);
		return NULL;
	}
	st->strs[st->nstrs++] = copy;
	return copy;
}

void wdl_milli_format(uint64_t milli, char *dst, size_t cap)
{
	unsigned frac = (unsigned)(milli % 1000);
	int n = snprintf(dst, cap, "%" PRIu64, milli / 1000);
	if (frac && n > 0 && (size_t)n < cap) {
		char f[8];
		snprintf(f, sizeof(f), "%03u", frac);
		size_t fl = 3;
		while (fl && f[fl - 1] == '0')
			fl--;
		snprintf(dst + n, cap - (size_t)n, ".%.*s", (int)fl, f);
	}
}

/* What a limit rule counts, in words, for @p n of them. */
static const char *rule_counts(const char *rule, uint64_t n)
{
	bool one = n == 1;
	return strcmp(rule, "max-failures") == 0
	       ? one ? "status record counted" : "status records counted"
	       : strcmp(rule, "max-malformed") == 0
	       ? one ? "malformed status value" : "malformed status values"
	       : strcmp(rule, "min-events") == 0
	       ? one ? "event read" : "events read"
	       : strcmp(rule, "min-statuses") == 0
	       ? one ? "status record read" : "status records read"
	       : strcmp(rule, "max-lost") == 0
	       ? one ? "event the captures say they lost (an input that "
		       "cannot say how many counts as 1)"
		     : "events the captures say they lost (an input that "
		       "cannot say how many counts as 1)"
	       : strcmp(rule, "max-failed-attempts") == 0
	       ? one ? "failed attempt (result failure, dropped or timeout)"
		     : "failed attempts (results failure, dropped or timeout)"
	       : one ? "damaged event, unreadable or truncated input"
	       : "damaged events, unreadable or truncated inputs";
}

/* A success rate as a percentage, from counts: "90", "97.5". */
static void rate_text(uint64_t ok, uint64_t n, char *dst, size_t cap)
{
	wdl_milli_format(n ? (uint64_t)((u128)ok * 100000 / n) : 0, dst, cap);
}

/* "min-success-rate: 90% of attempts succeeded (45 of 50), at least 95%
 * needed"; with no attempt in the rate it says so, and fails. */
static size_t describe_rate(const wdilog_gate_check *c, char *buf, size_t cap)
{
	char measured[32], limit[32];
	wdl_milli_format(c->measured, measured, sizeof(measured));
	wdl_milli_format(c->limit, limit, sizeof(limit));
	int n;
	if (!c->now_total)
		n = snprintf(buf, cap, "%s: no attempt in the success rate (none "
			     "succeeded, failed, dropped or timed out), at least "
			     "%s%% needed", c->rule, limit);
	else
		n = snprintf(buf, cap, "%s: %s%% of attempts succeeded (%" PRIu64
			     " of %" PRIu64 "), at least %s%% needed", c->rule,
			     measured, c->now_count, c->now_total, limit);
	return n < 0 ? 0 : (size_t)n;
}

/* An attempt baseline check: "5 of 50 attempts did not succeed (success
 * rate 90%), 1 of 50 in the baseline (98%): above, limit 1" or "3 of 51
 * attempts failed in auth, 0 of 51 in the baseline: new, limit 0"; the
 * rates per 1,000 attempts beside the counts when the rule compared
 * rates. */
static size_t describe_attempts(const wdilog_gate_check *c, char *buf,
				size_t cap)
{
	char measured[32], limit[32], base[32], what[64], now_rate[64],
		base_rate[64];
	bool rate = strcmp(c->scope, "success-rate") == 0;
	wdl_milli_format(c->measured, measured, sizeof(measured));
	wdl_milli_format(c->limit, limit, sizeof(limit));
	wdl_milli_format(c->baseline, base, sizeof(base));
	if (strcmp(c->change, "none") == 0) {
		rate_text(c->baseline_total - c->baseline_count, c->baseline_total,
			  base_rate, sizeof(base_rate));
		int n = snprintf(buf, cap, "no attempt in the success rate, %" PRIu64
				 " in the baseline (success rate %s%%): none to compare",
				 c->baseline_total, base_rate);
		return n < 0 ? 0 : (size_t)n;
	}
	if (rate)
		snprintf(what, sizeof(what), "did not succeed");
	else
		snprintf(what, sizeof(what), "failed in %s", c->phase);
	char pn[32], pb[32];
	rate_text(c->now_total - c->now_count, c->now_total, pn, sizeof(pn));
	rate_text(c->baseline_total - c->baseline_count, c->baseline_total,
		  pb, sizeof(pb));
	if (c->rate) {
		snprintf(now_rate, sizeof(now_rate), "%s%s per 1,000 attempts",
			 rate ? ", " : "", measured);
		snprintf(base_rate, sizeof(base_rate), "%s%s per 1,000 attempts",
			 rate ? ", " : "", base);
	} else {
		now_rate[0] = base_rate[0] = '\0';
	}
	char open_n[128] = "", open_b[128] = "";
	if (rate) {
		snprintf(open_n, sizeof(open_n), " (success rate %s%%%s)", pn, now_rate);
		snprintf(open_b, sizeof(open_b), " (%s%%%s)", pb, base_rate);
	} else if (c->rate) {
		snprintf(open_n, sizeof(open_n), " (%s)", now_rate);
		snprintf(open_b, sizeof(open_b), " (%s)", base_rate);
	}
	int n = snprintf(buf, cap, "%" PRIu64 " of %" PRIu64 " attempts %s%s, %"
			 PRIu64 " of %" PRIu64 " in the baseline%s: %s, limit %s%s",
			 c->now_count, c->now_total, what, open_n,
			 c->baseline_count, c->baseline_total, open_b, c->change,
			 limit, c->rate ? " per 1,000 attempts" : "");
	return n < 0 ? 0 : (size_t)n;
}

/* A baseline check: "3 records of 51 NAME, 0 in the baseline: new, limit
 * 0", the counts always, the rates per 1,000 events beside them when the
 * rule compared rates. */
static size_t describe_baseline(const wdilog_gate_check *c, char *buf,
				size_t cap)
{
	char measured[32], limit[32], base[32], what[160];
	wdl_milli_format(c->measured, measured, sizeof(measured));
	wdl_milli_format(c->limit, limit, sizeof(limit));
	wdl_milli_format(c->baseline, base, sizeof(base));
	if (strcmp(c->scope, "phase") == 0)
		snprintf(what, sizeof(what), "phase %s", c->phase);
	else if (c->has_code)
		snprintf(what, sizeof(what), "%" PRIu32 " %s", c->code,
			 c->name ? c->name : WDL_NOT_IN_ENUM);
	else
		snprintf(what, sizeof(what), "%s", c->name ? c->name : WDL_NOT_IN_ENUM);
	int n;
	if (c->rate)
		n = snprintf(buf, cap, "%" PRIu64 " record%s of %s (%s per 1,000 events), "
			     "%" PRIu64 " in the baseline (%s per 1,000 events): "
			     "%s, limit %s per 1,000 events",
			     c->now_count, c->now_count == 1 ? "" : "s", what,
			     measured, c->baseline_count, base, c->change, limit);
	else
		n = snprintf(buf, cap, "%" PRIu64 " record%s of %s, %" PRIu64
			     " in the baseline: %s, limit %s",
			     c->now_count, c->now_count == 1 ? "" : "s", what,
			     c->baseline_count, c->change, limit);
	return n < 0 ? 0 : (size_t)n;
}

size_t wdilog_gate_check_describe(const wdilog_gate_check *c, char *buf,
				  size_t cap)
{
	if (c->scope && (strcmp(c->scope, "success-rate") == 0 ||
			 strcmp(c->scope, "attempt-phase") == 0))
		return describe_attempts(c, buf, cap);
	if (c->scope)
		return describe_baseline(c, buf, cap);
	if (c->percent)
		return describe_rate(c, buf, cap);
	char measured[32], limit[32];
	wdl_milli_format(c->measured, measured, sizeof(measured));
	wdl_milli_format(c->limit, limit, sizeof(limit));
	int n;
	if (strncmp(c->rule, "min-", 4) == 0)
		n = snprintf(buf, cap, "%s: %s %s, at least %s needed", c->rule,
			     measured, rule_counts(c->rule, c->measured / 1000),
			     limit);
	else
		n = snprintf(buf, cap, "%s: %s %s, limit %s", c->rule, measured,
			     rule_counts(c->rule, c->measured / 1000), limit);
	return n < 0 ? 0 : (size_t)n;
}

static int limit_check(struct wdl_gate_state *st, const char *rule,
		       uint64_t limit, uint64_t measured, wdilog_error *err)
{
	wdilog_gate_check *c = wdl_gate_add_check(st, err);
	if (!c)
		return WDILOG_ENOMEM;
	c->rule = rule;
	/* counts are far below 2^54, so thousandths cannot overflow */
	c->limit = limit > UINT64_MAX / 1000 ? UINT64_MAX : limit * 1000;
	c->measured = measured > UINT64_MAX / 1000 ? UINT64_MAX : measured * 1000;
	c->passed = measured <= limit;
	return WDILOG_OK;
}

/* The evidence rules: a run with fewer events or status records than
 * asked has too little to judge. */
static int minimum_checks(const wdilog_report *rep, const wdilog_gate *g,
			  struct wdl_gate_state *st, wdilog_error *err)
{
	static const char *const rules[WDILOG_MIN_COUNT] = {
		[WDILOG_MIN_EVENTS] = "min-events",
		[WDILOG_MIN_STATUSES] = "min-statuses",
	};
	const uint64_t measured[WDILOG_MIN_COUNT] = {
		[WDILOG_MIN_EVENTS] = rep->totals.events,
		[WDILOG_MIN_STATUSES] = rep->totals.statuses,
	};
	for (int i = 0; i < WDILOG_MIN_COUNT; i++) {
		if (!g->min_set[i])
			continue;
		int rc = limit_check(st, rules[i], g->min[i], measured[i], err);
		if (rc < 0)
			return rc;
		st->checks[st->nchecks - 1].passed = measured[i] >= g->min[i];
	}
	return WDILOG_OK;
}

uint64_t wdl_gate_attempts_counted(const struct wdl_att_figs *f, uint64_t *ok)
{
	*ok = f->by_result[WDILOG_ATTEMPT_SUCCESS];
	return *ok + f->by_result[WDILOG_ATTEMPT_FAILURE] +
	       f->by_result[WDILOG_ATTEMPT_DROPPED] +
	       f->by_result[WDILOG_ATTEMPT_TIMEOUT];
}

/* The attempt rules (doc/attempts.md): attempts that did not succeed,
 * and the success rate, which fails over no attempt at all. */
static int attempt_checks(const wdilog_report *rep, const wdilog_gate *g,
			  struct wdl_gate_state *st, wdilog_error *err)
{
	uint64_t ok, n = wdl_gate_attempts_counted(wdl_attempts_of(rep), &ok);
	wdilog_gate_check *c;
	if (g->limit_set[WDILOG_LIMIT_FAILED_ATTEMPTS]) {
		int rc = limit_check(st, "max-failed-attempts",
				     g->limit[WDILOG_LIMIT_FAILED_ATTEMPTS],
				     n - ok, err);
		if (rc < 0)
			return rc;
		c = &st->checks[st->nchecks - 1];
		c->now_count = n - ok;
		c->now_total = n;
	}
	if (!g->min_rate_set)
		return WDILOG_OK;
	if (!(c = wdl_gate_add_check(st, err)))
		return WDILOG_ENOMEM;
	c->rule = "min-success-rate";
	c->percent = true;
	c->limit = g->min_rate;
	c->measured = n ? (uint64_t)((u128)ok * 100000 / n) : 0;
	c->now_count = ok;
	c->now_total = n;
	c->passed = n && (u128)ok * 100000 >= (u128)g->min_rate * n;
	return WDILOG_OK;
}

static int evaluate(wdilog_report *rep, const wdilog_gate *g,
		    struct wdl_gate_state *st, wdilog_error *err)
{
	uint64_t selected = 0;
	for (size_t i = 0; i < rep->ncodes; i++) {
		struct wdl_code_stat *c = &rep->codes[i];
		c->selected = wdl_gate_selects(g, c);
		c->failing = false;
		if (c->selected)
			selected += c->count;
	}
	covered_phases(g, rep, st->covered);
	int rc = WDILOG_OK;
	for (int i = 0; i < WDILOG_LIMIT_COUNT; i++)
		st->limit_set[i] = g->limit_set[i];
	if (g->limit_set[WDILOG_LIMIT_FAILURES]) {
		rc = limit_check(st, "max-failures", g->limit[WDILOG_LIMIT_FAILURES],
				 selected, err);
		if (rc == WDILOG_OK && !st->checks[st->nchecks - 1].passed)
			for (size_t i = 0; i < rep->ncodes; i++)
				rep->codes[i].failing |= rep->codes[i].selected &&
							 rep->codes[i].count;
	}
	if (rc == WDILOG_OK && g->limit_set[WDILOG_LIMIT_MALFORMED])
		rc = limit_check(st, "max-malformed",
				 g->limit[WDILOG_LIMIT_MALFORMED],
				 rep->totals.malformed, err);
	if (rc == WDILOG_OK && g->limit_set[WDILOG_LIMIT_DAMAGED])
		rc = limit_check(st, "max-damaged", g->limit[WDILOG_LIMIT_DAMAGED],
				 rep->totals.damaged + rep->totals.unreadable_inputs +
					 rep->totals.truncated_inputs,
				 err);
	/* what the capture lost before wdilog saw it (formats.md 3b) */
	if (rc == WDILOG_OK && g->limit_set[WDILOG_LIMIT_LOST])
		rc = limit_check(st, "max-lost", g->limit[WDILOG_LIMIT_LOST],
				 rep->totals.events_lost +
					 rep->totals.lost_uncounted_inputs,
				 err);
	if (rc == WDILOG_OK)
		rc = minimum_checks(rep, g, st, err);
	if (rc == WDILOG_OK)
		rc = attempt_checks(rep, g, st, err);
	if (rc == WDILOG_OK && g->baseline)
		rc = wdl_baseline_evaluate(rep, g, st, err);
	if (rc == WDILOG_OK && g->baseline)
		rc = wdl_baseline_attempts(rep, g, st, err);
	if (rc < 0)
		return rc;
	st->asked = wdilog_gate_has_rules(g);
	st->passed = true;
	for (size_t i = 0; i < st->nchecks; i++)
		st->passed &= st->checks[i].passed;
	return WDILOG_OK;
}

int wdilog_report_evaluate(wdilog_report *rep, const wdilog_gate *g,
			   wdilog_error *err)
{
	struct wdl_gate_state *st = wdl_calloc(1, sizeof(*st));
	if (!st)
		return wdl_fail_oom(err);
	int rc = evaluate(rep, g, st, err);
	if (rc < 0) {
		wdl_gate_state_free(st);
		return rc;
	}
	wdl_gate_state_free(rep->gate);
	rep->gate = st;
	return WDILOG_OK;
}

bool wdilog_report_gate_asked(const wdilog_report *rep)
{
	return rep->gate && rep->gate->asked;
}

bool wdilog_report_gate_passed(const wdilog_report *rep)
{
	return !rep->gate || rep->gate->passed;
}

size_t wdilog_report_gate_checks(const wdilog_report *rep,
				 const wdilog_gate_check **out)
{
	*out = rep->gate ? rep->gate->checks : NULL;
	return rep->gate ? rep->gate->nchecks : 0;
}
