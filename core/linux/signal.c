/*
 * Linux signals: dispositions (rt_sigaction), the mask (rt_sigprocmask,
 * rt_sigpending, rt_sigsuspend), the alternate stack (sigaltstack),
 * sending (kill, tkill, tgkill), rt_sigreturn and the real-time interval
 * timer behind alarm() (setitimer, getitimer).  Each copies its
 * arguments in, calls core/signal.c or sigdeliver.c, and copies results
 * out.  A set is 8 bytes, as Linux's sigset_t on riscv64: another size
 * is EINVAL.
 */
#include "linux.h"
#include "sigrules.h"
#include "usercopy.h"

#define SIGSET_SIZE	8
#define ITIMER_REAL	0

struct linux_stack_t {
	uint64_t sp;
	int32_t flags;
	int32_t pad;
	uint64_t size;
};

struct linux_itimerval {
	int64_t interval_sec, interval_usec;
	int64_t value_sec, value_usec;
};

_Static_assert(sizeof(struct linux_stack_t) == 24, "Linux stack_t");
_Static_assert(sizeof(struct linux_itimerval) == 32, "Linux itimerval");

static int
get_set(struct subject *s, uint64_t uva, uint64_t *set)
{
	return copy_from_user(s->uc.root, set, uva, sizeof(*set)) ?
	    NX_EFAULT : 0;
}

static int
put(struct subject *s, uint64_t uva, const void *v, size_t len)
{
	return copy_to_user(s->uc.root, uva, v, len) ? NX_EFAULT : 0;
}

/* Microseconds to timebase ticks and back. */
static uint64_t
ticks_of(int64_t sec, int64_t usec)
{
	uint64_t hz = timebase();

	return (uint64_t)sec * hz + (uint64_t)usec * hz / 1000000;
}

static uint64_t
ns_of(uint64_t ticks)
{
	uint64_t hz = timebase();

	return ticks / hz * 1000000000 + ticks % hz * 1000000000 / hz;
}

static void
tv_of(uint64_t ticks, int64_t *sec, int64_t *usec)
{
	uint64_t hz = timebase();

	*sec = (int64_t)(ticks / hz);
	*usec = (int64_t)(ticks % hz * 1000000 / hz);
	/* An alarm still armed never reads as 0. */
	if (ticks && !*sec && !*usec)
		*usec = 1;
}

/* Whether `sig` is discarded at once under disposition `h`. */
static int
ignored_by(int sig, uint64_t h)
{
	return h == SIG_IGN_HANDLER || (h == SIG_DFL_HANDLER &&
	    (sig_default(sig) == SIG_IGNORE || sig_default(sig) == SIG_CONT));
}

int64_t
sys_rt_sigaction(struct subject *s, const uint64_t *a)
{
	int64_t sig = (int64_t)a[0];
	struct sigaction_k act, old;
	int err;

	if (a[3] != SIGSET_SIZE || !sig_valid(sig))
		return NX_EINVAL;
	if (a[1] && copy_from_user(s->uc.root, &act, a[1], sizeof(act)))
		return NX_EFAULT;
	if (a[1] && (sig == SIGKILL || sig == SIGSTOP))
		return NX_EINVAL;
	old = s->sig.act[sig - 1];
	if (a[1]) {
		act.mask = sig_blockable(act.mask);
		s->sig.act[sig - 1] = act;
		/* A signal now ignored and waiting is dropped, as Linux does. */
		if (ignored_by((int)sig, act.handler))
			s->sig.pending &= ~SIG_BIT(sig);
	}
	err = a[2] ? put(s, a[2], &old, sizeof(old)) : 0;
	return err;
}

int64_t
sys_rt_sigprocmask(struct subject *s, const uint64_t *a)
{
	uint64_t old = s->sig.blocked, set, now;
	int err;

	if (a[3] != SIGSET_SIZE)
		return NX_EINVAL;
	if (a[1]) {
		err = get_set(s, a[1], &set);
		if (!err)
			err = sig_procmask((int)a[0], old, set, &now);
		if (err)
			return err;
		s->sig.blocked = now;
	}
	return a[2] ? put(s, a[2], &old, sizeof(old)) : 0;
}

int64_t
sys_rt_sigpending(struct subject *s, const uint64_t *a)
{
	uint64_t set = s->sig.pending & s->sig.blocked;

	if (a[1] > SIGSET_SIZE)
		return NX_EINVAL;
	return put(s, a[0], &set, (size_t)a[1]);
}

