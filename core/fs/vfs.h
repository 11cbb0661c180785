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
 * every prompt and the file systems here are trees whose directories are
 * not renamed under a running program (the archive cannot change); once
 * directories can be renamed (wave 2), a rename of a current directory's
 * ancestor leaves the vnode right and the path stale until the next
 * chdir, which is the one difference from Linux.
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

/* Boot: the archive at "/" (when there is one), the devices at /dev. */
void vfs_boot(const uint8_t *image, size_t len);

/* A new Subject's descriptors and current directory: its parent's
 * (descriptors not marked close-on-exec), or, for the first Subject,
 * "/" and 0, 1 and 2 open on /dev/console.  0 or NX_ENOMEM. */
int vfs_subject_begin(struct subject *s, struct subject *parent);
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

int64_t vfs_read(struct subject *s, int64_t fd, uint64_t ubuf,
    uint64_t len);
int64_t vfs_write(struct subject *s, int64_t fd, uint64_t ubuf,
    uint64_t len);
int64_t vfs_pread(struct subject *s, int64_t fd, uint64_t ubuf,
    uint64_t len, uint64_t off);
int64_t vfs_pwrite(struct subject *s, int64_t fd, uint64_t ubuf,
    uint64_t len, uint64_t off);
int vfs_close(struct subject *s, int64_t fd);
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
/* Whether `fd` is a terminal: 1, 0, or NX_EBADF. */
int vfs_isatty(struct subject *s, int64_t fd);

#endif
