/* Allocation-failure sweep: for each small sample, make allocation N fail
 * (wdl_alloc_fail_from) for every N from 1 to one past the number a clean
 * run makes, and run the whole pipeline the CLI runs: report, reader,
 * read, JSON and text rendering. Twice: once with every allocation from
 * the Nth on failing (a persistent shortage), once with failures that
 * end, once they have begun, at the next read of input or the next
 * diagnostic (a transient shortage: the input is read 256 bytes at a
 * time, so the run goes on, and must not have lost anything on the way).
 * Each run must either
 *  - fail cleanly: a call returns WDILOG_ENOMEM with "out of memory", and
 *    everything is freed; or
 *  - succeed with exactly the clean run's JSON report: an allocation that
 *    failed must never silently cost a status (nothing lost).
 * Leaks: under ASan, LeakSanitizer checks at exit; in a plain build,
 * glibc's mallinfo2() must show the same bytes in use before and after
 * each run. libxml2 allocates with its own malloc, so its allocations are
 * outside the sweep (doc/security.md).
 *
 *   alloc_sweep FILE...  */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wdilog/wdilog.h>

#include <libxml/xmlerror.h>

#include "util/alloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

struct outcome {
	int rc;                     /* first negative status, or WDILOG_OK */
	char message[256];
	char *json;
	size_t json_len;
};

static void note(struct outcome *o, int rc, const wdilog_error *err)
{
	if (rc < 0 && o->rc == WDILOG_OK) {
		o->rc = rc;
		snprintf(o->message, sizeof(o->message), "%s", err->message);
	}
}

/* The allocation failing first in this run, 0 for none. */
static unsigned long fail_at;
static bool transient;

/* In transient mode, end the shortage once it has begun. */
static void recover(void)
{
	if (transient && fail_at && wdl_alloc_count() >= fail_at) {
		wdl_alloc_fail_from(0);
		fail_at = 0;
	}
}

static void on_diag(const wdilog_error *d, void *payload)
{
	(void)d;
	(void)payload;
	recover();
}

struct pieces {
	FILE *f;
};

static int read_piece(void *ctx, void *buf, size_t cap, size_t *got,
		      wdilog_error *err)
{
	struct pieces *p = ctx;
	recover();
	*got = fread(buf, 1, cap < 256 ? cap : 256, p->f);
	if (ferror(p->f)) {
		snprintf(err->message, sizeof(err->message), "read failed");
		return WDILOG_EIO;
	}
	return WDILOG_OK;
}

/* One run of the pipeline; frees everything it made. */
static void run(const char *path, struct outcome *o)
{
	wdilog_error err = { 0 };
	wdilog_options opts;
	wdilog_options_init(&opts);
	opts.diag = on_diag;
	memset(o, 0, sizeof(*o));

	wdilog_report *rep = NULL;
	int rc = wdilog_report_new(&rep, &opts, &err);
	note(o, rc, &err);
	if (rc < 0)
		return;
	wdilog_reader *r = NULL;
	struct pieces src = { .f = fopen(path, "rb") };
	if (!src.f) {
		perror(path);
		exit(2);
	}
	rc = transient ? wdilog_reader_open_callback(&r, read_piece, &src, path,
						      &opts, &err)
		       : wdilog_reader_open_path(&r, path, &opts, &err);
	note(o, rc, &err);
	if (rc == WDILOG_OK) {
		rc = wdilog_report_read(rep, r, &err);
		note(o, rc, &err);
		wdilog_reader_free(r);
	}
	if (o->rc == WDILOG_OK) {
		FILE *f = open_memstream(&o->json, &o->json_len);
		if (!f) {
			perror("open_memstream");
			exit(2);
		}
		rc = wdilog_report_render_json(rep, f, &err);
		note(o, rc, &err);
		fclose(f);
		FILE *devnull = fopen("/dev/null", "w");
		wdilog_text_style st = { .color = true, .unicode = true };
		rc = wdilog_report_render_text(rep, devnull, &st, &err);
		note(o, rc, &err);
		fclose(devnull);
	}
	wdilog_report_free(rep);
	fclose(src.f);
	/* libxml2 keeps the last error's text in a global; not ours */
	xmlResetLastError();
}

static size_t in_use(void)
{
#ifdef UNDER_ASAN
	return 0;
#else
	return mallinfo2().uordblks;
#endif
}

static int sweep(const char *path, bool temporary)
{
	struct outcome clean, o;
	int bad = 0;
	const char *how = temporary ? "transient" : "persistent";

	transient = temporary;
	fail_at = 0;
	run(path, &clean);            /* warm-up: libxml2 and stdio state */
	free(clean.json);
	wdl_alloc_fail_from(0);
	run(path, &clean);
	unsigned long total = wdl_alloc_count();
	if (clean.rc != WDILOG_OK) {
		printf("%s: the clean run failed: %s\n", path, clean.message);
		return 1;
	}

	unsigned long failed = 0, passed = 0;
	for (unsigned long n = 1; n <= total + 1; n++) {
		size_t before = in_use();
		fail_at = n;
		wdl_alloc_fail_from(n);
		run(path, &o);
		wdl_alloc_fail_from(0);
		if (o.rc == WDILOG_OK) {
			passed++;
			if (o.json_len != clean.json_len ||
			    memcmp(o.json, clean.json, o.json_len) != 0) {
				printf("%s: failing allocation %lu (%s) changed the "
				       "report without an error\n", path, n, how);
				bad = 1;
			}
		} else {
			failed++;
			if (o.rc != WDILOG_ENOMEM ||
			    strcmp(o.message, "out of memory") != 0) {
				printf("%s: failing allocation %lu (%s) gave %s: %s\n",
				       path, n, how, wdilog_status_name(o.rc),
				       o.message);
				bad = 1;
			}
		}
		free(o.json);
		size_t after = in_use();
		if (before != after) {
			printf("%s: failing allocation %lu (%s) leaks %zd bytes\n",
			       path, n, how, (ssize_t)(after - before));
			bad = 1;
		}
	}
	printf("%s: %s: %lu allocations; %lu runs ended in ENOMEM, %lu matched "
	       "the clean report\n", path, how, total, failed, passed);
	if (passed == 0 || (failed == 0 && !transient)) {
		printf("%s: the sweep did not reach both ends\n", path);
		bad = 1;
	}
	free(clean.json);
	return bad;
}

int main(int argc, char **argv)
{
	int bad = 0;
	if (argc < 2) {
		fputs("usage: alloc_sweep FILE...\n", stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		bad |= sweep(argv[i], false);
		bad |= sweep(argv[i], true);
	}
	return bad;
}
