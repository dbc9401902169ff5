/* The text parser frames lines from line-feed and hit masks and counts
 * plain events instead of handing them out; none of it may change a
 * report. The masks are checked against the bytewise search at every
 * vector level, and generated inputs made to hit the edges of the masked
 * path (record starts on 64-byte block edges, CR/LF/CRLF, lines longer
 * than the masks and than the window, NUL bytes, '[' or digits opening
 * continuation lines, loss summaries, Unknown( records, fragments across
 * 32-byte halves) must give the report of --full-parse (no masks), whole
 * and in small reads, and the events of the one-by-one reader; read in
 * parts (-j), the report of one pass. */
#include <stdint.h>
#include <unistd.h>

#include "check.h"
#include "parse/prefilter.h"
#include "run_reader.h"

static uint64_t seed = 7;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)((seed >> 33) % n);
}

#define BLOCKS 8
#define SPAN (64 * BLOCKS + 2)

/* Masks at each level equal a bytewise reference built from
 * wdl_prefilter_find at every position. */
static void masks_equal_search(const struct wdl_prefilter *pf)
{
	static const char alphabet[] = "sSoOaAmMqQx9\n\n\r [0_";
	unsigned char buf[SPAN];
	unsigned differ = 0;
	for (int round = 0; round < 3000; round++) {
		for (size_t i = 0; i < SPAN; i++)
			buf[i] = rnd(50) == 0 ? 0
				 : (unsigned char)alphabet[rnd(sizeof(alphabet) - 1)];
		uint64_t nl_ref[BLOCKS] = { 0 }, hit_ref[BLOCKS] = { 0 };
		wdl_prefilter_force(2);
		for (size_t i = 0; i < 64 * BLOCKS; i++) {
			if (buf[i] == '\n')
				nl_ref[i / 64] |= (uint64_t)1 << (i % 64);
			if (wdl_prefilter_find(pf, (const char *)buf + i, SPAN - i) == 0)
				hit_ref[i / 64] |= (uint64_t)1 << (i % 64);
		}
		for (int level = 0; level <= 2; level++) {
			uint64_t nl[BLOCKS], hit[BLOCKS];
			wdl_prefilter_force(level);
			wdl_prefilter_masks(pf, (const char *)buf, BLOCKS, nl, hit);
			for (int b = 0; b < BLOCKS; b++)
				differ += nl[b] != nl_ref[b] || hit[b] != hit_ref[b];
			/* the search itself at this level */
			size_t from = rnd(64 * BLOCKS);
			wdl_prefilter_force(2);
			size_t want = wdl_prefilter_find(pf, (const char *)buf + from,
							 SPAN - from);
			wdl_prefilter_force(level);
			differ += wdl_prefilter_find(pf, (const char *)buf + from,
						     SPAN - from) != want;
		}
	}
	wdl_prefilter_force(0);
	CHECK_EQ_U(differ, 0);
}

static void bits_next(void)
{
	uint64_t m[3] = { 0, (uint64_t)1 << 63, 5 };
	CHECK_EQ_U(wdl_bits_next(m, 0, 192), 127);
	CHECK_EQ_U(wdl_bits_next(m, 0, 127), 127);
	CHECK_EQ_U(wdl_bits_next(m, 127, 192), 127);
	CHECK_EQ_U(wdl_bits_next(m, 128, 192), 128);
	CHECK_EQ_U(wdl_bits_next(m, 129, 192), 130);
	CHECK_EQ_U(wdl_bits_next(m, 131, 192), 192);
	CHECK_EQ_U(wdl_bits_next(m, 5, 5), 5);
}

static size_t put(char *buf, size_t len, size_t cap, const char *s)
{
	size_t n = strlen(s);
	if (len + n < cap) {
		memcpy(buf + len, s, n);
		len += n;
	}
	return len;
}

static const char *const eols[] = { "\n", "\r\n", "\n", "\n", "\r\n" };

