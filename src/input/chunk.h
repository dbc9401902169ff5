/* A window of decoded input that the parsers read from and refill: the
 * one buffer every byte passes through. */
#ifndef WDL_CHUNK_H
#define WDL_CHUNK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/decode.h"

/* Bytes of a regular file mapped at a time (at least the window's maximum
 * and two pages more). What is mapped and touched counts in the resident
 * size, so this bounds the memory a mapping adds. */
#define WDL_MAP_SPAN (4u * 1024u * 1024u)
/* A mapped window grows by this much at a time, so that the bytes are
 * checked and then parsed while they are in the cache (L2). */
#define WDL_MAP_STEP (128u * 1024u)
/* A window refilled by read() grows to this size, so that the decoder
 * can read a block straight into it (UTF-8 needs no copy). */
#define WDL_READ_CAP (256u * 1024u)
/* A rest of the file shorter than this is read, not mapped. */
#define WDL_MAP_MIN (256u * 1024u)

struct wdl_chunk {
	struct wdl_decoder *dec;
	char *buf;                  /* the window: in own, or in map */
	size_t cap;                 /* size of own */
	size_t max;                 /* the window never holds more */
	size_t len;                 /* bytes held */
	size_t pos;                 /* next unread byte */
	bool eof;                   /* the decoder has nothing more */
	uint64_t base;              /* decoded offset of buf[0] */
	int error;                  /* sticky read failure, reported at the
				       end so that what was read still counts */
	wdilog_error error_info;
	/* A plain UTF-8 regular file is mapped a span at a time instead of
	 * read (no copy); the window then points into the span. */
	char *own;                  /* owned, cap + 1 bytes */
	char *map;                  /* the mapped span, or NULL */
	size_t map_len;
	size_t map_span;            /* bytes to map at a time (tests shrink
				       it; rounded up as needed) */
	uint64_t map_off;           /* file offset of map[0] */
	uint64_t view_off;          /* file offset of buf[0] while mapped */
	uint64_t file_size;
	int fd;
	bool mapped;                /* buf points into map */
	bool map_failed;            /* not mappable or mmap failed: read
				       from now on */
	char *sentinel;             /* buf[len], set to NUL in the map... */
	char sentinel_byte;         /* ...and what it held */
};

int wdl_chunk_init(struct wdl_chunk *c, struct wdl_decoder *dec,
		   size_t cap, size_t max, wdilog_error *err);
void wdl_chunk_dispose(struct wdl_chunk *c);
/* The same, with *spare (@p cap + 1 bytes, or NULL) as the window, which
 * the chunk then owns (*spare is set to NULL); and a dispose that keeps
 * the window in *spare when that is NULL and it is still @p cap bytes. */
int wdl_chunk_init_spare(struct wdl_chunk *c, struct wdl_decoder *dec,
			 size_t cap, size_t max, char **spare,
			 wdilog_error *err);
void wdl_chunk_dispose_spare(struct wdl_chunk *c, size_t cap, char **spare);

/* Keep bytes from @p keep on (keep <= pos), move them to the front, and
 * read more. Returns false when nothing more could be added (end of input,
 * a read failure, or a full buffer at its maximum size). A full buffer
 * grows (up to max). buf[len] is always a NUL byte. */
bool wdl_chunk_refill(struct wdl_chunk *c, size_t keep);

/* Read until at least @p want bytes are held or the input ends. */
void wdl_chunk_prime(struct wdl_chunk *c, size_t want);

#endif
