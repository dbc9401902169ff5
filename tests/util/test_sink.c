/* util/escape's sink: the buffer the JSON writer gathers its output in.
 * Numbers at their limits, escapes cut by the end of the buffer, the
 * buffer handed over exactly when full, and a write that fails. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/escape.h"

/* A FILE that records each write it is handed (unbuffered, so each
 * fwrite arrives as it was made) and refuses every byte past @c limit. */
struct tape {
	char data[1 << 16];
	size_t len;
	size_t writes[256];         /* the size of each write */
	size_t nwrites;
	size_t limit;
};

static ssize_t tape_write(void *cookie, const char *buf, size_t n)
{
	struct tape *t = cookie;
	if (t->len + n > t->limit || t->len + n > sizeof(t->data))
		return 0;   /* refused (glibc takes a -1 here for a count) */
	memcpy(t->data + t->len, buf, n);
	t->len += n;
	if (t->nwrites < sizeof(t->writes) / sizeof(t->writes[0]))
		t->writes[t->nwrites] = n;
	t->nwrites++;
	return (ssize_t)n;
}

static FILE *tape_open(struct tape *t, size_t limit)
{
	memset(t, 0, sizeof(*t));
	t->limit = limit;
	FILE *f = fopencookie(t, "w", (cookie_io_functions_t){ .write = tape_write });
	if (!f || setvbuf(f, NULL, _IONBF, 0) != 0)
		abort();
	return f;
}

/* What the tape holds, as a string. */
static const char *tape_str(struct tape *t)
{
	t->data[t->len < sizeof(t->data) ? t->len : sizeof(t->data) - 1] = '\0';
	return t->data;
}

static const char *u64_text(uint64_t v)
{
	static struct tape t;
	FILE *f = tape_open(&t, sizeof(t.data));
	char buf[WDL_SINK_MIN];
	struct wdl_sink s;
	wdl_sink_init(&s, f, buf, sizeof(buf));
	wdl_sink_u64(&s, v);
	wdl_sink_flush(&s);
	fclose(f);
	return tape_str(&t);
}

static const char *i64_text(int64_t v)
{
	static struct tape t;
	FILE *f = tape_open(&t, sizeof(t.data));
	char buf[WDL_SINK_MIN];
	struct wdl_sink s;
	wdl_sink_init(&s, f, buf, sizeof(buf));
	wdl_sink_i64(&s, v);
	wdl_sink_flush(&s);
	fclose(f);
	return tape_str(&t);
}

static void test_numbers_at_their_limits(void)
{
	CHECK_STR(u64_text(0), "0");
	CHECK_STR(u64_text(9), "9");
	CHECK_STR(u64_text(10), "10");
	CHECK_STR(u64_text(99), "99");
	CHECK_STR(u64_text(100), "100");
	CHECK_STR(u64_text(UINT64_MAX), "18446744073709551615");
	CHECK_STR(i64_text(0), "0");
	CHECK_STR(i64_text(-1), "-1");
	CHECK_STR(i64_text(INT64_MAX), "9223372036854775807");
	CHECK_STR(i64_text(INT64_MIN), "-9223372036854775808");
	/* every power of ten and its neighbours, as printf writes them */
	char want[32];
	for (uint64_t p = 1, k = 0; k < 20; k++, p *= 10) {
		uint64_t v[] = { p - 1, p, p + 1 };
		for (int i = 0; i < 3; i++) {
			snprintf(want, sizeof(want), "%" PRIu64, v[i]);
			CHECK_STR(u64_text(v[i]), want);
			snprintf(want, sizeof(want), "%" PRId64, -(int64_t)(v[i] / 2));
			CHECK_STR(i64_text(-(int64_t)(v[i] / 2)), want);
		}
	}
	/* an even spread over the whole range */
	for (uint64_t v = 7; v < UINT64_MAX / 3; v = v * 3 + 1) {
		snprintf(want, sizeof(want), "%" PRIu64, v);
		CHECK_STR(u64_text(v), want);
	}
}

/* Right-aligned numbers: as "%*" PRIu64 for every width up to past the
 * longest number. */
static void test_numbers_in_columns(void)
{
	static const uint64_t v[] = { 0, 7, 42, 99999999, 100000000, UINT64_MAX };
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		for (int width = 0; width <= 24; width++) {
			static struct tape t;
			FILE *f = tape_open(&t, sizeof(t.data));
			char buf[WDL_SINK_MIN];
			struct wdl_sink s;
			wdl_sink_init(&s, f, buf, sizeof(buf));
			wdl_sink_u64_width(&s, v[i], width);
			wdl_sink_flush(&s);
			fclose(f);
			char want[64];
			snprintf(want, sizeof(want), "%*" PRIu64, width, v[i]);
			CHECK_STR(tape_str(&t), want);
		}
	}
}

/* The buffer goes out when full and not before, filled to its end: a
 * piece that does not fit is cut there; a piece of several buffers goes
 * out in whole buffers, its tail kept. */
