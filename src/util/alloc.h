/* All library allocations go through here, so that tests can make the Nth
 * one fail and check that every failure path ends cleanly. */
#ifndef WDL_ALLOC_H
#define WDL_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

void *wdl_malloc(size_t n);
void *wdl_calloc(size_t count, size_t size);
void *wdl_realloc(void *p, size_t n);
void wdl_free(void *p);
char *wdl_strdup(const char *s);
char *wdl_strndup(const char *s, size_t n);

/* Grow the array *@p arr of @p size-byte items, *@p cap of them, to hold
 * at least @p need: to twice its size, or @p first, or @p need, whichever
 * is largest. False when out of memory, the array unchanged. */
bool wdl_reserve(void **arr, size_t *cap, size_t need, size_t size,
		 size_t first);

/* Tables filled as soon as they are made (a job table, a report's inputs,
 * a directory's names): resized from @p old to @p size bytes, the bytes
 * past @p old zeroed. From WDL_TABLE_MAPPED bytes on a table is mapped
 * with its pages in place: a page first touched costs a fault each (about
 * 10 us on a virtual machine; the tables of 10,000 small files took 1,500
 * of them), a mapping populated in one call a twentieth of that, and
 * grown by moving its pages (mremap), not copying them. Returns NULL,
 * with @p p untouched, when out of memory. Free with wdl_table_free and
 * the table's size. Under AddressSanitizer every table comes from malloc,
 * so that overruns are still caught. */
#define WDL_TABLE_MAPPED (256u * 1024u)
/* From this size on, a mapped table is made of transparent huge pages
 * (2 MiB), each faulted in once, when the kernel has them. */
#define WDL_TABLE_HUGE (2u * 1024u * 1024u)
void *wdl_table_resize(void *p, size_t old, size_t size);
void wdl_table_free(void *p, size_t size);

/* Make allocation number @p n (1-based, counted from now) and every later
 * one fail; 0 turns failure injection off. For tests only. */
void wdl_alloc_fail_from(unsigned long n);
/* Allocations made since the last wdl_alloc_fail_from call. */
unsigned long wdl_alloc_count(void);

#endif
