/* Counting allocator wrappers. Failure injection is process-wide and not
 * thread-safe; only single-threaded tests turn it on. */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

static unsigned long fail_from;   /* 0: never fail */
static unsigned long count;

static int should_fail(void)
{
	count++;
	return fail_from && count >= fail_from;
}

void wdl_alloc_fail_from(unsigned long n)
{
	fail_from = n;
	count = 0;
}

unsigned long wdl_alloc_count(void)
{
	return count;
}

void *wdl_malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *wdl_calloc(size_t n, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *wdl_realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void wdl_free(void *p)
{
	free(p);
}

char *wdl_strndup(const char *s, size_t n)
{
	char *d = wdl_malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

char *wdl_strdup(const char *s)
{
	return wdl_strndup(s, strlen(s));
}
