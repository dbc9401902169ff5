/* wdilog, the command: parse options, open each input (or load each JSON
 * report for merge and diff), feed one report, evaluate the gate, write
 * every report, pick the exit status. Uses only <wdilog/wdilog.h> and
 * util/ (the escaper). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wdilog/wdilog.h>

#include "util/escape.h"

#include "args.h"
#include "diags.h"
#include "progress.h"
#include "output.h"
#include "usage.h"

/* Diagnostics shown in full before the rest are only counted: enough to
 * see a pattern, few enough not to bury the report. */
#define DIAG_SHOWN 20

/* Gate lines shown on standard error before the rest are only counted. */
#define VERDICT_SHOWN 10

struct run {
	struct cli_args args;
	wdilog_options opts;
	wdilog_report *report;
	wdilog_gate *gate;
	wdilog_report *baseline;
	struct cli_diags diags;     /* held until reading ends */
	struct cli_progress progress;
	unsigned long skipped_reports;
	/* binary files passed over in directories, told by the reading
	 * (WDILOG_WALK_UNOPENED): held to be placed as the walk's own
	 * warnings are, after every input's */
	wdilog_error *passed;
	size_t npassed, passed_cap;
	unsigned long readable;     /* inputs read whole */
	int status;
	/* event streams (--events), written while reading */
	struct cli_stream streams[CLI_MAX_OUTPUTS];
	size_t nstreams;
	bool stream_failed;
};

static void print_diag(const wdilog_error *d)
{
	fputs("wdilog: ", stderr);
	if (d->input) {
		wdl_escape_str(stderr, WDL_ESC_TEXT, d->input);
		if (d->line)
			fprintf(stderr, ":%llu", (unsigned long long)d->line);
		fputs(": ", stderr);
	}
	wdl_escape_str(stderr, WDL_ESC_TEXT, d->message);
	fputc('\n', stderr);
}

static void on_diag(const wdilog_error *d, void *payload)
{
	struct run *run = payload;
	cli_diags_add(&run->diags, d);
}

/* Inputs to read: the operands, with directories expanded in name order. */
struct path_list {
	wdilog_path *items;
	size_t n, cap;
	const char *operand;
	struct run *run;
	bool oom;
};

static int add_path(const char *path, const wdilog_error *problem,
		    void *payload)
{
	struct path_list *l = payload;
	if (problem) {
		/* passed over inside a directory: a warning, not a failure */
		on_diag(problem, l->run);
		return 0;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		wdilog_path *items = realloc(l->items, cap * sizeof(*items));
		if (!items) {
			l->oom = true;
			return WDILOG_ENOMEM;
		}
		l->items = items;
		l->cap = cap;
	}
	char *copy = strdup(path);
	if (!copy) {
		l->oom = true;
		return WDILOG_ENOMEM;
	}
	wdilog_path *item = &l->items[l->n++];
	item->path = copy;      /* owned by the list, freed by run_inputs */
	item->from_directory = strcmp(path, l->operand) != 0;
	return 0;
}

static void hold_passed(struct run *run, const wdilog_error *err)
{
	if (run->npassed == run->passed_cap) {
		size_t cap = run->passed_cap ? run->passed_cap * 2 : 16;
		wdilog_error *n = realloc(run->passed, cap * sizeof(*n));
		if (!n) {
			run->diags.oom = true;
			return;
		}
		run->passed = n;
		run->passed_cap = cap;
	}
	wdilog_error *e = &run->passed[run->npassed];
	*e = *err;
	if (err->input && !(e->input = strdup(err->input))) {
		run->diags.oom = true;
		return;
	}
	run->npassed++;
}

/* The held warnings, once no input is known to the diagnostics (the walk
 * told its own before any was). */
static void tell_passed(struct run *run)
{
	for (size_t i = 0; i < run->npassed; i++) {
		on_diag(&run->passed[i], run);
		free((char *)run->passed[i].input);
	}
	free(run->passed);
	run->passed = NULL;
	run->npassed = run->passed_cap = 0;
}

