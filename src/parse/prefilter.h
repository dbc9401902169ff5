/* Pre-filter: finds where a status key or token could start, so that the
 * full rules (extract.c) run only on the few lines that may hold one. It
 * may answer "maybe" too often, never "no" wrongly. */
#ifndef WDL_PREFILTER_H
#define WDL_PREFILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "parse/extract.h"

/* Distinct fragments searched for; keys beyond this share the scalar
 * fallback. The defaults need two. */
#define WDL_FRAG_MAX 8

struct wdl_prefilter {
	unsigned nfrag;
	unsigned char frag[WDL_FRAG_MAX][3]; /* folded with | 0x20 */
	unsigned char len[WDL_FRAG_MAX];     /* 1 to 3 */
	bool slow;                  /* a key too many: check every line */
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

#endif
