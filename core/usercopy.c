#include <string.h>

#include "nexus/abi.h"
#include "subject.h"
#include "usercopy.h"

/* The kernel view of the user page at `va`, if it has permission `need`;
 * a stack page not mapped yet is mapped first, and a copy-on-write page
 * to be written is copied first, as a fault would. */
static void *
user_page(pte_t *root, uint64_t va, unsigned need)
{
	void *page = vm_user_page(root, va, need);

	if (!page && subject_grow_stack(root, va) == 0)
		page = vm_user_page(root, va, need);
	if (!page && (need & VM_W) && vm_cow_break(root, va) == 0)
		page = vm_user_page(root, va, need);
	return page;
}

/* Walks [uva, uva+len) page by page; `fn` gets each piece's kernel view. */
static int
each_page(pte_t *root, uint64_t uva, size_t len, unsigned need,
    void (*fn)(void *ctx, uint8_t *kva, size_t n), void *ctx)
{
	if (uva + len < uva || uva + len > NX_USER_TOP)
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
pull(void *ctx, uint8_t *kva, size_t n)
{
	uint8_t **dst = ctx;

	memcpy(*dst, kva, n);
	*dst += n;
}

static void
push(void *ctx, uint8_t *kva, size_t n)
{
	const uint8_t **src = ctx;

	memcpy(kva, *src, n);
	*src += n;
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

int
copy_from_user(pte_t *root, void *dst, uint64_t src, size_t len)
{
	uint8_t *d = dst;

	return each_page(root, src, len, VM_R, pull, &d);
}

int
copy_to_user(pte_t *root, uint64_t dst, const void *src, size_t len)
{
	const uint8_t *s = src;

	return each_page(root, dst, len, VM_W, push, &s);
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
