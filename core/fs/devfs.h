/*
 * The device file system mounted at /dev: null, zero, urandom (the
 * kernel's ChaCha20 generator), and the terminal as console and tty.
 * A fixed directory: nothing can be created or removed in it (NX_EPERM).
 */
#ifndef RUMPK_DEVFS_H
#define RUMPK_DEVFS_H

#include <stdint.h>

#include "fs/vnode.h"

/* The root directory of the device file system (never freed). */
struct vnode *devfs_root(uint32_t dev);
/* The terminal, as /dev/console (never freed). */
struct vnode *devfs_console(void);

#endif
