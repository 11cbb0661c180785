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

/* memfs_kenv.c, for memfs_vn.c: the kernel's memory and clock, charging
 * at most `limit` bytes; and the archive's entries seeded into `fs`
 * (0, or an error already said on the console). */
struct memfs;
struct memfs_env;
void memfs_kernel_env(struct memfs_env *env, uint64_t limit);
int memfs_seed_image(struct memfs *fs, const uint8_t *image, size_t len);

#endif
