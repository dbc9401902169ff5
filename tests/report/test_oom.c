/* Out of memory anywhere in the report's new parts (peers, bursts, window,
 * the renderers' sorted views) ends cleanly: allocation i fails, for every
 * i, and each call either succeeds or returns WDILOG_ENOMEM; the sanitizer
 * build checks that nothing leaks. */
#include <stdlib.h>

#include "report_util.h"

static int render_all(const wdilog_report *rep)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	wdilog_text_style st = { .unicode = true, .by_peer = true };
	int rc = wdilog_report_render_text(rep, f, &st, NULL);
	if (rc >= 0)
		rc = wdilog_report_render_json(rep, f, NULL);
	if (rc >= 0)
		rc = wdilog_report_render_html(rep, f, NULL);
	fclose(f);
	free(buf);
	return rc;
}

static int run(const char *data, size_t len)
{
	wdilog_report *rep;
	wdilog_reader *r;
	int rc = wdilog_report_new(&rep, NULL, NULL);
	if (rc < 0)
		return rc;
	rc = wdilog_report_set_window(rep, "12:27:40", "12:29", NULL);
	if (rc >= 0)
		rc = wdilog_reader_open_memory(&r, data, len, "in", NULL, NULL);
	if (rc >= 0) {
		rc = wdilog_report_read(rep, r, NULL);
		wdilog_reader_free(r);
	}
	if (rc >= 0)
		rc = render_all(rep);
	wdilog_report_free(rep);
	return rc;
}

int main(void)
{
	char path[512];
	size_t len;
	snprintf(path, sizeof(path), "%s/tracefmt-default.txt", SAMPLES_DIR);
	char *data = read_file(path, &len);
	CHECK(data != NULL);
	if (!data)
		return check_report("oom");
	wdl_alloc_fail_from(0);
	CHECK_EQ_U(run(data, len), WDILOG_OK);
	unsigned long total = wdl_alloc_count();
	CHECK(total > 10);
	for (unsigned long i = 1; i <= total + 1; i++) {
		wdl_alloc_fail_from(i);
		int rc = run(data, len);
		CHECK(rc == WDILOG_OK || rc == WDILOG_ENOMEM);
	}
	wdl_alloc_fail_from(0);
	free(data);
	return check_report("oom");
}
