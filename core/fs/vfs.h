/*
 * The file services, one implementation behind both front doors (the
 * native commands in cmd_fs.c and the Linux calls in core/linux/).  Each
 * takes the calling Subject, descriptors by number and paths as kernel
 * strings, and answers a result or an NX_E*; user buffers are reached
 * only through uio (usercopy).
 *
 * Paths are absolute or relative to a directory: the Subject's current
 * directory (VFS_CWD) or an open directory descriptor.  The current
 * directory is kept two ways: a held vnode, which relative walks start
 * from, and its canonical path, which getcwd answers and a child
 * inherits.  A path rather than only a vnode because getcwd is asked on
 * every prompt: a rename of a current directory's ancestor leaves the
 * vnode right and the path stale until the next chdir, which is the one
 * difference from Linux.
 */
#ifndef RUMPK_VFS_H
#define RUMPK_VFS_H

#include <stddef.h>
#include <stdint.h>

#include "fs/fdtable.h"
#include "fs/file.h"
#include "fs/vnode.h"

#define VFS_CWD		(-100)	/* Linux's AT_FDCWD */

struct subject;

/* Boot: the writable root at "/", seeded from the archive (when there is
 * one) and holding at most `limit` bytes, the devices at /dev. */
void vfs_boot(const uint8_t *image, size_t len, uint64_t limit);

/* A new Subject's descriptors and current directory: its parent's
 * (descriptors not marked close-on-exec), or, for the first Subject,
 * "/" and 0, 1 and 2 open on /dev/console.  0 or NX_ENOMEM. */
int vfs_subject_begin(struct subject *s, struct subject *parent);
/* It replaces its program: the close-on-exec descriptors close (and
 * its locks on their files go). */
void vfs_exec(struct subject *s);
/* It ends: every descriptor closes, its directory is let go. */
void vfs_subject_end(struct subject *s);

/* The vnode `path` names from `dirfd` (held).  `flags`: PATH_*. */
int vfs_lookup(struct subject *s, int64_t dirfd, const char *path,
    unsigned flags, struct vnode **out);
/* Opens `path` with NX_O_* `flags` (`mode`: the permission bits of a
 * file NX_O_CREAT makes): the new descriptor. */
int vfs_open(struct subject *s, int64_t dirfd, const char *path,
    uint32_t flags, uint32_t mode);
/* The same, but the description is the caller's (`*out`, one
 * reference) and no descriptor is taken: a spawn's open action puts it
 * in the child's table. */
int vfs_open_file(struct subject *s, int64_t dirfd, const char *path,
    uint32_t flags, uint32_t mode, struct file **out);
/* A description of `vn` put at the lowest free descriptor. */
int vfs_open_vnode(struct subject *s, struct vnode *vn, uint32_t flags);
/* The description behind `fd`, not held, or NULL. */
struct file *vfs_file(struct subject *s, int64_t fd);
/* What `fd` is ready for (NX_POLL*), NX_POLLNVAL when it is not open;
 * poll_sleep (core/pollwait.h) waits for a change. */
unsigned vfs_poll(struct subject *s, int64_t fd);

int64_t vfs_read(struct subject *s, int64_t fd, uint64_t ubuf,
    uint64_t len);
int64_t vfs_write(struct subject *s, int64_t fd, uint64_t ubuf,
    uint64_t len);
int64_t vfs_pread(struct subject *s, int64_t fd, uint64_t ubuf,
    uint64_t len, uint64_t off);
int64_t vfs_pwrite(struct subject *s, int64_t fd, uint64_t ubuf,
    uint64_t len, uint64_t off);
int vfs_close(struct subject *s, int64_t fd);
/* Copies up to `len` bytes from `in` (at *off when `off` is not NULL)
 * to `out`: the count. */
int64_t vfs_sendfile(struct subject *s, int64_t out, int64_t in,
    uint64_t *off, uint64_t len);
int vfs_dup(struct subject *s, int64_t fd, int64_t to, unsigned flags);
/* fcntl's F_GETFD ... F_SETFL (NX_FD_*). */
int64_t vfs_fdctl(struct subject *s, int64_t fd, uint32_t op, uint64_t arg);
int64_t vfs_seek(struct subject *s, int64_t fd, int64_t off,
    uint32_t whence);
int vfs_readdir(struct subject *s, int64_t fd, NxDirent *d);
int vfs_fstat(struct subject *s, int64_t fd, NxStat *st);
int vfs_stat(struct subject *s, int64_t dirfd, const char *path,
    int follow, NxStat *st);
