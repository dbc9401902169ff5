/* All library allocations go through here, so that tests can make the Nth
 * one fail and check that every failure path ends cleanly. */
#ifndef WDL_ALLOC_H
#define WDL_ALLOC_H

#include <stddef.h>

void *wdl_malloc(size_t n);
void *wdl_calloc(size_t count, size_t size);
void *wdl_realloc(void *p, size_t n);
void wdl_free(void *p);
char *wdl_strdup(const char *s);
char *wdl_strndup(const char *s, size_t n);

/* Make allocation number @p n (1-based, counted from now) and every later
 * one fail; 0 turns failure injection off. For tests only. */
void wdl_alloc_fail_from(unsigned long n);
/* Allocations made since the last wdl_alloc_fail_from call. */
unsigned long wdl_alloc_count(void);

#endif