/* An input that cannot be read is reported and listed; the others are
 * still analyzed. */
static void input_done(const char *path, int status, const wdilog_error *err,
		       void *payload)
{
	struct run *run = payload;
	cli_progress_input_done(&run->progress, path);
	if (status == WDILOG_DONE && err) {
		hold_passed(run, err);
		return;
	}
	if (status == WDILOG_DONE) {
		/* our own output kept beside the logs is not a trace */
		run->skipped_reports++;
		return;
	}
	if (status >= 0) {
		run->readable++;
		return;
	}
	run->status = EXIT_TROUBLE;
	if (!run->args.quiet && err) {
		wdilog_error shown = *err;
		shown.input = path;
		cli_progress_hold(&run->progress);
		print_diag(&shown);
		cli_progress_resume(&run->progress);
	}
}

static int on_event(const wdilog_event *ev, const char *input, void *payload)
{
	struct run *run = payload;
	for (size_t i = 0; i < run->nstreams; i++) {
		struct cli_stream *st = &run->streams[i];
		if (st->failed || st->o->format != FORMAT_EVENTS)
			continue;
		errno = 0;
		if (wdilog_event_render_json(ev, input, st->f, NULL) >= 0)
			continue;
		/* an output error, said once: the inputs are still all read
		 * (failing here would mark each of them unreadable) */
		int e = errno;
		st->failed = true;
		run->stream_failed = true;
		run->status = EXIT_TROUBLE;
		fputs("wdilog: cannot write ", stderr);
		wdl_escape_str(stderr, WDL_ESC_TEXT,
			       st->f == stdout ? "standard output" : st->o->path);
		fprintf(stderr, ": %s\n", e ? strerror(e) : "write failed");
	}
	return WDILOG_OK;
}

/* --attempts and --by attempt: every attempt as it ends. */
static int on_attempt(const wdilog_attempt *a, const wdilog_session *s,
		      void *payload)
{
	struct run *run = payload;
	for (size_t i = 0; i < run->nstreams; i++) {
		struct cli_stream *st = &run->streams[i];
		int rc = WDILOG_OK;
		if (st->failed)
			continue;
		if (st->o->format == FORMAT_ATTEMPTS)
			rc = wdilog_attempt_render_json(a, s, st->f);
		else if (st->o->format == FORMAT_ATTEMPT_LINES && a)
			rc = wdilog_attempt_render_line(a, st->f, !st->headed);
		else
			continue;
		st->headed = true;
		if (rc < 0) {
			st->failed = true;
			run->stream_failed = true;
			run->status = EXIT_TROUBLE;
			fputs("wdilog: cannot write the attempts\n", stderr);
		}
	}
	return WDILOG_OK;
}

/* The report options: window and event streams, set up before reading.
 * Returns 0 or an exit status. */
static int setup_report(struct run *run)
{
	wdilog_error err = { 0 };
	if (wdilog_report_set_window(run->report, run->args.since,
				     run->args.until, &err) < 0)
		return cli_usage_error("%s", err.message);
	for (size_t i = 0; i < run->args.noutputs; i++) {
		const struct cli_output *o = &run->args.outputs[i];
		if (o->format != FORMAT_EVENTS && o->format != FORMAT_ATTEMPTS &&
		    o->format != FORMAT_ATTEMPT_LINES)
			continue;
		if (cli_stream_open(&run->streams[run->nstreams], o))
			return EXIT_TROUBLE;
		run->nstreams++;
	}
	if (run->nstreams)
		wdilog_report_on_event(run->report, on_event, run);
	if (run->nstreams)
		wdilog_report_on_attempt(run->report, on_attempt, run);
	return 0;
}

static int close_streams(struct run *run, bool ok)
{
	int rc = 0;
	for (size_t i = 0; i < run->nstreams; i++)
		if (cli_stream_close(&run->streams[i], ok && !run->stream_failed))
			rc = EXIT_TROUBLE;
	run->nstreams = 0;
	return rc;
}

/* An operand that cannot be opened and is a slip away from a command
 * ("wdilog merg a.json"): say which command it may have meant. */
