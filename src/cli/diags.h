/* Diagnostics of a run, shown the same way whatever --jobs: the most
 * serious first (damaged events, inputs cut short, other warnings, then
 * unreadable values), in input order within each, at most a fixed number
 * in full; the rest are counted by kind. Threads may deliver them in any
 * order, so none is printed until reading ends. */
#ifndef CLI_DIAGS_H
#define CLI_DIAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <wdilog/wdilog.h>

/* How serious a diagnostic is, most first; also its kind's name. */
enum cli_diag_rank {
	CLI_DIAG_DAMAGED,
	CLI_DIAG_TRUNCATED,
	CLI_DIAG_WARNING,
	CLI_DIAG_MALFORMED,
	CLI_DIAG_RANKS
};

struct cli_diag {
	wdilog_error e;             /* input points to name below */
	char *name;                 /* owned copy of the input; NULL if none */
	size_t input;               /* position among the inputs */
	enum cli_diag_rank rank;
};

struct cli_diags {
	struct cli_diag *kept;      /* the best `cap` so far, best first */
	size_t nkept, cap;
	unsigned long counts[CLI_DIAG_RANKS];
	/* the inputs in order (borrowed), and their positions sorted by
	 * name for lookup: made at the first lookup (most runs have no
	 * diagnostic, and the index of 10,000 paths took a millisecond) */
	const wdilog_path *inputs;
	size_t ninputs;
	size_t *order;
	bool oom;
};

/* @p cap diagnostics are shown in full. */
void cli_diags_init(struct cli_diags *d, size_t cap);

/* The inputs in reading order, so a diagnostic can be placed by its
 * input; borrowed until the next call (n = 0 to forget them). */
void cli_diags_set_inputs(struct cli_diags *d, const wdilog_path *inputs,
			  size_t n);

void cli_diags_add(struct cli_diags *d, const wdilog_error *e);

/* Print the kept diagnostics with @p print, then one line counting the
 * rest by kind, and forget them all. */
void cli_diags_flush(struct cli_diags *d, FILE *out,
		     void (*print)(const wdilog_error *e));

void cli_diags_dispose(struct cli_diags *d);

#endif
