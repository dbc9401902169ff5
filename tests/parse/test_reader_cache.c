/* Readers opened one after another through a wdl_reader_cache reuse the
 * buffers the last one left: every input must read as it does through a
 * reader of its own (same events, format, encoding), whatever came
 * before it, and a window that grew is not kept. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "check.h"
#include "input/input.h"
#include "parse/reader_range.h"
#include "util/alloc.h"

static char dir[] = "/tmp/wdilog-reader-cache-XXXXXX";

struct file {
	char path[96];
	const char *what;
};

static void put(struct file *f, const char *name, const void *p, size_t n)
{
	snprintf(f->path, sizeof(f->path), "%s/%s", dir, name);
	f->what = name;
	FILE *out = fopen(f->path, "wb");
	CHECK(out && fwrite(p, 1, n, out) == n);
	if (out)
		fclose(out);
}

/* The events of an open reader, one line each, then its format and
 * encoding; the caller frees. */
static char *events(wdilog_reader *r)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	wdilog_event ev;
	wdilog_error err = { 0 };
	int rc;
	while ((rc = wdilog_reader_next(r, &ev, &err)) == WDILOG_OK) {
		fprintf(f, "%d %llu m=%zu", (int)ev.kind,
			(unsigned long long)ev.line, ev.nmalformed);
		for (size_t i = 0; i < ev.nstatuses; i++)
			if (ev.statuses[i].has_code)
				fprintf(f, " %u", ev.statuses[i].code);
			else
				fprintf(f, " %s", ev.statuses[i].name);
		fputc('\n', f);
	}
	fprintf(f, "end %d %s %s %s\n", rc, err.message,
		wdilog_reader_format(r), wdilog_reader_encoding(r));
	fclose(f);
	return out;
}

static char *alone(const char *path)
{
	wdilog_reader *r;
	if (wdl_reader_open_listed(&r, path, NULL, NULL) < 0)
		return strdup("(open failed)");
	char *s = events(r);
	wdilog_reader_free(r);
	return s;
}

static char *cached(const char *path, struct wdl_reader_cache *cache)
{
	wdilog_reader *r;
	if (wdl_reader_open_cached(&r, path, NULL, cache, NULL) < 0)
		return strdup("(open failed)");
	/* what the reader needs was taken */
	CHECK(!cache->shell && !cache->block && !cache->raw && !cache->window);
	char *s = events(r);
	wdl_reader_free_cached(r, cache);
	return s;
}

static size_t text(char *b, size_t len, unsigned seed)
{
	size_t o = 0;
	for (unsigned k = 0; o + 200 < len; k++)
		o += (size_t)snprintf(b + o, len - o,
				      "[0]0888.0D60::10/23/2003-12:27:%02u.%03u [wdi]line %u AssocStatus=%u\r\n",
				      k % 60, (k * 7 + seed) % 1000, k,
				      (k + seed) % 40);
	return o;
}

/* Two inputs through one cache with allocation @p fail failing (0: none):
 * every failure ends cleanly, and what was read stands. Returns the
 * allocations made. */
static unsigned long two_reads(const char *a, const char *b,
			       unsigned long fail)
{
	struct wdl_reader_cache cache = { 0 };
	wdl_alloc_fail_from(fail);
	const char *paths[] = { a, b, a };
	for (int k = 0; k < 3; k++) {
		wdilog_reader *r = NULL;
		if (wdl_reader_open_cached(&r, paths[k], NULL, &cache, NULL) < 0) {
			CHECK(r == NULL);
			continue;
		}
		wdilog_event ev;
		while (wdilog_reader_next(r, &ev, NULL) == WDILOG_OK)
			;
		wdl_reader_free_cached(r, &cache);
	}
	wdl_reader_cache_dispose(&cache);
	unsigned long n = wdl_alloc_count();
	wdl_alloc_fail_from(0);
	return n;
}

/* The message of a failed open, through @p cache (NULL: none). */
static char *open_error(const char *path, struct wdl_reader_cache *cache)
{
	wdilog_reader *r = NULL;
	wdilog_error err = { 0 };
	int rc = cache ? wdl_reader_open_cached(&r, path, NULL, cache, &err)
		       : wdl_reader_open_listed(&r, path, NULL, &err);
	if (rc >= 0) {
		wdl_reader_free_cached(r, cache);
		return strdup("(opened)");
	}
	return strdup(err.message);
}

/* Files of two directories in turn: each opened by its name in its
 * directory, held open from the file before; a file or a directory
 * that is not there fails as it does by its whole path. */
