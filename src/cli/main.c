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
	unsigned long skipped_reports;
	int status;
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
		char *copy = NULL;
		if (!items) {
			l->oom = true;
			return WDILOG_ENOMEM;
		}
		l->items = items;
		l->cap = cap;
		(void)copy;
	}
	char *copy = strdup(path);
	if (!copy) {
		l->oom = true;
		return WDILOG_ENOMEM;
	}
	l->items[l->n++] = (wdilog_path){ copy,
					  strcmp(path, l->operand) != 0 };
	return 0;
}

/* An input that cannot be read is reported and listed; the others are
 * still analyzed. */
static void input_done(const char *path, int status, const wdilog_error *err,
		       void *payload)
{
	struct run *run = payload;
	if (status == WDILOG_DONE) {
		/* our own output kept beside the logs is not a trace */
		run->skipped_reports++;
		return;
	}
	if (status >= 0)
		return;
	run->status = EXIT_TROUBLE;
	if (!run->args.quiet && err) {
		wdilog_error shown = *err;
		shown.input = path;
		print_diag(&shown);
	}
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
		if (wdilog_walk(inputs[i], add_path, &list, &err) < 0 && !list.oom) {
			/* the operand itself cannot be examined: listed unreadable */
			err.input = inputs[i];
			if (!run->args.quiet)
				print_diag(&err);
			run->status = EXIT_TROUBLE;
			wdilog_report_add_unreadable(run->report, inputs[i], &err, NULL);
		}
	}
	if (!list.oom) {
		wdilog_error err = { 0 };
		if (wdilog_report_read_paths(run->report, list.items, list.n,
					     run->args.jobs, &run->opts,
					     input_done, run, &err) < 0)
			list.oom = true;
	}
	if (list.oom) {
		fputs("wdilog: out of memory\n", stderr);
		rc = EXIT_TROUBLE;
	}
	for (size_t i = 0; i < list.n; i++)
		free((char *)list.items[i].path);
	free(list.items);
	return rc;
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

	rc = run_inputs(&run);
	if (rc)
		goto out;
	if (run.skipped_reports && !run.args.quiet)
		fprintf(stderr, "wdilog: skipped %lu wdilog report%s found in directories\n",
			run.skipped_reports, run.skipped_reports == 1 ? "" : "s");
	if (run.diags > DIAG_SHOWN && !run.args.quiet)
		fprintf(stderr, "wdilog: %lu more diagnostics not shown\n",
			run.diags - DIAG_SHOWN);
	for (size_t i = 0; i < run.args.noutputs; i++)
		if (cli_write_output(run.report, &run.args.outputs[i],
				     run.args.color))
			run.status = EXIT_TROUBLE;
	rc = run.status;
out:
	wdilog_report_free(run.report);
	cli_args_dispose(&run.args);
	return rc;
}
