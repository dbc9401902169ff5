/* Extract stage: the table in extract_cases.txt covers every rule of
 * formats.md section 4 (separators, values, whole-word keys, tokens,
 * dedup, malformed), plus the Data-value entry point used by XML. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "parse/extract.h"
#include "parse/prefilter.h"

static void render_found(const struct wdl_found *f, char *out, size_t cap)
{
	size_t len = 0;
	out[0] = '\0';
	if (!f->n) {
		snprintf(out, cap, "-");
		return;
	}
	for (size_t i = 0; i < f->n && len < cap; i++) {
		int n;
		if (f->values[i].has_code)
			n = snprintf(out + len, cap - len, "%s%u", i ? "," : "",
				     f->values[i].code);
		else
			n = snprintf(out + len, cap - len, "%s%s", i ? "," : "",
				     f->values[i].name);
		if (n > 0)
			len += (size_t)n;
	}
}

static void table_cases(const struct wdl_keyset *ks)
{
	struct wdl_prefilter pf;
	wdl_prefilter_init(&pf, ks);
	FILE *f = fopen(TESTS_DIR "/parse/extract_cases.txt", "r");
	CHECK(f != NULL);
	if (!f)
		return;
	char line[512];
	int cases = 0;
	struct wdl_found found;
	wdl_found_init(&found);
	while (fgets(line, sizeof(line), f)) {
		size_t n = strlen(line);
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (!n || line[0] == '#')
			continue;
		char *t1 = strchr(line, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		CHECK(t2 != NULL);
		if (!t2)
			continue;
		*t1 = *t2 = '\0';
		const char *text = t2 + 1;
		unsigned long want_malformed = strtoul(t1 + 1, NULL, 10);
		wdl_found_reset(&found);
		wdl_extract_text(ks, (struct wdl_span){ text, strlen(text) }, &found);
		char got[256];
		render_found(&found, got, sizeof(got));
		if (strcmp(got, line) != 0 || found.nmalformed != want_malformed) {
			fprintf(stderr, "case '%s': got %s (malformed %zu), expected %s (malformed %lu)\n",
				text, got, found.nmalformed, line, want_malformed);
			check_failures++;
		}
		/* the pre-filter must never reject what the rules accept */
		if ((found.n || found.nmalformed) &&
		    wdl_prefilter_find(&pf, text, strlen(text)) == strlen(text)) {
			fprintf(stderr, "case '%s': pre-filter said no\n", text);
			check_failures++;
		}
		check_count++;
		cases++;
	}
	fclose(f);
	wdl_found_dispose(&found);
	CHECK(cases > 80);
}

static void data_value(const struct wdl_keyset *ks)
{
	struct wdl_found f;
	wdl_found_init(&f);
	struct wdl_span key = { "AssocStatus", 11 };
	wdl_extract_value(key, (struct wdl_span){ "  31 ", 5 }, &f);
	CHECK_EQ_U(f.n, 1);
	CHECK_EQ_U(f.values[0].code, 31);
	wdl_extract_value(key, (struct wdl_span){ "", 0 }, &f);
	CHECK_EQ_U(f.nmalformed, 1);
	CHECK(strstr(f.note, "AssocStatus") != NULL);
	wdl_extract_value(key, (struct wdl_span){ "\r\n\t0x32", 7 }, &f);
	CHECK_EQ_U(f.n, 2);
	CHECK_EQ_U(f.values[1].code, 50);
	wdl_extract_value(key, (struct wdl_span){ "31", 2 }, &f);
	CHECK_EQ_U(f.n, 2);  /* same value again: still one record */
	wdl_found_dispose(&f);
	(void)ks;
}

static void many_distinct_values_grow(const struct wdl_keyset *ks)
{
	/* more distinct values than the initial capacity, names included */
	char text[4096];
	size_t len = 0;
	for (int i = 0; i < 40; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"AssocStatus=%d WDI_ASSOC_STATUS_X%d ", 100 + i, i);
	struct wdl_found f;
	wdl_found_init(&f);
	wdl_extract_text(ks, (struct wdl_span){ text, len }, &f);
	CHECK_EQ_U(f.n, 80);
	CHECK_STR(f.values[1].name, "WDI_ASSOC_STATUS_X0");
	CHECK_STR(f.values[79].name, "WDI_ASSOC_STATUS_X39");
	wdl_found_dispose(&f);
}

static void invalid_keys_rejected(void)
{
	const char *bad[] = { "Assoc Status" };
	wdilog_options o;
	wdilog_options_init(&o);
	o.keys = bad;
	o.nkeys = 1;
	struct wdl_keyset ks;
	wdilog_error err = { 0 };
	CHECK(wdl_keyset_init(&ks, &o, &err) == WDILOG_EINVAL);
	CHECK(strstr(err.message, "Assoc Status") != NULL);
}

int main(void)
{
	const char *extra[] = { "WdiConnectStatus" };
	wdilog_options o;
	wdilog_options_init(&o);
	o.keys = extra;
	o.nkeys = 1;
	struct wdl_keyset ks;
	CHECK(wdl_keyset_init(&ks, &o, NULL) == WDILOG_OK);
	table_cases(&ks);
	data_value(&ks);
	many_distinct_values_grow(&ks);
	invalid_keys_rejected();
	wdl_keyset_dispose(&ks);
	return check_report("extract");
}
