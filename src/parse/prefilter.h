/* Pre-filter: finds where a status key or token could start, so that the
 * full rules (extract.c) run only on the few lines that may hold one. It
 * may answer "maybe" too often, never "no" wrongly. */
#ifndef WDL_PREFILTER_H
#define WDL_PREFILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parse/extract.h"

/* Distinct fragments searched for; keys beyond this share the scalar
 * fallback. The defaults need two. */
#define WDL_FRAG_MAX 8

struct wdl_prefilter {
	unsigned nfrag;
	unsigned char frag[WDL_FRAG_MAX][3]; /* folded with | 0x20 */
	unsigned char len[WDL_FRAG_MAX];     /* 1 to 3 */
	bool slow;                  /* a key too many: check every line */
	bool first[256];            /* byte values a hit may start with: NUL
				       and both cases of a fragment's first */
};

/* Choose a fragment per key (and for WDI_ASSOC_STATUS_): a key already
 * containing a chosen fragment adds none, so the thirteen default keys and
 * the token need only "sso" and "oam". */
void wdl_prefilter_init(struct wdl_prefilter *pf, const struct wdl_keyset *ks);

/* Index of the first byte in p[0, len) where a fragment may start (any
 * case), or of a NUL byte; len if there is none. A fragment that would run
 * past len is not reported. */
size_t wdl_prefilter_find(const struct wdl_prefilter *pf, const char *p,
			  size_t len);

/* Bit masks of @p nblocks blocks of 64 bytes from @p s, for framing lines
 * and finding hits in one pass: bit i of nl[b] is set where s[64 b + i] is
 * a line feed, bit i of hit[b] where wdl_prefilter_find would stop (a
 * fragment may start there, or a NUL byte; every bit with a pre-filter
 * that is slow). s[0, 64 nblocks + 2) must be readable: a fragment that
 * starts in a block may end in the next two bytes. */
void wdl_prefilter_masks(const struct wdl_prefilter *pf, const char *s,
			 size_t nblocks, uint64_t *nl, uint64_t *hit);

/* The index of the first bit set in the bit array @p m at @p from or
 * after it and below @p to; @p to if there is none. */
static inline size_t wdl_bits_next(const uint64_t *m, size_t from, size_t to)
{
	if (from >= to)
		return to;
	size_t w = from >> 6, last = (to - 1) >> 6;
	uint64_t bits = m[w] & (~(uint64_t)0 << (from & 63));
	while (!bits) {
		if (++w > last)
			return to;
		bits = m[w];
	}
	size_t at = 64 * w + (size_t)__builtin_ctzll(bits);
	return at < to ? at : to;
}

/* For tests: 0 lets the CPU choose (AVX2 where it has it, else SSE2),
 * 1 uses SSE2 at most, 2 the bytewise code; for every thread. */
void wdl_prefilter_force(int level);

#endif
