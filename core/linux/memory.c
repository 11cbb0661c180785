/*
 * Linux memory: the heap's break and mappings (mmap, munmap, mprotect,
 * mremap).  Mappings are regions kept sorted in the Subject's vmas[],
 * between MMAP_BASE and NX_HEAP_TOP; never writable and executable.
 *
 * Anonymous mappings get fresh pages; MAP_SHARED ones are shared memory
 * that a fork shares rather than copies.  A file mapping maps the file's
 * pages at mmap time: MAP_SHARED the file's own pages (stores are the
 * file's bytes, seen by read() and by every other mapping of it), with
 * a reference the mapping holds, so a page truncated or unlinked away
 * stays valid (and mapped) until unmapped, where Linux would send
 * SIGBUS; MAP_PRIVATE a copy of its bytes.  Pages wholly past the file's
 * end are left unmapped (a fault; SIGBUS on Linux).  Such mappings keep
 * the pages they got: mprotect(PROT_NONE) drops a page for good (a later
 * access faults) and mremap does not grow them.
 *
 * A program may change only its own part of the address space: the image,
 * heap and mappings below NX_HEAP_TOP, and the stack.  The pages the
 * kernel maps at the top (packet slabs, rings, SysTable) are the kernel's
 * side of the ABI: mprotect refuses them with EACCES, munmap with EINVAL,
 * and mmap(MAP_FIXED) never reaches them (ENOMEM).  The heap and the
 * mappings together hold at most LINUX_AS_MAX bytes.
 */
#include <string.h>

#include "fs/file.h"
#include "linux.h"

#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_TYPE	0x0f	/* 3: MAP_SHARED_VALIDATE, taken as shared */
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

static uint64_t
page_up(uint64_t v)
{
	return (v + NX_PAGE_SIZE - 1) & ~(NX_PAGE_SIZE - 1);
}

/* Bytes the heap and the mappings hold now (reserved ones included). */
static uint64_t
held(const struct subject *s)
{
	uint64_t n = page_up(s->brk) - page_up(s->heap_start);

	for (int i = 0; i < s->nvmas; i++)
		n += s->vmas[i].end - s->vmas[i].start;
	return n;
}

/* Whether `len` more bytes fit under the limit. */
static int
fits(const struct subject *s, uint64_t len)
{
	uint64_t now = held(s);

	return now <= LINUX_AS_MAX && len <= LINUX_AS_MAX - now;
}

/* Whether [start, end) lies in the program's own part of the space. */
static int
own_range(uint64_t start, uint64_t end)
{
	if (start >= NX_USER_BASE && end <= NX_HEAP_TOP)
		return 1;
	return start >= NX_STACK_TOP - NX_STACK_SIZE && end <= NX_STACK_TOP;
}

/* Whether [start, end) touches the kernel's fixed pages. */
static int
fixed_pages(uint64_t start, uint64_t end)
{
	return start < NX_USER_TOP && end > NX_SLAB_BASE;
}

int64_t
sys_brk(struct subject *s, const uint64_t *a)
{
	uint64_t want = a[0];

	/* Linux's brk answers with the break, moved or not. */
	if (want > s->brk && want <= NX_HEAP_TOP &&
	    !fits(s, page_up(want) - page_up(s->brk)))
		return (int64_t)s->brk;
	subject_brk(s, want);
	return (int64_t)s->brk;
}

static unsigned
vm_prot(uint64_t prot)
{
	return ((prot & PROT_READ) ? VM_R : 0) |
	    ((prot & PROT_WRITE) ? VM_W : 0) | ((prot & PROT_EXEC) ? VM_X : 0);
}

/* Where a new mapping of `len` bytes fits, first fit; 0 if nowhere. */
static uint64_t
find_gap(const struct subject *s, uint64_t len)
{
	uint64_t at = MMAP_BASE;

	for (int i = 0; i < s->nvmas; i++) {
		if (s->vmas[i].start - at >= len)
			return at;
		at = s->vmas[i].end;
	}
	return NX_HEAP_TOP - at >= len ? at : 0;
}

static int
add_vma(struct subject *s, uint64_t start, uint64_t end, uint32_t flags)
{
	int i;

	if (s->nvmas == MAX_VMAS)
		return NX_ENOMEM;
	for (i = s->nvmas; i > 0 && s->vmas[i - 1].start > start; i--)
		s->vmas[i] = s->vmas[i - 1];
	s->vmas[i].start = start;
	s->vmas[i].end = end;
	s->vmas[i].flags = flags;
	s->nvmas++;
	return 0;
}

static void
remove_vma(struct subject *s, int i)
{
	memmove(&s->vmas[i], &s->vmas[i + 1],
	    (size_t)(s->nvmas - i - 1) * sizeof(s->vmas[0]));
	s->nvmas--;
}

