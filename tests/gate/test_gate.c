/* Library-level checks of the gate stage: tolerance and selection
 * parsing, exact baseline arithmetic at the limit, escaping in the JUnit,
 * GitHub and Markdown renderers for text no trace could carry (reports
 * loaded from JSON can name anything), and every allocation failing in
 * turn across load, gate, merge and render. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <wdilog/wdilog.h>

#include "check.h"
#include "util/alloc.h"
#include "gate/gate_int.h"

/* A minimal wdilog/1 report: EVENTS events, one input named PATH, and
 * codes given as "code:count" or "NAME:count" items. */
static char *report_json(const char *path, unsigned events, const char *codes)
{
	static char buf[8192];
	char list[4096] = "", item[256];
	unsigned statuses = 0;
	const char *p = codes;
	while (p && *p) {
		char key[128];
		unsigned n;
		if (sscanf(p, "%127[^:]:%u", key, &n) != 2)
			break;
		statuses += n;
		if (key[0] >= '0' && key[0] <= '9')
			snprintf(item, sizeof(item),
				 "%s{\"code\": %s, \"name\": null, \"count\": %u, "
				 "\"first\": null, \"last\": null, \"lines\": [1]}",
				 list[0] ? ", " : "", key, n);
		else
			snprintf(item, sizeof(item),
				 "%s{\"code\": null, \"name\": \"%s\", \"count\": %u, "
				 "\"first\": null, \"last\": null, \"lines\": [1]}",
				 list[0] ? ", " : "", key, n);
		size_t used = strlen(list);
		snprintf(list + used, sizeof(list) - used, "%s", item);
		p = strchr(p, ',');
		if (p)
			p++;
	}
	snprintf(buf, sizeof(buf),
		 "{\"schema\": \"wdilog/1\", \"totals\": {\"events\": %u, "
		 "\"with_status\": %u, \"without_status\": 0, \"undecoded\": 0, "
		 "\"damaged\": 0, \"statuses\": %u, \"failures\": 0, \"benign\": 0, "
		 "\"successes\": 0, \"unknown\": %u, \"malformed\": 0}, "
		 "\"phases\": {\"success\": {\"statuses\": 0, \"failures\": 0, "
		 "\"first\": null, \"last\": null}, \"general\": {\"statuses\": 0, "
		 "\"failures\": 0, \"first\": null, \"last\": null}, \"probe\": "
		 "{\"statuses\": 0, \"failures\": 0, \"first\": null, \"last\": null}, "
		 "\"auth\": {\"statuses\": 0, \"failures\": 0, \"first\": null, "
		 "\"last\": null}, \"assoc\": {\"statuses\": 0, \"failures\": 0, "
		 "\"first\": null, \"last\": null}, \"disassociate\": {\"statuses\": 0, "
		 "\"failures\": 0, \"first\": null, \"last\": null}, \"unknown\": "
		 "{\"statuses\": %u, \"failures\": 0, \"first\": null, \"last\": null}}, "
		 "\"codes\": [%s], \"inputs\": [{\"path\": \"%s\", \"format\": "
		 "\"wpp-text\", \"encoding\": \"utf-8\", \"events\": %u, "
		 "\"with_status\": %u, \"damaged\": 0, \"statuses\": %u, "
		 "\"codes\": [%s]}]}",
		 events, events, statuses, statuses, statuses, list, path, events,
		 events, statuses, list);
	return buf;
}

static wdilog_report *load(const char *json)
{
	wdilog_report *r = NULL;
	wdilog_error err = { 0 };
	int rc = wdilog_report_load_json_memory(&r, json, strlen(json), "mem",
						NULL, &err);
	if (rc < 0)
		printf("# load failed: %s\n", err.message);
	return r;
}

