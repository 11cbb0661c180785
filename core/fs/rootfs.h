/* The root file system: the tar archive QEMU loaded as the initrd. */
#ifndef RUMPK_ROOTFS_H
#define RUMPK_ROOTFS_H

#include <stddef.h>
#include <stdint.h>

#include "tar.h"

void rootfs_mount(const uint8_t *image, size_t len);
/* Finds a regular file: 0 or NX_ENOENT. */
int rootfs_find(const char *path, struct tar_entry *out);

#endif
