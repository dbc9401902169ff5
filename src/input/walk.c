/* Input stage, paths: directories become a sorted list of files. Only
 * names are held (one directory level at a time), never file contents. */
#include <wdilog/walk.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/input.h"
#include "util/alloc.h"
#include "util/error.h"

/* Directories below a walk's root; deeper trees are reported, not read. */
#define MAX_DEPTH 64

struct visited {
	dev_t dev;
	ino_t ino;
};

/* Every directory and file met so far, by device and inode: open
 * addressing, grown at three quarters full. */
struct seen_set {
	struct visited *slots;
	size_t cap, n;
};

struct walker {
	wdilog_walk_fn fn;
	void *payload;
	unsigned flags;
	dev_t root_dev;             /* the file system the walk started on */
	char *root_real;            /* owned: the root, links resolved */
	struct visited stack[MAX_DEPTH];
	int depth;
	struct seen_set seen;
};

static size_t seen_hash(dev_t dev, ino_t ino, size_t cap)
{
	uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15u ^ (uint64_t)dev;
	h ^= h >> 29;
	return (size_t)h & (cap - 1);
}

/* Slot of (dev, ino), or the empty slot where it belongs. Slots hold
 * inode 0 when empty (no file has inode 0 on a POSIX system). */
static struct visited *seen_slot(struct seen_set *s, dev_t dev, ino_t ino)
{
	size_t i = seen_hash(dev, ino, s->cap);
	while (s->slots[i].ino != 0 &&
	       !(s->slots[i].dev == dev && s->slots[i].ino == ino))
		i = (i + 1) & (s->cap - 1);
	return &s->slots[i];
}

/* Room for @p more entries at most three quarters full (a set of 10,000
 * files is 256 KiB, each page of it touched once): a directory's listing says
 * how many may come, so the set grows once for it, not once per doubling
 * (10,000 files cost seven rehashes). */
static int seen_reserve(struct seen_set *s, size_t more, wdilog_error *err)
{
	if (s->cap && 4 * (s->n + more) <= 3 * s->cap)
		return WDILOG_OK;
	size_t ncap = s->cap ? s->cap : 256;
	while (3 * ncap < 4 * (s->n + more))
		ncap *= 2;
	struct visited *ns = wdl_table_resize(NULL, 0, ncap * sizeof(*ns));
	if (!ns) {
		/* the value itself, so that static analysis sees it is < 0 */
		wdl_fail_oom(err);
		return WDILOG_ENOMEM;
	}
	struct seen_set grown = { ns, ncap, 0 };
	for (size_t i = 0; i < s->cap; i++)
		if (s->slots[i].ino != 0)
			*seen_slot(&grown, s->slots[i].dev, s->slots[i].ino) =
				s->slots[i];
	grown.n = s->n;
	wdl_table_free(s->slots, s->cap * sizeof(*s->slots));
	*s = grown;
	return WDILOG_OK;
}

/* Record (dev, ino); *first is false if it was there already. */
static int seen_add(struct seen_set *s, dev_t dev, ino_t ino, bool *first,
		    wdilog_error *err)
{
	*first = false;
	int rc = seen_reserve(s, 1, err);
	if (rc < 0)
		return rc;
	struct visited *v = seen_slot(s, dev, ino);
	*first = v->ino == 0;
	if (*first) {
		*v = (struct visited){ dev, ino };
		s->n++;
	}
	return WDILOG_OK;
}

static int problem(struct walker *w, const char *path, const char *why)
{
	wdilog_error e = { .code = WDILOG_DIAG_WARNING, .input = path };
	snprintf(e.message, sizeof(e.message), "skipped: %s", why);
	return w->fn(path, &e, w->payload);
}

static int walk_dir(struct walker *w, const char *path, const struct stat *st,
		    wdilog_error *err);

/* 1 if @p path, a directory, is a symbolic link that leads out of the
 * walk's root (a link to / would walk the whole system), -1 with errno if
 * that cannot be told, 0 otherwise. */
