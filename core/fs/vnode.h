/*
 * A vnode is one file-system object as the kernel sees it: a file, a
 * directory, a symbolic link, a device, a FIFO node, an end of a pipe.
 * Its attributes (type, permission bits, owner, size, times) live here;
 * what can be done to it is a table of operations its file system fills
 * in.  Callers never ask
 * which file system a vnode belongs to: they call the table (through the
 * vn_* wrappers below), and an operation a file system leaves out answers
 * NX_EROFS on a read-only file system and NX_EPERM elsewhere.
 *
 * References: whoever keeps a vnode pointer holds a reference (vnode_ref)
 * and drops it with vnode_put; the last put calls the file system's
 * release, which may free it or keep it.  The mount table holds every
 * mounted root and every directory a mount sits on, so those stay.
 *
 * `gen` counts changes to the bytes of a file.  A cache of what a file
 * holds (the program cache) keys on cache_key: something that names the
 * bytes themselves for as long as they cannot change (for the archive,
 * where they sit in the image), and NULL once they can, so it is never
 * served stale bytes once files can be written.
 */
#ifndef RUMPK_VNODE_H
#define RUMPK_VNODE_H

#include <stddef.h>
#include <stdint.h>

#include "fs/uio.h"
#include "nexus/abi.h"

struct subject;
struct vnode;

/* The attributes setattr changes, each when its bit is in `mask`. */
enum {
	VATTR_MODE = 1,
	VATTR_ATIME = 2,
	VATTR_MTIME = 4,
	VATTR_UID = 0x10,	/* the owner; 8 is memfs's rdev */
	VATTR_GID = 0x20,
};

struct vattr {
	uint32_t mask;
	uint32_t mode;
	uint32_t uid, gid;
	int64_t atime_ns, mtime_ns;
};

/*
 * Names are (pointer, length) pairs into the caller's path and never
 * "." or ".." except for lookup, which resolves ".." itself (the root of
 * a file system is its own parent; the path walk crosses mounts before
 * asking).  Every operation returns 0 (or a byte count) or an NX_E*.
 */
struct vnode_ops {
	/* Directories. */
	int (*lookup)(struct vnode *dir, const char *name, size_t len,
	    struct vnode **out);		/* *out held */
	/* Entry `index` of the directory: 1, 0 past the end, or an error. */
	int (*readdir)(struct vnode *dir, uint64_t index, NxDirent *d);
	int (*create)(struct vnode *dir, const char *name, size_t len,
	    uint32_t mode, struct vnode **out);	/* *out held */
	int (*mkdir)(struct vnode *dir, const char *name, size_t len,
	    uint32_t mode);
	/* A device node, FIFO or empty file (`type` NX_DT_*); `rdev` is a
	 * device's number. */
	int (*mknod)(struct vnode *dir, const char *name, size_t len,
	    uint8_t type, uint32_t mode, uint32_t rdev);
	int (*unlink)(struct vnode *dir, const char *name, size_t len);
	int (*rmdir)(struct vnode *dir, const char *name, size_t len);
	int (*rename)(struct vnode *from, const char *fname, size_t flen,
	    struct vnode *to, const char *tname, size_t tlen);
	int (*symlink)(struct vnode *dir, const char *name, size_t len,
	    const char *target, size_t tlen);
	int (*link)(struct vnode *dir, const char *name, size_t len,
	    struct vnode *target);
	/* Files and devices: bytes at `off`, moved through `u`; the count. */
	int64_t (*read)(struct vnode *vn, uint64_t off, struct uio *u);
	int64_t (*write)(struct vnode *vn, uint64_t off, struct uio *u);
	int (*truncate)(struct vnode *vn, uint64_t size);
	/* The file's own page `pg` (below its size) for a shared mapping,
	 * which stores into it: the caller takes a reference of its own
	 * (core/pmm.h), so the page stays valid after a truncation. */
	int (*map_page)(struct vnode *vn, uint64_t pg, void **page);
	/* A link's target into `buf` (kernel memory), unterminated: bytes. */
	int (*readlink)(struct vnode *vn, char *buf, size_t size);
	int (*setattr)(struct vnode *vn, const struct vattr *va);
	/* What identifies the file's bytes for as long as they cannot
	 * change (the program cache keys on it), or NULL when they can. */
	const void *(*cache_key)(struct vnode *vn);
	/* Size and use of the file system `vn` is in. */
	int (*statfs)(struct vnode *vn, NxStatfs *st);
	/* What `who` could do now without waiting: NX_POLL* bits (in,
	 * out, hangup, error).  A file system without one is always ready,
	 * as a file on a disk is.  A change that makes a vnode readier
	 * calls poll_notify() (core/pollwait.h). */
	unsigned (*poll)(struct vnode *vn, struct subject *who);
	/* The last reference is gone. */
	void (*release)(struct vnode *vn);
};

