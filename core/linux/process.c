/*
 * Linux processes: clone (fork and vfork, no threads), ending, identity
 * and yielding, on the Subject.  execve is in exec.c, wait4 and waitid
 * in wait.c.
 */
#include "linux.h"
#include "signal.h"
#include "usercopy.h"

/* clone's flags (include/uapi/linux/sched.h). */
#define CSIGNAL			0x000000fful
#define CLONE_VM		0x00000100ul
#define CLONE_VFORK		0x00004000ul
#define CLONE_PARENT_SETTID	0x00100000ul
#define CLONE_CHILD_CLEARTID	0x00200000ul
#define CLONE_CHILD_SETTID	0x01000000ul
#define CLONE_PROCESS		(CSIGNAL | CLONE_VM | CLONE_VFORK | \
				 CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | \
				 CLONE_CHILD_SETTID)
/* Where a clone's flags are said to be unsupported (a bit of the
 * Subject's linux_told, which clone itself never needs). */
#define TOLD_CLONE		220

/* Threads (CLONE_THREAD, CLONE_SIGHAND, CLONE_VM without CLONE_VFORK,
 * CLONE_SETTLS, ...) are not processes: EINVAL, said once. */
static int64_t
refuse(struct subject *s, uint64_t flags)
{
	uint64_t mask = 1ull << (TOLD_CLONE % 64);

	if (!(s->linux_told[TOLD_CLONE / 64] & mask)) {
		s->linux_told[TOLD_CLONE / 64] |= mask;
		kprintf("rumpk: %s: clone with flags 0x%lx (threads) is not "
		    "supported\n", s->name, (unsigned long)flags);
	}
	return NX_EINVAL;
}

/* riscv64's clone: flags, new stack, parent's tid pointer, tls, child's
 * tid pointer. */
int64_t
sys_clone(struct subject *s, const uint64_t *a)
{
	uint64_t flags = a[0], sp = a[1], ptid = a[2], ctid = a[4];
	struct subject *c;
	uint32_t id;
	long r;

	if ((flags & ~CLONE_PROCESS) ||
	    ((flags & CLONE_VM) && !(flags & CLONE_VFORK)))
		return refuse(s, flags);
	if ((flags & CSIGNAL) && (flags & CSIGNAL) != SIGCHLD)
		return refuse(s, flags);
	/* The child's tid words are set before it runs, and before a vfork
	 * parent sleeps. */
	r = subject_fork(s, (flags & CLONE_VM) ? FORK_VM : 0, sp);
	if (r < 0)
		return r;
	id = (uint32_t)r;
	c = subject_by_id(id);
	/* A bad pointer is the program's problem, as in Linux: the child
	 * runs on. */
	if (flags & CLONE_CHILD_SETTID)
		copy_to_user(c->uc.root, ctid, &id, sizeof(id));
	if (flags & CLONE_CHILD_CLEARTID)
		c->clear_tid = ctid;
	if (flags & CLONE_PARENT_SETTID)
		copy_to_user(s->uc.root, ptid, &id, sizeof(id));
	if (flags & CLONE_VFORK)
		subject_vfork_wait(s, c);
	return id;
}

int64_t
sys_set_tid_address(struct subject *s, const uint64_t *a)
{
	s->clear_tid = a[0];
	return s->id;
}

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

/* An adopted Subject's parent is the first Subject, as Linux's init. */
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
