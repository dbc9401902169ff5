/* The encoding sniff skips ASCII runs and NUL-free blocks in bulk: it must
 * decide exactly as the rule it replaced, a byte at a time, on generated
 * starts of inputs: ASCII, UTF-8, Windows-1252 bytes, UTF-16 either way
 * with and without a BOM, NULs at even and odd offsets around the 10% and
 * 30% thresholds, sequences cut by the end, random bytes. */
#include <stdlib.h>

#include "check.h"
#include "input/decode.h"
#include "util/utf8.h"

/* The rule as it was: every pair of the first 4 KiB, then every code
 * point of the whole buffer. */
static enum wdl_encoding byte_by_byte(const unsigned char *p, size_t n,
				      size_t *bom)
{
	*bom = 0;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		*bom = 3;
		return WDL_ENC_UTF8;
	}
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		*bom = 2;
		return WDL_ENC_UTF16LE;
	}
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		*bom = 2;
		return WDL_ENC_UTF16BE;
	}
	size_t look = n < 4096 ? n : 4096, even = 0, odd = 0;
	for (size_t i = 0; i + 1 < look; i += 2) {
		even += p[i] == 0;
		odd += p[i + 1] == 0;
	}
	size_t pairs = look / 2;
	if (pairs && odd * 10 >= pairs * 3 && even * 10 < pairs)
		return WDL_ENC_UTF16LE;
	if (pairs && even * 10 >= pairs * 3 && odd * 10 < pairs)
		return WDL_ENC_UTF16BE;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = wdl_utf8_decode(p + i, n - i, &cp);
		if (k == 0)
			return WDL_ENC_CP1252;
		if (k < 0)
			break;
		i += (size_t)k;
	}
	return WDL_ENC_UTF8;
}

static uint64_t seed = 0x9E3779B97F4A7C15u;

static uint32_t rnd(uint32_t below)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return below ? (uint32_t)(seed % below) : 0;
}

