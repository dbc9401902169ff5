/* Input stage, characters: detects the encoding (BOM, then the NUL
 * pattern, then UTF-8 validity) and hands every later stage UTF-8. */
#ifndef WDL_DECODE_H
#define WDL_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/input.h"

enum wdl_encoding {
	WDL_ENC_UTF8,
	WDL_ENC_UTF16LE,
	WDL_ENC_UTF16BE,
	WDL_ENC_CP1252
};

/* How much raw input the encoding is guessed from. 64 KiB is enough for
 * thousands of lines and still a single read. */
#define WDL_SNIFF_BYTES WDL_INPUT_BLOCK

struct wdl_decoder {
	struct wdl_input *in;
	enum wdl_encoding enc;
	bool sniffed;
	unsigned char *raw;         /* owned, WDL_SNIFF_BYTES */
	size_t raw_len, raw_pos;
	bool raw_eof;
	uint64_t replaced;          /* invalid sequences read leniently */
	uint64_t raw_offset;        /* raw bytes consumed, for diagnostics */
	int error;                  /* a read failure, returned once the bytes
				       read before it have been decoded */
	wdilog_error error_info;
	bool altered;               /* some byte handed out differs from the
				       raw bytes, or a BOM was dropped: from
				       there on a decoded offset need not be
				       a file offset */
	uint64_t exact_run;         /* bytes last handed out that are the raw
				       bytes unchanged (the chunk may map
				       the file behind them) */
};

int wdl_decoder_init(struct wdl_decoder *d, struct wdl_input *in,
		     wdilog_error *err);
void wdl_decoder_dispose(struct wdl_decoder *d);
/* The same, with *spare (WDL_SNIFF_BYTES bytes, or NULL) as the raw
 * buffer, which the decoder then owns (*spare is set to NULL); and a
 * dispose that keeps it in *spare when that is NULL. */
int wdl_decoder_init_spare(struct wdl_decoder *d, struct wdl_input *in,
			   unsigned char **spare, wdilog_error *err);
void wdl_decoder_dispose_spare(struct wdl_decoder *d, unsigned char **spare);

/* Up to @p cap bytes of UTF-8 (cap >= 8); *got is 0 only at the end. */
int wdl_decoder_read(struct wdl_decoder *d, char *dst, size_t cap,
		     size_t *got, wdilog_error *err);

const char *wdl_encoding_name(enum wdl_encoding enc);

/* The encoding of an input that starts with p[0, n): a BOM (*bom is its
 * length, else 0), then the NUL pattern of the first 4 KiB (UTF-16
 * without a BOM), then UTF-8 unless some sequence is invalid (one cut by
 * the end is not), Windows-1252 if one is. */
enum wdl_encoding wdl_encoding_sniff(const unsigned char *p, size_t n,
				     size_t *bom);

/* Length of the leading part of p[0, n) that UTF-8 decoding hands out
 * unchanged: valid sequences other than U+200E/U+200F. Stops before the
 * first byte that needs fixing and before a sequence cut by n. */
size_t wdl_utf8_exact_len(const unsigned char *p, size_t n);

/* Could the next bytes come from the raw file directly: UTF-8, no read
 * failure held, and the last @p tail bytes handed out were raw bytes
 * unchanged? Then they sit right before the *pending raw bytes read but
 * not yet decoded, which sit right before the input's position. */
bool wdl_decoder_mappable(const struct wdl_decoder *d, size_t tail,
			  size_t *pending);

/* The input was repositioned (bytes were taken from the file directly):
 * drop what was read ahead and go on from the input's new position; the
 * @p exact bytes last handed out were raw bytes unchanged. */
void wdl_decoder_resume(struct wdl_decoder *d, uint64_t exact);

#endif
