#include <string.h>

#include "fs/uio.h"
#include "subject.h"
#include "usercopy.h"

void
uio_user(struct uio *u, struct subject *s, uint64_t addr, uint64_t len)
{
	u->root = s->uc.root;
	u->addr = addr;
	u->len = len;
	u->done = 0;
	u->who = s;
	u->nonblock = 0;
}

void
uio_kernel(struct uio *u, struct subject *s, void *buf, uint64_t len)
{
	u->root = NULL;
	u->addr = (uintptr_t)buf;
	u->len = len;
	u->done = 0;
	u->who = s;
	u->nonblock = 0;
}

int
uio_out(struct uio *u, const void *src, size_t n)
{
	uint64_t at = u->addr + u->done;

	if (u->root) {
		if (copy_to_user(u->root, at, src, n))
			return NX_EFAULT;
	} else {
		memcpy((void *)(uintptr_t)at, src, n);
	}
	u->done += n;
	return 0;
}

int
uio_in(struct uio *u, void *dst, size_t n)
{
	uint64_t at = u->addr + u->done;

	if (u->root) {
		if (copy_from_user(u->root, dst, at, n))
			return NX_EFAULT;
	} else {
		memcpy(dst, (const void *)(uintptr_t)at, n);
	}
	u->done += n;
	return 0;
}
