/* What the membrane's files share: the console streams, the umask and
 * the error convention. */
#ifndef MEMBRANE_H
#define MEMBRANE_H

#include <errno.h>
#include <stddef.h>
#include <sys/types.h>

#include "nxlibc.h"		/* nx_errno (errno.c) */

/* Turns a libnexus result into the C convention: -1 and errno. */
static inline long
check(long r)
{
	if (r >= 0)
		return r;
	errno = nx_errno(r);
	return -1;
}

/* Permission bits open() and mkdir() leave out (umask(); 022 at start). */
extern mode_t membrane_umask;

/* Console input a line at a time, as the kernel's line discipline edits it
 * (echo, erase, kill; Ctrl-D ends it). */
ssize_t console_read(void *buf, size_t len);
/* Console output, after whatever stdio still holds. */
ssize_t console_write(const void *buf, size_t len);
void console_flush_all(void);

#endif
