/* Command-line parsing with getopt_long. Only syntax is checked here;
 * whether inputs exist is the run's business. */
#include "args.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wdilog/walk.h>

#include "usage.h"

enum {
	OPT_DAY_FIRST = 256,
	OPT_FULL_PARSE,
	OPT_CROSS_FS,
	OPT_FOLLOW_LINKS,
	OPT_BUCKET,
	OPT_COLOR,
	OPT_WIDTH,
	OPT_MAX_FAILURES,           /* the three limits stay in this order */
	OPT_MAX_MALFORMED,
	OPT_MAX_DAMAGED,
	OPT_FAIL_ON,
	OPT_ALLOW,
	OPT_STRICT,
	OPT_BASELINE,
	OPT_TOLERANCE,
	/* the post-mortem report */
	OPT_SINCE,
	OPT_UNTIL,
	OPT_BY,
	OPT_BURST,
	OPT_EVENTS,
	OPT_MAX_BYTES,
	OPT_MIN_EVENTS,             /* the two minimums stay in this order */
	OPT_MIN_STATUSES,
	OPT_JSON,
	OPT_ATTEMPTS,
	OPT_ATTEMPT_IDLE,
	OPT_RETRY_WINDOW,
	OPT_WITH_ATTEMPTS,
	OPT_MONTH_FIRST,
	OPT_MIN_SUCCESS_RATE,
	OPT_MAX_FAILED_ATTEMPTS,
};

static const struct option long_options[] = {
	{ "key", required_argument, NULL, 'k' },
	{ "day-first", no_argument, NULL, OPT_DAY_FIRST },
	{ "month-first", no_argument, NULL, OPT_MONTH_FIRST },
	{ "full-parse", no_argument, NULL, OPT_FULL_PARSE },
	{ "cross-file-systems", no_argument, NULL, OPT_CROSS_FS },
	{ "follow-links", no_argument, NULL, OPT_FOLLOW_LINKS },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "bucket", required_argument, NULL, OPT_BUCKET },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "max-failures", required_argument, NULL, OPT_MAX_FAILURES },
	{ "max-malformed", required_argument, NULL, OPT_MAX_MALFORMED },
	{ "max-damaged", required_argument, NULL, OPT_MAX_DAMAGED },
	{ "min-events", required_argument, NULL, OPT_MIN_EVENTS },
	{ "min-statuses", required_argument, NULL, OPT_MIN_STATUSES },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "allow", required_argument, NULL, OPT_ALLOW },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "tolerance", required_argument, NULL, OPT_TOLERANCE },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "by", required_argument, NULL, OPT_BY },
	{ "burst", required_argument, NULL, OPT_BURST },
	{ "events", no_argument, NULL, OPT_EVENTS },
	{ "max-bytes", required_argument, NULL, OPT_MAX_BYTES },
	{ "attempts", no_argument, NULL, OPT_ATTEMPTS },
	{ "attempt-idle", required_argument, NULL, OPT_ATTEMPT_IDLE },
	{ "retry-window", required_argument, NULL, OPT_RETRY_WINDOW },
	{ "with-attempts", no_argument, NULL, OPT_WITH_ATTEMPTS },
	{ "min-success-rate", required_argument, NULL, OPT_MIN_SUCCESS_RATE },
	{ "max-failed-attempts", required_argument, NULL, OPT_MAX_FAILED_ATTEMPTS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const char *const format_names[] = {
	[FORMAT_TEXT] = "text", [FORMAT_JSON] = "json", [FORMAT_JUNIT] = "junit",
	[FORMAT_MARKDOWN] = "markdown", [FORMAT_GITHUB] = "github",
	[FORMAT_HTML] = "html", [FORMAT_EVENTS] = "events",
	/* FORMAT_ATTEMPTS and FORMAT_ATTEMPT_LINES have no -f name: --attempts
	 * and --by=attempt choose them */
};

static bool parse_format(const char *s, enum cli_command cmd,
			 enum cli_format *f)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
		if (strcasecmp(s, format_names[i]) != 0)
			continue;
		/* a comparison is text, JSON or Markdown */
		if (cmd == CMD_DIFF && i != FORMAT_TEXT && i != FORMAT_JSON &&
		    i != FORMAT_MARKDOWN)
			return false;
		*f = (enum cli_format)i;
		return true;
	}
	return false;
}

