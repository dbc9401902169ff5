/* The one escaper: every string that came from an input (names, paths,
 * messages, GUIDs) goes through here on its way to any output. One core
 * decides what is a C0 control, DEL, a C1 control or a byte that is not
 * UTF-8, the same way for every format; a format only chooses how each of
 * those is written and which of its own characters it must quote. Also
 * compiled into the CLI, for diagnostics. */
#ifndef WDL_ESCAPE_H
#define WDL_ESCAPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum wdl_esc {
	/* terminal text and diagnostics: \xNN for controls and bad bytes,
	 * \u00NN for C1 */
	WDL_ESC_TEXT,
	/* CommonMark inline text: ASCII punctuation backslash-quoted ('@' split
	 * by an empty comment so GitHub finds no address), the
	 * escapes of TEXT with their backslash doubled so it shows */
	WDL_ESC_MARKDOWN,
	/* GitHub workflow command message: %, CR and LF percent-encoded */
	WDL_ESC_GITHUB,
	/* GitHub workflow command property value: also ':' and ',' */
	WDL_ESC_GITHUB_PROPERTY,
	/* XML 1.0 character data (JUnit): markup as entities, U+FFFE/U+FFFF
	 * that XML cannot carry as \uFFFE */
	WDL_ESC_XML,
	/* XML 1.0 attribute value: also quote, tab and line ends */
	WDL_ESC_XML_ATTR,
	/* HTML text or quoted attribute: markup as references, every control
	 * and bad byte as U+FFFD */
	WDL_ESC_HTML,
	/* JSON string content: \uNNNN, \ufffd for bad bytes, U+2028/U+2029
	 * escaped for JavaScript readers */
	WDL_ESC_JSON,
};

/* Write s[0, n) to @p out escaped for @p mode. */
void wdl_escape(FILE *out, enum wdl_esc mode, const char *s, size_t n);

/* Where a writer of many small pieces (the JSON writer) puts its bytes: a
 * buffer of the caller's, handed to the FILE in one fwrite when full (filled
 * to its end) and at wdl_sink_flush, so stdio's cost is paid per buffer,
 * not per piece. A
 * failed write shows as the FILE's error indicator, as before. */
struct wdl_sink {
	char *p;                    /* next free byte */
	char *end;                  /* one past the buffer */
	char *buf;
	FILE *out;
};

/* The buffer must hold at least WDL_SINK_MIN bytes (a number, an escape). */
#define WDL_SINK_MIN 64

void wdl_sink_init(struct wdl_sink *s, FILE *out, char *buf, size_t size);
/* Hand what is buffered to the FILE (which may keep it in its own buffer). */
void wdl_sink_flush(struct wdl_sink *s);
void wdl_sink_put_long(struct wdl_sink *s, const void *d, size_t n);

static inline void wdl_sink_put(struct wdl_sink *s, const void *d, size_t n)
{
	if ((size_t)(s->end - s->p) >= n) {
		memcpy(s->p, d, n);
		s->p += n;
	} else {
		wdl_sink_put_long(s, d, n);
	}
}

static inline void wdl_sink_byte(struct wdl_sink *s, char c)
{
	if (s->p == s->end)
		wdl_sink_flush(s);
	*s->p++ = c;
}

/* A string literal, its length known when compiled. */
#define wdl_sink_lit(s, lit) wdl_sink_put((s), "" lit, sizeof(lit) - 1)

/* Decimal, as printf's PRIu64 and PRId64 write it. */
void wdl_sink_u64(struct wdl_sink *s, uint64_t v);
void wdl_sink_i64(struct wdl_sink *s, int64_t v);
/* Right-aligned in @p width columns, as "%*" PRIu64 writes it. */
void wdl_sink_u64_width(struct wdl_sink *s, uint64_t v, int width);

/* wdl_escape into a sink. */
void wdl_escape_to(struct wdl_sink *s, enum wdl_esc mode, const char *str, size_t n);

/* How many bytes from the start of s[0, n) @p mode writes as they are
 * (printable ASCII it does not quote). */
size_t wdl_escape_plain(enum wdl_esc mode, const char *s, size_t n);

/* The same for a NUL-terminated string. */
void wdl_escape_str(FILE *out, enum wdl_esc mode, const char *s);

#endif
