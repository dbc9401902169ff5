/* JSON output. Writes straight to the FILE; the renderer checks ferror()
 * once at the end rather than after every value. */
#include "render/json_writer.h"

#include <inttypes.h>
#include <string.h>

#include "parse/timestamp.h"
#include "util/escape.h"

void wdl_json_init(struct wdl_json *j, FILE *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->depth = -1;
}

static void newline(struct wdl_json *j)
{
	fputc('\n', j->out);
	for (int i = 0; i <= j->depth; i++)
		fputs("  ", j->out);
}

/* Separator and indentation before a value or key at the current level. */
static void before_item(struct wdl_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth < 0)
		return;
	if (!j->first[j->depth])
		fputc(',', j->out);
	if (j->inline_[j->depth]) {
		if (!j->first[j->depth])
			fputc(' ', j->out);
	} else {
		newline(j);
	}
	j->first[j->depth] = false;
}

static void open_container(struct wdl_json *j, char c, bool one_line)
{
	before_item(j);
	fputc(c, j->out);
	if (j->depth + 1 < WDL_JSON_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
	j->inline_[j->depth] = one_line || (j->depth > 0 && j->inline_[j->depth - 1]);
}

static void close_container(struct wdl_json *j, char c)
{
	bool empty = j->first[j->depth], one_line = j->inline_[j->depth];
	j->depth--;
	if (!empty && !one_line)
		newline(j);
	fputc(c, j->out);
}

void wdl_json_object(struct wdl_json *j, bool one_line) { open_container(j, '{', one_line); }
void wdl_json_array(struct wdl_json *j, bool one_line) { open_container(j, '[', one_line); }
void wdl_json_end_object(struct wdl_json *j) { close_container(j, '}'); }
void wdl_json_end_array(struct wdl_json *j) { close_container(j, ']'); }

void wdl_json_key(struct wdl_json *j, const char *key)
{
	before_item(j);
	fputc('"', j->out);
	wdl_escape(j->out, WDL_ESC_JSON, key, strlen(key));
	fputs("\": ", j->out);
	j->after_key = true;
}

void wdl_json_string_n(struct wdl_json *j, const char *s, size_t n)
{
	before_item(j);
	fputc('"', j->out);
	wdl_escape(j->out, WDL_ESC_JSON, s, n);
	fputc('"', j->out);
}

void wdl_json_string(struct wdl_json *j, const char *s)
{
	wdl_json_string_n(j, s, strlen(s));
}

void wdl_json_uint(struct wdl_json *j, uint64_t v)
{
	before_item(j);
	fprintf(j->out, "%" PRIu64, v);
}

void wdl_json_int(struct wdl_json *j, int64_t v)
{
	before_item(j);
	fprintf(j->out, "%" PRId64, v);
}

void wdl_json_raw(struct wdl_json *j, const char *text)
{
	before_item(j);
	fputs(text, j->out);
}

void wdl_json_bool(struct wdl_json *j, bool v)
{
	before_item(j);
	fputs(v ? "true" : "false", j->out);
}

void wdl_json_null(struct wdl_json *j)
{
	before_item(j);
	fputs("null", j->out);
}

void wdl_json_time(struct wdl_json *j, const wdilog_time *t)
{
	char buf[48];
	if (!t->valid || !wdl_time_format(t, buf, sizeof(buf))) {
		wdl_json_null(j);
		return;
	}
	wdl_json_string(j, buf);
}

bool wdl_json_finish(struct wdl_json *j)
{
	fputc('\n', j->out);
	return !ferror(j->out);
}