static int leaves_tree(const struct walker *w, const char *path)
{
	struct stat lst;
	if (w->flags & WDILOG_WALK_LINKS_OUT)
		return 0;
	if (lstat(path, &lst) != 0)
		return -1;
	if (!S_ISLNK(lst.st_mode))
		return 0;
	char *real = realpath(path, NULL);
	if (!real)
		return -1;
	size_t n = strlen(w->root_real);
	bool inside = strncmp(real, w->root_real, n) == 0 &&
		      (real[n] == '/' || real[n] == '\0' ||
		       (n > 0 && w->root_real[n - 1] == '/'));
	free(real);
	return inside ? 0 : 1;
}

/* A file found in a directory: a binary one other than an event log (an
 * .etl beside the text logs, a .zip) is passed over with the format named, not read as
 * text and counted as damage. A file named on the command line is not
 * checked here: the reader refuses it itself, as an error. With
 * WDILOG_WALK_UNOPENED the reader checks it instead (read_paths.c), so
 * that each file is opened once. */
static int binary_or_visit(struct walker *w, const char *path,
			   wdilog_error *err)
{
	if (w->flags & WDILOG_WALK_UNOPENED)
		return w->fn(path, NULL, w->payload);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return w->fn(path, NULL, w->payload);  /* the reader says why */
	struct wdl_input in;
	int rc = wdl_input_open_fd(&in, fd, true, err);
	if (rc < 0) {
		close(fd);
		return rc;
	}
	wdilog_error ignored = { 0 };
	char why[240];
	rc = wdl_input_sniff(&in, &ignored);
	bool skip = rc >= 0 && wdl_input_passed_over(&in, why, sizeof(why));
	wdl_input_close(&in);
	if (rc == WDILOG_ENOMEM)
		return wdl_fail_oom(err);
	return skip ? problem(w, path, why) : w->fn(path, NULL, w->payload);
}

/* One name in a directory, with what the listing says of it. */
struct entry {
	/* For the sort: the first 8 bytes of the name past the prefix all
	 * names of the directory share, as a big-endian number (0 past its
	 * end), so that most comparisons are one of numbers. */
	uint64_t key;
	ino_t ino;
	uint32_t at;                /* its offset in the listing's text */
	uint16_t len;               /* its length (NAME_MAX is 255) */
	unsigned char type;         /* DT_* (DT_UNKNOWN: ask stat) */
};

/* What the sort compares past the keys. */
struct sort_text {
	const char *text;
	size_t shared;              /* the prefix every name shares */
};

/* A regular file, by device and inode. */
static int visit_file(struct walker *w, const char *path, dev_t dev,
		      ino_t ino, wdilog_error *err)
{
	/* a second name for a file already read (a link) adds nothing */
	bool first;
	int rc = seen_add(&w->seen, dev, ino, &first, err);
	if (rc < 0)
		return rc;
	if (!first)
		return problem(w, path, "already read under another name (a link)");
	return binary_or_visit(w, path, err);
}

static int visit(struct walker *w, const char *path, const struct entry *e,
		 dev_t dir_dev, wdilog_error *err)
{
	/* a regular file as the listing says: its inode is the entry's, its
	 * device the directory's (a stat per file cost a tenth of reading
	 * 10,000 small ones) */
	if (e && e->type == DT_REG)
		return visit_file(w, path, dir_dev, e->ino, err);
	struct stat st;
	if (stat(path, &st) != 0)
		return problem(w, path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		int rc = leaves_tree(w, path);
		if (rc)
			return rc < 0 ? problem(w, path, strerror(errno))
				      : problem(w, path, "a symbolic link out of the directory given (name its target to read it)");
		return walk_dir(w, path, &st, err);
	}
	if (!S_ISREG(st.st_mode))
		return problem(w, path, "not a regular file");
	return visit_file(w, path, st.st_dev, st.st_ino, err);
}

/* A directory's names: the entries and the text they point into, each
 * one table (a string allocated per name was a fifth of the walk's page
 * faults, and each fault costs more than the name). */
struct listing {
	struct entry *names;
	size_t n, cap;
	char *text;
	size_t len, text_cap;
};

static void listing_free(struct listing *l)
{
	wdl_table_free(l->names, l->cap * sizeof(*l->names));
	wdl_table_free(l->text, l->text_cap);
}