/* Waits with the mask given until a signal comes; its handler runs, and
 * the call ends with EINTR (sigdeliver.c brings the old mask back). */
int64_t
sys_rt_sigsuspend(struct subject *s, const uint64_t *a)
{
	uint64_t mask;
	int err;

	if (a[1] != SIGSET_SIZE)
		return NX_EINVAL;
	err = get_set(s, a[0], &mask);
	if (err)
		return err;
	signal_wait_mask(s, mask);
	while (!subject_interrupted(s))
		fiber_sleep(&s->sig);
	return NX_EINTR;
}

/* The lowest signal of `set` pending: taken, its siginfo to `uinfo`. */
static int64_t
take(struct subject *s, uint64_t set, uint64_t uinfo)
{
	int sig = sig_next(s->sig.pending & set, 0);
	struct sigsource src = s->sig.src[sig - 1];
	struct sigframe_args fa = { sig, src.code, src.pid, src.addr, 0, 0, 0,
	    0 };
	uint8_t info[SIGINFO_SIZE];

	s->sig.pending &= ~SIG_BIT(sig);
	if (!uinfo)
		return sig;
	sigframe_siginfo(info, &fa);
	return put(s, uinfo, info, sizeof(info)) ? NX_EFAULT : sig;
}

/* Waits for a signal of the set, blocked or not, and takes it without
 * delivering it: its number, EAGAIN once the timeout has passed, or
 * EINTR when another signal comes. */
int64_t
sys_rt_sigtimedwait(struct subject *s, const uint64_t *a)
{
	int64_t ts[2];		/* struct timespec: seconds, nanoseconds */
	uint64_t set, now, deadline = 0;
	int err;

	if (a[3] != SIGSET_SIZE)
		return NX_EINVAL;
	err = get_set(s, a[0], &set);
	if (err)
		return err;
	if (a[2]) {
		if (copy_from_user(s->uc.root, ts, a[2], sizeof(ts)))
			return NX_EFAULT;
		if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
			return NX_EINVAL;
		deadline = hal_time() + ticks_of(ts[0], ts[1] / 1000);
	}
	set = sig_blockable(set);
	s->sig.waitset = set;
	for (;;) {
		if (s->sig.pending & set)
			break;
		if (subject_interrupted(s)) {
			s->sig.waitset = 0;
			return NX_EINTR;
		}
		if (!a[2]) {
			fiber_sleep(&s->sig);
			continue;
		}
		now = hal_time();
		if (now >= deadline || subject_sleep(s, ns_of(deadline - now))
		    == 0) {
			s->sig.waitset = 0;
			return NX_EAGAIN;
		}
	}
	s->sig.waitset = 0;
	return take(s, set, a[1]);
}

int64_t
sys_rt_sigreturn(struct subject *s, const uint64_t *a)
{
	(void)a;
	return signal_return(s);
}

static int
on_altstack(const struct sigaltstack_k *alt, uint64_t sp)
{
	return !(alt->flags & SS_DISABLE) && sp - alt->sp < alt->size;
}

/* The alternate stack as sigaltstack reports it. */
static void
altstack_out(struct subject *s, struct linux_stack_t *o)
{
	const struct sigaltstack_k *alt = &s->sig.alt;

	o->sp = alt->sp;
	o->size = alt->size;
	o->pad = 0;
	if (on_altstack(alt, s->uc.tf.x[REG_SP]))
		o->flags = SS_ONSTACK;
	else
		o->flags = alt->size ? 0 : SS_DISABLE;
	o->flags |= (int32_t)(alt->flags & SS_AUTODISARM);
}

int64_t
sys_sigaltstack(struct subject *s, const uint64_t *a)
{
	struct sigaltstack_k *alt = &s->sig.alt;
	struct linux_stack_t in, old;
	uint32_t mode;

	altstack_out(s, &old);
	if (a[0]) {
		if (copy_from_user(s->uc.root, &in, a[0], sizeof(in)))
			return NX_EFAULT;
		if (on_altstack(alt, s->uc.tf.x[REG_SP]))
			return NX_EPERM;
		mode = (uint32_t)in.flags & ~SS_AUTODISARM;
		if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE)
			return NX_EINVAL;
		if (mode == SS_DISABLE) {
			alt->sp = alt->size = 0;
			alt->flags = SS_DISABLE;
		} else {
			if (in.size < MINSIGSTKSZ)
				return NX_ENOMEM;
			alt->sp = in.sp;
			alt->size = in.size;
			alt->flags = (uint32_t)in.flags & SS_AUTODISARM;
		}
	}
	return a[1] ? put(s, a[1], &old, sizeof(old)) : 0;
}

