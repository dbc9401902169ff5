/* The CLI's options, parsed from argv. */
#ifndef WDILOG_CLI_ARGS_H
#define WDILOG_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cli_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_HTML, FORMAT_EVENTS };

enum cli_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* One report to write: a format and a path (NULL: standard output). */
struct cli_output {
	enum cli_format format;
	const char *path;
	bool by_peer;               /* text: add the per-peer table */
};

#define CLI_MAX_OUTPUTS 8

struct cli_args {
	const char **keys;          /* --key values, borrowed from argv */
	size_t nkeys;
	bool day_first;
	bool full_parse;
	uint32_t bucket_seconds;
	enum cli_color color;
	bool quiet;
	struct cli_output outputs[CLI_MAX_OUTPUTS];
	size_t noutputs;
	/* the post-mortem report: window, peers, bursts, event stream */
	const char *since, *until;  /* --since/--until, borrowed */
	bool by_peer;               /* --by=peer */
	uint32_t burst_failures;    /* --burst=N/WIDTH; 0 = library default */
	uint32_t burst_seconds;
	bool events;                /* --events */
	char **inputs;              /* operands, borrowed from argv */
	size_t ninputs;
	bool help, version;
};

/* Parse; on a usage error prints one line and the hint to stderr and
 * returns 2. Returns 0 otherwise. */
int cli_parse_args(struct cli_args *a, int argc, char **argv);
void cli_args_dispose(struct cli_args *a);

#endif
