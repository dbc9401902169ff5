/* Fuzz target: the whole public pipeline. wdilog_reader_open_memory (and
 * _callback with small reads) -> wdilog_report_read -> the JSON and text
 * renderings, the way the CLI uses them. The input is the file as is. The
 * input is named with markup, quotes, an escape sequence, C0/C1 controls
 * and an invalid byte, so every run also checks that the name is escaped.
 * Checks:
 *  - events = with_status + without_status + undecoded + damaged, in the
 *    totals, per input, and in the JSON;
 *  - the JSON parses, and its totals and path match what went in;
 *  - the text report is valid UTF-8 with no control character but
 *    newline, and with colour on, ESC only starts an SGR sequence;
 *  - full_parse and small reads give the same JSON. */
#include "fuzz.h"

#include <jansson.h>

#define NAME "fuzz <b x=\"1\" y='2'>&amp;\x1b[31m\xc2\x9b\x7f\t\r\n\xff</b>"
/* what JSON must decode the name to: only the invalid byte changes */
#define NAME_JSON "fuzz <b x=\"1\" y='2'>&amp;\x1b[31m\xc2\x9b\x7f\t\r\n" \
		  "\xef\xbf\xbd</b>"

struct mem {
	char *p;
	size_t len;
};

static void mem_free(struct mem *m)
{
	free(m->p);
	m->p = NULL;
	m->len = 0;
}

static void on_diag(const wdilog_error *d, void *payload)
{
	(void)payload;
	if (strnlen(d->message, sizeof(d->message)) == sizeof(d->message))
		fuzz_fail("diagnostic message not NUL-terminated");
}

enum how { WHOLE, PIECES };

/* Read @p data into a new report; renders into @p json and @p text. */
static void run(const uint8_t *data, size_t size, enum how how, bool full,
		struct mem *json, struct mem *text, struct mem *color,
		wdilog_totals *totals)
{
	wdilog_options opts;
	wdilog_options_init(&opts);
	opts.full_parse = full;
	opts.diag = on_diag;
	wdilog_error err = { 0 };
	wdilog_report *rep;
	if (wdilog_report_new(&rep, &opts, &err) < 0)
		fuzz_fail("report_new: %s", err.message);
	wdilog_reader *r;
	struct fuzz_source src = { .data = data, .size = size, .piece = 5 };
	int rc = how == WHOLE
		? wdilog_reader_open_memory(&r, data, size, NAME, &opts, &err)
		: wdilog_reader_open_callback(&r, fuzz_source_read, &src, NAME,
					      &opts, &err);
	if (rc < 0)
		fuzz_fail("reader open: %s", err.message);
	rc = wdilog_report_read(rep, r, &err);
	if (rc < 0 && rc != WDILOG_EFORMAT)
		fuzz_fail("report_read: %d %s", rc, err.message);
	if (rc < 0 && strnlen(err.message, sizeof(err.message)) ==
		      sizeof(err.message))
		fuzz_fail("error message not NUL-terminated");
	const char *fmt = wdilog_reader_format(r);
	const char *enc = wdilog_reader_encoding(r);
	if (!fmt || !enc)
		fuzz_fail("format or encoding NULL");
	wdilog_reader_free(r);

	wdilog_report_totals(rep, totals);
	const wdilog_totals *t = totals;
	if (t->events != t->with_status + t->without_status + t->undecoded +
			 t->damaged)
		fuzz_fail("events %llu != %llu + %llu + %llu + %llu",
			  (unsigned long long)t->events,
			  (unsigned long long)t->with_status,
			  (unsigned long long)t->without_status,
			  (unsigned long long)t->undecoded,
			  (unsigned long long)t->damaged);
	if (t->statuses != t->failures + t->benign + t->successes + t->unknown)
		fuzz_fail("statuses do not add up by kind");
	if (t->events > 3 * (uint64_t)size + 8)
		fuzz_fail("%llu events from %zu bytes",
			  (unsigned long long)t->events, size);

	FILE *f = open_memstream(&json->p, &json->len);
	if (!f || wdilog_report_render_json(rep, f, &err) < 0)
		fuzz_fail("render_json");
	fclose(f);
	wdilog_text_style plain = { .color = false, .unicode = true };
	f = open_memstream(&text->p, &text->len);
	if (!f || wdilog_report_render_text(rep, f, &plain, &err) < 0)
		fuzz_fail("render_text");
	fclose(f);
	wdilog_text_style ansi = { .color = true, .unicode = false };
	f = open_memstream(&color->p, &color->len);
	if (!f || wdilog_report_render_text(rep, f, &ansi, &err) < 0)
		fuzz_fail("render_text with colour");
	fclose(f);
	wdilog_report_free(rep);
}

