/*
 * The path walk, over vnodes and across mounts both ways.  "." stays,
 * ".." goes up (from a mounted root to the directory its mount sits in;
 * ".." of "/" is "/"), a name leads down (into a mounted root when a
 * mount sits there), and a symbolic link is replaced by its target (an
 * absolute one from "/", a relative one from the link's directory), at
 * most PATH_MAX_HOPS of them in one walk.  Repeated and trailing slashes
 * are understood; a trailing slash asks for a directory and follows a
 * final link.  Errors: NX_ENOENT, NX_ENOTDIR, NX_ELOOP, NX_ENAMETOOLONG.
 *
 * The walk can also keep the canonical path of where it is (no ".",
 * "..", links or repeated slashes): that is how a Subject's current
 * directory gets its name.  Pure: vnode operations and the mount table
 * only, so the host tests run it over a file system of their own.
 */
#ifndef RUMPK_PATH_H
#define RUMPK_PATH_H

#include <stddef.h>

#include "fs/vnode.h"

#define PATH_MAX_HOPS	40

enum {
	PATH_FOLLOW = 1,	/* follow a final symbolic link */
	PATH_DIR = 2,		/* the result must be a directory */
};

/*
 * Walks `path` from `start` (relative paths; absolute ones start at the
 * root).  `*out` is held.  `canon`, when not NULL, is an NX_PATH_MAX
 * buffer holding the canonical path of `start` and gets the result's.
 */
int path_walk(struct vnode *start, const char *path, unsigned flags,
    struct vnode **out, char *canon);

/*
 * Walks all but the last name of `path` (following every link on the
 * way): `*dir` (held) and the last name, NUL-terminated, in `name`
 * (NX_NAME_MAX + 1 bytes).  The name may be "." or "..", or empty when
 * the path is "/": what that means differs from call to call (mkdir "/"
 * is NX_EEXIST, rmdir "." NX_EINVAL), so the caller decides.
 */
int path_parent(struct vnode *start, const char *path, struct vnode **dir,
    char *name);

/* Entry `index` of directory `dir` as a listing shows it: the mounts in
 * it first, then its own entries (those a mount hides left out).  1, 0
 * past the end, or an error. */
int path_readdir(struct vnode *dir, uint64_t index, NxDirent *d);

#endif
