/* The input stage's byte-level checks (issue 11): binary formats told by
 * their magic (item 2), gzip inside gzip inflated again (item 2), a gzip
 * stream cut short marked truncated (item 7), and the byte limit that
 * stops /dev/zero (item 15). */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "check.h"
#include "input/input.h"
#include "input/magic.h"

struct bytes {
	unsigned char *p;
	size_t len;
};

/* gzip @p n bytes of @p p as one member; the caller frees. */
static struct bytes gz(const void *p, size_t n)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	struct bytes out = { 0 };
	if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return out;
	uLong cap = deflateBound(&z, (uLong)n);
	out.p = malloc(cap);
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = out.p;
	z.avail_out = (uInt)cap;
	if (out.p && deflate(&z, Z_FINISH) == Z_STREAM_END)
		out.len = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

static struct bytes gz_again(struct bytes b)
{
	struct bytes r = gz(b.p, b.len);
	free(b.p);
	return r;
}

struct result {
	int rc;
	struct bytes out;
	bool truncated, gzip;
	enum wdl_binary binary;
	wdilog_error err;
};

/* Everything the input stage hands out for @p p[0, n), 100 bytes a read. */
static struct result read_all(const void *p, size_t n, bool accept_binary,
			      uint64_t max_bytes)
{
	struct result r = { 0 };
	struct wdl_input in;
	if (wdl_input_open_memory(&in, p, n, &r.err) < 0) {
		r.rc = -100;
		return r;
	}
	in.accept_binary = accept_binary;
	in.max_bytes = max_bytes;
	size_t cap = 0;
	for (;;) {
		if (r.out.len + 100 > cap) {
			cap = cap ? cap * 2 : 4096;
			r.out.p = realloc(r.out.p, cap);
		}
		size_t got = 0;
		r.rc = wdl_input_read(&in, r.out.p + r.out.len, 100, &got, &r.err);
		if (r.rc < 0 || got == 0)
			break;
		r.out.len += got;
	}
	r.truncated = wdl_input_truncated(&in);
	r.gzip = in.gzip;
	r.binary = in.binary;
	wdl_input_close(&in);
	return r;
}

static bool same(struct bytes b, const char *text)
{
	return b.len == strlen(text) && memcmp(b.p, text, b.len) == 0;
}

static const char text[] =
	"[0]0C34.2FF0::08/28/17-10:22:14.658 [Wdi]AssocStatus=0x2\n"
	"[0]0C34.2FF0::08/28/17-10:22:15.000 [Wdi]AssocStatus=0x5\n";

static void plain_and_gzip(void)
{
	struct result r = read_all(text, strlen(text), false, 0);
	CHECK(r.rc == 0 && same(r.out, text));
	CHECK(!r.truncated && !r.gzip && r.binary == WDL_BINARY_NONE);
	free(r.out.p);

	struct bytes g = gz(text, strlen(text));
	r = read_all(g.p, g.len, false, 0);
	CHECK(r.rc == 0 && same(r.out, text));
	CHECK(r.gzip && !r.truncated);
	free(r.out.p);
	free(g.p);
}

/* Item 7: a stream without its trailer, or cut in the middle, says so. */
static void truncated_gzip(void)
{
	struct bytes g = gz(text, strlen(text));
	struct result r = read_all(g.p, g.len - 8, false, 0);
	CHECK(r.rc == 0);
	CHECK(r.truncated);
	free(r.out.p);

	r = read_all(g.p, g.len / 2, false, 0);
	CHECK(r.rc == 0);
	CHECK(r.truncated);
	CHECK(r.out.len < strlen(text) && memcmp(r.out.p, text, r.out.len) == 0);
	free(r.out.p);

	/* cut inside, whole outside: still cut */
	struct bytes outer = gz(g.p, g.len / 2);
	r = read_all(outer.p, outer.len, false, 0);
	CHECK(r.rc == 0 && r.truncated && r.gzip);
	free(r.out.p);
	free(outer.p);
	free(g.p);
}

/* Item 2: gzip inside gzip is inflated again, a few layers deep. */
static void gzip_in_gzip(void)
{
	struct bytes g = gz_again(gz(text, strlen(text)));
	struct result r = read_all(g.p, g.len, false, 0);
	CHECK(r.rc == 0 && same(r.out, text));
	CHECK(r.gzip && !r.truncated && r.binary == WDL_BINARY_NONE);
	free(r.out.p);

	for (int k = 2; k < WDL_GZIP_DEPTH; k++)
		g = gz_again(g);
	r = read_all(g.p, g.len, false, 0);
	CHECK(r.rc == 0 && same(r.out, text));
	free(r.out.p);

	/* deeper than that: refused by name, never read as text */
	g = gz_again(g);
	r = read_all(g.p, g.len, false, 0);
	CHECK(r.rc == WDILOG_EFORMAT && r.out.len == 0);
	CHECK(r.binary == WDL_BINARY_GZIP);
	CHECK(strstr(r.err.message, "gzip") != NULL);
	free(r.out.p);
	free(g.p);
}

