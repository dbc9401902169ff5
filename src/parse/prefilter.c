/* Pre-filter. Case is folded by OR-ing 0x20, which maps each ASCII letter's
 * two cases to one byte; it also merges some non-letters, which only adds
 * false "maybe"s. NUL bytes are reported too, so that the text parser can
 * mark lines holding one as damaged without a second pass. */
#include "parse/prefilter.h"
#include "status/names.h"
#include "util/cpu.h"

#include <pthread.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define WDL_HAVE_AVX2_PATH 1
#endif

static bool contains_folded(const char *key, size_t klen,
			    const unsigned char *frag, size_t flen)
{
	for (size_t i = 0; i + flen <= klen; i++) {
		size_t k = 0;
		while (k < flen && ((unsigned char)key[i + k] | 0x20) == frag[k])
			k++;
		if (k == flen)
			return true;
	}
	return false;
}

static void add_word(struct wdl_prefilter *pf, const char *w, size_t len)
{
	for (unsigned i = 0; i < pf->nfrag; i++)
		if (contains_folded(w, len, pf->frag[i], pf->len[i]))
			return;
	if (pf->nfrag == WDL_FRAG_MAX) {
		pf->slow = true;
		return;
	}
	/* the default keys' shared fragments first, then the key's middle:
	 * word starts (Wdi, Dis, Roam) are common in other words too */
	static const char *const shared[] = { "sso", "oam" };
	for (size_t s = 0; s < 2; s++) {
		unsigned char f[3];
		for (int k = 0; k < 3; k++)
			f[k] = (unsigned char)(shared[s][k] | 0x20);
		if (contains_folded(w, len, f, 3)) {
			memcpy(pf->frag[pf->nfrag], f, 3);
			pf->len[pf->nfrag++] = 3;
			return;
		}
	}
	size_t flen = len < 3 ? len : 3;
	size_t at = len > 3 ? (len - 3) / 2 : 0;
	for (size_t k = 0; k < flen; k++)
		pf->frag[pf->nfrag][k] = (unsigned char)(w[at + k] | 0x20);
	pf->len[pf->nfrag++] = (unsigned char)flen;
}

static void build(struct wdl_prefilter *pf, const struct wdl_keyset *ks)
{
	memset(pf, 0, sizeof(*pf));
	add_word(pf, WDL_STATUS_PREFIX, WDL_STATUS_PREFIX_LEN);
	for (size_t i = 0; i < ks->nkeys; i++)
		add_word(pf, ks->keys[i].ptr, ks->keys[i].len);
	pf->first[0] = true;
	for (unsigned c = 1; c < 256; c++)
		for (unsigned f = 0; f < pf->nfrag; f++)
			if ((c | 0x20) == pf->frag[f][0])
				pf->first[c] = true;
}

/* The default keys' pre-filter, built once (every input of a directory
 * of small files would build it again). */
static struct wdl_prefilter default_pf;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void build_default(void)
{
	struct wdl_keyset ks;
	if (wdl_keyset_init(&ks, NULL, NULL) == WDILOG_OK)
		build(&default_pf, &ks);
	wdl_keyset_dispose(&ks);
}

void wdl_prefilter_init(struct wdl_prefilter *pf, const struct wdl_keyset *ks)
{
	if (!ks->defaults) {
		build(pf, ks);
		return;
	}
	pthread_once(&default_once, build_default);
	*pf = default_pf;
}

static bool match_at(const struct wdl_prefilter *pf, const unsigned char *p,
		     size_t avail)
{
	if (!pf->first[p[0]])
		return false;
	if (p[0] == 0)
		return true;
	for (unsigned f = 0; f < pf->nfrag; f++) {
		size_t n = pf->len[f];
		if (n > avail)
			continue;
		size_t k = 0;
		while (k < n && (p[k] | 0x20) == pf->frag[f][k])
			k++;
		if (k == n)
			return true;
	}
	return false;
}

static size_t find_scalar(const struct wdl_prefilter *pf,
			  const unsigned char *p, size_t from, size_t len)
{
	for (size_t i = from; i < len; i++)
		if (match_at(pf, p + i, len - i))
			return i;
	return len;
}