static void suggest_command(const char *operand)
{
	static const char *const commands[] = { "merge", "diff" };
	const char *near = cli_suggest(operand, strlen(operand), commands, 2);
	if (near)
		fprintf(stderr, "wdilog: (did you mean the command "
			"'wdilog %s'?)\n", near);
}

static int run_inputs(struct run *run)
{
	static char *const stdin_only[] = { "-" };
	char *const *inputs = run->args.ninputs ? run->args.inputs : stdin_only;
	size_t n = run->args.ninputs ? run->args.ninputs : 1;
	struct path_list list = { .run = run };
	int rc = 0;
	for (size_t i = 0; i < n && !list.oom; i++) {
		wdilog_error err = { 0 };
		list.operand = inputs[i];
		if (wdilog_walk_flags(inputs[i],
				      run->args.walk_flags | WDILOG_WALK_UNOPENED,
				      add_path, &list, &err) < 0 && !list.oom) {
			/* the operand itself cannot be examined: reading it fails
			 * the same way, in its place among the inputs */
			add_path(inputs[i], NULL, &list);
			if (strcmp(inputs[i], "merge") == 0 ||
			    strcmp(inputs[i], "diff") == 0)
				fprintf(stderr, "wdilog: (a command comes first: "
					"wdilog %s [OPTION]...)\n", inputs[i]);
			else
				suggest_command(inputs[i]);
		}
	}
	/* diagnostics are placed by their input's position in the list */
	cli_diags_set_inputs(&run->diags, list.items, list.n);
	if (!list.oom) {
		wdilog_error err = { 0 };
		if (!run->args.quiet)
			cli_progress_start(&run->progress, list.items, list.n);
		if (wdilog_report_read_paths(run->report, list.items, list.n,
					     run->args.jobs, &run->opts,
					     input_done, run, &err) < 0)
			list.oom = true;
		cli_progress_stop(&run->progress);
	}
	if (list.oom) {
		fputs("wdilog: out of memory\n", stderr);
		rc = EXIT_TROUBLE;
	}
	cli_diags_set_inputs(&run->diags, NULL, 0);
	tell_passed(run);
	for (size_t i = 0; i < list.n; i++)
		free((char *)list.items[i].path);
	free(list.items);
	return rc;
}

/* A report given on the command line (--baseline, merge, diff): one that
 * cannot be read or is not wdilog/1 is a usage error. */
static int load_report(struct run *run, const char *what, const char *path,
		       wdilog_report **out)
{
	wdilog_error err = { 0 };
	if (wdilog_report_load_json(out, path, &run->opts, &err) < 0) {
		fprintf(stderr, "wdilog: %s: ", what);
		wdl_escape_str(stderr, WDL_ESC_TEXT, err.message);
		fputc('\n', stderr);
		return EXIT_TROUBLE;
	}
	return 0;
}

static int gate_error(const char *option, const wdilog_error *err)
{
	return cli_usage_error("%s: %s", option, err->message);
}