/* The format a report path's extension names, any case: .json, .jsonl
 * (the event stream, JSON Lines), .xml (JUnit), .md, .html, .txt. False
 * for another extension, or one the command cannot write. */
static bool format_from_path(const char *path, enum cli_command cmd,
			     enum cli_format *f)
{
	static const struct {
		const char *ext;
		const char *format;
	} exts[] = {
		{ ".json", "json" }, { ".jsonl", "events" }, { ".xml", "junit" },
		{ ".md", "markdown" }, { ".markdown", "markdown" },
		{ ".html", "html" }, { ".htm", "html" }, { ".txt", "text" },
	};
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	if (!dot)
		return false;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(dot, exts[i].ext) == 0)
			return parse_format(exts[i].format, cmd, f);
	return false;
}

/* A count: decimal digits only, no sign. */
static bool parse_count(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		uint64_t d = (uint64_t)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;       /* past UINT64_MAX */
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* "4096", "64K", "10M", "1G", "2T": bytes (binary multiples), at least
 * 1. */
static bool parse_size(const char *s, uint64_t *out)
{
	static const char units[] = "KMGT";
	size_t n = strlen(s);
	unsigned shift = 0;
	char digits[24];
	if (n && strchr(units, s[n - 1])) {
		shift = 10 * (unsigned)(strchr(units, s[n - 1]) - units + 1);
		n--;
	}
	if (n == 0 || n >= sizeof(digits))
		return false;
	memcpy(digits, s, n);
	digits[n] = '\0';
	uint64_t v;
	if (!parse_count(digits, &v) || v == 0 || v > (UINT64_MAX >> shift))
		return false;
	*out = v << shift;
	return true;
}

/* "90", "10s", "5m", "1h", "1d": seconds, at least 1. */
static bool parse_width(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	unsigned long mult = 1;
	if (end == s || s[0] == '-' || s[0] == '+')
		return false;
	if (*end == 's')
		end++;
	else if (*end == 'm')
		mult = 60, end++;
	else if (*end == 'h')
		mult = 3600, end++;
	else if (*end == 'd')
		mult = 86400, end++;
	if (*end || v == 0 || v > UINT32_MAX / mult)
		return false;
	*out = (uint32_t)(v * mult);
	return true;
}

static int add_output(struct cli_args *a, enum cli_format f, const char *path)
{
	if (a->noutputs == CLI_MAX_OUTPUTS)
		return cli_usage_error("at most %d reports in one run",
				       CLI_MAX_OUTPUTS);
	a->outputs[a->noutputs++] = (struct cli_output){ f, path, false, 0 };
	return 0;
}

/* "5/10s": N failures within WIDTH make a burst. */
static bool parse_burst(const char *s, uint32_t *n, uint32_t *seconds)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (end == s || s[0] == '-' || s[0] == '+' || *end != '/' || v == 0 ||
	    v > UINT32_MAX)
		return false;
	*n = (uint32_t)v;
	return parse_width(end + 1, seconds) && *seconds <= 3600;
}

/* The post-mortem report's options, one block for an easy merge. Returns
 * 1 if @p c was one of them, 0 if not, or EXIT_TROUBLE. */
