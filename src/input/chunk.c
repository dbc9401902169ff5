/* The decoded-input window. Compaction moves only the unfinished tail, so
 * each byte is copied here once on its way in; a plain UTF-8 regular file
 * is not copied at all: the window points into a mapped span of it.
 *
 * Mapping is windowed: a span of WDL_MAP_SPAN bytes is mapped (populated
 * in one call), the window moves through it, and when the window would
 * run past it the span is unmapped and the next one mapped. Memory stays
 * flat in the file's size, as with read(). Whatever mapping cannot give
 * goes back to read() at the same file offset: bytes that need decoding
 * (until they are behind), the file's last byte (buf[len] must be a file
 * byte to hold the NUL), a failed mmap, and the rest of a file that grew.
 * Mapping is asked for with WDILOG_MMAP=1 (input.h says why it is not the
 * default). */
#include "input/chunk.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/error.h"

int wdl_chunk_init(struct wdl_chunk *c, struct wdl_decoder *dec, size_t cap,
		   size_t max, wdilog_error *err)
{
	char *none = NULL;
	return wdl_chunk_init_spare(c, dec, cap, max, &none, err);
}

int wdl_chunk_init_spare(struct wdl_chunk *c, struct wdl_decoder *dec,
			 size_t cap, size_t max, char **spare,
			 wdilog_error *err)
{
	memset(c, 0, sizeof(*c));
	c->dec = dec;
	c->own = *spare ? *spare : wdl_malloc(cap + 1);
	*spare = NULL;
	if (!c->own)
		return wdl_fail_oom(err);
	c->buf = c->own;
	c->cap = cap;
	c->max = max;
	c->fd = -1;
	c->map_span = WDL_MAP_SPAN;
	return WDILOG_OK;
}

static void unmap(struct wdl_chunk *c)
{
	if (c->map)
		munmap(c->map, c->map_len);
	c->map = NULL;
	c->map_len = 0;
	c->sentinel = NULL;
}

void wdl_chunk_dispose(struct wdl_chunk *c)
{
	unmap(c);
	wdl_free(c->own);
	c->own = c->buf = NULL;
}

void wdl_chunk_dispose_spare(struct wdl_chunk *c, size_t cap, char **spare)
{
	if (!*spare && c->cap == cap) {
		*spare = c->own;    /* not grown: still cap + 1 bytes */
		c->own = NULL;
	}
	wdl_chunk_dispose(c);
}

