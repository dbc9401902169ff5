/* util/alloc's tables: grown and shrunk across WDL_TABLE_MAPPED (malloc
 * below it, a mapping from it on), contents kept, the new bytes zero,
 * and a refused resize that leaves the table as it was. And its growing
 * arrays (wdl_reserve): first size, doubling, a jump to what is needed,
 * and a count whose bytes overflow refused without touching the array. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/alloc.h"

/* Byte @p i of a table filled by fill(). */
static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 131u + 7u);
}

static void fill(unsigned char *t, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		t[i] = pattern(i);
}

/* The first @p kept bytes hold the pattern and the rest up to @p size
 * are zero: returns the first byte that is not so, or @p size. */
static size_t first_wrong(const unsigned char *t, size_t kept, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (t[i] != (i < kept ? pattern(i) : 0))
			return i;
	return size;
}

/* One table resized through @p sizes in turn: after each step its kept
 * bytes hold the pattern and the new ones are zero; then it is filled
 * for the next. Returns whether every table of WDL_TABLE_HUGE bytes or
 * more started on a 2 MiB boundary. */
static bool resize_through(const size_t *sizes, size_t nsizes)
{
	unsigned char *t = NULL;
	size_t size = 0, filled = 0;
	bool aligned = true;
	for (size_t k = 0; k < nsizes; k++) {
		size_t next = sizes[k];
		unsigned char *n = wdl_table_resize(t, size, next);
		CHECK(n != NULL);
		if (!n)
			break;
		t = n;
		if (next >= WDL_TABLE_HUGE &&
		    ((uintptr_t)t & (WDL_TABLE_HUGE - 1)) != 0)
			aligned = false;
		size_t kept = filled < next ? filled : next;
		size_t wrong = first_wrong(t, kept, next);
		CHECK_MSG(wrong == next, "resize %zu -> %zu: byte %zu is wrong",
			  size, next, wrong);
		fill(t, kept, next);
		filled = next;
		size = next;
	}
	wdl_table_free(t, size);
	return aligned;
}

static void grows_across_the_mapping(void)
{
	/* 1 KiB, just under, at, past, far past, down and up again inside
	 * one page (what the shrink left there must read as zero), and back
	 * down */
	const size_t sizes[] = { 1024, WDL_TABLE_MAPPED - 1, WDL_TABLE_MAPPED,
				 WDL_TABLE_MAPPED + 4097, 3 * WDL_TABLE_MAPPED + 5,
				 2 * WDL_TABLE_MAPPED + 10, 2 * WDL_TABLE_MAPPED + 100,
				 8 * WDL_TABLE_MAPPED, WDL_TABLE_MAPPED + 1,
				 WDL_TABLE_MAPPED - 100, 64, 0 };
	resize_through(sizes, sizeof(sizes) / sizeof(sizes[0]));
}

/* Across WDL_TABLE_HUGE: huge-page tables grow into new huge pages and
 * shrink in place, keeping their bytes and zeroing what a shrink left
 * within their last huge page; outside AddressSanitizer (whose tables
 * come from malloc) they start on a 2 MiB boundary. */
static void grows_across_huge_pages(void)
{
	const size_t H = WDL_TABLE_HUGE;
	const size_t sizes[] = { 1u << 20, H - 1, H + 5, 3 * H + 7, 2 * H + 10,
				 2 * H + 5000, H, H - 3, 3 * H, 100 };
	bool aligned = resize_through(sizes, sizeof(sizes) / sizeof(sizes[0]));
#if defined(__SANITIZE_ADDRESS__)
	(void)aligned;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	(void)aligned;
#else
	CHECK(aligned);
#endif
#else
	CHECK(aligned);
#endif
}

static void a_new_table_is_zero(void)
{
	const size_t sizes[] = { 1, 4096, WDL_TABLE_MAPPED, 2 * WDL_TABLE_MAPPED + 3,
				 WDL_TABLE_HUGE + 1 };
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		unsigned char *t = wdl_table_resize(NULL, 0, sizes[k]);
		CHECK(t != NULL);
		if (!t)
			continue;
		CHECK_EQ_U(first_wrong(t, 0, sizes[k]), sizes[k]);
		wdl_table_free(t, sizes[k]);
	}
	/* a NULL table's old size is not read */
	unsigned char *t = wdl_table_resize(NULL, 12345, 100);
	CHECK(t != NULL);
	if (t)
		CHECK_EQ_U(first_wrong(t, 0, 100), 100);
	wdl_table_free(t, 100);
	wdl_table_free(NULL, 5);
}

static void a_refused_resize_keeps_the_table(void)
{
	const size_t from[] = { 100, WDL_TABLE_MAPPED + 10 };
	for (size_t k = 0; k < 2; k++) {
		unsigned char *t = wdl_table_resize(NULL, 0, from[k]);
		CHECK(t != NULL);
		if (!t)
			continue;
		fill(t, 0, from[k]);
		wdl_alloc_fail_from(1);
		unsigned char *n = wdl_table_resize(t, from[k], 4 * WDL_TABLE_MAPPED);
		wdl_alloc_fail_from(0);
		CHECK(n == NULL);
		CHECK_EQ_U(first_wrong(t, from[k], from[k]), from[k]);
		wdl_table_free(t, from[k]);
	}
}

static void reserve_grows_and_refuses_overflow(void)
{
	uint32_t *v = NULL;
	size_t cap = 0;
	CHECK(wdl_reserve((void **)&v, &cap, 1, sizeof(*v), 8) && cap == 8);
	for (uint32_t i = 0; i < 8; i++)
		v[i] = i * 3u;
	CHECK(wdl_reserve((void **)&v, &cap, 8, sizeof(*v), 8) && cap == 8);
	CHECK(wdl_reserve((void **)&v, &cap, 9, sizeof(*v), 8) && cap == 16);
	CHECK(wdl_reserve((void **)&v, &cap, 100, sizeof(*v), 8) && cap == 100);
	uint32_t *before = v;
	CHECK(!wdl_reserve((void **)&v, &cap, SIZE_MAX / 2, sizeof(*v), 8));
	CHECK(!wdl_reserve((void **)&v, &cap, SIZE_MAX / sizeof(*v) + 1,
			   sizeof(*v), 8));
	CHECK(v == before && cap == 100);
	bool kept = true;
	for (uint32_t i = 0; i < 8; i++)
		kept = kept && v[i] == i * 3u;
	CHECK(kept);
	free(v);
}

int main(void)
{
	grows_across_the_mapping();
	grows_across_huge_pages();
	a_new_table_is_zero();
	a_refused_resize_keeps_the_table();
	reserve_grows_and_refuses_overflow();
	return check_report("table");
}
