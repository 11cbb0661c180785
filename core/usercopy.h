/*
 * Copies between kernel memory and a Subject's address space.  Every user
 * address is translated through the Subject's own page table and must be a
 * user page with the needed permission; anything else is NX_EFAULT.  The
 * copies work on any Subject's table, whatever satp holds.
 */
#ifndef RUMPK_USERCOPY_H
#define RUMPK_USERCOPY_H

#include <stddef.h>
#include <stdint.h>

#include "hal/hal.h"

/* Whether [uva, uva+len) is user memory with permission `need` (VM_*). */
int user_range_ok(pte_t *root, uint64_t uva, size_t len, unsigned need);
int copy_from_user(pte_t *root, void *dst, uint64_t src, size_t len);
int copy_to_user(pte_t *root, uint64_t dst, const void *src, size_t len);
/* Copies a NUL-terminated string of at most max-1 bytes; returns its
 * length, NX_EFAULT, or NX_ENAMETOOLONG. */
long copy_str_from_user(pte_t *root, char *dst, uint64_t src, size_t max);

#endif
