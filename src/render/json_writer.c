/* JSON output. Gathered in the writer's buffer and handed to the FILE a
 * buffer at a time; the renderer checks ferror() once at the end rather
 * than after every value. */
#include "render/json_writer.h"

#include <assert.h>
#include <string.h>

#include "parse/timestamp.h"

void wdl_json_init(struct wdl_json *j, FILE *out)
{
	wdl_sink_init(&j->sink, out, j->buf, sizeof(j->buf));
	j->depth = -1;
	memset(j->first, 0, sizeof(j->first));
	memset(j->inline_, 0, sizeof(j->inline_));
	j->after_key = false;
}

/* A line feed and two spaces a level, as one piece. */
static void newline(struct wdl_json *j)
{
	static const char indent[] = "\n                                ";
	_Static_assert(sizeof(indent) - 1 >= 1 + 2 * WDL_JSON_DEPTH,
		       "indentation for the deepest level");
	wdl_sink_put(&j->sink, indent, 1 + 2 * (size_t)(j->depth + 1));
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
		wdl_sink_byte(&j->sink, ',');
	if (j->inline_[j->depth]) {
		if (!j->first[j->depth])
			wdl_sink_byte(&j->sink, ' ');
	} else {
		newline(j);
	}
	j->first[j->depth] = false;
}

static void open_container(struct wdl_json *j, char c, bool one_line)
{
	before_item(j);
	wdl_sink_byte(&j->sink, c);
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
	wdl_sink_byte(&j->sink, c);
}

void wdl_json_object(struct wdl_json *j, bool one_line) { open_container(j, '{', one_line); }
void wdl_json_array(struct wdl_json *j, bool one_line) { open_container(j, '[', one_line); }
void wdl_json_end_object(struct wdl_json *j) { close_container(j, '}'); }
void wdl_json_end_array(struct wdl_json *j) { close_container(j, ']'); }

#ifndef NDEBUG
/* A member name of ours: printable ASCII with nothing to escape. */
static bool plain_key(const char *key, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (key[i] < 0x20 || key[i] > 0x7e || key[i] == '"' || key[i] == '\\')
			return false;
	return true;
}
#endif

/* Keys are the program's own member names, never input: written as they
 * are (a quarter of a million of them in a report of 10,000 inputs). */
void wdl_json_key_n(struct wdl_json *j, const char *key, size_t n)
{
	assert(plain_key(key, n));
	before_item(j);
	struct wdl_sink *s = &j->sink;
	if ((size_t)(s->end - s->p) >= n + 4) {
		char *p = s->p;
		*p++ = '"';
		memcpy(p, key, n);
		p += n;
		*p++ = '"';
		*p++ = ':';
		*p++ = ' ';
		s->p = p;
	} else {
		wdl_sink_byte(s, '"');
		wdl_sink_put(s, key, n);
		wdl_sink_lit(s, "\": ");
	}
	j->after_key = true;
}

void wdl_json_string_n(struct wdl_json *j, const char *s, size_t n)
{
	before_item(j);
	wdl_sink_byte(&j->sink, '"');
	wdl_escape_to(&j->sink, WDL_ESC_JSON, s, n);
	wdl_sink_byte(&j->sink, '"');
}

void wdl_json_string(struct wdl_json *j, const char *s)
{
	wdl_json_string_n(j, s, strlen(s));
}

void wdl_json_uint(struct wdl_json *j, uint64_t v)
{
	before_item(j);
	wdl_sink_u64(&j->sink, v);
}

void wdl_json_int(struct wdl_json *j, int64_t v)
{
	before_item(j);
	wdl_sink_i64(&j->sink, v);
}

void wdl_json_raw(struct wdl_json *j, const char *text)
{
	before_item(j);
	wdl_sink_put(&j->sink, text, strlen(text));
}

void wdl_json_bool(struct wdl_json *j, bool v)
{
	before_item(j);
	if (v)
		wdl_sink_lit(&j->sink, "true");
	else
		wdl_sink_lit(&j->sink, "false");
}

void wdl_json_null(struct wdl_json *j)
{
	before_item(j);
	wdl_sink_lit(&j->sink, "null");
}

void wdl_json_time(struct wdl_json *j, const wdilog_time *t)
{
	char buf[48];
	size_t n;
	if (!t->valid || !(n = wdl_time_format(t, buf, sizeof(buf)))) {
		wdl_json_null(j);
		return;
	}
	wdl_json_string_n(j, buf, n);
}

void wdl_json_flush(struct wdl_json *j)
{
	wdl_sink_flush(&j->sink);
}

bool wdl_json_finish(struct wdl_json *j)
{
	wdl_sink_byte(&j->sink, '\n');
	wdl_sink_flush(&j->sink);
	return !ferror(j->sink.out);
}
