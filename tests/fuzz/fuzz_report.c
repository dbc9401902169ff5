/* Fuzz target: reports read back. wdilog_report_load_json_memory ->
 * wdilog_report_merge -> a gate -> every report renderer and the diff, the
 * way `wdilog merge`, `wdilog diff` and `--baseline` use them.
 *
 * Input: up to three parts split at NUL bytes (a JSON text holds no raw
 * NUL): report A, report B (optional), then option bytes (optional; all
 * zero when absent) that choose the gate (the last one the
 * --min-success-rate value). A plain JSON report is a valid
 * input on its own.
 *
 * Checks:
 *  - every renderer succeeds on a memory stream, and writes valid UTF-8;
 *  - the text report and the text diff hold no control character but
 *    newline (names and paths may carry ESC, C1 and invalid bytes), and
 *    the coloured text is the plain text plus SGR sequences only;
 *  - every GitHub output line is a workflow command ("::");
 *  - JUnit holds no character XML 1.0 forbids;
 *  - the JSON report and the JSON diff parse;
 *  - round trip: a report rendered to JSON and loaded again renders to
 *    the same JSON (for A, B and their merge);
 *  - the gate's checks agree with their limits.
 *
 * The findings F1-F6 it made are fixed; their inputs are in its corpus
 * (regress-*), and nothing is let through any more. */
#include "fuzz.h"

#include <jansson.h>

/* names used in messages and diff headings: markup, an escape sequence,
 * C0 and C1 controls and invalid bytes */
#define NAME_A "a <i>&amp;\x1b[31m\xc2\x9b\x7f\r\n\xff"
#define NAME_B "b ::error::x%0A\x1b]0;t\x07\xc2\x85\xfe"

struct mem {
	char *p;
	size_t len;
};

static void mem_free(struct mem *m)
{
	free(m->p);
	m->p = NULL;
	m->len = 0;
}

typedef int (*render_fn)(const wdilog_report *rep, FILE *out,
			 wdilog_error *err);

static void msg_ok(const wdilog_error *err, const char *what)
{
	if (strnlen(err->message, sizeof(err->message)) == sizeof(err->message))
		fuzz_fail("%s: error message not NUL-terminated", what);
}

static void render(const wdilog_report *rep, render_fn fn, const char *what,
		   struct mem *m)
{
	wdilog_error err = { 0 };
	FILE *f = open_memstream(&m->p, &m->len);
	if (!f)
		fuzz_fail("open_memstream");
	int rc = fn(rep, f, &err);
	if (fclose(f) != 0)
		fuzz_fail("%s: fclose", what);
	if (rc < 0) {
		msg_ok(&err, what);
		fuzz_fail("%s: %d %s", what, rc, err.message);
	}
	fuzz_check_text(what, m->p, m->len, false);
}

static int text_plain(const wdilog_report *rep, FILE *out, wdilog_error *err)
{
	wdilog_text_style st = { .color = false, .unicode = true,
				 .by_peer = true };
	return wdilog_report_render_text(rep, out, &st, err);
}

static int text_color(const wdilog_report *rep, FILE *out, wdilog_error *err)
{
	wdilog_text_style st = { .color = true, .unicode = true,
				 .by_peer = true };
	return wdilog_report_render_text(rep, out, &st, err);
}

static int text_ascii(const wdilog_report *rep, FILE *out, wdilog_error *err)
{
	return wdilog_report_render_text(rep, out, NULL, err);
}

/* @p color with every ESC [ digits/; m removed; any other ESC stays. */
static void strip_sgr(const struct mem *color, struct mem *out)
{
	out->p = malloc(color->len + 1);
	if (!out->p)
		fuzz_fail("out of memory");
	size_t n = 0;
	for (size_t i = 0; i < color->len; i++) {
		if (color->p[i] == 0x1b && i + 1 < color->len &&
		    color->p[i + 1] == '[') {
			size_t k = i + 2;
			while (k < color->len &&
			       ((color->p[k] >= '0' && color->p[k] <= '9') ||
				color->p[k] == ';'))
				k++;
			if (k < color->len && color->p[k] == 'm') {
				i = k;
				continue;
			}
		}
		out->p[n++] = color->p[i];
	}
	out->len = n;
}