static void test_buffer_handed_over_when_full(void)
{
	struct tape t;
	FILE *f = tape_open(&t, sizeof(t.data));
	char buf[WDL_SINK_MIN];
	const size_t size = sizeof(buf);
	struct wdl_sink s;
	wdl_sink_init(&s, f, buf, size);
	for (size_t i = 0; i < size; i++)
		wdl_sink_byte(&s, (char)('a' + i % 26));
	CHECK_EQ_U(t.nwrites, 0);           /* full, not yet handed over */
	wdl_sink_byte(&s, '!');
	CHECK_EQ_U(t.nwrites, 1);
	CHECK_EQ_U(t.writes[0], size);
	/* fill the rest exactly with a put, then one byte more */
	char piece[5 * WDL_SINK_MIN];
	for (size_t i = 0; i < sizeof(piece); i++)
		piece[i] = (char)('A' + i % 26);
	wdl_sink_put(&s, piece, size - 1);
	CHECK_EQ_U(t.nwrites, 1);
	wdl_sink_put(&s, "y", 1);
	CHECK_EQ_U(t.nwrites, 2);
	CHECK_EQ_U(t.writes[1], size);
	/* a piece the size of the buffer behind one byte: cut at the end */
	wdl_sink_put(&s, "z", 1);
	wdl_sink_put(&s, piece, size);
	CHECK_EQ_U(t.nwrites, 3);
	CHECK_EQ_U(t.writes[2], size);
	/* three buffers and more: the rest of this one, two whole, a tail */
	wdl_sink_put(&s, piece, 3 * size + 5);
	CHECK_EQ_U(t.nwrites, 5);
	CHECK_EQ_U(t.writes[3], size);
	CHECK_EQ_U(t.writes[4], 2 * size);
	wdl_sink_flush(&s);
	CHECK_EQ_U(t.nwrites, 6);
	wdl_sink_flush(&s);                 /* nothing left: no empty write */
	CHECK_EQ_U(t.nwrites, 6);
	fclose(f);
	/* the bytes in the order they were put */
	char want[16 * WDL_SINK_MIN], *w = want;
	for (size_t i = 0; i < size; i++)
		*w++ = (char)('a' + i % 26);
	*w++ = '!';
	memcpy(w, piece, size - 1);
	w += size - 1;
	*w++ = 'y';
	*w++ = 'z';
	memcpy(w, piece, size);
	w += size;
	memcpy(w, piece, 3 * size + 5);
	w += 3 * size + 5;
	CHECK_EQ_U(t.len, (size_t)(w - want));
	CHECK(t.len == (size_t)(w - want) && memcmp(t.data, want, t.len) == 0);
	CHECK_EQ_U(t.writes[5], t.len - 6 * size);
}

/* Each escape class, with a plain prefix of every length that puts the
 * escape across the end of the buffer: the same bytes as one escape into
 * a large buffer. */
static void test_escapes_across_the_buffer_end(void)
{
	static const char hostile[] = "\"\\\n\033\x7f\xC2\x9B\x9b\xE2\x80\xA8"
				      "caf\xC3\xA9\xF0\x9F\x93\xB6\xE2\x82";
	static const enum wdl_esc modes[] = {
		WDL_ESC_TEXT, WDL_ESC_MARKDOWN, WDL_ESC_GITHUB,
		WDL_ESC_GITHUB_PROPERTY, WDL_ESC_XML, WDL_ESC_XML_ATTR,
		WDL_ESC_HTML, WDL_ESC_JSON,
	};
	for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		for (size_t pad = 0; pad <= WDL_SINK_MIN + 2; pad++) {
			char in[WDL_SINK_MIN + 2 + sizeof(hostile)];
			memset(in, 'p', pad);
			memcpy(in + pad, hostile, sizeof(hostile) - 1);
			size_t n = pad + sizeof(hostile) - 1;

			static struct tape small, large;
			FILE *fs = tape_open(&small, sizeof(small.data));
			char buf[WDL_SINK_MIN];
			struct wdl_sink s;
			wdl_sink_init(&s, fs, buf, sizeof(buf));
			wdl_escape_to(&s, modes[m], in, n);
			wdl_sink_flush(&s);
			fclose(fs);

			FILE *fl = tape_open(&large, sizeof(large.data));
			static char big[8192];
			wdl_sink_init(&s, fl, big, sizeof(big));
			wdl_escape_to(&s, modes[m], in, n);
			wdl_sink_flush(&s);
			fclose(fl);
			CHECK_MSG(large.nwrites == 1, "mode %zu: %zu writes", m, large.nwrites);
			CHECK_MSG(small.len == large.len &&
				  memcmp(small.data, large.data, small.len) == 0,
				  "mode %zu, %zu plain bytes first: differs", m, pad);
		}
	}
	/* and what the large one wrote, for JSON */
	static struct tape t;
	FILE *f = tape_open(&t, sizeof(t.data));
	wdl_escape(f, WDL_ESC_JSON, hostile, sizeof(hostile) - 1);
	fclose(f);
	CHECK_STR(tape_str(&t), "\\\"\\\\\\u000a\\u001b\\u007f\\u009b\\ufffd\\u2028"
				"caf\xC3\xA9\xF0\x9F\x93\xB6\\ufffd\\ufffd");
}

