#include <string.h>

#include "nexus/abi.h"
#include "subject.h"
#include "usercopy.h"

/* user_page's slow path: a stack page not mapped yet is mapped first, and
 * a copy-on-write page to be written is copied first, as a fault would. */
static void * __attribute__((noinline))
user_page_fault(pte_t *root, uint64_t va, unsigned need)
{
	void *page = NULL;

	if (subject_grow_stack(root, va) == 0)
		page = vm_user_page(root, va, need);
	if (!page && (need & VM_W) && vm_cow_break(root, va) == 0)
		page = vm_user_page(root, va, need);
	return page;
}

/* The kernel view of the user page at `va`, if it has permission `need`
 * (or gets it as a fault would).  In line: the common case is one call. */
static inline void *
user_page(pte_t *root, uint64_t va, unsigned need)
{
	void *page = vm_user_page(root, va, need);

	return page ? page : user_page_fault(root, va, need);
}

/* Eight words, all loaded before any is stored (written out: GCC keeps
 * a loop over an array in memory). */
static inline void
copy8(uint64_t *restrict d, const uint64_t *restrict s)
{
	uint64_t a = s[0], b = s[1], c = s[2], e = s[3];
	uint64_t f = s[4], g = s[5], h = s[6], i = s[7];

	d[0] = a;
	d[1] = b;
	d[2] = c;
	d[3] = e;
	d[4] = f;
	d[5] = g;
	d[6] = h;
	d[7] = i;
}

/* The whole words of `n` 8-aligned bytes: thirty-two a turn (a page is
 * 16 turns of 68 instructions), sixteen once, then four, then one.  Out
 * of line, so that the small copies (argument blocks) do not pay for the
 * registers it needs.  Returns the bytes copied. */
static size_t __attribute__((noinline))
copy_words(uint64_t *restrict d, const uint64_t *restrict s, size_t n)
{
	size_t done = n & ~(size_t)7;

	/* The barriers keep GCC from hoisting all 32 loads above the stores
	 * (restrict allows it), which spills half of them to the stack. */
	for (; n >= 256; n -= 256, d += 32, s += 32) {
		copy8(d, s);
		copy8(d + 8, s + 8);
		__asm__ volatile("" : : : "memory");
		copy8(d + 16, s + 16);
		copy8(d + 24, s + 24);
	}
	if (n >= 128) {
		copy8(d, s);
		copy8(d + 8, s + 8);
		n -= 128;
		d += 16;
		s += 16;
	}
	for (; n >= 32; n -= 32, d += 4, s += 4) {
		uint64_t a = s[0], b = s[1], c = s[2], e = s[3];

		d[0] = a;
		d[1] = b;
		d[2] = c;
		d[3] = e;
	}
	for (; n >= 8; n -= 8)
		*d++ = *s++;
	return done;
}

/*
 * Copies `n` bytes between kernel views.  When both ends are 8-aligned
 * (buffers and pages usually are) it moves sixteen words a turn, loads
 * before stores: a 4 KiB page is 32 turns of 36 instructions, where a
 * byte loop takes 5 a byte and memcpy's 4-word turns 3 a word.  A few
 * words (an argument block) are copied in line.
 */
static inline void
copy_bytes(uint8_t *restrict d, const uint8_t *restrict s, size_t n)
{
	if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
		uint64_t *dw = (uint64_t *)(void *)d;
		const uint64_t *sw = (const uint64_t *)(const void *)s;

		if (n >= 64) {
			size_t k = copy_words(dw, sw, n);

			dw += k / 8;
			sw += k / 8;
			n -= k;
		}
		for (; n >= 8; n -= 8)
			*dw++ = *sw++;
		d = (uint8_t *)dw;
		s = (const uint8_t *)sw;
	}
	while (n--)
		*d++ = *s++;
}

/* Whether [uva, uva+len) lies below the top of user memory, without
 * wrapping. */
static inline int
user_span_ok(uint64_t uva, size_t len)
{
	return uva + len >= uva && uva + len <= NX_USER_TOP;
}

