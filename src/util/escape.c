/* One core walks the string and sorts every piece into printable ASCII, a
 * character the format quotes, a C0 control or DEL, a C1 control, a valid
 * UTF-8 sequence, or a byte that is not UTF-8. The per-format policy below
 * only says how each kind is spelled. */
#include "util/escape.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

/* How a control or a bad byte is written, given its value. */
enum spell {
	SPELL_HEX,          /* \x1b */
	SPELL_HEX_MD,       /* \\x1b: the backslash itself quoted */
	SPELL_U,            /* \u009b */
	SPELL_U_MD,         /* \\u009b */
	SPELL_FFFD,         /* U+FFFD, the replacement character */
	SPELL_U_FFFD,       /* \ufffd */
};

/* Code points above ASCII a format must not carry as they are. */
enum wide {
	WIDE_NONE,
	WIDE_JS_SEPARATORS,         /* U+2028, U+2029 end JavaScript lines */
	WIDE_XML_NONCHARS,          /* U+FFFE, U+FFFF are not XML 1.0 characters */
};

struct policy {
	const char *const *quote;   /* 128 entries: ASCII written otherwise */
	/* the printable ones among them (' ' to '~'), each repeated over a
	 * word, for the scan eight bytes at a time (no word when too many: a
	 * byte at a time) */
	uint64_t quoted[5];
	int nquoted;                /* -1: a byte at a time */
	enum spell control;         /* C0 controls and DEL not in quote */
	enum spell c1;
	enum spell bad;             /* a byte that starts no valid sequence */
	enum wide wide;
};

/* GitHub's autolinks see through backslash escapes and references:
 * "a\@b\.c" and "a&#64;b.c" still become mailto: links. An empty HTML
 * comment after '@' splits the text so no address is found; a quoted ':'
 * keeps "http://" from starting a link (a quoted '.' already stops
 * "www."). */
static const char *const markdown_quote[128] = {
	['\\'] = "\\\\", ['`'] = "\\`", ['*'] = "\\*", ['_'] = "\\_",
	['{'] = "\\{", ['}'] = "\\}", ['['] = "\\[", [']'] = "\\]",
	['<'] = "\\<", ['>'] = "\\>", ['('] = "\\(", [')'] = "\\)",
	['#'] = "\\#", ['+'] = "\\+", ['-'] = "\\-", ['.'] = "\\.",
	['!'] = "\\!", ['|'] = "\\|", ['~'] = "\\~", ['&'] = "\\&",
	['$'] = "\\$", ['@'] = "@<!-- -->", [':'] = "\\:",
};

static const char *const github_quote[128] = {
	['%'] = "%25", ['\r'] = "%0D", ['\n'] = "%0A",
};

static const char *const github_property_quote[128] = {
	['%'] = "%25", ['\r'] = "%0D", ['\n'] = "%0A",
	[':'] = "%3A", [','] = "%2C",
};

/* tab and line feed are XML characters and stay; a raw CR would be read
 * back as a line feed */
static const char *const xml_quote[128] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
	['\t'] = "\t", ['\n'] = "\n", ['\r'] = "&#13;",
};

/* attribute values are normalized by parsers: white space as references */
static const char *const xml_attr_quote[128] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
	['\t'] = "&#9;", ['\n'] = "&#10;", ['\r'] = "&#13;",
};

static const char *const html_quote[128] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
	['\''] = "&#39;", ['\t'] = "&#9;", ['\n'] = "&#10;",
};

static const char *const json_quote[128] = {
	['"'] = "\\\"", ['\\'] = "\\\\",
};

static const char *const no_quote[128] = { 0 };

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)
#define REP(c) ((uint64_t)(unsigned char)(c) * ONES)

