/*
 * A spawn's descriptor actions (NxSpawnAction, as posix_spawn's file
 * actions): copied in from the caller and checked whole before anything
 * is done, then applied in order to a descriptor table that is not the
 * caller's yet (the child's, or for an exec that replaces the program a
 * copy the caller gets only once everything went well), so a failure
 * leaves nothing behind.
 */
#ifndef RUMPK_SPAWN_ACTIONS_H
#define RUMPK_SPAWN_ACTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "nexus/abi.h"

struct fdtable;
struct subject;

struct spawn_actions {
	struct subject *from;	/* the caller: its memory, its directory */
	uint32_t n;
	NxSpawnAction act[NX_SPAWN_MAX_ACTIONS];
};

/* Copies `n` actions from `uacts` in the memory of `s` and checks each
 * (known op, reserved zero, descriptors in range): 0, NX_EINVAL or
 * NX_EFAULT, the reason in `why`.  Paths are read when applied. */
int spawn_actions_copy(struct subject *s, uint64_t uacts, uint32_t n,
    struct spawn_actions *out, char *why, size_t whylen);
/* Applies them in order to `t`: 0, or the first failing action's error
 * (the reason in `why`); `t` is then partly changed, and the caller
 * throws it away. */
int spawn_actions_apply(const struct spawn_actions *sa, struct fdtable *t,
    char *why, size_t whylen);

#endif