static void check_text(const wdilog_report *rep)
{
	struct mem plain = { 0 }, color = { 0 }, ascii = { 0 }, bare = { 0 };
	render(rep, text_plain, "text", &plain);
	fuzz_check_text("text", plain.p, plain.len, true);
	render(rep, text_color, "text with colour", &color);
	strip_sgr(&color, &bare);
	if (bare.len != plain.len || memcmp(bare.p, plain.p, plain.len) != 0)
		fuzz_fail("coloured text is not the plain text plus SGR");
	render(rep, text_ascii, "ASCII text", &ascii);
	fuzz_check_text("ASCII text", ascii.p, ascii.len, true);
	mem_free(&plain);
	mem_free(&color);
	mem_free(&ascii);
	mem_free(&bare);
}

static void check_json_parses(const char *what, const struct mem *m)
{
	json_error_t jerr;
	json_t *root = json_loadb(m->p, m->len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		fuzz_fail("%s does not parse: %s (line %d)", what, jerr.text,
			  jerr.line);
	json_decref(root);
}

/* Fail unless @p a and @p b are the same bytes, showing where they part. */
static void same_json(const char *what, const char *how, const struct mem *a,
		      const struct mem *b)
{
	if (a->len == b->len && memcmp(a->p, b->p, a->len) == 0)
		return;
	size_t i = 0;
	while (i < a->len && i < b->len && a->p[i] == b->p[i])
		i++;
	size_t from = i > 40 ? i - 40 : 0;
	fuzz_fail("%s: JSON changes when %s, at byte %zu: '%.*s' became '%.*s'",
		  what, how, i, (int)(a->len - from < 100 ? a->len - from : 100),
		  a->p + from, (int)(b->len - from < 100 ? b->len - from : 100),
		  b->p + from);
}

/* Render @p rep's JSON into @p json, load it again, and require the same
 * JSON from the copy. */
static void round_trip(const wdilog_report *rep, const char *what,
		       struct mem *json)
{
	render(rep, wdilog_report_render_json, what, json);
	wdilog_report *again;
	wdilog_error err = { 0 };
	if (wdilog_report_load_json_memory(&again, json->p, json->len, what,
					   NULL, &err) < 0) {
		msg_ok(&err, what);
		fuzz_fail("%s: the JSON it writes does not load: %s", what,
			  err.message);
	}
	struct mem json2 = { 0 };
	render(again, wdilog_report_render_json, what, &json2);
	same_json(what, "loaded and written again", json, &json2);
	mem_free(&json2);
	wdilog_report_free(again);
}

static void check_junit(const struct mem *m)
{
	for (size_t i = 0; i < m->len; i++) {
		unsigned char c = (unsigned char)m->p[i];
		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') ||
		    (c == 0xEF && i + 2 < m->len &&
		     (unsigned char)m->p[i + 1] == 0xBF &&
		     ((unsigned char)m->p[i + 2] == 0xBE ||
		      (unsigned char)m->p[i + 2] == 0xBF)))
			fuzz_fail("JUnit: character XML forbids at byte %zu", i);
	}
}

static void check_github(const struct mem *m)
{
	for (size_t i = 0; i < m->len;) {
		if (m->len - i < 2 || m->p[i] != ':' || m->p[i + 1] != ':')
			fuzz_fail("GitHub: line at byte %zu is not a command", i);
		const char *nl = memchr(m->p + i, '\n', m->len - i);
		if (!nl)
			fuzz_fail("GitHub: last line has no newline");
		for (const char *c = m->p + i; c < nl; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				fuzz_fail("GitHub: control byte 0x%02x",
					  (unsigned char)*c);
		i = (size_t)(nl - m->p) + 1;
	}
}

/* Every renderer over @p rep. */
static void render_all(const wdilog_report *rep)
{
	struct mem m = { 0 };
	check_text(rep);
	render(rep, wdilog_report_render_html, "HTML", &m);
	mem_free(&m);
	render(rep, wdilog_report_render_junit, "JUnit", &m);
	check_junit(&m);
	mem_free(&m);
	render(rep, wdilog_report_render_markdown, "Markdown", &m);
	mem_free(&m);
	render(rep, wdilog_report_render_github, "GitHub", &m);
	check_github(&m);
	mem_free(&m);
	render(rep, wdilog_report_render_json, "JSON", &m);
	check_json_parses("JSON", &m);
	mem_free(&m);
}

static void diff_all(const wdilog_report *a, const wdilog_report *b)
{
	static const wdilog_diff_format fmts[] = {
		WDILOG_DIFF_TEXT, WDILOG_DIFF_JSON, WDILOG_DIFF_MARKDOWN,
	};
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		struct mem m = { 0 };
		wdilog_error err = { 0 };
		FILE *f = open_memstream(&m.p, &m.len);
		if (!f)
			fuzz_fail("open_memstream");
		int rc = wdilog_report_render_diff(a, NAME_A, b, NAME_B, fmts[i],
						   f, &err);
		if (fclose(f) != 0)
			fuzz_fail("diff: fclose");
		if (rc < 0)
			fuzz_fail("diff %zu: %d %s", i, rc, err.message);
		fuzz_check_text("diff", m.p, m.len, fmts[i] == WDILOG_DIFF_TEXT);
		if (fmts[i] == WDILOG_DIFF_JSON)
			check_json_parses("JSON diff", &m);
		mem_free(&m);
	}
}

