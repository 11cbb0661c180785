/*
 * Sv39 page tables.
 *
 * The kernel identity-maps RAM (text R+X, rodata R, the rest R+W) and
 * reaches devices through a 1 GiB window in the upper half.  Every Subject's
 * root table shares those kernel entries (root slots 2..511) and owns slots
 * 0 and 1, the low 2 GiB that are user space, so a trap needs no satp
 * switch.  Pages a Subject's table owns are marked with a software bit and
 * freed with the table (a reference dropped: after a fork several tables
 * own a page, each with a reference); shared pages (the program cache's,
 * VM_SHARED) lack the bit and are never writable.  An owned page the
 * program may write but another table maps too carries the second
 * software bit, copy-on-write, and no W: the first store faults and
 * vm_cow_break gives the table its own copy.
 *
 * The two bits have a third meaning: COW without OWNED marks shared
 * memory (MAP_SHARED, VM_SHMEM), a page several tables and perhaps a
 * file use together.  The table holds a reference to it, as to an owned
 * page, but stores go to the page itself in every table: a fork shares
 * it as it is and nothing ever copies it.
 */
#include <string.h>

#include "core/pmm.h"
#include "nexus/abi.h"
#include "csr.h"
#include "mmio.h"
#include "sv39.h"

#define PTE_V		(1ul << 0)
#define PTE_R		(1ul << 1)
#define PTE_W		(1ul << 2)
#define PTE_X		(1ul << 3)
#define PTE_U		(1ul << 4)
#define PTE_G		(1ul << 5)
#define PTE_A		(1ul << 6)
#define PTE_D		(1ul << 7)
#define PTE_OWNED	(1ul << 8)	/* RSW: the table owns the page */
#define PTE_COW		(1ul << 9)	/* RSW: writable once copied */
#define PTE_LEAF	(PTE_R | PTE_W | PTE_X)
#define PTE_RSW		(PTE_OWNED | PTE_COW)
#define PTE_SHMEM	PTE_COW		/* RSW: shared memory (no OWNED) */

#define SATP_SV39	(8ul << 60)
#define USER_SLOTS	2		/* root slots of the low 2 GiB */
#define MEGA		(1ul << 21)

static pte_t *kernel_root;
/* The kernel's root slots in use, which every address space copies; all
 * of them (nkslots 0) if there were more than fit. */
static uint16_t kslots[16];
static unsigned nkslots;
static pte_t *active_root;

static pte_t
make_pte(uint64_t pa, uint64_t flags)
{
	return (pa >> 12) << 10 | flags;
}

static pte_t *
pte_table(pte_t e)
{
	return (pte_t *)(uintptr_t)((e >> 10) << 12);
}

static int
is_shmem(pte_t e)
{
	return (e & PTE_RSW) == PTE_SHMEM;
}

/* Whether the table holds a reference to the page of leaf `e`. */
static int
holds_ref(pte_t e)
{
	return (e & PTE_OWNED) || is_shmem(e);
}

static unsigned
vpn(uint64_t va, int level)
{
	return (va >> (12 + 9 * level)) & 511;
}

/* The entry for `va` at `level` (0: 4 KiB, 1: 2 MiB), making tables. */
static pte_t *
walk(pte_t *root, uint64_t va, int level, int alloc)
{
	pte_t *t = root;

	for (int l = 2; l > level; l--) {
		pte_t *e = &t[vpn(va, l)];

		if (*e & PTE_V) {
			if (*e & PTE_LEAF)
				return NULL;	/* a larger page is in the way */
			t = pte_table(*e);
			continue;
		}
		if (!alloc)
			return NULL;
		t = page_alloc();
		if (!t)
			return NULL;
		*e = make_pte((uintptr_t)t, PTE_V);
	}
	return &t[vpn(va, level)];
}

/* Maps [start, end) of the kernel with `flags`, 2 MiB pages where possible. */
static int
kmap(uint64_t start, uint64_t end, uint64_t flags)
{
	uint64_t a = start & ~(NX_PAGE_SIZE - 1);

	while (a < end) {
		int big = (a & (MEGA - 1)) == 0 && end - a >= MEGA;
		pte_t *e = walk(kernel_root, a, big ? 1 : 0, 1);

		if (!e)
			return -1;
		*e = make_pte(a, flags | PTE_V | PTE_A | PTE_D | PTE_G);
		a += big ? MEGA : NX_PAGE_SIZE;
	}
	return 0;
}

