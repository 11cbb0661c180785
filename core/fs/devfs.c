/*
 * Each device is a vnode made at build time with the operations of its
 * kind.  Their reference counts start at one that is never dropped, so no
 * release is needed.  Reads and writes ignore the offset (VN_STREAM).
 */
#include <string.h>

#include "console.h"
#include "fs/devfs.h"
#include "random.h"
#include "subject.h"

#define CHUNK	256

/* Writes that go nowhere: /dev/null, /dev/zero, /dev/urandom. */
static int64_t
sink_write(struct vnode *vn, uint64_t off, struct uio *u)
{
	(void)vn;
	(void)off;
	u->done = u->len;
	return (int64_t)u->len;
}

static int64_t
null_read(struct vnode *vn, uint64_t off, struct uio *u)
{
	(void)vn;
	(void)off;
	(void)u;
	return 0;
}

/* Fills the reader with bytes from `fill`, a chunk at a time. */
static int64_t
fill_read(struct uio *u, void (*fill)(void *, size_t))
{
	char buf[CHUNK];

	while (uio_left(u)) {
		size_t n = uio_left(u) < CHUNK ? (size_t)uio_left(u) : CHUNK;
		int err;

		fill(buf, n);
		err = uio_out(u, buf, n);
		if (err)
			return uio_result(u, err);
	}
	return (int64_t)u->done;
}

static void
zeros(void *buf, size_t n)
{
	memset(buf, 0, n);
}

static int64_t
zero_read(struct vnode *vn, uint64_t off, struct uio *u)
{
	(void)vn;
	(void)off;
	return fill_read(u, zeros);
}

static int64_t
urandom_read(struct vnode *vn, uint64_t off, struct uio *u)
{
	(void)vn;
	(void)off;
	return fill_read(u, random_bytes);
}

/* The terminal: input through its line discipline as the foreground
 * group gets it, output through its output processing. */
static int64_t
tty_dev_read(struct vnode *vn, uint64_t off, struct uio *u)
{
	(void)vn;
	(void)off;
	return tty_read(u->who, u);
}

static int64_t
tty_dev_write(struct vnode *vn, uint64_t off, struct uio *u)
{
	char buf[CHUNK];
	int err = tty_may_write(u->who);

	(void)vn;
	(void)off;
	if (err)
		return err;
	while (uio_left(u)) {
		size_t n = uio_left(u) < CHUNK ? (size_t)uio_left(u) : CHUNK;

		err = uio_in(u, buf, n);
		if (err)
			return uio_result(u, err);
		console_write(buf, n);
	}
	return (int64_t)u->done;
}

/* Output never waits; input is there when the console says so. */
static unsigned
tty_poll(struct vnode *vn, struct subject *who)
{
	unsigned ready = NX_POLLOUT | NX_POLLWRNORM;

	(void)vn;
	if (who && tty_readable(who))
		ready |= NX_POLLIN | NX_POLLRDNORM;
	return ready;
}

static const struct vnode_ops null_ops = {
	.read = null_read, .write = sink_write, .poll = vn_poll_ready,
};
static const struct vnode_ops zero_ops = {
	.read = zero_read, .write = sink_write, .poll = vn_poll_ready,
};
static const struct vnode_ops urandom_ops = {
	.read = urandom_read, .write = sink_write, .poll = vn_poll_ready,
};
static const struct vnode_ops tty_ops = {
	.read = tty_dev_read, .write = tty_dev_write,
	.poll = tty_poll,
};

#define DEVICE(ops_, major, minor, flags_) { \
	.ops = &(ops_), .type = NX_DT_CHAR, .mode = 0666, \
	.rdev = (major) << 8 | (minor), .ino = (major) << 8 | (minor), \
	.flags = VN_STREAM | (flags_), .refs = 1, .nlink = 1 }

/* In the order a listing shows them. */
static struct {
	const char *name;
	struct vnode vn;
} devices[] = {
	{ "console", DEVICE(tty_ops, 5, 1, VN_TTY | VN_WAITS) },
	{ "null", DEVICE(null_ops, 1, 3, 0) },
	{ "tty", DEVICE(tty_ops, 5, 0, VN_TTY | VN_WAITS) },
	{ "urandom", DEVICE(urandom_ops, 1, 9, 0) },
	{ "zero", DEVICE(zero_ops, 1, 5, 0) },
};

#define NDEVICES (sizeof(devices) / sizeof(devices[0]))

static struct vnode root;

static int
devfs_lookup(struct vnode *dir, const char *name, size_t len,
    struct vnode **out)
{
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = dir;	/* its own parent, as any root */
		vnode_ref(dir);
		return 0;
	}
	for (unsigned i = 0; i < NDEVICES; i++) {
		if (strlen(devices[i].name) == len &&
		    memcmp(devices[i].name, name, len) == 0) {
			*out = &devices[i].vn;
			vnode_ref(*out);
			return 0;
		}
	}
	return NX_ENOENT;
}

static int
devfs_readdir(struct vnode *dir, uint64_t index, NxDirent *d)
{
	(void)dir;
	if (index >= NDEVICES)
		return 0;
	memset(d, 0, sizeof(*d));
	d->type = NX_DT_CHAR;
	d->name_len = (uint32_t)strlen(devices[index].name);
	memcpy(d->name, devices[index].name, d->name_len);
	return 1;
}

static const struct vnode_ops dir_ops = {
	.lookup = devfs_lookup,
	.readdir = devfs_readdir,
};

struct vnode *
devfs_root(uint32_t dev)
{
	int64_t now = (int64_t)boot_epoch_ns();

	root.ops = &dir_ops;
	root.type = NX_DT_DIR;
	root.mode = 0755;
	root.ino = 1;
	root.refs = 1;
	root.nlink = 2;
	root.dev = dev;
	root.atime_ns = root.mtime_ns = root.ctime_ns = now;
	for (unsigned i = 0; i < NDEVICES; i++) {
		struct vnode *vn = &devices[i].vn;

		vn->dev = dev;
		vn->atime_ns = vn->mtime_ns = vn->ctime_ns = now;
	}
	return &root;
}

struct vnode *
devfs_console(void)
{
	return &devices[0].vn;
}
