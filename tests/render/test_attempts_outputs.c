/* The attempt list in the HTML, Markdown, JUnit and GitHub outputs when
 * the report does not know it (loaded from JSON, or merged with such a
 * report): each format says so, none shows an empty list as if there
 * were no attempts. And a report whose list is known shows it. */
#include <stdlib.h>
#include <string.h>

#include <wdilog/report.h>

#include "report_util.h"

typedef int (*render_fn)(const wdilog_report *, FILE *, wdilog_error *);

static char *render(const wdilog_report *rep, render_fn fn)
{
	char *out = NULL;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	CHECK(fn(rep, f, NULL) == WDILOG_OK);
	fclose(f);
	return out;
}

static const struct {
	const char *name;
	render_fn fn;
	const char *known;          /* in the output when the list is known */
} formats[] = {
	{ "html", wdilog_report_render_html, "<rect class=\"bar a-failure\"" },
	{ "markdown", wdilog_report_render_markdown, "| failure | auth | wlan 0x38002" },
	{ "junit", wdilog_report_render_junit, "<failure message=\"failure in the auth phase" },
	{ "github", wdilog_report_render_github, "title=wdilog attempt failure::" },
};

static void not_known_when_loaded(void)
{
	wdilog_options o = { .attempts_in_report = true };
	wdilog_report *rep = report_of_file(SAMPLES_DIR "/attempts-interleaved.xml",
					    &o, NULL, NULL);
	CHECK(rep != NULL);
	if (!rep)
		return;
	for (size_t k = 0; k < sizeof(formats) / sizeof(formats[0]); k++) {
		char *s = render(rep, formats[k].fn);
		CHECK_MSG(s && strstr(s, formats[k].known), "%s shows the list",
			  formats[k].name);
		CHECK_MSG(s && !strstr(s, "not known"), "%s: known", formats[k].name);
		free(s);
	}
	/* what a load from JSON leaves */
	rep->detail_missing = true;
	for (size_t k = 0; k < sizeof(formats) / sizeof(formats[0]); k++) {
		char *s = render(rep, formats[k].fn);
		CHECK_MSG(s && strstr(s, "attempt list is not known"),
			  "%s says the list is not known", formats[k].name);
		CHECK_MSG(s && !strstr(s, formats[k].known), "%s lists nothing",
			  formats[k].name);
		free(s);
	}
	wdilog_report_free(rep);
}

int main(void)
{
	not_known_when_loaded();
	return check_report("attempts_outputs");
}
