/* The CLI's help and version text. */
#ifndef WDILOG_CLI_USAGE_H
#define WDILOG_CLI_USAGE_H

#include <stdio.h>

/* Exit statuses, one place (also listed in --help and wdilog.1). */
enum {
	EXIT_DONE = 0,          /* report written; gate passed or none asked */
	EXIT_GATE_FAILED = 1,
	EXIT_TROUBLE = 2        /* usage error, unreadable input, failed write */
};

int cli_help(FILE *out);
int cli_version(FILE *out);
/* Print "wdilog: MESSAGE" and the --help hint to stderr; returns 2. */
int cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif
