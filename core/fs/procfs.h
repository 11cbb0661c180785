/*
 * /proc: a read-only file system whose files are text made on each read
 * from the kernel's state, in Linux's layouts, so that programs written
 * for Linux (ps, top, free, df, pidof) find what they read there.
 */
#ifndef RUMPK_PROCFS_H
#define RUMPK_PROCFS_H

#include <stdint.h>

struct vnode;

/* The root of /proc, with file-system number `dev`. */
struct vnode *procfs_root(uint32_t dev);
/* The hart the kernel runs on and its ISA string (NULL: not known), for
 * /proc/cpuinfo. */
void procfs_set_cpu(uint64_t hart, const char *isa);

#endif
