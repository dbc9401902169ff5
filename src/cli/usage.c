/* Help and version text. Kept under 80 columns; every long option here is
 * also in doc/wdilog.1 (a test checks). */
#include "usage.h"

#include <stdarg.h>

#include <wdilog/wdilog.h>

#include "util/escape.h"

static const char help_text[] =
"Usage: wdilog [OPTION]... [FILE|DIR]...\n"
"  or:  wdilog merge [OPTION]... REPORT.json...\n"
"  or:  wdilog diff [OPTION]... BEFORE.json AFTER.json\n"
"Count and classify WDI association statuses in decoded Windows Wi-Fi\n"
"driver traces (tracefmt/netsh text, tracerpt/wevtutil XML, event log text).\n"
"\n"
"With no FILE, read standard input when it is a pipe or file (on a\n"
"terminal, print a hint instead); FILE - reads it always. A DIR is read\n"
"recursively in name order. gzip, UTF-16 and the format are detected.\n"
"merge adds JSON reports up exactly, as if one run had read all their\n"
"inputs; diff compares two JSON reports.\n"
"\n"
"Input:\n"
"  -k, --key=NAME        also read NAME as a status key (repeatable)\n"
"      --day-first       read NN/NN/YYYY dates as day/month/year\n"
"      --month-first     read them as month/day/year (default: told per\n"
"                        input; a first field above 12 means day-first)\n"
"      --full-parse      run every line and event through the full rules\n"
"                        (slow; for checking the fast path)\n"
"      --cross-file-systems  enter directories on other file systems\n"
"      --follow-links    follow links to directories outside a DIR\n"
"  -j, --jobs=N          read with N threads (default: one per core)\n"
"      --max-bytes=SIZE  read at most SIZE bytes of each input (suffix K,\n"
"                        M, G, T: KiB...); a longer one is cut, with an\n"
"                        error (an endless input such as /dev/zero)\n"
;

/* the rest, apart: one string literal may hold at most 4095 characters */
static const char help_text_output[] =
"Output:\n"
"  -f, --format=FMT      text (default), json, junit, markdown, github,\n"
"                        html or events, any case; applies to the -o that\n"
"                        follows it, or to standard output (merge: json\n"
"                        by default; diff: text, json or markdown)\n"
"      --json            same as --format=json\n"
"  -o, --output=PATH     write the report to PATH (replaced atomically);\n"
"                        repeat -f FMT -o PATH for several reports from one\n"
"                        pass over the input (at most 8); with no -f, the\n"
"                        extension picks: .json, .jsonl (events), .xml\n"
"                        (junit), .md, .html, .txt\n"
"      --bucket=WIDTH    timeline bucket width, e.g. 10s, 1m, 1h\n"
"                        (default: chosen from the capture's span)\n"
"      --color=WHEN      colour the text report: auto, always, never\n"
"      --width=N         fit the text report in N columns (72 to 1000;\n"
"                        default: COLUMNS, else the terminal's width,\n"
"                        else 80; a report written with -o: 80)\n"
"  -q, --quiet           print no diagnostics or gate lines on stderr\n"
;

/* split so no string passes the 4095 bytes C11 compilers must support */
static const char help_text_report[] =
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
"      --by=attempt      list connection attempts, one line each, as they\n"
"                        end (text outputs become the list)\n"
"      --attempts        write every attempt and session as JSON Lines\n"
"                        while reading (json outputs become the stream)\n"
"      --with-attempts   add the attempt figures to the reports (text\n"
"                        ATTEMPTS section, JSON member \"attempts\")\n"
"      --attempt-idle=D  an attempt idle for D ends (default 30s)\n"
"      --retry-window=D  an attempt within D of a failed one is its retry\n"
"                        (default 60s)\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n"
"Gate (exit 1 if a rule fails; every report is still written):\n"
"      --max-failures=N  fail if more than N status records are counted\n"
"      --fail-on=LIST    count these: phases, kinds, codes and names, comma\n"
"                        separated, repeatable (default: failure,unknown);\n"
"                        without --max-failures or --baseline, it means\n"
"                        --max-failures=0\n"
"      --allow=LIST      never count these codes or names (repeatable)\n"
"      --max-malformed=N fail if more than N status values are unreadable\n"
"      --max-damaged=N   fail if more than N events are damaged or inputs\n"
"                        unreadable or cut short\n"
"      --min-events=N    fail if fewer than N events are read\n"
"      --min-statuses=N  fail if fewer than N status records are read\n"
"      --strict          the three limits above at 0 unless given,\n"
"                        --min-events=1 unless given, and fail if a\n"
"                        capture says it lost events\n"
"      --min-success-rate=PCT\n"
"                        fail unless at least PCT percent of connection\n"
"                        attempts succeed (95, 95% or 99.5%; 0.95 is\n"
"                        ambiguous and refused); no attempt fails\n"
"      --max-failed-attempts=N\n"
"                        fail if more than N attempts fail, drop or time\n"
"                        out\n"
"      --baseline=REPORT compare with an earlier JSON report: a counted\n"
"                        code it lacks, or a count above it by more than\n"
"                        the tolerance, fails (per code and per phase;\n"
"                        with its attempts, also attempts that did not\n"
"                        succeed and failures per attempt phase)\n"
"      --tolerance=N|N%  allowed rise over the baseline (default 0); when\n"
"                        event totals differ, counts are compared per\n"
"                        1,000 events and N is in that unit (attempts:\n"
"                        per 1,000 attempts when their numbers differ)\n"
"\n"
"Exit status:\n"
"  0  reports written; the gate passed or none was asked\n"
"  1  the gate failed (every report was still written); diff: the\n"
"     reports differ\n"
"  2  usage error, a report that is not wdilog/1 JSON, an input that\n"
"     could not be read, a gate with no readable input to judge, or a\n"
"     failed write (2 wins over 1)\n"
"\n"
"Environment:\n"
"  NO_COLOR  when set and not empty, colour only with --color=always\n"
"  COLUMNS   the text report's width on standard output (see --width)\n"
"\n"
"Diagnostics name the input and line: wdilog: PATH:LINE: message\n"
"The first 20 are shown in full, then only counted.\n";

int cli_help(FILE *out)
{
	fputs(help_text, out);
	fputs(help_text_output, out);
	fputs(help_text_report, out);
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
	/* the message quotes argv, which may hold escape sequences: format it
	 * first, then print it with control characters made visible */
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fputs("wdilog: ", stderr);
	wdl_escape_str(stderr, WDL_ESC_TEXT, msg);
	fputs("\nTry 'wdilog --help' for more information.\n", stderr);
	return EXIT_TROUBLE;
}