/* ---- the gate, from option bytes ---- */

static const uint64_t limits[] = {
	0, 1, 2, 1000, UINT64_MAX / 1000, UINT64_MAX / 1000 + 1,
	(uint64_t)INT64_MAX, UINT64_MAX,
};
static const char *const fail_on[] = {
	"failure", "unknown,benign", "auth,association", "0x2,3",
	"WDI_ASSOC_STATUS_SUCCESS", "benign,failure,success,unknown",
	"WDI_ASSOC_STATUS_NOT_A_NAME,4294967295", "roam",
};
static const char *const allow[] = {
	"0x2", "1,2,3,4,5,6,7,8,9,10", "WDI_ASSOC_STATUS_FAILURE",
	"4294967295",
};
static const char *const tolerance[] = {
	"0", "1", "10%", "0.001", "999999.999", "1000000000", "100%", "0.5%",
};

static const char *const success_rates[] = {
	"0", "50", "95%", "99.999%", "100", "66.667",
};

#define PICK(arr, byte) ((arr)[(byte) % (sizeof(arr) / sizeof((arr)[0]))])

struct opts {
	uint8_t b[6];
};

/* A gate as the option bytes say; @p baseline may be NULL. */
static wdilog_gate *make_gate(const struct opts *o,
			      const wdilog_report *baseline)
{
	wdilog_gate *g;
	wdilog_error err = { 0 };
	if (wdilog_gate_new(&g, &err) < 0)
		fuzz_fail("gate_new: %s", err.message);
	uint8_t flags = o->b[0];
	if (flags & 0x10 && wdilog_gate_fail_on(g, PICK(fail_on, o->b[2]),
						&err) < 0)
		msg_ok(&err, "fail_on");
	if (flags & 0x20 && wdilog_gate_allow(g, PICK(allow, o->b[3]), &err) < 0)
		msg_ok(&err, "allow");
	for (int i = 0; i < WDILOG_LIMIT_COUNT; i++)
		if (flags & (1u << i))
			wdilog_gate_set_limit(g, (wdilog_gate_limit)i,
					      PICK(limits, o->b[1] >> (2 * i)));
	if (flags & 0x40 &&
	    wdilog_gate_set_tolerance(g, PICK(tolerance, o->b[4]), &err) < 0)
		fuzz_fail("tolerance '%s' refused: %s", PICK(tolerance, o->b[4]),
			  err.message);
	if (flags & 0x08 && baseline)
		wdilog_gate_set_baseline(g, baseline);
	if (flags & 0x80 &&
	    wdilog_gate_set_min_success_rate(g, PICK(success_rates, o->b[5]),
					     &err) < 0)
		fuzz_fail("success rate '%s' refused: %s",
			  PICK(success_rates, o->b[5]), err.message);
	return g;
}

