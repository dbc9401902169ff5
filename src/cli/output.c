/* Report output for the CLI. */
#include "output.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "usage.h"

void cli_put_safe(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
}

static bool want_color(enum cli_color color, FILE *out, bool to_file)
{
	const char *no_color = getenv("NO_COLOR");
	if (no_color && *no_color)
		return false;
	if (color == COLOR_ALWAYS)
		return true;
	if (color == COLOR_NEVER || to_file)
		return false;
	const char *term = getenv("TERM");
	return isatty(fileno(out)) && !(term && strcmp(term, "dumb") == 0);
}

static bool utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int cli_render_report(FILE *out, bool to_file, const struct cli_output *o,
		      void *ctx, wdilog_error *err)
{
	const struct cli_report_ctx *rc = ctx;
	switch (o->format) {
	case FORMAT_JSON: return wdilog_report_render_json(rc->report, out, err);
	case FORMAT_JUNIT: return wdilog_report_render_junit(rc->report, out, err);
	case FORMAT_MARKDOWN:
		return wdilog_report_render_markdown(rc->report, out, err);
	case FORMAT_GITHUB: return wdilog_report_render_github(rc->report, out, err);
	case FORMAT_HTML: return wdilog_report_render_html(rc->report, out, err);
	case FORMAT_EVENTS: return WDILOG_OK;  /* written while reading */
	case FORMAT_TEXT: break;
	}
	wdilog_text_style st = { .color = want_color(rc->color, out, to_file),
				 .unicode = utf8_locale(),
				 .by_peer = o->by_peer };
	return wdilog_report_render_text(rc->report, out, &st, err);
}

static int fail_write(const char *path, const char *what)
{
	fputs("wdilog: ", stderr);
	cli_put_safe(stderr, path);
	fprintf(stderr, ": %s\n", what);
	return EXIT_TROUBLE;
}

static int write_stdout(const struct cli_output *o, cli_render_fn render,
			void *ctx)
{
	wdilog_error err = { 0 };
	int rc = render(stdout, false, o, ctx, &err);
	if (rc < 0 || fflush(stdout) != 0 || ferror(stdout))
		return fail_write("standard output",
				  errno ? strerror(errno) : "write failed");
	return 0;
}

/* A temporary file beside @p path, open for writing. */
static int open_tmp(const char *path, FILE **f, char **tmp)
{
	size_t len = strlen(path) + sizeof(".tmp.XXXXXX");
	*tmp = malloc(len);
	if (!*tmp)
		return fail_write(path, "out of memory");
	snprintf(*tmp, len, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(*tmp);
	if (fd < 0) {
		int e = errno;
		free(*tmp);
		return fail_write(path, strerror(e));
	}
	*f = fdopen(fd, "w");
	if (!*f) {
		int e = errno;
		close(fd);
		unlink(*tmp);
		free(*tmp);
		return fail_write(path, strerror(e));
	}
	return 0;
}

/* Close the temporary file and rename it over @p path if all went well
 * (@p ok), else remove it. */
static int commit_tmp(const char *path, FILE *f, char *tmp, bool ok)
{
	int e = errno;
	ok = ok && fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
	if (!ok && !e)
		e = errno;
	ok = (fclose(f) == 0) && ok;
	/* the report is readable like any other output file */
	if (ok && chmod(tmp, 0644) != 0)
		ok = false;
	if (ok && rename(tmp, path) != 0) {
		e = errno;
		ok = false;
	}
	if (!ok) {
		unlink(tmp);
		free(tmp);
		return fail_write(path, e ? strerror(e) : "write failed");
	}
	free(tmp);
	return 0;
}

static int write_file(const struct cli_output *o, cli_render_fn render,
		      void *ctx)
{
	FILE *f;
	char *tmp;
	if (open_tmp(o->path, &f, &tmp))
		return EXIT_TROUBLE;
	wdilog_error err = { 0 };
	errno = 0;
	int rc = render(f, true, o, ctx, &err);
	return commit_tmp(o->path, f, tmp, rc >= 0);
}

int cli_write(const struct cli_output *o, cli_render_fn render, void *ctx)
{
	setlocale(LC_CTYPE, "");
	if (!o->path || strcmp(o->path, "-") == 0)
		return write_stdout(o, render, ctx);
	return write_file(o, render, ctx);
}

int cli_stream_open(struct cli_stream *s, const struct cli_output *o)
{
	s->o = o;
	s->tmp = NULL;
	if (!o->path || strcmp(o->path, "-") == 0) {
		s->f = stdout;
		return 0;
	}
	return open_tmp(o->path, &s->f, &s->tmp);
}

int cli_stream_close(struct cli_stream *s, bool ok)
{
	if (!s->tmp) {
		if (fflush(stdout) != 0 || ferror(stdout))
			return fail_write("standard output",
					  errno ? strerror(errno) : "write failed");
		return 0;
	}
	errno = 0;
	return commit_tmp(s->o->path, s->f, s->tmp, ok);
}
