/*
 * ppoll and pselect6 (glibc's poll and select call them on riscv64):
 * wait until one of several descriptors is ready, the timeout passes or
 * a signal comes.  Both copy everything in first and check that every
 * result can be written back before waiting, so a bad pointer is EFAULT
 * with nothing written and no wait.  The waiting is one loop for both:
 * look at every descriptor (vfs_poll), and if none is ready sleep on the
 * poll channel (core/pollwait.h) until something changes.
 *
 * Like Linux, both write the time left back into a non-zero timeout
 * (fs/select.c, poll_select_finish): glibc's select reports it in the
 * caller's timeval, glibc's ppoll hides it behind a copy.
 */
#include <string.h>

#include "fs/vfs.h"
#include "kmem.h"
#include "linux.h"
#include "pollwait.h"
#include "signal.h"
#include "usercopy.h"

struct linux_pollfd {
	int32_t fd;
	int16_t events, revents;
};

_Static_assert(sizeof(struct linux_pollfd) == 8, "Linux struct pollfd");
_Static_assert(NX_FD_MAX * sizeof(struct linux_pollfd) <= KMEM_MAX,
    "a pollfd array as long as the descriptor limit is a kernel object");

#define SIGSET_SIZE	8	/* the kernel's sigset_t: 64 signals */
#define FOREVER		UINT64_MAX

/* What select counts as readable, writable and exceptional. */
#define SELECT_IN	(NX_POLLIN | NX_POLLRDNORM | NX_POLLHUP | NX_POLLERR)
#define SELECT_OUT	(NX_POLLOUT | NX_POLLWRNORM | NX_POLLERR)
#define SELECT_EX	NX_POLLPRI

/* Looks at the descriptors once: how many are ready, filling results. */
typedef int (*scan_fn)(struct subject *s, void *ctx);

/* A timeout from user memory as a deadline in timebase ticks (FOREVER
 * when `uts` is 0): 0, NX_EFAULT or NX_EINVAL. */
static int
get_deadline(struct subject *s, uint64_t uts, uint64_t *deadline)
{
	struct linux_timespec ts;
	uint64_t hz = timebase();

	*deadline = FOREVER;
	if (!uts)
		return 0;
	if (copy_from_user(s->uc.root, &ts, uts, sizeof(ts)))
		return NX_EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
		return NX_EINVAL;
	if (ts.sec > 1000000000)
		return 0;	/* over 30 years: as good as forever */
	*deadline = hal_time() + (uint64_t)ts.sec * hz +
	    (uint64_t)ts.nsec * hz / 1000000000;
	return 0;
}

/* The time left until `deadline` into a non-zero timeout at `uts`, as
 * Linux does; a timeout that cannot be written is left as it is. */
static void
put_time_left(struct subject *s, uint64_t uts, uint64_t deadline)
{
	struct linux_timespec ts;
	uint64_t hz = timebase(), now = hal_time(), left;

	if (!uts || deadline == FOREVER)
		return;
	if (copy_from_user(s->uc.root, &ts, uts, sizeof(ts)) ||
	    (ts.sec == 0 && ts.nsec == 0))
		return;
	left = deadline > now ? deadline - now : 0;
	ts.sec = (int64_t)(left / hz);
	ts.nsec = (int64_t)(left % hz * 1000000000 / hz);
	(void)copy_to_user(s->uc.root, uts, &ts, sizeof(ts));
}

/* The signal mask `s` waits with, from a user sigset_t of `size` bytes
 * at `uset` (0: its own): 0, NX_EINVAL or NX_EFAULT. */
static int
get_wait_mask(struct subject *s, uint64_t uset, uint64_t size, int *given,
    uint64_t *mask)
{
	*given = uset != 0;
	if (!uset)
		return 0;
	if (size != SIGSET_SIZE)
		return NX_EINVAL;
	return copy_from_user(s->uc.root, mask, uset, sizeof(*mask)) ?
	    NX_EFAULT : 0;
}

/*
 * Looks until something is ready (the count), the deadline passes (0) or
 * a signal comes (NX_EINTR).  A signal already waiting ends even a poll
 * with no timeout when nothing is ready, as on Linux.
 */
static int64_t
wait_ready(struct subject *s, scan_fn scan, void *ctx, uint64_t deadline)
{
	for (;;) {
		int n = scan(s, ctx);

		if (n)
			return n;
		if (subject_interrupted(s))
			return NX_EINTR;
		if (deadline != FOREVER && hal_time() >= deadline)
			return 0;
		poll_sleep(deadline == FOREVER ? 0 : deadline);
	}
}

struct poll_ctx {
	struct linux_pollfd *fds;
	uint32_t n;
};

static int
scan_pollfds(struct subject *s, void *arg)
{
	struct poll_ctx *c = arg;
	int ready = 0;

	for (uint32_t i = 0; i < c->n; i++) {
		struct linux_pollfd *p = &c->fds[i];
		unsigned want = (uint16_t)p->events | NX_POLLERR | NX_POLLHUP |
		    NX_POLLNVAL;

		p->revents = 0;
		if (p->fd < 0)
			continue;	/* skipped, as POSIX says */
		p->revents = (int16_t)(vfs_poll(s, p->fd) & want);
		ready += p->revents != 0;
	}
	return ready;
}