static int report_option(struct cli_args *a, int c, const char *arg)
{
	switch (c) {
	case OPT_SINCE:
		a->since = arg;
		return 1;
	case OPT_UNTIL:
		a->until = arg;
		return 1;
	case OPT_BY:
		if (strcmp(arg, "peer") == 0)
			a->by_peer = true;
		else if (strcmp(arg, "attempt") == 0)
			a->by_attempt = true;
		else if (strcmp(arg, "code") != 0)
			return cli_usage_error("--by takes peer, attempt or code, not '%s'",
					       arg);
		return 1;
	case OPT_BURST:
		if (!parse_burst(arg, &a->burst_failures, &a->burst_seconds))
			return cli_usage_error("bad burst rule '%s' (N/WIDTH, e.g. 5/10s, WIDTH at most 1h)",
					       arg);
		return 1;
	case OPT_EVENTS:
		a->events = true;
		return 1;
	case OPT_ATTEMPTS:
		a->attempts = true;
		return 1;
	case OPT_WITH_ATTEMPTS:
		a->with_attempts = true;
		return 1;
	case OPT_ATTEMPT_IDLE:
	case OPT_RETRY_WINDOW: {
		uint32_t sec;
		if (!parse_width(arg, &sec) || sec > UINT32_MAX / 1000)
			return cli_usage_error("bad %s '%s' (a duration: 30s, 2m)",
					       c == OPT_ATTEMPT_IDLE ? "--attempt-idle"
								     : "--retry-window",
					       arg);
		*(c == OPT_ATTEMPT_IDLE ? &a->attempt_idle_ms
					: &a->retry_window_ms) = sec * 1000;
		return 1;
	}
	default:
		return 0;
	}
}

/* --events: JSON outputs (or, with no --format, all) stream events. */
static int finish_report_options(struct cli_args *a, size_t nformats)
{
	bool any = false;
	for (size_t i = 0; i < a->noutputs; i++) {
		struct cli_output *o = &a->outputs[i];
		if (a->events && (o->format == FORMAT_JSON || nformats == 0))
			o->format = FORMAT_EVENTS;
		/* --attempts: JSON outputs stream attempts; --by attempt: text
		 * outputs list them */
		if (a->attempts && (o->format == FORMAT_JSON || nformats == 0))
			o->format = FORMAT_ATTEMPTS;
		if (a->by_attempt && o->format == FORMAT_TEXT)
			o->format = FORMAT_ATTEMPT_LINES;
		o->by_peer = a->by_peer;
		o->width = a->width;
		any |= o->format == FORMAT_EVENTS;
	}
	if (a->events && !any)
		return cli_usage_error("--events writes JSON Lines: give it a json output (or no --format)");
	return 0;
}

static const char *const limit_options[CLI_LIMITS] = {
	"--max-failures", "--max-malformed", "--max-damaged",
};

/* Edit distance (insertions, deletions, substitutions) between the first
 * @p la bytes of @p a and @p b, counted up to a cap: words longer than
 * WORD_MAX are never close. */
#define WORD_MAX 32

static size_t edit_distance(const char *a, size_t la, const char *b)
{
	size_t lb = strlen(b);
	if (la > WORD_MAX || lb > WORD_MAX)
		return WORD_MAX;
	size_t row[WORD_MAX + 1];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *cli_suggest(const char *word, size_t len,
			const char *const *words, size_t n)
{
	/* one slip in a short word, two in a longer one */
	size_t most = len >= 6 ? 2 : 1, best = most + 1;
	const char *pick = NULL;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, len, words[i]);
		if (d < best) {
			best = d;
			pick = words[i];
		}
	}
	return len ? pick : NULL;
}

/* "unknown option '--formt' (did you mean '--format'?)" */
static int unknown_option(const char *arg)
{
	const char *names[sizeof(long_options) / sizeof(long_options[0])];
	size_t n = 0;
	for (size_t i = 0; long_options[i].name; i++)
		names[n++] = long_options[i].name;
	const char *near = NULL;
	if (strncmp(arg, "--", 2) == 0) {
		const char *eq = strchr(arg + 2, '=');
		near = cli_suggest(arg + 2, eq ? (size_t)(eq - arg - 2)
					       : strlen(arg + 2), names, n);
	}
	if (near)
		return cli_usage_error("unknown option '%s' (did you mean '--%s'?)",
				       arg, near);
	return cli_usage_error("unknown option '%s'", arg);
}

static const char *const min_options[CLI_MINIMA] = {
	"--min-events", "--min-statuses",
};