static int
overlaps(const struct subject *s, uint64_t start, uint64_t end)
{
	for (int i = 0; i < s->nvmas; i++) {
		if (start < s->vmas[i].end && s->vmas[i].start < end)
			return 1;
	}
	return 0;
}

/* Whether description `f` may be mapped so (Linux's checks, in its
 * order): 0, NX_EACCES or NX_ENODEV (not a file of pages). */
static int
mappable(const struct file *f, int shared, uint64_t prot)
{
	uint32_t mode = f->flags & NX_O_ACCMODE;

	if (shared && (prot & PROT_WRITE) && mode == NX_O_RDONLY)
		return NX_EACCES;
	if (mode == NX_O_WRONLY)
		return NX_EACCES;
	return vn_can_map(f->vn) ? 0 : NX_ENODEV;
}

/* The pages of a new mapping at [start, end): NX_ENOMEM when short. */
static int
map_pages(struct subject *s, uint64_t start, uint64_t end, unsigned prot,
    const struct file *f, uint64_t off, int shared)
{
	int err;

	if (!prot)
		return 0;	/* reserves the addresses; mprotect maps them */
	if (!f)
		return subject_map(s, start, end, prot | (shared ? VM_SHMEM : 0));
	err = subject_map_file(s, start, end, f->vn, off, prot, shared);
	return err ? NX_ENOMEM : 0;
}

/* The flags of a new mapping. */
static uint32_t
vma_flags(const struct file *f, int shared)
{
	uint32_t flags = f || shared ? VMA_FIXED_PAGES : 0;

	if (f && shared && (f->flags & NX_O_ACCMODE) == NX_O_RDONLY)
		flags |= VMA_NO_WRITE;
	return flags;
}

/*
 * mmap(addr, len, prot, flags, fd, off), in Linux's order of checks: the
 * offset (riscv's own check, before the descriptor), the descriptor, the
 * length, the type, then the file.
 */
int64_t
sys_mmap(struct subject *s, const uint64_t *a)
{
	uint64_t len = page_up(a[1]), start = a[0], type = a[3] & MAP_TYPE;
	unsigned prot = vm_prot(a[2]);
	struct file *f = NULL;
	int shared = type == MAP_SHARED || type == (MAP_SHARED | MAP_PRIVATE);
	int err;

	if (a[5] & (NX_PAGE_SIZE - 1))
		return NX_EINVAL;
	if (!(a[3] & MAP_ANONYMOUS) && !(f = fdt_get(&s->fds, (uint32_t)a[4])))
		return NX_EBADF;
	if (a[1] == 0)
		return NX_EINVAL;
	/* A length that wraps when rounded is too long, as in Linux. */
	if (len < a[1] || len > NX_HEAP_TOP - MMAP_BASE || !fits(s, len))
		return NX_ENOMEM;
	if (!shared && type != MAP_PRIVATE)
		return NX_EINVAL;
	if ((prot & VM_W) && (prot & VM_X))
		return NX_EACCES;	/* never writable and executable */
	if (f && (err = mappable(f, shared, a[2])))
		return err;
	if (a[3] & MAP_FIXED) {
		if ((start & (NX_PAGE_SIZE - 1)) || start < MMAP_BASE ||
		    start > NX_HEAP_TOP - len || overlaps(s, start, start + len))
			return NX_ENOMEM;
	} else if (!(start = find_gap(s, len))) {
		return NX_ENOMEM;
	}
	if (add_vma(s, start, start + len, vma_flags(f, shared)))
		return NX_ENOMEM;
	if (map_pages(s, start, start + len, prot, f, a[5], shared)) {
		for (int i = 0; i < s->nvmas; i++) {
			if (s->vmas[i].start == start) {
				remove_vma(s, i);
				break;
			}
		}
		return NX_ENOMEM;
	}
	return (int64_t)start;
}

/* Takes [start, end) out of the mappings, freeing its pages: 0, or
 * NX_ENOMEM when a mapping would split and no slot is left. */
static int
unmap_range(struct subject *s, uint64_t start, uint64_t end)
{
	for (int i = 0; i < s->nvmas; i++) {
		struct vma *v = &s->vmas[i];
		uint64_t lo = start > v->start ? start : v->start;
		uint64_t hi = end < v->end ? end : v->end;

		if (lo >= hi)
			continue;
		if (lo > v->start && hi < v->end) {
			/* A hole in the middle: the mapping splits in two. */
			if (add_vma(s, hi, v->end, v->flags))
				return NX_ENOMEM;
			v = &s->vmas[i];
			v->end = lo;
		} else if (lo > v->start) {
			v->end = lo;
		} else if (hi < v->end) {
			v->start = hi;
		} else {
			subject_unmap(s, lo, hi);
			remove_vma(s, i--);
			continue;
		}
		subject_unmap(s, lo, hi);
	}
	return 0;
}

