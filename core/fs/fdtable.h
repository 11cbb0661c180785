/*
 * A Subject's descriptor table: descriptor numbers to open file
 * descriptions, with a close-on-exec flag each.  NX_FD_MAX descriptors;
 * the first FDT_SMALL live in the table itself, and it takes an array for
 * all NX_FD_MAX only when a descriptor past them is used, so the usual
 * Subject (a handful of files) costs no allocation.  New descriptors are
 * the lowest free number (at or above a minimum for F_DUPFD).
 *
 * Each slot owns one reference to its description.  Pure: it calls
 * file_ref/file_unref and kmem_alloc/kmem_free, which the host tests
 * provide themselves.
 */
#ifndef RUMPK_FDTABLE_H
#define RUMPK_FDTABLE_H

#include <stdint.h>

#include "nexus/abi.h"

#define FDT_SMALL	16

struct file;

struct fdtable {
	struct file **fd;	/* `small`, or an array of NX_FD_MAX */
	uint32_t cap;
	uint64_t cloexec[NX_FD_MAX / 64];
	struct file *small[FDT_SMALL];
};

void fdt_init(struct fdtable *t);
/* The description behind `fd`, not held, or NULL (NX_EBADF). */
struct file *fdt_get(const struct fdtable *t, int64_t fd);
/* Puts `f` (whose reference the table takes over) at the lowest free
 * descriptor from `min`: the descriptor, NX_EMFILE or NX_ENOMEM (then
 * the reference is still the caller's). */
int fdt_install(struct fdtable *t, struct file *f, int64_t min,
    int cloexec);
int fdt_close(struct fdtable *t, int64_t fd);

enum {
	FDT_FIXED = 1,		/* `to` exactly (dup2), not the lowest from it */
	FDT_CLOEXEC = 2,	/* the new descriptor closes on exec */
};

/*
 * dup, dup2/dup3 (FDT_FIXED) and F_DUPFD (the lowest from `to`): the new
 * descriptor.  A fixed `to` that is open is closed first, unless it is
 * `fd` itself, which is returned unchanged.  NX_EBADF (no `fd`, or a
 * fixed `to` out of range), NX_EINVAL (a minimum out of range),
 * NX_EMFILE, NX_ENOMEM.
 */
int fdt_dup(struct fdtable *t, int64_t fd, int64_t to, unsigned flags);

/* The close-on-exec flag: 0 or 1, or NX_EBADF. */
int fdt_cloexec(const struct fdtable *t, int64_t fd);
int fdt_set_cloexec(struct fdtable *t, int64_t fd, int on);

/* An exec that replaced the program: the close-on-exec ones close. */
void fdt_exec(struct fdtable *t);
/* The Subject ends: everything closes, the array goes back. */
void fdt_close_all(struct fdtable *t);
/* Moves the descriptors of `from` into `to` (empty, or closed with
 * fdt_close_all); `from` is left empty. */
void fdt_move(struct fdtable *to, struct fdtable *from);
/* A child's table (`t`, fresh) from its parent's: every descriptor not
 * marked close-on-exec, sharing its description.  0 or NX_ENOMEM (`t`
 * is then empty). */
int fdt_inherit(struct fdtable *t, const struct fdtable *parent);
/* The same with the close-on-exec ones too, marked as they were: what a
 * spawn's descriptor actions start from, as posix_spawn's file actions
 * run before the exec that closes them. */
int fdt_copy(struct fdtable *t, const struct fdtable *parent);

#endif
