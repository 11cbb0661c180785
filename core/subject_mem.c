/*
 * A Subject's user memory beyond its program image: the heap, anonymous
 * and file mappings, private copies of shared pages, and the stack that
 * grows on demand.  The Subject's table holds a reference to every page
 * mapped here (owned, or shared memory: VM_SHMEM), counted in its
 * `pages`.
 */
#include <string.h>

#include "fs/vnode.h"
#include "pmm.h"
#include "subject.h"

static uint64_t
page_up(uint64_t v)
{
	return (v + NX_PAGE_SIZE - 1) & ~(NX_PAGE_SIZE - 1);
}

void
subject_unmap(struct subject *s, uint64_t start, uint64_t end)
{
	for (uint64_t va = start; va < end; va += NX_PAGE_SIZE) {
		void *page = vm_unmap(s->uc.root, va);

		if (page) {
			page_free(page);
			s->pages--;
		}
	}
}

int
subject_map(struct subject *s, uint64_t start, uint64_t end, unsigned prot)
{
	for (uint64_t va = start; va < end; va += NX_PAGE_SIZE) {
		void *page = page_alloc();

		if (!page || vm_map(s->uc.root, va, page, prot) != 0) {
			/* Out of memory: give back what this call took. */
			if (page)
				page_free(page);
			subject_unmap(s, start, va);
			return NX_ENOMEM;
		}
		s->pages++;
	}
	return 0;
}

/* The page of `vn` at `off` for a shared mapping, with a reference of
 * the table's own: the file may drop its reference (a truncation, an
 * unlink) while the mapping still uses the page. */
static int
file_page_shared(struct vnode *vn, uint64_t off, void **page)
{
	int err = vn_map_page(vn, off / NX_PAGE_SIZE, page);

	if (err == 0)
		page_ref(*page);
	return err;
}

/* A private copy of the page of `vn` at `off`: zeros past the end. */
static int
file_page_copy(struct subject *s, struct vnode *vn, uint64_t off,
    void **page)
{
	struct uio u;
	int64_t n;

	if (!(*page = page_alloc()))
		return NX_ENOMEM;
	uio_kernel(&u, s, *page, NX_PAGE_SIZE);
	n = vn_read(vn, off, &u);
	if (n < 0) {
		page_free(*page);
		return (int)n;
	}
	return 0;
}

int
subject_map_file(struct subject *s, uint64_t start, uint64_t end,
    struct vnode *vn, uint64_t off, unsigned prot, int shared)
{
	for (uint64_t va = start; va < end; va += NX_PAGE_SIZE) {
		uint64_t at = off + (va - start);
		void *page;
		int err;

		/* Linux sends SIGBUS there; a fault sends SIGSEGV here. */
		if (at >= vn->size)
			break;
		err = shared ? file_page_shared(vn, at, &page) :
		    file_page_copy(s, vn, at, &page);
		if (err == 0 && vm_map(s->uc.root, va, page,
		    prot | (shared ? VM_SHMEM : 0)) != 0) {
			page_free(page);
			err = NX_ENOMEM;
		}
		if (err) {
			subject_unmap(s, start, va);
			return err;
		}
		s->pages++;
	}
	return 0;
}

/* Moving the entries rather than copying the pages keeps a fork's
 * sharing as it was, and costs no page. */
int
subject_move(struct subject *s, uint64_t from, uint64_t to, uint64_t len)
{
	for (uint64_t off = 0; off < len; off += NX_PAGE_SIZE) {
		int err = vm_move(s->uc.root, from + off, to + off);

		/* NX_ENOENT: a PROT_NONE page, which has none to move. */
		if (err == 0 || err == NX_ENOENT)
			continue;
		/* No page for a table: put back what moved (their tables
		 * exist, so that cannot fail). */
		while (off > 0) {
			off -= NX_PAGE_SIZE;
			vm_move(s->uc.root, to + off, from + off);
		}
		return NX_ENOMEM;
	}
	return 0;
}

int
subject_unshare(struct subject *s, uint64_t va, unsigned prot)
{
	void *shared = vm_user_page(s->uc.root, va, 0);
	void *page;

	if (!shared)
		return NX_ENOENT;
	page = page_alloc();
	if (!page)
		return NX_ENOMEM;
	memcpy(page, shared, NX_PAGE_SIZE);
	vm_unmap(s->uc.root, va);	/* NULL: the cache keeps the page */
	if (vm_map(s->uc.root, va, page, prot) != 0) {
		page_free(page);
		return NX_ENOMEM;
	}
	s->pages++;
	return 0;
}

int64_t
subject_brk(struct subject *s, uint64_t brk)
{
	uint64_t have = page_up(s->brk), want;

	if (brk == 0)
		return (int64_t)s->brk;
	if (brk < s->heap_start || brk - s->heap_start > NX_HEAP_MAX ||
	    brk > NX_HEAP_TOP)
		return NX_ENOMEM;
	want = page_up(brk);
	if (want > have && subject_map(s, have, want, VM_R | VM_W) != 0)
		return NX_ENOMEM;
	subject_unmap(s, want, have);	/* when shrinking */
	s->brk = brk;
	return (int64_t)brk;
}

/*
 * Only the top of the stack is mapped at exec (zeroing 64 KiB would be
 * most of a spawn's work): a page inside the stack's range that is not
 * mapped yet gets a fresh one when the program or a kernel copy first
 * touches it.  0 if it did.
 */
int
subject_stack_grow(struct subject *s, uint64_t va)
{
	uint64_t page = va & ~(NX_PAGE_SIZE - 1);

	if (va < NX_STACK_TOP - NX_STACK_SIZE || va >= NX_STACK_TOP ||
	    vm_user_page(s->uc.root, page, 0))
		return -1;
	return subject_map(s, page, page + NX_PAGE_SIZE, VM_R | VM_W);
}

/* The Subject whose table `root` is. */
int
subject_grow_stack(pte_t *root, uint64_t va)
{
	struct subject *found = NULL;

	/* A vfork child borrows its parent's table: the parent owns it. */
	for (struct subject *c = subject_first(); c; c = subject_next(c)) {
		if (c->state == SUBJECT_LIVE && c->uc.root == root &&
		    (!found || found->borrowed))
			found = c;
	}
	if (found)
		return subject_stack_grow(found, va);
	return -1;	/* an image still loading: its stack top is mapped */
}
