/* LD_PRELOAD shim for cli/input/no-threads: no thread can ever be
 * created, as when a process has hit its thread limit. */
#include <errno.h>
#include <pthread.h>

int pthread_create(pthread_t *th, const pthread_attr_t *attr,
		   void *(*fn)(void *), void *arg)
{
	(void)th;
	(void)attr;
	(void)fn;
	(void)arg;
	return EAGAIN;
}
