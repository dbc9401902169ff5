/* The HTML report, read back with libxml2's HTML parser: every sample's
 * page has the required sections, tables and SVG; nothing in it points
 * outside the file; every string from the input comes back escaped and
 * intact; the page stays small on hostile input; and one sample's page
 * equals its golden file (tests/render/golden/, checked by hand; set
 * WDILOG_GOLDEN_UPDATE=1 to rewrite it, then read the diff). */
#include <stdlib.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "report_util.h"

static int parse_errors;

/* libxml2's HTML parser predates HTML5: it reports section, nav, svg and
 * friends as unknown tags (and still builds them). Anything else is an
 * error in our markup. */
static void on_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (e && e->code != XML_HTML_UNKNOWN_TAG) {
		parse_errors++;
		fprintf(stderr, "html parse error %d line %d: %s", e->code,
			e->line, e->message ? e->message : "?\n");
	}
}

static char *html_of(const wdilog_report *rep, size_t *len)
{
	char *out = NULL;
	FILE *f = open_memstream(&out, len);
	CHECK(wdilog_report_render_html(rep, f, NULL) == WDILOG_OK);
	fclose(f);
	return out;
}

static htmlDocPtr parse(const char *html, size_t len)
{
	parse_errors = 0;
	xmlSetStructuredErrorFunc(NULL, on_error);
	htmlDocPtr doc = htmlReadMemory(html, (int)len, "report.html", "UTF-8",
					HTML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	CHECK(doc != NULL);
	CHECK_EQ_U(parse_errors, 0);
	return doc;
}

static int count(htmlDocPtr doc, const char *xpath)
{
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST xpath, x);
	int n = r && r->nodesetval ? r->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(x);
	return n;
}

/* Text of the first node @p xpath selects (caller frees), or NULL. */
static char *text_of(htmlDocPtr doc, const char *xpath)
{
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST xpath, x);
	char *s = NULL;
	if (r && r->nodesetval && r->nodesetval->nodeNr) {
		xmlChar *c = xmlNodeGetContent(r->nodesetval->nodeTab[0]);
		s = strdup((const char *)c);
		xmlFree(c);
	}
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(x);
	return s;
}

/* Nothing that would make a browser fetch anything. */
static void check_self_contained(htmlDocPtr doc, const char *html)
{
	CHECK_EQ_U(count(doc, "//link | //img | //iframe | //object | //embed | "
			      "//base | //video | //audio | //source | //form"), 0);
	CHECK_EQ_U(count(doc, "//script[@src]"), 0);
	CHECK_EQ_U(count(doc, "//script"), 1);
	/* every src/href/action/xlink:href is a fragment of this page */
	CHECK_EQ_U(count(doc, "//@*[(local-name()='src' or local-name()='href' or "
			      "local-name()='action' or local-name()='srcset' or "
			      "local-name()='poster' or local-name()='data') and "
			      "not(starts-with(., '#'))]"), 0);
	CHECK(strstr(html, "http:") == NULL);
	CHECK(strstr(html, "https:") == NULL);
	CHECK(strstr(html, "url(") == NULL);
	CHECK(strstr(html, "@import") == NULL);
	CHECK(strstr(html, "@font-face") == NULL);
	CHECK(strstr(html, "=\"//") == NULL);
}

