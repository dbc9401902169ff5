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

/* Length of the valid UTF-8 sequence at @p p, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *p, size_t avail)
{
	size_t n;
	unsigned v, min;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		n = 2, v = p[0] & 0x1Fu, min = 0x80;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		n = 3, v = p[0] & 0x0Fu, min = 0x800;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		n = 4, v = p[0] & 0x07u, min = 0x10000;
	else
		return 0;
	if (n > avail)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (p[k] & 0x3Fu);
	}
	return v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0 : n;
}

/* C0 and C1 controls, DEL, and bytes that are not UTF-8 (a lone 0x9b is
 * CSI to an 8-bit terminal) are shown as escapes. */
void cli_put_safe(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len(p + i, n - i);
		if (k == 0 || (k == 1 && (p[i] < 0x20 || p[i] == 0x7f))) {
			fprintf(out, "\\x%02x", p[i]);
			k = 1;
		} else if (k == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0) {
			fprintf(out, "\\u%04x", p[i + 1]);
		} else {
			fwrite(p + i, 1, k, out);
		}
		i += k;
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