static const char *const starts[] = {
	"[0]1A2B.3C4D::11/25/2026-10:00:01.123 [wdiwifi]",
	"[12]0F24.1020::11/25/2026-10:00:02.5 ",
	" 44676 [2]0F24.1020::11/25/2026-10:00:03.5 [c]",
	"\t[1]ab.cd::",
	"7 [3]1.2:: ",
};

static const char *const others[] = {
	"", "   ", "\t", "[abc] not a record", "[1]xyz.12:: not hex",
	"123 continuation that starts with digits", " 12 [x",
	"12[0]1.2:: no blank after the number", "[0]1.2: one colon",
	"  Processing completed   Buffers: 5, Events: 209, EventsLost: 3 :: x",
	"Total Events  Lost     2",
	"Unknown( 76): GUID=ac5ec775-1234-1234-1234-123456789abc (No Format Information found).",
	"Unknown(x) not one", "plain words, Disassociated", "Roaming along",
	"EventTrace",
};

static const char *const loud[] = {
	"AssocStatus = 31", "wdi_assoc_status_success", "RoamReason: 0x2d",
	"DISASSOCIATIONSTATUS=Q", "WdiConnectStatus 45", "x9=1", "Q:0",
	"assocstatus = zzz", "WDI_ASSOC_STATUS_NO_AUTH_RESPONSE",
};

/* Pad so that what follows lands at, just before or just after a
 * 64-byte edge (or a 32-byte one, for fragments across halves). */
static size_t pad_to_edge(char *buf, size_t len, size_t cap)
{
	unsigned edge = rnd(2) ? 64 : 32;
	unsigned want = (edge - (unsigned)(len % edge) + edge - 2 + rnd(5)) % edge;
	while (want-- && len + 1 < cap)
		buf[len++] = 'z';
	return len;
}

static size_t make_input(char *buf, size_t cap, bool huge)
{
	size_t len = 0;
	if (rnd(2))
		len = put(buf, len, cap, "some plain-text lines first\nand one more\n");
	while (len + 140000 < cap) {
		unsigned k = rnd(20);
		if (k < 9) {
			len = put(buf, len, cap, starts[rnd(5)]);
		} else if (k < 16) {
			len = put(buf, len, cap, others[rnd(16)]);
		} else if (k < 18) {
			len = put(buf, len, cap, starts[rnd(5)]);
			len = pad_to_edge(buf, len, cap);
			len = put(buf, len, cap, loud[rnd(9)]);
		} else if (k == 18) {
			/* longer than the masks reach (4 KiB), sometimes than
			 * the reader's first window (64 KiB) */
			len = put(buf, len, cap, starts[rnd(5)]);
			size_t n = rnd(4) ? 4000 + rnd(2000) : 70000 + rnd(30000);
			for (size_t i = 0; i < n && len + 1 < cap; i++)
				buf[len++] = (char)('a' + rnd(26));
			if (rnd(2))
				len = put(buf, len, cap, loud[rnd(9)]);
		} else {
			len = put(buf, len, cap, starts[rnd(5)]);
			len = put(buf, len, cap, "with a NUL ");
			buf[len++] = '\0';
			len = put(buf, len, cap, " in it");
		}
		if (rnd(4) == 0)
			len = pad_to_edge(buf, len, cap);
		len = put(buf, len, cap, eols[rnd(5)]);
		/* a record start right at a block edge */
		if (rnd(8) == 0) {
			size_t n = (64 - len % 64) % 64;
			if (n > 1) {
				len = put(buf, len, cap, "x");
				while (len % 64 && len + 2 < cap)
					buf[len++] = 'y';
				buf[len - 1] = '\n';
			}
		}
	}
	if (huge) {
		/* past the 1 MiB line limit */
		len = put(buf, len, cap, starts[0]);
		while (len + 200 < cap)
			buf[len++] = 'w';
		len = put(buf, len, cap, "\n");
	}
	return len;
}

