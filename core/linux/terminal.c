/*
 * The terminal's ioctls on a descriptor open on a terminal (ENOTTY on
 * any other): its settings (struct termios is NxTermios, Linux's
 * layout), its size, its foreground group, the controlling terminal,
 * and the input queue.  Each copies in, calls the console's service
 * (core/console.c, core/subject_fg.c) and copies out.
 */
#include "console.h"
#include "fs/vfs.h"
#include "linux.h"
#include "usercopy.h"

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCFLSH		0x540b
#define TIOCSCTTY	0x540e
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541b
#define TIOCNOTTY	0x5422

#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2

/* struct winsize: rows, columns, x and y pixels. */
#define WINSIZE_BYTES	8

static int64_t
set_termios(struct subject *s, uint64_t uaddr, int flush)
{
	NxTermios t;
	int err = copy_from_user(s->uc.root, &t, uaddr, sizeof(t));

	if (err)
		return err;
	/* Output is never held back, so TCSETSW has nothing to drain. */
	tty_set(&t, flush);
	return 0;
}

static int64_t
flush(uint64_t which)
{
	if (which > TCIOFLUSH)
		return NX_EINVAL;
	if (which != TCOFLUSH)
		tty_flush_input();
	return 0;		/* output is never queued */
}

static int64_t
put_int(struct subject *s, uint64_t uaddr, int32_t v)
{
	return copy_to_user(s->uc.root, uaddr, &v, sizeof(v));
}

static int64_t
set_pgrp(struct subject *s, uint64_t uaddr)
{
	int32_t pgrp;
	int err = copy_from_user(s->uc.root, &pgrp, uaddr, sizeof(pgrp));

	return err ? err : tty_set_pgrp(s, pgrp);
}

static int64_t
winsize(struct subject *s, uint64_t uaddr, int set)
{
	uint16_t ws[4];
	int err;

	if (!set) {
		tty_get_winsize(ws);
		return copy_to_user(s->uc.root, uaddr, ws, WINSIZE_BYTES);
	}
	err = copy_from_user(s->uc.root, ws, uaddr, WINSIZE_BYTES);
	if (err)
		return err;
	tty_set_winsize(ws);
	return 0;
}

/* The requests a background group is stopped for (SIGTTOU), as Linux's
 * tty_check_change: they change what the foreground relies on. */
static int
changes(uint32_t req)
{
	return req == TCSETS || req == TCSETSW || req == TCSETSF ||
	    req == TCFLSH || req == TIOCSPGRP;
}

int64_t
sys_ioctl(struct subject *s, const uint64_t *a)
{
	NxTermios t;
	int tty = vfs_isatty(s, (int32_t)a[0]);

	if (tty <= 0)
		return tty < 0 ? tty : NX_ENOTTY;
	if (changes((uint32_t)a[1])) {
		int err = tty_may_change(s);

		if (err)
			return err;
	}
	switch ((uint32_t)a[1]) {
	case TCGETS:
		tty_get(&t);
		return copy_to_user(s->uc.root, a[2], &t, sizeof(t));
	case TCSETS:
	case TCSETSW:
		return set_termios(s, a[2], 0);
	case TCSETSF:
		return set_termios(s, a[2], 1);
	case TCFLSH:
		return flush(a[2]);
	case TIOCGWINSZ:
		return winsize(s, a[2], 0);
	case TIOCSWINSZ:
		return winsize(s, a[2], 1);
	case TIOCGPGRP:
		if (s->sid != tty_session())
			return NX_ENOTTY;
		return put_int(s, a[2], (int32_t)tty_fg_pgrp());
	case TIOCSPGRP:
		return set_pgrp(s, a[2]);
	case TIOCSCTTY:
		return tty_set_ctty(s);
	case TIOCNOTTY:
		return tty_drop_ctty(s);
	case FIONREAD:
		return put_int(s, a[2], (int32_t)tty_input_bytes());
	default:
		return NX_ENOTTY;
	}
}
