/* A window of decoded input that the parsers read from and refill: the
 * one buffer every byte passes through. */
#ifndef WDL_CHUNK_H
#define WDL_CHUNK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/decode.h"

struct wdl_chunk {
	struct wdl_decoder *dec;
	char *buf;                  /* owned */
	size_t cap;                 /* current size of buf */
	size_t max;                 /* buf never grows past this */
	size_t len;                 /* bytes held */
	size_t pos;                 /* next unread byte */
	bool eof;                   /* the decoder has nothing more */
	uint64_t base;              /* decoded offset of buf[0] */
	int error;                  /* sticky read failure, reported at the
				       end so that what was read still counts */
	wdilog_error error_info;
};

int wdl_chunk_init(struct wdl_chunk *c, struct wdl_decoder *dec,
		   size_t cap, size_t max, wdilog_error *err);
void wdl_chunk_dispose(struct wdl_chunk *c);

/* Keep bytes from @p keep on (keep <= pos), move them to the front, and
 * read more. Returns false when nothing more could be added (end of input,
 * a read failure, or a full buffer at its maximum size). A full buffer
 * grows (up to max) only when keep is 0. */
bool wdl_chunk_refill(struct wdl_chunk *c, size_t keep);

/* Read until at least @p want bytes are held or the input ends. */
void wdl_chunk_prime(struct wdl_chunk *c, size_t want);

#endif
