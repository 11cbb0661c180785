/*
 * The terminal's ioctls, the two glibc asks (a terminal in cooked mode,
 * 80x24), on a descriptor open on a terminal; ENOTTY on any other.
 */
#include <string.h>

#include "fs/vfs.h"
#include "linux.h"
#include "usercopy.h"

#define TCGETS		0x5401
#define TIOCGWINSZ	0x5413

struct linux_termios {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t line, cc[19];
};

int64_t
sys_ioctl(struct subject *s, const uint64_t *a)
{
	struct linux_termios t;
	uint16_t winsize[4] = { 24, 80, 0, 0 };
	int tty = vfs_isatty(s, (int32_t)a[0]);

	if (tty <= 0)
		return tty < 0 ? tty : NX_ENOTTY;
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
