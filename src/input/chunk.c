/* The decoded-input window. Compaction moves only the unfinished tail, so
 * each byte is copied here once on its way in. */
#include "input/chunk.h"

#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

int wdl_chunk_init(struct wdl_chunk *c, struct wdl_decoder *dec, size_t cap,
		   size_t max, wdilog_error *err)
{
	memset(c, 0, sizeof(*c));
	c->dec = dec;
	c->buf = wdl_malloc(cap + 1);
	if (!c->buf)
		return wdl_fail_oom(err);
	c->cap = cap;
	c->max = max;
	return WDILOG_OK;
}

void wdl_chunk_dispose(struct wdl_chunk *c)
{
	wdl_free(c->buf);
	c->buf = NULL;
}

static bool read_more(struct wdl_chunk *c)
{
	/* the decoder needs room for one whole UTF-8 sequence (its cap >= 8
	 * rule); with less it can make no progress and would spin */
	if (c->eof || c->cap - c->len < 8)
		return false;
	size_t got = 0;
	int rc = wdl_decoder_read(c->dec, c->buf + c->len, c->cap - c->len,
				  &got, &c->error_info);
	if (rc < 0) {
		c->error = rc;
		c->eof = true;
		return false;
	}
	if (got == 0) {
		c->eof = true;
		return false;
	}
	c->len += got;
	c->buf[c->len] = '\0';
	return true;
}

bool wdl_chunk_refill(struct wdl_chunk *c, size_t keep)
{
	if (c->eof)
		return false;
	if (keep > 0) {
		memmove(c->buf, c->buf + keep, c->len - keep);
		c->len -= keep;
		c->pos -= keep;
		c->base += keep;
	}
	if (c->len + 8 > c->cap) {
		if (c->cap >= c->max)
			return false;
		size_t ncap = c->cap * 2 > c->max ? c->max : c->cap * 2;
		char *nb = wdl_realloc(c->buf, ncap + 1);
		if (!nb) {
			c->error = wdl_fail_oom(&c->error_info);
			c->eof = true;
			return false;
		}
		c->buf = nb;
		c->cap = ncap;
	}
	return read_more(c);
}

void wdl_chunk_prime(struct wdl_chunk *c, size_t want)
{
	if (want > c->cap)
		want = c->cap;
	while (c->len < want && read_more(c))
		;
}