static void check_sections(htmlDocPtr doc, const wdilog_report *rep)
{
	static const char *const ids[] = { "verdict", "timeline", "bursts",
					   "codes", "peers", "guids", "inputs" };
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char q[64];
		snprintf(q, sizeof(q), "//*[@id='%s']", ids[i]);
		CHECK_EQ_U(count(doc, q), 1);
		snprintf(q, sizeof(q), "//nav/a[@href='#%s']", ids[i]);
		CHECK(strcmp(ids[i], "verdict") == 0 || count(doc, q) == 1);
	}
	/* the verdict comes first */
	CHECK_EQ_U(count(doc, "/html/body/*[1][@id='verdict']"), 1);
	/* one code row per code, plus a heading row per phase with records */
	int phases = 0;
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
		phases += rep->phases[ph].statuses != 0;
	CHECK_EQ_U(count(doc, "//section[@id='codes']//tbody/tr[not(@class='group')]"),
		   rep->ncodes);
	CHECK_EQ_U(count(doc, "//section[@id='codes']//tbody/tr[@class='group']"),
		   phases);
	CHECK_EQ_U(count(doc, "//section[@id='peers']//tbody/tr"), rep->peers.n);
	CHECK_EQ_U(count(doc, "//section[@id='guids']//tbody/tr"), rep->nguids);
	CHECK_EQ_U(count(doc, "//section[@id='inputs']//tbody/tr"), rep->ninputs);
	size_t nb;
	struct wdl_burst *b = wdl_bursts_list(&rep->bursts, &nb, NULL);
	wdl_free(b);
	CHECK_EQ_U(count(doc, "//section[@id='bursts']//tbody/tr"), nb);
	CHECK_EQ_U(count(doc, "//svg//rect[@class='burst']"), rep->timeline.n ? nb : 0);
	/* a bar per non-empty bucket, each with its hover text */
	int buckets = 0;
	for (uint32_t i = 0; i < rep->timeline.n; i++) {
		uint64_t sum = 0;
		for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
			sum += rep->timeline.counts[i][ph];
		buckets += sum != 0;
	}
	CHECK_EQ_U(count(doc, "//svg[@id='timeline-chart']/g[@class='bucket']"),
		   buckets);
	CHECK_EQ_U(count(doc, "//svg/g[@class='bucket']/title"), buckets);
	CHECK(buckets == 0 ||
	      count(doc, "//svg/g[@class='bucket']/rect[starts-with(@class,'ph-')]") >=
	      buckets);
	/* the code table shows each known code's description */
	for (size_t i = 0; i < rep->ncodes; i++) {
		const struct wdl_code_stat *c = &rep->codes[i];
		const char *d = c->has_code ? wdilog_status_code_description(c->code)
					    : NULL;
		if (!d)
			continue;
		char q[256];
		snprintf(q, sizeof(q), "//section[@id='codes']//td[.=\"%s\"]", d);
		CHECK(count(doc, q) >= 1);
	}
}

static const char *const samples[][2] = {
	{ "tracefmt-default.txt", "" }, { "tracefmt-crlf-utf16le.txt", "" },
	{ "tracefmt-gzip.txt.gz", "" }, { "tracefmt-custom-prefix.txt", "" },
	{ "tracefmt-dayfirst.txt", "d" }, { "tracerpt.xml", "" },
	{ "tracerpt-complete-no-root-end.xml", "" },
	{ "tracerpt-truncated.xml", "" }, { "wevtutil-events.xml", "" },
	{ "wevtutil-events-utf16.xml", "" }, { "eventlog.txt", "" },
};

static wdilog_report *sample_report(const char *name, bool day_first)
{
	char path[512];
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", SAMPLES_DIR, name);
	char *data = read_file(path, &len);
	wdilog_options o;
	wdilog_options_init(&o);
	o.day_first = day_first;
	wdilog_report *rep = data ? report_of(data, len, name, &o, NULL, NULL)
				  : NULL;
	free(data);
	CHECK(rep != NULL);
	return rep;
}

static void test_samples(void)
{
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		wdilog_report *rep = sample_report(samples[i][0], *samples[i][1]);
		if (!rep)
			continue;
		size_t len;
		char *html = html_of(rep, &len);
		htmlDocPtr doc = parse(html, len);
		if (doc) {
			check_self_contained(doc, html);
			check_sections(doc, rep);
			xmlFreeDoc(doc);
		}
		free(html);
		wdilog_report_free(rep);
	}
}

