/*
 * fork and vfork: a new Subject that is a copy of its parent.
 *
 * A forked child gets the parent's address space copy-on-write
 * (vm_fork): every page either may write is shared read-only until the
 * first store copies it, and the program cache's pages stay shared.  The
 * pages at fixed places (rings, slabs, SysTable) are never shared: the
 * child gets fresh ones, as a new image would.  A vfork child (CLONE_VM)
 * runs in the parent's address space itself, borrowed and never freed
 * by it, while the parent sleeps until the child execs or ends: what the
 * child writes, the parent sees (posix_spawn reports a failed exec that
 * way).  Either child gets a copy of the descriptor table sharing the
 * descriptions, the current directory, job, session, signal
 * dispositions and mask, break and mappings, and the parent's registers
 * with a0 = 0.
 */
#include <string.h>

#include "fs/vfs.h"
#include "pmm.h"
#include "signal.h"
#include "subject.h"
#include "usercopy.h"

/* A copy-on-write copy of the parent's memory, with fixed pages of its
 * own, in `im`: 0 or NX_ENOMEM with nothing left. */
static int
copy_space(struct subject *p, struct image *im)
{
	memset(im, 0, offsetof(struct image, exe));	/* exe: a string */
	im->exe[0] = '\0';
	memcpy(im->identity, p->identity, sizeof(im->identity));
	im->root = vm_create();
	if (!im->root)
		return NX_ENOMEM;
	if (vm_fork(im->root, p->uc.root, NX_SLAB_BASE) != 0 ||
	    load_fixed(im) != 0) {
		vm_destroy(im->root);
		return NX_ENOMEM;
	}
	return 0;
}

/* The child's memory: the parent's own, or a copy-on-write copy. */
static int
give_memory(struct subject *c, struct subject *p, unsigned how)
{
	struct image im;
	int err;

	if (how & FORK_VM) {
		c->uc.root = p->uc.root;
		c->borrowed = 1;
		memcpy(c->identity, p->identity, sizeof(c->identity));
		memcpy(c->name, p->name, sizeof(c->name));
		memcpy(c->exe, p->exe, strlen(p->exe) + 1);
		return 0;
	}
	err = copy_space(p, &im);
	if (err)
		return err;
	subject_install(c, &im, p->name);
	memcpy(c->exe, p->exe, strlen(p->exe) + 1);
	c->pages = p->pages;
	c->text = p->text;
	pcache_hold(c->text);
	return 0;
}

/* What the child takes over from the parent besides memory. */
static void
inherit(struct subject *c, struct subject *p, uint64_t sp)
{
	c->heap_start = p->heap_start;
	c->brk = p->brk;
	c->arg_start = p->arg_start;
	c->arg_end = p->arg_end;
	c->native = p->native;
	memcpy(c->vmas, p->vmas, sizeof(c->vmas));
	c->nvmas = p->nvmas;
	memcpy(c->linux_told, p->linux_told, sizeof(c->linux_told));
	c->job = p->job;
	c->uc.tf = p->uc.tf;
	c->uc.tf.kernel_sp = (uintptr_t)subject_kstack_top(c);
	c->uc.tf.x[REG_A0] = 0;
	if (sp)
		c->uc.tf.x[REG_SP] = sp;
	uctx_copy_fpu(&c->uc, &p->uc);
	signal_fork(c, p);
}

long
subject_fork(struct subject *p, unsigned how, uint64_t sp)
{
	struct subject *c = subject_alloc();
	int err;

	if (!c)
		return NX_EAGAIN;
	if (vfs_subject_begin(c, p)) {
		subject_free(c, 0);
		return NX_EAGAIN;
	}
	subject_begin(c, p);
	err = give_memory(c, p, how);
	if (err) {
		vfs_subject_end(c);
		subject_free(c, 0);
		return NX_EAGAIN;
	}
	inherit(c, p, sp);
	fiber_start(&c->fiber, subject_kstack_top(c), subject_main, c);
	return c->id;
}

/* Not even a kill ends this sleep: the child may be using the parent's
 * memory.  A kill of the job ends the child, which lets the parent go. */
void
subject_vfork_wait(struct subject *p, struct subject *c)
{
	p->vfork_child = c->id;
	while (p->vfork_child)
		fiber_sleep(&p->vfork_child);
}

void
subject_vfork_done(struct subject *c)
{
	struct subject *p = c->parent ? subject_by_id(c->parent) : NULL;

	if (p && p->vfork_child == c->id) {
		p->vfork_child = 0;
		fiber_wakeup(&p->vfork_child);
	}
}

void
subject_clear_tid(struct subject *s)
{
	uint32_t zero = 0;

	if (s->clear_tid && s->uc.root)
		copy_to_user(s->uc.root, s->clear_tid, &zero, sizeof(zero));
	s->clear_tid = 0;
}
