/*
 * CMD_FS_TTY: the terminal's settings for native programs (NipBox puts
 * it in raw mode while it edits a line).  The same services as Linux's
 * TCGETS and TCSETS (core/linux/terminal.c).
 */
#include "cmds.h"
#include "console.h"
#include "fs/vfs.h"
#include "subject.h"
#include "usercopy.h"

int64_t
cmd_fs_tty(struct subject *s, uint64_t arg)
{
	NxTtyArgs a;
	NxTermios t;
	int err = copy_from_user(s->uc.root, &a, arg, sizeof(a));
	int tty;

	if (err)
		return err;
	s->intr_key = 0;	/* its prompt: what was interrupted is over */
	if (a.op > NX_TTY_SETF)
		return NX_EINVAL;
	tty = vfs_isatty(s, a.fd);
	if (tty <= 0)
		return tty < 0 ? tty : NX_ENOTTY;
	if (a.op == NX_TTY_GET) {
		tty_get(&t);
		return copy_to_user(s->uc.root, a.termios, &t, sizeof(t));
	}
	err = copy_from_user(s->uc.root, &t, a.termios, sizeof(t));
	if (err)
		return err;
	tty_set(&t, a.op == NX_TTY_SETF);
	return 0;
}