int
vm_init(uint64_t ram_start, uint64_t ram_end)
{
	struct kernel_image k;
	uint64_t rw = PTE_R | PTE_W;
	int err = 0;

	hal_kernel_image(&k);
	kernel_root = page_alloc();
	if (!kernel_root)
		return -1;
	err |= kmap(ram_start, k.text_start, rw);
	err |= kmap(k.text_start, k.text_end, PTE_R | PTE_X);
	err |= kmap(k.rodata_start, k.rodata_end, PTE_R);
	err |= kmap(k.data_start, k.end, rw);
	err |= kmap(k.end, ram_end, rw);
	if (err)
		return -1;
	kernel_root[vpn(MMIO_WINDOW, 2)] =
	    make_pte(0, PTE_V | rw | PTE_A | PTE_D | PTE_G);
	for (unsigned i = USER_SLOTS; i < 512; i++) {
		if (!kernel_root[i])
			continue;
		if (nkslots == sizeof(kslots) / sizeof(kslots[0])) {
			nkslots = 0;
			break;
		}
		kslots[nkslots++] = (uint16_t)i;
	}
	vm_activate(kernel_root);
	mmio_offset = MMIO_WINDOW;
	return 0;
}

void
vm_activate(pte_t *root)
{
	if (root == active_root)
		return;
	active_root = root;
	csr_write_satp(SATP_SV39 | (uintptr_t)root >> 12);
	sfence_vma();
}

pte_t *
vm_create(void)
{
	pte_t *root = page_alloc();

	if (!root)
		return NULL;
	/* The page is zeroed: only the kernel's slots in use are copied
	 * (copying all 510 was 2500 instructions a spawn). */
	for (unsigned k = 0; k < nkslots; k++)
		root[kslots[k]] = kernel_root[kslots[k]];
	if (nkslots == 0) {
		for (int i = USER_SLOTS; i < 512; i++)
			root[i] = kernel_root[i];
	}
	return root;
}

int
vm_map(pte_t *root, uint64_t va, void *page, unsigned prot)
{
	uint64_t flags = PTE_V | PTE_U | PTE_A | PTE_D | PTE_OWNED;
	pte_t *e;

	if (va < NX_USER_BASE || va >= NX_USER_TOP)
		return NX_EINVAL;
	if (prot & VM_SHARED) {
		if (prot & VM_W)
			return NX_EINVAL;	/* others see the same page */
		flags &= ~PTE_OWNED;
	} else if (prot & VM_SHMEM) {
		flags = (flags & ~PTE_OWNED) | PTE_SHMEM;
	}
	e = walk(root, va, 0, 1);
	if (!e)
		return NX_ENOMEM;
	if (*e & PTE_V)
		return NX_EEXIST;
	if (prot & VM_R)
		flags |= PTE_R;
	if (prot & VM_W)
		flags |= PTE_R | PTE_W;	/* W without R is reserved */
	if (prot & VM_X)
		flags |= PTE_X;
	*e = make_pte((uintptr_t)page, flags);
	/* The hart may have cached the invalid entry (the privileged spec
	 * allows it; QEMU does not): a page mapped in the live address
	 * space, such as a stack page grown on demand, needs the fence. */
	if (root == active_root)
		sfence_vma_page(va);
	return 0;
}

_Static_assert(PTE_R == (uint64_t)VM_R << 1 && PTE_W == (uint64_t)VM_W << 1 &&
    PTE_X == (uint64_t)VM_X << 1, "VM_R, VM_W, VM_X shifted are the PTE bits");

/* The table a valid non-leaf entry points to, or NULL (a hole, or a large
 * page where a table should be, as walk() finds them). */
static inline pte_t *
table_of(pte_t e)
{
	return (e & (PTE_V | PTE_LEAF)) == PTE_V ? pte_table(e) : NULL;
}

