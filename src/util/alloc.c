/* Counting allocator wrappers. Failure injection is process-wide; only
 * single-threaded tests turn it on, but the count is kept atomically
 * because parallel reading allocates from several threads. */
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

static unsigned long fail_from;   /* 0: never fail */
static unsigned long count;

static int should_fail(void)
{
	/* parallel reading allocates from several threads */
	unsigned long n = __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
	unsigned long from = __atomic_load_n(&fail_from, __ATOMIC_RELAXED);
	return from && n >= from;
}

void wdl_alloc_fail_from(unsigned long n)
{
	__atomic_store_n(&fail_from, n, __ATOMIC_RELAXED);
	__atomic_store_n(&count, 0, __ATOMIC_RELAXED);
}

unsigned long wdl_alloc_count(void)
{
	return __atomic_load_n(&count, __ATOMIC_RELAXED);
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
