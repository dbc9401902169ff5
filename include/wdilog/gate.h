/* wdilog — CI gating: rules, baselines, merged and compared reports, and
 * the renderings CI systems read (JUnit XML, Markdown, GitHub workflow
 * commands). */
#ifndef WDILOG_GATE_H
#define WDILOG_GATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <wdilog/common.h>
#include <wdilog/error.h>
#include <wdilog/options.h>
#include <wdilog/report.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A gate: which status records count as failures and the limits that
 * decide pass or fail. Build one with wdilog_gate_new, configure it, then
 * wdilog_report_evaluate a report against it. */
typedef struct wdilog_gate wdilog_gate;

/* The limits a gate can set; each is off until set. */
typedef enum wdilog_gate_limit {
	WDILOG_LIMIT_FAILURES,      /* selected status records */
	WDILOG_LIMIT_MALFORMED,     /* unreadable status values */
	WDILOG_LIMIT_DAMAGED,       /* damaged events + unreadable inputs +
				       truncated inputs */
	WDILOG_LIMIT_LOST,          /* events the captures say they lost +
				       inputs that say they lost an unknown
				       number (the CLI's --strict sets it to
				       0; formats.md 6) */
	WDILOG_LIMIT_FAILED_ATTEMPTS, /* connection attempts that count
				       against the success rate and did not
				       succeed: results failure, dropped and
				       timeout (doc/attempts.md) */
	WDILOG_LIMIT_COUNT
} wdilog_gate_limit;

/* New gate with no rule and the default selection (records of kind
 * failure and unknown). Returns WDILOG_OK with *out set to a gate the
 * caller frees with wdilog_gate_free, or WDILOG_ENOMEM. */
WDILOG_API int wdilog_gate_new(wdilog_gate **out, wdilog_error *err);

/* Free; NULL does nothing. */
WDILOG_API void wdilog_gate_free(wdilog_gate *gate);

/* Select what counts as a failure, from a comma list of phases ("auth"),
 * kinds ("failure", "benign"), codes (decimal or 0x hex) and status names
 * (with or without the WDI_ASSOC_STATUS_ prefix, any case). The first call
 * replaces the default selection; later calls add to it. A phase selects
 * that phase's failure and unknown records; a code or name selects every
 * record of that value, whatever its kind. An unknown name is accepted
 * only with the WDI_ASSOC_STATUS_ prefix. Returns WDILOG_EINVAL naming
 * the bad item, or WDILOG_ENOMEM. */
WDILOG_API int wdilog_gate_fail_on(wdilog_gate *gate, const char *list,
				   wdilog_error *err);

/* Exempt codes and names (comma list, as for wdilog_gate_fail_on but no
 * phases or kinds): their records never count, whatever selects them.
 * @p list is read, not kept. Returns WDILOG_OK, WDILOG_EINVAL naming the
 * bad item, or WDILOG_ENOMEM. */
WDILOG_API int wdilog_gate_allow(wdilog_gate *gate, const char *list,
				 wdilog_error *err);

/* Turn a limit on: the gate fails when the measured value exceeds @p max. */
WDILOG_API void wdilog_gate_set_limit(wdilog_gate *gate,
				      wdilog_gate_limit which, uint64_t max);

/* Evidence a gate can require: a run that read less than this has
 * nothing to judge and fails. Each is off until set. */
typedef enum wdilog_gate_minimum {
	WDILOG_MIN_EVENTS,          /* events read */
	WDILOG_MIN_STATUSES,        /* status records */
	WDILOG_MIN_COUNT
} wdilog_gate_minimum;

/* Turn a minimum on: the gate fails when the measured value is below
 * @p min (rules "min-events" and "min-statuses"). */
WDILOG_API void wdilog_gate_set_minimum(wdilog_gate *gate,
					wdilog_gate_minimum which,
					uint64_t min);

/* Require a connection-attempt success rate (attempts.md: success /
 * (success + failure + dropped + timeout)) of at least @p spec percent:
 * "95", "95%", "99.5%" (at most three fraction digits, 0 to 100). A bare
 * number below 1 other than 0 is refused as ambiguous ("0.95": write 95%
 * or 0.95%). A run with no attempt in the rate fails the rule: a rate
 * over nothing proves nothing. Returns WDILOG_OK, or WDILOG_EINVAL
 * ("bad success rate") leaving the gate as it was. */
WDILOG_API int wdilog_gate_set_min_success_rate(wdilog_gate *gate,
						const char *spec,
						wdilog_error *err);

