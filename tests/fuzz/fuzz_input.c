/* Fuzz target: the input stage (gzip) and the decode stage (BOM, UTF-16,
 * UTF-8, windows-1252). The first byte is a control byte; the rest is the
 * file. Checks:
 *  - the decoder's output is valid UTF-8 without U+200E/U+200F, whatever
 *    the bytes (every later stage relies on it);
 *  - read sizes and output buffer sizes change nothing;
 *  - gzip of the data, in one or two members, reads back as the data, and
 *    the UTF-16LE/BE forms of valid UTF-8 decode to the same text;
 *  - a truncated gzip stream yields a prefix of the data and a damaged
 *    diagnostic, a corrupted one never more than the data's size. */
#include "fuzz.h"

#include <zlib.h>

#include "input/decode.h"
#include "util/error.h"
#include "input/input.h"

struct buf {
	unsigned char *p;
	size_t len, cap;
};

static void put(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n)
			cap *= 2;
		unsigned char *np = realloc(b->p, cap);
		if (!np)
			fuzz_fail("out of memory in the harness");
		b->p = np;
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
}

struct diags {
	unsigned long damaged, other;
};

static void on_diag(const wdilog_error *d, void *payload)
{
	struct diags *c = payload;
	if (d->code == WDILOG_DIAG_DAMAGED)
		c->damaged++;
	else
		c->other++;
}

enum stage { RAW, DECODED };

/* Read @p data through the input stage (and the decoder for DECODED),
 * @p piece bytes per source read and @p cap bytes per stage read. */
static int run(const uint8_t *data, size_t size, enum stage stage,
	       size_t piece, size_t cap, struct buf *out, struct diags *dg)
{
	struct fuzz_source src = { .data = data, .size = size, .piece = piece };
	wdilog_options opts;
	wdilog_options_init(&opts);
	opts.diag = on_diag;
	opts.diag_payload = dg;
	struct wdl_input in;
	struct wdl_decoder dec;
	wdilog_error err = { 0 };
	out->len = 0;
	if (wdl_input_open_callback(&in, fuzz_source_read, &src, &err) < 0)
		fuzz_fail("input open");
	in.opts = &opts;
	in.name = "fuzz";
	in.accept_binary = true;    /* the byte stages, whatever the bytes */
	if (stage == DECODED && wdl_decoder_init(&dec, &in, &err) < 0)
		fuzz_fail("decoder init");
	char *tmp = malloc(cap);
	if (!tmp)
		fuzz_fail("out of memory in the harness");
	int rc;
	for (unsigned long reads = 0;; reads++) {
		size_t got = 0;
		rc = stage == DECODED
			? wdl_decoder_read(&dec, tmp, cap, &got, &err)
			: wdl_input_read(&in, (unsigned char *)tmp, cap, &got,
					 &err);
		if (rc < 0 || got == 0)
			break;
		if (got > cap)
			fuzz_fail("read returned %zu bytes into %zu", got, cap);
		put(out, tmp, got);
		/* deflate expands at most 1032:1, decoding at most 3:1 */
		if (out->len > 3200 * (size + 64))
			fuzz_fail("%zu bytes out of %zu in", out->len, size);
		if (reads > 3200 * (size + 64))
			fuzz_fail("no progress");
	}
	free(tmp);
	if (stage == DECODED)
		wdl_decoder_dispose(&dec);
	wdl_input_close(&in);
	return rc;
}

static void check_decoded(const struct buf *b)
{
	fuzz_check_text("decoded", (const char *)b->p, b->len, false);
	for (size_t i = 0; i + 2 < b->len; i++)
		if (b->p[i] == 0xE2 && b->p[i + 1] == 0x80 &&
		    (b->p[i + 2] == 0x8E || b->p[i + 2] == 0x8F))
			fuzz_fail("bidi mark left in the decoded text at %zu", i);
}

static void same(const struct buf *a, const struct buf *b, const char *what)
{
	if (a->len != b->len || (a->len && memcmp(a->p, b->p, a->len) != 0))
		fuzz_fail("%s: %zu bytes vs %zu bytes", what, a->len, b->len);
}

/* gzip @p data as one member, or two split at @p split; returns the
 * length of the first member. */
static size_t gzip_of(const uint8_t *data, size_t size, size_t split,
		      struct buf *out)
{
	size_t first = 0;
	out->len = 0;
	size_t parts[2] = { split < size ? split : size, 0 };
	parts[1] = size - parts[0];
	int members = split < size ? 2 : 1;
	const uint8_t *p = data;
	for (int m = 0; m < members; m++) {
		size_t n = members == 1 ? size : parts[m];
		z_stream z;
		memset(&z, 0, sizeof(z));
		if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
				 Z_DEFAULT_STRATEGY) != Z_OK)
			fuzz_fail("deflateInit2");
		uLong bound = deflateBound(&z, (uLong)n);
		unsigned char *tmp = malloc(bound);
		if (!tmp)
			fuzz_fail("out of memory in the harness");
		z.next_in = (unsigned char *)(uintptr_t)p;
		z.avail_in = (uInt)n;
		z.next_out = tmp;
		z.avail_out = (uInt)bound;
		if (deflate(&z, Z_FINISH) != Z_STREAM_END)
			fuzz_fail("deflate");
		put(out, tmp, bound - z.avail_out);
		deflateEnd(&z);
		free(tmp);
		p += n;
		if (m == 0)
			first = out->len;
	}
	return first;
}

