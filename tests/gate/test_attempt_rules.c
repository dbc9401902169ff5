/* The attempt rules of the gate (doc/attempts.md, "Gate"): the
 * --min-success-rate value's rules, the rate at its exact limit, a rate
 * over no attempt failing, --max-failed-attempts counting failure,
 * dropped and timeout, and the baseline's success-rate and failing-phase
 * checks in counts and in rates per 1,000 attempts, with their words. */
#include <stdio.h>
#include <string.h>

#include <wdilog/wdilog.h>

#include "check.h"
#include "gate/gate_int.h"

/* A report whose attempt figures are these; @p auth of the failures
 * failed in auth, the rest in assoc. */
static wdilog_report *figures(uint64_t ok, uint64_t fail, uint64_t drop,
			      uint64_t tmo, uint64_t aborted, uint64_t auth)
{
	wdilog_report *r = NULL;
	wdilog_error err = { 0 };
	if (wdilog_report_new(&r, NULL, &err) < 0)
		return NULL;
	struct wdl_att_figs *f = &r->attempts.figs;
	f->by_result[WDILOG_ATTEMPT_SUCCESS] = ok;
	f->by_result[WDILOG_ATTEMPT_FAILURE] = fail;
	f->by_result[WDILOG_ATTEMPT_DROPPED] = drop;
	f->by_result[WDILOG_ATTEMPT_TIMEOUT] = tmo;
	f->by_result[WDILOG_ATTEMPT_ABORTED] = aborted;
	f->by_failing_phase[WDILOG_AP_AUTH] = auth;
	f->by_failing_phase[WDILOG_AP_ASSOC] = fail - auth;
	return r;
}

/* The check of @p rule (and @p scope, @p phase when given), or NULL. */
static const wdilog_gate_check *find(const wdilog_report *r, const char *rule,
				     const char *scope, const char *phase)
{
	const wdilog_gate_check *c;
	size_t n = wdilog_report_gate_checks(r, &c);
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].rule, rule) == 0 &&
		    (!scope || (c[i].scope && strcmp(c[i].scope, scope) == 0)) &&
		    (!phase || (c[i].phase && strcmp(c[i].phase, phase) == 0)))
			return &c[i];
	return NULL;
}

static const char *words(const wdilog_gate_check *c)
{
	static char line[512];
	if (!c)
		return "(no check)";
	wdilog_gate_check_describe(c, line, sizeof(line));
	return line;
}