static const struct policy policies[] = {
	[WDL_ESC_TEXT] = { no_quote, { 0 }, 0, SPELL_HEX, SPELL_U, SPELL_HEX,
			   WIDE_NONE },
	[WDL_ESC_MARKDOWN] = { markdown_quote, { 0 }, -1, SPELL_HEX_MD, SPELL_U_MD,
			       SPELL_HEX_MD, WIDE_NONE },
	[WDL_ESC_GITHUB] = { github_quote, { REP('%') }, 1, SPELL_HEX, SPELL_U,
			     SPELL_HEX, WIDE_NONE },
	[WDL_ESC_GITHUB_PROPERTY] = { github_property_quote,
				      { REP('%'), REP(':'), REP(',') }, 3,
				      SPELL_HEX, SPELL_U, SPELL_HEX, WIDE_NONE },
	[WDL_ESC_XML] = { xml_quote, { REP('&'), REP('<'), REP('>') }, 3,
			  SPELL_HEX, SPELL_U, SPELL_HEX, WIDE_XML_NONCHARS },
	[WDL_ESC_XML_ATTR] = { xml_attr_quote,
			       { REP('&'), REP('<'), REP('>'), REP('"') }, 4,
			       SPELL_HEX, SPELL_U, SPELL_HEX, WIDE_XML_NONCHARS },
	[WDL_ESC_HTML] = { html_quote,
			   { REP('&'), REP('<'), REP('>'), REP('"'), REP('\'') }, 5,
			   SPELL_FFFD, SPELL_FFFD, SPELL_FFFD, WIDE_NONE },
	[WDL_ESC_JSON] = { json_quote, { REP('"'), REP('\\') }, 2, SPELL_U, SPELL_U,
			   SPELL_U_FFFD, WIDE_JS_SEPARATORS },
};

/* Non-zero when some byte of @p w is zero (a borrow can mark bytes above a
 * zero byte too, never a word without one). */
static inline uint64_t zero_byte(uint64_t w)
{
	return (w - ONES) & ~w & HIGHS;
}

/* Whether all eight bytes of @p w go out as they are: printable ASCII the
 * format does not quote. */
static inline bool plain_word(const struct policy *pol, uint64_t w)
{
	/* a byte below 0x20 or from 0x80 (as with zero_byte, a borrow marks
	 * only bytes above one that is), or DEL */
	uint64_t odd = ((w - 0x20 * ONES) | w) & HIGHS;
	odd |= zero_byte(w ^ (0x7f * ONES));
	for (int k = 0; k < pol->nquoted; k++)
		odd |= zero_byte(w ^ pol->quoted[k]);
	return !odd;
}

static inline bool plain_byte(const struct policy *pol, unsigned char c)
{
	return c >= 0x20 && c < 0x7f && !pol->quote[c];
}

/* How many bytes from the start of p[0, n) go out as they are. */
static size_t plain_run(const struct policy *pol, const unsigned char *p, size_t n)
{
	size_t i = 0;
	if (pol->nquoted >= 0) {
		uint64_t w;
		for (; i + 8 <= n; i += 8) {
			memcpy(&w, p + i, 8);
			if (!plain_word(pol, w))
				break;
		}
		if (i + 8 > n && i < n) {
			/* the last bytes, as one word: the eight at the end,
			 * or padded with a plain byte when there are fewer */
			if (n >= 8) {
				memcpy(&w, p + n - 8, 8);
			} else {
				unsigned char pad[8] = "        ";
				memcpy(pad, p + i, n - i);
				memcpy(&w, pad, 8);
			}
			if (plain_word(pol, w))
				return n;
		}
	}
	while (i < n && plain_byte(pol, p[i]))
		i++;
	return i;
}

/* @p prefix, then @p v in hex with at least @p width digits (printf's
 * %0Nx, or %0NX when @p upper). */
static void hex(struct wdl_sink *s, const char *prefix, size_t plen,
		unsigned v, int width, bool upper)
{
	const char *digit = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[16];
	char *end = tmp + sizeof(tmp), *q = end;
	do {
		*--q = digit[v & 15];
		v >>= 4;
	} while (v || end - q < width);
	wdl_sink_put(s, prefix, plen);
	wdl_sink_put(s, q, (size_t)(end - q));
}

static void spell(struct wdl_sink *s, enum spell how, unsigned v)
{
	switch (how) {
	case SPELL_HEX: hex(s, "\\x", 2, v, 2, false); break;
	case SPELL_HEX_MD: hex(s, "\\\\x", 3, v, 2, false); break;
	case SPELL_U: hex(s, "\\u", 2, v, 4, false); break;
	case SPELL_U_MD: hex(s, "\\\\u", 3, v, 4, false); break;
	case SPELL_FFFD: wdl_sink_lit(s, "\xEF\xBF\xBD"); break;
	case SPELL_U_FFFD: wdl_sink_lit(s, "\\ufffd"); break;
	}
}

/* A valid code point the format writes as an escape instead. */
static bool wide_escaped(struct wdl_sink *s, enum wide wide, uint32_t cp)
{
	if (wide == WIDE_JS_SEPARATORS && (cp == 0x2028 || cp == 0x2029)) {
		hex(s, "\\u", 2, (unsigned)cp, 4, false);
		return true;
	}
	if (wide == WIDE_XML_NONCHARS && (cp == 0xFFFE || cp == 0xFFFF)) {
		hex(s, "\\u", 2, (unsigned)cp, 4, true);
		return true;
	}
	return false;
}

