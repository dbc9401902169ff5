/* wdilog, the command: parse options, open each input, feed one report,
 * write the reports, pick the exit status. Uses only <wdilog/wdilog.h>. */
#include <stdlib.h>
#include <string.h>

#include <wdilog/wdilog.h>

#include "args.h"
#include "output.h"
#include "usage.h"

/* Diagnostics shown in full before the rest are only counted: enough to
 * see a pattern, few enough not to bury the report. */
#define DIAG_SHOWN 20

struct run {
	struct cli_args args;
	wdilog_options opts;
	wdilog_report *report;
	unsigned long diags;
	const char *operand;        /* the command-line input being read */
	unsigned long skipped_reports;
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
		cli_put_safe(stderr, d->input);
		if (d->line)
			fprintf(stderr, ":%llu", (unsigned long long)d->line);
		fputs(": ", stderr);
	}
	cli_put_safe(stderr, d->message);
	fputc('\n', stderr);
}

static void on_diag(const wdilog_error *d, void *payload)
{
	struct run *run = payload;
	if (++run->diags <= DIAG_SHOWN && !run->args.quiet)
		print_diag(d);
}

/* An input that cannot be read is reported and listed; the others are
 * still analyzed. */
static void input_failed(struct run *run, const char *path,
			 const wdilog_error *err)
{
	wdilog_error shown = *err;
	shown.input = path;
	if (!run->args.quiet)
		print_diag(&shown);
	run->status = EXIT_TROUBLE;
	wdilog_error ignore;
	if (wdilog_report_add_unreadable(run->report, path, err, &ignore) < 0)
		run->status = EXIT_TROUBLE;
}

/* True when @p path was found inside a directory operand. */
static bool walking_directory(const struct run *run, const char *path)
{
	return strcmp(path, run->operand) != 0;
}

static int read_one(const char *path, const wdilog_error *problem,
		    void *payload)
{
	struct run *run = payload;
	if (problem) {
		/* passed over inside a directory: a warning, not a failure */
		on_diag(problem, run);
		return 0;
	}
	wdilog_reader *r;
	wdilog_error err = { 0 };
	if (wdilog_reader_open_path(&r, path, &run->opts, &err) < 0) {
		input_failed(run, path, &err);
		return 0;
	}
	if (walking_directory(run, path) && wdilog_reader_is_report(r)) {
		/* our own output kept beside the logs is not a trace */
		run->skipped_reports++;
		wdilog_reader_free(r);
		return 0;
	}
	int rc = wdilog_report_read(run->report, r, &err);
	if (rc < 0) {
		wdilog_error shown = err;
		shown.input = path;
		if (!run->args.quiet)
			print_diag(&shown);
		run->status = EXIT_TROUBLE;
	}
	wdilog_reader_free(r);
	return rc == WDILOG_ENOMEM ? rc : 0;
}

static int on_event(const wdilog_event *ev, const char *input, void *payload)
{
	struct run *run = payload;
	for (size_t i = 0; i < run->nstreams; i++) {
		if (wdilog_event_render_json(ev, input, run->streams[i].f,
					     NULL) < 0) {
			run->stream_failed = true;
			return WDILOG_EIO;
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
		if (o->format != FORMAT_EVENTS)
			continue;
		if (cli_stream_open(&run->streams[run->nstreams], o))
			return EXIT_TROUBLE;
		run->nstreams++;
	}
	if (run->nstreams)
		wdilog_report_on_event(run->report, on_event, run);
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

static int run_inputs(struct run *run)
{
	static char *const stdin_only[] = { "-" };
	char *const *inputs = run->args.ninputs ? run->args.inputs : stdin_only;
	size_t n = run->args.ninputs ? run->args.ninputs : 1;
	for (size_t i = 0; i < n; i++) {
		wdilog_error err = { 0 };
		run->operand = inputs[i];
		int rc = wdilog_walk(inputs[i], read_one, run, &err);
		if (rc == WDILOG_ENOMEM) {
			fputs("wdilog: out of memory\n", stderr);
			return EXIT_TROUBLE;
		}
		if (rc < 0)
			input_failed(run, inputs[i], &err);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct run run = { .status = EXIT_DONE };
	int rc = cli_parse_args(&run.args, argc, argv);
	if (rc) {
		cli_args_dispose(&run.args);
		return rc;
	}
	if (run.args.help || run.args.version) {
		rc = run.args.help ? cli_help(stdout) : cli_version(stdout);
		cli_args_dispose(&run.args);
		return rc;
	}
	wdilog_options_init(&run.opts);
	run.opts.keys = run.args.keys;
	run.opts.nkeys = run.args.nkeys;
	run.opts.day_first = run.args.day_first;
	run.opts.full_parse = run.args.full_parse;
	run.opts.bucket_seconds = run.args.bucket_seconds;
	run.opts.burst_failures = run.args.burst_failures;
	run.opts.burst_seconds = run.args.burst_seconds;
	run.opts.diag = on_diag;
	run.opts.diag_payload = &run;

	wdilog_error err = { 0 };
	if (wdilog_report_new(&run.report, &run.opts, &err) < 0) {
		fputs("wdilog: out of memory\n", stderr);
		cli_args_dispose(&run.args);
		return EXIT_TROUBLE;
	}
	/* a bad --key is a usage error, found before reading anything */
	wdilog_reader *probe;
	if (wdilog_reader_open_memory(&probe, "", 0, "-", &run.opts, &err) < 0) {
		rc = cli_usage_error("%s", err.message);
		goto out;
	}
	wdilog_reader_free(probe);
	rc = setup_report(&run);
	if (rc)
		goto out;

	rc = run_inputs(&run);
	if (close_streams(&run, rc == 0))
		run.status = EXIT_TROUBLE;
	if (rc)
		goto out;
	if (run.skipped_reports && !run.args.quiet)
		fprintf(stderr, "wdilog: skipped %lu wdilog report%s found in directories\n",
			run.skipped_reports, run.skipped_reports == 1 ? "" : "s");
	if (run.diags > DIAG_SHOWN && !run.args.quiet)
		fprintf(stderr, "wdilog: %lu more diagnostics not shown\n",
			run.diags - DIAG_SHOWN);
	for (size_t i = 0; i < run.args.noutputs; i++)
		if (run.args.outputs[i].format != FORMAT_EVENTS &&
		    cli_write_output(run.report, &run.args.outputs[i],
				     run.args.color))
			run.status = EXIT_TROUBLE;
	rc = run.status;
out:
	close_streams(&run, false);
	wdilog_report_free(run.report);
	cli_args_dispose(&run.args);
	return rc;
}