static bool valid_utf8_text(const uint8_t *d, size_t n)
{
	if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
		return false;
	for (size_t i = 0; i < n;) {
		if (d[i] == 0)
			return false;
		size_t k = fuzz_utf8_len(d + i, n - i);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

/* UTF-8 -> UTF-16 with a BOM. */
static void utf16_of(const uint8_t *d, size_t n, bool le, struct buf *out)
{
	out->len = 0;
	unsigned char bom[2] = { le ? 0xFF : 0xFE, le ? 0xFE : 0xFF };
	put(out, bom, 2);
	for (size_t i = 0; i < n;) {
		size_t k = fuzz_utf8_len(d + i, n - i);
		uint32_t cp = k == 1 ? d[i]
			    : k == 2 ? (uint32_t)(d[i] & 0x1F) << 6 | (d[i + 1] & 0x3F)
			    : k == 3 ? (uint32_t)(d[i] & 0x0F) << 12 |
				       (uint32_t)(d[i + 1] & 0x3F) << 6 | (d[i + 2] & 0x3F)
			    : (uint32_t)(d[i] & 0x07) << 18 |
			      (uint32_t)(d[i + 1] & 0x3F) << 12 |
			      (uint32_t)(d[i + 2] & 0x3F) << 6 | (d[i + 3] & 0x3F);
		uint16_t units[2];
		int nu = 1;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			units[0] = (uint16_t)(0xD800 + (cp >> 10));
			units[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
			nu = 2;
		} else {
			units[0] = (uint16_t)cp;
		}
		for (int u = 0; u < nu; u++) {
			unsigned char b[2] = { (unsigned char)(units[u] & 0xFF),
					       (unsigned char)(units[u] >> 8) };
			if (!le) {
				unsigned char t = b[0];
				b[0] = b[1];
				b[1] = t;
			}
			put(out, b, 2);
		}
		i += k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t pieces[4] = { 1, 2, 7, 0 };
	static const size_t caps[4] = { 8, 9, 64, 70000 };
	unsigned char ctl = size ? data[0] : 0;
	if (size) {
		data++;
		size--;
	}
	struct buf ref = { 0 }, other = { 0 }, gz = { 0 }, raw = { 0 };
	struct diags dg = { 0 };

	/* decoded text: valid, and independent of read sizes */
	int rc = run(data, size, DECODED, 0, 65536, &ref, &dg);
	check_decoded(&ref);
	int rc2 = run(data, size, DECODED, pieces[ctl & 3], caps[(ctl >> 2) & 3],
		      &other, &dg);
	if (rc != rc2)
		fuzz_fail("read status %d vs %d with small reads", rc, rc2);
	same(&ref, &other, "decoded with small reads");

	/* the raw stage alone, likewise */
	rc = run(data, size, RAW, 0, 65536, &raw, &dg);
	rc2 = run(data, size, RAW, pieces[(ctl >> 4) & 3], caps[(ctl >> 6) & 3],
		  &other, &dg);
	if (rc != rc2)
		fuzz_fail("raw read status %d vs %d with small reads", rc, rc2);
	same(&raw, &other, "raw with small reads");
	bool is_gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
	if (!is_gzip) {
		if (rc < 0)
			fuzz_fail("plain bytes failed to read");
		same(&raw, &(struct buf){ .p = (unsigned char *)(uintptr_t)data,
					  .len = size }, "plain bytes");
	}

	/* gzip, one member or two, reads back as the data (gzip inside
	 * gzip is inflated twice: the data is not what comes back) */
	size_t split = size ? (size_t)ctl % (size + 1) : 0;
	size_t first = gzip_of(data, size, split, &gz);
	rc = run(gz.p, gz.len, RAW, pieces[ctl & 3], caps[(ctl >> 2) & 3],
		 &other, &dg);
	if (rc < 0 && !is_gzip)
		fuzz_fail("our own gzip failed to read");
	if (!is_gzip)
		same(&other, &(struct buf){ .p = (unsigned char *)(uintptr_t)data,
					    .len = size }, "gzip round trip");
	if (!is_gzip) {
		run(gz.p, gz.len, DECODED, pieces[(ctl >> 4) & 3], 4096, &other,
		    &dg);
		same(&ref, &other, "decoded through gzip");
	}

	/* cut short: a prefix of the data, and a damaged diagnostic */
	if (gz.len > 2) {
		size_t cut = 2 + (size_t)ctl * 7919 % (gz.len - 2);
		struct diags cd = { 0 };
		rc = run(gz.p, cut, RAW, pieces[(ctl >> 6) & 3], 4096, &other,
			 &cd);
		if (!is_gzip && (other.len > size ||
				 memcmp(other.p ? other.p : data, data,
					other.len) != 0))
			fuzz_fail("truncated gzip gave bytes that are not a prefix");
		/* one byte into the next member is not yet gzip's magic: it
		 * is reported as trailing bytes, a warning */
		bool warned = cut == first + 1 && cd.other;
		if (!is_gzip && rc >= 0 && cut != first && !cd.damaged &&
		    !warned)
			fuzz_fail("truncated gzip (%zu of %zu bytes) not reported",
				  cut, gz.len);
		/* flipped bits: anything but more than the data */
		gz.p[cut - 1] ^= (unsigned char)(1u << (ctl & 7));
		run(gz.p, gz.len, RAW, 0, 4096, &other, &cd);
		if (other.len > 1100 * (size + 64) + gz.len)
			fuzz_fail("corrupt gzip grew");
	}

	/* UTF-16 forms of valid UTF-8 decode to the same text */
	if (valid_utf8_text(data, size) && !is_gzip) {
		for (int le = 0; le < 2; le++) {
			utf16_of(data, size, le, &gz);
			run(gz.p, gz.len, DECODED, pieces[ctl & 3], 64, &other,
			    &dg);
			same(&ref, &other, le ? "utf-16le" : "utf-16be");
		}
	}
	free(ref.p);
	free(other.p);
	free(gz.p);
	free(raw.p);
	return 0;
}
