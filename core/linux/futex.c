/*
 * futex, for processes of one thread each: rumpk makes no threads (a
 * clone for one is refused), and it waits on no futex another process
 * could wake (a shared FUTEX_WAIT is refused below).  So nobody is ever
 * waiting on a futex, and FUTEX_WAKE wakes no one: 0, as Linux answers
 * when there is no waiter.  glibc's pthread_once (the resolver's start,
 * gethostid) wakes after every first call, and aborts on ENOSYS.
 *
 * A private FUTEX_WAIT checks the word (EAGAIN when it no longer holds
 * the value) and then sleeps as the only thread of a Linux process would:
 * until its timeout (ETIMEDOUT) or a signal (EINTR), since no other
 * thread is there to wake it.
 */
#include "linux.h"
#include "usercopy.h"

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define ETIMEDOUT		110
/* A wait with no timeout sleeps this long at a time, until a signal. */
#define WAIT_SLICE_NS		(60ull * 1000000000)

static int64_t
futex_wait(struct subject *s, const uint64_t *a)
{
	struct linux_timespec ts;
	uint32_t word;

	if (!(a[1] & FUTEX_PRIVATE_FLAG))
		return NX_ENOSYS;	/* shared: another process could wake */
	if (copy_from_user(s->uc.root, &word, a[0], sizeof(word)))
		return NX_EFAULT;
	if (word != (uint32_t)a[2])
		return NX_EAGAIN;
	if (!a[3]) {
		int64_t r;

		while ((r = subject_sleep(s, WAIT_SLICE_NS)) == 0)
			;
		return r;
	}
	if (copy_from_user(s->uc.root, &ts, a[3], sizeof(ts)))
		return NX_EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
		return NX_EINVAL;
	if (subject_sleep(s, (uint64_t)ts.sec * 1000000000 +
	    (uint64_t)ts.nsec))
		return NX_EINTR;
	return -ETIMEDOUT;
}

int64_t
sys_futex(struct subject *s, const uint64_t *a)
{
	uint32_t word;

	/* The word must be aligned; Linux looks for its page only when
	 * other processes could share it. */
	if (a[0] & 3)
		return NX_EINVAL;
	if (!(a[1] & FUTEX_PRIVATE_FLAG) &&
	    copy_from_user(s->uc.root, &word, a[0], sizeof(word)))
		return NX_EFAULT;
	switch (a[1] & ~(uint64_t)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)) {
	case FUTEX_WAKE:
		return 0;
	case FUTEX_WAIT:
		return futex_wait(s, a);
	default:
		return NX_ENOSYS;	/* requeues, bitsets, PI: for threads */
	}
}
