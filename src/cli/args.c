/* Command-line parsing with getopt_long. Only syntax is checked here;
 * whether inputs exist is the run's business. */
#include "args.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "usage.h"

enum {
	OPT_DAY_FIRST = 256,
	OPT_FULL_PARSE,
	OPT_BUCKET,
	OPT_COLOR,
	/* the post-mortem report */
	OPT_SINCE,
	OPT_UNTIL,
	OPT_BY,
	OPT_BURST,
	OPT_EVENTS,
};

static const struct option long_options[] = {
	{ "key", required_argument, NULL, 'k' },
	{ "day-first", no_argument, NULL, OPT_DAY_FIRST },
	{ "full-parse", no_argument, NULL, OPT_FULL_PARSE },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "bucket", required_argument, NULL, OPT_BUCKET },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "by", required_argument, NULL, OPT_BY },
	{ "burst", required_argument, NULL, OPT_BURST },
	{ "events", no_argument, NULL, OPT_EVENTS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static bool parse_format(const char *s, enum cli_format *f)
{
	if (strcmp(s, "text") == 0)
		*f = FORMAT_TEXT;
	else if (strcmp(s, "json") == 0)
		*f = FORMAT_JSON;
	else if (strcmp(s, "html") == 0)
		*f = FORMAT_HTML;
	else if (strcmp(s, "events") == 0)
		*f = FORMAT_EVENTS;
	else
		return false;
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
	a->outputs[a->noutputs++] = (struct cli_output){ f, path, false };
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
		else if (strcmp(arg, "code") != 0)
			return cli_usage_error("--by takes peer or code, not '%s'",
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
		o->by_peer = a->by_peer;
		any |= o->format == FORMAT_EVENTS;
	}
	if (a->events && !any)
		return cli_usage_error("--events writes JSON Lines: give it a json output (or no --format)");
	return 0;
}

int cli_parse_args(struct cli_args *a, int argc, char **argv)
{
	memset(a, 0, sizeof(*a));
	a->keys = calloc((size_t)argc + 1, sizeof(*a->keys));
	if (!a->keys)
		return cli_usage_error("out of memory");
	enum cli_format format = FORMAT_TEXT;
	bool format_pending = false;    /* a --format not yet paired */
	size_t nformats = 0, npaths = 0;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":k:f:o:qhV", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'k':
			a->keys[a->nkeys++] = optarg;
			break;
		case OPT_DAY_FIRST:
			a->day_first = true;
			break;
		case OPT_FULL_PARSE:
			a->full_parse = true;
			break;
		case 'f':
			if (!parse_format(optarg, &format))
				return cli_usage_error("unknown report format '%s' (text, json, html, events)",
						       optarg);
			format_pending = true;
			nformats++;
			break;
		case 'o':
			if (!*optarg)
				return cli_usage_error("--output needs a path");
			if (add_output(a, format, optarg))
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
		case OPT_SINCE: case OPT_UNTIL: case OPT_BY: case OPT_BURST:
		case OPT_EVENTS:
			if (report_option(a, c, optarg) != 1)
				return EXIT_TROUBLE;
			break;
		case 'q':
			a->quiet = true;
			break;
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
			return cli_usage_error("unknown option '%s'",
					       argv[optind - 1]);
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
	return 0;
}

void cli_args_dispose(struct cli_args *a)
{
	free(a->keys);
	a->keys = NULL;
}