enum {
	VN_RDONLY = 1,		/* its file system cannot change */
	VN_TTY = 2,		/* a terminal: TCGETS answers, no seeking */
	VN_STREAM = 4,		/* no offset: reads and writes ignore it */
	VN_WAITS = 8,		/* a read may wait (for input, a writer) */
	VN_WRITE_WAITS = 16,	/* a write may wait (for room: a pipe) */
};

struct flock_rec;
struct pipe;

struct vnode {
	const struct vnode_ops *ops;
	void *priv;		/* the file system's own object */
	struct vnode *hnext;	/* the file system's lookup chain */
	uint64_t ino;
	uint64_t size;		/* bytes; a link's target length */
	uint64_t gen;		/* bumped whenever the bytes change */
	int64_t atime_ns, mtime_ns, ctime_ns;
	uint32_t refs;
	uint32_t mode;		/* permission bits */
	uint32_t uid, gid;	/* the owner: 0 where a file system has none */
	uint32_t rdev;		/* a device's number: major << 8 | minor */
	uint32_t dev;		/* its file system's number */
	uint32_t nlink;
	uint8_t type;		/* NX_DT_* */
	uint8_t flags;		/* VN_* */
	struct flock_rec *locks;	/* advisory record locks (lock.c) */
	struct pipe *fifo;	/* a FIFO node's pipe while it is open */
};

void vnode_ref(struct vnode *vn);
/* Drops a reference (NULL: nothing). */
void vnode_put(struct vnode *vn);
/* The attributes as the native ABI reports them. */
void vn_stat(const struct vnode *vn, NxStat *st);

/* The operations, each NX_EROFS or NX_EPERM when the file system has
 * none, NX_ENOTDIR or NX_EISDIR when the vnode is the wrong type. */
int vn_lookup(struct vnode *dir, const char *name, size_t len,
    struct vnode **out);
int vn_readdir(struct vnode *dir, uint64_t index, NxDirent *d);
int vn_create(struct vnode *dir, const char *name, size_t len,
    uint32_t mode, struct vnode **out);
int vn_mkdir(struct vnode *dir, const char *name, size_t len,
    uint32_t mode);
int vn_mknod(struct vnode *dir, const char *name, size_t len,
    uint8_t type, uint32_t mode, uint32_t rdev);
int vn_unlink(struct vnode *dir, const char *name, size_t len);
int vn_rmdir(struct vnode *dir, const char *name, size_t len);
int vn_rename(struct vnode *from, const char *fname, size_t flen,
    struct vnode *to, const char *tname, size_t tlen);
int vn_symlink(struct vnode *dir, const char *name, size_t len,
    const char *target, size_t tlen);
int vn_link(struct vnode *dir, const char *name, size_t len,
    struct vnode *target);
int64_t vn_read(struct vnode *vn, uint64_t off, struct uio *u);
int64_t vn_write(struct vnode *vn, uint64_t off, struct uio *u);
int vn_truncate(struct vnode *vn, uint64_t size);
/* NX_ENODEV when the vnode's bytes are not pages that can be mapped (a
 * pipe, a device, a directory). */
int vn_map_page(struct vnode *vn, uint64_t pg, void **page);
/* Whether vn_map_page may answer (mmap's ENODEV check). */
int vn_can_map(const struct vnode *vn);
int vn_readlink(struct vnode *vn, char *buf, size_t size);
int vn_setattr(struct vnode *vn, const struct vattr *va);
const void *vn_cache_key(struct vnode *vn);
/* A file system without its own answer: no blocks, no files. */
int vn_statfs(struct vnode *vn, NxStatfs *st);
/* NX_POLL* bits: what `who` could do with `vn` without waiting. */
unsigned vn_poll(struct vnode *vn, struct subject *who);
/* The poll of an object that never makes anyone wait (a file, a
 * directory, /dev/null): readable and writable. */
unsigned vn_poll_ready(struct vnode *vn, struct subject *who);

#endif