static int build_gate(struct run *run)
{
	const struct cli_args *a = &run->args;
	wdilog_error err = { 0 };
	if (wdilog_gate_new(&run->gate, &err) < 0)
		return cli_usage_error("out of memory");
	for (size_t i = 0; i < a->nfail_on; i++)
		if (wdilog_gate_fail_on(run->gate, a->fail_on[i], &err) < 0)
			return gate_error("--fail-on", &err);
	for (size_t i = 0; i < a->nallow; i++)
		if (wdilog_gate_allow(run->gate, a->allow[i], &err) < 0)
			return gate_error("--allow", &err);
	for (int i = 0; i < CLI_LIMITS; i++) {
		/* --strict sets what is not given; --fail-on without a limit
		 * or a baseline to apply it to means "none of these" */
		bool implied = a->strict ||
			       (i == WDILOG_LIMIT_FAILURES && a->nfail_on &&
				!a->baseline);
		if (a->limit_set[i])
			wdilog_gate_set_limit(run->gate, (wdilog_gate_limit)i,
					      a->limit[i]);
		else if (implied)
			wdilog_gate_set_limit(run->gate, (wdilog_gate_limit)i, 0);
	}
	/* --strict also fails on what the capture says it lost */
	if (a->strict)
		wdilog_gate_set_limit(run->gate, WDILOG_LIMIT_LOST, 0);
	for (int i = 0; i < CLI_MINIMA; i++)
		if (a->min_set[i])
			wdilog_gate_set_minimum(run->gate, (wdilog_gate_minimum)i,
						a->min[i]);
	/* --strict: a run that read nothing has nothing to judge */
	if (a->strict && !a->min_set[WDILOG_MIN_EVENTS])
		wdilog_gate_set_minimum(run->gate, WDILOG_MIN_EVENTS, 1);
	if (a->tolerance &&
	    wdilog_gate_set_tolerance(run->gate, a->tolerance, &err) < 0)
		return gate_error("--tolerance", &err);
	/* the attempt rules need the WLAN-AutoConfig events read whole */
	if (a->min_success_rate &&
	    wdilog_gate_set_min_success_rate(run->gate, a->min_success_rate,
					     &err) < 0)
		return gate_error("--min-success-rate", &err);
	if (a->max_failed_attempts_set)
		wdilog_gate_set_limit(run->gate, WDILOG_LIMIT_FAILED_ATTEMPTS,
				      a->max_failed_attempts);
	if (a->min_success_rate || a->max_failed_attempts_set)
		run->opts.attempt_signals = true;
	if (a->baseline) {
		int rc = load_report(run, "--baseline", a->baseline, &run->baseline);
		if (rc)
			return rc;
		wdilog_gate_set_baseline(run->gate, run->baseline);
		/* ... and so does a baseline with attempt figures */
		if (wdilog_report_attempts(run->baseline, NULL))
			run->opts.attempt_signals = true;
	}
	return 0;
}

static void print_check(const wdilog_gate_check *c)
{
	char line[512];
	wdilog_gate_check_describe(c, line, sizeof(line));
	fputs(c->scope ? "wdilog: gate: baseline: " : "wdilog: gate: ", stderr);
	wdl_escape_str(stderr, WDL_ESC_TEXT, line);
	fputs(c->passed ? ": passed\n" : ": FAILED\n", stderr);
}

/* The verdict on standard error, where a CI log shows it next to the
 * exit status: each failed rule, then one line. */
static void print_verdict(const struct run *run)
{
	if (run->args.quiet || !wdilog_report_gate_asked(run->report))
		return;
	const wdilog_gate_check *checks;
	size_t n = wdilog_report_gate_checks(run->report, &checks), shown = 0;
	size_t failed = 0;
	for (size_t i = 0; i < n; i++) {
		if (checks[i].passed)
			continue;
		if (failed++ < VERDICT_SHOWN) {
			print_check(&checks[i]);
			shown++;
		}
	}
	if (failed > shown)
		fprintf(stderr, "wdilog: gate: %zu more failed check%s in the reports\n",
			failed - shown, failed - shown == 1 ? "" : "s");
	if (failed)
		fprintf(stderr, "wdilog: gate FAILED (%zu of %zu check%s failed)\n",
			failed, n, n == 1 ? "" : "s");
	else
		fprintf(stderr, "wdilog: gate passed (%zu check%s)\n", n,
			n == 1 ? "" : "s");
}

/* A gate over a run that read no input (an empty directory, a capture
 * that failed) would pass on no evidence: that is an error, not a pass. */
static bool nothing_to_judge(const struct run *run)
{
	if (run->args.command != CMD_ANALYZE ||
	    !wdilog_report_gate_asked(run->report) || run->readable)
		return false;
	fputs("wdilog: gate: nothing to judge: no input could be read\n", stderr);
	return true;
}

