/* render/json_writer: the layout it writes (members, one-line containers,
 * indentation to the deepest level), numbers at their limits, documents
 * longer than its buffer handed over a buffer at a time, and a write that
 * fails part way, for the writer and for a whole report. */
#include <wdilog/wdilog.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "parse/timestamp.h"
#include "render/json_writer.h"

/* A FILE that keeps what it is handed, write by write (unbuffered, so each
 * fwrite arrives as made), and refuses every byte past @c limit. */
struct tape {
	char *data;
	size_t len, cap;
	size_t nwrites;
	size_t odd_writes;          /* writes of another size than the buffer */
	size_t limit;
};

static ssize_t tape_write(void *cookie, const char *buf, size_t n)
{
	struct tape *t = cookie;
	if (t->len + n > t->limit)
		return 0;   /* refused (glibc takes a -1 here for a count) */
	if (t->len + n + 1 > t->cap) {
		t->cap = 2 * (t->len + n + 1);
		t->data = realloc(t->data, t->cap);
		if (!t->data)
			abort();
	}
	memcpy(t->data + t->len, buf, n);
	t->len += n;
	t->data[t->len] = '\0';
	t->nwrites++;
	if (n != WDL_JSON_BUF)
		t->odd_writes++;
	return (ssize_t)n;
}

static FILE *tape_open(struct tape *t, size_t limit)
{
	free(t->data);
	memset(t, 0, sizeof(*t));
	t->limit = limit;
	FILE *f = fopencookie(t, "w", (cookie_io_functions_t){ .write = tape_write });
	if (!f || setvbuf(f, NULL, _IONBF, 0) != 0)
		abort();
	return f;
}

static void test_layout(void)
{
	static struct tape t;
	FILE *f = tape_open(&t, SIZE_MAX);
	static struct wdl_json j;
	wdl_json_init(&j, f);
	wdl_json_object(&j, false);
	wdl_json_key(&j, "a"); wdl_json_uint(&j, UINT64_MAX);
	wdl_json_key(&j, "b"); wdl_json_int(&j, INT64_MIN);
	wdl_json_key(&j, "c"); wdl_json_int(&j, 0);
	wdl_json_key(&j, "d");
	wdl_json_object(&j, true);
	wdl_json_key(&j, "e"); wdl_json_bool(&j, true);
	wdl_json_key(&j, "f"); wdl_json_bool(&j, false);
	wdl_json_key(&j, "g"); wdl_json_null(&j);
	wdl_json_key(&j, "h");
	wdl_json_array(&j, false);           /* inside a one-line object */
	wdl_json_uint(&j, 1);
	wdl_json_raw(&j, "2.5");
	wdl_json_end_array(&j);
	wdl_json_end_object(&j);
	wdl_json_key(&j, "q"); wdl_json_string(&j, "x\xC3\xA9\x01\xff\"\n");
	wdl_json_key(&j, "empty");
	wdl_json_array(&j, false);
	wdl_json_end_array(&j);
	wdl_json_key(&j, "t");
	wdilog_time tm = { .seconds = 1066912060, .nanos = 173000000,
			   .digits = 3, .valid = true };
	wdl_json_time(&j, &tm);
	wdl_json_key(&j, "u");
	wdilog_time none = { 0 };
	wdl_json_time(&j, &none);
	wdl_json_key(&j, "list");
	wdl_json_array(&j, false);
	wdl_json_string_n(&j, "abc", 2);
	wdl_json_object(&j, true);
	wdl_json_end_object(&j);
	wdl_json_end_array(&j);
	wdl_json_end_object(&j);
	CHECK(wdl_json_finish(&j));
	fclose(f);
	CHECK_STR(t.data,
		  "{\n"
		  "  \"a\": 18446744073709551615,\n"
		  "  \"b\": -9223372036854775808,\n"
		  "  \"c\": 0,\n"
		  "  \"d\": {\"e\": true, \"f\": false, \"g\": null, \"h\": [1, 2.5]},\n"
		  "  \"q\": \"x\xC3\xA9\\u0001\\ufffd\\\"\\u000a\",\n"
		  "  \"empty\": [],\n"
		  "  \"t\": \"2003-10-23T12:27:40.173\",\n"
		  "  \"u\": null,\n"
		  "  \"list\": [\n"
		  "    \"ab\",\n"
		  "    {}\n"
		  "  ]\n"
		  "}\n");
	CHECK_EQ_U(t.nwrites, 1);
}