#if defined(WDL_HAVE_AVX2_PATH)
/* The same search 32 positions at a time, for machines with AVX2 (chosen
 * at run time, so the build stays for any x86-64). Stops 34 bytes short
 * of the end and reports how far it got through *done. */
__attribute__((target("avx2")))
static size_t find_avx2(const struct wdl_prefilter *pf, const unsigned char *p,
			size_t len, size_t *done)
{
	const __m256i fold = _mm256_set1_epi8(0x20);
	const __m256i zero = _mm256_setzero_si256();
	__m256i f0[WDL_FRAG_MAX], f1[WDL_FRAG_MAX], f2[WDL_FRAG_MAX];
	for (unsigned f = 0; f < pf->nfrag; f++) {
		f0[f] = _mm256_set1_epi8((char)pf->frag[f][0]);
		f1[f] = _mm256_set1_epi8((char)(pf->len[f] > 1 ? pf->frag[f][1] : 0));
		f2[f] = _mm256_set1_epi8((char)(pf->len[f] > 2 ? pf->frag[f][2] : 0));
	}
	size_t i = 0;
	for (; i + 34 <= len; i += 32) {
		__m256i raw = _mm256_loadu_si256((const __m256i *)(p + i));
		__m256i v0 = _mm256_or_si256(raw, fold);
		__m256i v1 = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(p + i + 1)), fold);
		__m256i v2 = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(p + i + 2)), fold);
		__m256i hit = _mm256_cmpeq_epi8(raw, zero);
		for (unsigned f = 0; f < pf->nfrag; f++) {
			__m256i m = _mm256_cmpeq_epi8(v0, f0[f]);
			if (pf->len[f] > 1)
				m = _mm256_and_si256(m, _mm256_cmpeq_epi8(v1, f1[f]));
			if (pf->len[f] > 2)
				m = _mm256_and_si256(m, _mm256_cmpeq_epi8(v2, f2[f]));
			hit = _mm256_or_si256(hit, m);
		}
		unsigned mask = (unsigned)_mm256_movemask_epi8(hit);
		if (mask) {
			*done = i;
			return i + (size_t)__builtin_ctz(mask);
		}
	}
	*done = i;
	return len;
}

#endif

#if defined(__SSE2__)
/* Fragments as vectors: bytes 1 and 2 of a shorter fragment compare
 * against anything (their "any" lane is all ones). */
struct frag128 {
	__m128i f0[WDL_FRAG_MAX], f1[WDL_FRAG_MAX], f2[WDL_FRAG_MAX];
	__m128i any1[WDL_FRAG_MAX], any2[WDL_FRAG_MAX];
};

static void frag128_init(const struct wdl_prefilter *pf, struct frag128 *v)
{
	for (unsigned f = 0; f < pf->nfrag; f++) {
		v->f0[f] = _mm_set1_epi8((char)pf->frag[f][0]);
		v->f1[f] = _mm_set1_epi8((char)pf->frag[f][pf->len[f] > 1 ? 1 : 0]);
		v->f2[f] = _mm_set1_epi8((char)pf->frag[f][pf->len[f] > 2 ? 2 : 0]);
		v->any1[f] = _mm_set1_epi8(pf->len[f] > 1 ? 0 : -1);
		v->any2[f] = _mm_set1_epi8(pf->len[f] > 2 ? 0 : -1);
	}
}

/* Hits at the 16 positions from @p s (bytes s[0, 18) are read). */
static unsigned block16(const struct wdl_prefilter *pf, const struct frag128 *v,
			const unsigned char *s)
{
	const __m128i fold = _mm_set1_epi8(0x20);
	__m128i raw = _mm_loadu_si128((const __m128i *)s);
	__m128i v0 = _mm_or_si128(raw, fold);
	__m128i v1 = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + 1)), fold);
	__m128i v2 = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + 2)), fold);
	__m128i m = _mm_cmpeq_epi8(raw, _mm_setzero_si128());
	for (unsigned f = 0; f < pf->nfrag; f++) {
		__m128i a = _mm_cmpeq_epi8(v0, v->f0[f]);
		__m128i b1 = _mm_or_si128(_mm_cmpeq_epi8(v1, v->f1[f]), v->any1[f]);
		__m128i b2 = _mm_or_si128(_mm_cmpeq_epi8(v2, v->f2[f]), v->any2[f]);
		m = _mm_or_si128(m, _mm_and_si128(a, _mm_and_si128(b1, b2)));
	}
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* 0: the CPU chooses; 1: SSE2 at most; 2: bytewise (tests). */
static int forced;