/* A string longer than the FILE-side escaper's own buffer. */
static void test_long_string(void)
{
	static char in[5000];
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = i % 100 == 99 ? '\t' : (char)('a' + i % 26);
	static struct tape t;
	FILE *f = tape_open(&t, sizeof(t.data));
	wdl_escape(f, WDL_ESC_JSON, in, sizeof(in));
	fclose(f);
	size_t at = 0;
	bool same = true;
	for (size_t i = 0; i < sizeof(in) && same; i++) {
		if (in[i] == '\t') {
			same = at + 6 <= t.len && memcmp(t.data + at, "\\u0009", 6) == 0;
			at += 6;
		} else {
			same = at < t.len && t.data[at] == in[i];
			at++;
		}
	}
	CHECK(same);
	CHECK_EQ_U(t.len, sizeof(in) + 5 * (sizeof(in) / 100));
}

/* A write refused part way shows as the FILE's error, as stdio's own
 * writes did. */
static void test_failed_write_is_seen(void)
{
	struct tape t;
	FILE *f = tape_open(&t, 100);
	char buf[WDL_SINK_MIN];
	struct wdl_sink s;
	wdl_sink_init(&s, f, buf, sizeof(buf));
	for (int i = 0; i < 1000; i++)
		wdl_sink_u64(&s, (uint64_t)i);
	wdl_sink_flush(&s);
	CHECK(ferror(f));
	CHECK(t.len <= 100);
	fclose(f);
}

/* @p n bytes of @p in escaped for @p mode into @p out (NUL-ended). */
static void esc_into(enum wdl_esc mode, const char *in, size_t n, char *out,
		     size_t cap)
{
	FILE *f = fmemopen(out, cap, "w");
	if (!f)
		abort();
	wdl_escape(f, mode, in, n);
	fputc('\0', f);
	fclose(f);
}

/* The scan that passes plain text eight bytes at a time agrees with the
 * rules on every byte value, wherever it stands: in the first word, the
 * last (overlapping) word, a string shorter than a word. The printable
 * ASCII each format quotes (formats.md and escape.h, written out here once
 * more); every other byte below 0x20 (but XML's tab and line feed), DEL
 * and every byte from 0x80 (alone, so not UTF-8) is never written as it
 * is. */
static void test_scan_agrees_for_every_byte(void)
{
	static const struct {
		enum wdl_esc mode;
		const char *quoted;
	} modes[] = {
		{ WDL_ESC_TEXT, "" },
		{ WDL_ESC_MARKDOWN, "\\`*_{}[]<>()#+-.!|~&$@:" },
		{ WDL_ESC_GITHUB, "%" },
		{ WDL_ESC_GITHUB_PROPERTY, "%:," },
		{ WDL_ESC_XML, "&<>" },
		{ WDL_ESC_XML_ATTR, "&<>\"" },
		{ WDL_ESC_HTML, "&<>\"'" },
		{ WDL_ESC_JSON, "\"\\" },
	};
	static const size_t lens[] = { 1, 2, 5, 7, 8, 9, 15, 16, 17, 23 };
	for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		for (unsigned c = 1; c < 256; c++) {
			char one[64];
			char ch = (char)c;
			esc_into(modes[m].mode, &ch, 1, one, sizeof(one));
			size_t olen = strlen(one);
			bool plain = c >= 0x20 && c < 0x7f &&
				     !strchr(modes[m].quoted, (int)c);
			bool as_is = plain;
			if (modes[m].mode == WDL_ESC_XML && (c == '\t' || c == '\n'))
				as_is = true;
			CHECK_MSG(as_is == (olen == 1 && one[0] == ch),
				  "mode %zu, byte 0x%02x alone: \"%s\"", m, c, one);
			for (size_t l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
				size_t n = lens[l];
				for (size_t at = 0; at < n; at++) {
					char in[32], got[256], want[256];
					memset(in, 'k', n);
					in[at] = ch;
					esc_into(modes[m].mode, in, n, got, sizeof(got));
					CHECK_MSG(wdl_escape_plain(modes[m].mode, in, n) ==
						  (plain ? n : at),
						  "mode %zu, byte 0x%02x at %zu of %zu: plain %zu",
						  m, c, at, n, wdl_escape_plain(modes[m].mode, in, n));
					memset(want, 'k', at);
					memcpy(want + at, one, olen);
					memset(want + at + olen, 'k', n - at - 1);
					want[n - 1 + olen] = '\0';
					CHECK_MSG(strcmp(got, want) == 0,
						  "mode %zu, byte 0x%02x at %zu of %zu: \"%s\"",
						  m, c, at, n, got);
				}
			}
		}
	}
}

int main(void)
{
	test_numbers_at_their_limits();
	test_numbers_in_columns();
	test_buffer_handed_over_when_full();
	test_escapes_across_the_buffer_end();
	test_long_string();
	test_scan_agrees_for_every_byte();
	test_failed_write_is_seen();
	return check_report("util/sink");
}