/* Sixteen levels, each on lines of its own, and one more that stays at
 * the deepest level. */
static void test_deepest_level(void)
{
	static struct tape t;
	FILE *f = tape_open(&t, SIZE_MAX);
	static struct wdl_json j;
	wdl_json_init(&j, f);
	for (int d = 0; d < WDL_JSON_DEPTH; d++)
		wdl_json_array(&j, false);
	wdl_json_uint(&j, 7);
	for (int d = 0; d < WDL_JSON_DEPTH; d++)
		wdl_json_end_array(&j);
	CHECK(wdl_json_finish(&j));
	fclose(f);
	char want[4096], *w = want;
	for (int d = 0; d < WDL_JSON_DEPTH; d++)
		w += sprintf(w, "%s%*s[", d ? "\n" : "", 2 * d, "");
	w += sprintf(w, "\n%*s7", 2 * WDL_JSON_DEPTH, "");
	for (int d = WDL_JSON_DEPTH - 1; d >= 0; d--)
		w += sprintf(w, "\n%*s]", 2 * d, "");
	sprintf(w, "\n");
	CHECK_STR(t.data, want);
}

/* Longer than the buffer: the same text, handed over in whole buffers
 * and one last piece. */
static void test_many_buffers(void)
{
	static struct tape t;
	FILE *f = tape_open(&t, SIZE_MAX);
	static struct wdl_json j;
	wdl_json_init(&j, f);
	wdl_json_array(&j, false);
	size_t n = 20000, cap = 32 * n, len = 0;
	char *want = malloc(cap);
	len += (size_t)snprintf(want + len, cap - len, "[");
	for (size_t i = 0; i < n; i++) {
		uint64_t v = (uint64_t)i * 2654435761u;
		wdl_json_uint(&j, v);
		len += (size_t)snprintf(want + len, cap - len, "%s\n  %" PRIu64,
					i ? "," : "", v);
	}
	wdl_json_end_array(&j);
	snprintf(want + len, cap - len, "\n]\n");
	CHECK(wdl_json_finish(&j));
	fclose(f);
	CHECK_STR(t.data, want);
	CHECK(t.nwrites > 10);
	CHECK_EQ_U(t.odd_writes, 1);
	free(want);
}

/* A write refused part way: the writer says so at the end. */
static void test_failed_write(void)
{
	static struct tape t;
	FILE *f = tape_open(&t, WDL_JSON_BUF + 100);
	static struct wdl_json j;
	wdl_json_init(&j, f);
	wdl_json_array(&j, true);
	for (int i = 0; i < 10000; i++)
		wdl_json_string(&j, "a string of some length");
	wdl_json_end_array(&j);
	CHECK(!wdl_json_finish(&j));
	fclose(f);
	CHECK(t.len >= WDL_JSON_BUF && t.len <= WDL_JSON_BUF + 100);
}

/* A report of many inputs is the same through any FILE, and one whose
 * write fails part way is an EIO. */
static void test_report(void)
{
	wdilog_options o;
	wdilog_options_init(&o);
	wdilog_report *rep = NULL;
	wdilog_error err = { 0 };
	CHECK(wdilog_report_new(&rep, &o, &err) == WDILOG_OK);
	static const char text[] =
		"[0]0A1C.0B2C::10/23/2003-12:27:40.173 [x]WDI_ASSOC_STATUS_SUCCESS (0)\n"
		"[0]0A1C.0B2C::10/23/2003-12:27:41.173 [x]AssocStatus: 41\n";
	for (int i = 0; i < 300; i++) {
		char name[64];
		snprintf(name, sizeof(name), "input-\"%d\"\t.txt", i);
		wdilog_reader *r = NULL;
		CHECK(wdilog_reader_open_memory(&r, text, sizeof(text) - 1, name, &o,
						&err) == WDILOG_OK);
		CHECK(wdilog_report_read(rep, r, &err) == WDILOG_OK);
		wdilog_reader_free(r);
	}
	char *ref = NULL;
	size_t ref_len = 0;
	FILE *m = open_memstream(&ref, &ref_len);
	CHECK(m && wdilog_report_render_json(rep, m, &err) == WDILOG_OK);
	fclose(m);
	CHECK(ref_len > 4 * WDL_JSON_BUF);
	CHECK(strstr(ref, "\"path\": \"input-\\\"299\\\"\\u0009.txt\"") != NULL);

	static struct tape t;
	FILE *f = tape_open(&t, SIZE_MAX);
	CHECK(wdilog_report_render_json(rep, f, &err) == WDILOG_OK);
	fclose(f);
	CHECK(t.len == ref_len && memcmp(t.data, ref, ref_len) == 0);
	CHECK(t.nwrites > 4);

	f = tape_open(&t, ref_len / 2);
	CHECK(wdilog_report_render_json(rep, f, &err) == WDILOG_EIO);
	fclose(f);
	CHECK(t.len <= ref_len / 2);
	free(t.data);
	t.data = NULL;
	free(ref);
	wdilog_report_free(rep);
}

