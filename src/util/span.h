/* Borrowed text: a pointer and a length into someone else's buffer, never
 * NUL-terminated. Shared by every parsing stage. */
#ifndef WDL_SPAN_H
#define WDL_SPAN_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct wdl_span {
	const char *ptr;
	size_t len;
};

/* Character classes in one table: the hot loops test a bit instead of
 * chains of comparisons that mispredict on log text. */
enum {
	WDL_C_WORD = 1,             /* [A-Za-z0-9_], formats.md section 4 */
	WDL_C_DIGIT = 2,
	WDL_C_HEX = 4,
};
extern const unsigned char wdl_char_class[256];

static inline bool wdl_is_word(unsigned char c)
{
	return wdl_char_class[c] & WDL_C_WORD;
}

static inline bool wdl_is_digit(unsigned char c)
{
	return wdl_char_class[c] & WDL_C_DIGIT;
}

static inline bool wdl_is_hex(unsigned char c)
{
	return wdl_char_class[c] & WDL_C_HEX;
}

static inline unsigned char wdl_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static inline unsigned char wdl_upper(unsigned char c)
{
	return (c >= 'a' && c <= 'z') ? (unsigned char)(c - 32) : c;
}

static inline int wdl_hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = wdl_lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* ASCII case-insensitive comparison of @p n bytes. */
static inline bool wdl_ieq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (wdl_lower((unsigned char)a[i]) != wdl_lower((unsigned char)b[i]))
			return false;
	return true;
}

static inline bool wdl_span_ieq_str(struct wdl_span s, const char *lit)
{
	size_t n = strlen(lit);
	return s.len == n && wdl_ieq(s.ptr, lit, n);
}

static inline bool wdl_has_prefix(const char *p, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && memcmp(p, lit, n) == 0;
}

#endif