static void test_escaping(void)
{
	/* an input name and an error message full of markup, and bytes that
	 * are not UTF-8 */
	const char *name = "<script>alert(\"x\")</script>&amp;'<b>.txt";
	const char *text = "[0]0888.0D60::10/23/2003-12:00:01.000 [wdiwifi]AssocStatus=31\n";
	wdilog_report *rep;
	wdilog_reader *r;
	wdilog_report_new(&rep, NULL, NULL);
	wdilog_reader_open_memory(&r, text, strlen(text), name, NULL, NULL);
	wdilog_report_read(rep, r, NULL);
	wdilog_reader_free(r);
	wdilog_error why = { 0 };
	snprintf(why.message, sizeof(why.message), "cannot open: <img src=x onerror=alert(1)>");
	wdilog_report_add_unreadable(rep, "bad\xff\xfe<i>name", &why, NULL);
	size_t len;
	char *html = html_of(rep, &len);
	htmlDocPtr doc = parse(html, len);
	if (doc) {
		check_self_contained(doc, html);
		CHECK_EQ_U(count(doc, "//b | //i | //img"), 0);
		char *cell = text_of(doc, "//section[@id='inputs']//tbody/tr[1]/td[1]");
		CHECK_STR(cell, name);      /* escaped, and intact once parsed */
		free(cell);
		cell = text_of(doc, "//section[@id='inputs']//tbody/tr[2]/td[1]");
		CHECK_STR(cell, "bad\xEF\xBF\xBD\xEF\xBF\xBD<i>name");
		free(cell);
		cell = text_of(doc, "//section[@id='inputs']//tbody/tr[2]/td[last()]");
		CHECK_STR(cell, "cannot open: <img src=x onerror=alert(1)>");
		free(cell);
		cell = text_of(doc, "//section[@id='bursts']");
		CHECK(cell && strstr(cell, "None.") != NULL);
		free(cell);
		xmlFreeDoc(doc);
	}
	/* the raw page never holds the markup unescaped */
	CHECK(strstr(html, "<script>alert") == NULL);
	CHECK(strstr(html, "<img") == NULL);
	CHECK(strstr(html, "&lt;script&gt;alert(&quot;x&quot;)") != NULL);
	free(html);
	wdilog_report_free(rep);
}

/* Hostile input: thousands of distinct peers, codes, GUIDs and inputs.
 * The page lists HTML_ROWS of each and stays far below 2 MB. */
static void test_size_bound(void)
{
	size_t cap = 8u << 20, n = 0;
	char *text = malloc(cap);
	for (unsigned i = 0; i < 5000; i++) {
		n += (size_t)snprintf(text + n, cap - n,
			"[0]0888.0D60::10/23/2003-12:%02u:%02u.000 [wdiwifi]AssocStatus=%u "
			"BSSID=02:00:00:%02x:%02x:%02x\n"
			"Unknown( 1): GUID=%08x-0000-0000-0000-000000000000 (No Format Information found).\n",
			i / 60 % 60, i % 60, 1000 + i, i >> 16, (i >> 8) & 255, i & 255, i);
	}
	wdilog_report *rep;
	wdilog_report_new(&rep, NULL, NULL);
	for (unsigned k = 0; k < 2000; k++) {
		wdilog_reader *r;
		char name[64];
		snprintf(name, sizeof(name), "capture-%04u-with-a-long-name.txt", k);
		const char *data = k ? "AssocStatus=1\n" : text;
		size_t len = k ? strlen(data) : n;
		wdilog_reader_open_memory(&r, data, len, name, NULL, NULL);
		wdilog_report_read(rep, r, NULL);
		wdilog_reader_free(r);
	}
	CHECK_EQ_U(rep->peers.n, 5000 > WDL_PEERS_MAX ? WDL_PEERS_MAX : 5000);
	CHECK(rep->ncodes > 4000);
	CHECK(rep->nguids > 4000);
	size_t len;
	char *html = html_of(rep, &len);
	fprintf(stderr, "hostile report: %zu bytes of HTML\n", len);
	CHECK(len < 2u * 1024 * 1024);
	htmlDocPtr doc = parse(html, len);
	if (doc) {
		CHECK_EQ_U(count(doc, "//section[@id='peers']//tbody/tr"), 1000);
		CHECK_EQ_U(count(doc, "//section[@id='inputs']//tbody/tr"), 1000);
		CHECK(count(doc, "//section[@id='peers']/p[contains(., 'more peers')]") == 1);
		xmlFreeDoc(doc);
	}
	free(html);
	free(text);
	wdilog_report_free(rep);
}