void wdl_prefilter_force(int level)
{
	__atomic_store_n(&forced, level, __ATOMIC_RELAXED);
}

static int level(void)
{
	return __atomic_load_n(&forced, __ATOMIC_RELAXED);
}

size_t wdl_prefilter_find(const struct wdl_prefilter *pf, const char *s,
			  size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	if (pf->slow)
		return 0;
	size_t i = 0;
	if (level() >= 2)
		return find_scalar(pf, p, 0, len);
#if defined(WDL_HAVE_AVX2_PATH)
	if (len >= 64 && !level() && wdl_cpu_has_avx2()) {
		size_t at = find_avx2(pf, p, len, &i);
		if (at < len)
			return at;
	}
#endif
#if defined(__SSE2__)
	/* 16 positions at a time; each needs bytes i..i+17. The last 16
	 * whole positions are searched again from len - 18 (the ones before
	 * i masked off), so at most two are left to the bytewise loop. */
	struct frag128 v;
	frag128_init(pf, &v);
	for (; i + 18 <= len; i += 16) {
		unsigned mask = block16(pf, &v, p + i);
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
	}
	if (len >= 18 && i < len - 2) {
		size_t j = len - 18;
		unsigned mask = block16(pf, &v, p + j) & (~0u << (i - j));
		if (mask)
			return j + (size_t)__builtin_ctz(mask);
		i = len - 2;
	}
#endif
	return find_scalar(pf, p, i, len);
}

/* The masks of one 64-byte block, bytewise: the portable answer the
 * vector versions must give. */
static void block_scalar(const struct wdl_prefilter *pf, const unsigned char *p,
			 uint64_t *nl, uint64_t *hit)
{
	uint64_t n = 0, h = 0;
	for (unsigned i = 0; i < 64; i++) {
		n |= (uint64_t)(p[i] == '\n') << i;
		h |= (uint64_t)match_at(pf, p + i, 66 - i) << i;
	}
	*nl = n;
	*hit = h;
}

#if defined(__SSE2__)
static void masks_sse2(const struct wdl_prefilter *pf, const unsigned char *p,
		       size_t nblocks, uint64_t *nl, uint64_t *hit)
{
	const __m128i lf = _mm_set1_epi8('\n');
	struct frag128 v;
	frag128_init(pf, &v);
	for (size_t b = 0; b < nblocks; b++) {
		uint64_t n = 0, h = 0;
		for (unsigned q = 0; q < 64; q += 16) {
			const unsigned char *s = p + 64 * b + q;
			__m128i raw = _mm_loadu_si128((const __m128i *)s);
			h |= (uint64_t)block16(pf, &v, s) << q;
			n |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(raw, lf)) << q;
		}
		nl[b] = n;
		hit[b] = h;
	}
}
#endif

#if defined(WDL_HAVE_AVX2_PATH)
/* One 32-byte half: its line feeds and its hits. @p nfrag is a constant
 * where it is inlined, so the fragment loop unrolls. */
