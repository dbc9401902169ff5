/* Render stage, JUnit XML: the report as test results in the Jenkins
 * junit-4 shape, which Jenkins, GitLab and most CI dashboards read. One
 * <testsuite> per input, one <testcase> per gate rule and phase
 * (classname wdilog.<phase>, or wdilog.input for rules about damaged and
 * malformed input), so a dashboard shows which input failed which rule
 * and where. A rule is judged over all inputs; each input's testcase
 * fails when the rule failed and that input contributed to it. Passing
 * testcases are still listed, with their counts. Without a gate, each
 * suite lists its failures per phase as passing testcases. Input-derived
 * text is escaped for XML 1.0, characters it cannot carry included. */
#include <wdilog/gate.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "report/view.h"
#include "report/attempts_list.h"
#include "render/attempts_render.h"
#include "parse/timestamp.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/escape.h"
#include "gate/gate_int.h"

/* A testcase being built. */
struct tcase {
	char classname[32];
	const char *name;           /* the rule */
	const char *type;           /* failure type when not the rule */
	bool failed;
	bool error;                 /* the input could not be read */
	char message[300];
};

/* Growable text for a testcase's failure or output body. */
struct text {
	char *ptr;
	size_t len, cap;
	bool oom;
};

static void addf(struct text *t, const char *fmt, ...) WDL_PRINTF(2, 3);

