/*
 * The mount table.  A mount puts the root of one file system at a name
 * inside a directory of another: the archive at "/", the device file
 * system at "/dev", later a disk anywhere.  A mount point is a (directory
 * vnode, name) pair, so it need not exist in the file system below (an
 * archive without a "dev" directory still gets /dev); an entry of that
 * name below is hidden while the mount is there.  The table holds a
 * reference on each mounted root and each directory a mount sits in.
 * Pure: a fixed table, no allocation.
 */
#ifndef RUMPK_MOUNT_H
#define RUMPK_MOUNT_H

#include <stddef.h>

#include "fs/vnode.h"

#define MAX_MOUNTS	8

/* File-system numbers (NxStat.dev), one per file system mounted at boot. */
enum { DEV_ROOT = 1, DEV_DEVICES = 2, DEV_PROC = 3 };

/* Makes `root` the root of everything: 0, or NX_EBUSY if there is one. */
int mount_set_root(struct vnode *root);
/* Mounts `root` at `name` in directory `dir`: 0, NX_EBUSY (a mount is
 * there), NX_ENOSPC (the table is full), NX_ENOTDIR, NX_ENAMETOOLONG. */
int mount_add(struct vnode *dir, const char *name, struct vnode *root);
/* Unmounts everything (host tests start each case afresh). */
void mount_reset(void);

/* The root of everything, not held; NULL before boot mounts one. */
struct vnode *mount_root(void);
/* The root mounted at `name` in `dir`, not held, or NULL. */
struct vnode *mount_at(const struct vnode *dir, const char *name,
    size_t len);
/* When `vn` is a mounted root other than "/", the directory its mount
 * sits in (where ".." leads), not held; else NULL. */
struct vnode *mount_parent(const struct vnode *vn);
/* The `index`th mount point in `dir` (for listing it): its name and
 * root, or NULL past the last. */
struct vnode *mount_in(const struct vnode *dir, unsigned index,
    const char **name, size_t *len);
/* The `index`th mount other than "/", in the table's order (for
 * /proc/mounts): its root, the directory it sits in and its name, or
 * NULL past the last. */
struct vnode *mount_nth(unsigned index, const struct vnode **dir,
    const char **name, size_t *len);

#endif