static int write_reports(struct run *run)
{
	struct cli_report_ctx ctx = { run->report, run->args.color };
	int status = 0;
	for (size_t i = 0; i < run->args.noutputs; i++) {
		/* the event stream was written while reading */
		if (run->args.outputs[i].format == FORMAT_EVENTS ||
		    run->args.outputs[i].format == FORMAT_ATTEMPTS ||
		    run->args.outputs[i].format == FORMAT_ATTEMPT_LINES)
			continue;
		if (cli_write(&run->args.outputs[i], cli_render_report, &ctx))
			status = EXIT_TROUBLE;
	}
	return status;
}

/* No operand and standard input is a terminal: the user most likely
 * forgot the input, and waiting silently on the terminal would look like
 * a hang. "wdilog -" still reads it; a pipe is read as always. */
static int no_input_hint(void)
{
	fputs("wdilog: no input: give a FILE or DIR, or pipe a trace in "
	      "('wdilog -' reads the terminal)\n"
	      "Try 'wdilog --help' for more information.\n", stderr);
	return EXIT_TROUBLE;
}

static void flush_diags(struct run *run)
{
	if (!run->args.quiet)
		cli_diags_flush(&run->diags, stderr, print_diag);
}

static int analyze(struct run *run)
{
	if (run->args.ninputs == 0 && isatty(STDIN_FILENO))
		return no_input_hint();
	/* a bad --key is a usage error, found before reading anything */
	wdilog_error err = { 0 };
	wdilog_reader *probe;
	if (wdilog_reader_open_memory(&probe, "", 0, "-", &run->opts, &err) < 0)
		return cli_usage_error("%s", err.message);
	wdilog_reader_free(probe);
	int rc = setup_report(run);
	if (rc)
		return rc;
	rc = run_inputs(run);
	if (rc)
		return rc;
	flush_diags(run);
	return 0;
}

static int merge(struct run *run)
{
	for (size_t i = 0; i < run->args.ninputs; i++) {
		wdilog_report *part;
		int rc = load_report(run, "merge", run->args.inputs[i], &part);
		if (rc)
			return rc;
		wdilog_error err = { 0 };
		rc = wdilog_report_merge(run->report, part, &err);
		wdilog_report_free(part);
		if (rc < 0) {
			/* a sum past 2^63-1 names its member; else memory */
			fputs("wdilog: merge: ", stderr);
			wdl_escape_str(stderr, WDL_ESC_TEXT, run->args.inputs[i]);
			fputs(": ", stderr);
			wdl_escape_str(stderr, WDL_ESC_TEXT,
				       err.message[0] ? err.message : "out of memory");
			fputc('\n', stderr);
			return EXIT_TROUBLE;
		}
	}
	return 0;
}

struct diff_ctx {
	wdilog_report *a, *b;
	const char *an, *bn;
};

static int render_diff(FILE *out, bool to_file, const struct cli_output *o,
		       void *payload, wdilog_error *err)
{
	(void)to_file;  /* a comparison has no colour */
	const struct diff_ctx *d = payload;
	wdilog_diff_format f = o->format == FORMAT_JSON ? WDILOG_DIFF_JSON
			       : o->format == FORMAT_MARKDOWN ? WDILOG_DIFF_MARKDOWN
			       : WDILOG_DIFF_TEXT;
	return wdilog_report_render_diff(d->a, d->an, d->b, d->bn, f, out, err);
}

static int diff(struct run *run)
{
	struct diff_ctx d = { .an = run->args.inputs[0], .bn = run->args.inputs[1] };
	int rc = load_report(run, "diff", d.an, &d.a);
	if (!rc)
		rc = load_report(run, "diff", d.bn, &d.b);
	for (size_t i = 0; !rc && i < run->args.noutputs; i++)
		if (cli_write(&run->args.outputs[i], render_diff, &d))
			rc = EXIT_TROUBLE;
	/* as diff(1) and cmp(1): 1 when the reports differ */
	if (!rc && wdilog_report_differs(d.a, d.b))
		rc = EXIT_GATE_FAILED;
	wdilog_report_free(d.a);
	wdilog_report_free(d.b);
	return rc;
}

