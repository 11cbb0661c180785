/* A heapsort; see sort.h. */
#include <stdint.h>

#include "sort.h"

static void
swap(unsigned char *a, unsigned char *b, size_t size)
{
	while (size--) {
		unsigned char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Moves element `i` down the heap of the first `n` until both its
 * children are no greater. */
static void
sift(unsigned char *base, size_t i, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t big = i, l = 2 * i + 1, r = l + 1;

		if (l < n && cmp(base + l * size, base + big * size) > 0)
			big = l;
		if (r < n && cmp(base + r * size, base + big * size) > 0)
			big = r;
		if (big == i)
			return;
		swap(base + i * size, base + big * size, size);
		i = big;
	}
}

void
nb_sort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	unsigned char *b = base;

	/* No array that fits in memory is so long that 2 * i + 2 wraps. */
	if (n < 2 || size == 0 || n > SIZE_MAX / 2 / size)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift(b, i, n, size, cmp);
	/* The greatest goes last, then the heap shrinks by one. */
	for (size_t end = n - 1; end > 0; end--) {
		swap(b, b + end * size, size);
		sift(b, 0, end, size, cmp);
	}
}