/* Up to `len` bytes of a link's target into user memory: how many. */
int64_t vfs_readlink(struct subject *s, int64_t dirfd, const char *path,
    uint64_t ubuf, uint64_t len);
int vfs_chdir(struct subject *s, const char *path);
/* ---- names (vfs_names.c) ---- */

int vfs_mkdir(struct subject *s, int64_t dirfd, const char *path,
    uint32_t mode);
/* A device node (only for file-system user id 0, else NX_EPERM), a FIFO
 * or an empty file, by its NX_DT_* type; `rdev` is a device's number. */
int vfs_mknod(struct subject *s, int64_t dirfd, const char *path,
    uint8_t type, uint32_t mode, uint32_t rdev);
/* flags: NX_UNLINK_DIR removes an empty directory instead. */
int vfs_unlink(struct subject *s, int64_t dirfd, const char *path,
    uint32_t flags);
/* Atomic, replacing `to` unless NX_RENAME_NOREPLACE (then NX_EEXIST). */
int vfs_rename(struct subject *s, int64_t fdirfd, const char *from,
    int64_t tdirfd, const char *to, uint32_t flags);
int vfs_symlink(struct subject *s, const char *target, int64_t dirfd,
    const char *path);
/* A new name `new` for what `old` names (a final link followed when
 * `follow`). */
int vfs_link(struct subject *s, int64_t odirfd, const char *old,
    int64_t ndirfd, const char *new, int follow);
/* On `path` from `fd` as a directory, or on descriptor `fd` when `path`
 * is NULL. */
int vfs_setattr(struct subject *s, int64_t fd, const char *path,
    int follow, const struct vattr *va);
int vfs_statfs(struct subject *s, int64_t fd, const char *path,
    NxStatfs *st);

/* ---- owners (vfs_owner.c) ---- */

#define VFS_NO_ID	UINT32_MAX	/* (uid_t)-1: leave the id as it is */

/* Sets the owner and group of `path` from `fd` (a final link followed
 * when `follow`), or of descriptor `fd` when `path` is NULL: NX_EPERM
 * unless the caller may (vfs_owner.c says who may). */
int vfs_chown(struct subject *s, int64_t fd, const char *path, int follow,
    uint32_t uid, uint32_t gid);
/* A file `s` just made (`vn`, or `name` in `dir`) becomes its own. */
void vfs_own_new(struct subject *s, struct vnode *vn);
void vfs_own_name(struct subject *s, struct vnode *dir, const char *name);
int vfs_ftruncate(struct subject *s, int64_t fd, int64_t length);
int vfs_truncate(struct subject *s, const char *path, int64_t length);

/* ---- record locks (vfs_lock.c) ---- */

enum { VFS_GETLK, VFS_SETLK, VFS_SETLKW };

/* fcntl's struct flock, in the kernel's words. */
struct vfs_flock {
	int type;		/* LOCK_READ, LOCK_WRITE, LOCK_UNLOCK */
	uint32_t whence;	/* NX_SEEK_* */
	int64_t start, len;
	uint32_t pid;		/* F_GETLK: the holder's Subject id */
};

/* F_GETLK (fills `fl`), F_SETLK (NX_EAGAIN on a conflict), F_SETLKW
 * (waits; NX_EINTR when killed meanwhile). */
int vfs_lock(struct subject *s, int64_t fd, int op, struct vfs_flock *fl);
/* The Subject closes a descriptor of `f`: its locks on the file go. */
void vfs_unlock_file(struct subject *s, struct file *f);

/* flock(2)'s operations: Linux's LOCK_SH, LOCK_EX, LOCK_NB, LOCK_UN. */
enum { VFS_LOCK_SH = 1, VFS_LOCK_EX = 2, VFS_LOCK_NB = 4, VFS_LOCK_UN = 8 };

/* Takes, converts or drops the flock lock of the description behind
 * `fd`: 0, NX_EBADF, NX_EINVAL (a bad operation), NX_EAGAIN (LOCK_NB and
 * a conflict), NX_EINTR (a signal or a kill while it waited). */
int vfs_flock(struct subject *s, int64_t fd, unsigned op);

/* Whether `fd` is a terminal: 1, 0, or NX_EBADF. */
int vfs_isatty(struct subject *s, int64_t fd);

#endif