/* Compare against @p baseline (borrowed; it must outlive every
 * wdilog_report_evaluate with this gate). Per selected code and per
 * phase: a code absent from the baseline fails; a count above the
 * baseline's by more than the tolerance fails; a code that disappeared is
 * reported and passes. When the two reports' event totals differ, counts
 * are compared as rates per 1,000 events. When the baseline has attempt
 * figures, the attempts that did not succeed (the success rate's
 * complement) and the failed attempts per failing phase are compared the
 * same way, as rates per 1,000 attempts in the success rate when the two
 * runs counted different numbers of them (doc/attempts.md). */
WDILOG_API void wdilog_gate_set_baseline(wdilog_gate *gate,
					 const wdilog_report *baseline);

/* Parse a tolerance: "N" (absolute, in counts, or in records per 1,000
 * events when rates are compared) or "N%" (relative to the baseline);
 * N is a decimal with at most three fraction digits. Default 0. Returns
 * WDILOG_OK, or WDILOG_EINVAL ("bad tolerance") leaving the gate as it
 * was. */
WDILOG_API int wdilog_gate_set_tolerance(wdilog_gate *gate, const char *spec,
					 wdilog_error *err);

/* True when the gate has at least one rule (a limit or a baseline). */
WDILOG_API bool wdilog_gate_has_rules(const wdilog_gate *gate);

/* One evaluated rule. Values are in thousandths so that rates fit: a
 * count of 3 is 3000. Strings are static or owned by the report. */
typedef struct wdilog_gate_check {
	const char *rule;           /* "max-failures", "max-malformed",
				       "max-damaged", "max-lost",
				       "min-events", "min-statuses",
				       "max-failed-attempts",
				       "min-success-rate" or "baseline" */
	const char *scope;          /* baseline: "code", "phase",
				       "success-rate" (attempts) or
				       "attempt-phase"; else NULL */
	const char *phase;          /* baseline: the phase (of the status
				       records, or for "attempt-phase" the
				       failing phase of attempts); else NULL */
	bool has_code;              /* baseline code check with a number */
	uint32_t code;
	const char *name;           /* baseline code check: the status name,
				       or NULL for a number outside the enum */
	const char *change;         /* baseline: "new", "above", "within",
				       "disappeared"; else NULL */
	bool rate;                  /* values are per 1,000 events */
	uint64_t limit;             /* highest passing value (a min- rule:
				       the lowest), thousandths */
	uint64_t measured;          /* thousandths */
	uint64_t baseline;          /* baseline's value, thousandths */
	bool passed;
	/* baseline: the records counted now and in the baseline, whole
	 * counts even when the values above are rates */
	uint64_t now_count, baseline_count;
	/* min-success-rate: values are thousandths of a percent. Attempt
	 * rules: now_count (and baseline_count) are the attempts that
	 * succeeded (min-success-rate), did not succeed ("success-rate") or
	 * failed in the phase ("attempt-phase"), out of now_total (and
	 * baseline_total) attempts in the success rate; the rates of an
	 * attempt baseline check are per 1,000 of those */
	bool percent;
	uint64_t now_total, baseline_total;
} wdilog_gate_check;

/* One sentence for a check, the same in every output that words it (the
 * CLI's verdict lines, GitHub annotations): "max-failures: 4 status
 * records counted, limit 0", "min-events: 0 events read, at least 1
 * needed", "3 records of 51 NAME, 0 in the baseline: new, limit 0" or,
 * when rates are compared, "4 records of phase probe (2.5 per 1,000
 * events), 1 in the baseline (1 per 1,000 events): above, limit 1.2 per
 * 1,000 events". Written to @p buf (always NUL-terminated when @p cap >
 * 0), cut to fit; the status name in it comes from an input and is not
 * escaped. Returns the length the whole sentence needs, as snprintf
 * does. */
WDILOG_API size_t wdilog_gate_check_describe(const wdilog_gate_check *c,
					     char *buf, size_t cap);

/* Evaluate @p gate over @p rep and keep the result in the report, where
 * every renderer shows it (the JSON "gate" object, JUnit testcases, the
 * Markdown verdict, GitHub annotations). A gate with no rules is recorded
 * as not asked. Evaluating again replaces the result. Returns WDILOG_OK or
 * WDILOG_ENOMEM. */
WDILOG_API int wdilog_report_evaluate(wdilog_report *rep,
				      const wdilog_gate *gate,
				      wdilog_error *err);

