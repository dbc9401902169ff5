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
	{ "quiet", no_argument, NULL, 'q' },
	{ "jobs", required_argument, NULL, 'j' },
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
	a->outputs[a->noutputs++] = (struct cli_output){ f, path };
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
	while ((c = getopt_long(argc, argv, ":k:f:o:qj:hV", long_options,
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
				return cli_usage_error("unknown report format '%s' (text, json)",
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
		case 'q':
			a->quiet = true;
			break;
		case 'j': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);
			if (end == optarg || *end || optarg[0] == '-' || v < 1 || v > 64)
				return cli_usage_error("--jobs takes a number from 1 to 64, not '%s'",
						       optarg);
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
	a->inputs = argv + optind;
	a->ninputs = (size_t)(argc - optind);
	return 0;
}

void cli_args_dispose(struct cli_args *a)
{
	free(a->keys);
	a->keys = NULL;
}
