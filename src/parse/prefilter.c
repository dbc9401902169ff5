/* Pre-filter. Case is folded by OR-ing 0x20, which maps each ASCII letter's
 * two cases to one byte; it also merges some non-letters, which only adds
 * false "maybe"s. NUL bytes are reported too, so that the text parser can
 * mark lines holding one as damaged without a second pass. */
#include "parse/prefilter.h"
#include "status/names.h"

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

void wdl_prefilter_init(struct wdl_prefilter *pf, const struct wdl_keyset *ks)
{
	memset(pf, 0, sizeof(*pf));
	add_word(pf, WDL_STATUS_PREFIX, WDL_STATUS_PREFIX_LEN);
	for (size_t i = 0; i < ks->nkeys; i++)
		add_word(pf, ks->keys[i].ptr, ks->keys[i].len);
}

static bool match_at(const struct wdl_prefilter *pf, const unsigned char *p,
		     size_t avail)
{
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

static bool have_avx2(void)
{
	/* 0 unknown, 1 no, 2 yes; threads may race to the same answer */
	static int known;
	int k = __atomic_load_n(&known, __ATOMIC_RELAXED);
	if (!k) {
		__builtin_cpu_init();
		k = __builtin_cpu_supports("avx2") ? 2 : 1;
		__atomic_store_n(&known, k, __ATOMIC_RELAXED);
	}
	return k == 2;
}
#endif

size_t wdl_prefilter_find(const struct wdl_prefilter *pf, const char *s,
			  size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	if (pf->slow)
		return 0;
	size_t i = 0;
#if defined(WDL_HAVE_AVX2_PATH)
	if (len >= 64 && have_avx2()) {
		size_t at = find_avx2(pf, p, len, &i);
		if (at < len)
			return at;
	}
#endif
#if defined(__SSE2__)
	/* 16 positions at a time; each needs bytes i..i+17 */
	const __m128i fold = _mm_set1_epi8(0x20);
	const __m128i zero = _mm_setzero_si128();
	__m128i f0[WDL_FRAG_MAX], f1[WDL_FRAG_MAX], f2[WDL_FRAG_MAX];
	for (unsigned f = 0; f < pf->nfrag; f++) {
		f0[f] = _mm_set1_epi8((char)pf->frag[f][0]);
		f1[f] = _mm_set1_epi8((char)(pf->len[f] > 1 ? pf->frag[f][1] : 0));
		f2[f] = _mm_set1_epi8((char)(pf->len[f] > 2 ? pf->frag[f][2] : 0));
	}
	for (; i + 18 <= len; i += 16) {
		__m128i raw = _mm_loadu_si128((const __m128i *)(p + i));
		__m128i v0 = _mm_or_si128(raw, fold);
		__m128i v1 = _mm_or_si128(_mm_loadu_si128((const __m128i *)(p + i + 1)), fold);
		__m128i v2 = _mm_or_si128(_mm_loadu_si128((const __m128i *)(p + i + 2)), fold);
		__m128i hit = _mm_cmpeq_epi8(raw, zero);
		for (unsigned f = 0; f < pf->nfrag; f++) {
			__m128i m = _mm_cmpeq_epi8(v0, f0[f]);
			if (pf->len[f] > 1)
				m = _mm_and_si128(m, _mm_cmpeq_epi8(v1, f1[f]));
			if (pf->len[f] > 2)
				m = _mm_and_si128(m, _mm_cmpeq_epi8(v2, f2[f]));
			hit = _mm_or_si128(hit, m);
		}
		int mask = _mm_movemask_epi8(hit);
		if (mask)
			return i + (size_t)__builtin_ctz((unsigned)mask);
	}
#endif
	return find_scalar(pf, p, i, len);
}
