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

static int render(const wdilog_report *rep, const struct cli_output *o,
		  FILE *out, bool to_file, enum cli_color color,
		  wdilog_error *err)
{
	if (o->format == FORMAT_JSON)
		return wdilog_report_render_json(rep, out, err);
	wdilog_text_style st = { .color = want_color(color, out, to_file),
				 .unicode = utf8_locale() };
	return wdilog_report_render_text(rep, out, &st, err);
}

static int fail_write(const char *path, const char *what)
{
	fputs("wdilog: ", stderr);
	cli_put_safe(stderr, path);
	fprintf(stderr, ": %s\n", what);
	return EXIT_TROUBLE;
}

static int write_stdout(const wdilog_report *rep, const struct cli_output *o,
			enum cli_color color)
{
	wdilog_error err = { 0 };
	int rc = render(rep, o, stdout, false, color, &err);
	if (rc < 0 || fflush(stdout) != 0 || ferror(stdout))
		return fail_write("standard output",
				  errno ? strerror(errno) : "write failed");
	return 0;
}

static int write_file(const wdilog_report *rep, const struct cli_output *o,
		      enum cli_color color)
{
	size_t len = strlen(o->path) + sizeof(".tmp.XXXXXX");
	char *tmp = malloc(len);
	if (!tmp)
		return fail_write(o->path, "out of memory");
	snprintf(tmp, len, "%s.tmp.XXXXXX", o->path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return fail_write(o->path, strerror(e));
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		int e = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return fail_write(o->path, strerror(e));
	}
	wdilog_error err = { 0 };
	int rc = render(rep, o, f, true, color, &err);
	int e = errno;
	bool ok = rc >= 0 && fflush(f) == 0 && !ferror(f) && fsync(fd) == 0;
	if (!ok && !e)
		e = errno;
	ok = (fclose(f) == 0) && ok;
	/* the report is readable like any other output file */
	if (ok && chmod(tmp, 0644) != 0)
		ok = false;
	if (ok && rename(tmp, o->path) != 0) {
		e = errno;
		ok = false;
	}
	if (!ok) {
		unlink(tmp);
		free(tmp);
		return fail_write(o->path, e ? strerror(e) : "write failed");
	}
	free(tmp);
	return 0;
}

int cli_write_output(const wdilog_report *rep, const struct cli_output *o,
		     enum cli_color color)
{
	setlocale(LC_CTYPE, "");
	if (!o->path || strcmp(o->path, "-") == 0)
		return write_stdout(rep, o, color);
	return write_file(rep, o, color);
}
