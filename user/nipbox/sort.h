/*
 * An in-place heapsort for NipBox, which has no C library: O(n log n)
 * comparisons and no recursion, whatever the order the entries come in.
 * Pure, so it is tested on the host.
 */
#ifndef NIPBOX_SORT_H
#define NIPBOX_SORT_H

#include <stddef.h>

/* Sorts `n` elements of `size` bytes at `base` as qsort() would (not
 * stable). */
void nb_sort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));

#endif
