/* Input stage, raw bytes: a file descriptor, a memory block or a callback,
 * with gzip (detected by its magic bytes, not by name) undone here. */
#ifndef WDL_INPUT_H
#define WDL_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <zlib.h>
#if defined(WDL_HAVE_ISAL)
#include <isa-l/igzip_lib.h>
#endif

#include <wdilog/options.h>
#include <wdilog/reader.h>

#include "input/magic.h"

/* Compressed bytes are read in blocks of this size; also the raw block
 * size of plain input. 64 KiB keeps syscalls rare and fits in L2. */
#define WDL_INPUT_BLOCK (64u * 1024u)

/* gzip inside gzip is inflated again, this many layers deep at most (a
 * capture gzipped twice by two tools is real; ten times is not). */
#define WDL_GZIP_DEPTH 4

struct wdl_input {
	wdilog_read_fn read;        /* the raw source */
	void *ctx;
	int fd;                     /* for the fd source; -1 otherwise */
	bool close_fd;
	const unsigned char *mem;   /* for the memory source */
	size_t mem_len, mem_pos;

	unsigned char *block;       /* owned, WDL_INPUT_BLOCK bytes */
	size_t block_len, block_pos;
	bool src_eof;
	bool short_read_ends;       /* the fd source is a regular file: a read
				       shorter than asked reached its end */
	bool sniffed;               /* gzip and binary magic checked */
	bool gzip;                  /* the input is gzip (at any depth) */
	bool inflate;               /* this layer inflates its source */
	struct wdl_input *lower;    /* owned: the layer this one reads the
				       output of (gzip inside gzip), or NULL */
	unsigned gzip_depth;        /* gzip layers below this one */
	enum wdl_binary binary;     /* what the (inflated) bytes start with */
	bool accept_binary;         /* hand binary bytes out anyway; else the
				       first read fails naming the format */
	bool truncated;             /* a gzip stream ended without its
				       trailer: the last bytes are cut */
	uint64_t max_bytes;         /* stop with an error past this many
				       bytes handed out; 0 = no limit */
	uint64_t out_bytes;         /* bytes handed out so far */
	bool z_active;              /* inside a gzip member */
	bool z_done;                /* no more gzip output */
	bool z_corrupt;             /* inflate failed; reported once the
				       output before the damage is out */
	z_stream z;
	bool z_init;
	bool isal_on;               /* ISA-L inflates this member */
	uint64_t member_start;      /* source offset of the member (ISA-L) */
	uint64_t member_out;        /* bytes the member gave so far */
#if defined(WDL_HAVE_ISAL)
	struct inflate_state *isal; /* owned */
#endif
	uint64_t gzip_members;
	int held;                   /* a read failure held back until the
				       bytes read before it are out */
	wdilog_error held_err;
	const wdilog_options *opts; /* for diagnostics */
	const char *name;
};

int wdl_input_open_fd(struct wdl_input *in, int fd, bool close_fd,
		      wdilog_error *err);
/* wdl_input_open_fd with *spare (WDL_INPUT_BLOCK bytes, or NULL) as its
 * block; the input owns it from here on and *spare is set to NULL. */
int wdl_input_open_fd_spare(struct wdl_input *in, int fd, bool close_fd,
			    unsigned char **spare, wdilog_error *err);
int wdl_input_open_memory(struct wdl_input *in, const void *data, size_t len,
			  wdilog_error *err);
int wdl_input_open_callback(struct wdl_input *in, wdilog_read_fn read,
			    void *ctx, wdilog_error *err);

/* Up to @p cap decompressed bytes; *got is 0 only at the end. The first
 * call checks the magic: a binary format (in->binary) fails it with
 * WDILOG_EFORMAT and a message naming the format and its converter,
 * unless in->accept_binary. Past in->max_bytes it fails with WDILOG_EIO
 * (what was handed out before stands). */
int wdl_input_read(struct wdl_input *in, unsigned char *dst, size_t cap,
		   size_t *got, wdilog_error *err);

/* Check the magic now (what the first read does), without handing out
 * bytes: in->binary and in->gzip are set after it. */
int wdl_input_sniff(struct wdl_input *in, wdilog_error *err);

/* After a sniff that succeeded: is this a file that, found in a
 * directory, is passed over rather than read (a binary format other than
 * an event log: an .etl beside the text logs, a .zip)? If so @p why says
 * what it is and what to do with it. */
bool wdl_input_passed_over(const struct wdl_input *in, char *why, size_t cap);

/* True once a gzip stream (at any depth) has ended without its trailer:
 * the input was cut short, and its last record with it. Final when a read
 * has returned 0 bytes. */
bool wdl_input_truncated(const struct wdl_input *in);

void wdl_input_close(struct wdl_input *in);
/* wdl_input_close, keeping the block in *spare when that is NULL (the
 * caller owns it then); a reader of many small files allocates none. */
void wdl_input_close_spare(struct wdl_input *in, unsigned char **spare);

/* Can the bytes from here on be mapped instead of read: an uncompressed
 * regular file read from its descriptor, nothing buffered or held back, no
 * byte limit, and mapping asked for (WDILOG_MMAP=1 in the environment: on
 * the machine measured, doc/performance.md, touching mapped page cache
 * costs three times what read() does, so read() is the default)? Sets
 * *fd, *pos (the file offset the next read would start at) and *size. */
bool wdl_input_mappable(const struct wdl_input *in, int *fd, uint64_t *pos,
			uint64_t *size);

/* Newlines in bytes [start, end) of the open file @p fd, counted with
 * pread (the descriptor's position is left alone) 16 bytes a step.
 * Returns false on a read failure or when the file ends early. */
bool wdl_count_newlines(int fd, uint64_t start, uint64_t end, uint64_t *n);

/* Go on reading at file offset @p pos of a mappable input (the bytes
 * before it were taken from a mapping). */
int wdl_input_seek(struct wdl_input *in, uint64_t pos, wdilog_error *err);

#endif
