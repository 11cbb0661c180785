/* Linux processes: ending, identity and yielding, on the Subject. */
#include "linux.h"

int64_t
sys_exit(struct subject *s, const uint64_t *a)
{
	subject_exit(s, (int)(a[0] & 0xff));
}

int64_t
sys_getpid(struct subject *s, const uint64_t *a)
{
	(void)a;
	return s->id;
}

int64_t
sys_getppid(struct subject *s, const uint64_t *a)
{
	(void)a;
	return s->parent;
}

int64_t
sys_sched_yield(struct subject *s, const uint64_t *a)
{
	(void)s;
	(void)a;
	fiber_yield();
	return 0;
}
