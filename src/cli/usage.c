/* Help and version text. Kept under 80 columns; every long option here is
 * also in doc/wdilog.1 (a test checks). */
#include "usage.h"

#include <stdarg.h>

#include <wdilog/wdilog.h>

static const char help_text[] =
"Usage: wdilog [OPTION]... [FILE|DIR]...\n"
"Count and classify WDI association statuses in decoded Windows Wi-Fi\n"
"driver traces (tracefmt/netsh text, tracerpt/wevtutil XML, event log text).\n"
"\n"
"With no FILE, or when FILE is -, read standard input. A DIR is read\n"
"recursively in name order. gzip, UTF-16 and the format are detected.\n"
"\n"
"Input:\n"
"  -k, --key=NAME        also read NAME as a status key (repeatable)\n"
"      --day-first       read NN/NN/YYYY dates as day/month/year\n"
"      --full-parse      run every line and event through the full rules\n"
"                        (slow; for checking the fast path)\n"
"Output:\n"
"  -f, --format=FMT      report as text (default), json, html or events;\n"
"                        applies to the -o that follows it, or to\n"
"                        standard output\n"
"  -o, --output=PATH     write the report to PATH (replaced atomically)\n"
"      --bucket=WIDTH    timeline bucket width, e.g. 10s, 1m, 1h\n"
"                        (default: chosen from the capture's span)\n"
"      --color=WHEN      colour the text report: auto, always, never\n"
"Report:\n"
"      --since=TIME      count only status records at or after TIME:\n"
"                        hh:mm[:ss] on the capture's date, or\n"
"                        YYYY-MM-DD[Thh:mm[:ss]]\n"
"      --until=TIME      ...and before TIME (a time of day at or before\n"
"                        --since is on the next day); status records\n"
"                        without a time are then left out\n"
"      --by=peer         add the per-peer (BSSID) table to the text report\n"
"      --burst=N/WIDTH   a burst is N failures within WIDTH (default 5/10s)\n"
"      --events          write every status record as JSON Lines while\n"
"                        reading (json outputs become the event stream;\n"
"                        same as --format events)\n"
"  -q, --quiet           print no diagnostics on standard error\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n"
"\n"
"Exit status:\n"
"  0  report written (and any gate passed)\n"
"  1  a gate failed\n"
"  2  usage error, an input that could not be read, or a failed write\n"
"\n"
"Environment:\n"
"  NO_COLOR  when set and not empty, never colour the output\n"
"\n"
"Diagnostics name the input and line: wdilog: PATH:LINE: message\n"
"The first 20 are shown in full, then only counted.\n";

int cli_help(FILE *out)
{
	fputs(help_text, out);
	return fflush(out) == 0 && !ferror(out) ? EXIT_DONE : EXIT_TROUBLE;
}

int cli_version(FILE *out)
{
	fprintf(out, "wdilog %s (libwdilog %s, report schema %s)\n",
		WDILOG_CLI_VERSION, wdilog_version(), WDILOG_SCHEMA);
	return fflush(out) == 0 && !ferror(out) ? EXIT_DONE : EXIT_TROUBLE;
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("wdilog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'wdilog --help' for more information.\n", stderr);
	return EXIT_TROUBLE;
}
