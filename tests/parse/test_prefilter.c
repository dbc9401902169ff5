/* The fast path must equal the full rules: generated key spellings, cases,
 * separators, values and surroundings go through wdl_extract_text (every
 * word) and wdl_extract_hits (pre-filter driven), and whole generated
 * inputs through the reader with and without --full-parse. */
#include <stdint.h>

#include "check.h"
#include "parse/prefilter.h"
#include "run_reader.h"

static uint64_t seed = 42;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)((seed >> 33) % n);
}

static const char *const keys[] = {
	"AssocStatus", "AssociationStatus", "WdiAssocStatus",
	"WdiAssociationStatus", "DisassocStatus", "DisassociationStatus",
	"DisassociationWdiReason", "RoamingReason", "RoamReason",
	"WDI_ASSOC_STATUS_NO_AUTH_RESPONSE", "WDI_ASSOC_STATUS_MADE_UP",
	"WdiConnectStatus", "x9", "Q",
};
static const char *const seps[] = { "=", ":", "\":", " is ", " = ", "  :",
				     "\" : ", " ", "", "==", "IS " };
static const char *const values[] = { "31", "0x1f", "0X2D", "007", "zzz",
				      "-1", "4294967296", "'41'", "\"51\"",
				      "no_auth_response", "", "31abc",
				      "WDI_ASSOC_STATUS_PEER_DISASSOCIATED" };
static const char *const around[] = { "", " ", "(", "x", "_", "9", "\t",
				      "\"", "[", ".", "\xc3\xa9", "\0" };

/* Random case for each letter. */
static void mangle(char *dst, const char *src)
{
	for (; *src; src++) {
		char c = *src;
		if (rnd(3) == 0 && c >= 'a' && c <= 'z')
			c = (char)(c - 32);
		else if (rnd(3) == 0 && c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		*dst++ = c;
	}
	*dst = '\0';
}

static size_t make_line(char *buf, size_t cap)
{
	size_t len = 0;
	int parts = 1 + (int)rnd(4);
	for (int i = 0; i < parts; i++) {
		char key[64];
		mangle(key, keys[rnd(sizeof(keys) / sizeof(keys[0]))]);
		const char *a = around[rnd(sizeof(around) / sizeof(around[0]))];
		const char *b = around[rnd(sizeof(around) / sizeof(around[0]))];
		int n = snprintf(buf + len, cap - len, "%s%s%s%s%s ", a, key,
				 seps[rnd(sizeof(seps) / sizeof(seps[0]))],
				 values[rnd(sizeof(values) / sizeof(values[0]))], b);
		if (n > 0)
			len += (size_t)n;
	}
	return len;
}

static bool same_found(const struct wdl_found *a, const struct wdl_found *b)
{
	if (a->n != b->n || a->nmalformed != b->nmalformed)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		if (a->values[i].has_code != b->values[i].has_code)
			return false;
		if (a->values[i].has_code ? a->values[i].code != b->values[i].code
					  : strcmp(a->values[i].name, b->values[i].name) != 0)
			return false;
	}
	return true;
}

static void fast_equals_full_on_lines(const struct wdl_keyset *ks,
				      const struct wdl_prefilter *pf)
{
	struct wdl_found full, fast;
	wdl_found_init(&full);
	wdl_found_init(&fast);
	int differ = 0, matched = 0;
	for (int i = 0; i < 200000; i++) {
		char line[1024];
		size_t len = make_line(line, sizeof(line));
		struct wdl_span s = { line, len };
		wdl_found_reset(&full);
		wdl_found_reset(&fast);
		wdl_extract_text(ks, s, &full);
		wdl_extract_hits(ks, pf, s, &fast);
		if (!same_found(&full, &fast) && differ++ < 5)
			fprintf(stderr, "differ on: %.*s\n", (int)len, line);
		/* a line the rules find something in is never passed over */
		if ((full.n || full.nmalformed) &&
		    wdl_prefilter_find(pf, line, len) == len && differ++ < 5)
			fprintf(stderr, "pre-filter missed: %.*s\n", (int)len, line);
		matched += full.n > 0;
	}
	CHECK_EQ_U(differ, 0);
	CHECK(matched > 50000);  /* the generator does produce matches */
	wdl_found_dispose(&full);
	wdl_found_dispose(&fast);
}

