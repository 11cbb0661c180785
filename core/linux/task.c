/*
 * What a Linux program asks about itself as a task: its file-mode
 * creation mask, the CPU time it and its children used, its name, and
 * the CPUs it may run on (one).
 *
 * CPU time is the time a Subject's fiber had the CPU (fiber_ran): user
 * and kernel time are not told apart, so it is all reported as user
 * time and the system time is 0.
 */
#include <string.h>

#include "linux.h"
#include "usercopy.h"

#define RUSAGE_SELF	0
#define RUSAGE_THREAD	1
#define RUSAGE_CHILDREN	(-1)
#define USER_HZ		100	/* the unit of times() */
#define PR_SET_NAME	15
#define PR_GET_NAME	16
#define TASK_COMM_LEN	16	/* a name, its NUL included */
#define CPUMASK_BYTES	8	/* one unsigned long: room for 64 CPUs */

struct linux_timeval {
	int64_t sec, usec;
};

struct linux_rusage {
	struct linux_timeval utime, stime;
	int64_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap;
	int64_t inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

_Static_assert(sizeof(struct linux_rusage) == 144, "Linux struct rusage");

struct linux_tms {
	int64_t utime, stime, cutime, cstime;
};

int64_t
sys_umask(struct subject *s, const uint64_t *a)
{
	uint32_t old = s->umask;

	s->umask = (uint32_t)a[0] & 0777;
	return old;
}

/* Timebase ticks in `unit`ths of a second. */
static uint64_t
ticks_in(uint64_t ticks, uint64_t unit)
{
	uint64_t hz = timebase();

	return ticks / hz * unit + ticks % hz * unit / hz;
}

/* getrusage(who, usage): the times, and the pages the Subject holds now
 * as its largest resident size (the nearest rumpk keeps). */
int64_t
sys_getrusage(struct subject *s, const uint64_t *a)
{
	struct linux_rusage ru;
	int32_t who = (int32_t)a[0];
	uint64_t us;

	memset(&ru, 0, sizeof(ru));
	if (who == RUSAGE_SELF || who == RUSAGE_THREAD) {
		us = ticks_in(fiber_ran(&s->fiber), 1000000);
		ru.maxrss = (int64_t)s->pages * (NX_PAGE_SIZE / 1024);
	} else if (who == RUSAGE_CHILDREN) {
		us = ticks_in(s->child_ran, 1000000);
	} else {
		return NX_EINVAL;
	}
	ru.utime.sec = (int64_t)(us / 1000000);
	ru.utime.usec = (int64_t)(us % 1000000);
	return copy_to_user(s->uc.root, a[1], &ru, sizeof(ru)) ? NX_EFAULT : 0;
}

/* times(buf): the times in USER_HZ ticks; the result is the time since
 * boot in the same ticks (any fixed starting point will do). */
int64_t
sys_times(struct subject *s, const uint64_t *a)
{
	struct linux_tms t = {
		(int64_t)ticks_in(fiber_ran(&s->fiber), USER_HZ), 0,
		(int64_t)ticks_in(s->child_ran, USER_HZ), 0,
	};

	if (a[0] && copy_to_user(s->uc.root, a[0], &t, sizeof(t)))
		return NX_EFAULT;
	return (int64_t)(uptime_ns() / (1000000000 / USER_HZ));
}

/* A name from user memory, cut at TASK_COMM_LEN - 1 bytes as Linux cuts
 * it: a byte at a time, since the string may end just before an
 * unmapped page. */
static int
get_comm(struct subject *s, uint64_t uname, char *name)
{
	size_t n = 0;

	for (; n < TASK_COMM_LEN - 1; n++) {
		if (copy_from_user(s->uc.root, &name[n], uname + n, 1))
			return NX_EFAULT;
		if (name[n] == '\0')
			return 0;
	}
	name[n] = '\0';
	return 0;
}

/* prctl(option, ...): the name `ps` shows, set and asked. */
int64_t
sys_prctl(struct subject *s, const uint64_t *a)
{
	char name[TASK_COMM_LEN];

	switch (a[0]) {
	case PR_SET_NAME:
		if (get_comm(s, a[1], name))
			return NX_EFAULT;
		_Static_assert(TASK_COMM_LEN <= sizeof(s->name), "names fit");
		memcpy(s->name, name, sizeof(name));
		return 0;
	case PR_GET_NAME:
		memset(name, 0, sizeof(name));
		strncpy(name, s->name, sizeof(name) - 1);
		return copy_to_user(s->uc.root, a[1], name, sizeof(name)) ?
		    NX_EFAULT : 0;
	default:
		return NX_EINVAL;
	}
}

/* The Subject a scheduling call names: 0 is the caller. */
static int
task_ok(const struct subject *s, uint64_t pid)
{
	uint32_t id = (uint32_t)pid;

	return id == 0 || id == s->id || subject_by_id(id) ? 0 : NX_ESRCH;
}

/* sched_getaffinity(pid, size, mask): CPU 0 alone; the bytes written. */
int64_t
sys_sched_getaffinity(struct subject *s, const uint64_t *a)
{
	uint64_t mask = 1;
	int err = task_ok(s, a[0]);

	if (err)
		return err;
	if (a[1] < CPUMASK_BYTES || a[1] % sizeof(uint64_t))
		return NX_EINVAL;
	if (copy_to_user(s->uc.root, a[2], &mask, sizeof(mask)))
		return NX_EFAULT;
	return CPUMASK_BYTES;
}

/* sched_setaffinity(pid, size, mask): any mask with CPU 0 in it. */
int64_t
sys_sched_setaffinity(struct subject *s, const uint64_t *a)
{
	uint64_t mask = 0;
	size_t len = a[1] < sizeof(mask) ? (size_t)a[1] : sizeof(mask);
	int err = task_ok(s, a[0]);

	if (err)
		return err;
	if (copy_from_user(s->uc.root, &mask, a[2], len))
		return NX_EFAULT;
	return (mask & 1) ? 0 : NX_EINVAL;
}