/* Walks [uva, uva+len) page by page; `fn` gets each piece's kernel view. */
static int
each_page(pte_t *root, uint64_t uva, size_t len, unsigned need,
    void (*fn)(void *ctx, uint8_t *kva, size_t n), void *ctx)
{
	if (!user_span_ok(uva, len))
		return NX_EFAULT;
	while (len) {
		uint64_t off = uva & (NX_PAGE_SIZE - 1);
		size_t n = NX_PAGE_SIZE - off;
		uint8_t *page = user_page(root, uva - off, need);

		if (!page)
			return NX_EFAULT;
		if (n > len)
			n = len;
		fn(ctx, page + off, n);
		uva += n;
		len -= n;
	}
	return 0;
}

static void
nothing(void *ctx, uint8_t *kva, size_t n)
{
	(void)ctx;
	(void)kva;
	(void)n;
}

int
user_range_ok(pte_t *root, uint64_t uva, size_t len, unsigned need)
{
	return each_page(root, uva, len, need, nothing, NULL) == 0;
}

/*
 * The copies walk the range a page at a time, each page translated once
 * and copied whole (a 4 KiB read is one or two pieces).  A fault part way
 * leaves the pieces before it copied.  A range within one page (an
 * argument block, most buffers) takes a path of its own that keeps
 * fewer registers across the translation.
 */
static int __attribute__((noinline))
pages_from_user(pte_t *root, uint8_t *d, uint64_t src, size_t len)
{
	if (!user_span_ok(src, len))
		return NX_EFAULT;
	while (len) {
		uint64_t off = src & (NX_PAGE_SIZE - 1);
		size_t n = NX_PAGE_SIZE - off < len ? NX_PAGE_SIZE - off : len;
		const uint8_t *page = user_page(root, src - off, VM_R);

		if (!page)
			return NX_EFAULT;
		copy_bytes(d, page + off, n);
		d += n;
		src += n;
		len -= n;
	}
	return 0;
}

static int __attribute__((noinline))
pages_to_user(pte_t *root, uint64_t dst, const uint8_t *s, size_t len)
{
	if (!user_span_ok(dst, len))
		return NX_EFAULT;
	while (len) {
		uint64_t off = dst & (NX_PAGE_SIZE - 1);
		size_t n = NX_PAGE_SIZE - off < len ? NX_PAGE_SIZE - off : len;
		uint8_t *page = user_page(root, dst - off, VM_W);

		if (!page)
			return NX_EFAULT;
		copy_bytes(page + off, s, n);
		s += n;
		dst += n;
		len -= n;
	}
	return 0;
}

int
copy_from_user(pte_t *root, void *dst, uint64_t src, size_t len)
{
	uint64_t off = src & (NX_PAGE_SIZE - 1);
	const uint8_t *page;

	/* Nothing to copy (len 0) takes the page walk, which touches no
	 * page: an empty range is never a fault. */
	if (len - 1 >= NX_PAGE_SIZE - off || !user_span_ok(src, len))
		return pages_from_user(root, dst, src, len);
	page = user_page(root, src - off, VM_R);
	if (!page)
		return NX_EFAULT;
	copy_bytes(dst, page + off, len);
	return 0;
}

int
copy_to_user(pte_t *root, uint64_t dst, const void *src, size_t len)
{
	uint64_t off = dst & (NX_PAGE_SIZE - 1);
	uint8_t *page;

	/* Nothing to copy (len 0) takes the page walk, which touches no
	 * page: an empty range is never a fault. */
	if (len - 1 >= NX_PAGE_SIZE - off || !user_span_ok(dst, len))
		return pages_to_user(root, dst, src, len);
	page = user_page(root, dst - off, VM_W);
	if (!page)
		return NX_EFAULT;
	copy_bytes(page + off, src, len);
	return 0;
}

long
copy_str_from_user(pte_t *root, char *dst, uint64_t src, size_t max)
{
	size_t n = 0;

	while (n < max) {
		uint64_t uva = src + n;
		uint64_t off = uva & (NX_PAGE_SIZE - 1);
		const char *page;

		if (uva < src || uva >= NX_USER_TOP)
			return NX_EFAULT;
		page = user_page(root, uva - off, VM_R);
		if (!page)
			return NX_EFAULT;
		for (; off < NX_PAGE_SIZE && n < max; off++, n++) {
			dst[n] = page[off];
			if (!dst[n])
				return (long)n;
		}
	}
	dst[max - 1] = '\0';
	return NX_ENAMETOOLONG;
}