/* A time as printf wrote it before the writer wrote times itself:
 * %04lld-%02u-%02uT%02d:%02d:%02d, the first digits of %09u, Z or
 * %c%02d:%02d. */
static void time_by_printf(const wdilog_time *t, char *dst, size_t cap)
{
	int64_t days = t->seconds / 86400, rem = t->seconds % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	int64_t y;
	unsigned m, d;
	wdl_civil_from_days(days, &y, &m, &d);
	char frac[16], zone[16] = "";
	snprintf(frac, sizeof(frac), "%09u", t->nanos);
	if (t->zoned && t->offset_minutes == 0)
		snprintf(zone, sizeof(zone), "Z");
	else if (t->zoned)
		snprintf(zone, sizeof(zone), "%c%02d:%02d",
			 t->offset_minutes < 0 ? '-' : '+',
			 abs(t->offset_minutes) / 60, abs(t->offset_minutes) % 60);
	snprintf(dst, cap, "\"%04lld-%02u-%02uT%02d:%02d:%02d%s%.*s%s\"",
		 (long long)y, m, d, (int)(rem / 3600), (int)(rem / 60 % 60),
		 (int)(rem % 60), t->digits ? "." : "", (int)t->digits, frac, zone);
}

/* Times over the whole range, each fraction length and zone, and those
 * outside four-digit years, 100-hour offsets or nine digits of fraction. */
static void test_times(void)
{
	static const int64_t secs[] = {
		0, 1, 59, 86399, 86400, -1, -86400, 951782400 /* 2000-02-29 */,
		1066912060, 4102444799, 253402300799 /* 9999-12-31T23:59:59 */,
		253402300800 /* 10000 */, -62167219200 /* 0000-01-01 */,
		-62167219201 /* year -1 */, INT64_C(-400000000000),
		INT64_C(400000000000),
	};
	static const uint32_t nanos[] = { 0, 1, 5, 999999999, 123456789, 100000000,
					  1000000000, 4294967295u };
	static const int16_t offs[] = { 0, 1, -1, 59, -60, 479, -720, 5999, -5999,
					6000, -6000, 32767, -32768 };
	int cases = 0, bad = 0;
	for (size_t a = 0; a < sizeof(secs) / sizeof(secs[0]); a++)
		for (size_t b = 0; b < sizeof(nanos) / sizeof(nanos[0]); b++)
			for (unsigned dg = 0; dg <= 9; dg++)
				for (size_t c = 0; c <= sizeof(offs) / sizeof(offs[0]); c++) {
					wdilog_time t = {
						.seconds = secs[a], .nanos = nanos[b],
						.digits = (uint8_t)dg, .valid = true,
						.zoned = c > 0,
						.offset_minutes = c ? offs[c - 1] : 0,
					};
					static struct tape tp;
					FILE *f = tape_open(&tp, SIZE_MAX);
					static struct wdl_json j;
					wdl_json_init(&j, f);
					wdl_json_time(&j, &t);
					wdl_json_flush(&j);
					fclose(f);
					char want[128];
					time_by_printf(&t, want, sizeof(want));
					cases++;
					if (strcmp(tp.data, want) != 0 && bad++ < 5)
						fprintf(stderr, "time %lld.%u/%u%+d: %s, expected %s\n",
							(long long)t.seconds, t.nanos, dg,
							t.offset_minutes, tp.data, want);
				}
	CHECK_MSG(bad == 0, "%d of %d times differ", bad, cases);
}

int main(void)
{
	test_layout();
	test_deepest_level();
	test_many_buffers();
	test_failed_write();
	test_report();
	test_times();
	return check_report("render/json_writer");
}