static void test_tolerance(void)
{
	static const struct { const char *s; int ok; uint64_t milli; int pct; } t[] = {
		{ "0", 1, 0, 0 }, { "10", 1, 10000, 0 }, { "2.5", 1, 2500, 0 },
		{ "0.125", 1, 125, 0 }, { "10%", 1, 10000, 1 },
		{ "12.5%", 1, 12500, 1 }, { "", 0, 0, 0 }, { "%", 0, 0, 0 },
		{ "1.", 0, 0, 0 }, { ".5", 0, 0, 0 }, { "1.2345", 0, 0, 0 },
		{ "-1", 0, 0, 0 }, { "1e3", 0, 0, 0 }, { "10%%", 0, 0, 0 },
		{ "99999999999", 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		wdilog_gate *g;
		wdilog_error err = { 0 };
		wdilog_gate_new(&g, &err);
		int rc = wdilog_gate_set_tolerance(g, t[i].s, &err);
		if (t[i].ok)
			CHECK_MSG(rc == WDILOG_OK && g->tol_milli == t[i].milli &&
			      g->tol_percent == t[i].pct,
			      "tolerance '%s' is %llu thousandths%s", t[i].s,
			      (unsigned long long)t[i].milli, t[i].pct ? " percent" : "");
		else
			CHECK_MSG(rc == WDILOG_EINVAL && strstr(err.message, "bad tolerance"),
			      "tolerance '%s' rejected", t[i].s);
		wdilog_gate_free(g);
	}
}

static void test_selection(void)
{
	static const struct { const char *list; int ok; const char *msg; } t[] = {
		{ "auth,ASSOC, probe", 1, NULL },
		{ "31,0x1F,no_beacon_probe_response", 1, NULL },
		{ "WDI_ASSOC_STATUS_SOMETHING_NEW", 1, NULL },
		{ "failure,benign,unknown,success", 1, NULL },
		{ "SOMETHING_NEW", 0, "'SOMETHING_NEW' is not a phase" },
		{ "31,", 0, "empty item" },
		{ "WDI_ASSOC_STATUS_A-B", 0, "is not a phase" },
		{ "4294967296", 0, "is not a phase" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		wdilog_gate *g;
		wdilog_error err = { 0 };
		wdilog_gate_new(&g, &err);
		int rc = wdilog_gate_fail_on(g, t[i].list, &err);
		if (t[i].ok)
			CHECK_MSG(rc == WDILOG_OK, "--fail-on '%s' accepted", t[i].list);
		else
			CHECK_MSG(rc == WDILOG_EINVAL && strstr(err.message, t[i].msg),
			      "--fail-on '%s' rejected: %s", t[i].list, err.message);
		wdilog_gate_free(g);
	}
}

/* The gate of @p cur against @p base with @p tol; returns passed. */
static int baseline_passes(const char *base_json, const char *cur_json,
			   const char *tol)
{
	char copy[8192];
	snprintf(copy, sizeof(copy), "%s", base_json);
	wdilog_report *base = load(copy), *cur = load(cur_json);
	wdilog_gate *g;
	wdilog_error err = { 0 };
	wdilog_gate_new(&g, &err);
	wdilog_gate_set_baseline(g, base);
	if (tol)
		wdilog_gate_set_tolerance(g, tol, &err);
	wdilog_report_evaluate(cur, g, &err);
	int passed = wdilog_report_gate_passed(cur);
	wdilog_report_free(cur);
	wdilog_report_free(base);
	wdilog_gate_free(g);
	return passed;
}

static void test_baseline_limits(void)
{
	char base[8192];
	snprintf(base, sizeof(base), "%s", report_json("a", 100, "31:10"));
	/* exactly at the limit passes: 10 * 1.1 = 11 in any float rounding */
	CHECK_MSG(baseline_passes(base, report_json("a", 100, "31:11"), "10%"),
	      "11 against 10 + 10%% passes (exactly at the limit)");
	CHECK_MSG(!baseline_passes(base, report_json("a", 100, "31:12"), "10%"),
	      "12 against 10 + 10%% fails");
	CHECK_MSG(baseline_passes(base, report_json("a", 100, "31:11"), "1"),
	      "11 against 10 + 1 passes");
	CHECK_MSG(!baseline_passes(base, report_json("a", 100, "31:11"), "0.999"),
	      "11 against 10 + 0.999 fails");
	/* rates: 10 in 100 events is 100 per 1,000; 33 in 300 is 110 */
	CHECK_MSG(baseline_passes(base, report_json("a", 300, "31:33"), "10%"),
	      "110 per 1,000 against 100 + 10%% passes");
	CHECK_MSG(!baseline_passes(base, report_json("a", 300, "31:34"), "10%"),
	      "113.3 per 1,000 against 100 + 10%% fails");
	CHECK_MSG(baseline_passes(base, report_json("a", 300, "31:33"), "10"),
	      "110 per 1,000 against 100 + 10 passes");
	CHECK_MSG(!baseline_passes(base, report_json("a", 300, "31:33"), "9.999"),
	      "110 per 1,000 against 100 + 9.999 fails");
	CHECK_MSG(baseline_passes(base, report_json("a", 300, "31:1"), NULL),
	      "fewer records pass");
	CHECK_MSG(!baseline_passes(base, report_json("a", 100, "31:10,7:1,99:1"), "100%"),
	      "an unknown number is a new code whatever the tolerance");
	CHECK_MSG(baseline_passes(base, report_json("a", 100, "31:10,7:1"), NULL),
	      "a new benign code is not counted");
}

/* Render @p rep with @p fn into a string (caller frees). */
static char *render(int (*fn)(const wdilog_report *, FILE *, wdilog_error *),
		    const wdilog_report *rep, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	wdilog_error err = { 0 };
	*rc = fn(rep, f, &err);
	fclose(f);
	return buf;
}

static void test_escaping(void)
{
	/* JSON can carry what no trace file name can: U+FFFE and friends */
	wdilog_report *rep = load(report_json(
		"a&b<c>\\\"d'\\u0001e\\uFFFEf\\r\\n]]>g\\u00e9",
		10, "WDI_ASSOC_STATUS_X%\\r\\nY:2,31:1"));
	CHECK_MSG(rep != NULL, "report with odd text loads");
	if (!rep)
		return;
	wdilog_gate *g;
	wdilog_error err = { 0 };
	wdilog_gate_new(&g, &err);
	wdilog_gate_set_limit(g, WDILOG_LIMIT_FAILURES, 0);
	wdilog_report_evaluate(rep, g, &err);

	int rc;
	char *xml = render(wdilog_report_render_junit, rep, &rc);
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "junit.xml", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR |
				      XML_PARSE_NOWARNING);
	CHECK_MSG(rc == WDILOG_OK && doc != NULL, "JUnit is well-formed XML 1.0");
	if (doc) {
		xmlNodePtr suite = xmlDocGetRootElement(doc)->children;
		while (suite && suite->type != XML_ELEMENT_NODE)
			suite = suite->next;
		xmlChar *name = suite ? xmlGetProp(suite, BAD_CAST "name") : NULL;
		const char *want = "a&b<c>\"d'\\x01e\\uFFFEf\r\n]]>g\xc3\xa9";
		CHECK_MSG(name && strcmp((const char *)name, want) == 0,
		      "attribute round-trips: forbidden characters shown, CR LF kept");
		xmlFree(name);
		xmlFreeDoc(doc);
	}
	free(xml);

	char *gh = render(wdilog_report_render_github, rep, &rc);
	/* controls from the input are shown, never written raw */
	CHECK_MSG(strstr(gh, "::error file=a&b<c>\"d'\\x01" "e\xef\xbf\xbe"
			 "f%0D%0A]]>g\xc3\xa9,line=") != NULL,
	      "GitHub property: CR LF escaped, controls shown");
	CHECK_MSG(strstr(gh, "::WDI_ASSOC_STATUS_X%25%0D%0AY: unknown phase") != NULL,
	      "GitHub data: %% CR LF escaped, ':' kept");
	free(gh);

	char *md = render(wdilog_report_render_markdown, rep, &rc);
	CHECK_MSG(strstr(md, "| a\\&b\\<c\\>\"d'\\\\x01e") != NULL,
	      "Markdown: punctuation escaped, controls shown");
	CHECK_MSG(strstr(md, "WDI\\_ASSOC\\_STATUS\\_X%\\\\x0d\\\\x0aY") != NULL,
	      "Markdown: a name cannot break its table row");
	free(md);
	wdilog_gate_free(g);
	wdilog_report_free(rep);
}

/* One pass over everything this stage allocates in. */
static int pipeline(void)
{
	wdilog_report *a = NULL, *b = NULL, *base = NULL, *all = NULL;
	wdilog_gate *g = NULL;
	wdilog_error err = { 0 };
	char ja[8192], jb[8192];
	int rc;
	snprintf(ja, sizeof(ja), "%s", report_json("a", 50, "31:4,41:2,99:1"));
	snprintf(jb, sizeof(jb), "%s", report_json("b", 60, "31:5,WDI_ASSOC_STATUS_Q:1"));
	if ((rc = wdilog_report_load_json_memory(&a, ja, strlen(ja), "a", NULL, &err)) < 0 ||
	    (rc = wdilog_report_load_json_memory(&b, jb, strlen(jb), "b", NULL, &err)) < 0 ||
	    (rc = wdilog_report_load_json_memory(&base, ja, strlen(ja), "base", NULL, &err)) < 0 ||
	    (rc = wdilog_report_new(&all, NULL, &err)) < 0 ||
	    (rc = wdilog_report_merge(all, a, &err)) < 0 ||
	    (rc = wdilog_report_merge(all, b, &err)) < 0 ||
	    (rc = wdilog_gate_new(&g, &err)) < 0 ||
	    (rc = wdilog_gate_fail_on(g, "probe,unknown,41", &err)) < 0 ||
	    (rc = wdilog_gate_allow(g, "99", &err)) < 0)
		goto out;
	wdilog_gate_set_limit(g, WDILOG_LIMIT_FAILURES, 3);
	wdilog_gate_set_baseline(g, base);
	if ((rc = wdilog_report_evaluate(all, g, &err)) < 0)
		goto out;
	FILE *null = fopen("/dev/null", "w");
	if ((rc = wdilog_report_render_json(all, null, &err)) >= 0 &&
	    (rc = wdilog_report_render_junit(all, null, &err)) >= 0 &&
	    (rc = wdilog_report_render_markdown(all, null, &err)) >= 0 &&
	    (rc = wdilog_report_render_github(all, null, &err)) >= 0)
		rc = wdilog_report_render_diff(a, "a", b, "b", WDILOG_DIFF_JSON,
					       null, &err);
	fclose(null);
out:
	wdilog_report_free(a);
	wdilog_report_free(b);
	wdilog_report_free(base);
	wdilog_report_free(all);
	wdilog_gate_free(g);
	return rc;
}

static void test_alloc_failures(void)
{
	wdl_alloc_fail_from(0);
	int rc = pipeline();
	unsigned long total = wdl_alloc_count();
	CHECK_MSG(rc == WDILOG_OK, "pipeline runs (%lu allocations)", total);
	int clean = 1;
	for (unsigned long i = 1; i <= total; i++) {
		wdl_alloc_fail_from(i);
		rc = pipeline();
		if (rc != WDILOG_ENOMEM && rc != WDILOG_OK) {
			clean = 0;
			printf("# allocation %lu: status %d\n", i, rc);
		}
	}
	wdl_alloc_fail_from(0);
	CHECK_MSG(clean, "every failed allocation ends in ENOMEM (leaks: ASan)");
}

int main(void)
{
	test_tolerance();
	test_selection();
	test_baseline_limits();
	test_escaping();
	test_alloc_failures();
	return check_report("gate");
}