/* Byte order of two names of one listing: their keys, then the rest. */
static int entry_cmp(const struct entry *x, const struct entry *y,
		     const struct sort_text *t)
{
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	/* equal keys: both names go on past them (distinct names cannot
	 * both end inside the 8 bytes and still be equal there) */
	if ((x->key & 0xff) == 0)
		return 0;           /* it ended inside them: the same name */
	size_t past = t->shared + 8;
	return strcmp(t->text + x->at + past, t->text + y->at + past);
}

static int cmp_entries(const void *a, const void *b, void *ctx)
{
	return entry_cmp(a, b, ctx);
}

static void swap_entries(struct entry *a, struct entry *b)
{
	struct entry t = *a;
	*a = *b;
	*b = t;
}

/* Sort in place: quicksort on the median of three, insertion sort below
 * 16 entries, and qsort past a depth of twice log2 n (names chosen to
 * defeat the pivot cannot make it quadratic). glibc's qsort alone, a
 * merge sort into a copy of the array that calls its comparison through
 * a pointer, was a third of the walk of 10,000 names. */
static void sort_entries(struct entry *v, size_t n, const struct sort_text *t,
			 unsigned depth)
{
	while (n > 16) {
		if (depth-- == 0) {
			qsort_r(v, n, sizeof(*v), cmp_entries, (void *)t);
			return;
		}
		/* v[0] <= v[m] <= v[n - 1]: the ends stop the scans below */
		size_t m = n / 2;
		if (entry_cmp(&v[m], &v[0], t) < 0)
			swap_entries(&v[m], &v[0]);
		if (entry_cmp(&v[n - 1], &v[0], t) < 0)
			swap_entries(&v[n - 1], &v[0]);
		if (entry_cmp(&v[n - 1], &v[m], t) < 0)
			swap_entries(&v[n - 1], &v[m]);
		swap_entries(&v[m], &v[n - 2]);
		const struct entry pivot = v[n - 2];
		size_t i = 0, j = n - 2;
		for (;;) {
			while (entry_cmp(&v[++i], &pivot, t) < 0)
				;
			while (entry_cmp(&pivot, &v[--j], t) < 0)
				;
			if (i >= j)
				break;
			swap_entries(&v[i], &v[j]);
		}
		swap_entries(&v[i], &v[n - 2]);
		/* the smaller side first, the larger in this loop */
		if (i < n - i - 1) {
			sort_entries(v, i, t, depth);
			v += i + 1;
			n -= i + 1;
		} else {
			sort_entries(v + i + 1, n - i - 1, t, depth);
			n = i;
		}
	}
	for (size_t k = 1; k < n; k++) {
		struct entry e = v[k];
		size_t m = k;
		for (; m > 0 && entry_cmp(&e, &v[m - 1], t) < 0; m--)
			v[m] = v[m - 1];
		v[m] = e;
	}
}

/* Byte order of names, as strcmp: a shared prefix is passed over and the
 * next 8 bytes compared as one number (10,000 names "part-aaaa"... sorted
 * by strcmp alone were a fifth of the walk). */
static void sort_names(struct entry *names, size_t n, const char *text)
{
	size_t shared = n ? names[0].len : 0;
	for (size_t i = 1; i < n && shared; i++) {
		size_t k = 0;
		while (k < shared && text[names[i].at + k] == text[names[0].at + k])
			k++;
		shared = k;
	}
	for (size_t i = 0; i < n; i++) {
		const unsigned char *r =
			(const unsigned char *)text + names[i].at + shared;
		uint64_t key = 0;
		for (int b = 0; b < 8 && r[b]; b++)
			key |= (uint64_t)r[b] << (56 - 8 * b);
		names[i].key = key;
	}
	struct sort_text t = { text, shared };
	unsigned depth = 0;
	for (size_t k = n; k > 1; k >>= 1)
		depth += 2;
	sort_entries(names, n, &t, depth);
}

