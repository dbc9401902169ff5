/* UTF-8 validity for the renderers, which must never pass on bytes that
 * are not UTF-8 or a C1 control from the input. */
#ifndef WDL_UTF8_H
#define WDL_UTF8_H

#include <stddef.h>

/* Length (2-4) of the valid UTF-8 sequence at p[0, n), or 0 if there is
 * none there (also for an ASCII byte). */
static inline size_t wdl_utf8_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	if (!len || c > 0xF4 || len > n)
		return 0;
	for (size_t k = 1; k < len; k++)
		if ((p[k] & 0xC0) != 0x80)
			return 0;
	if (len == 3) {
		unsigned cp = (unsigned)(c & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6;
		if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
	}
	if (len == 4) {
		unsigned cp = (unsigned)(c & 0x07) << 18 | (unsigned)(p[1] & 0x3F) << 12;
		if (cp < 0x10000 || cp > 0x10FFFF)
			return 0;
	}
	return len;
}

/* A C1 control (U+0080-U+009F) at p, given a valid 2-byte sequence. */
static inline int wdl_utf8_is_c1(const unsigned char *p)
{
	return p[0] == 0xC2 && p[1] < 0xA0;
}

#endif
