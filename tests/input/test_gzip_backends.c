/* gzip read by ISA-L and by zlib (WDILOG_ZLIB=1) gives the same: the same
 * bytes, status, message, truncation flag and member count, for whole
 * streams, concatenated members, bytes after the last member, every cut,
 * a bad CRC, a bad length, damaged deflate data, gzip inside gzip and a
 * byte limit. Built without ISA-L both runs use zlib and agree trivially. */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "check.h"
#include "input/input.h"

struct out {
	int rc;
	unsigned char *p;
	size_t len;
	bool truncated;
	uint64_t members;
	char message[256];
};

static struct out read_all(const unsigned char *p, size_t n, size_t step,
			   uint64_t max_bytes)
{
	struct out r = { 0 };
	struct wdl_input in;
	wdilog_error err = { 0 };
	if (wdl_input_open_memory(&in, p, n, &err) < 0) {
		r.rc = -100;
		return r;
	}
	in.max_bytes = max_bytes;
	size_t cap = 0;
	for (;;) {
		if (r.len + step > cap) {
			cap = (r.len + step) * 2;
			r.p = realloc(r.p, cap);
		}
		size_t got = 0;
		r.rc = wdl_input_read(&in, r.p + r.len, step, &got, &err);
		if (r.rc < 0 || got == 0)
			break;
		r.len += got;
	}
	if (r.rc < 0)
		snprintf(r.message, sizeof(r.message), "%s", err.message);
	r.truncated = wdl_input_truncated(&in);
	for (const struct wdl_input *l = &in; l; l = l->lower)
		r.members += l->gzip_members;
	wdl_input_close(&in);
	return r;
}

static bool both_agree(const char *what, const unsigned char *p, size_t n,
		       size_t step, uint64_t max_bytes)
{
	unsetenv("WDILOG_ZLIB");
	struct out a = read_all(p, n, step, max_bytes);
	setenv("WDILOG_ZLIB", "1", 1);
	struct out b = read_all(p, n, step, max_bytes);
	unsetenv("WDILOG_ZLIB");
	bool ok = a.rc == b.rc && a.len == b.len &&
		  (a.len == 0 || memcmp(a.p, b.p, a.len) == 0) &&
		  a.truncated == b.truncated && a.members == b.members &&
		  strcmp(a.message, b.message) == 0;
	CHECK_MSG(ok, "%s: isa-l rc %d, %zu bytes, cut %d, %llu members, \"%s\"; "
		  "zlib rc %d, %zu bytes, cut %d, %llu members, \"%s\"", what,
		  a.rc, a.len, a.truncated, (unsigned long long)a.members, a.message,
		  b.rc, b.len, b.truncated, (unsigned long long)b.members, b.message);
	free(a.p);
	free(b.p);
	return ok;
}

static unsigned char *gz(const unsigned char *p, size_t n, size_t *out_len)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	*out_len = 0;
	if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	uLong cap = deflateBound(&z, (uLong)n);
	unsigned char *o = malloc(cap);
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = o;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) == Z_STREAM_END)
		*out_len = cap - z.avail_out;
	deflateEnd(&z);
	return o;
}

/* Text that compresses into several deflate blocks. */
static unsigned char *make_text(size_t n)
{
	unsigned char *t = malloc(n);
	unsigned s = 12345;
	for (size_t i = 0; i < n; i++) {
		s = s * 1103515245u + 12345u;
		t[i] = (s >> 16) % 23 == 0 ? '\n' : (unsigned char)('a' + (s >> 16) % 19);
	}
	return t;
}

