/* util/escape: one core sorts ESC and other C0 controls, DEL, C1
 * controls and bytes that are not UTF-8 the same way for every format;
 * each format spells them its own way. Also util/utf8.h's decoder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/escape.h"
#include "util/utf8.h"

/* @p n bytes of @p s escaped for @p mode, as a string (static buffer). */
static const char *esc(enum wdl_esc mode, const char *s, size_t n)
{
	static char buf[512];
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	if (!f)
		abort();
	wdl_escape(f, mode, s, n);
	fputc('\0', f);
	fclose(f);
	return buf;
}

#define ESC_IS(mode, lit, want) CHECK_STR(esc(mode, lit, sizeof(lit) - 1), want)

/* ESC, a C1 CSI (U+009B), DEL, a lone 0x9b, a cut sequence, 0xff */
static const char hostile[] = "a\033[1m\xC2\x9B\x7f\x9b\xE2\x82\xff";

static void test_every_format_escapes_the_same_bytes(void)
{
	ESC_IS(WDL_ESC_TEXT, hostile, "a\\x1b[1m\\u009b\\x7f\\x9b\\xe2\\x82\\xff");
	ESC_IS(WDL_ESC_MARKDOWN, hostile,
	       "a\\\\x1b\\[1m\\\\u009b\\\\x7f\\\\x9b\\\\xe2\\\\x82\\\\xff");
	ESC_IS(WDL_ESC_GITHUB, hostile, "a\\x1b[1m\\u009b\\x7f\\x9b\\xe2\\x82\\xff");
	ESC_IS(WDL_ESC_XML, hostile, "a\\x1b[1m\\u009b\\x7f\\x9b\\xe2\\x82\\xff");
	ESC_IS(WDL_ESC_HTML, hostile,
	       "a\xEF\xBF\xBD[1m\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
	       "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	ESC_IS(WDL_ESC_JSON, hostile,
	       "a\\u001b[1m\\u009b\\u007f\\ufffd\\ufffd\\ufffd\\ufffd");
}

static void test_format_characters(void)
{
	ESC_IS(WDL_ESC_TEXT, "50% a:b, \"x\" <y>", "50% a:b, \"x\" <y>");
	ESC_IS(WDL_ESC_MARKDOWN, "a_b|[c](d)", "a\\_b\\|\\[c\\]\\(d\\)");
	/* no autolink: an address split by a comment, no bare "http:" */
	ESC_IS(WDL_ESC_MARKDOWN, "user@evil.com", "user@<!-- -->evil\\.com");
	ESC_IS(WDL_ESC_MARKDOWN, "http://x", "http\\://x");
	ESC_IS(WDL_ESC_GITHUB, "50%\r\na:b,c", "50%25%0D%0Aa:b,c");
	ESC_IS(WDL_ESC_GITHUB_PROPERTY, "a:b,c", "a%3Ab%2Cc");
	ESC_IS(WDL_ESC_XML, "<&>\"\t\n\r", "&lt;&amp;&gt;\"\t\n&#13;");
	ESC_IS(WDL_ESC_XML_ATTR, "\"\t\n", "&quot;&#9;&#10;");
	ESC_IS(WDL_ESC_XML, "\xEF\xBF\xBE", "\\uFFFE");
	ESC_IS(WDL_ESC_HTML, "<'\"&>\t", "&lt;&#39;&quot;&amp;&gt;&#9;");
	ESC_IS(WDL_ESC_JSON, "\"\\\n\xE2\x80\xA8", "\\\"\\\\\\u000a\\u2028");
	/* valid UTF-8 that is not a control passes in every format */
	ESC_IS(WDL_ESC_TEXT, "caf\xC3\xA9 \xF0\x9F\x93\xB6", "caf\xC3\xA9 \xF0\x9F\x93\xB6");
	ESC_IS(WDL_ESC_HTML, "caf\xC3\xA9", "caf\xC3\xA9");
}

static void test_decoder(void)
{
	uint32_t cp = 0;
	CHECK(wdl_utf8_decode((const unsigned char *)"A", 1, &cp) == 1 && cp == 'A');
	CHECK(wdl_utf8_decode((const unsigned char *)"\xC3\xA9", 2, &cp) == 2 && cp == 0xE9);
	CHECK(wdl_utf8_decode((const unsigned char *)"\xE2\x82", 2, &cp) == -1);
	CHECK(wdl_utf8_decode((const unsigned char *)"\xC0\x80", 2, &cp) == 0);    /* overlong */
	CHECK(wdl_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp) == 0); /* surrogate */
	CHECK(wdl_utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp) == 0);
	CHECK(wdl_utf8_decode((const unsigned char *)"\xC2\x9B", 2, &cp) == 2 &&
	      wdl_utf8_is_c1(cp));
}

int main(void)
{
	test_every_format_escapes_the_same_bytes();
	test_format_characters();
	test_decoder();
	return check_report("escape");
}
