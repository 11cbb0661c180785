/*
 * wait4 and waitid: a child that ended, stopped or continued, by pid,
 * any, own process group or another group, waiting or not.  Statuses
 * are Linux's (wstatus.c).  A child's status is copied out before the
 * child is freed: a bad pointer gets EFAULT and the next wait finds it
 * again.
 */
#include <string.h>

#include "linux.h"
#include "linux/wstatus.h"
#include "signal.h"
#include "usercopy.h"

#define WNOHANG		0x00000001u
#define WUNTRACED	0x00000002u	/* WSTOPPED for waitid */
#define WEXITED		0x00000004u
#define WCONTINUED	0x00000008u
#define WNOWAIT		0x01000000u
#define WTHREADS	0xe0000000u	/* __WNOTHREAD, __WALL, __WCLONE */

#define P_ALL		0
#define P_PID		1
#define P_PGID		2

#define RUSAGE_SIZE	144		/* struct rusage, 64-bit */

/* asm-generic siginfo as waitid fills it for SIGCHLD. */
struct linux_siginfo_chld {
	int32_t signo, errno_, code, pad;
	int32_t pid, uid, status, pad2;
	uint8_t rest[128 - 32];
};

_Static_assert(sizeof(struct linux_siginfo_chld) == 128, "siginfo");

static int
zero_rusage(struct subject *s, uint64_t ru)
{
	static const uint8_t zero[RUSAGE_SIZE];

	return ru ? copy_to_user(s->uc.root, ru, zero, sizeof(zero)) : 0;
}

/* A report is used up (the child freed, the stop or continue told) only
 * once its status is out. */
static void
consume(struct subject *s, const struct wait_found *f)
{
	struct subject *c;

	if (!f->jc) {
		subject_reap(s, f->id);
		return;
	}
	c = subject_by_id(f->id);
	if (c && c->jc_report == f->jc)
		c->jc_report = 0;
}

static int
wait_status(const struct wait_found *f)
{
	if (f->jc == JC_STOPPED)
		return linux_stop_status(f->sig);
	if (f->jc == JC_CONTINUED)
		return LINUX_WCONTINUED_STATUS;
	return linux_wait_status(f->e.how, f->e.status, f->e.cause);
}

/* wait4(pid, status, options, rusage) */
int64_t
sys_wait4(struct subject *s, const uint64_t *a)
{
	uint32_t opts = (uint32_t)a[2];
	struct wait_sel w = { (int32_t)a[0], WAIT_EXITED | WAIT_NOREAP };
	struct wait_found f;
	int32_t status;
	long id;

	if (opts & ~(WNOHANG | WUNTRACED | WCONTINUED | WTHREADS))
		return NX_EINVAL;
	w.flags |= (opts & WNOHANG) ? WAIT_NOHANG : 0;
	w.flags |= (opts & WUNTRACED) ? WAIT_STOPPED : 0;
	w.flags |= (opts & WCONTINUED) ? WAIT_CONTINUED : 0;
	id = subject_wait_sel(s, &w, &f);
	if (id <= 0)
		return id;
	status = wait_status(&f);
	if (a[1] && copy_to_user(s->uc.root, a[1], &status, sizeof(status)))
		return NX_EFAULT;
	if (zero_rusage(s, a[3]))
		return NX_EFAULT;
	consume(s, &f);
	return id;
}

static void
fill_info(struct linux_siginfo_chld *si, const struct wait_found *f)
{
	int code, value;

	memset(si, 0, sizeof(*si));
	if (!f->id)
		return;		/* WNOHANG, nothing yet: si_pid 0 */
	si->signo = SIGCHLD;
	si->pid = (int32_t)f->id;
	if (f->jc) {
		code = f->jc == JC_STOPPED ? LINUX_CLD_STOPPED :
		    LINUX_CLD_CONTINUED;
		value = f->jc == JC_STOPPED ? f->sig : SIGCONT;
	} else {
		linux_wait_code(f->e.how, f->e.status, f->e.cause, &code,
		    &value);
	}
	si->code = code;
	si->status = value;
}

/* waitid(idtype, id, infop, options, rusage) */
int64_t
sys_waitid(struct subject *s, const uint64_t *a)
{
	uint32_t type = (uint32_t)a[0], opts = (uint32_t)a[3];
	struct wait_sel w = { -1, WAIT_NOREAP };
	struct linux_siginfo_chld si;
	struct wait_found f;
	long id;

	if ((opts & ~(WNOHANG | WUNTRACED | WEXITED | WCONTINUED | WNOWAIT |
	    WTHREADS)) || !(opts & (WUNTRACED | WEXITED | WCONTINUED)))
		return NX_EINVAL;
	if (type == P_PID || type == P_PGID) {
		if ((int32_t)a[1] <= 0 && !(type == P_PGID && a[1] == 0))
			return NX_EINVAL;
		w.pid = type == P_PID ? (int32_t)a[1] : -(int64_t)(int32_t)a[1];
	} else if (type != P_ALL) {
		return NX_EINVAL;
	}
	w.flags |= (opts & WNOHANG) ? WAIT_NOHANG : 0;
	w.flags |= (opts & WUNTRACED) ? WAIT_STOPPED : 0;
	w.flags |= (opts & WEXITED) ? WAIT_EXITED : 0;
	w.flags |= (opts & WCONTINUED) ? WAIT_CONTINUED : 0;
	memset(&f, 0, sizeof(f));
	id = subject_wait_sel(s, &w, &f);
	if (id < 0)
		return id;
	fill_info(&si, &f);
	if (a[2] && copy_to_user(s->uc.root, a[2], &si, sizeof(si)))
		return NX_EFAULT;
	if (zero_rusage(s, a[4]))
		return NX_EFAULT;
	if (id > 0 && !(opts & WNOWAIT))
		consume(s, &f);
	return 0;
}
