/* Helpers shared by the fuzz targets: a byte source that hands data out in
 * small pieces (to move every buffer boundary around), a digest of the
 * events a parser produced (to compare two runs that must agree), and a
 * UTF-8 check. Everything is static so each target is one translation
 * unit plus the library. A failed check calls fuzz_fail(), which prints
 * and aborts: libFuzzer and the replay driver both report that as a
 * finding. */
#ifndef WDL_FUZZ_H
#define WDL_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

#include <wdilog/wdilog.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if defined(__GNUC__)
#define FUZZ_NORETURN __attribute__((noreturn, format(printf, 1, 2)))
#else
#define FUZZ_NORETURN
#endif

static inline FUZZ_NORETURN void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fuzz check failed: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

/* ---- a source that returns at most `piece` bytes per read ---- */

struct fuzz_source {
	const uint8_t *data;
	size_t size, pos;
	size_t piece;               /* 0: as much as asked for */
};

static inline int fuzz_source_read(void *ctx, void *buf, size_t cap,
				   size_t *got, wdilog_error *err)
{
	struct fuzz_source *s = ctx;
	size_t n = s->size - s->pos;
	(void)err;
	if (n > cap)
		n = cap;
	if (s->piece && n > s->piece)
		n = s->piece;
	if (n)
		memcpy(buf, s->data + s->pos, n);
	s->pos += n;
	*got = n;
	return WDILOG_OK;
}

/* ---- FNV-1a digest of a run ---- */

struct fuzz_digest {
	uint64_t h;
	uint64_t events;
	uint64_t kinds[4];
	/* The same over the events that are more than one more event
	 * without status, and how many were just that (counted ones too):
	 * what a caller that counts those sees (wdl_text_count_plain). */
	uint64_t sum;
	uint64_t plain;
};

static inline void fuzz_digest_init(struct fuzz_digest *d)
{
	memset(d, 0, sizeof(*d));
	d->h = 0xcbf29ce484222325u;
	d->sum = d->h;
}

static inline void fuzz_digest_bytes(struct fuzz_digest *d, const void *p,
				     size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		d->h ^= b[i];
		d->h *= 0x100000001b3u;
	}
}

static inline void fuzz_digest_u64(struct fuzz_digest *d, uint64_t v)
{
	fuzz_digest_bytes(d, &v, sizeof(v));
}

static inline void fuzz_digest_str(struct fuzz_digest *d, const char *s)
{
	if (!s) {
		fuzz_digest_u64(d, 0xffffffffu);
		return;
	}
	size_t n = strlen(s);
	fuzz_digest_u64(d, n);
	fuzz_digest_bytes(d, s, n);
}

static inline void fuzz_event_fields(struct fuzz_digest *d,
				     const wdilog_event *ev);

/* Every field of an event that a report or a caller can see. */
static inline void fuzz_digest_event(struct fuzz_digest *d,
				     const wdilog_event *ev)
{
	struct fuzz_digest e;
	fuzz_digest_init(&e);
	fuzz_event_fields(&e, ev);
	d->events++;
	d->kinds[ev->kind]++;
	fuzz_digest_u64(d, e.h);
	if (ev->kind == WDILOG_EVENT_WITHOUT_STATUS && !ev->nmalformed &&
	    !ev->wlan) {
		d->plain++;
		return;
	}
	for (int i = 0; i < 8; i++) {
		d->sum ^= (e.h >> (8 * i)) & 0xff;
		d->sum *= 0x100000001b3u;
	}
}