/* Sends `sig` (0: only asks) from `s` to `t`.  The first Subject gets
 * only the signals it catches, as Linux's init: a program cannot end
 * the shell the kernel started. */
static void
send_one(struct subject *s, struct subject *t, int sig, int32_t code)
{
	struct sigsource src = { code, s->id, 0 };

	if (sig == 0 || t->state != SUBJECT_LIVE)
		return;
	if (t == subject_init() && (t->native ||
	    t->sig.act[sig - 1].handler <= SIG_IGN_HANDLER))
		return;
	signal_post(t, sig, &src);
}

/* kill to several: its group (0), everyone but the first Subject and
 * itself (-1), or group -pid. */
static int64_t
kill_many(struct subject *s, int64_t pid, int sig)
{
	uint32_t pgid = pid == 0 ? s->job : (uint32_t)-pid;
	int found = 0;

	for (struct subject *t = subject_first(); t; t = subject_next(t)) {
		if (t->state != SUBJECT_LIVE)
			continue;
		if (pid == -1 ? t == s || t == subject_init() : t->job != pgid)
			continue;
		send_one(s, t, sig, SI_USER);
		found = 1;
	}
	return found ? 0 : NX_ESRCH;
}

int64_t
sys_kill(struct subject *s, const uint64_t *a)
{
	int64_t pid = (int32_t)a[0], sig = (int64_t)a[1];
	struct subject *t;

	if (sig != 0 && !sig_valid(sig))
		return NX_EINVAL;
	if (pid <= 0)
		return kill_many(s, pid, (int)sig);
	t = subject_by_id((uint32_t)pid);
	if (!t)
		return NX_ESRCH;
	send_one(s, t, (int)sig, SI_USER);
	return 0;
}

int64_t
sys_tgkill(struct subject *s, const uint64_t *a)
{
	int64_t tgid = (int32_t)a[0], tid = (int32_t)a[1], sig = (int64_t)a[2];
	struct subject *t;

	if (tgid <= 0 || tid <= 0 || (sig != 0 && !sig_valid(sig)))
		return NX_EINVAL;
	/* One thread per process: the thread's id is the process's. */
	t = subject_by_id((uint32_t)tid);
	if (!t || tid != tgid)
		return NX_ESRCH;
	send_one(s, t, (int)sig, SI_TKILL);
	return 0;
}

int64_t
sys_tkill(struct subject *s, const uint64_t *a)
{
	uint64_t k[3] = { a[0], a[0], a[1] };

	if ((int32_t)a[0] <= 0)
		return NX_EINVAL;
	return sys_tgkill(s, k);
}

static void
itimer_now(struct subject *s, struct linux_itimerval *v)
{
	uint64_t now = hal_time(), at = s->sig.alarm_at;

	tv_of(s->sig.alarm_every, &v->interval_sec, &v->interval_usec);
	tv_of(at > now ? at - now : at ? 1 : 0, &v->value_sec,
	    &v->value_usec);
}

static int
tv_ok(int64_t sec, int64_t usec)
{
	return sec >= 0 && sec < (1ll << 32) && usec >= 0 && usec < 1000000;
}

int64_t
sys_setitimer(struct subject *s, const uint64_t *a)
{
	struct linux_itimerval v, old;
	uint64_t at;

	if (a[0] != ITIMER_REAL)
		return NX_EINVAL;
	itimer_now(s, &old);
	if (a[1]) {
		if (copy_from_user(s->uc.root, &v, a[1], sizeof(v)))
			return NX_EFAULT;
		if (!tv_ok(v.value_sec, v.value_usec) ||
		    !tv_ok(v.interval_sec, v.interval_usec))
			return NX_EINVAL;
		at = ticks_of(v.value_sec, v.value_usec);
		signal_alarm_set(s, at ? hal_time() + at : 0,
		    at ? ticks_of(v.interval_sec, v.interval_usec) : 0);
	}
	return a[2] ? put(s, a[2], &old, sizeof(old)) : 0;
}

int64_t
sys_getitimer(struct subject *s, const uint64_t *a)
{
	struct linux_itimerval v;

	if (a[0] != ITIMER_REAL)
		return NX_EINVAL;
	itimer_now(s, &v);
	return put(s, a[1], &v, sizeof(v));
}
