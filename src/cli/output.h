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

/* Call @p render for @p o. A regular file (new or existing, also behind a
 * symbolic link) is written to a temporary name in its directory and
 * renamed over it only when complete, so a failed run never leaves a
 * report that looks whole; an existing file keeps its mode, a new one gets
 * 0666 less the umask. A device, FIFO or socket (and /dev/stdout, a link
 * into /proc) is written through, never replaced. Returns 0 or
 * EXIT_TROUBLE (with a message on stderr). */
int cli_write(const struct cli_output *o, cli_render_fn render, void *ctx);

/* Output that is not a terminal goes out in blocks of this size, not
 * stdio's 4 KiB: a report of 10,000 inputs is 5 MB, and the JSON
 * writer's 16 KiB pieces each went out as two system calls. Call before
 * anything is written to @p f (a terminal keeps its line buffering). */
#define CLI_OUTPUT_BUFFER (64 * 1024)
/* Give @p f a buffer of CLI_OUTPUT_BUFFER bytes, @p buf or (NULL) one it
 * allocates; returns the allocated one, to free after fclose (NULL: none
 * allocated, and the FILE keeps its own). */
char *cli_output_buffered(FILE *f, char *buf);

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
	FILE *f;                    /* stdout, the temporary file, or the
				       target written through */
	char *tmp;                  /* the temporary's name, or NULL */
	const char *final;          /* what tmp is renamed over */
	char *resolved;             /* owned: a symbolic link's target */
	char *buf;                  /* owned: f's buffer, freed after it */
	bool sync;                  /* a regular file: fsync before closing */
	bool failed;                /* a write failed, already reported */
	bool headed;                /* --by attempt: the heading is out */
};

/* Two outputs naming one file (the same path, or two names of one file
 * or of one not yet created) are a usage error: one would overwrite the
 * other. Returns 0, or EXIT_TROUBLE with the usage message on stderr. */
int cli_check_outputs(const struct cli_output *o, size_t n);

/* Open @p o for streaming (a file is written as cli_write does).
 * Returns 0 or EXIT_TROUBLE with a message on stderr. */
int cli_stream_open(struct cli_stream *s, const struct cli_output *o);

/* Finish: rename the file into place if @p ok, else remove it. Returns 0
 * or EXIT_TROUBLE with a message on stderr. */
int cli_stream_close(struct cli_stream *s, bool ok);

#endif