int main(void)
{
	size_t tn = 300000, gn, hn;
	unsigned char *text = make_text(tn);
	unsigned char *g = gz(text, tn, &gn);
	unsigned char *h = gz(text + 1000, 5000, &hn);
	CHECK(g && gn > 100 && h && hn > 20);

	both_agree("whole", g, gn, 4096, 0);
	both_agree("whole, 1-byte reads", g, gn, 1, 0);
	both_agree("whole, 64 KiB reads", g, gn, 65536, 0);

	/* three members, then garbage after them */
	size_t cn = gn + hn + gn + 7;
	unsigned char *cat = malloc(cn);
	memcpy(cat, g, gn);
	memcpy(cat + gn, h, hn);
	memcpy(cat + gn + hn, g, gn);
	memcpy(cat + gn + hn + gn, "garbage", 7);
	both_agree("three members", cat, cn - 7, 4096, 0);
	both_agree("three members and garbage", cat, cn, 4096, 0);

	/* cuts everywhere in the small member, and across the big one */
	char what[64];
	for (size_t cut = 0; cut < hn; cut++) {
		snprintf(what, sizeof(what), "cut at %zu", cut);
		both_agree(what, h, cut, 4096, 0);
	}
	for (size_t cut = 1; cut < gn; cut += gn / 97 + 1) {
		snprintf(what, sizeof(what), "big cut at %zu", cut);
		both_agree(what, g, cut, 4096, 0);
	}

	/* the trailer: CRC, then length, then both */
	unsigned char *bad = malloc(gn);
	memcpy(bad, g, gn);
	bad[gn - 8] ^= 1;
	both_agree("bad CRC", bad, gn, 4096, 0);
	memcpy(bad, g, gn);
	bad[gn - 3] ^= 1;
	both_agree("bad length", bad, gn, 4096, 0);
	memcpy(bad, g, gn);
	bad[gn - 8] ^= 1;
	bad[gn - 1] ^= 1;
	both_agree("bad CRC and length", bad, gn, 4096, 0);
	/* a bad CRC in the first of two members */
	memcpy(cat, g, gn);
	cat[gn - 6] ^= 0x40;
	both_agree("bad CRC, first member", cat, gn + hn, 4096, 0);

	/* the header: method and flags */
	memcpy(bad, g, gn);
	bad[2] = 7;
	both_agree("unknown method", bad, gn, 4096, 0);
	/* reserved flag bits: zlib refuses them, ISA-L did not look
	 * (fuzz_reader found a member with 0x80 read by one only) */
	for (int bit = 5; bit < 8; bit++) {
		memcpy(bad, g, gn);
		bad[3] |= (unsigned char)(1u << bit);
		snprintf(what, sizeof(what), "reserved flag bit %d", bit);
		both_agree(what, bad, gn, 4096, 0);
	}
	/* a header CRC (FHCRC), right and wrong */
	unsigned char *hc = malloc(gn + 2);
	memcpy(hc, g, 10);
	hc[3] |= 0x02;
	uLong hcrc = crc32(0, hc, 10);
	hc[10] = (unsigned char)(hcrc & 0xff);
	hc[11] = (unsigned char)((hcrc >> 8) & 0xff);
	memcpy(hc + 12, g + 10, gn - 10);
	both_agree("header CRC", hc, gn + 2, 4096, 0);
	hc[10] ^= 1;
	both_agree("wrong header CRC", hc, gn + 2, 4096, 0);
	free(hc);
	/* a reserved bit in the second of two members */
	memcpy(cat, g, gn);
	memcpy(cat + gn, h, hn);
	cat[gn + 3] |= 0x80;
	both_agree("reserved flag, second member", cat, gn + hn, 4096, 0);

	/* a bomb stopped by the byte limit */
	both_agree("byte limit", g, gn, 4096, 1000);
	both_agree("byte limit = size", g, gn, 4096, tn);

	/* gzip inside gzip */
	size_t g2n;
	unsigned char *g2 = gz(g, gn, &g2n);
	both_agree("gzip in gzip", g2, g2n, 4096, 0);
	both_agree("gzip in gzip, cut", g2, g2n / 2, 4096, 0);
	free(g2);

	free(bad);
	free(cat);
	free(h);
	free(g);
	free(text);
	return check_report("gzip_backends");
}
