/* Report output for the CLI. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "usage.h"
#include "util/escape.h"

static bool want_color(enum cli_color color, FILE *out, bool to_file)
{
	/* an explicit flag beats the environment (no-color.org) */
	if (color == COLOR_ALWAYS)
		return true;
	const char *no_color = getenv("NO_COLOR");
	if (no_color && *no_color)
		return false;
	if (color == COLOR_NEVER || to_file)
		return false;
	const char *term = getenv("TERM");
	return isatty(fileno(out)) && !(term && strcmp(term, "dumb") == 0);
}

/* The text report's width, as GNU tools find it: --width, else COLUMNS,
 * else the terminal's when standard output is one; else 80 (the
 * library's default), so that pipes, files and CI logs stay the same
 * whatever the terminal of the person who started them. A report
 * written to a file takes only --width. */
static unsigned text_width(const struct cli_output *o, FILE *out, bool to_file)
{
	if (o->width || to_file)
		return o->width;
	const char *env = getenv("COLUMNS");
	if (env && *env) {
		char *end;
		unsigned long v = strtoul(env, &end, 10);
		if (!*end && env[0] != '-' && v > 0)
			return v > CLI_WIDTH_MAX ? CLI_WIDTH_MAX : (unsigned)v;
	}
	struct winsize ws;
	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 0;
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
	case FORMAT_EVENTS:           /* these three are written while reading */
	case FORMAT_ATTEMPTS:
	case FORMAT_ATTEMPT_LINES: return WDILOG_OK;
	case FORMAT_TEXT: break;
	}
	wdilog_text_style st = { .color = want_color(rc->color, out, to_file),
				 .unicode = utf8_locale(),
				 .by_peer = o->by_peer,
				 .width = text_width(o, out, to_file) };
	return wdilog_report_render_text(rc->report, out, &st, err);
}

/* An output error, worded apart from input errors (which name the input
 * alone): "cannot write ci/x.json: No such file or directory". */
static int fail_write(const char *path, const char *what)
{
	fputs("wdilog: cannot write ", stderr);
	wdl_escape_str(stderr, WDL_ESC_TEXT, path);
	fprintf(stderr, ": %s\n", what);
	return EXIT_TROUBLE;
}

/* Render @p render to @p f with stdio's per-call locking off. A report is
 * written after the reading threads have ended, by this thread alone, one
 * character at a time in places (the escaper, the JSON writer): with the
 * lock taken per call that was a tenth of the time of a report that lists
 * 10,000 inputs. */
static int render_unlocked(FILE *f, bool is_file, const struct cli_output *o,
			   cli_render_fn render, void *ctx, wdilog_error *err)
{
	__fsetlocking(f, FSETLOCKING_BYCALLER);
	int rc = render(f, is_file, o, ctx, err);
	__fsetlocking(f, FSETLOCKING_INTERNAL);
	return rc;
}

static int write_stdout(const struct cli_output *o, cli_render_fn render,
			void *ctx)
{
	wdilog_error err = { 0 };
	int rc = render_unlocked(stdout, false, o, render, ctx, &err);
	if (rc < 0 || fflush(stdout) != 0 || ferror(stdout))
		return fail_write("standard output",
				  errno ? strerror(errno) : "write failed");
	return 0;
}

char *cli_output_buffered(FILE *f, char *buf)
{
	if (isatty(fileno(f)))
		return NULL;
	/* glibc takes the size only with a buffer given */
	char *own = buf ? NULL : malloc(CLI_OUTPUT_BUFFER);
	if ((buf || own) &&
	    setvbuf(f, buf ? buf : own, _IOFBF, CLI_OUTPUT_BUFFER) != 0) {
		free(own);
		own = NULL;
	}
	return own;
}

static mode_t current_umask(void)
{
	mode_t m = umask(0);
	umask(m);
	return m;
}

