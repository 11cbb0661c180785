#include "fs/lock.h"
#include "kmem.h"

static int
overlaps(const struct flock_rec *l, uint64_t start, uint64_t end)
{
	return l->start < end && start < l->end;
}

/* Another owner's lock of the same kind that `r` may not coexist with,
 * or NULL. */
static struct flock_rec *
conflict(struct vnode *vn, const void *owner, const struct lock_req *r)
{
	for (struct flock_rec *l = vn->locks; l; l = l->next) {
		if (l->owner == owner || l->kind != r->kind ||
		    !overlaps(l, r->start, r->end))
			continue;
		if (l->type == LOCK_WRITE || r->type == LOCK_WRITE)
			return l;
	}
	return NULL;
}

void
lock_test(struct vnode *vn, const void *owner, struct lock_req *r)
{
	struct flock_rec *l = conflict(vn, owner, r);

	if (!l) {
		r->type = LOCK_UNLOCK;
		return;
	}
	r->type = l->type;
	r->start = l->start;
	r->end = l->end;
	r->pid = l->pid;
}

static struct flock_rec *
rec_new(const void *owner, uint32_t pid, int type, int kind, uint64_t start,
    uint64_t end)
{
	struct flock_rec *l = kmem_alloc(sizeof(*l));

	if (!l)
		return NULL;
	l->next = NULL;
	l->owner = owner;
	l->pid = pid;
	l->type = type;
	l->kind = kind;
	l->start = start;
	l->end = end;
	return l;
}

static void
push(struct vnode *vn, struct flock_rec *l)
{
	l->next = vn->locks;
	vn->locks = l;
}

/*
 * Takes [start, end) out of the owner's locks: a lock inside it goes, one
 * across an edge is cut, one around it is split in two (using `spare`,
 * which is then consumed: *spare becomes NULL).
 */
static void
cut(struct vnode *vn, const void *owner, uint64_t start, uint64_t end,
    struct flock_rec **spare)
{
	struct flock_rec **p = &vn->locks;

	while (*p) {
		struct flock_rec *l = *p;

		if (l->owner != owner || !overlaps(l, start, end)) {
			p = &l->next;
			continue;
		}
		if (l->start >= start && l->end <= end) {
			*p = l->next;
			kmem_free(l, sizeof(*l));
			continue;
		}
		if (l->start < start && l->end > end) {
			struct flock_rec *tail = *spare;

			*spare = NULL;
			*tail = *l;
			tail->start = end;
			l->end = start;
			tail->next = l->next;
			l->next = tail;
			p = &tail->next;
			continue;
		}
		if (l->start < start)
			l->end = start;
		else
			l->start = end;
		p = &l->next;
	}
}

int
lock_set(struct vnode *vn, const void *owner, uint32_t pid,
    const struct lock_req *r)
{
	struct flock_rec *spare, *mine = NULL;

	if (r->start >= r->end || r->type < LOCK_READ ||
	    r->type > LOCK_UNLOCK || (r->kind != LOCK_POSIX &&
	    r->kind != LOCK_FLOCK))
		return NX_EINVAL;
	if (r->type != LOCK_UNLOCK && conflict(vn, owner, r))
		return NX_EAGAIN;
	/* Both records a change can need are had first, so a lack of
	 * memory changes nothing. */
	spare = rec_new(owner, pid, r->type, r->kind, 0, 0);
	if (r->type != LOCK_UNLOCK)
		mine = rec_new(owner, pid, r->type, r->kind, r->start,
		    r->end);
	if (!spare || (r->type != LOCK_UNLOCK && !mine)) {
		if (spare)
			kmem_free(spare, sizeof(*spare));
		if (mine)
			kmem_free(mine, sizeof(*mine));
		return NX_ENOLCK;
	}
	cut(vn, owner, r->start, r->end, &spare);
	if (spare)
		kmem_free(spare, sizeof(*spare));
	if (mine)
		push(vn, mine);
	return 0;
}

int
lock_held(const struct vnode *vn, const void *owner)
{
	for (const struct flock_rec *l = vn->locks; l; l = l->next) {
		if (l->owner == owner)
			return l->type;
	}
	return LOCK_UNLOCK;
}

int
lock_release(struct vnode *vn, const void *owner)
{
	struct flock_rec **p = &vn->locks;
	int any = 0;

	while (*p) {
		struct flock_rec *l = *p;

		if (l->owner != owner) {
			p = &l->next;
			continue;
		}
		*p = l->next;
		kmem_free(l, sizeof(*l));
		any = 1;
	}
	return any;
}
