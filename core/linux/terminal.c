/*
 * The console as a Linux program's terminal: output, what fstat says of
 * it, and the two ioctls glibc asks (a terminal in cooked mode, 80x24).
 */
#include <string.h>

#include "console.h"
#include "linux.h"
#include "usercopy.h"

#define TCGETS		0x5401
#define TIOCGWINSZ	0x5413
#define S_IFCHR		0020000

struct linux_termios {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t line, cc[19];
};

int64_t
linux_console_write(struct subject *s, uint64_t ubuf, uint64_t len)
{
	char buf[256];
	uint64_t done = 0;

	while (done < len) {
		size_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);

		if (copy_from_user(s->uc.root, buf, ubuf + done, n))
			return done ? (int64_t)done : NX_EFAULT;
		console_write(buf, n);
		done += n;
	}
	return (int64_t)done;
}

int64_t
linux_console_stat(struct subject *s, uint64_t ubuf)
{
	struct linux_stat st;

	memset(&st, 0, sizeof(st));
	st.mode = S_IFCHR | 0620;
	st.rdev = 136 << 8;		/* like a pseudo-terminal */
	st.blksize = 1024;
	return copy_to_user(s->uc.root, ubuf, &st, sizeof(st));
}

int64_t
sys_ioctl(struct subject *s, const uint64_t *a)
{
	struct linux_termios t;
	uint16_t winsize[4] = { 24, 80, 0, 0 };

	if (!linux_is_console((int64_t)a[0]))
		return linux_file(s, (int64_t)a[0]) ? NX_ENOTTY : NX_EBADF;
	switch (a[1]) {
	case TCGETS:
		/* A terminal in its ordinary cooked mode. */
		memset(&t, 0, sizeof(t));
		t.iflag = 0x500;		/* ICRNL | IXON */
		t.oflag = 0x5;			/* OPOST | ONLCR */
		t.cflag = 0xbf;			/* B38400 | CS8 | CREAD */
		t.lflag = 0x8a3b;		/* ISIG ICANON ECHO ... */
		return copy_to_user(s->uc.root, a[2], &t, sizeof(t));
	case TIOCGWINSZ:
		return copy_to_user(s->uc.root, a[2], winsize, sizeof(winsize));
	default:
		return NX_ENOTTY;
	}
}