static void test_rate_values(void)
{
	static const struct {
		const char *spec;
		int rc;
		uint64_t milli;
	} cases[] = {
		{ "95", WDILOG_OK, 95000 }, { "95%", WDILOG_OK, 95000 },
		{ "99.5%", WDILOG_OK, 99500 }, { "99.125", WDILOG_OK, 99125 },
		{ "0", WDILOG_OK, 0 }, { "0%", WDILOG_OK, 0 },
		{ "0.5%", WDILOG_OK, 500 }, { "1", WDILOG_OK, 1000 },
		{ "100", WDILOG_OK, 100000 }, { "100.000%", WDILOG_OK, 100000 },
		/* ambiguous: 95% or 0.95%? */
		{ "0.95", WDILOG_EINVAL, 0 }, { "0.5", WDILOG_EINVAL, 0 },
		{ "100.001", WDILOG_EINVAL, 0 }, { "101%", WDILOG_EINVAL, 0 },
		{ "", WDILOG_EINVAL, 0 }, { "%", WDILOG_EINVAL, 0 },
		{ "95%%", WDILOG_EINVAL, 0 }, { "-5", WDILOG_EINVAL, 0 },
		{ "+5", WDILOG_EINVAL, 0 }, { " 95", WDILOG_EINVAL, 0 },
		{ "95.", WDILOG_EINVAL, 0 }, { ".5", WDILOG_EINVAL, 0 },
		{ "99.1234", WDILOG_EINVAL, 0 }, { "1e2", WDILOG_EINVAL, 0 },
		{ "abc", WDILOG_EINVAL, 0 }, { "0x5", WDILOG_EINVAL, 0 },
		{ "99999999999999999999999", WDILOG_EINVAL, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		wdilog_gate *g = NULL;
		wdilog_error err = { 0 };
		CHECK(wdilog_gate_new(&g, &err) == WDILOG_OK);
		int rc = wdilog_gate_set_min_success_rate(g, cases[i].spec, &err);
		CHECK_MSG(rc == cases[i].rc, "'%s' gave %d", cases[i].spec, rc);
		if (rc == WDILOG_OK) {
			CHECK_EQ_U(g->min_rate, cases[i].milli);
			CHECK(wdilog_gate_has_rules(g));
		} else {
			CHECK(!g->min_rate_set && !wdilog_gate_has_rules(g));
		}
		wdilog_gate_free(g);
	}
	/* the refusal of "0.95" says both readings */
	wdilog_gate *g = NULL;
	wdilog_error err = { 0 };
	CHECK(wdilog_gate_new(&g, &err) == WDILOG_OK);
	CHECK(wdilog_gate_set_min_success_rate(g, "0.955", &err) == WDILOG_EINVAL);
	CHECK_STR(err.message, "ambiguous success rate '0.955': the value is a "
			       "percentage; write 95.5% or 0.955%");
	wdilog_gate_free(g);
}

/* Evaluate a fresh gate with --min-success-rate @p spec over @p r. */
static const wdilog_gate_check *rate_rule(wdilog_report *r, const char *spec)
{
	wdilog_gate *g = NULL;
	wdilog_error err = { 0 };
	CHECK(wdilog_gate_new(&g, &err) == WDILOG_OK);
	CHECK(wdilog_gate_set_min_success_rate(g, spec, &err) == WDILOG_OK);
	CHECK(wdilog_report_evaluate(r, g, &err) == WDILOG_OK);
	wdilog_gate_free(g);
	return find(r, "min-success-rate", NULL, NULL);
}

static void test_min_success_rate(void)
{
	/* 19 of 20 = 95% exactly; aborted attempts are not in the rate */
	wdilog_report *r = figures(19, 1, 0, 0, 7, 1);
	const wdilog_gate_check *c = rate_rule(r, "95%");
	CHECK(c && c->passed && c->percent);
	CHECK_EQ_U(c->measured, 95000);
	CHECK_EQ_U(c->now_count, 19);
	CHECK_EQ_U(c->now_total, 20);
	CHECK_STR(words(c), "min-success-rate: 95% of attempts succeeded "
			    "(19 of 20), at least 95% needed");
	CHECK(wdilog_report_gate_passed(r));
	c = rate_rule(r, "95.001");
	CHECK(c && !c->passed);
	CHECK(!wdilog_report_gate_passed(r));
	wdilog_report_free(r);

	/* 2 of 3: 66.666...%, exact at the third decimal */
	r = figures(2, 0, 1, 0, 0, 0);
	c = rate_rule(r, "66.666");
	CHECK(c && c->passed);
	CHECK_EQ_U(c->measured, 66666);
	c = rate_rule(r, "66.667");
	CHECK(c && !c->passed);
	wdilog_report_free(r);

	/* no attempt in the rate: the rule fails, even at 0% */
	r = figures(0, 0, 0, 0, 4, 0);
	c = rate_rule(r, "0");
	CHECK(c && !c->passed);
	CHECK_EQ_U(c->now_total, 0);
	CHECK_STR(words(c), "min-success-rate: no attempt in the success rate "
			    "(none succeeded, failed, dropped or timed out), "
			    "at least 0% needed");
	wdilog_report_free(r);
}

static void test_max_failed_attempts(void)
{
	/* failure + dropped + timeout; aborted does not count */
	wdilog_report *r = figures(10, 1, 1, 1, 5, 1);
	for (uint64_t limit = 2; limit <= 3; limit++) {
		wdilog_gate *g = NULL;
		wdilog_error err = { 0 };
		CHECK(wdilog_gate_new(&g, &err) == WDILOG_OK);
		wdilog_gate_set_limit(g, WDILOG_LIMIT_FAILED_ATTEMPTS, limit);
		CHECK(wdilog_gate_has_rules(g));
		CHECK(wdilog_report_evaluate(r, g, &err) == WDILOG_OK);
		const wdilog_gate_check *c = find(r, "max-failed-attempts", NULL, NULL);
		CHECK(c && c->passed == (limit == 3));
		CHECK_EQ_U(c ? c->measured : 0, 3000);
		if (limit == 2)
			CHECK_STR(words(c), "max-failed-attempts: 3 failed attempts "
					    "(results failure, dropped or timeout), limit 2");
		wdilog_gate_free(g);
	}
	wdilog_report_free(r);
}

/* Evaluate @p now against @p base with @p tolerance (NULL: none). */
static void against(wdilog_report *now, const wdilog_report *base,
		    const char *tolerance)
{
	wdilog_gate *g = NULL;
	wdilog_error err = { 0 };
	CHECK(wdilog_gate_new(&g, &err) == WDILOG_OK);
	wdilog_gate_set_baseline(g, base);
	if (tolerance)
		CHECK(wdilog_gate_set_tolerance(g, tolerance, &err) == WDILOG_OK);
	CHECK(wdilog_report_evaluate(now, g, &err) == WDILOG_OK);
	wdilog_gate_free(g);
}

static void test_baseline(void)
{
	/* same number of attempts: counts are compared */
	wdilog_report *base = figures(49, 1, 0, 0, 0, 0);
	wdilog_report *now = figures(45, 3, 1, 1, 0, 3);
	against(now, base, NULL);
	const wdilog_gate_check *c = find(now, "baseline", "success-rate", NULL);
	CHECK(c && !c->passed && !c->rate);
	CHECK_STR(c ? c->change : NULL, "above");
	CHECK_STR(words(c), "5 of 50 attempts did not succeed (success rate 90%), "
			    "1 of 50 in the baseline (98%): above, limit 1");
	c = find(now, "baseline", "attempt-phase", "auth");
	CHECK(c && !c->passed);
	CHECK_STR(words(c), "3 of 50 attempts failed in auth, 0 of 50 in the "
			    "baseline: new, limit 0");
	c = find(now, "baseline", "attempt-phase", "assoc");
	CHECK(c && c->passed);
	CHECK_STR(c ? c->change : NULL, "disappeared");
	CHECK(!wdilog_report_gate_passed(now));
	/* a tolerance of 4 attempts lets 5 against 1 pass, and 3 against
	 * none (an absolute tolerance covers a rise from none) */
	against(now, base, "4");
	CHECK(wdilog_report_gate_passed(now));
	against(now, base, "3.999");
	c = find(now, "baseline", "success-rate", NULL);
	CHECK(c && !c->passed);
	/* a relative one cannot cover a rise from none */
	against(now, base, "500%");
	CHECK(find(now, "baseline", "success-rate", NULL)->passed);
	CHECK(!find(now, "baseline", "attempt-phase", "auth")->passed);
	wdilog_report_free(base);

	/* different numbers of attempts: per 1,000 attempts; 1 of 40 is 25,
	 * 5 of 50 is 100 */
	base = figures(39, 1, 0, 0, 3, 1);
	against(now, base, NULL);
	c = find(now, "baseline", "success-rate", NULL);
	CHECK(c && !c->passed && c->rate);
	CHECK_EQ_U(c ? c->measured : 0, 100000);
	CHECK_EQ_U(c ? c->baseline : 0, 25000);
	CHECK_STR(words(c), "5 of 50 attempts did not succeed (success rate 90%, "
			    "100 per 1,000 attempts), 1 of 40 in the baseline "
			    "(97.5%, 25 per 1,000 attempts): above, limit 25 per "
			    "1,000 attempts");
	c = find(now, "baseline", "attempt-phase", "auth");
	CHECK_STR(words(c), "3 of 50 attempts failed in auth (60 per 1,000 "
			    "attempts), 1 of 40 in the baseline (25 per 1,000 "
			    "attempts): above, limit 25 per 1,000 attempts");
	against(now, base, "75");
	CHECK(find(now, "baseline", "success-rate", NULL)->passed);
	against(now, base, "74.999");
	CHECK(!find(now, "baseline", "success-rate", NULL)->passed);
	/* the success rate went up: passes */
	wdilog_report *better = figures(50, 0, 0, 0, 0, 0);
	against(better, base, NULL);
	c = find(better, "baseline", "success-rate", NULL);
	CHECK(c && c->passed);
	CHECK(wdilog_report_gate_passed(better));
	wdilog_report_free(better);

	/* no attempt now against a baseline with some: fails, not passes */
	wdilog_report *none = figures(0, 0, 0, 0, 0, 0);
	against(none, base, NULL);
	c = find(none, "baseline", "success-rate", NULL);
	CHECK(c && !c->passed);
	CHECK_STR(words(c), "no attempt in the success rate, 40 in the baseline "
			    "(success rate 97.5%): none to compare");
	/* a baseline without attempts sets no attempt check */
	against(now, none, NULL);
	CHECK(!find(now, "baseline", "success-rate", NULL));
	CHECK(!find(now, "baseline", "attempt-phase", NULL));
	CHECK(wdilog_report_gate_passed(now));
	wdilog_report_free(none);
	wdilog_report_free(base);
	wdilog_report_free(now);
}

int main(void)
{
	test_rate_values();
	test_min_success_rate();
	test_max_failed_attempts();
	test_baseline();
	return check_report("attempt_rules");
}
