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

static const struct policy policies[] = {
	[WDL_ESC_TEXT] = { no_quote, SPELL_HEX, SPELL_U, SPELL_HEX, WIDE_NONE },
	[WDL_ESC_MARKDOWN] = { markdown_quote, SPELL_HEX_MD, SPELL_U_MD, SPELL_HEX_MD,
			       WIDE_NONE },
	[WDL_ESC_GITHUB] = { github_quote, SPELL_HEX, SPELL_U, SPELL_HEX, WIDE_NONE },
	[WDL_ESC_GITHUB_PROPERTY] = { github_property_quote, SPELL_HEX, SPELL_U,
				      SPELL_HEX, WIDE_NONE },
	[WDL_ESC_XML] = { xml_quote, SPELL_HEX, SPELL_U, SPELL_HEX, WIDE_XML_NONCHARS },
	[WDL_ESC_XML_ATTR] = { xml_attr_quote, SPELL_HEX, SPELL_U, SPELL_HEX,
			       WIDE_XML_NONCHARS },
	[WDL_ESC_HTML] = { html_quote, SPELL_FFFD, SPELL_FFFD, SPELL_FFFD, WIDE_NONE },
	[WDL_ESC_JSON] = { json_quote, SPELL_U, SPELL_U, SPELL_U_FFFD,
			   WIDE_JS_SEPARATORS },
};

static void spell(FILE *out, enum spell how, unsigned v)
{
	switch (how) {
	case SPELL_HEX: fprintf(out, "\\x%02x", v); break;
	case SPELL_HEX_MD: fprintf(out, "\\\\x%02x", v); break;
	case SPELL_U: fprintf(out, "\\u%04x", v); break;
	case SPELL_U_MD: fprintf(out, "\\\\u%04x", v); break;
	case SPELL_FFFD: fputs("\xEF\xBF\xBD", out); break;
	case SPELL_U_FFFD: fputs("\\ufffd", out); break;
	}
}

/* A valid code point the format writes as an escape instead. */
static bool wide_escaped(FILE *out, enum wide wide, uint32_t cp)
{
	if (wide == WIDE_JS_SEPARATORS && (cp == 0x2028 || cp == 0x2029)) {
		fprintf(out, "\\u%04x", (unsigned)cp);
		return true;
	}
	if (wide == WIDE_XML_NONCHARS && (cp == 0xFFFE || cp == 0xFFFF)) {
		fprintf(out, "\\u%04X", (unsigned)cp);
		return true;
	}
	return false;
}

void wdl_escape(FILE *out, enum wdl_esc mode, const char *s, size_t n)
{
	const struct policy *pol = &policies[mode];
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		/* printable ASCII the format leaves alone goes out as one run */
		size_t run = i;
		while (run < n && p[run] >= 0x20 && p[run] < 0x7f && !pol->quote[p[run]])
			run++;
		if (run > i) {
			fwrite(p + i, 1, run - i, out);
			i = run;
			continue;
		}
		unsigned char c = p[i];
		if (c < 0x80) {
			if (pol->quote[c])
				fputs(pol->quote[c], out);
			else
				spell(out, pol->control, c);   /* C0 or DEL, ESC among them */
			i++;
			continue;
		}
		uint32_t cp;
		int len = wdl_utf8_decode(p + i, n - i, &cp);
		if (len <= 0) {
			spell(out, pol->bad, c);
			i++;
		} else if (wdl_utf8_is_c1(cp)) {
			spell(out, pol->c1, cp);
			i += (size_t)len;
		} else {
			if (!wide_escaped(out, pol->wide, cp))
				fwrite(p + i, 1, (size_t)len, out);
			i += (size_t)len;
		}
	}
}

void wdl_escape_str(FILE *out, enum wdl_esc mode, const char *s)
{
	wdl_escape(out, mode, s, strlen(s));
}
