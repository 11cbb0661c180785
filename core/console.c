/*
 * The terminal: the UART under the line discipline (fs/ldisc.c).  The
 * UART interrupt hands each byte to the discipline, which echoes it at
 * once (also when nobody reads yet, as Linux does) and edits it into the
 * input queue; a signal key is sent to the foreground group
 * (subject_fg.c).  When the queue is full the interrupt is left masked,
 * so further bytes wait in the UART and, behind it, in QEMU's character
 * device: input is delayed, never dropped.  Readers are the tty device
 * (Linux read, /dev/tty) and native programs' rx rings (ion.c); writers
 * go through the discipline's output processing.
 */
#include "console.h"
#include "fiber.h"
#include "fs/ldisc.h"
#include "kernel.h"
#include "pollwait.h"
#include "signal.h"
#include "subject.h"
#include "usercopy.h"

#define CHUNK	256

static struct ldisc ld;
static int rx_blocked;
static int timed_waiters;	/* readers with a VTIME deadline */
static uint16_t winsize[4] = { 24, 80, 0, 0 };
unsigned console_pending;

static void
uart_emit(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	for (size_t i = 0; i < len; i++)
		uart_putc(buf[i]);
}

void
console_init(void)
{
	ldisc_init(&ld, uart_emit, NULL);
}

/* After the queue changed: what the doorbell's quick check reads, and
 * the UART's interrupt back on once there is room. */
static void
queue_changed(void)
{
	console_pending = (unsigned)ldisc_pending(&ld);
	if (rx_blocked && !ldisc_full(&ld)) {
		rx_blocked = 0;
		uart_enable_rx_irq();
	}
}

void
console_irq(void)
{
	int c;

	while (!ldisc_full(&ld) && (c = uart_getc()) >= 0) {
		int sig = ldisc_input(&ld, (uint8_t)c);

		if (sig)
			tty_signal(sig);
	}
	if (ldisc_full(&ld)) {
		rx_blocked = 1;
		uart_mask_rx_irq();
	}
	console_pending = (unsigned)ldisc_pending(&ld);
	fiber_wakeup(&ld);
	poll_notify();
}

void
console_wait(void)
{
	fiber_sleep(&ld);
}

void
console_kick(void)
{
	fiber_wakeup(&ld);
	poll_notify();		/* who may read the terminal has changed */
}

void
console_tick(void)
{
	if (timed_waiters)
		fiber_wakeup(&ld);
}

/* Sleeps until input, a kick, or `deadline` (hal_time ticks; 0: none). */
static void
wait_until(uint64_t deadline)
{
	if (!deadline) {
		fiber_sleep(&ld);
		return;
	}
	timer_at(deadline);
	timed_waiters++;
	fiber_sleep(&ld);
	timed_waiters--;
}

size_t
console_take(char *buf, size_t max)
{
	int ended;
	size_t n = ldisc_read(&ld, buf, max, &ended);

	queue_changed();
	return n;
}

void
console_write(const char *buf, size_t len)
{
	ldisc_write(&ld, buf, len);
}

int
tty_may_write(struct subject *s)
{
	return (ld.t.lflag & NX_TOSTOP) && s ? tty_may_change(s) : 0;
}

int
tty_readable(const struct subject *s)
{
	return ldisc_pending(&ld) && tty_fg_pgrp() == s->job;
}

/* The deadline of a non-canonical read: from its start (VMIN 0), or from
 * the newest byte (VMIN > 0, once one is there); 0 when none. */
static uint64_t
read_deadline(uint64_t deadline, size_t *seen)
{
	int per_byte;
	unsigned ds = ldisc_vtime(&ld, &per_byte);
	size_t have = ldisc_readable(&ld);
	uint64_t span = (uint64_t)ds * timebase() / 10;

	if (ds == 0)
		return 0;
	if (!per_byte)
		return deadline ? deadline : hal_time() + span;
	if (have == 0)
		return 0;
	if (have != *seen) {
		*seen = have;
		return hal_time() + span;
	}
	return deadline;
}

/* Waits until `s` may take input and a read of `want` bytes is done
 * waiting: 0, or NX_EINTR, NX_EIO (a background group nobody can bring
 * back), NX_EAGAIN (inside a batch, where nothing may wait). */
static int
wait_ready(struct subject *s, size_t want)
{
	uint64_t deadline = 0;
	size_t seen = 0;
	int told = 0;

	for (;;) {
		int r;

		if (subject_interrupted(s))
			return NX_EINTR;
		r = tty_may_read(s, &told);
		if (r < 0)
			return r;
		if (r == 0) {
			int timed_out = deadline && hal_time() >= deadline;

			if (ldisc_ready(&ld, want, timed_out))
				return 0;
			deadline = read_deadline(deadline, &seen);
		}
		/* A read in a batch was said not to wait (ION_RUN_ALONE)
		 * and the Subject changed its descriptor since: waiting now
		 * would hold the audit batch open. */
		if (s->batching)
			return NX_EAGAIN;
		wait_until(r == 0 ? deadline : 0);
	}
}

int64_t
tty_read(struct subject *s, struct uio *u)
{
	char buf[CHUNK];
	size_t want = uio_left(u);
	int err;

	if (want == 0)
		return 0;
	/* Check before taking input, so none is lost to a bad buffer. */
	if (u->root && !user_range_ok(u->root, u->addr + u->done, want, VM_W))
		return NX_EFAULT;
	err = wait_ready(s, want);
	if (err)
		return err;
	while (uio_left(u)) {
		size_t len = uio_left(u) < CHUNK ? (size_t)uio_left(u) : CHUNK;
		int ended;
		size_t n = ldisc_read(&ld, buf, len, &ended);

		err = uio_out(u, buf, n);
		if (err || ended || n < len)
			break;
	}
	queue_changed();
	return err ? uio_result(u, err) : (int64_t)u->done;
}

void
tty_get(NxTermios *t)
{
	*t = ld.t;
}

void
tty_set(const NxTermios *t, int flush)
{
	ldisc_set(&ld, t);
	if (flush)
		ldisc_flush(&ld);
	queue_changed();
	fiber_wakeup(&ld);	/* a reader's VMIN or mode may be met now */
}

void
tty_flush_input(void)
{
	ldisc_flush(&ld);
	queue_changed();
}

size_t
tty_input_bytes(void)
{
	return ldisc_readable(&ld);
}

void
tty_get_winsize(uint16_t ws[4])
{
	for (int i = 0; i < 4; i++)
		ws[i] = winsize[i];
}

void
tty_set_winsize(const uint16_t ws[4])
{
	int changed = 0;

	for (int i = 0; i < 4; i++) {
		changed |= winsize[i] != ws[i];
		winsize[i] = ws[i];
	}
	if (changed && tty_fg_pgrp())
		signal_group(tty_fg_pgrp(), SIGWINCH);
}