/* After wdilog_report_evaluate: true when a rule was asked. */
WDILOG_API bool wdilog_report_gate_asked(const wdilog_report *rep);

/* True unless an evaluated rule failed. */
WDILOG_API bool wdilog_report_gate_passed(const wdilog_report *rep);

/* The evaluated checks, in report order; *out stays valid until the
 * report is evaluated again or freed. Returns their number. */
WDILOG_API size_t wdilog_report_gate_checks(const wdilog_report *rep,
					    const wdilog_gate_check **out);

/* Load a wdilog/1 JSON report (as wdilog_report_render_json writes it)
 * from @p path ("-" for standard input). Returns WDILOG_EIO if it cannot
 * be read, WDILOG_EFORMAT if it is not JSON, is another schema, or a
 * member has the wrong type (the message says which), WDILOG_ENOMEM. The
 * caller frees *out with wdilog_report_free. @p opts may be NULL. */
WDILOG_API int wdilog_report_load_json(wdilog_report **out, const char *path,
				       const wdilog_options *opts,
				       wdilog_error *err);

/* The same from memory: @p data (@p len bytes) is read, not kept; @p name
 * is used in messages. Returns as wdilog_report_load_json. */
WDILOG_API int wdilog_report_load_json_memory(wdilog_report **out,
					      const char *data, size_t len,
					      const char *name,
					      const wdilog_options *opts,
					      wdilog_error *err);

/* Add everything in @p src to @p dst exactly: counts add, first and last
 * times combine, timelines re-bucket to a common width, inputs append.
 * Merging reports of disjoint inputs gives the report of one run over all
 * of them, inputs in merge order; attempt figures add too (counters,
 * buckets, rows by key). A gate result in @p dst is dropped. Returns
 * WDILOG_OK; WDILOG_EFORMAT, with @p dst unchanged, when a sum would pass
 * 2^63-1 or both reports have attempts grouped with different idle times
 * or retry windows; or WDILOG_ENOMEM, after which @p dst is partly merged
 * and fit only for wdilog_report_free. */
WDILOG_API int wdilog_report_merge(wdilog_report *dst,
				   const wdilog_report *src,
				   wdilog_error *err);

/* JUnit XML in the Jenkins junit-4 shape: one <testsuite> per input, one
 * <testcase> per gate rule and phase (classname wdilog.<phase>), with
 * counts and first occurrences (file:line) in each failure's text.
 * Returns WDILOG_OK, WDILOG_EIO if writing failed, or WDILOG_ENOMEM; the
 * same for the other renderers below. */
WDILOG_API int wdilog_report_render_junit(const wdilog_report *rep,
					  FILE *out, wdilog_error *err);

/* GitHub-flavoured Markdown for a job summary: the gate verdict first,
 * then totals, phases and the most frequent codes. Returns as
 * wdilog_report_render_junit. */
WDILOG_API int wdilog_report_render_markdown(const wdilog_report *rep,
					     FILE *out, wdilog_error *err);

/* GitHub Actions workflow commands: an ::error per rule that failed and
 * per failing status record with its file and line (at most 10, GitHub's
 * per-step limit, the rest counted), then a ::notice summary. Returns as
 * wdilog_report_render_junit. */
WDILOG_API int wdilog_report_render_github(const wdilog_report *rep,
					   FILE *out, wdilog_error *err);

/* How a comparison of two reports is written. */
typedef enum wdilog_diff_format {
	WDILOG_DIFF_TEXT,
	WDILOG_DIFF_JSON,
	WDILOG_DIFF_MARKDOWN
} wdilog_diff_format;

/* Compare report @p a (before) with @p b (after): totals, phases and
 * every code, with the change of each. @p a_name and @p b_name label
 * them. Both reports are only read. Returns WDILOG_OK, WDILOG_EIO if
 * writing failed, or WDILOG_ENOMEM. */
WDILOG_API int wdilog_report_render_diff(const wdilog_report *a,
					 const char *a_name,
					 const wdilog_report *b,
					 const char *b_name,
					 wdilog_diff_format format, FILE *out,
					 wdilog_error *err);

/* True when @p a and @p b differ in a count the comparison shows (a
 * total, a phase's statuses or failures, a code's count): what `wdilog
 * diff` exits 1 for. */
WDILOG_API bool wdilog_report_differs(const wdilog_report *a,
				      const wdilog_report *b);

#ifdef __cplusplus
}
#endif
#endif
