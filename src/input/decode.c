/* Input stage, characters. Everything after this file sees UTF-8 with the
 * BOM and U+200E/U+200F (which Windows tools sprinkle into copied text)
 * removed. Bytes that are not UTF-8 are read as Windows-1252, the en-US
 * ANSI code page (formats.md section 6). */
#include "input/decode.h"

#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Windows-1252 0x80-0x9F; the five unassigned bytes map to the C1 control
 * of the same value, as MultiByteToWideChar does. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

const char *wdl_encoding_name(enum wdl_encoding enc)
{
	switch (enc) {
	case WDL_ENC_UTF16LE: return "utf-16le";
	case WDL_ENC_UTF16BE: return "utf-16be";
	case WDL_ENC_CP1252: return "windows-1252";
	case WDL_ENC_UTF8: break;
	}
	return "utf-8";
}

int wdl_decoder_init(struct wdl_decoder *d, struct wdl_input *in,
		     wdilog_error *err)
{
	unsigned char *none = NULL;
	return wdl_decoder_init_spare(d, in, &none, err);
}

int wdl_decoder_init_spare(struct wdl_decoder *d, struct wdl_input *in,
			   unsigned char **spare, wdilog_error *err)
{
	memset(d, 0, sizeof(*d));
	d->in = in;
	d->raw = *spare ? *spare : wdl_malloc(WDL_SNIFF_BYTES);
	*spare = NULL;
	if (!d->raw)
		return wdl_fail_oom(err);
	return WDILOG_OK;
}

void wdl_decoder_dispose(struct wdl_decoder *d)
{
	wdl_free(d->raw);
	d->raw = NULL;
}

void wdl_decoder_dispose_spare(struct wdl_decoder *d, unsigned char **spare)
{
	if (!*spare) {
		*spare = d->raw;
		d->raw = NULL;
	}
	wdl_decoder_dispose(d);
}

