#include "util/cpu.h"

bool wdl_cpu_has_avx2(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
	/* 0 unknown, 1 no, 2 yes; threads may race to the same answer */
	static int known;
	int k = __atomic_load_n(&known, __ATOMIC_RELAXED);
	if (!k) {
		__builtin_cpu_init();
		k = __builtin_cpu_supports("avx2") ? 2 : 1;
		__atomic_store_n(&known, k, __ATOMIC_RELAXED);
	}
	return k == 2;
#else
	return false;
#endif
}
