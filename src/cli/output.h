/* Writing a report to standard output or, atomically, to a file. */
#ifndef WDILOG_CLI_OUTPUT_H
#define WDILOG_CLI_OUTPUT_H

#include <stdio.h>

#include <wdilog/wdilog.h>

#include "args.h"

/* Render @p rep as @p o asks. A file is written to a temporary name in the
 * same directory and renamed over PATH only when complete, so a failed run
 * never leaves a report that looks whole. Returns 0 or EXIT_TROUBLE (with a
 * message on stderr). */
int cli_write_output(const wdilog_report *rep, const struct cli_output *o,
		     enum cli_color color);

/* Print @p s to @p out with control characters escaped. */
void cli_put_safe(FILE *out, const char *s);

#endif