int cli_parse_args(struct cli_args *a, int argc, char **argv)
{
	memset(a, 0, sizeof(*a));
	if (argc > 1 && strcmp(argv[1], "merge") == 0)
		a->command = CMD_MERGE;
	else if (argc > 1 && strcmp(argv[1], "diff") == 0)
		a->command = CMD_DIFF;
	if (a->command != CMD_ANALYZE) {
		/* the command word stands in for the program name */
		argc--;
		argv++;
	}
	a->keys = calloc((size_t)argc + 1, sizeof(*a->keys));
	a->fail_on = calloc((size_t)argc + 1, sizeof(*a->fail_on));
	a->allow = calloc((size_t)argc + 1, sizeof(*a->allow));
	if (!a->keys || !a->fail_on || !a->allow)
		return cli_usage_error("out of memory");
	/* merge exists to make a JSON report */
	enum cli_format format = a->command == CMD_MERGE ? FORMAT_JSON : FORMAT_TEXT;
	bool gate_option = false;
	bool format_pending = false;    /* a --format not yet paired */
	size_t nformats = 0, npaths = 0;
	int c;

	static char json_name[] = "json";  /* --json is --format json */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":k:f:o:qj:hV", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'k':
			a->keys[a->nkeys++] = optarg;
			break;
		case OPT_DAY_FIRST:
			a->day_first = true;
			a->month_first = false;
			break;
		case OPT_MONTH_FIRST:
			/* the last of the two wins */
			a->month_first = true;
			a->day_first = false;
			break;
		case OPT_FULL_PARSE:
			a->full_parse = true;
			break;
		case OPT_CROSS_FS:
			a->walk_flags |= WDILOG_WALK_CROSS_FILE_SYSTEMS;
			break;
		case OPT_FOLLOW_LINKS:
			a->walk_flags |= WDILOG_WALK_LINKS_OUT;
			break;
		case OPT_JSON:
		case 'f':
			if (c == OPT_JSON)
				optarg = json_name;
			if (format_pending)
				return cli_usage_error("two --format options with no --output "
						       "between them: each --format applies to the "
						       "--output that follows it");
			if (!parse_format(optarg, a->command, &format))
				return cli_usage_error(a->command == CMD_DIFF
					? "unknown comparison format '%s' (text, json, markdown)"
					: "unknown report format '%s' "
					  "(text, json, junit, markdown, github, html, events)",
					optarg);
			format_pending = true;
			nformats++;
			break;
		case 'o':
			if (!*optarg)
				return cli_usage_error("--output needs a path");
			/* no --format of its own: the extension says, if it can */
			enum cli_format of = format;
			if (!format_pending)
				format_from_path(optarg, a->command, &of);
			if (add_output(a, of, optarg))
				return EXIT_TROUBLE;
			format_pending = false;
			npaths++;
			break;
		case OPT_BUCKET:
			if (!parse_width(optarg, &a->bucket_seconds))
				return cli_usage_error("bad bucket width '%s' (e.g. 10s, 1m, 1h)",
						       optarg);
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				a->color = COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				a->color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				a->color = COLOR_NEVER;
			else
				return cli_usage_error("--color takes auto, always or never, not '%s'",
						       optarg);
			break;
		case OPT_MAX_FAILURES:
		case OPT_MAX_MALFORMED:
		case OPT_MAX_DAMAGED: {
			int i = c - OPT_MAX_FAILURES;
			if (!parse_count(optarg, &a->limit[i]))
				return cli_usage_error("%s takes a count, not '%s'",
						       limit_options[i], optarg);
			a->limit_set[i] = true;
			gate_option = true;
			break;
		}
		case OPT_MIN_EVENTS:
		case OPT_MIN_STATUSES: {
			int i = c - OPT_MIN_EVENTS;
			if (!parse_count(optarg, &a->min[i]))
				return cli_usage_error("%s takes a count, not '%s'",
						       min_options[i], optarg);
			a->min_set[i] = true;
			gate_option = true;
			break;
		}
		case OPT_MIN_SUCCESS_RATE:
			/* the library checks the value (build_gate) */
			a->min_success_rate = optarg;
			gate_option = true;
			break;
		case OPT_MAX_FAILED_ATTEMPTS:
			if (!parse_count(optarg, &a->max_failed_attempts))
				return cli_usage_error("--max-failed-attempts takes a count, not '%s'",
						       optarg);
			a->max_failed_attempts_set = true;
			gate_option = true;
			break;
		case OPT_FAIL_ON:
			a->fail_on[a->nfail_on++] = optarg;
			gate_option = true;
			break;
		case OPT_ALLOW:
			a->allow[a->nallow++] = optarg;
			gate_option = true;
			break;
		case OPT_STRICT:
			a->strict = true;
			gate_option = true;
			break;
		case OPT_BASELINE:
			if (!*optarg)
				return cli_usage_error("--baseline needs a report path");
			a->baseline = optarg;
			gate_option = true;
			break;
		case OPT_TOLERANCE:
			a->tolerance = optarg;
			gate_option = true;
			break;
		case OPT_SINCE: case OPT_UNTIL: case OPT_BY: case OPT_BURST:
		case OPT_EVENTS: case OPT_ATTEMPTS: case OPT_ATTEMPT_IDLE:
		case OPT_RETRY_WINDOW: case OPT_WITH_ATTEMPTS:
			if (report_option(a, c, optarg) != 1)
				return EXIT_TROUBLE;
			break;
		case OPT_MAX_BYTES:
			if (!parse_size(optarg, &a->max_bytes))
				return cli_usage_error("--max-bytes takes a size (e.g. 4096, 64K, 10M, 1G), not '%s'",
						       optarg);
			break;
		case OPT_WIDTH: {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);
			if (end == optarg || *end || optarg[0] == '-' ||
			    v < CLI_WIDTH_MIN || v > CLI_WIDTH_MAX)
				return cli_usage_error("--width takes a number of columns "
						       "from %d to %d, not '%s'",
						       CLI_WIDTH_MIN, CLI_WIDTH_MAX, optarg);
			a->width = (unsigned)v;
			break;
		}
		case 'q':
			a->quiet = true;
			break;
		case 'j': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);
			if (end == optarg || *end || optarg[0] == '-' || v < 1 || v > CLI_JOBS_MAX)
				return cli_usage_error("--jobs takes a number from 1 to %d, not '%s'",
						       CLI_JOBS_MAX, optarg);
			a->jobs = (unsigned)v;
			break;
		}
		case 'h':
			a->help = true;
			break;
		case 'V':
			a->version = true;
			break;
		case ':':
			return cli_usage_error("option '%s' needs a value",
					       argv[optind - 1]);
		default:
			return unknown_option(argv[optind - 1]);
		}
	}
	/* "-o r.json --format json": one of each pairs whatever the order */
	if (nformats == 1 && npaths == 1 && format_pending) {
		a->outputs[0].format = format;
		format_pending = false;
	}
	if (a->noutputs == 0 || format_pending)
		if (add_output(a, format, NULL))
			return EXIT_TROUBLE;
	if (finish_report_options(a, nformats))
		return EXIT_TROUBLE;
	a->inputs = argv + optind;
	a->ninputs = (size_t)(argc - optind);
	if (a->help || a->version)
		return 0;
	if (a->tolerance && !a->baseline)
		return cli_usage_error("--tolerance needs --baseline");
	if (a->command == CMD_DIFF && gate_option)
		return cli_usage_error("diff compares two reports; gate options "
				       "apply to a run or a merge");
	if (a->command == CMD_DIFF && a->ninputs != 2)
		return cli_usage_error("diff takes two reports, BEFORE.json and AFTER.json");
	if (a->command == CMD_MERGE && a->ninputs == 0)
		return cli_usage_error("merge takes one or more JSON reports");
	return 0;
}

void cli_args_dispose(struct cli_args *a)
{
	free(a->keys);
	free(a->fail_on);
	free(a->allow);
	a->keys = NULL;
	a->fail_on = a->allow = NULL;
}
