/* A small streaming JSON writer for the renderers: correct escaping,
 * indentation, and one place to notice a failed write. */
#ifndef WDL_JSON_WRITER_H
#define WDL_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <string.h>

#include <wdilog/reader.h>

#include "util/escape.h"

#define WDL_JSON_DEPTH 16
/* Output is gathered here and handed to the FILE a buffer at a time: a
 * report of 10,000 inputs is a quarter of a million small pieces. */
#define WDL_JSON_BUF 16384

struct wdl_json {
	struct wdl_sink sink;
	int depth;
	bool first[WDL_JSON_DEPTH];   /* no member written yet at this level */
	bool inline_[WDL_JSON_DEPTH]; /* container written on one line */
	bool after_key;
	char buf[WDL_JSON_BUF];       /* not cleared: written before read */
};

void wdl_json_init(struct wdl_json *j, FILE *out);
/* Open an object or array; @p one_line keeps it on a single line. */
void wdl_json_object(struct wdl_json *j, bool one_line);
void wdl_json_array(struct wdl_json *j, bool one_line);
void wdl_json_end_object(struct wdl_json *j);
void wdl_json_end_array(struct wdl_json *j);
/* A member name of the program's (not input: it is not escaped; printable
 * ASCII without '"' or '\\', asserted). */
void wdl_json_key_n(struct wdl_json *j, const char *key, size_t n);
/* A key's length is known when compiled when it is a literal. */
static inline void wdl_json_key(struct wdl_json *j, const char *key)
{
	wdl_json_key_n(j, key, strlen(key));
}
/* A string; bytes that are not valid UTF-8 become U+FFFD. */
void wdl_json_string(struct wdl_json *j, const char *s);
void wdl_json_string_n(struct wdl_json *j, const char *s, size_t n);
void wdl_json_uint(struct wdl_json *j, uint64_t v);
void wdl_json_int(struct wdl_json *j, int64_t v);
/* A value written as given: @p text must already be valid JSON (a number
 * formatted by the caller). */
void wdl_json_raw(struct wdl_json *j, const char *text);
void wdl_json_bool(struct wdl_json *j, bool v);
void wdl_json_null(struct wdl_json *j);
/* An ISO 8601 string, or null when !t->valid. */
void wdl_json_time(struct wdl_json *j, const wdilog_time *t);
/* Finish with a newline; false if any write failed. */
bool wdl_json_finish(struct wdl_json *j);
/* Hand what is gathered to the FILE, as when a renderer stops early. */
void wdl_json_flush(struct wdl_json *j);

#endif
