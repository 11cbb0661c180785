/*
 * Small kernel objects (vnodes, open file descriptions, descriptor
 * tables): sizes up to KMEM_MAX bytes, carved from whole pages by size
 * class.  A page goes back to the page allocator as soon as its last
 * object is freed, so `mem` returns to its figure when everything a
 * Subject opened is closed.
 */
#ifndef RUMPK_KMEM_H
#define RUMPK_KMEM_H

#include <stddef.h>

#define KMEM_MAX	2048

/* `size` zeroed bytes (at most KMEM_MAX), or NULL when memory is out. */
void *kmem_alloc(size_t size);
/* Gives back an object kmem_alloc returned for the same `size`. */
void kmem_free(void *p, size_t size);

#endif
