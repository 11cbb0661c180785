/*
 * The archive as a file system: the nodes of the pure tar index
 * (core/fs/tar.c) seen as vnodes.  Read-only: every change answers
 * NX_EROFS.  File reads copy straight from the archive image.
 */
#ifndef RUMPK_TARFS_H
#define RUMPK_TARFS_H

#include <stddef.h>
#include <stdint.h>

#include "fs/vnode.h"

/* Indexes `image` and returns its root directory (held) in `*root`: 0,
 * or an error already said on the console. */
int tarfs_mount(const uint8_t *image, size_t len, uint32_t dev,
    struct vnode **root);

#endif