static uint64_t member(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_integer(v))
		fuzz_fail("JSON member %s missing or not an integer", key);
	return (uint64_t)json_integer_value(v);
}

static void check_json(const struct mem *m, const wdilog_totals *t)
{
	json_error_t jerr;
	fuzz_check_text("json", m->p, m->len, false);
	for (size_t i = 0; i < m->len; i++) {
		unsigned char c = (unsigned char)m->p[i];
		if ((c < 0x20 && c != '\n') || c == 0x7f)
			fuzz_fail("raw control 0x%02x in the JSON", c);
	}
	json_t *root = json_loadb(m->p, m->len, 0, &jerr);
	if (!root)
		fuzz_fail("JSON does not parse: %s (line %d)", jerr.text,
			  jerr.line);
	json_t *tot = json_object_get(root, "totals");
	uint64_t ev = member(tot, "events");
	if (ev != t->events || member(tot, "damaged") != t->damaged ||
	    member(tot, "statuses") != t->statuses)
		fuzz_fail("JSON totals differ from the report's");
	if (ev != member(tot, "with_status") + member(tot, "without_status") +
		  member(tot, "undecoded") + member(tot, "damaged"))
		fuzz_fail("JSON totals do not add up");
	json_t *inputs = json_object_get(root, "inputs");
	if (json_array_size(inputs) != 1)
		fuzz_fail("JSON has %zu inputs", json_array_size(inputs));
	json_t *in = json_array_get(inputs, 0);
	if (member(in, "events") != ev)
		fuzz_fail("the input's events differ from the total");
	const char *path = json_string_value(json_object_get(in, "path"));
	if (!path || strcmp(path, NAME_JSON) != 0)
		fuzz_fail("JSON path is not the name escaped");
	json_decref(root);
}

/* ESC only as the start of an SGR sequence, ESC [ digits/; m. */
static void check_color(const struct mem *m)
{
	for (size_t i = 0; i < m->len; i++) {
		if (m->p[i] != 0x1b)
			continue;
		size_t k = i + 1;
		if (k >= m->len || m->p[k] != '[')
			fuzz_fail("ESC not followed by [ at %zu", i);
		k++;
		while (k < m->len && ((m->p[k] >= '0' && m->p[k] <= '9') ||
				      m->p[k] == ';'))
			k++;
		if (k >= m->len || m->p[k] != 'm')
			fuzz_fail("escape sequence at %zu is not SGR", i);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mem json = { 0 }, text = { 0 }, color = { 0 };
	struct mem json2 = { 0 }, text2 = { 0 }, color2 = { 0 };
	wdilog_totals t, t2;

	run(data, size, WHOLE, false, &json, &text, &color, &t);
	check_json(&json, &t);
	fuzz_check_text("text report", text.p, text.len, true);
	check_color(&color);

	run(data, size, WHOLE, true, &json2, &text2, &color2, &t2);
	if (json.len != json2.len || memcmp(json.p, json2.p, json.len) != 0)
		fuzz_fail("full_parse changes the JSON report");
	mem_free(&json2);
	mem_free(&text2);
	mem_free(&color2);

	run(data, size, PIECES, false, &json2, &text2, &color2, &t2);
	if (json.len != json2.len || memcmp(json.p, json2.p, json.len) != 0)
		fuzz_fail("small reads change the JSON report");

	mem_free(&json);
	mem_free(&text);
	mem_free(&color);
	mem_free(&json2);
	mem_free(&text2);
	mem_free(&color2);
	return 0;
}