/* A loaded report may hold a burst that ends far past its timeline: its
 * band ends at the chart's right edge instead of at a bucket index no
 * 32-bit integer holds (CI's fuzzing found the cast). The end chosen is
 * 2^32 + 4 one-second buckets past the first, so a cast that wraps lands
 * on bucket 4, inside the chart. */
static void test_burst_past_timeline(void)
{
	char path[512];
	size_t len;
	snprintf(path, sizeof(path), "%s/expected/tracerpt.xml.json", SAMPLES_DIR);
	char *json = read_file(path, &len);
	CHECK(json != NULL);
	if (!json)
		return;
	const char *end = "\"end\": \"2022-08-22T17:27:03.125000000+07:59\"";
	char *at = strstr(json, end);
	CHECK(at != NULL);
	if (at)
		memcpy(at + 8, "2158-09-28T23:55:18", 19);
	wdilog_report *rep = NULL;
	CHECK(wdilog_report_load_json_memory(&rep, json, len, "far.json", NULL,
					     NULL) == WDILOG_OK);
	free(json);
	if (!rep)
		return;
	char *html = html_of(rep, &len);
	htmlDocPtr doc = parse(html, len);
	if (doc) {
		CHECK_EQ_U(count(doc, "//svg//rect[@class='burst']"), 1);
		char *x = NULL, *w = NULL;
		xmlXPathContextPtr c = xmlXPathNewContext(doc);
		xmlXPathObjectPtr r = xmlXPathEvalExpression(
			BAD_CAST "//svg//rect[@class='burst']", c);
		if (r && r->nodesetval && r->nodesetval->nodeNr == 1) {
			xmlNodePtr n = r->nodesetval->nodeTab[0];
			x = (char *)xmlGetProp(n, BAD_CAST "x");
			w = (char *)xmlGetProp(n, BAD_CAST "width");
		}
		CHECK(x && w);
		if (x && w) {
			double right = strtod(x, NULL) + strtod(w, NULL);
			CHECK(strtod(x, NULL) >= 0 && right <= 1000.0);
			CHECK(right > 900.0);
		}
		xmlFree(x);
		xmlFree(w);
		xmlXPathFreeObject(r);
		xmlXPathFreeContext(c);
		xmlFreeDoc(doc);
	}
	free(html);
	wdilog_report_free(rep);
}

static void test_golden(void)
{
	wdilog_report *rep = sample_report("tracefmt-default.txt", false);
	if (!rep)
		return;
	size_t len, glen = 0;
	char *html = html_of(rep, &len);
	char path[512];
	snprintf(path, sizeof(path), "%s/render/golden/tracefmt-default.html",
		 TESTS_DIR);
	const char *update = getenv("WDILOG_GOLDEN_UPDATE");
	if (update && strcmp(update, "1") == 0) {
		FILE *f = fopen(path, "wb");
		CHECK(f && fwrite(html, 1, len, f) == len);
		if (f)
			fclose(f);
	}
	char *golden = read_file(path, &glen);
	CHECK(golden && glen == len && memcmp(golden, html, len) == 0);
	if (!golden || glen != len || memcmp(golden, html, len) != 0)
		fprintf(stderr, "%s differs from the rendered page\n", path);
	free(golden);
	free(html);
	wdilog_report_free(rep);
}

int main(void)
{
	test_samples();
	test_escaping();
	test_size_bound();
	test_burst_past_timeline();
	test_golden();
	xmlCleanupParser();
	return check_report("html");
}
