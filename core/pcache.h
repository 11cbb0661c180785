/*
 * The program page cache: pages of programs' read-only segments, shared by
 * every Subject that runs the same file.  A file is cached only while its
 * bytes cannot change (the archive's), so a page filled once stays right
 * for the whole boot.  Mapping the
 * same physical page into each Subject means it is never zeroed or copied
 * again, and QEMU keeps the code it translated from it (docs/PERFORMANCE.md).
 *
 * A file's record counts the Subjects that map its pages (users).  Its
 * pages stay cached when the last one ends, so the next run finds them;
 * page_alloc() takes them back through pcache_reclaim() when nothing else
 * is free.  Pure: it keeps the pages it is given and hands them back with
 * page_free().
 */
#ifndef RUMPK_PCACHE_H
#define RUMPK_PCACHE_H

#include <stdint.h>

#define PCACHE_FILES	32	/* more than Subjects (+1 for a replace) */
#define PCACHE_PAGES	1024	/* 4 MiB of program text */

struct pcache_file;

/* The record of the file `key` (what names its bytes while they cannot
 * change: vn_cache_key), with one user more; a new, empty one the first
 * time.  NULL when `key` is NULL (bytes that can change) or every record
 * is in use: the caller then loads private pages. */
struct pcache_file *pcache_acquire(const void *key);

/* One user more of a record held already (a fork's child; NULL:
 * nothing). */
void pcache_hold(struct pcache_file *f);

/* One user fewer (NULL: nothing).  The pages stay until reclaimed. */
void pcache_release(struct pcache_file *f);

/* The page cached for `va` of `f`, or NULL. */
void *pcache_find(struct pcache_file *f, uint64_t va);

/* Keeps `page`, filled for `va` of `f`, from now on: 0, or -1 when the
 * cache has no room (the page stays the caller's). */
int pcache_add(struct pcache_file *f, uint64_t va, void *page);

/* Frees the pages of the file no Subject has used for longest; returns
 * how many (0: every cached page is in use). */
uint64_t pcache_reclaim(void);

/* Pages cached, and how many of them no Subject maps (reclaimable). */
void pcache_stat(uint64_t *cached, uint64_t *idle);

#endif
