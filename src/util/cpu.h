/* What the CPU can do, asked once: the SIMD paths that need more than the
 * build's baseline (SSE2 on x86-64) choose themselves at run time. */
#ifndef WDL_CPU_H
#define WDL_CPU_H

#include <stdbool.h>

/* True when the CPU runs AVX2 (false on other architectures). */
bool wdl_cpu_has_avx2(void);

#endif
