/*
 * memfs's own helpers, shared by memfs.c (nodes and names), memfs_data.c
 * (file pages) and memfs_seed.c (the archive).  Not for other callers.
 */
#ifndef RUMPK_MEMFS_IMPL_H
#define RUMPK_MEMFS_IMPL_H

#include "fs/memfs.h"

/* Bytes charged for a node and for a directory entry. */
#define MEMFS_NODE_COST		sizeof(struct mnode)
#define MEMFS_DIRENT_COST(owned, len) \
	(sizeof(struct mdirent) + ((owned) ? (len) : 0))

/* Takes `bytes` from the space left: 0 or NX_ENOSPC. */
int memfs_charge(struct memfs *fs, uint64_t bytes);
void memfs_uncharge(struct memfs *fs, uint64_t bytes);

uint64_t memfs_now(struct memfs *fs);

/* A node of `type`, charged, on the fs's list, without a name yet. */
int memfs_node_new(struct memfs *fs, int type, uint32_t mode,
    struct mnode **out);

/* A directory entry for `name` (copied if `owned`), charged. */
int memfs_dirent_new(struct memfs *fs, const char *name, size_t len,
    int owned, struct mdirent **out);

/* Gives `de` the next cookie of `dir` and puts it last; the name counts. */
void memfs_dir_append(struct mnode *dir, struct mdirent *de);

/* Frees a node's storage, whatever its names and holds. */
void memfs_node_free(struct mnode *n);
/* Frees a node with neither a name nor a hold. */
void memfs_node_put(struct mnode *n);
void memfs_dirent_free(struct memfs *fs, struct mdirent *de);
void memfs_dir_remove(struct mnode *dir, struct mdirent *de);
struct mdirent *memfs_dir_find(const struct mnode *dir, const char *name,
    size_t len);
/* The directory's entries changed: mtime and ctime become now. */
void memfs_dir_touch(struct mnode *dir);

/* Frees every node and entry; the root too unless `keep_root` (which is
 * then an empty directory). */
void memfs_free_all(struct memfs *fs, int keep_root);

/* memfs_data.c: frees a file's pages and index. */
void memfs_data_free(struct mnode *node);

/* 1 if `len` bytes at `name` are a valid name (not "." or ".."). */
int memfs_name_ok(const char *name, size_t len);

#endif
