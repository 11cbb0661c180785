/*
 * Linux memory: the heap's break and anonymous mappings (mmap, munmap,
 * mprotect).  Mappings are regions kept sorted in the Subject's vmas[],
 * between MMAP_BASE and NX_HEAP_TOP; never writable and executable.
 *
 * A program may change only its own part of the address space: the image,
 * heap and mappings below NX_HEAP_TOP, and the stack.  The pages the
 * kernel maps at the top (packet slabs, rings, SysTable) are the kernel's
 * side of the ABI: mprotect refuses them with EACCES, munmap with EINVAL,
 * and mmap(MAP_FIXED) never reaches them (ENOMEM).  The heap and the
 * mappings together hold at most LINUX_AS_MAX bytes.
 */
#include <string.h>

#include "linux.h"

#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4

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
add_vma(struct subject *s, uint64_t start, uint64_t end)
{
	int i;

	if (s->nvmas == MAX_VMAS)
		return NX_ENOMEM;
	for (i = s->nvmas; i > 0 && s->vmas[i - 1].start > start; i--)
		s->vmas[i] = s->vmas[i - 1];
	s->vmas[i].start = start;
	s->vmas[i].end = end;
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

int64_t
sys_mmap(struct subject *s, const uint64_t *a)
{
	uint64_t len = page_up(a[1]);
	uint64_t start = a[0];
	unsigned prot = vm_prot(a[2]);

	if (a[1] == 0)
		return NX_EINVAL;
	/* A length that wraps when rounded is too long, as in Linux. */
	if (len < a[1] || len > NX_HEAP_TOP - MMAP_BASE || !fits(s, len))
		return NX_ENOMEM;
	if (!(a[3] & MAP_ANONYMOUS))
		return NX_ENODEV;	/* no file mappings */
	if ((prot & VM_W) && (prot & VM_X))
		return NX_EACCES;	/* never writable and executable */
	if (a[3] & MAP_FIXED) {
		if ((start & (NX_PAGE_SIZE - 1)) || start < MMAP_BASE ||
		    start > NX_HEAP_TOP - len || overlaps(s, start, start + len))
			return NX_ENOMEM;
	} else if (!(start = find_gap(s, len))) {
		return NX_ENOMEM;
	}
	if (add_vma(s, start, start + len))
		return NX_ENOMEM;
	/* PROT_NONE reserves the addresses; mprotect maps them later. */
	if (prot && subject_map(s, start, start + len, prot) != 0) {
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

int64_t
sys_munmap(struct subject *s, const uint64_t *a)
{
	uint64_t start = a[0], end;

	/* Checked before rounding: (size_t)-1 would round to 0. */
	if ((start & (NX_PAGE_SIZE - 1)) || a[1] == 0 || start > NX_USER_TOP ||
	    a[1] > NX_USER_TOP - start)
		return NX_EINVAL;
	end = page_up(start + a[1]);
	if (fixed_pages(start, end))
		return NX_EINVAL;
	for (int i = 0; i < s->nvmas; i++) {
		struct vma *v = &s->vmas[i];
		uint64_t lo = start > v->start ? start : v->start;
		uint64_t hi = end < v->end ? end : v->end;

		if (lo >= hi)
			continue;
		if (lo > v->start && hi < v->end) {
			/* A hole in the middle: the mapping splits in two. */
			if (add_vma(s, hi, v->end))
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

int64_t
sys_mprotect(struct subject *s, const uint64_t *a)
{
	uint64_t start = a[0], end = page_up(a[0] + a[1]);
	unsigned prot = vm_prot(a[2]);
	int err;

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
	for (uint64_t va = start; va < end; va += NX_PAGE_SIZE) {
		int in_vma = overlaps(s, va, va + NX_PAGE_SIZE);

		if (!prot) {
			if (in_vma)
				subject_unmap(s, va, va + NX_PAGE_SIZE);
			else if (vm_user_page(s->uc.root, va, 0))
				return NX_EACCES; /* no PROT_NONE holes elsewhere */
			continue;
		}
		err = vm_protect(s->uc.root, va, prot);
		if (err == NX_EACCES)	/* shared text: write to a copy */
			err = subject_unshare(s, va, prot);
		if (err == 0)
			continue;
		if (!in_vma)
			return NX_ENOMEM;
		if (subject_map(s, va, va + NX_PAGE_SIZE, prot))
			return NX_ENOMEM;
	}
	return 0;
}