static void directories(void)
{
	char a[128], b[128], path[160], buf[4096];
	snprintf(a, sizeof(a), "%s/A", dir);
	snprintf(b, sizeof(b), "%s/B", dir);
	CHECK(mkdir(a, 0700) == 0 && mkdir(b, 0700) == 0);
	struct file fa, fb;
	put(&fa, "A/f", buf, text(buf, sizeof(buf), 11));
	put(&fb, "B/f", buf, text(buf, sizeof(buf), 12));
	char *want_a = alone(fa.path), *want_b = alone(fb.path);
	CHECK(strcmp(want_a, want_b) != 0);
	struct wdl_reader_cache cache = { 0 };
	const struct file *order[] = { &fa, &fb, &fb, &fa };
	for (int k = 0; k < 4; k++) {
		char *got = cached(order[k]->path, &cache);
		CHECK_MSG(strcmp(got, order[k] == &fa ? want_a : want_b) == 0,
			  "%s (turn %d) differs", order[k]->what, k);
		free(got);
		/* its directory is the one held */
		CHECK(cache.dir_open);
		CHECK_STR(cache.dir, order[k] == &fa ? a : b);
	}
	const char *missing[] = { "A/none", "gone/f" };
	for (int k = 0; k < 2; k++) {
		snprintf(path, sizeof(path), "%s/%s", dir, missing[k]);
		char *want = open_error(path, NULL), *got = open_error(path, &cache);
		CHECK_STR(got, want);
		CHECK(strstr(want, "No such file") != NULL);
		free(want);
		free(got);
	}
	/* the directory held still serves its next file */
	char *again = cached(fa.path, &cache);
	CHECK_STR(again, want_a);
	free(again);
	wdl_reader_cache_dispose(&cache);
	CHECK(!cache.dir_open && !cache.dir);
	free(want_a);
	free(want_b);
	unlink(fa.path);
	unlink(fb.path);
	rmdir(a);
	rmdir(b);
}

int main(void)
{
	CHECK(mkdtemp(dir) != NULL);
	enum { BIG = 3 << 20 };
	char *b = malloc(BIG);
	struct file files[8];
	size_t nf = 0;
	put(&files[nf++], "small", b, text(b, 4000, 1));
	put(&files[nf++], "big", b, text(b, BIG, 2));
	/* UTF-16LE with a BOM */
	size_t n = text(b, 3000, 3);
	unsigned char *w = malloc(2 * n + 2);
	w[0] = 0xFF, w[1] = 0xFE;
	for (size_t i = 0; i < n; i++)
		w[2 + 2 * i] = (unsigned char)b[i], w[3 + 2 * i] = 0;
	put(&files[nf++], "utf16", w, 2 * n + 2);
	free(w);
	/* gzip */
	n = text(b, 100000, 4);
	uLongf zlen = compressBound((uLong)n) + 32;
	unsigned char *z = malloc(zlen);
	z_stream zs = { 0 };
	CHECK(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
			   Z_DEFAULT_STRATEGY) == Z_OK);
	zs.next_in = (unsigned char *)b;
	zs.avail_in = (uInt)n;
	zs.next_out = z;
	zs.avail_out = (uInt)zlen;
	CHECK(deflate(&zs, Z_FINISH) == Z_STREAM_END);
	put(&files[nf++], "gzip", z, zlen - zs.avail_out);
	deflateEnd(&zs);
	free(z);
	put(&files[nf++], "empty", "", 0);
	put(&files[nf++], "zip", "PK\3\4 not a trace", 17);
	/* Windows-1252 */
	n = text(b, 2000, 5);
	b[n / 2] = (char)0xE9;
	put(&files[nf++], "cp1252", b, n);
	put(&files[nf++], "small2", b, text(b, 9000, 6));
	free(b);

	char *want[8];
	for (size_t i = 0; i < nf; i++)
		want[i] = alone(files[i].path);
	/* every order of pairs, then all in turn twice */
	struct wdl_reader_cache cache = { 0 };
	for (size_t i = 0; i < nf; i++) {
		for (size_t k = 0; k < nf; k++) {
			size_t order[2] = { i, k };
			for (int j = 0; j < 2; j++) {
				char *got = cached(files[order[j]].path, &cache);
				CHECK_MSG(strcmp(got, want[order[j]]) == 0,
					  "%s after %s differs",
					  files[order[j]].what,
					  files[order[1 - j]].what);
				free(got);
			}
		}
	}
	/* allocation failures at every step of reuse */
	unsigned long total = two_reads(files[0].path, files[7].path, 0);
	CHECK(total > 5);
	for (unsigned long i = 1; i <= total + 1; i++)
		two_reads(files[0].path, files[7].path, i);
	/* a small file leaves every buffer; the big one's window grew */
	free(cached(files[0].path, &cache));
	CHECK(cache.shell && cache.block && cache.raw && cache.window);
	free(cached(files[1].path, &cache));
	CHECK(cache.shell && cache.block && cache.raw && !cache.window);
	wdl_reader_cache_dispose(&cache);
	CHECK(!cache.shell && !cache.block && !cache.raw && !cache.window);
	for (size_t i = 0; i < nf; i++) {
		free(want[i]);
		unlink(files[i].path);
	}
	directories();
	rmdir(dir);
	return check_report("parse/reader_cache");
}
