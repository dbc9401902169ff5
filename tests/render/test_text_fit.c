/* The text layout helpers (render/text_fit.h): widths are counted as the
 * terminal shows the escaped text, a cut never splits a character or an
 * escape and keeps within its columns with its marker, a path keeps its
 * file name, and a wrapped sentence breaks between clauses, its marks at
 * the ends of lines, no line past the width. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render/text_fit.h"

static char *fit(const char *s, size_t max, size_t pad, enum wdl_cut where,
		 bool unicode, size_t *cols)
{
	char *out = NULL;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	*cols = wdl_text_fit(f, s, max, pad, where, unicode);
	fclose(f);
	return out;
}

static void test_cols(void)
{
	CHECK_EQ_U(wdl_text_cols("abc", 3), 3);
	/* an escape is as wide as its spelling: \x1b, \u0085, \xff */
	CHECK_EQ_U(wdl_text_cols("a\033b", 3), 6);
	CHECK_EQ_U(wdl_text_cols("\xc2\x85", 2), 6);
	CHECK_EQ_U(wdl_text_cols("\xff", 1), 4);
	/* two wide CJK characters, an accent that combines */
	CHECK_EQ_U(wdl_text_cols("\xe5\x9c\xb0\xe5\x9b\xbe", 6), 4);
	CHECK_EQ_U(wdl_text_cols("e\xcc\x81", 3), 1);
}

static void test_fit(void)
{
	size_t cols;
	char *s = fit("SHORT", 10, 8, WDL_CUT_END, false, &cols);
	CHECK_STR(s, "SHORT   ");
	CHECK_EQ_U(cols, 8);
	free(s);
	s = fit("AUTH_RESPONSE_CAPABILITY_MISMATCH", 12, 12, WDL_CUT_END, false, &cols);
	CHECK_STR(s, "AUTH_RESP...");
	CHECK_EQ_U(cols, 12);
	free(s);
	s = fit("AUTH_RESPONSE_CAPABILITY_MISMATCH", 12, 0, WDL_CUT_END, true, &cols);
	CHECK_STR(s, "AUTH_RESPON\xe2\x80\xa6");
	free(s);
	/* a wide character that would pass the width stays out whole */
	s = fit("ab\xe5\x9c\xb0\xe5\x9b\xbe", 4, 0, WDL_CUT_END, true, &cols);
	CHECK_STR(s, "ab\xe2\x80\xa6");
	CHECK_EQ_U(cols, 3);
	free(s);
	/* an escape is never split */
	s = fit("ab\033cdefgh", 7, 0, WDL_CUT_END, false, &cols);
	CHECK_STR(s, "ab...");
	free(s);
	/* a path: its middle goes, its file name stays */
	s = fit("/very/long/folder/names/that/go/on/capture.txt", 30, 0,
		WDL_CUT_MIDDLE, false, &cols);
	CHECK_EQ_U(cols, 30);
	CHECK(strncmp(s, "/very", 5) == 0);
	CHECK(strstr(s, ".../") != NULL);
	CHECK(strlen(s) > 12 && strcmp(s + strlen(s) - 12, "/capture.txt") == 0);
	free(s);
	/* narrower than a marker: a plain cut */
	s = fit("abcdef", 2, 0, WDL_CUT_END, false, &cols);
	CHECK_STR(s, "ab");
	free(s);
}

static void test_wrap(void)
{
	char *out = NULL;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	struct wdl_wrap w;
	fputs("lead: ", f);
	wdl_wrap_begin(&w, f, 24, 6, 2);
	wdl_wrap_put(&w, "", "one two", "", "");
	wdl_wrap_put(&w, ", ", "three four", "", "");
	wdl_wrap_put(&w, "; ", "five six seven", "<", ">");
	wdl_wrap_end(&w);
	fclose(f);
	CHECK_STR(out, "lead: one two,\n  three four;\n  <five six seven>\n");
	free(out);
	CHECK_EQ_U(wdl_text_width(0), 80);
	CHECK_EQ_U(wdl_text_width(10), 72);
	CHECK_EQ_U(wdl_text_width(132), 132);
}

int main(void)
{
	test_cols();
	test_fit();
	test_wrap();
	return check_report("text_fit");
}