static void evaluate(wdilog_report *rep, const wdilog_gate *g)
{
	wdilog_error err = { 0 };
	if (wdilog_report_evaluate(rep, g, &err) < 0)
		fuzz_fail("evaluate: %s", err.message);
	const wdilog_gate_check *c;
	size_t n = wdilog_report_gate_checks(rep, &c);
	bool asked = wdilog_report_gate_asked(rep);
	if (asked != wdilog_gate_has_rules(g))
		fuzz_fail("gate asked %d but has rules %d", asked,
			  wdilog_gate_has_rules(g));
	bool all = true;
	for (size_t i = 0; i < n; i++) {
		if (!c[i].rule)
			fuzz_fail("check %zu without a rule", i);
		/* a rate over no attempt fails; else at least the limit */
		if (c[i].percent &&
		    c[i].passed != (c[i].now_total && c[i].measured >= c[i].limit))
			fuzz_fail("%s: passed %d with %llu against %llu", c[i].rule,
				  c[i].passed, (unsigned long long)c[i].measured,
				  (unsigned long long)c[i].limit);
		else if (strcmp(c[i].rule, "baseline") != 0 && !c[i].percent &&
		    c[i].passed != (c[i].measured <= c[i].limit))
			fuzz_fail("%s: passed %d with %llu against limit %llu",
				  c[i].rule, c[i].passed,
				  (unsigned long long)c[i].measured,
				  (unsigned long long)c[i].limit);
		all &= c[i].passed;
	}
	if (all != wdilog_report_gate_passed(rep))
		fuzz_fail("verdict differs from its checks");
}

static wdilog_report *load(const uint8_t *p, size_t n, const char *name)
{
	wdilog_report *rep;
	wdilog_error err = { 0 };
	int rc = wdilog_report_load_json_memory(&rep, (const char *)p, n, name,
						NULL, &err);
	if (rc < 0) {
		msg_ok(&err, "load");
		if (rc != WDILOG_EFORMAT && rc != WDILOG_ENOMEM)
			fuzz_fail("load: unexpected status %d: %s", rc, err.message);
		return NULL;
	}
	return rep;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *part[3] = { data, NULL, NULL };
	size_t len[3] = { size, 0, 0 };
	int nparts = 1;
	for (int k = 0; k < 2; k++) {
		const uint8_t *nul = memchr(part[k], 0, len[k]);
		if (!nul)
			break;
		part[k + 1] = nul + 1;
		len[k + 1] = len[k] - (size_t)(nul + 1 - part[k]);
		len[k] = (size_t)(nul - part[k]);
		nparts++;
	}
	struct opts o = { { 0 } };
	if (nparts == 3)
		memcpy(o.b, part[2], len[2] < sizeof(o.b) ? len[2] : sizeof(o.b));

	wdilog_report *a = load(part[0], len[0], NAME_A);
	if (!a)
		return 0;
	wdilog_report *b = nparts >= 2 ? load(part[1], len[1], NAME_B) : NULL;
	if (nparts >= 2 && !b) {
		wdilog_report_free(a);
		return 0;
	}

	struct mem ja = { 0 }, jb = { 0 }, jm = { 0 };
	round_trip(a, "report A", &ja);
	if (b)
		round_trip(b, "report B", &jb);

	/* as `wdilog merge A B` does: into a new report */
	wdilog_report *m;
	wdilog_error err = { 0 };
	if (wdilog_report_new(&m, NULL, &err) < 0)
		fuzz_fail("report_new: %s", err.message);
	if (wdilog_report_merge(m, a, &err) < 0 ||
	    (b && wdilog_report_merge(m, b, &err) < 0)) {
		/* a sum JSON could not hold is refused, as it must be, and
		 * so are attempts grouped with other parameters */
		if (!strstr(err.message, "passes 2^63-1") &&
		    !strstr(err.message, "another idle time or retry window"))
			fuzz_fail("merge: %s", err.message);
		wdilog_report_free(m);
		wdilog_report_free(b);
		wdilog_report_free(a);
		mem_free(&ja);
		mem_free(&jb);
		return 0;
	}
	if (!b) {
		/* one report merged into nothing is that report */
		round_trip(m, "A merged alone", &jm);
		same_json("report A", "merged into an empty report", &ja, &jm);
	} else {
		round_trip(m, "A merged with B", &jm);
	}

	/* the gate: over the merge, and over A with B as its baseline */
	wdilog_gate *g = make_gate(&o, b);
	evaluate(m, g);
	render_all(m);
	if (b) {
		evaluate(a, g);
		render_all(a);
	}
	wdilog_gate_free(g);
	render_all(b ? b : a);

	diff_all(a, b ? b : m);
	diff_all(m, a);

	wdilog_report_free(m);
	wdilog_report_free(b);
	wdilog_report_free(a);
	mem_free(&ja);
	mem_free(&jb);
	mem_free(&jm);
	return 0;
}
