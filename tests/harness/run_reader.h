/* Test helpers: run bytes through a reader into a report, and get the JSON
 * report or the list of events back as text. */
#ifndef WDILOG_TEST_RUN_READER_H
#define WDILOG_TEST_RUN_READER_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wdilog/wdilog.h>

/* Feeds at most `step` bytes per call, to exercise chunk boundaries. */
struct trickle {
	const unsigned char *data;
	size_t len, pos, step;
};

static inline int trickle_read(void *ctx, void *buf, size_t cap, size_t *got,
			       wdilog_error *err)
{
	struct trickle *t = ctx;
	size_t n = t->len - t->pos;
	(void)err;
	if (n > t->step)
		n = t->step;
	if (n > cap)
		n = cap;
	memcpy(buf, t->data + t->pos, n);
	t->pos += n;
	*got = n;
	return WDILOG_OK;
}

/* JSON report of @p data read @p step bytes at a time (0: all at once).
 * Caller frees. Returns NULL if the reader failed to open. */
static inline char *json_of(const void *data, size_t len, size_t step,
			    const wdilog_options *opts)
{
	wdilog_reader *r;
	struct trickle t = { data, len, 0, step ? step : len + 1 };
	if (wdilog_reader_open_callback(&r, trickle_read, &t, "input", opts,
					NULL) < 0)
		return NULL;
	wdilog_report *rep;
	if (wdilog_report_new(&rep, opts, NULL) < 0) {
		wdilog_reader_free(r);
		return NULL;
	}
	wdilog_report_read(rep, r, NULL);
	wdilog_reader_free(r);
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	wdilog_report_render_json(rep, f, NULL);
	fclose(f);
	wdilog_report_free(rep);
	return out;
}

/* One line per event: "kind line n=<statuses> m=<malformed> v=<values>"
 * with kind W (with status), N (without), U (undecoded), D (damaged). */
static inline char *events_of(const void *data, size_t len,
			      const wdilog_options *opts, const char **format)
{
	wdilog_reader *r;
	if (wdilog_reader_open_memory(&r, data, len, "input", opts, NULL) < 0)
		return NULL;
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	wdilog_event ev;
	while (wdilog_reader_next(r, &ev, NULL) == WDILOG_OK) {
		static const char kinds[] = "NWUD";
		fprintf(f, "%c%llu m=%zu", kinds[ev.kind],
			(unsigned long long)ev.line, ev.nmalformed);
		for (size_t i = 0; i < ev.nstatuses; i++) {
			if (ev.statuses[i].has_code)
				fprintf(f, " %u", ev.statuses[i].code);
			else
				fprintf(f, " %s", ev.statuses[i].name);
		}
		if (ev.guid)
			fprintf(f, " guid=%s", ev.guid);
		fputc('\n', f);
	}
	if (format)
		*format = strcmp(wdilog_reader_format(r), "wpp-text") == 0 ? "wpp-text"
			: strcmp(wdilog_reader_format(r), "plain-text") == 0 ? "plain-text"
			: strcmp(wdilog_reader_format(r), "event-xml") == 0 ? "event-xml"
			: "eventlog-text";
	fclose(f);
	wdilog_reader_free(r);
	return out;
}

static inline char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		if (!got)
			break;
		n += got;
	}
	fclose(f);
	*len = n;
	return buf;
}

#endif
