/*
 * core/fs/lock.c, record locks: conflicts between owners, an owner's own
 * locks replaced and split, unlocking a middle, release of everything an
 * owner holds.  Memory is test_fdtable.c's kmem (LeakSanitizer watches).
 */
#include <string.h>

#include "fs/lock.h"
#include "test.h"

static const int A = 1, B = 2;	/* two owners: their addresses */

static int
set(struct vnode *vn, const int *who, int type, uint64_t start,
    uint64_t end)
{
	struct lock_req r = { type, start, end, 0, LOCK_POSIX };

	return lock_set(vn, who, (uint32_t)*who, &r);
}

/* The lock that stops `who` taking `type` on [start, end), or UNLOCK. */
static struct lock_req
probe(struct vnode *vn, const int *who, int type, uint64_t start,
    uint64_t end)
{
	struct lock_req r = { type, start, end, 0, LOCK_POSIX };

	lock_test(vn, who, &r);
	return r;
}

static unsigned
count(const struct vnode *vn)
{
	unsigned n = 0;

	for (const struct flock_rec *l = vn->locks; l; l = l->next)
		n++;
	return n;
}

void
test_lock_conflicts(void)
{
	struct vnode vn;
	struct lock_req r;

	memset(&vn, 0, sizeof(vn));
	CHECK_EQ(set(&vn, &A, LOCK_READ, 0, 10), 0);
	/* Readers share; a writer waits for them. */
	CHECK_EQ(set(&vn, &B, LOCK_READ, 5, 15), 0);
	CHECK_EQ(set(&vn, &B, LOCK_WRITE, 5, 15), NX_EAGAIN);
	r = probe(&vn, &B, LOCK_WRITE, 0, UINT64_MAX);
	CHECK_EQ(r.type, LOCK_READ);
	CHECK_EQ(r.start, 0);
	CHECK_EQ(r.end, 10);
	CHECK_EQ(r.pid, 1);
	/* No conflict with oneself, nor past the other's range. */
	CHECK_EQ(probe(&vn, &A, LOCK_WRITE, 0, 5).type, LOCK_UNLOCK);
	/* B's write lock replaces the part of its read lock it covers. */
	CHECK_EQ(set(&vn, &B, LOCK_WRITE, 10, 20), 0);
	CHECK_EQ(count(&vn), 3);
	CHECK_EQ(probe(&vn, &A, LOCK_READ, 10, 11).type, LOCK_WRITE);
	CHECK_EQ(set(&vn, &A, LOCK_WRITE, 0, 11), NX_EAGAIN);
	/* A failed request changed nothing. */
	CHECK_EQ(count(&vn), 3);
	CHECK_EQ(lock_release(&vn, &B), 1);
	CHECK_EQ(lock_release(&vn, &B), 0);
	CHECK_EQ(set(&vn, &A, LOCK_WRITE, 0, 100), 0);
	CHECK_EQ(set(&vn, &A, 7, 0, 1), NX_EINVAL);
	CHECK_EQ(set(&vn, &A, LOCK_READ, 5, 5), NX_EINVAL);
	lock_release(&vn, &A);
	CHECK(vn.locks == NULL);
}

void
test_lock_split_and_replace(void)
{
	struct vnode vn;

	memset(&vn, 0, sizeof(vn));
	CHECK_EQ(set(&vn, &A, LOCK_WRITE, 0, 100), 0);
	/* Unlocking the middle leaves two pieces. */
	CHECK_EQ(set(&vn, &A, LOCK_UNLOCK, 40, 60), 0);
	CHECK_EQ(count(&vn), 2);
	CHECK_EQ(probe(&vn, &B, LOCK_WRITE, 40, 60).type, LOCK_UNLOCK);
	CHECK_EQ(probe(&vn, &B, LOCK_READ, 30, 41).type, LOCK_WRITE);
	CHECK_EQ(probe(&vn, &B, LOCK_READ, 59, 61).start, 60);
	/* A read lock over part of a write lock turns that part shared. */
	CHECK_EQ(set(&vn, &A, LOCK_READ, 0, 20), 0);
	CHECK_EQ(set(&vn, &B, LOCK_READ, 0, 20), 0);
	CHECK_EQ(set(&vn, &B, LOCK_READ, 0, 21), NX_EAGAIN);
	/* To the end, however far. */
	CHECK_EQ(set(&vn, &A, LOCK_WRITE, 1000, UINT64_MAX), 0);
	CHECK_EQ(probe(&vn, &B, LOCK_READ, UINT64_MAX - 1, UINT64_MAX).type,
	    LOCK_WRITE);
	CHECK_EQ(lock_release(&vn, &A), 1);
	CHECK_EQ(lock_release(&vn, &B), 1);
	CHECK(vn.locks == NULL);
}

/* flock's kind of lock (whole file, owned by a description) never
 * meets fcntl's, in either direction; within a kind the rules hold. */
void
test_lock_kinds_apart(void)
{
	static const int F = 3, G = 4;	/* two descriptions */
	struct lock_req whole = { LOCK_WRITE, 0, UINT64_MAX, 0, LOCK_FLOCK };
	struct vnode vn;

	memset(&vn, 0, sizeof(vn));
	CHECK_EQ(set(&vn, &A, LOCK_WRITE, 0, 10), 0);
	CHECK_EQ(lock_set(&vn, &F, 0, &whole), 0);
	CHECK_EQ(lock_held(&vn, &F), LOCK_WRITE);
	CHECK_EQ(lock_held(&vn, &G), LOCK_UNLOCK);
	/* A record lock sees only A's, over its bytes. */
	CHECK_EQ(probe(&vn, &B, LOCK_READ, 0, UINT64_MAX).end, 10);
	CHECK_EQ(probe(&vn, &B, LOCK_WRITE, 10, 20).type, LOCK_UNLOCK);
	CHECK_EQ(set(&vn, &B, LOCK_WRITE, 10, 20), 0);
	/* Another description's flock waits for F's; a shared one too. */
	CHECK_EQ(lock_set(&vn, &G, 0, &whole), NX_EAGAIN);
	whole.type = LOCK_READ;
	CHECK_EQ(lock_set(&vn, &G, 0, &whole), NX_EAGAIN);
	CHECK_EQ(lock_release(&vn, &F), 1);
	CHECK_EQ(lock_set(&vn, &G, 0, &whole), 0);
	CHECK_EQ(lock_held(&vn, &G), LOCK_READ);
	whole.kind = 7;
	CHECK_EQ(lock_set(&vn, &G, 0, &whole), NX_EINVAL);
	CHECK_EQ(lock_release(&vn, &A), 1);
	CHECK_EQ(lock_release(&vn, &B), 1);
	CHECK_EQ(lock_release(&vn, &G), 1);
	CHECK(vn.locks == NULL);
}
