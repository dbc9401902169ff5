/* Fuzz target: the recognizers that decide what a file and a line are.
 * Format detection, the tracefmt prefix, "Event[N]:", "Unknown( N):
 * GUID=", the timestamp layouts, the status-name lookup and the extract
 * rules on one line. The input is used as is (no control byte), so every
 * sample is a seed. Checks lengths stay inside the input, parsed times are
 * in range and survive a format-and-parse round trip, and the extract
 * prefilter never says no where the full rules find something. */
#include <string.h>

#include "fuzz.h"

#include "parse/detect.h"
#include "parse/event.h"
#include "parse/extract.h"
#include "parse/parse_text.h"
#include "parse/prefilter.h"
#include "parse/timestamp.h"

static void check_time(const wdilog_time *t, const char *what)
{
	if (!t->valid)
		fuzz_fail("%s: a parsed time is not valid", what);
	if (t->nanos >= 1000000000u || t->digits > 9)
		fuzz_fail("%s: fraction %u with %u digits", what, t->nanos,
			  t->digits);
	if (t->offset_minutes < -(23 * 60 + 59) ||
	    t->offset_minutes > 23 * 60 + 59)
		fuzz_fail("%s: offset %d", what, t->offset_minutes);
	/* the JSON report writes this; reading it back must give the same */
	char buf[64];
	size_t n = wdl_time_format(t, buf, sizeof(buf));
	if (!n)
		fuzz_fail("%s: time does not format", what);
	wdilog_time back = { 0 };
	size_t used = wdl_time_parse(buf, n, false, &back);
	if (used != n || back.seconds != t->seconds || back.nanos != t->nanos ||
	    back.digits != t->digits || back.zoned != t->zoned ||
	    back.offset_minutes != t->offset_minutes)
		fuzz_fail("%s: %s does not read back", what, buf);
}

/* Same values, in the same order, and the same malformed count. */
static bool same_found(const struct wdl_found *a, const struct wdl_found *b)
{
	if (a->n != b->n || a->nmalformed != b->nmalformed)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const wdilog_status_value *x = &a->values[i], *y = &b->values[i];
		if (x->has_code != y->has_code ||
		    (x->has_code ? x->code != y->code : strcmp(x->name, y->name) != 0))
			return false;
	}
	return true;
}

static void lines(const char *s, size_t len, const struct wdl_keyset *ks)
{
	struct wdl_prefilter pf;
	struct wdl_found hits;
	wdl_prefilter_init(&pf, ks);
	wdl_found_init(&hits);
	struct wdl_found f;
	wdl_found_init(&f);
	const char *end = s + len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

		size_t pre = wdl_wpp_prefix(s, n);
		if (pre > n)
			fuzz_fail("prefix %zu longer than the line %zu", pre, n);
		wdl_eventlog_block_start(s, n);
		char guid[37];
		memset(guid, 'x', sizeof(guid));
		if (wdl_unknown_message(s, n, guid) && guid[0]) {
			if (strnlen(guid, sizeof(guid)) != 36)
				fuzz_fail("guid not 36 characters");
		}

		for (int df = 0; df < 2; df++) {
			wdilog_time t = { 0 };
			size_t used = wdl_time_parse(s, n, df, &t);
			if (used > n)
				fuzz_fail("time parse used %zu of %zu", used, n);
			if (used)
				check_time(&t, "parse");
			memset(&t, 0, sizeof(t));
			if (wdl_time_find(s, n, df, &t))
				check_time(&t, "find");
		}

		uint32_t code;
		wdilog_status_lookup(s, n < 64 ? n : 64, &code);

		struct wdl_span line = { s, n };
		wdl_found_reset(&f);
		wdl_extract_text(ks, line, &f);
		if ((f.n || f.nmalformed) && wdl_prefilter_find(&pf, s, n) == n)
			fuzz_fail("prefilter missed a line the rules match");
		wdl_found_reset(&hits);
		wdl_extract_hits(ks, &pf, line, &hits);
		if (!same_found(&f, &hits))
			fuzz_fail("the pre-filtered rules differ from the full ones");
		if (strnlen(f.note, sizeof(f.note)) == sizeof(f.note))
			fuzz_fail("malformed note not terminated");
		wdl_found_reset(&f);
		wdl_extract_value((struct wdl_span){ "AssocStatus", 11 }, line,
				  &f);
		if (f.n + f.nmalformed != 1)
			fuzz_fail("a value gave %zu values and %zu malformed",
				  f.n, f.nmalformed);

		s += n + (nl != NULL);
	}
	wdl_found_dispose(&f);
	wdl_found_dispose(&hits);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct wdl_detection d;
	enum wdl_format f = wdl_detect(s, size, &d);
	if (d.format != f || d.skip > size || d.first_at + d.first_len > size)
		fuzz_fail("detection points outside the input");
	/* wpp-text is settled by the text parser, never by detect */
	if (f != WDL_FORMAT_EVENT_XML && f != WDL_FORMAT_EVENTLOG_TEXT &&
	    f != WDL_FORMAT_PLAIN_TEXT && f != WDL_FORMAT_WDILOG_REPORT)
		fuzz_fail("detect gave %d", (int)f);
	if (f == WDL_FORMAT_WDILOG_REPORT) {
		size_t i = 0;   /* the input is not NUL-terminated */
		while (i < size && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
				    s[i] == '\n'))
			i++;
		if (i == size || s[i] != '{')
			fuzz_fail("a report that does not start with '{'");
	}
	if (!wdl_format_name(f))
		fuzz_fail("format without a name");

	wdilog_options opts;
	wdilog_options_init(&opts);
	struct wdl_keyset ks;
	wdilog_error err;
	if (wdl_keyset_init(&ks, &opts, &err) < 0)
		fuzz_fail("keyset: %s", err.message);
	lines(s, size, &ks);
	wdl_keyset_dispose(&ks);
	return 0;
}