/* Item 2: binary inputs are refused by name with what to do. */
static void binary_refused(void)
{
	static const unsigned char evtx[] = "ElfFile\0\0\0\0\0\1\0\0\0garbage";
	struct result r = read_all(evtx, sizeof(evtx), false, 0);
	CHECK(r.rc == WDILOG_EFORMAT && r.out.len == 0);
	CHECK(r.binary == WDL_BINARY_EVTX);
	CHECK(strstr(r.err.message, "EVTX") != NULL);
	CHECK(strstr(r.err.message, "wevtutil qe") != NULL);
	free(r.out.p);

	/* the same bytes gzipped: the same answer */
	struct bytes g = gz(evtx, sizeof(evtx));
	r = read_all(g.p, g.len, false, 0);
	CHECK(r.rc == WDILOG_EFORMAT && r.binary == WDL_BINARY_EVTX && r.gzip);
	free(r.out.p);
	free(g.p);

	/* a caller that reads binaries itself gets the bytes */
	r = read_all(evtx, sizeof(evtx), true, 0);
	CHECK(r.rc == 0 && r.out.len == sizeof(evtx));
	CHECK(r.binary == WDL_BINARY_EVTX);
	free(r.out.p);
}

static void sniff_table(void)
{
	static const unsigned char etl[16] = { 0, 0, 1, 0, 0, 0x10, 0, 0,
					       0x48, 0, 0, 0, 1, 0, 0, 0 };
	unsigned char pe[256] = { 'M', 'Z' };
	pe[8] = 4;
	pe[60] = 128;
	memcpy(pe + 128, "PE\0\0", 4);
	static const unsigned char pcapng[12] = { '\n', '\r', '\r', '\n', 28, 0,
						  0, 0, 0x4d, 0x3c, 0x2b, 0x1a };
	static const struct {
		const char *bytes;
		size_t len;
		enum wdl_binary want;
	} cases[] = {
		{ "ElfFile\0", 8, WDL_BINARY_EVTX },
		{ "PK\3\4\24\0", 6, WDL_BINARY_ZIP },
		{ "PK\5\6", 4, WDL_BINARY_ZIP },
		{ "MSCF\0\0\0\0", 8, WDL_BINARY_CAB },
		{ "\177ELF\2\1", 6, WDL_BINARY_ELF },
		{ "7z\274\257\047\034", 6, WDL_BINARY_7Z },
		{ "\3757zXZ\0", 6, WDL_BINARY_XZ },
		{ "BZh91AY&SY", 10, WDL_BINARY_BZIP2 },
		{ "\050\265\057\375", 4, WDL_BINARY_ZSTD },
		{ "\324\303\262\241", 4, WDL_BINARY_PCAP },
		{ "\037\213\010", 3, WDL_BINARY_GZIP },
		/* text that starts like a magic is text */
		{ "MZ driver loaded\n", 17, WDL_BINARY_NONE },
		{ "PKG update\n", 11, WDL_BINARY_NONE },
		{ "ElfFile", 7, WDL_BINARY_NONE },
		{ "BZh9 is not bzip2\n", 18, WDL_BINARY_NONE },
		{ "<Events>\n", 9, WDL_BINARY_NONE },
		/* UTF-16 text without a BOM: NULs, but not an ETL header */
		{ "\0[\0000\0]\0000\0C\0003\0004\0.", 24, WDL_BINARY_NONE },
		{ "[\0000\0]\0000\0C\0003\0004\0.\0", 24, WDL_BINARY_NONE },
		{ "", 0, WDL_BINARY_NONE },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum wdl_binary got = wdl_binary_sniff(
			(const unsigned char *)cases[i].bytes, cases[i].len);
		if (got != cases[i].want)
			fprintf(stderr, "case %zu: got %d\n", i, (int)got);
		CHECK(got == cases[i].want);
	}
	CHECK(wdl_binary_sniff(etl, sizeof(etl)) == WDL_BINARY_ETL);
	CHECK(wdl_binary_sniff(pe, sizeof(pe)) == WDL_BINARY_PE);
	CHECK(wdl_binary_sniff(pcapng, sizeof(pcapng)) == WDL_BINARY_PCAPNG);
	CHECK(wdl_binary_name(WDL_BINARY_NONE) == NULL);
	CHECK(strstr(wdl_binary_advice(WDL_BINARY_ETL), "netsh trace convert") != NULL);
	CHECK(strstr(wdl_binary_advice(WDL_BINARY_ETL), "tracerpt") != NULL);
	for (int b = WDL_BINARY_EVTX; b <= WDL_BINARY_GZIP; b++)
		CHECK(wdl_binary_name((enum wdl_binary)b) &&
		      wdl_binary_advice((enum wdl_binary)b));
}

/* Item 15: a byte limit ends an endless input (or a gzip bomb) with an
 * error after what was read; an input of exactly the limit is whole. */
static void byte_limit(void)
{
	size_t n = strlen(text);
	struct result r = read_all(text, n, false, 10);
	CHECK(r.rc == WDILOG_EIO && r.out.len == 10);
	CHECK(strstr(r.err.message, "limit of 10 bytes") != NULL);
	free(r.out.p);

	r = read_all(text, n, false, n);
	CHECK(r.rc == 0 && same(r.out, text));
	free(r.out.p);

	size_t big = 4u << 20;
	unsigned char *zeros = calloc(1, big);
	memset(zeros, 'x', big);
	struct bytes g = gz(zeros, big);
	r = read_all(g.p, g.len, false, 100000);
	CHECK(r.rc == WDILOG_EIO && r.out.len == 100000);
	free(r.out.p);
	free(g.p);
	free(zeros);
}

int main(void)
{
	plain_and_gzip();
	truncated_gzip();
	gzip_in_gzip();
	binary_refused();
	sniff_table();
	byte_limit();
	return check_report("input");
}
