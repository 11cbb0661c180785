#include <string.h>

#include "fs/fdtable.h"
#include "fs/file.h"
#include "kmem.h"

_Static_assert(NX_FD_MAX % 64 == 0, "the close-on-exec bitmap");
_Static_assert(NX_FD_MAX * sizeof(struct file *) <= KMEM_MAX,
    "a full table is one kernel object");

void
fdt_init(struct fdtable *t)
{
	memset(t, 0, sizeof(*t));
	t->fd = t->small;
	t->cap = FDT_SMALL;
}

struct file *
fdt_get(const struct fdtable *t, int64_t fd)
{
	if (fd < 0 || fd >= t->cap)
		return NULL;
	return t->fd[fd];
}

/* Room for descriptor `fd`: 0, or NX_ENOMEM. */
static int
grow(struct fdtable *t, int64_t fd)
{
	struct file **big;

	if (fd < t->cap)
		return 0;
	big = kmem_alloc(NX_FD_MAX * sizeof(*big));
	if (!big)
		return NX_ENOMEM;
	memcpy(big, t->small, sizeof(t->small));
	memset(t->small, 0, sizeof(t->small));
	t->fd = big;
	t->cap = NX_FD_MAX;
	return 0;
}

static void
set_bit(struct fdtable *t, int64_t fd, int on)
{
	uint64_t m = 1ull << (fd % 64);

	if (on)
		t->cloexec[fd / 64] |= m;
	else
		t->cloexec[fd / 64] &= ~m;
}

static int64_t
lowest_free(const struct fdtable *t, int64_t min)
{
	for (int64_t fd = min; fd < NX_FD_MAX; fd++) {
		if (fd >= t->cap || !t->fd[fd])
			return fd;
	}
	return NX_EMFILE;
}

/* Puts `f` at `fd` (free, in range), taking over the caller's
 * reference. */
static int
put_at(struct fdtable *t, int64_t fd, struct file *f, int cloexec)
{
	int err = grow(t, fd);

	if (err)
		return err;
	t->fd[fd] = f;
	set_bit(t, fd, cloexec);
	return (int)fd;
}

int
fdt_install(struct fdtable *t, struct file *f, int64_t min, int cloexec)
{
	int64_t fd = lowest_free(t, min);

	if (fd < 0)
		return (int)fd;
	return put_at(t, fd, f, cloexec);
}

int
fdt_close(struct fdtable *t, int64_t fd)
{
	struct file *f = fdt_get(t, fd);

	if (!f)
		return NX_EBADF;
	t->fd[fd] = NULL;
	set_bit(t, fd, 0);
	file_unref(f);
	return 0;
}

int
fdt_dup(struct fdtable *t, int64_t fd, int64_t to, unsigned flags)
{
	struct file *f = fdt_get(t, fd);
	int cloexec = (flags & FDT_CLOEXEC) != 0;
	int r;

	if (!f)
		return NX_EBADF;
	if (to < 0 || to >= NX_FD_MAX)
		return flags & FDT_FIXED ? NX_EBADF : NX_EINVAL;
	if (!(flags & FDT_FIXED)) {
		to = lowest_free(t, to);
		if (to < 0)
			return (int)to;
	} else if (to == fd) {
		return (int)fd;
	}
	file_ref(f);
	if (fdt_get(t, to)) {
		struct file *old = t->fd[to];

		t->fd[to] = f;
		set_bit(t, to, cloexec);
		file_unref(old);
		return (int)to;
	}
	r = put_at(t, to, f, cloexec);
	if (r < 0)
		file_unref(f);
	return r;
}

int
fdt_cloexec(const struct fdtable *t, int64_t fd)
{
	if (!fdt_get(t, fd))
		return NX_EBADF;
	return (t->cloexec[fd / 64] >> (fd % 64)) & 1;
}

int
fdt_set_cloexec(struct fdtable *t, int64_t fd, int on)
{
	if (!fdt_get(t, fd))
		return NX_EBADF;
	set_bit(t, fd, on);
	return 0;
}

void
fdt_exec(struct fdtable *t)
{
	for (int64_t fd = 0; fd < t->cap; fd++) {
		if (t->fd[fd] && fdt_cloexec(t, fd) == 1)
			fdt_close(t, fd);
	}
}

void
fdt_close_all(struct fdtable *t)
{
	for (int64_t fd = 0; fd < t->cap; fd++) {
		if (t->fd[fd])
			fdt_close(t, fd);
	}
	if (t->fd != t->small)
		kmem_free(t->fd, NX_FD_MAX * sizeof(*t->fd));
	fdt_init(t);
}

int
fdt_copy(struct fdtable *t, const struct fdtable *parent)
{
	fdt_init(t);
	for (int64_t fd = 0; fd < parent->cap; fd++) {
		struct file *f = parent->fd[fd];

		if (!f)
			continue;
		if (put_at(t, fd, f, fdt_cloexec(parent, fd) == 1) < 0) {
			fdt_close_all(t);
			return NX_ENOMEM;
		}
		file_ref(f);
	}
	return 0;
}

int
fdt_inherit(struct fdtable *t, const struct fdtable *parent)
{
	if (fdt_copy(t, parent))
		return NX_ENOMEM;
	fdt_exec(t);
	return 0;
}

void
fdt_move(struct fdtable *to, struct fdtable *from)
{
	*to = *from;
	/* A small table points into itself: the copy must point into its
	 * own. */
	if (from->fd == from->small)
		to->fd = to->small;
	fdt_init(from);
}