void wdl_escape_to(struct wdl_sink *s, enum wdl_esc mode, const char *str, size_t n)
{
	const struct policy *pol = &policies[mode];
	const unsigned char *p = (const unsigned char *)str;
	for (size_t i = 0; i < n;) {
		/* printable ASCII the format leaves alone goes out as one run */
		size_t run = i + plain_run(pol, p + i, n - i);
		if (run > i) {
			wdl_sink_put(s, p + i, run - i);
			i = run;
			continue;
		}
		unsigned char c = p[i];
		if (c < 0x80) {
			const char *q = pol->quote[c];
			if (q)
				wdl_sink_put(s, q, strlen(q));
			else
				spell(s, pol->control, c);   /* C0 or DEL, ESC among them */
			i++;
			continue;
		}
		uint32_t cp;
		int len = wdl_utf8_decode(p + i, n - i, &cp);
		if (len <= 0) {
			spell(s, pol->bad, c);
			i++;
		} else if (wdl_utf8_is_c1(cp)) {
			spell(s, pol->c1, cp);
			i += (size_t)len;
		} else {
			if (!wide_escaped(s, pol->wide, cp))
				wdl_sink_put(s, p + i, (size_t)len);
			i += (size_t)len;
		}
	}
}

size_t wdl_escape_plain(enum wdl_esc mode, const char *s, size_t n)
{
	return plain_run(&policies[mode], (const unsigned char *)s, n);
}

void wdl_escape(FILE *out, enum wdl_esc mode, const char *s, size_t n)
{
	char buf[256];
	struct wdl_sink sink;
	wdl_sink_init(&sink, out, buf, sizeof(buf));
	wdl_escape_to(&sink, mode, s, n);
	wdl_sink_flush(&sink);
}

void wdl_escape_str(FILE *out, enum wdl_esc mode, const char *s)
{
	wdl_escape(out, mode, s, strlen(s));
}

void wdl_sink_init(struct wdl_sink *s, FILE *out, char *buf, size_t size)
{
	s->out = out;
	s->buf = s->p = buf;
	s->end = buf + size;
}

void wdl_sink_flush(struct wdl_sink *s)
{
	if (s->p > s->buf)
		fwrite(s->buf, 1, (size_t)(s->p - s->buf), s->out);
	s->p = s->buf;
}

/* The buffer is filled to its end before it goes, so the FILE is handed
 * pieces of one size (stdio writes those without copying them when they
 * are whole blocks). */
void wdl_sink_put_long(struct wdl_sink *s, const void *d, size_t n)
{
	const char *from = d;
	size_t room = (size_t)(s->end - s->p), size = (size_t)(s->end - s->buf);
	memcpy(s->p, from, room);
	s->p += room;
	from += room;
	n -= room;
	wdl_sink_flush(s);
	if (n >= size) {
		size_t whole = n - n % size;
		fwrite(from, 1, whole, s->out);
		from += whole;
		n -= whole;
	}
	memcpy(s->p, from, n);
	s->p += n;
}

/* "00" to "99", two digits a step */
static const char pairs[] =
	"00010203040506070809" "10111213141516171819"
	"20212223242526272829" "30313233343536373839"
	"40414243444546474849" "50515253545556575859"
	"60616263646566676869" "70717273747576777879"
	"80818283848586878889" "90919293949596979899";

void wdl_sink_u64_width(struct wdl_sink *s, uint64_t v, int width)
{
	char tmp[20];               /* 18446744073709551615 */
	char *end = tmp + sizeof(tmp), *q = end;
	while (v >= 100) {
		q -= 2;
		memcpy(q, pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		q -= 2;
		memcpy(q, pairs + 2 * v, 2);
	} else {
		*--q = (char)('0' + v);
	}
	for (int pad = width - (int)(end - q); pad > 0; pad--)
		wdl_sink_byte(s, ' ');
	wdl_sink_put(s, q, (size_t)(end - q));
}

void wdl_sink_u64(struct wdl_sink *s, uint64_t v)
{
	wdl_sink_u64_width(s, v, 0);
}

void wdl_sink_i64(struct wdl_sink *s, int64_t v)
{
	if (v < 0) {
		wdl_sink_byte(s, '-');
		/* in unsigned arithmetic, so INT64_MIN has its magnitude */
		wdl_sink_u64(s, 0 - (uint64_t)v);
		return;
	}
	wdl_sink_u64(s, (uint64_t)v);
}