/* A temporary file beside @p final, to be renamed over it: with @p keep's
 * mode and owner when it replaces a file, else the mode a new file gets
 * (0666 less the umask). */
static int open_tmp(const char *path, const char *final,
		    const struct stat *keep, struct cli_stream *s)
{
	size_t len = strlen(final) + sizeof(".tmp.XXXXXX");
	s->tmp = malloc(len);
	if (!s->tmp)
		return fail_write(path, "out of memory");
	snprintf(s->tmp, len, "%s.tmp.XXXXXX", final);
	int fd = mkstemp(s->tmp);
	if (fd < 0) {
		int e = errno;
		free(s->tmp);
		s->tmp = NULL;
		return fail_write(path, strerror(e));
	}
	int e = 0;
	mode_t mode = keep ? keep->st_mode & 0777 : 0666 & ~current_umask();
	if (fchmod(fd, mode) != 0)
		e = errno;
	/* best effort: root rewriting someone's report leaves it theirs */
	if (!e && keep && (keep->st_uid != geteuid() || keep->st_gid != getegid()) &&
	    fchown(fd, keep->st_uid, keep->st_gid) != 0 && errno != EPERM)
		e = errno;
	if (!e && !(s->f = fdopen(fd, "w")))
		e = errno;
	if (!e)
		s->buf = cli_output_buffered(s->f, NULL);
	if (e) {
		close(fd);
		unlink(s->tmp);
		free(s->tmp);
		s->tmp = NULL;
		return fail_write(path, strerror(e));
	}
	s->final = final;
	s->sync = true;
	return 0;
}

/* Write into @p path itself: a device, a FIFO, a socket or what a symbolic
 * link leads to stays what it is (root must not turn /dev/null into a
 * file). @p st is what the path leads to, NULL if nothing yet. */
static int open_through(const char *path, const struct stat *st,
			struct cli_stream *s)
{
	int flags = O_WRONLY | O_NOCTTY | O_CLOEXEC;
	if (!st || S_ISREG(st->st_mode))
		flags |= O_CREAT | O_TRUNC;
	int fd = open(path, flags, 0666);
	if (fd < 0)
		return fail_write(path, strerror(errno));
	s->f = fdopen(fd, "w");
	if (!s->f) {
		int e = errno;
		close(fd);
		return fail_write(path, strerror(e));
	}
	s->buf = cli_output_buffered(s->f, NULL);
	s->sync = st && S_ISREG(st->st_mode);
	return 0;
}

/* Choose how @p path is written. A regular file (new, or existing, also
 * behind a symbolic link) is replaced atomically; anything else is
 * written through. Links into /proc (/dev/stdout, /dev/fd/N) are written
 * through too: they stand for a descriptor the shell opened. */
static int open_target(const char *path, struct cli_stream *s)
{
	struct stat lst, st;
	s->f = NULL;
	s->tmp = NULL;
	s->final = NULL;
	s->resolved = NULL;
	s->buf = NULL;
	s->sync = false;
	if (lstat(path, &lst) != 0) {
		if (errno != ENOENT)
			return fail_write(path, strerror(errno));
		return open_tmp(path, path, NULL, s);
	}
	if (S_ISREG(lst.st_mode))
		return open_tmp(path, path, &lst, s);
	if (!S_ISLNK(lst.st_mode))
		return open_through(path, &lst, s);
	if (stat(path, &st) != 0)
		return open_through(path, NULL, s);  /* creates the link's target */
	if (S_ISREG(st.st_mode)) {
		char *real = realpath(path, NULL);
		if (real && strncmp(real, "/proc/", 6) != 0) {
			s->resolved = real;
			return open_tmp(path, real, &st, s);
		}
		free(real);
	}
	return open_through(path, &st, s);
}

/* Finish @p s: flush, and rename the temporary file over its target if all
 * went well (@p ok), else remove it. */
