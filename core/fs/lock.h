/*
 * Advisory record locks (fcntl F_GETLK, F_SETLK, F_SETLKW), as POSIX
 * has them: a lock covers bytes [start, end) of a file (end UINT64_MAX:
 * to the end, however far it grows), is shared (read) or exclusive
 * (write), and belongs to its owner (the Subject), not to a descriptor.
 * An owner's new lock replaces its own locks over the same bytes,
 * splitting them where it covers part; locks of different owners
 * conflict when they overlap and one is exclusive.  The owner's locks on
 * a file all go when it closes any descriptor of the file, and when it
 * ends (the VFS calls lock_release).
 *
 * flock(2) locks live on the same list as whole-file ranges, owned by
 * an open file description, and are of another kind: as on Linux, a
 * lock of one kind never conflicts with one of the other (a program may
 * hold both on one file, and so may two programs).  Owners of the two
 * kinds are different objects (a Subject, a description), so an owner's
 * records are always of one kind.
 *
 * A simple list per vnode, unordered: files here have few lockers.
 * Pure: kmem only.  Waiting (F_SETLKW) is the caller's: lock_set answers
 * NX_EAGAIN on a conflict and the caller sleeps until a release.
 */
#ifndef RUMPK_LOCK_H
#define RUMPK_LOCK_H

#include <stdint.h>

#include "fs/vnode.h"

enum { LOCK_READ = 0, LOCK_WRITE = 1, LOCK_UNLOCK = 2 };	/* Linux's */
/* The two kinds of lock: fcntl's record locks, flock's file locks. */
enum { LOCK_POSIX = 0, LOCK_FLOCK = 1 };

struct flock_rec {
	struct flock_rec *next;
	const void *owner;
	uint64_t start, end;
	uint32_t pid;		/* what F_GETLK reports */
	int type;		/* LOCK_READ or LOCK_WRITE */
	int kind;		/* LOCK_POSIX or LOCK_FLOCK */
};

/* A request: the type and bytes; F_GETLK fills in the conflicting lock
 * (and its pid) or sets type to LOCK_UNLOCK. */
struct lock_req {
	int type;
	uint64_t start, end;
	uint32_t pid;
	int kind;		/* LOCK_POSIX or LOCK_FLOCK */
};

/* F_GETLK. */
void lock_test(struct vnode *vn, const void *owner, struct lock_req *r);
/* F_SETLK: 0, NX_EAGAIN (a conflict), NX_ENOLCK (no memory), NX_EINVAL.
 * Nothing changes unless it succeeds. */
int lock_set(struct vnode *vn, const void *owner, uint32_t pid,
    const struct lock_req *r);
/* The type of the first lock `owner` holds on `vn` (an flock owner holds
 * one at most), or LOCK_UNLOCK. */
int lock_held(const struct vnode *vn, const void *owner);
/* Every lock `owner` holds on `vn` goes: 1 if there was one. */
int lock_release(struct vnode *vn, const void *owner);

#endif
