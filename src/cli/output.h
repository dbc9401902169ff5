/* Writing a report to standard output or, atomically, to a file. */
#ifndef WDILOG_CLI_OUTPUT_H
#define WDILOG_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include <wdilog/wdilog.h>

#include "args.h"

/* Writes one output to @p out; @p to_file is false for a terminal or
 * pipe. Returns a wdilog_status. */
typedef int (*cli_render_fn)(FILE *out, bool to_file,
			     const struct cli_output *o, void *ctx,
			     wdilog_error *err);

/* Call @p render for @p o. A file is written to a temporary name in the
 * same directory and renamed over PATH only when complete, so a failed run
 * never leaves a report that looks whole. Returns 0 or EXIT_TROUBLE (with a
 * message on stderr). */
int cli_write(const struct cli_output *o, cli_render_fn render, void *ctx);

/* What cli_render_report renders. */
struct cli_report_ctx {
	const wdilog_report *report;
	enum cli_color color;
};

/* A cli_render_fn for a report in any format; @p ctx is a
 * struct cli_report_ctx. */
int cli_render_report(FILE *out, bool to_file, const struct cli_output *o,
		      void *ctx, wdilog_error *err);

/* An output written while the inputs are read: the event stream. */
struct cli_stream {
	const struct cli_output *o;
	FILE *f;                    /* stdout, or the temporary file */
	char *tmp;                  /* its name, or NULL for stdout */
};

/* Open @p o for streaming (a file is written under a temporary name).
 * Returns 0 or EXIT_TROUBLE with a message on stderr. */
int cli_stream_open(struct cli_stream *s, const struct cli_output *o);

/* Finish: rename the file into place if @p ok, else remove it. Returns 0
 * or EXIT_TROUBLE with a message on stderr. */
int cli_stream_close(struct cli_stream *s, bool ok);

/* Print @p s to @p out with control characters escaped. */
void cli_put_safe(FILE *out, const char *s);

#endif
