/* The CLI's options, parsed from argv. */
#ifndef WDILOG_CLI_ARGS_H
#define WDILOG_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cli_format {
	FORMAT_TEXT, FORMAT_JSON, FORMAT_JUNIT, FORMAT_MARKDOWN, FORMAT_GITHUB,
	FORMAT_HTML, FORMAT_EVENTS,
	FORMAT_ATTEMPTS,            /* --attempts: JSON Lines while reading */
	FORMAT_ATTEMPT_LINES        /* --by attempt: a line per attempt */
};

/* What the run does: read traces, merge reports, or compare two. */
enum cli_command { CMD_ANALYZE, CMD_MERGE, CMD_DIFF };

/* The gate limits, in the library's order (wdilog_gate_limit). */
#define CLI_LIMITS 3

/* The evidence minimums, in the library's order (wdilog_gate_minimum). */
#define CLI_MINIMA 2

/* --jobs at most: the library's thread cap (JOBS_MAX in
 * src/report/read_paths.c), which the CLI cannot include. */
#define CLI_JOBS_MAX 64

/* --width: the text report's layouts need 72 columns (the library's
 * WDL_TEXT_WIDTH_MIN and _MAX, which the CLI cannot include). */
#define CLI_WIDTH_MIN 72
#define CLI_WIDTH_MAX 1000

enum cli_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* One report to write: a format and a path (NULL: standard output). */
struct cli_output {
	enum cli_format format;
	const char *path;
	bool by_peer;               /* text: add the per-peer table */
	unsigned width;             /* text: --width, 0 = ask (output.c) */
};

#define CLI_MAX_OUTPUTS 8

struct cli_args {
	enum cli_command command;
	const char **keys;          /* --key values, borrowed from argv */
	size_t nkeys;
	bool day_first;
	bool month_first;
	bool full_parse;
	unsigned walk_flags;         /* WDILOG_WALK_* for directories */
	uint32_t bucket_seconds;
	enum cli_color color;
	bool quiet;
	unsigned jobs;              /* threads; 0 = one per core */
	const char **fail_on;       /* --fail-on lists, borrowed from argv */
	size_t nfail_on;
	const char **allow;         /* --allow lists, borrowed from argv */
	size_t nallow;
	bool limit_set[CLI_LIMITS]; /* --max-failures, -malformed, -damaged */
	uint64_t limit[CLI_LIMITS];
	bool min_set[CLI_MINIMA];   /* --min-events, --min-statuses */
	uint64_t min[CLI_MINIMA];
	bool strict;
	const char *baseline;       /* --baseline path */
	const char *tolerance;      /* --tolerance text */
	const char *min_success_rate; /* --min-success-rate text */
	bool max_failed_attempts_set; /* --max-failed-attempts */
	uint64_t max_failed_attempts;
	struct cli_output outputs[CLI_MAX_OUTPUTS];
	size_t noutputs;
	/* the post-mortem report: window, peers, bursts, event stream */
	const char *since, *until;  /* --since/--until, borrowed */
	bool by_peer;               /* --by=peer */
	uint32_t burst_failures;    /* --burst=N/WIDTH; 0 = library default */
	uint32_t burst_seconds;
	bool events;                /* --events */
	uint64_t max_bytes;         /* --max-bytes; 0 = no limit */
	bool attempts;              /* --attempts */
	bool by_attempt;            /* --by=attempt */
	bool with_attempts;         /* --with-attempts */
	uint32_t attempt_idle_ms;   /* --attempt-idle; 0 = library default */
	uint32_t retry_window_ms;   /* --retry-window; 0 = library default */
	char **inputs;              /* operands, borrowed from argv */
	size_t ninputs;
	bool help, version;
	unsigned width;             /* --width; 0 = COLUMNS, the terminal, 80 */
};

/* Parse; on a usage error prints one line and the hint to stderr and
 * returns 2. Returns 0 otherwise. A first operand "merge" or "diff"
 * selects that command (write ./merge for a file of that name). */
int cli_parse_args(struct cli_args *a, int argc, char **argv);
void cli_args_dispose(struct cli_args *a);

/* The word of @p words (@p n of them) that @p word's first @p len bytes
 * are a slip away from (a letter or two off), or NULL: for "did you
 * mean" hints. */
const char *cli_suggest(const char *word, size_t len,
			const char *const *words, size_t n);

#endif