/* The three levels written out rather than walk()'s loop: every copy to
 * or from user memory translates each page it touches here, and the loop
 * cost about 50 instructions where this takes under 40. */
void *
vm_user_page(pte_t *root, uint64_t va, unsigned need)
{
	uint64_t want = PTE_V | PTE_U;
	pte_t *t, e;

	if (va >= NX_USER_TOP)
		return NULL;
	want |= (uint64_t)(need & (VM_R | VM_W | VM_X)) << 1;
	t = table_of(root[vpn(va, 2)]);
	if (!t)
		return NULL;
	t = table_of(t[vpn(va, 1)]);
	if (!t)
		return NULL;
	e = t[vpn(va, 0)];
	if ((e & want) != want)
		return NULL;
	return pte_table(e);
}

void *
vm_unmap(pte_t *root, uint64_t va)
{
	pte_t *e = walk(root, va, 0, 0);
	void *page;

	if (!e || !(*e & PTE_V) || !(*e & PTE_U))
		return NULL;
	page = holds_ref(*e) ? pte_table(*e) : NULL;
	*e = 0;
	if (root == active_root)
		__asm__ volatile("sfence.vma %0, zero" : : "r"(va) : "memory");
	return page;
}

int
vm_protect(pte_t *root, uint64_t va, unsigned prot)
{
	pte_t *e = va < NX_USER_TOP ? walk(root, va, 0, 0) : NULL;

	/* A valid entry without R, W or X points to a table: never make one. */
	if (!(prot & (VM_R | VM_W | VM_X)))
		return NX_EINVAL;
	if (!e || !(*e & PTE_V) || !(*e & PTE_U))
		return NX_ENOENT;
	if ((prot & VM_W) && !(*e & PTE_OWNED) && !is_shmem(*e))
		return NX_EACCES;	/* shared: the caller must copy it */
	*e &= ~(PTE_R | PTE_W | PTE_X | ((*e & PTE_OWNED) ? PTE_COW : 0));
	if (prot & VM_R)
		*e |= PTE_R;
	/* A page another table still maps is copied at its first write,
	 * unless it is shared memory, which all of them write. */
	if ((prot & VM_W) && !is_shmem(*e) && page_refs(pte_table(*e)) > 1)
		*e |= PTE_R | PTE_COW;
	else if (prot & VM_W)
		*e |= PTE_R | PTE_W;
	if (prot & VM_X)
		*e |= PTE_X;
	if (root == active_root)
		__asm__ volatile("sfence.vma %0, zero" : : "r"(va) : "memory");
	return 0;
}

unsigned
vm_page_prot(pte_t *root, uint64_t va)
{
	pte_t *e = va < NX_USER_TOP ? walk(root, va, 0, 0) : NULL;

	if (!e || !(*e & PTE_V) || !(*e & PTE_U))
		return 0;
	return ((*e & PTE_R) ? VM_R : 0) |
	    ((*e & PTE_W) || (*e & PTE_RSW) == PTE_RSW ? VM_W : 0) |
	    ((*e & PTE_X) ? VM_X : 0);
}

/*
 * The entry moves as it is: the page keeps its one reference from this
 * table, and a copy-on-write page stays marked, so the table that shares
 * it still sees the old contents after either writes.
 */
int
vm_move(pte_t *root, uint64_t from, uint64_t to)
{
	pte_t *src = from < NX_USER_TOP ? walk(root, from, 0, 0) : NULL;
	pte_t *dst;

	if (to < NX_USER_BASE || to >= NX_USER_TOP)
		return NX_EINVAL;
	if (!src || !(*src & PTE_V) || !(*src & PTE_U))
		return NX_ENOENT;
	dst = walk(root, to, 0, 1);
	if (!dst)
		return NX_ENOMEM;
	if (*dst & PTE_V)
		return NX_EEXIST;
	*dst = *src;
	*src = 0;
	if (root == active_root) {
		sfence_vma_page(from);
		sfence_vma_page(to);
	}
	return 0;
}

