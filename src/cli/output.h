/* Writing a report to standard output or, atomically, to a file. */
#ifndef WDILOG_CLI_OUTPUT_H
#define WDILOG_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include <wdilog/wdilog.h>

#include "args.h"

/* Render @p rep as @p o asks. A file is written to a temporary name in the
 * same directory and renamed over PATH only when complete, so a failed run
 * never leaves a report that looks whole. Returns 0 or EXIT_TROUBLE (with a
 * message on stderr). */
int cli_write_output(const wdilog_report *rep, const struct cli_output *o,
		     enum cli_color color);

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