/* ppoll(fds, nfds, timeout, sigmask, sigsetsize) */
int64_t
sys_ppoll(struct subject *s, const uint64_t *a)
{
	uint32_t n = (uint32_t)a[1];
	size_t len = (size_t)n * sizeof(struct linux_pollfd);
	struct poll_ctx c = { NULL, n };
	uint64_t deadline, mask;
	int given;
	int64_t r;

	r = get_deadline(s, a[2], &deadline);
	if (!r)
		r = get_wait_mask(s, a[3], a[4], &given, &mask);
	if (r)
		return r;
	if (n > NX_FD_MAX)
		return NX_EINVAL;
	if (n && !(c.fds = kmem_alloc(len)))
		return NX_ENOMEM;
	if (n && (copy_from_user(s->uc.root, c.fds, a[0], len) ||
	    !user_range_ok(s->uc.root, a[0], len, VM_W))) {
		kmem_free(c.fds, len);
		return NX_EFAULT;
	}
	if (given)
		signal_wait_mask(s, mask);
	r = wait_ready(s, scan_pollfds, &c, deadline);
	if (r >= 0 && n && copy_to_user(s->uc.root, a[0], c.fds, len))
		r = NX_EFAULT;
	if (n)
		kmem_free(c.fds, len);
	put_time_left(s, a[2], deadline);
	return r;
}

/* Three descriptor sets of select, in and out.  glibc's sets hold 1024
 * descriptors, but none is open past NX_FD_MAX and, as Linux does past
 * its table's size, those bits are neither read nor written. */
struct select_ctx {
	uint64_t in[3][NX_FD_MAX / 64];
	uint64_t out[3][NX_FD_MAX / 64];
	int n;
};

static int
scan_sets(struct subject *s, void *arg)
{
	static const unsigned counts[3] = { SELECT_IN, SELECT_OUT, SELECT_EX };
	struct select_ctx *c = arg;
	int ready = 0;

	memset(c->out, 0, sizeof(c->out));
	for (int fd = 0; fd < c->n; fd++) {
		uint64_t bit = 1ull << (fd % 64);
		unsigned mask;

		if (!((c->in[0][fd / 64] | c->in[1][fd / 64] |
		    c->in[2][fd / 64]) & bit))
			continue;
		mask = vfs_poll(s, fd);
		for (int k = 0; k < 3; k++) {
			if ((c->in[k][fd / 64] & bit) && (mask & counts[k])) {
				c->out[k][fd / 64] |= bit;
				ready++;
			}
		}
	}
	return ready;
}

/* The sets from user memory (a null pointer is an empty set), only the
 * first `n` bits: 0, NX_EFAULT, or NX_EBADF for a descriptor that is not
 * open. */
static int
get_sets(struct subject *s, const uint64_t *a, struct select_ctx *c)
{
	size_t words = ((size_t)c->n + 63) / 64, len = words * 8;

	for (int k = 0; k < 3; k++) {
		uint64_t u = a[1 + k];

		if (!u)
			continue;
		if (copy_from_user(s->uc.root, c->in[k], u, len) ||
		    !user_range_ok(s->uc.root, u, len, VM_W))
			return NX_EFAULT;
		if (c->n % 64)
			c->in[k][words - 1] &= (1ull << (c->n % 64)) - 1;
	}
	for (int fd = 0; fd < c->n; fd++) {
		uint64_t bit = 1ull << (fd % 64);

		if (((c->in[0][fd / 64] | c->in[1][fd / 64] |
		    c->in[2][fd / 64]) & bit) && !vfs_file(s, fd))
			return NX_EBADF;
	}
	return 0;
}

/* pselect6's last argument: where the signal mask is and its size. */
struct linux_sigset_arg {
	uint64_t set, size;
};

/* pselect6(nfds, readfds, writefds, exceptfds, timeout, &{sigmask, size}) */
int64_t
sys_pselect6(struct subject *s, const uint64_t *a)
{
	struct linux_sigset_arg sa = { 0, 0 };
	struct select_ctx *c;
	uint64_t deadline, mask;
	int given, n = (int)a[0];
	int64_t r;

	if (n < 0)
		return NX_EINVAL;
	r = get_deadline(s, a[4], &deadline);
	if (!r && a[5] && copy_from_user(s->uc.root, &sa, a[5], sizeof(sa)))
		r = NX_EFAULT;
	if (!r)
		r = get_wait_mask(s, sa.set, sa.size, &given, &mask);
	if (r)
		return r;
	if (!(c = kmem_alloc(sizeof(*c))))
		return NX_ENOMEM;
	c->n = n < NX_FD_MAX ? n : NX_FD_MAX;	/* no descriptor past it */
	r = get_sets(s, a, c);
	if (!r) {
		if (given)
			signal_wait_mask(s, mask);
		r = wait_ready(s, scan_sets, c, deadline);
	}
	for (int k = 0; k < 3 && r >= 0; k++) {
		if (a[1 + k] && copy_to_user(s->uc.root, a[1 + k], c->out[k],
		    ((size_t)c->n + 63) / 64 * 8))
			r = NX_EFAULT;
	}
	kmem_free(c, sizeof(*c));
	put_time_left(s, a[4], deadline);
	return r;
}
