/* Linux pipes: pipe2 on the one pipe service (core/fs/pipe.c). */
#include "fs/pipe.h"
#include "linux.h"

/* pipe2(fds, flags): Linux's O_CLOEXEC and O_NONBLOCK are the native
 * flags; O_DIRECT (packet mode) and anything else is EINVAL. */
int64_t
sys_pipe2(struct subject *s, const uint64_t *a)
{
	if (a[1] > UINT32_MAX)
		return NX_EINVAL;
	return vfs_pipe(s, (uint32_t)a[1], a[0]);
}
