/* Counting allocator wrappers. Failure injection is process-wide; only
 * single-threaded tests turn it on, but the count is kept atomically
 * because parallel reading allocates from several threads. */
#include "util/alloc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static unsigned long fail_from;   /* 0: never fail */
static unsigned long count;
/* Counting starts at the first wdl_alloc_fail_from: until a test asks,
 * no allocation pays for an atomic add on a line every thread shares. */
static bool counting;

static int should_fail(void)
{
	if (!__atomic_load_n(&counting, __ATOMIC_RELAXED))
		return 0;
	/* parallel reading allocates from several threads */
	unsigned long n = __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
	unsigned long from = __atomic_load_n(&fail_from, __ATOMIC_RELAXED);
	return from && n >= from;
}

void wdl_alloc_fail_from(unsigned long n)
{
	__atomic_store_n(&fail_from, n, __ATOMIC_RELAXED);
	__atomic_store_n(&count, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&counting, true, __ATOMIC_RELAXED);
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

bool wdl_reserve(void **arr, size_t *cap, size_t need, size_t size,
		 size_t first)
{
	if (need <= *cap)
		return true;
	size_t ncap = *cap && *cap <= SIZE_MAX / 2 ? *cap * 2 : first;
	if (ncap < need)
		ncap = need;
	/* a count no allocation can hold fails like an allocation */
	if (size && ncap > SIZE_MAX / size)
		return false;
	void *p = wdl_realloc(*arr, ncap * size);
	if (!p)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

/* ---- tables (alloc.h) ---- */

#if defined(__SANITIZE_ADDRESS__)
#define TABLES_MAPPED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TABLES_MAPPED 0
#endif
#endif
#ifndef TABLES_MAPPED
#define TABLES_MAPPED 1
#endif

/* Linux 5.14; older kernels refuse it and the pages fault in as used */
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static bool mapped(size_t size)
{
	return TABLES_MAPPED && size >= WDL_TABLE_MAPPED;
}

static size_t page_round(size_t size)
{
	static size_t page;
	size_t pg = __atomic_load_n(&page, __ATOMIC_RELAXED);
	if (!pg) {
		long n = sysconf(_SC_PAGESIZE);
		pg = n > 0 ? (size_t)n : 4096;
		__atomic_store_n(&page, pg, __ATOMIC_RELAXED);
	}
	return (size + pg - 1) & ~(pg - 1);
}

/* From WDL_TABLE_HUGE on, a table is a whole number of 2 MiB huge pages,
 * aligned to one: a huge page faults in once instead of 512 times (4 MiB
 * first written took 10.6 ms a page at a time here, 0.26 ms in huge
 * pages). The kernel gives small pages when it has no huge one, or when
 * transparent huge pages are off. */
#define HUGE_PAGE ((size_t)2 << 20)

static bool huge(size_t size)
{
	return size >= WDL_TABLE_HUGE;
}

/* The bytes a mapped table of @p size bytes takes. */
static size_t table_bytes(size_t size)
{
	return huge(size) ? (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1)
			  : page_round(size);
}

static void *map_huge(size_t bytes)
{
	/* map a huge page more, then cut it to an aligned start */
	size_t span = bytes + HUGE_PAGE;
	char *p = mmap(NULL, span, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	size_t head = (HUGE_PAGE - ((uintptr_t)p & (HUGE_PAGE - 1))) & (HUGE_PAGE - 1);
	if (head)
		munmap(p, head);
	if (span - head > bytes)
		munmap(p + head + bytes, span - head - bytes);
	p += head;
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	return p;
}

static void *map_table(size_t size)
{
	if (huge(size))
		return map_huge(table_bytes(size));
	void *p = mmap(NULL, page_round(size), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

void *wdl_table_resize(void *p, size_t old, size_t size)
{
	if (!p)
		old = 0;
	if (should_fail())
		return NULL;
	if (!mapped(size)) {
		void *n = mapped(old) ? malloc(size ? size : 1)
				      : realloc(p, size ? size : 1);
		if (!n)
			return NULL;
		if (mapped(old)) {
			memcpy(n, p, size);
			munmap(p, table_bytes(old));
		} else if (size > old) {
			memset((char *)n + old, 0, size - old);
		}
		return n;
	}
	if (!mapped(old)) {
		void *n = map_table(size);
		if (n && old)
			memcpy(n, p, old < size ? old : size);
		if (n)
			free(p);
		return n;
	}
	size_t from = table_bytes(old), to = table_bytes(size);
	if (huge(size) && to > from) {
		/* moved pages keep their size: grown into huge pages anew
		 * (whose bytes past the copy are zero) */
		void *n = map_huge(to);
		if (!n)
			return NULL;
		memcpy(n, p, old);
		munmap(p, from);
		return n;
	}
	/* bytes past an old size within its last page may hold what a
	 * table that shrank left there */
	if (size > old)
		memset((char *)p + old, 0, (size < from ? size : from) - old);
	if (from == to)
		return p;
	void *n = mremap(p, from, to, MREMAP_MAYMOVE);
	if (n == MAP_FAILED)
		return NULL;
	if (to > from)
		madvise((char *)n + from, to - from, MADV_POPULATE_WRITE);
	return n;
}

void wdl_table_free(void *p, size_t size)
{
	if (!p)
		return;
	if (mapped(size))
		munmap(p, table_bytes(size));
	else
		free(p);
}