/* Make the owned buffer hold at least @p need bytes (up to max). */
static bool grow(struct wdl_chunk *c, size_t need)
{
	if (need <= c->cap)
		return true;
	size_t ncap = c->cap;
	while (ncap < need)
		ncap *= 2;
	if (ncap > c->max)
		ncap = c->max > need ? c->max : need;
	char *nb = wdl_realloc(c->own, ncap + 1);
	if (!nb) {
		c->error = wdl_fail_oom(&c->error_info);
		c->eof = true;
		return false;
	}
	if (!c->mapped)
		c->buf = nb;
	c->own = nb;
	c->cap = ncap;
	return true;
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

static size_t page_size(void)
{
	long p = sysconf(_SC_PAGESIZE);
	return p > 0 ? (size_t)p : 4096;
}

/* Map a span holding file offsets [at, at + max] (or up to the file's
 * end). */
static bool map_span(struct wdl_chunk *c, uint64_t at)
{
	size_t page = page_size();
	uint64_t moff = at - at % page;
	size_t span = c->map_span;
	size_t need = (size_t)(at - moff) + c->max + 2 * page;
	if (span < need)
		span = need;
	span = (span + page - 1) / page * page;
	if (span > c->file_size - moff)
		span = (size_t)(c->file_size - moff);
	unmap(c);
	void *m = mmap(NULL, span, PROT_READ,
		       MAP_PRIVATE | MAP_POPULATE, c->fd, (off_t)moff);
	if (m == MAP_FAILED) {
		c->map_failed = true;
		return false;
	}
	c->map = m;
	c->map_len = span;
	c->map_off = moff;
	return true;
}

/* buf[len] = NUL, as in the owned buffer. The span is mapped read-only
 * (populating a writable private mapping would copy every page); only the
 * page under the NUL is made writable, which copies that one page. */
static bool set_sentinel(struct wdl_chunk *c)
{
	char *at = c->buf + c->len;
	size_t page = page_size();
	size_t rel = (size_t)(at - c->map);
	char *pg = c->map + (rel - rel % page);
	if (mprotect(pg, page, PROT_READ | PROT_WRITE) != 0)
		return false;
	c->sentinel = at;
	c->sentinel_byte = *at;
	*at = '\0';
	return true;
}

/* Leave the mapping: the window's bytes go to the owned buffer and the
 * input goes on reading right after them. */
static bool to_read(struct wdl_chunk *c)
{
	uint64_t end = c->view_off + c->len;
	if (c->sentinel)
		*c->sentinel = c->sentinel_byte;
	c->sentinel = NULL;
	size_t room = c->len + WDL_INPUT_BLOCK;
	if (!grow(c, room < c->max ? room : c->max)) {
		unmap(c);
		c->mapped = false;
		c->buf = c->own;
		c->len = c->pos = 0;
		return false;
	}
	memcpy(c->own, c->buf, c->len);
	c->buf = c->own;
	c->buf[c->len] = '\0';
	c->mapped = false;
	unmap(c);
	int rc = wdl_input_seek(c->dec->in, end, &c->error_info);
	if (rc < 0) {
		c->error = rc;
		c->eof = true;
		return false;
	}
	wdl_decoder_resume(c->dec, c->len);
	return true;
}

/* Add bytes to a mapped window: as many as the window may hold, from the
 * span (the next span when this one ends first), checked to be bytes the
 * decoder would hand out unchanged. Back to read() when none can be. */
static bool map_more(struct wdl_chunk *c)
{
	/* the byte under the NUL is the first to check */
	if (c->sentinel)
		*c->sentinel = c->sentinel_byte;
	c->sentinel = NULL;
	uint64_t end = c->view_off + c->len;
	uint64_t want = c->view_off + c->max;
	/* a step at a time: checked here, then searched by the parser while
	 * the bytes are still in the cache */
	if (want > end + WDL_MAP_STEP)
		want = end + WDL_MAP_STEP;
	if (want > c->file_size - 1)
		want = c->file_size - 1;    /* the last byte is read */
	if (want > c->map_off + c->map_len - 1) {
		char *old = c->map;
		size_t old_len = c->map_len;
		uint64_t old_off = c->map_off;
		c->map = NULL;              /* kept until the copy, below */
		if (!map_span(c, c->view_off)) {
			c->map = old;
			c->map_len = old_len;
			c->map_off = old_off;
			return to_read(c) && read_more(c);
		}
		munmap(old, old_len);
		c->buf = c->map + (c->view_off - c->map_off);
	}
	size_t k = want > end ? wdl_utf8_exact_len((const unsigned char *)c->buf + c->len,
						    (size_t)(want - end))
			      : 0;
	if (k == 0)
		return to_read(c) && read_more(c);
	c->len += k;
	if (!set_sentinel(c))
		return to_read(c) && read_more(c);
	return true;
}

/* From read() to the mapping, if the input allows it: the window's bytes
 * (raw bytes unchanged) are the file's bytes just before what the decoder
 * and the input hold. */
static bool try_map(struct wdl_chunk *c)
{
	size_t pending;
	int fd;
	uint64_t pos, size;
	if (c->map_failed || c->max < 16 ||
	    !wdl_decoder_mappable(c->dec, c->len, &pending))
		return false;
	if (!wdl_input_mappable(c->dec->in, &fd, &pos, &size) ||
	    pos < pending + c->len || size - pos < WDL_MAP_MIN) {
		c->map_failed = true;   /* none of this changes: ask no more */
		return false;
	}
	c->fd = fd;
	c->file_size = size;
	c->view_off = pos - pending - c->len;
	if (!map_span(c, c->view_off))
		return false;
	wdl_decoder_resume(c->dec, 0);
	c->mapped = true;
	c->buf = c->map + (c->view_off - c->map_off);
	return true;
}

bool wdl_chunk_refill(struct wdl_chunk *c, size_t keep)
{
	if (c->eof)
		return false;
	if (c->mapped) {
		c->buf += keep;
		c->len -= keep;
		c->pos -= keep;
		c->base += keep;
		c->view_off += keep;
		/* as full as the owned buffer would be at its maximum */
		if (c->len + 8 > c->max)
			return false;
		return map_more(c);
	}
	if (keep > 0) {
		memmove(c->buf, c->buf + keep, c->len - keep);
		c->len -= keep;
		c->pos -= keep;
		c->base += keep;
		c->buf[c->len] = '\0';
	}
	if (try_map(c))
		return map_more(c);
	if (c->cap - c->len < WDL_INPUT_BLOCK + 8 && c->cap < WDL_READ_CAP &&
	    c->cap < c->max) {
		/* a large input: room for the decoder to read straight into
		 * the window (it needs a block free), not through its own */
		size_t want = c->len + 2 * WDL_INPUT_BLOCK;
		if (!grow(c, want < WDL_READ_CAP ? WDL_READ_CAP : want))
			return false;
	}
	if (c->len + 8 > c->cap) {
		if (c->cap >= c->max)
			return false;
		if (!grow(c, c->cap * 2 > c->max ? c->max : c->cap * 2))
			return false;
	}
	return read_more(c);
}

void wdl_chunk_prime(struct wdl_chunk *c, size_t want)
{
	if (want > c->cap)
		want = c->cap;
	while (!c->mapped && c->len < want && read_more(c))
		;
}
