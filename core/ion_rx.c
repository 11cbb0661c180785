/*
 * The rx ring: a native program's input, moved into its slabs by the
 * kernel from the terminal (through the line discipline) or from
 * whatever else its descriptor 0 is (a pipe, a file).
 */
#include "cmds.h"
#include "console.h"
#include "fs/file.h"
#include "signal.h"
#include "subject.h"

/* Whether descriptor 0 of `s` is the terminal, so that console input
 * goes to its rx ring. */
static int
stdin_is_tty(struct subject *s)
{
	struct file *f = fdt_get(&s->fds, 0);

	return f && (f->vn->flags & VN_TTY);
}

/*
 * Input: the terminal's into the Subject's free slabs, one read's worth
 * a packet (a line in canonical mode, an end of file as a packet of
 * length 0), while it is in the foreground group.  A Subject of a
 * background group is sent SIGTTIN once per wait (`told`).  The
 * foreground check comes first: the doorbell of every Subject asks.
 */
int
rx_pump(struct subject *s, int *told)
{
	int r;

	while (console_held() && ring_space(&s->rx) && stdin_is_tty(s)) {
		NxPacket p;
		int slab;

		r = tty_may_read(s, told);
		if (r)
			return r;
		slab = slab_alloc(&s->slabs);
		if (slab < 0)
			return 0;
		p.slab = (uint32_t)slab;
		p.len = (uint32_t)console_take((char *)ion_slab(s, p.slab),
		    NX_SLAB_SIZE);
		ring_push(&s->rx, &p);
	}
	return 0;
}

/*
 * Input from a descriptor 0 that is not the terminal: its bytes, read
 * through the file layer into the Subject's slabs, while they fill whole
 * slabs and the ring has room.  Only the first read may wait (a pipe
 * with nothing in it yet): the Subject has input once one packet is
 * queued, and waiting for more would hold back what it has.  The end of the input is a packet of
 * length 0, and every wait after the end gets another: that is how a
 * native program sees EOF on the rx ring.  The packets queued, or the
 * read's error.
 */
static int64_t
rx_from_file(struct subject *s, struct file *f)
{
	while (ring_space(&s->rx)) {
		int slab = slab_alloc(&s->slabs);
		NxPacket p;
		struct uio u;
		int64_t n;

		if (slab < 0)
			break;
		uio_kernel(&u, s, ion_slab(s, (uint32_t)slab), NX_SLAB_SIZE);
		u.nonblock = ring_queued(&s->rx) != 0;
		n = file_read(f, &u);
		if (n < 0) {
			slab_free(&s->slabs, (uint32_t)slab);
			if (ring_queued(&s->rx))
				break;
			return n;
		}
		p.slab = (uint32_t)slab;
		p.len = (uint32_t)n;
		ring_push(&s->rx, &p);
		if (n < NX_SLAB_SIZE)
			break;
	}
	if (ring_queued(&s->rx) == 0)
		return s->slabs.nfree ? NX_EAGAIN : NX_ENOMEM;
	return ring_queued(&s->rx);
}

int64_t
cmd_ion_rx_wait(struct subject *s, uint64_t arg)
{
	struct file *in = fdt_get(&s->fds, 0);
	int told = 0;

	(void)arg;
	if (!in)
		return NX_EBADF;
	if (!(in->vn->flags & VN_TTY) && ring_queued(&s->rx) == 0)
		return rx_from_file(s, in);
	for (;;) {
		uint32_t queued;
		int r;

		if (subject_interrupted(s))
			return NX_EINTR;
		r = rx_pump(s, &told);
		if (r < 0)
			return r;
		queued = ring_queued(&s->rx);
		if (queued != 0)
			return queued;
		if (s->slabs.nfree == 0)
			return NX_ENOMEM;	/* it holds every slab */
		if (!stdin_is_tty(s))
			return NX_EBADF;
		/* Input for us arrives, or we may become the foreground. */
		console_wait();
	}
}