static void addf(struct text *t, const char *fmt, ...)
{
	if (t->oom)
		return;
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(t->ptr ? t->ptr + t->len : NULL,
				  t->ptr ? t->cap - t->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->oom = true;
			return;
		}
		if (t->ptr && (size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		size_t ncap = (t->cap ? t->cap : 256) * 2 + (size_t)n;
		char *p = wdl_realloc(t->ptr, ncap);
		if (!p) {
			t->oom = true;
			return;
		}
		t->ptr = p;
		t->cap = ncap;
	}
}

/* One line per selected code of @p in in @p phase (all phases if
 * WDILOG_PHASE_COUNT): its count and where it was first seen. */
static void code_lines(struct text *t, const struct wdl_input_stat *in,
		       const struct wdl_input_entry *v, int phase,
		       bool only_failing)
{
	for (size_t k = 0; k < in->ncodes; k++) {
		const struct wdl_code_stat *c = v[k].code;
		if (!c->selected || (phase < WDILOG_PHASE_COUNT &&
				     c->phase != (wdilog_phase)phase))
			continue;
		if (only_failing && !c->failing)
			continue;
		const char *name = wdl_code_name(c);
		if (c->has_code)
			addf(t, "  %" PRIu32 " %s", c->code,
			     name ? name : WDL_NOT_IN_ENUM);
		else
			addf(t, "  %s", name);
		addf(t, ": %" PRIu64 " here, first at %s:%" PRIu64, v[k].slot->count,
		     in->path, v[k].slot->nlines ? v[k].slot->lines[0] : 0);
		if (v[k].slot->nlines > 1) {
			addf(t, " (lines");
			for (uint32_t l = 0; l < v[k].slot->nlines; l++)
				addf(t, "%s%" PRIu64, l ? ", " : " ", v[k].slot->lines[l]);
			addf(t, "%s)", v[k].slot->count > v[k].slot->nlines ? ", ..." : "");
		}
		addf(t, "\n");
	}
}

static uint64_t phase_selected(const struct wdl_input_stat *in,
			       const struct wdl_input_entry *v, int phase)
{
	uint64_t n = 0;
	for (size_t k = 0; k < in->ncodes; k++)
		if (v[k].code->selected && v[k].code->phase == (wdilog_phase)phase)
			n += v[k].slot->count;
	return n;
}

static const wdilog_gate_check *find_rule(const struct wdl_gate_state *st,
					  const char *rule)
{
	for (size_t i = 0; st && i < st->nchecks; i++)
		if (strcmp(st->checks[i].rule, rule) == 0)
			return &st->checks[i];
	return NULL;
}

static void write_case(FILE *out, const struct wdl_input_stat *in,
		       const struct tcase *tc, const struct text *body)
{
	fputs("    <testcase name=\"", out);
	wdl_escape_str(out, WDL_ESC_XML_ATTR, tc->name);
	fprintf(out, "\" classname=\"%s\" file=\"", tc->classname);
	wdl_escape_str(out, WDL_ESC_XML_ATTR, in->path);
	fputs("\" time=\"0\"", out);
	if (!tc->failed && !tc->error && !body->len) {
		fputs("/>\n", out);
		return;
	}
	fputs(">\n", out);
	if (tc->failed || tc->error) {
		fprintf(out, "      <%s message=\"", tc->error ? "error" : "failure");
		wdl_escape_str(out, WDL_ESC_XML_ATTR, tc->message);
		fputs("\" type=\"", out);
		wdl_escape_str(out, WDL_ESC_XML_ATTR, tc->error ? "unreadable"
				    : tc->type ? tc->type : tc->name);
		fputs("\">", out);
		wdl_escape_str(out, WDL_ESC_XML, body->ptr ? body->ptr : "");
		fprintf(out, "</%s>\n", tc->error ? "error" : "failure");
	} else {
		fputs("      <system-out>", out);
		wdl_escape_str(out, WDL_ESC_XML, body->ptr);
		fputs("</system-out>\n", out);
	}
	fputs("    </testcase>\n", out);
}

/* Emit or count: the suite is written in two passes, the first to count
 * testcases and failures for the <testsuite> attributes. */
struct suite {
	FILE *out;                  /* NULL while counting */
	const wdilog_report *rep;
	const struct wdl_input_stat *in;
	const struct wdl_input_entry *v;
	unsigned tests, failures, errors;
	bool oom;
};

static void emit(struct suite *s, const struct tcase *tc, struct text *body)
{
	s->tests++;
	s->failures += tc->failed;
	s->errors += tc->error;
	s->oom |= body->oom;
	if (s->out && !body->oom)
		write_case(s->out, s->in, tc, body);
	wdl_free(body->ptr);
	*body = (struct text){ 0 };
}

static void phase_class(struct tcase *tc, int phase)
{
	snprintf(tc->classname, sizeof(tc->classname), "wdilog.%s",
		 wdilog_phase_name((wdilog_phase)phase));
}

static void failures_cases(struct suite *s, const struct wdl_gate_state *st)
{
	const wdilog_gate_check *rule = find_rule(st, "max-failures");
	for (int p = 0; p < WDILOG_PHASE_COUNT; p++) {
		if (!st->covered[p])
			continue;
		struct tcase tc = { .name = rule ? "max-failures" : "failures" };
		struct text body = { 0 };
		phase_class(&tc, p);
		uint64_t here = phase_selected(s->in, s->v, p);
		tc.failed = rule && !rule->passed && here;
		if (rule) {
			addf(&body, "max-failures: %" PRIu64
			     " status records counted in all inputs, limit %" PRIu64
			     " (%s)\n", rule->measured / 1000, rule->limit / 1000,
			     rule->passed ? "passed" : "failed");
			snprintf(tc.message, sizeof(tc.message), "%" PRIu64
				 " %s status records counted in this input; %" PRIu64
				 " in all inputs, limit %" PRIu64, here,
				 wdilog_phase_name((wdilog_phase)p),
				 rule->measured / 1000, rule->limit / 1000);
		}
		if (here || rule) {
			addf(&body, "%s phase: %" PRIu64
			     " status records counted in this input\n",
			     wdilog_phase_name((wdilog_phase)p), here);
			code_lines(&body, s->in, s->v, p, false);
		}
		emit(s, &tc, &body);
	}
}

static void input_case(struct suite *s, const wdilog_gate_check *rule,
		       uint64_t here, const char *what)
{
	struct tcase tc = { .name = rule->rule, .classname = "wdilog.input" };
	struct text body = { 0 };
	tc.failed = !rule->passed && here;
	snprintf(tc.message, sizeof(tc.message), "%" PRIu64 " %s here; %" PRIu64
		 " in all inputs, limit %" PRIu64, here, what,
		 rule->measured / 1000, rule->limit / 1000);
	addf(&body, "%s: %" PRIu64 " %s in all inputs, limit %" PRIu64 " (%s)\n"
	     "%" PRIu64 " in %s\n", rule->rule, rule->measured / 1000, what,
	     rule->limit / 1000, rule->passed ? "passed" : "failed", here,
	     s->in->path);
	emit(s, &tc, &body);
}

/* An evidence rule (min-events, min-statuses) is about the whole run:
 * every input's suite shows it, failed when the run had too little. */
static void minimum_case(struct suite *s, const wdilog_gate_check *rule,
			 uint64_t here, const char *what)
{
	struct tcase tc = { .name = rule->rule, .classname = "wdilog.input" };
	struct text body = { 0 };
	char line[256];
	wdilog_gate_check_describe(rule, line, sizeof(line));
	tc.failed = !rule->passed;
	snprintf(tc.message, sizeof(tc.message), "%s", line);
	addf(&body, "%s (%s)\n%" PRIu64 " %s in %s\n", line,
	     rule->passed ? "passed" : "failed", here, what, s->in->path);
	emit(s, &tc, &body);
}

/* The attempt rules (max-failed-attempts, min-success-rate, the
 * baseline's success rate and failing phases) are about the whole run,
 * like the evidence rules: each input's suite shows them, classname
 * wdilog.attempts, failed when the rule failed. */
static bool attempt_rule(const wdilog_gate_check *c)
{
	return c->percent || strcmp(c->rule, "max-failed-attempts") == 0 ||
	       (c->scope && (strcmp(c->scope, "success-rate") == 0 ||
			     strcmp(c->scope, "attempt-phase") == 0));
}

static void attempt_cases(struct suite *s, const struct wdl_gate_state *st)
{
	for (size_t i = 0; i < st->nchecks; i++) {
		const wdilog_gate_check *c = &st->checks[i];
		if (!attempt_rule(c))
			continue;
		struct tcase tc = { .name = c->scope ? "baseline" : c->rule,
				    .classname = "wdilog.attempts" };
		struct text body = { 0 };
		char line[512];
		wdilog_gate_check_describe(c, line, sizeof(line));
		tc.failed = !c->passed;
		snprintf(tc.message, sizeof(tc.message), "%.290s", line);
		addf(&body, "%s (%s)\nattempts of all inputs\n", line,
		     c->passed ? "passed" : "failed");
		emit(s, &tc, &body);
	}
}

static void baseline_cases(struct suite *s, const struct wdl_gate_state *st)
{
	for (int p = 0; p < WDILOG_PHASE_COUNT; p++) {
		const char *pname = wdilog_phase_name((wdilog_phase)p);
		struct tcase tc = { .name = "baseline" };
		struct text body = { 0 };
		bool any = false;
		phase_class(&tc, p);
		uint64_t here = phase_selected(s->in, s->v, p);
		unsigned failing = 0;
		for (size_t i = 0; i < st->nchecks; i++) {
			const wdilog_gate_check *c = &st->checks[i];
			if (strcmp(c->rule, "baseline") != 0 || attempt_rule(c) ||
			    strcmp(c->phase, pname) != 0)
				continue;
			any = true;
			bool mine = here > 0;
			if (strcmp(c->scope, "code") == 0) {
				mine = false;
				for (size_t k = 0; k < s->in->ncodes; k++) {
					const struct wdl_code_stat *x = s->v[k].code;
					if (x->has_code == c->has_code &&
					    (c->has_code ? x->code == c->code
							 : c->name && x->name &&
							   strcmp(x->name, c->name) == 0))
						mine = true;
				}
			}
			if (!c->passed && mine)
				failing++;
			/* the phase line, and the codes this input holds */
			if (strcmp(c->scope, "code") == 0 && !mine)
				continue;
			/* the check in the words every report uses */
			char line[512];
			wdilog_gate_check_describe(c, line, sizeof(line));
			addf(&body, "%s%s\n", line, c->passed ? "" : " (failed)");
		}
		if (!any) {
			wdl_free(body.ptr);
			continue;
		}
		tc.failed = failing > 0;
		snprintf(tc.message, sizeof(tc.message),
			 "%u %s regression%s against the baseline involve this input",
			 failing, pname, failing == 1 ? "" : "s");
		if (here) {
			addf(&body, "in %s:\n", s->in->path);
			code_lines(&body, s->in, s->v, p, false);
		}
		emit(s, &tc, &body);
	}
}

/* A reason as "wlan 0x38002 association failed", "-" when none. */
static void reason_text(char *buf, size_t cap, wdilog_reason r)
{
	char b[24];
	const char *name = wdl_att_reason_name(r);
	snprintf(buf, cap, "%s%s%s", wdl_att_reason_short(r, b, sizeof(b)),
		 name ? " " : "", name ? name : "");
}

/* One failed attempt of this input: a failing testcase named by its
 * SSID/BSSID and start, its message the failing phase and reason. */
static void failed_attempt_case(struct suite *s, const struct wdl_att_list *l,
				const struct wdl_att_item *it)
{
	char name[160], when[48] = "-", reason[200];
	if (it->start.valid)
		wdl_time_format(&it->start, when, sizeof(when));
	const char *peer = it->bssid[0] ? it->bssid : it->first_peer;
	snprintf(name, sizeof(name), "%s/%s at %s", it->ssid[0] ? it->ssid : "-",
		 peer[0] ? peer : "-", when);
	struct tcase tc = { .name = name, .classname = "wdilog.attempt",
			    .type = wdilog_attempt_result_name(it->result),
			    .failed = true };
	reason_text(reason, sizeof(reason), it->reason);
	if (it->has_failing)
		snprintf(tc.message, sizeof(tc.message), "%s in the %s phase: %s",
			 wdilog_attempt_result_name(it->result),
			 wdilog_attempt_phase_name(it->failing), reason);
	else
		snprintf(tc.message, sizeof(tc.message), "%s after reaching %s: %s",
			 wdilog_attempt_result_name(it->result),
			 wdilog_attempt_phase_name(it->furthest), reason);
	struct text body = { 0 };
	char end[48] = "-";
	if (it->end.valid)
		wdl_time_format(&it->end, end, sizeof(end));
	char lines[48];
	/* no chain number: a part of a file read with -j numbers its chains
	 * from its own start, and the list must read as one pass */
	addf(&body, "%s\nstart %s%s, end %s\nreached %s, %" PRIu64
	     " tr%s on %" PRIu32 " BSSID%s\ninterface %s\n"
	     "records at %s:%s\n", tc.message, when,
	     it->start_inferred ? " (inferred)" : "", end,
	     wdilog_attempt_phase_name(it->furthest), it->tries,
	     it->tries == 1 ? "y" : "ies", it->bssids, it->bssids == 1 ? "" : "s",
	     it->iface[0] ? it->iface : "(default)",
	     wdl_att_list_input(l, it->input),
	     wdl_att_item_lines(it, lines, sizeof(lines)));
	emit(s, &tc, &body);
}

/* With --with-attempts: a testcase per failed attempt of this input, and
 * a passing "attempts" testcase that sums up its attempts. */
static void attempt_list_cases(struct suite *s)
{
	if (!wdl_attempts_shown(wdl_attempts_of(s->rep)))
		return;
	const struct wdl_att_list *l = wdl_att_list_of(s->rep);
	struct tcase sum = { .name = "attempts", .classname = "wdilog.attempt" };
	struct text body = { 0 };
	if (!l) {
		addf(&body, "the attempt list is not known for merged reports: "
		     "JSON reports do not carry it\n");
		emit(s, &sum, &body);
		return;
	}
	uint64_t by[WDILOG_ATTEMPT_RESULT_COUNT] = { 0 }, n = 0, failed = 0;
	for (size_t k = 0; k < l->natt; k++) {
		const struct wdl_att_item *it = &l->att[k];
		if (strcmp(wdl_att_list_input(l, it->input), s->in->path) != 0)
			continue;
		n++;
		by[it->result]++;
		if (wdl_att_item_failed(it)) {
			failed++;
			failed_attempt_case(s, l, it);
		}
	}
	addf(&body, "%" PRIu64 " attempts listed in this input:", n);
	for (int r = 0; r < WDILOG_ATTEMPT_RESULT_COUNT; r++)
		addf(&body, "%s %s %" PRIu64, r ? "," : "",
		     wdilog_attempt_result_name(r), by[r]);
	addf(&body, "\n%" PRIu64 " failed (failure, dropped or timeout), each a "
	     "testcase of its own\n", failed);
	if (l->att_unlisted)
		addf(&body, "%" PRIu64 " more attempts not listed (the list keeps "
		     "the first %zu of all inputs)\n", l->att_unlisted, l->cap);
	emit(s, &sum, &body);
}

static void suite_cases(struct suite *s)
{
	const struct wdl_gate_state *st = wdl_view_verdict(s->rep);
	const struct wdl_input_stat *in = s->in;
	if (in->unreadable) {
		struct tcase tc = { .name = "read", .classname = "wdilog.input",
				    .error = true };
		struct text body = { 0 };
		snprintf(tc.message, sizeof(tc.message), "%s", in->error);
		addf(&body, "%s: %s\n", in->path, in->error);
		emit(s, &tc, &body);
	}
	struct wdl_gate_state dflt = { 0 };
	if (!st) {
		/* never evaluated: the default selection, no rule */
		for (int p = WDILOG_PHASE_GENERAL; p < WDILOG_PHASE_COUNT; p++)
			dflt.covered[p] = true;
		st = &dflt;
	}
	if (!st->asked || st->limit_set[WDILOG_LIMIT_FAILURES])
		failures_cases(s, st);
	const wdilog_gate_check *r;
	if ((r = find_rule(st, "max-malformed")))
		input_case(s, r, in->malformed, "malformed status values");
	if ((r = find_rule(st, "max-damaged")))
		input_case(s, r, in->damaged + in->unreadable + in->truncated,
			   s->rep->totals.truncated_inputs
				   ? "damaged events, unreadable or truncated inputs"
				   : "damaged events or unreadable inputs");
	if ((r = find_rule(st, "max-lost")))
		input_case(s, r, in->events_lost + in->lost_uncounted,
			   "events the capture says it lost");
	if ((r = find_rule(st, "min-events")))
		minimum_case(s, r, in->events, "events");
	if ((r = find_rule(st, "min-statuses")))
		minimum_case(s, r, in->statuses, "status records");
	baseline_cases(s, st);
	attempt_cases(s, st);
	attempt_list_cases(s);
}

static void property(FILE *out, const char *name, const char *value)
{
	fprintf(out, "      <property name=\"%s\" value=\"", name);
	wdl_escape_str(out, WDL_ESC_XML_ATTR, value);
	fputs("\"/>\n", out);
}

int wdilog_report_render_junit(const wdilog_report *rep, FILE *out,
			       wdilog_error *err)
{
	unsigned tests = 0, failures = 0, errors = 0;
	bool oom = false;
	/* totals for <testsuites> first */
	for (size_t i = 0; i < rep->ninputs && !oom; i++) {
		struct wdl_input_entry *v = wdl_input_sorted(rep, wdl_view_input(rep, i));
		if (!v)
			return wdl_fail_oom(err);
		struct suite s = { .rep = rep, .in = wdl_view_input(rep, i), .v = v };
		suite_cases(&s);
		tests += s.tests;
		failures += s.failures;
		errors += s.errors;
		oom = s.oom;
		wdl_free(v);
	}
	if (oom)
		return wdl_fail_oom(err);
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"wdilog\" tests=\"%u\" failures=\"%u\" "
		"errors=\"%u\" time=\"0\">\n", tests, failures, errors);
	for (size_t i = 0; i < wdl_view_ninputs(rep); i++) {
		const struct wdl_input_stat *in = wdl_view_input(rep, i);
		struct wdl_input_entry *v = wdl_input_sorted(rep, in);
		if (!v)
			return wdl_fail_oom(err);
		struct suite s = { .rep = rep, .in = in, .v = v };
		suite_cases(&s);
		fputs("  <testsuite name=\"", out);
		wdl_escape_str(out, WDL_ESC_XML_ATTR, in->path);
		fprintf(out, "\" tests=\"%u\" failures=\"%u\" errors=\"%u\" "
			"skipped=\"0\" time=\"0\">\n", s.tests, s.failures, s.errors);
		fputs("    <properties>\n", out);
		property(out, "format", in->format);
		property(out, "encoding", in->encoding);
		char num[24];
		snprintf(num, sizeof(num), "%s", in->gzip ? "true" : "false");
		property(out, "gzip", num);
		snprintf(num, sizeof(num), "%" PRIu64, in->events);
		property(out, "events", num);
		snprintf(num, sizeof(num), "%" PRIu64, in->statuses);
		property(out, "statuses", num);
		snprintf(num, sizeof(num), "%" PRIu64, in->malformed);
		property(out, "malformed", num);
		snprintf(num, sizeof(num), "%" PRIu64, in->damaged);
		property(out, "damaged", num);
		fputs("    </properties>\n", out);
		s.out = out;
		s.tests = s.failures = s.errors = 0;
		suite_cases(&s);
		fputs("  </testsuite>\n", out);
		wdl_free(v);
		if (s.oom)
			return wdl_fail_oom(err);
	}
	fputs("</testsuites>\n", out);
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the JUnit report");
	return WDILOG_OK;
}
