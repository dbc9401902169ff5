/* The one UTF-8 decoder: input decoding, the escaper and the CLI all ask
 * it what a sequence is, so they agree on which bytes are text. */
#ifndef WDL_UTF8_H
#define WDL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the sequence at p[0, avail) into *cp. Returns its length (1-4),
 * 0 when it is not valid UTF-8 (overlong, surrogate, past U+10FFFF, bad
 * lead or continuation byte), or -1 when what is there may be valid but
 * the buffer ends first (a caller reading a stream waits for more). *cp is
 * set only for a length. */
static inline int wdl_utf8_decode(const unsigned char *p, size_t avail, uint32_t *cp)
{
	unsigned char c = p[0];
	int n;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; v = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	for (int k = 1; k < n; k++) {
		if ((size_t)k >= avail)
			return -1;
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[k] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

/* A C1 control (U+0080-U+009F): CSI and friends to 8-bit terminals. */
static inline int wdl_utf8_is_c1(uint32_t cp)
{
	return cp >= 0x80 && cp < 0xA0;
}

#endif
