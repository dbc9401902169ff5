/* The verdict's storage: freed with the report that holds it. */
#include "report/verdict.h"

#include "util/alloc.h"

void wdl_gate_state_free(struct wdl_gate_state *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->nstrs; i++)
		wdl_free(st->strs[i]);
	wdl_free(st->strs);
	wdl_free(st->checks);
	wdl_free(st);
}