static size_t put_cp(unsigned char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* A code point that is not ASCII, in each UTF-8 length. */
static uint32_t wide_cp(void)
{
	switch (rnd(3)) {
	case 0: return 0x80 + rnd(0x800 - 0x80);
	case 1: return 0xE000 + rnd(0x2000);    /* past the surrogates */
	default: return 0x10000 + rnd(0x100000);
	}
}

static unsigned char ascii_byte(void)
{
	return rnd(20) == 0 ? '\n' : (unsigned char)(0x20 + rnd(0x5F));
}

/* Text with a non-ASCII code point once in @p every (0: never). */
static size_t gen_utf8(unsigned char *b, size_t len, uint32_t every)
{
	size_t o = 0;
	while (o + 4 <= len) {
		if (every && rnd(every) == 0)
			o += put_cp(b + o, wide_cp());
		else
			b[o++] = ascii_byte();
	}
	while (o < len)
		b[o++] = ascii_byte();
	return o;
}

static size_t gen_utf16(unsigned char *b, size_t len, bool be, uint32_t every)
{
	size_t o = 0;
	while (o + 2 <= len) {
		uint32_t u = every && rnd(every) == 0 ? 0x100 + rnd(0xD000)
						      : ascii_byte();
		b[o++] = (unsigned char)(be ? u >> 8 : u & 0xFF);
		b[o++] = (unsigned char)(be ? u & 0xFF : u >> 8);
	}
	return o;
}

static void same(const unsigned char *b, size_t n, const char *what)
{
	size_t bom_new = 9, bom_old = 9;
	enum wdl_encoding got = wdl_encoding_sniff(b, n, &bom_new);
	enum wdl_encoding want = byte_by_byte(b, n, &bom_old);
	CHECK_MSG(got == want && bom_new == bom_old,
		  "%s, %zu bytes: %s (bom %zu), expected %s (bom %zu)", what,
		  n, wdl_encoding_name(got), bom_new, wdl_encoding_name(want),
		  bom_old);
}

/* Every prefix length near the block sizes the sniff steps by, and a few
 * cuts inside the last sequence. */
static void all_cuts(const unsigned char *b, size_t n, const char *what)
{
	static const size_t at[] = { 0, 1, 2, 3, 4, 15, 16, 17, 63, 64, 65,
				     127, 4095, 4096, 4097, 4098 };
	for (size_t k = 0; k < sizeof(at) / sizeof(at[0]); k++)
		if (at[k] <= n)
			same(b, at[k], what);
	for (size_t k = 0; k < 4 && k < n; k++)
		same(b, n - k, what);
}

enum { MAXLEN = 70000 };

static void text_kinds(unsigned char *b)
{
	static const uint32_t every[] = { 0, 1, 2, 7, 100, 5000 };
	for (int round = 0; round < 60; round++) {
		size_t len = rnd(round % 3 == 0 ? MAXLEN : 9000);
		uint32_t e = every[rnd(6)];
		size_t n = gen_utf8(b, len, e);
		all_cuts(b, n, "utf-8");
		/* a non-ASCII sequence as the very last bytes, cut */
		if (n >= 4) {
			size_t k = put_cp(b + n - 4, 0x10000 + rnd(0x1000));
			(void)k;
			all_cuts(b, n, "utf-8, 4-byte end");
		}
		/* Windows-1252: one lone high byte somewhere */
		if (n) {
			size_t at = rnd((uint32_t)n);
			unsigned char keep = b[at];
			b[at] = (unsigned char)(0x80 + rnd(0x80));
			all_cuts(b, n, "one high byte");
			b[at] = keep;
		}
		/* a BOM in front */
		if (n >= 3) {
			b[0] = 0xEF, b[1] = 0xBB, b[2] = 0xBF;
			all_cuts(b, n, "utf-8 bom");
		}
	}
}

static void cp1252_and_random(unsigned char *b)
{
	for (int round = 0; round < 60; round++) {
		size_t len = rnd(9000);
		uint32_t high = 1 + rnd(50);
		for (size_t i = 0; i < len; i++)
			b[i] = rnd(high) == 0 ? (unsigned char)(0x80 + rnd(0x80))
					      : ascii_byte();
		all_cuts(b, len, "windows-1252");
		for (size_t i = 0; i < len; i++)
			b[i] = (unsigned char)rnd(256);
		all_cuts(b, len, "random");
	}
}

static void utf16_kinds(unsigned char *b)
{
	for (int round = 0; round < 60; round++) {
		bool be = round & 1, bom = round & 2;
		size_t len = rnd(round % 5 == 0 ? MAXLEN : 9000);
		size_t n = gen_utf16(b, len, be, rnd(4) ? 0 : 1 + rnd(10));
		if (bom && n >= 2) {
			b[0] = be ? 0xFE : 0xFF;
			b[1] = be ? 0xFF : 0xFE;
		}
		all_cuts(b, n, be ? "utf-16be" : "utf-16le");
		/* one byte off: the NULs change sides */
		if (n > 1)
			all_cuts(b + 1, n - 1, "utf-16, shifted");
	}
}

/* NULs placed at even and odd offsets with densities on both sides of
 * the 10% and 30% thresholds. */
static void nul_density(unsigned char *b)
{
	static const uint32_t per_mille[] = { 0, 1, 50, 99, 100, 101, 290,
					      299, 300, 301, 310, 500, 1000 };
	const size_t np = sizeof(per_mille) / sizeof(per_mille[0]);
	for (int round = 0; round < 400; round++) {
		size_t len = 1 + rnd(round % 4 == 0 ? 20000 : 4200);
		uint32_t pe = per_mille[rnd((uint32_t)np)];
		uint32_t po = per_mille[rnd((uint32_t)np)];
		gen_utf8(b, len, rnd(2) ? 0 : 50);
		for (size_t i = 0; i < len; i++)
			if (rnd(1000) < (i % 2 ? po : pe))
				b[i] = 0;
		all_cuts(b, len, "nuls");
	}
	/* exact counts at the thresholds of a 4096-byte look */
	static const size_t counts[] = { 204, 205, 206, 613, 614, 615, 2048 };
	for (size_t a = 0; a < 7; a++) {
		for (size_t c = 0; c < 7; c++) {
			size_t len = 4096 + rnd(100);
			gen_utf8(b, len, 0);
			for (size_t k = 0; k < counts[a]; k++)
				b[2 * k] = 0;
			for (size_t k = 0; k < counts[c]; k++)
				b[4095 - 2 * k] = 0;
			all_cuts(b, len, "nuls at thresholds");
		}
	}
}

int main(void)
{
	unsigned char *b = malloc(MAXLEN + 8);
	if (!b)
		return 1;
	text_kinds(b);
	cp1252_and_random(b);
	utf16_kinds(b);
	nul_density(b);
	free(b);
	return check_report("input/encoding_sniff");
}