static int close_target(const char *path, struct cli_stream *s, bool ok)
{
	int e = errno;
	ok = ok && fflush(s->f) == 0 && !ferror(s->f) &&
	     (!s->sync || fsync(fileno(s->f)) == 0);
	if (!ok && !e)
		e = errno;
	if (fclose(s->f) != 0 && ok) {
		e = errno;
		ok = false;
	}
	s->f = NULL;
	free(s->buf);
	s->buf = NULL;
	if (ok && s->tmp && rename(s->tmp, s->final) != 0) {
		e = errno;
		ok = false;
	}
	if (!ok && s->tmp)
		unlink(s->tmp);
	free(s->tmp);
	free(s->resolved);
	s->tmp = NULL;
	s->resolved = NULL;
	if (!ok && s->failed)
		return EXIT_TROUBLE;    /* said once already */
	if (!ok)
		return fail_write(path, e ? strerror(e) : "write failed");
	return 0;
}

static int write_file(const struct cli_output *o, cli_render_fn render,
		      void *ctx)
{
	struct cli_stream s = { .o = o };
	if (open_target(o->path, &s))
		return EXIT_TROUBLE;
	wdilog_error err = { 0 };
	errno = 0;
	int rc = render_unlocked(s.f, true, o, render, ctx, &err);
	return close_target(o->path, &s, rc >= 0);
}

int cli_write(const struct cli_output *o, cli_render_fn render, void *ctx)
{
	setlocale(LC_CTYPE, "");
	if (!o->path || strcmp(o->path, "-") == 0)
		return write_stdout(o, render, ctx);
	return write_file(o, render, ctx);
}

/* What an output path names: the file (device and inode) if it exists,
 * else its directory and its last component. */
struct out_id {
	dev_t dev;
	ino_t ino;
	const char *leaf;           /* NULL when the file exists */
};

static bool output_id(const char *path, struct out_id *id)
{
	struct stat st;
	if (stat(path, &st) == 0) {
		*id = (struct out_id){ st.st_dev, st.st_ino, NULL };
		return true;
	}
	const char *slash = strrchr(path, '/');
	id->leaf = slash ? slash + 1 : path;
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : strdup(".");
	bool ok = dir && stat(dir, &st) == 0;
	free(dir);
	if (ok) {
		id->dev = st.st_dev;
		id->ino = st.st_ino;
	}
	return ok;
}

int cli_check_outputs(const struct cli_output *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!o[i].path || strcmp(o[i].path, "-") == 0)
			continue;
		struct out_id a;
		bool have_a = output_id(o[i].path, &a);
		for (size_t j = 0; j < i; j++) {
			if (!o[j].path || strcmp(o[j].path, "-") == 0)
				continue;
			struct out_id b;
			bool same = strcmp(o[i].path, o[j].path) == 0;
			if (!same && have_a && output_id(o[j].path, &b))
				same = a.dev == b.dev && a.ino == b.ino &&
				       (a.leaf && b.leaf ? strcmp(a.leaf, b.leaf) == 0
							 : !a.leaf && !b.leaf);
			if (same)
				return cli_usage_error("--output '%s' and '%s' are one file: give each output its own path",
						       o[j].path, o[i].path);
		}
	}
	return 0;
}

int cli_stream_open(struct cli_stream *s, const struct cli_output *o)
{
	s->o = o;
	s->tmp = NULL;
	s->resolved = NULL;
	s->buf = NULL;
	s->failed = false;
	if (!o->path || strcmp(o->path, "-") == 0) {
		s->f = stdout;
		return 0;
	}
	return open_target(o->path, s);
}

int cli_stream_close(struct cli_stream *s, bool ok)
{
	if (s->f == stdout) {
		if (s->failed)
			return EXIT_TROUBLE;
		if (fflush(stdout) != 0 || ferror(stdout))
			return fail_write("standard output",
					  errno ? strerror(errno) : "write failed");
		return 0;
	}
	errno = 0;
	return close_target(s->o->path, s, ok);
}