/* Add @p name to the listing; false when out of memory. */
static bool listing_add(struct listing *l, const struct dirent *de)
{
	size_t len = strlen(de->d_name) + 1;
	/* offsets are 32 bits: 4 GiB of names in one directory is beyond
	 * any file system's limit */
	if (l->len > UINT32_MAX - len || len - 1 > UINT16_MAX)
		return false;
	if (!l->names || l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 64;
		struct entry *nn = wdl_table_resize(l->names, l->cap * sizeof(*nn),
						    ncap * sizeof(*nn));
		if (!nn)
			return false;
		l->names = nn;
		l->cap = ncap;
	}
	if (!l->text || l->text_cap - l->len < len) {
		size_t ncap = l->text_cap ? l->text_cap * 2 : 4096;
		while (ncap - l->len < len)
			ncap *= 2;
		char *nt = wdl_table_resize(l->text, l->text_cap, ncap);
		if (!nt)
			return false;
		l->text = nt;
		l->text_cap = ncap;
	}
	memcpy(l->text + l->len, de->d_name, len);
	l->names[l->n++] = (struct entry){ .at = (uint32_t)l->len,
					   .len = (uint16_t)(len - 1),
					   .type = de->d_type, .ino = de->d_ino };
	l->len += len;
	return true;
}

/* The names in @p d, sorted. */
static int list_dir(DIR *d, struct listing *l, wdilog_error *err)
{
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (!listing_add(l, de))
			return wdl_fail_oom(err);
	}
	if (l->n)
		sort_names(l->names, l->n, l->text);
	return WDILOG_OK;
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
	if (w->depth > 0 && st->st_dev != w->root_dev &&
	    !(w->flags & WDILOG_WALK_CROSS_FILE_SYSTEMS))
		return problem(w, path, "on another file system (a mount point or a link out of it)");
	/* links to one directory from many places would read it as many
	 * times (36 links nest to 6^6 copies); once is enough */
	bool first;
	int rc = seen_add(&w->seen, st->st_dev, st->st_ino, &first, err);
	if (rc < 0)
		return rc;
	if (!first)
		return problem(w, path, "directory already read under another name (a link)");
	DIR *d = opendir(path);
	if (!d)
		return problem(w, path, strerror(errno));
	struct listing l = { 0 };
	rc = list_dir(d, &l, err);
	closedir(d);
	if (rc == 0)
		rc = seen_reserve(&w->seen, l.n, err);
	if (rc < 0) {
		listing_free(&l);
		return rc;
	}
	struct entry *names = l.names;
	size_t n = l.n;
	w->stack[w->depth++] = (struct visited){ st->st_dev, st->st_ino };
	/* every child's path is built in one buffer: "path/" then its name
	 * (a formatted, allocated string per file was a third of the walk) */
	size_t plen = strlen(path), longest = 0;
	for (size_t i = 0; i < n; i++)
		longest = names[i].len > longest ? names[i].len : longest;
	char *child = wdl_malloc(plen + 1 + longest + 1);
	if (!child) {
		w->depth--;
		listing_free(&l);
		return wdl_fail_oom(err);
	}
	memcpy(child, path, plen + 1);
	if (!plen || path[plen - 1] != '/')
		child[plen++] = '/';
	for (size_t i = 0; i < n && rc == 0; i++) {
		memcpy(child + plen, l.text + names[i].at, names[i].len + 1);
		rc = visit(w, child, &names[i], st->st_dev, err);
	}
	wdl_free(child);
	w->depth--;
	listing_free(&l);
	return rc;
}

int wdilog_walk_flags(const char *path, unsigned flags, wdilog_walk_fn fn,
		      void *payload, wdilog_error *err)
{
	struct walker w = { .fn = fn, .payload = payload, .flags = flags };
	struct stat st;
	if (strcmp(path, "-") == 0)
		return fn(path, NULL, payload);
	if (stat(path, &st) != 0)
		return wdl_fail(err, WDILOG_EIO, "cannot open: %s", strerror(errno));
	if (!S_ISDIR(st.st_mode))
		/* a named FIFO or device is read as the user asked */
		return fn(path, NULL, payload);
	w.root_dev = st.st_dev;
	w.root_real = realpath(path, NULL);
	if (!w.root_real)
		return wdl_fail(err, WDILOG_EIO, "cannot open: %s", strerror(errno));
	int rc = walk_dir(&w, path, &st, err);
	wdl_table_free(w.seen.slots, w.seen.cap * sizeof(*w.seen.slots));
	free(w.root_real);
	return rc;
}

int wdilog_walk(const char *path, wdilog_walk_fn fn, void *payload,
		wdilog_error *err)
{
	return wdilog_walk_flags(path, 0, fn, payload, err);
}
