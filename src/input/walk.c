/* Input stage, paths: directories become a sorted list of files. Only
 * names are held (one directory level at a time), never file contents. */
#include <wdilog/walk.h>

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/alloc.h"
#include "util/error.h"

/* Directories below a walk's root; deeper trees are reported, not read. */
#define MAX_DEPTH 64

struct visited {
	dev_t dev;
	ino_t ino;
};

struct walker {
	wdilog_walk_fn fn;
	void *payload;
	struct visited stack[MAX_DEPTH];
	int depth;
};

static int problem(struct walker *w, const char *path, const char *why)
{
	wdilog_error e = { .code = WDILOG_DIAG_WARNING, .input = path };
	snprintf(e.message, sizeof(e.message), "skipped: %s", why);
	return w->fn(path, &e, w->payload);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(struct walker *w, const char *path, const struct stat *st,
		    wdilog_error *err);

static int visit(struct walker *w, const char *path, wdilog_error *err)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return problem(w, path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return walk_dir(w, path, &st, err);
	if (!S_ISREG(st.st_mode))
		return problem(w, path, "not a regular file");
	return w->fn(path, NULL, w->payload);
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		wdl_free(names[i]);
	wdl_free(names);
}

/* Names in @p path, sorted; *out is NULL when the directory is empty. */
static int list_dir(DIR *d, char ***out, size_t *count, wdilog_error *err)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			char **nn = wdl_realloc(names, ncap * sizeof(*nn));
			if (!nn)
				goto oom;
			names = nn;
			cap = ncap;
		}
		if (!(names[n] = wdl_strdup(de->d_name)))
			goto oom;
		n++;
	}
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	*out = names;
	*count = n;
	return WDILOG_OK;
oom:
	free_names(names, n);
	return wdl_fail_oom(err);
}

static int walk_dir(struct walker *w, const char *path, const struct stat *st,
		    wdilog_error *err)
{
	for (int i = 0; i < w->depth; i++)
		if (w->stack[i].dev == st->st_dev && w->stack[i].ino == st->st_ino)
			return problem(w, path,
				       "directory loop (a symbolic link back up the tree)");
	if (w->depth == MAX_DEPTH)
		return problem(w, path, "directories nested too deep");
	DIR *d = opendir(path);
	if (!d)
		return problem(w, path, strerror(errno));
	char **names = NULL;
	size_t n = 0;
	int rc = list_dir(d, &names, &n, err);
	closedir(d);
	if (rc < 0)
		return rc;
	w->stack[w->depth++] = (struct visited){ st->st_dev, st->st_ino };
	size_t plen = strlen(path);
	bool slash = plen && path[plen - 1] == '/';
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t len = plen + 1 + strlen(names[i]) + 1;
		char *child = wdl_malloc(len);
		if (!child) {
			rc = wdl_fail_oom(err);
			break;
		}
		snprintf(child, len, "%s%s%s", path, slash ? "" : "/", names[i]);
		rc = visit(w, child, err);
		wdl_free(child);
	}
	w->depth--;
	free_names(names, n);
	return rc;
}

int wdilog_walk(const char *path, wdilog_walk_fn fn, void *payload,
		wdilog_error *err)
{
	struct walker w = { .fn = fn, .payload = payload };
	struct stat st;
	if (strcmp(path, "-") == 0)
		return fn(path, NULL, payload);
	if (stat(path, &st) != 0)
		return wdl_fail(err, WDILOG_EIO, "cannot open: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return walk_dir(&w, path, &st, err);
	/* a named FIFO or device is read as the user asked */
	return fn(path, NULL, payload);
}