/* munmap's checks, then the unmapping: 0, NX_EINVAL or NX_ENOMEM. */
static int64_t
unmap_checked(struct subject *s, uint64_t start, uint64_t len)
{
	uint64_t end;

	/* Checked before rounding: (size_t)-1 would round to 0. */
	if ((start & (NX_PAGE_SIZE - 1)) || len == 0 || start > NX_USER_TOP ||
	    len > NX_USER_TOP - start)
		return NX_EINVAL;
	end = page_up(start + len);
	if (fixed_pages(start, end))
		return NX_EINVAL;
	return unmap_range(s, start, end);
}

int64_t
sys_munmap(struct subject *s, const uint64_t *a)
{
	return unmap_checked(s, a[0], a[1]);
}

/* The mapping holding `va`, or -1. */
static int
vma_at(const struct subject *s, uint64_t va)
{
	for (int i = 0; i < s->nvmas; i++) {
		if (va >= s->vmas[i].start && va < s->vmas[i].end)
			return i;
	}
	return -1;
}

/* Whether some shared mapping of a read-only file lies in [start, end):
 * it may never be made writable. */
static int
write_refused(const struct subject *s, uint64_t start, uint64_t end)
{
	for (int i = 0; i < s->nvmas; i++) {
		if (start < s->vmas[i].end && s->vmas[i].start < end &&
		    (s->vmas[i].flags & VMA_NO_WRITE))
			return 1;
	}
	return 0;
}

/* New permissions for the page at `va` (not PROT_NONE): 0 or NX_ENOMEM. */
static int
protect_page(struct subject *s, uint64_t va, unsigned prot)
{
	int i = vma_at(s, va);
	int err = vm_protect(s->uc.root, va, prot);

	if (err == NX_EACCES)	/* shared text: write to a copy */
		err = subject_unshare(s, va, prot);
	if (err == 0)
		return 0;
	if (i < 0)
		return NX_ENOMEM;
	/* A mapping with pages of its own: none is made for a gap. */
	if (s->vmas[i].flags & VMA_FIXED_PAGES)
		return 0;
	return subject_map(s, va, va + NX_PAGE_SIZE, prot) ? NX_ENOMEM : 0;
}

int64_t
sys_mprotect(struct subject *s, const uint64_t *a)
{
	uint64_t start = a[0], end = page_up(a[0] + a[1]);
	unsigned prot = vm_prot(a[2]);

	if (start & (NX_PAGE_SIZE - 1))
		return NX_EINVAL;
	if (a[1] == 0)
		return 0;
	if (end <= start || page_up(a[1]) == 0)
		return NX_ENOMEM;	/* the length wraps: Linux's answer */
	if ((prot & VM_W) && (prot & VM_X))
		return NX_EACCES;
	if (fixed_pages(start, end))
		return NX_EACCES;
	if (!own_range(start, end))
		return NX_ENOMEM;	/* nothing a program can map is there */
	if ((prot & VM_W) && write_refused(s, start, end))
		return NX_EACCES;
	for (uint64_t va = start; va < end; va += NX_PAGE_SIZE) {
		if (prot) {
			if (protect_page(s, va, prot))
				return NX_ENOMEM;
		} else if (vma_at(s, va) >= 0) {
			subject_unmap(s, va, va + NX_PAGE_SIZE);
		} else if (vm_user_page(s->uc.root, va, 0)) {
			return NX_EACCES; /* no PROT_NONE holes elsewhere */
		}
	}
	return 0;
}

/*
 * The mapping [old, old + old_len) lies in, to be made new_len long: its
 * index, NX_EFAULT (the range is not inside one mapping), NX_EINVAL (no
 * length: Linux copies only shared mappings that way) or NX_ENOMEM (the
 * growth passes the limit, or the mapping has pages of its own, which
 * this kernel does not grow).
 */
static int
resizable(const struct subject *s, uint64_t old, uint64_t old_len,
    uint64_t new_len)
{
	int i = vma_at(s, old);

	if (i < 0)
		return NX_EFAULT;
	if (old_len == 0)
		return NX_EINVAL;
	if (old_len > s->vmas[i].end - old)
		return NX_EFAULT;
	if (new_len > old_len && (!fits(s, new_len - old_len) ||
	    (s->vmas[i].flags & VMA_FIXED_PAGES)))
		return NX_ENOMEM;
	return i;
}

/* Mapping `i` grows at its end to `end` when nothing is mapped there:
 * 0, or NX_ENOMEM with nothing changed.  The new pages get the
 * permissions of its last page. */