__attribute__((target("avx2"), always_inline))
static inline void half_avx2(const unsigned char *s, unsigned nfrag, bool all3,
			     const __m256i *f0, const __m256i *f1,
			     const __m256i *f2, const __m256i *any1,
			     const __m256i *any2, uint32_t *nl, uint32_t *hit)
{
	const __m256i fold = _mm256_set1_epi8(0x20);
	__m256i raw = _mm256_loadu_si256((const __m256i *)s);
	__m256i v0 = _mm256_or_si256(raw, fold);
	__m256i v1 = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(s + 1)), fold);
	__m256i v2 = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(s + 2)), fold);
	__m256i m = _mm256_cmpeq_epi8(raw, _mm256_setzero_si256());
	for (unsigned f = 0; f < nfrag; f++) {
		__m256i a = _mm256_cmpeq_epi8(v0, f0[f]);
		__m256i b1 = _mm256_cmpeq_epi8(v1, f1[f]);
		__m256i b2 = _mm256_cmpeq_epi8(v2, f2[f]);
		if (!all3) {
			b1 = _mm256_or_si256(b1, any1[f]);
			b2 = _mm256_or_si256(b2, any2[f]);
		}
		m = _mm256_or_si256(m, _mm256_and_si256(a, _mm256_and_si256(b1, b2)));
	}
	*hit = (uint32_t)_mm256_movemask_epi8(m);
	*nl = (uint32_t)_mm256_movemask_epi8(
		_mm256_cmpeq_epi8(raw, _mm256_set1_epi8('\n')));
}

__attribute__((target("avx2")))
static void masks_avx2(const struct wdl_prefilter *pf, const unsigned char *p,
		       size_t nblocks, uint64_t *nl, uint64_t *hit)
{
	__m256i f0[WDL_FRAG_MAX], f1[WDL_FRAG_MAX], f2[WDL_FRAG_MAX];
	__m256i any1[WDL_FRAG_MAX], any2[WDL_FRAG_MAX];
	for (unsigned f = 0; f < pf->nfrag; f++) {
		f0[f] = _mm256_set1_epi8((char)pf->frag[f][0]);
		f1[f] = _mm256_set1_epi8((char)pf->frag[f][pf->len[f] > 1 ? 1 : 0]);
		f2[f] = _mm256_set1_epi8((char)pf->frag[f][pf->len[f] > 2 ? 2 : 0]);
		any1[f] = _mm256_set1_epi8(pf->len[f] > 1 ? 0 : -1);
		any2[f] = _mm256_set1_epi8(pf->len[f] > 2 ? 0 : -1);
	}
	uint32_t n0, n1, h0, h1;
	if (pf->nfrag == 2 && pf->len[0] == 3 && pf->len[1] == 3) {
		/* the default keys */
		for (size_t b = 0; b < nblocks; b++) {
			const unsigned char *s = p + 64 * b;
			half_avx2(s, 2, true, f0, f1, f2, any1, any2, &n0, &h0);
			half_avx2(s + 32, 2, true, f0, f1, f2, any1, any2, &n1, &h1);
			nl[b] = n0 | (uint64_t)n1 << 32;
			hit[b] = h0 | (uint64_t)h1 << 32;
		}
		return;
	}
	for (size_t b = 0; b < nblocks; b++) {
		const unsigned char *s = p + 64 * b;
		half_avx2(s, pf->nfrag, false, f0, f1, f2, any1, any2, &n0, &h0);
		half_avx2(s + 32, pf->nfrag, false, f0, f1, f2, any1, any2, &n1, &h1);
		nl[b] = n0 | (uint64_t)n1 << 32;
		hit[b] = h0 | (uint64_t)h1 << 32;
	}
}
#endif

void wdl_prefilter_masks(const struct wdl_prefilter *pf, const char *s,
			 size_t nblocks, uint64_t *nl, uint64_t *hit)
{
	const unsigned char *p = (const unsigned char *)s;
	int lv = level();
	if (pf->slow || lv >= 2) {
		for (size_t b = 0; b < nblocks; b++) {
			block_scalar(pf, p + 64 * b, &nl[b], &hit[b]);
			if (pf->slow)
				hit[b] = ~(uint64_t)0;
		}
		return;
	}
#if defined(WDL_HAVE_AVX2_PATH)
	if (!lv && wdl_cpu_has_avx2()) {
		masks_avx2(pf, p, nblocks, nl, hit);
		return;
	}
#endif
#if defined(__SSE2__)
	masks_sse2(pf, p, nblocks, nl, hit);
#else
	for (size_t b = 0; b < nblocks; b++)
		block_scalar(pf, p + 64 * b, &nl[b], &hit[b]);
#endif
}
