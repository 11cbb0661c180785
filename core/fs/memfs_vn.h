/*
 * The writable root: memfs (core/fs/memfs.h) as a vnode file system,
 * seeded from the tar archive with the archive's bytes used in place.
 */
#ifndef RUMPK_MEMFS_VN_H
#define RUMPK_MEMFS_VN_H

#include <stddef.h>
#include <stdint.h>

#include "fs/vnode.h"

/*
 * Makes the file system (once per boot), seeded from `image` when there
 * is one, charging at most `limit` bytes, and returns its root (held).
 * 0, NX_ENOMEM, NX_ENOSPC (the archive's names do not fit the limit),
 * NX_ENOENT (no entries), NX_EBUSY (already made).
 */
int memfs_vn_mount(const uint8_t *image, size_t len, uint64_t limit,
    uint32_t dev, struct vnode **root);

#endif