static void fast_equals_full_on_inputs(void)
{
	const char *extra[] = { "WdiConnectStatus", "x9", "Q" };
	wdilog_options fast, full;
	wdilog_options_init(&fast);
	fast.keys = extra;
	fast.nkeys = 3;
	full = fast;
	full.full_parse = true;
	for (int round = 0; round < 20; round++) {
		size_t cap = 1 << 20, len = 0;
		char *buf = malloc(cap);
		while (len + 2048 < cap) {
			if (rnd(3) == 0)
				len += (size_t)snprintf(buf + len, cap - len,
							"[0]1.2::10/23/2003-12:27:%02u.%03u [c]",
							rnd(60), rnd(1000));
			len += make_line(buf + len, cap - len);
			buf[len++] = rnd(5) ? '\n' : ' ';
		}
		char *a = json_of(buf, len, 0, &fast);
		char *b = json_of(buf, len, 0, &full);
		CHECK(a && b && strcmp(a, b) == 0);
		free(a);
		free(b);
		free(buf);
	}
}

static void fragments(void)
{
	wdilog_options o;
	wdilog_options_init(&o);
	struct wdl_keyset ks;
	wdl_keyset_init(&ks, &o, NULL);
	struct wdl_prefilter pf;
	wdl_prefilter_init(&pf, &ks);
	CHECK_EQ_U(pf.nfrag, 2);  /* "sso" and "oam" cover the defaults */
	CHECK(!pf.slow);
	const char quiet[] = "FSM Transition from State: Authenticating to State: Connected";
	CHECK_EQ_U(wdl_prefilter_find(&pf, quiet, sizeof(quiet) - 1), sizeof(quiet) - 1);
	const char loud[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ASSOCstatus";
	CHECK_EQ_U(wdl_prefilter_find(&pf, loud, sizeof(loud) - 1), 42);
	const char nul[] = "abc\0def";
	CHECK_EQ_U(wdl_prefilter_find(&pf, nul, 7), 3);
	wdl_keyset_dispose(&ks);
}

/* The default keys' set and pre-filter are built once and shared: they
 * must be what building them for each input gave. */
static void shared_defaults(void)
{
	struct wdl_keyset ks, own;
	CHECK(wdl_keyset_init(&ks, NULL, NULL) == WDILOG_OK);
	CHECK(ks.defaults);
	/* the same keys, built as an input's own */
	own = ks;
	own.defaults = false;
	struct wdl_prefilter shared, built;
	wdl_prefilter_init(&shared, &ks);
	wdl_prefilter_init(&built, &own);
	CHECK(memcmp(&shared, &built, sizeof(shared)) == 0);
	CHECK(shared.nfrag == 2 && !shared.slow);
	/* a set with an extra key owns its array and starts from the same
	 * default keys */
	const char *extra[] = { "Zz" };
	wdilog_options o;
	wdilog_options_init(&o);
	o.keys = extra;
	o.nkeys = 1;
	CHECK(wdl_keyset_init(&own, &o, NULL) == WDILOG_OK);
	CHECK(!own.defaults && own.nkeys == ks.nkeys + 1);
	for (size_t i = 0; i < ks.nkeys; i++)
		CHECK(own.keys[i].len == ks.keys[i].len &&
		      strcmp(own.keys[i].ptr, ks.keys[i].ptr) == 0);
	for (unsigned c = 0; c < 256; c++)
		CHECK(own.starts[c] == (ks.starts[c] || c == 'z' || c == 'Z'));
	wdl_keyset_dispose(&own);
	wdl_keyset_dispose(&ks);
}

int main(void)
{
	shared_defaults();
	const char *extra[] = { "WdiConnectStatus", "x9", "Q" };
	wdilog_options o;
	wdilog_options_init(&o);
	o.keys = extra;
	o.nkeys = 3;
	struct wdl_keyset ks;
	wdl_keyset_init(&ks, &o, NULL);
	struct wdl_prefilter pf;
	wdl_prefilter_init(&pf, &ks);
	fragments();
	fast_equals_full_on_lines(&ks, &pf);
	fast_equals_full_on_inputs();
	wdl_keyset_dispose(&ks);
	return check_report("prefilter");
}