static inline void fuzz_event_fields(struct fuzz_digest *d,
				     const wdilog_event *ev)
{
	if ((unsigned)ev->kind > WDILOG_EVENT_DAMAGED)
		fuzz_fail("event kind %d out of range", (int)ev->kind);
	if (ev->kind != WDILOG_EVENT_WITH_STATUS && ev->nstatuses)
		fuzz_fail("%zu statuses on an event of kind %d", ev->nstatuses,
			  (int)ev->kind);
	if (ev->kind == WDILOG_EVENT_WITH_STATUS && !ev->nstatuses)
		fuzz_fail("event with status but no status values");
	d->events++;
	d->kinds[ev->kind]++;
	fuzz_digest_u64(d, (uint64_t)ev->kind);
	fuzz_digest_u64(d, ev->line);
	fuzz_digest_u64(d, ev->offset);
	fuzz_digest_u64(d, ev->nmalformed);
	fuzz_digest_u64(d, ev->nstatuses);
	for (size_t i = 0; i < ev->nstatuses; i++) {
		const wdilog_status_value *v = &ev->statuses[i];
		fuzz_digest_u64(d, v->has_code);
		if (v->has_code) {
			fuzz_digest_u64(d, v->code);
			for (size_t k = 0; k < i; k++)
				if (ev->statuses[k].has_code &&
				    ev->statuses[k].code == v->code)
					fuzz_fail("status %u twice in one event",
						  v->code);
		} else {
			if (!v->name)
				fuzz_fail("unknown status without a name");
			/* names are word characters by construction */
			for (const char *c = v->name; *c; c++)
				if (!((*c >= 'A' && *c <= 'Z') ||
				      (*c >= '0' && *c <= '9') || *c == '_'))
					fuzz_fail("status name byte 0x%02x",
						  (unsigned char)*c);
			fuzz_digest_str(d, v->name);
		}
	}
	if (ev->guid) {
		if (strlen(ev->guid) != 36)
			fuzz_fail("guid of length %zu", strlen(ev->guid));
		for (const char *c = ev->guid; *c; c++)
			if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f') ||
			      *c == '-'))
				fuzz_fail("guid byte 0x%02x", (unsigned char)*c);
	}
	fuzz_digest_str(d, ev->guid);
	if (ev->kind == WDILOG_EVENT_WITH_STATUS) {
		const wdilog_time *t = &ev->time;
		fuzz_digest_u64(d, t->valid);
		if (t->valid) {
			if (t->nanos >= 1000000000u || t->digits > 9)
				fuzz_fail("time fraction %u/%u", t->nanos,
					  t->digits);
			fuzz_digest_u64(d, (uint64_t)t->seconds);
			fuzz_digest_u64(d, t->nanos);
			fuzz_digest_u64(d, t->digits);
			fuzz_digest_u64(d, t->zoned);
			fuzz_digest_u64(d, (uint64_t)(int64_t)t->offset_minutes);
		}
	}
}

static inline void fuzz_digest_same(const struct fuzz_digest *a,
			     const struct fuzz_digest *b, const char *what)
{
	if (a->h == b->h && a->events == b->events)
		return;
	fuzz_fail("%s: runs disagree: %llu events (%llu/%llu/%llu/%llu) vs "
		  "%llu events (%llu/%llu/%llu/%llu)", what,
		  (unsigned long long)a->events,
		  (unsigned long long)a->kinds[0], (unsigned long long)a->kinds[1],
		  (unsigned long long)a->kinds[2], (unsigned long long)a->kinds[3],
		  (unsigned long long)b->events,
		  (unsigned long long)b->kinds[0], (unsigned long long)b->kinds[1],
		  (unsigned long long)b->kinds[2], (unsigned long long)b->kinds[3]);
}

/* ---- output checks ---- */

/* Length of the valid UTF-8 sequence at p, or 0. */
static inline size_t fuzz_utf8_len(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0];
	size_t n;
	uint32_t v, min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; v = c & 0x1Fu; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; v = c & 0x0Fu; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; v = c & 0x07u; min = 0x10000;
	} else {
		return 0;
	}
	if (n > avail)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[k] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return n;
}

/* Valid UTF-8, and (when @p terminal) nothing that could drive a
 * terminal: no C0 control but newline, no DEL, no C1 control. */
static inline void fuzz_check_text(const char *what, const char *s, size_t n,
			    bool terminal)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t k = fuzz_utf8_len(p + i, n - i);
		if (!k)
			fuzz_fail("%s: invalid UTF-8 at byte %zu (0x%02x)", what, i,
				  p[i]);
		if (terminal && k == 1 && ((p[i] < 0x20 && p[i] != '\n') ||
					   p[i] == 0x7f))
			fuzz_fail("%s: control byte 0x%02x at %zu", what, p[i], i);
		if (terminal && k == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0)
			fuzz_fail("%s: C1 control U+%04X at %zu", what, p[i + 1],
				  i);
		i += k;
	}
}

#endif