/* A leaf of `src` shared with `dst`: the entry both get. */
static pte_t
share_leaf(pte_t *e)
{
	if (!holds_ref(*e))
		return *e;		/* the program cache's, never written */
	page_ref(pte_table(*e));
	if (is_shmem(*e))
		return *e;		/* written by both, as it is */
	if (*e & PTE_W)
		*e = (*e & ~PTE_W) | PTE_COW;
	return *e;
}

static int
fork_table(pte_t *dst, pte_t *t, uint64_t base, uint64_t end)
{
	for (unsigned i = 0; i < 512; i++) {
		uint64_t va = base + ((uint64_t)i << 12);
		pte_t *d;

		if (va >= end)
			break;
		if (!(t[i] & PTE_V) || !(t[i] & PTE_U))
			continue;
		d = walk(dst, va, 0, 1);
		if (!d)
			return NX_ENOMEM;
		*d = share_leaf(&t[i]);
	}
	return 0;
}

int
vm_fork(pte_t *dst, pte_t *src, uint64_t end)
{
	int err = 0;

	for (unsigned i = 0; i < USER_SLOTS && !err; i++) {
		pte_t *l1;

		if (!(src[i] & PTE_V) || (src[i] & PTE_LEAF))
			continue;
		l1 = pte_table(src[i]);
		for (unsigned j = 0; j < 512 && !err; j++) {
			uint64_t base = ((uint64_t)i << 30) | ((uint64_t)j << 21);

			if (base >= end)
				break;
			if ((l1[j] & PTE_V) && !(l1[j] & PTE_LEAF))
				err = fork_table(dst, pte_table(l1[j]), base,
				    end);
		}
	}
	/* The parent's writable pages lost W. */
	if (src == active_root)
		sfence_vma();
	return err;
}

int
vm_cow_break(pte_t *root, uint64_t va)
{
	pte_t *e = va < NX_USER_TOP ? walk(root, va, 0, 0) : NULL;
	void *old, *copy;

	if (!e || (*e & (PTE_V | PTE_U | PTE_OWNED | PTE_COW)) !=
	    (PTE_V | PTE_U | PTE_OWNED | PTE_COW))
		return NX_EFAULT;
	old = pte_table(*e);
	if (page_refs(old) > 1) {
		copy = page_alloc();
		if (!copy)
			return NX_ENOMEM;
		memcpy(copy, old, NX_PAGE_SIZE);
		page_free(old);		/* one reference fewer */
		*e = make_pte((uintptr_t)copy, *e & 0x3ff);
	}
	*e = (*e & ~PTE_COW) | PTE_W;
	if (root == active_root)
		sfence_vma_page(va);
	return 0;
}

static void free_table(pte_t *t, int level);

static void
free_entry(pte_t e, int level)
{
	if (!(e & PTE_V))
		return;
	if (e & PTE_LEAF) {
		if (holds_ref(e))
			page_free(pte_table(e));
	} else if (level > 0) {
		free_table(pte_table(e), level - 1);
	}
}

/* Frees a table and what it maps.  Its entries are cleared as they are
 * freed, so the page goes back all zeros and the next table (or page)
 * made from it needs no zeroing: the few stores here spare 512. */
static void
free_table(pte_t *t, int level)
{
	/* A Subject uses a few slots of each table: skip empty runs fast
	 * (an unused entry is all zeros). */
	for (int i = 0; i < 512; i += 8) {
		if (!(t[i] | t[i + 1] | t[i + 2] | t[i + 3] | t[i + 4] |
		    t[i + 5] | t[i + 6] | t[i + 7]))
			continue;
		for (int j = i; j < i + 8; j++) {
			free_entry(t[j], level);
			t[j] = 0;
		}
	}
	page_free_zeroed(t);
}

void
vm_destroy(pte_t *root)
{
	if (root == active_root)
		vm_activate(kernel_root);
	for (int i = 0; i < USER_SLOTS; i++) {
		if ((root[i] & PTE_V) && !(root[i] & PTE_LEAF))
			free_table(pte_table(root[i]), 1);
		root[i] = 0;
	}
	if (nkslots == 0) {
		page_free(root);
		return;
	}
	for (unsigned k = 0; k < nkslots; k++)
		root[kslots[k]] = 0;
	page_free_zeroed(root);
}
