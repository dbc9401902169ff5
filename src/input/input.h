/* Input stage, raw bytes: a file descriptor, a memory block or a callback,
 * with gzip (detected by its magic bytes, not by name) undone here. */
#ifndef WDL_INPUT_H
#define WDL_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <zlib.h>

#include <wdilog/options.h>
#include <wdilog/reader.h>

/* Compressed bytes are read in blocks of this size; also the raw block
 * size of plain input. 64 KiB keeps syscalls rare and fits in L2. */
#define WDL_INPUT_BLOCK (64u * 1024u)

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
	bool sniffed;               /* gzip magic checked */
	bool gzip;
	bool z_active;              /* inside a gzip member */
	bool z_done;                /* no more gzip output */
	bool z_corrupt;             /* inflate failed; reported once the
				       output before the damage is out */
	z_stream z;
	bool z_init;
	uint64_t gzip_members;
	const wdilog_options *opts; /* for diagnostics */
	const char *name;
};

int wdl_input_open_fd(struct wdl_input *in, int fd, bool close_fd,
		      wdilog_error *err);
int wdl_input_open_memory(struct wdl_input *in, const void *data, size_t len,
			  wdilog_error *err);
int wdl_input_open_callback(struct wdl_input *in, wdilog_read_fn read,
			    void *ctx, wdilog_error *err);

/* Up to @p cap decompressed bytes; *got is 0 only at the end. */
int wdl_input_read(struct wdl_input *in, unsigned char *dst, size_t cap,
		   size_t *got, wdilog_error *err);

void wdl_input_close(struct wdl_input *in);

#endif