static size_t put_utf8(char *dst, uint32_t cp)
{
	if (cp < 0x80) {
		dst[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		dst[0] = (char)(0xC0 | (cp >> 6));
		dst[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		dst[0] = (char)(0xE0 | (cp >> 12));
		dst[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		dst[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	dst[0] = (char)(0xF0 | (cp >> 18));
	dst[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	dst[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	dst[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static uint32_t cp1252_to_unicode(unsigned char b)
{
	return (b >= 0x80 && b < 0xA0) ? cp1252_high[b - 0x80] : b;
}

static bool is_bidi_mark(uint32_t cp)
{
	return cp == 0x200E || cp == 0x200F;
}

static int fill_raw(struct wdl_decoder *d, wdilog_error *err)
{
	(void)err;      /* failures are held in d->error_info until decoded */
	if (d->raw_pos > 0) {
		memmove(d->raw, d->raw + d->raw_pos, d->raw_len - d->raw_pos);
		d->raw_len -= d->raw_pos;
		d->raw_pos = 0;
	}
	while (!d->raw_eof && d->raw_len < WDL_SNIFF_BYTES) {
		size_t got = 0;
		int rc = wdl_input_read(d->in, d->raw + d->raw_len,
					WDL_SNIFF_BYTES - d->raw_len, &got,
					&d->error_info);
		if (rc < 0) {
			d->raw_eof = true;
			d->error = rc;
			d->error_info.code = rc;
			return WDILOG_OK;
		}
		if (got == 0)
			d->raw_eof = true;
		d->raw_len += got;
		if (d->sniffed)
			break;  /* after sniffing, one read per fill is enough */
	}
	return WDILOG_OK;
}

static size_t ascii_prefix(const unsigned char *p, size_t n);

/* NULs at even and at odd offsets of p[0, 2 * pairs). Most inputs have
 * none, which one memchr tells; otherwise 16 bytes a step with SSE2. */
static void count_nuls(const unsigned char *p, size_t pairs, size_t *even,
		       size_t *odd)
{
	size_t n = 2 * pairs, i = 0, e = 0, o = 0;
	*even = *odd = 0;
	if (!memchr(p, 0, n))
		return;
#if defined(__SSE2__)
	const __m128i zero = _mm_setzero_si128();
	for (; i + 16 <= n; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(p + i)), zero));
		e += (size_t)__builtin_popcount(m & 0x5555u);
		o += (size_t)__builtin_popcount(m & 0xAAAAu);
	}
#endif
	for (; i < n; i += 2) {
		e += p[i] == 0;
		o += p[i + 1] == 0;
	}
	*even = e;
	*odd = o;
}

enum wdl_encoding wdl_encoding_sniff(const unsigned char *p, size_t n,
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
	/* No BOM: ASCII-heavy UTF-16 has a NUL in every other byte. */
	size_t look = n < 4096 ? n : 4096, even, odd;
	size_t pairs = look / 2;
	count_nuls(p, pairs, &even, &odd);
	if (pairs && odd * 10 >= pairs * 3 && even * 10 < pairs)
		return WDL_ENC_UTF16LE;
	if (pairs && even * 10 >= pairs * 3 && odd * 10 < pairs)
		return WDL_ENC_UTF16BE;
	/* UTF-8 unless a sequence is invalid; one cut by the end is not */
	for (size_t i = 0;;) {
		i += ascii_prefix(p + i, n - i);
		if (i == n)
			break;
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

static void sniff(struct wdl_decoder *d)
{
	size_t bom;
	d->enc = wdl_encoding_sniff(d->raw, d->raw_len, &bom);
	d->raw_pos = bom;
	if (bom && d->enc == WDL_ENC_UTF8)
		d->altered = true;      /* the BOM is dropped */
}


static size_t decode_utf8(struct wdl_decoder *d, char *dst, size_t cap,
			  bool *changed)
{
	const unsigned char *p = d->raw + d->raw_pos;
	size_t avail = d->raw_len - d->raw_pos, i = 0, o = 0;
	while (i < avail && o + 4 <= cap) {
		/* copy the ASCII run in one go */
		size_t lim = avail - i < cap - o ? avail : i + (cap - o);
		size_t run = i + ascii_prefix(p + i, lim - i);
		if (run > i) {
			memcpy(dst + o, p + i, run - i);
			o += run - i;
			i = run;
			continue;
		}
		uint32_t cp;
		int k = wdl_utf8_decode(p + i, avail - i, &cp);
		if (k < 0 && !d->raw_eof)
			break;  /* cut by the buffer end: wait for more */
		if (k <= 0) {
			d->replaced++;
			*changed = true;
			o += put_utf8(dst + o, cp1252_to_unicode(p[i]));
			i++;
			continue;
		}
		if (!is_bidi_mark(cp)) {
			memcpy(dst + o, p + i, (size_t)k);
			o += (size_t)k;
		} else {
			*changed = true;
		}
		i += (size_t)k;
	}
	d->raw_pos += i;
	return o;
}

static size_t decode_cp1252(struct wdl_decoder *d, char *dst, size_t cap)
{
	const unsigned char *p = d->raw + d->raw_pos;
	size_t avail = d->raw_len - d->raw_pos, i = 0, o = 0;
	while (i < avail && o + 4 <= cap) {
		d->altered |= p[i] >= 0x80;
		o += put_utf8(dst + o, cp1252_to_unicode(p[i]));
		i++;
	}
	d->raw_pos += i;
	return o;
}

static size_t decode_utf16(struct wdl_decoder *d, char *dst, size_t cap)
{
	const unsigned char *p = d->raw + d->raw_pos;
	size_t avail = d->raw_len - d->raw_pos, i = 0, o = 0;
	bool le = d->enc == WDL_ENC_UTF16LE;
	while (o + 4 <= cap) {
		if (avail - i < 2) {
			if (avail - i == 1 && d->raw_eof) {
				d->replaced++;  /* odd byte count */
				o += put_utf8(dst + o, 0xFFFD);
				i++;
			}
			break;
		}
		uint32_t u = le ? (uint32_t)(p[i] | p[i + 1] << 8)
				: (uint32_t)(p[i] << 8 | p[i + 1]);
		size_t used = 2;
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (avail - i < 4 && !d->raw_eof)
				break;
			uint32_t lo = 0;
			if (avail - i >= 4)
				lo = le ? (uint32_t)(p[i + 2] | p[i + 3] << 8)
					: (uint32_t)(p[i + 2] << 8 | p[i + 3]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				used = 4;
			} else {
				d->replaced++;
				u = 0xFFFD;
			}
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			d->replaced++;
			u = 0xFFFD;
		}
		if (!is_bidi_mark(u))
			o += put_utf8(dst + o, u);
		i += used;
	}
	d->raw_pos += i;
	return o;
}

/* Length of the leading part of p[0, n) that is ASCII: 16 bytes a step
 * (4 at a time) with SSE2, 8 otherwise. Every byte of a plain UTF-8 input
 * passes here once. */
static size_t ascii_prefix(const unsigned char *p, size_t n)
{
	size_t i = 0;
#if defined(__SSE2__)
	for (; i + 64 <= n; i += 64) {
		__m128i a = _mm_loadu_si128((const __m128i *)(p + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(p + i + 16));
		__m128i c = _mm_loadu_si128((const __m128i *)(p + i + 32));
		__m128i d = _mm_loadu_si128((const __m128i *)(p + i + 48));
		__m128i any = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
		if (_mm_movemask_epi8(any))
			break;
	}
	for (; i + 16 <= n; i += 16) {
		int m = _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(p + i)));
		if (m)
			return i + (size_t)__builtin_ctz((unsigned)m);
	}
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		if (w & 0x8080808080808080u)
			break;
	}
	while (i < n && p[i] < 0x80)
		i++;
	return i;
}

size_t wdl_utf8_exact_len(const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		i += ascii_prefix(p + i, n - i);
		if (i == n)
			break;
		uint32_t cp;
		int k = wdl_utf8_decode(p + i, n - i, &cp);
		if (k <= 0 || is_bidi_mark(cp))
			break;
		i += (size_t)k;
	}
	return i;
}

/* UTF-8 straight into @p dst: the common case (valid text, no bidi marks)
 * costs one read and one validating pass, no copy. Whatever needs fixing,
 * from the first such byte on, is moved to the raw buffer for the slow
 * path. Returns false if it did not apply. */
static bool read_utf8_in_place(struct wdl_decoder *d, char *dst, size_t cap,
			       size_t *got, wdilog_error *err)
{
	if (d->raw_pos != d->raw_len || d->raw_eof || cap < WDL_SNIFF_BYTES)
		return false;
	size_t n = 0;
	/* leave room so that the rest can always be moved to the raw buffer */
	int rc = wdl_input_read(d->in, (unsigned char *)dst, WDL_SNIFF_BYTES, &n,
				&d->error_info);
	if (rc < 0) {
		d->raw_eof = true;
		d->error = rc;
		d->error_info.code = rc;
		return false;
	}
	if (n == 0) {
		d->raw_eof = true;
		return false;
	}
	const unsigned char *p = (const unsigned char *)dst;
	size_t i = wdl_utf8_exact_len(p, n);
	if (i < n) {
		/* hand the rest to the slow path */
		memcpy(d->raw, p + i, n - i);
		d->raw_pos = 0;
		d->raw_len = n - i;
	}
	d->raw_offset += i;
	*got = i;
	(void)err;
	return true;
}

int wdl_decoder_read(struct wdl_decoder *d, char *dst, size_t cap,
		     size_t *got, wdilog_error *err)
{
	*got = 0;
	if (!d->sniffed) {
		fill_raw(d, err);
		d->sniffed = true;
		sniff(d);
	}
	for (;;) {
		size_t o = 0;
		size_t before = d->raw_pos;
		bool changed = d->enc != WDL_ENC_UTF8;
		if (d->enc == WDL_ENC_UTF8 && read_utf8_in_place(d, dst, cap, got, err)) {
			d->exact_run += *got;
			if (*got)
				return WDILOG_OK;
			continue;
		}
		switch (d->enc) {
		case WDL_ENC_UTF8: o = decode_utf8(d, dst, cap, &changed); break;
		case WDL_ENC_CP1252: o = decode_cp1252(d, dst, cap); break;
		case WDL_ENC_UTF16LE:
		case WDL_ENC_UTF16BE: o = decode_utf16(d, dst, cap); break;
		}
		d->raw_offset += d->raw_pos - before;
		if (changed && d->enc != WDL_ENC_CP1252)
			d->altered = true;
		if (o > 0) {
			d->exact_run = changed ? 0 : d->exact_run + o;
			*got = o;
			return WDILOG_OK;
		}
		if (d->raw_eof && d->raw_pos == d->raw_len) {
			if (d->error < 0 && err)
				*err = d->error_info;
			return d->error;
		}
		if (d->raw_pos == before || d->raw_pos == d->raw_len)
			fill_raw(d, err);
	}
}

bool wdl_decoder_mappable(const struct wdl_decoder *d, size_t tail,
			  size_t *pending)
{
	*pending = d->raw_len - d->raw_pos;
	return d->sniffed && d->enc == WDL_ENC_UTF8 && !d->raw_eof &&
	       d->error == 0 && d->exact_run >= tail;
}

void wdl_decoder_resume(struct wdl_decoder *d, uint64_t exact)
{
	d->raw_pos = d->raw_len = 0;
	d->exact_run = exact;
}