static bool streams_to_stdout(const struct cli_args *a)
{
	for (size_t i = 0; i < a->noutputs; i++) {
		const struct cli_output *o = &a->outputs[i];
		if ((o->format == FORMAT_EVENTS || o->format == FORMAT_ATTEMPTS ||
		     o->format == FORMAT_ATTEMPT_LINES) &&
		    (!o->path || strcmp(o->path, "-") == 0))
			return true;
	}
	return false;
}

int main(int argc, char **argv)
{
	struct run run = { .status = EXIT_DONE };
	int rc = cli_parse_args(&run.args, argc, argv);
	if (rc) {
		cli_args_dispose(&run.args);
		return rc;
	}
	/* before anything is written to it; a stream read while it is
	 * written (--events -) keeps stdio's blocks */
	static char stdout_buffer[CLI_OUTPUT_BUFFER];
	if (!streams_to_stdout(&run.args))
		cli_output_buffered(stdout, stdout_buffer);
	if (run.args.help || run.args.version) {
		rc = run.args.help ? cli_help(stdout) : cli_version(stdout);
		cli_args_dispose(&run.args);
		return rc;
	}
	/* two -o to one file: one would overwrite the other */
	rc = cli_check_outputs(run.args.outputs, run.args.noutputs);
	if (rc) {
		cli_args_dispose(&run.args);
		return rc;
	}
	wdilog_options_init(&run.opts);
	run.opts.keys = run.args.keys;
	run.opts.nkeys = run.args.nkeys;
	run.opts.day_first = run.args.day_first;
	run.opts.month_first = run.args.month_first;
	run.opts.full_parse = run.args.full_parse;
	run.opts.max_bytes = run.args.max_bytes;
	run.opts.bucket_seconds = run.args.bucket_seconds;
	run.opts.burst_failures = run.args.burst_failures;
	run.opts.burst_seconds = run.args.burst_seconds;
	run.opts.attempt_idle_ms = run.args.attempt_idle_ms;
	run.opts.retry_window_ms = run.args.retry_window_ms;
	run.opts.attempts_in_report = run.args.with_attempts;
	run.opts.diag = on_diag;
	run.opts.diag_payload = &run;
	cli_diags_init(&run.diags, DIAG_SHOWN);

	if (run.args.command == CMD_DIFF) {
		rc = diff(&run);
		cli_args_dispose(&run.args);
		return rc;
	}
	wdilog_error err = { 0 };
	if (wdilog_report_new(&run.report, &run.opts, &err) < 0) {
		fputs("wdilog: out of memory\n", stderr);
		cli_args_dispose(&run.args);
		return EXIT_TROUBLE;
	}
	rc = build_gate(&run);
	if (!rc)
		rc = run.args.command == CMD_MERGE ? merge(&run) : analyze(&run);
	if (close_streams(&run, rc == 0))
		run.status = EXIT_TROUBLE;
	if (rc)
		goto out;
	if (run.skipped_reports && !run.args.quiet)
		fprintf(stderr, "wdilog: skipped %lu wdilog report%s found in directories\n",
			run.skipped_reports, run.skipped_reports == 1 ? "" : "s");
	if (wdilog_report_evaluate(run.report, run.gate, &err) < 0) {
		fputs("wdilog: out of memory\n", stderr);
		rc = EXIT_TROUBLE;
		goto out;
	}
	/* every report is written whatever the verdict; the verdict comes
	 * last, where a CI log ends */
	if (write_reports(&run))
		run.status = EXIT_TROUBLE;
	if (nothing_to_judge(&run))
		run.status = EXIT_TROUBLE;
	else
		print_verdict(&run);
	rc = run.status;
	if (rc == EXIT_DONE && !wdilog_report_gate_passed(run.report))
		rc = EXIT_GATE_FAILED;
out:
	flush_diags(&run);
	cli_diags_dispose(&run.diags);
	close_streams(&run, false);
	wdilog_report_free(run.report);
	wdilog_report_free(run.baseline);
	wdilog_gate_free(run.gate);
	cli_args_dispose(&run.args);
	return rc;
}