static int
grow_in_place(struct subject *s, int i, uint64_t end)
{
	struct vma *v = &s->vmas[i];
	uint64_t room = i + 1 < s->nvmas ? s->vmas[i + 1].start : NX_HEAP_TOP;
	unsigned prot = vm_page_prot(s->uc.root, v->end - NX_PAGE_SIZE);

	if (end > room)
		return NX_ENOMEM;
	if (prot && subject_map(s, v->end, end, prot))
		return NX_ENOMEM;
	v->end = end;
	return 0;
}

/*
 * Moves [old, old + old_len) to the free range [to, to + new_len): the
 * pages it keeps move (copy-on-write marks and all), a longer range gets
 * fresh ones with the permissions of the last, and the old range is
 * unmapped.  The caller made sure of the mapping slots this takes (two).
 */
static int64_t
move_mapping(struct subject *s, uint64_t old, uint64_t old_len, uint64_t to,
    uint64_t new_len)
{
	uint64_t keep = old_len < new_len ? old_len : new_len;
	unsigned prot = vm_page_prot(s->uc.root, old + keep - NX_PAGE_SIZE);
	uint32_t flags = s->vmas[vma_at(s, old)].flags;

	if (subject_move(s, old, to, keep))
		return NX_ENOMEM;
	if (new_len > keep && prot &&
	    subject_map(s, to + keep, to + new_len, prot)) {
		subject_move(s, to, old, keep);
		return NX_ENOMEM;
	}
	unmap_range(s, old, old + old_len);	/* frees what did not move */
	add_vma(s, to, to + new_len, flags);
	return (int64_t)to;
}

/* Whether `n` more mappings fit in the table.  Linux too wants room to
 * spare before it starts. */
static int
slots(const struct subject *s, int n)
{
	return s->nvmas + n <= MAX_VMAS;
}

/* MREMAP_FIXED: whatever is mapped at [to, to + new_len) goes first. */
static int64_t
remap_fixed(struct subject *s, uint64_t old, uint64_t old_len, uint64_t to,
    uint64_t new_len)
{
	int i;

	if ((to & (NX_PAGE_SIZE - 1)) || new_len > NX_USER_TOP ||
	    to > NX_USER_TOP - new_len)
		return NX_EINVAL;
	if (old + old_len > to && to + new_len > old)
		return NX_EINVAL;	/* the ranges overlap */
	/* Mappings live there only: mmap(MAP_FIXED) answers the same. */
	if (to < MMAP_BASE || to + new_len > NX_HEAP_TOP)
		return NX_ENOMEM;
	i = resizable(s, old, old_len, new_len);
	if (i < 0)
		return i;
	if (!slots(s, 3))
		return NX_ENOMEM;
	unmap_range(s, to, to + new_len);	/* splits one at most */
	return move_mapping(s, old, old_len, to, new_len);
}

/*
 * mremap(old, old_len, new_len, flags, new_addr) for anonymous mappings,
 * in Linux's order of checks (mm/mremap.c).  Shrinking unmaps the tail,
 * as munmap would; growing extends the mapping where the addresses after
 * it are free, else moves it with MREMAP_MAYMOVE.  MREMAP_DONTUNMAP is
 * refused: nothing here keeps an emptied range mapped.
 */
int64_t
sys_mremap(struct subject *s, const uint64_t *a)
{
	uint64_t old = a[0], flags = a[3], old_len, new_len, to;
	int i;

	if (flags & ~(uint64_t)(MREMAP_MAYMOVE | MREMAP_FIXED))
		return NX_EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return NX_EINVAL;
	if (old & (NX_PAGE_SIZE - 1))
		return NX_EINVAL;
	old_len = page_up(a[1]);
	new_len = page_up(a[2]);
	if (new_len == 0)
		return NX_EINVAL;	/* none asked, or the length wraps */
	if (flags & MREMAP_FIXED)
		return remap_fixed(s, old, old_len, a[4], new_len);
	if (new_len <= old_len) {
		int64_t err = new_len == old_len ? 0 :
		    unmap_checked(s, old + new_len, old_len - new_len);

		return err ? err : (int64_t)old;
	}
	i = resizable(s, old, old_len, new_len);
	if (i < 0)
		return i;
	if (old + old_len == s->vmas[i].end &&
	    grow_in_place(s, i, old + new_len) == 0)
		return (int64_t)old;
	if (!(flags & MREMAP_MAYMOVE))
		return NX_ENOMEM;
	to = find_gap(s, new_len);
	if (!to || !slots(s, 2))
		return NX_ENOMEM;
	return move_mapping(s, old, old_len, to, new_len);
}