static void inputs_equal_full_parse(void)
{
	const char *extra[] = { "WdiConnectStatus", "x9", "Q" };
	for (int round = 0; round < 24; round++) {
		wdilog_options fast, full;
		wdilog_options_init(&fast);
		if (round % 2) {
			fast.keys = extra;
			fast.nkeys = 3;
		}
		full = fast;
		full.full_parse = true;
		bool huge = round == 5;
		size_t cap = huge ? (size_t)3 << 20 : (size_t)1 << 20;
		char *buf = malloc(cap);
		size_t len = make_input(buf, cap, huge);
		int level = round % 3;
		wdl_prefilter_force(level);
		char *a = json_of(buf, len, 0, &fast);
		char *b = json_of(buf, len, 0, &full);
		char *c = json_of(buf, len, 1000 + rnd(3000), &fast);
		const char *fa, *fb;
		char *ea = events_of(buf, len, &fast, &fa);
		char *eb = events_of(buf, len, &full, &fb);
		wdl_prefilter_force(0);
		CHECK(a && b && c && strcmp(a, b) == 0);
		CHECK(a && c && strcmp(a, c) == 0);
		CHECK(ea && eb && strcmp(ea, eb) == 0);
		if (a && b && strcmp(a, b) != 0)
			fprintf(stderr, "round %d (level %d) differs\n", round, level);
		free(a);
		free(b);
		free(c);
		free(ea);
		free(eb);
		free(buf);
	}
}

static char *json_of_path(const char *path, unsigned jobs, uint64_t split)
{
	wdilog_options o;
	wdilog_options_init(&o);
	o.split_bytes = split;
	wdilog_report *rep;
	if (wdilog_report_new(&rep, &o, NULL) < 0)
		return NULL;
	wdilog_path one = { path, false };
	wdilog_report_read_paths(rep, &one, 1, jobs, &o, NULL, NULL, NULL);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	wdilog_report_render_json(rep, f, NULL);
	fclose(f);
	wdilog_report_free(rep);
	return out;
}

/* Parts end where a record starts at their end byte or later: the masked
 * framing stops there too. */
static void parts_equal_one_pass(void)
{
	char dir[] = "/tmp/wdilog-masks-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[300];
	snprintf(path, sizeof(path), "%s/t.log", dir);
	for (int round = 0; round < 4; round++) {
		size_t cap = (size_t)1 << 20;
		char *buf = malloc(cap);
		size_t len = make_input(buf, cap, false);
		FILE *f = fopen(path, "wb");
		CHECK(f && fwrite(buf, 1, len, f) == len);
		if (f)
			fclose(f);
		free(buf);
		char *one = json_of_path(path, 1, 0);
		for (unsigned jobs = 2; jobs <= 3; jobs++) {
			char *par = json_of_path(path, jobs, 8192u << (2 * round));
			bool same = one && par && strcmp(one, par) == 0;
			if (!same)
				fprintf(stderr, "round %d, %u jobs: report differs\n",
					round, jobs);
			CHECK(same);
			free(par);
		}
		free(one);
	}
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const char *extra[] = { "WdiConnectStatus", "x9", "Q" };
	wdilog_options o;
	wdilog_options_init(&o);
	struct wdl_keyset ks;
	struct wdl_prefilter pf;
	/* the default keys (two fragments), then with keys of one and two
	 * letters (the general path) */
	wdl_keyset_init(&ks, &o, NULL);
	wdl_prefilter_init(&pf, &ks);
	masks_equal_search(&pf);
	wdl_keyset_dispose(&ks);
	o.keys = extra;
	o.nkeys = 3;
	wdl_keyset_init(&ks, &o, NULL);
	wdl_prefilter_init(&pf, &ks);
	masks_equal_search(&pf);
	wdl_keyset_dispose(&ks);
	bits_next();
	inputs_equal_full_parse();
	parts_equal_one_pass();
	return check_report("text_masks");
}
