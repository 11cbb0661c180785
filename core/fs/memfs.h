/*
 * memfs: the in-memory file system that the root becomes.  Pure: no
 * hardware, no kernel allocator; memory, pages and the clock come through
 * the environment the caller passes, so the host tests use malloc and the
 * kernel its slab and page allocators.
 *
 * The tar archive is the initial content (memfs_seed_tar): nodes and names
 * are made, file data and symbolic link targets stay in place in the
 * archive image.  A file's bytes are copied into a page of its own only
 * when that page is first written (copy on write, page by page: a file
 * with one changed page still reads the others from the archive); a
 * truncation never copies (a file grown past the archive's bytes reads
 * zeros there).
 *
 * The API is per directory: path walking, mounts and permissions belong
 * to the VFS.  Every operation returns 0 (or a count) or an NX_E* error,
 * and an operation that fails has changed nothing.
 *
 * "." and "..": memfs_lookup() understands them (".." of the root is the
 * root); memfs_readdir() lists neither, its cookies start at 2, so the VFS
 * gives "." and ".." offsets 0 and 1 and uses the cookies as offsets for
 * the rest.  Names that are "." or ".." are refused by the operations
 * that make or remove names, with Linux's errors (see each).
 *
 * Lifetime: a node lives while it has a name (nlink > 0) or a hold
 * (memfs_hold).  When both are gone its pages, its target and the node
 * come back (memfs_usage shows it).  memfs_lookup() returns a node without
 * a hold; a caller that keeps it across other operations holds it.
 *
 * Space: every byte memfs allocates is charged against env.limit: data
 * and index pages, nodes, directory entries with their names, link
 * targets.  The archive's own bytes (used in place) are not charged.  When
 * a charge would pass the limit the operation gives NX_ENOSPC; a write
 * writes what fits and reports that, and gives NX_ENOSPC only when nothing
 * fit.
 */
#ifndef RUMPK_MEMFS_H
#define RUMPK_MEMFS_H

#include <stddef.h>
#include <stdint.h>

#include "fs/tar.h"

#define MEMFS_PAGE		4096u
#define MEMFS_NAME_MAX		255u
#define MEMFS_LINK_MAX		4095u		/* bytes of a symlink target */
/* Two levels of 512 page pointers: 1 GiB. */
#define MEMFS_FILE_MAX		((uint64_t)512 * 512 * MEMFS_PAGE)
#define MEMFS_FIRST_COOKIE	2u	/* 0 and 1 are the VFS's . and .. */

struct memfs_env {
	void *ctx;
	/* `size` bytes of zeroed memory, or NULL. */
	void *(*alloc)(void *ctx, size_t size);
	void (*free)(void *ctx, void *p, size_t size);
	/* One zeroed MEMFS_PAGE-byte page, page aligned, or NULL. */
	void *(*page_alloc)(void *ctx);
	void (*page_free)(void *ctx, void *p);
	/* Real time, ns since 1970, for timestamps. */
	uint64_t (*now_ns)(void *ctx);
	uint64_t limit;		/* bytes memfs may charge */
};

enum mnode_type {
	MNODE_FILE = 1,
	MNODE_DIR,
	MNODE_SYMLINK,
	MNODE_CHARDEV,		/* the VFS binds it to a device by rdev */
	MNODE_FIFO,		/* the VFS binds it to a pipe */
	MNODE_BLOCKDEV,		/* made by mknod; no disks behind it */
};

struct mnode;

/* One name in a directory; the list is in insertion order. */
struct mdirent {
	struct mdirent *next, *prev;
	struct mnode *node;
	uint64_t cookie;	/* increasing along the list */
	const char *name;	/* name_len bytes, not NUL-terminated */
	uint16_t name_len;
	uint8_t name_owned;	/* stored after this struct, else in the image */
};

struct mnode {
	struct memfs *fs;
	struct mnode *all_next, *all_prev;	/* every node of the fs */
	uint8_t type;		/* enum mnode_type */
	uint32_t mode;		/* permission bits, 07777 */
	uint32_t uid, gid;	/* the owner: 0 unless set */
	uint32_t nlink;		/* names; a directory 2 + subdirectories */
	uint32_t holds;
	uint32_t rdev;		/* character and block devices */
	uint64_t ino;
	uint64_t size;
	uint64_t atime, mtime, ctime;	/* ns since 1970 */
	union {
		struct {
			struct mdirent *first, *last;
			struct mnode *parent;	/* the root's is itself */
			uint64_t next_cookie;
			uint32_t entries;
		} dir;
		struct {
			/* In the image until first written, then NULL. */
			const uint8_t *seed;
			uint64_t seed_len;	/* <= size; zeros after it */
			void **index;	/* a page of pointers to leaf pages */
			uint64_t pages;	/* data pages owned */
			/* Written or resized since seeding: the bytes are no
			 * longer exactly the archive's (memfs_cache_key). */
			uint8_t detached;
		} file;
		struct {
			const char *target;	/* len bytes */
			uint32_t len;
			uint8_t owned;	/* allocated, else in the image */
		} link;
	} u;
};

struct memfs {
	struct memfs_env env;
	struct mnode *root;
	struct mnode *all;	/* every node, for memfs_destroy */
	uint64_t used;		/* bytes charged */
	uint64_t pages;		/* data and index pages */
	uint64_t nodes;
	uint64_t next_ino;
};

struct memfs_usage {
	uint64_t bytes, limit, pages, nodes;
};

/* What memfs_seed_tar made, for the boot log and the tests. */
struct memfs_seed_stats {
	uint64_t nodes;		/* memfs nodes made */
	uint64_t names;		/* directory entries made */
	uint64_t bytes;		/* bytes charged for them */
	uint64_t hardlinks;	/* names that joined an existing node */
	uint64_t skipped;	/* block devices and unknown kinds */
};

struct memfs_dirent {
	struct mnode *node;
	const char *name;	/* name_len bytes, not NUL-terminated */
	size_t name_len;
	uint64_t cookie;	/* this entry's */
	uint64_t next;		/* pass it for the next entry */
};

/* setattr's mask. */
#define MEMFS_SET_MODE	0x1u
#define MEMFS_SET_ATIME	0x2u
#define MEMFS_SET_MTIME	0x4u
#define MEMFS_SET_RDEV	0x8u
#define MEMFS_SET_UID	0x10u
#define MEMFS_SET_GID	0x20u

struct memfs_attr {
	uint32_t mask;
	uint32_t mode;
	uint32_t rdev;
	uint32_t uid, gid;
	uint64_t atime, mtime;
};

/* An empty file system: a root directory of `mode`.  0, NX_ENOMEM, or
 * NX_ENOSPC. */
int memfs_init(struct memfs *fs, const struct memfs_env *env, uint32_t mode);

/* Frees every node, held or not; the file system is unusable after. */
void memfs_destroy(struct memfs *fs);

/*
 * Adds the archive's tree under the root of an empty file system, without
 * copying file data or link targets; hard links become one node.  Block
 * devices and unknown kinds are left out (counted in `st`).  On an error
 * (NX_ENOSPC, NX_ENOMEM, NX_EEXIST if the root is not empty) the root is
 * left empty.  `st` may be NULL.
 */
int memfs_seed_tar(struct memfs *fs, const struct tar_fs *tar,
    struct memfs_seed_stats *st);

void memfs_usage(const struct memfs *fs, struct memfs_usage *u);

/* ---- names (memfs.c) ---- */

/*
 * The node called `name` in `dir`: 0, NX_ENOENT, NX_ENOTDIR (dir is not
 * one), NX_ENAMETOOLONG.
 */
int memfs_lookup(struct mnode *dir, const char *name, size_t len,
    struct mnode **out);

/*
 * Makes a node of `type` (file, directory, character device, FIFO) called
 * `name`, exclusively: NX_EEXIST if the name is taken (or "." or "..").
 * Also NX_ENOTDIR, NX_ENOENT (dir removed), NX_EINVAL (a symlink type,
 * a '/' or NUL in the name, an empty name), NX_ENAMETOOLONG, NX_ENOSPC,
 * NX_ENOMEM.  `out` may be NULL.
 */
int memfs_create(struct mnode *dir, const char *name, size_t len, int type,
    uint32_t mode, struct mnode **out);
int memfs_mkdir(struct mnode *dir, const char *name, size_t len,
    uint32_t mode, struct mnode **out);

/* A symbolic link to `target` (1 to MEMFS_LINK_MAX bytes, else
 * NX_ENOENT / NX_ENAMETOOLONG), as memfs_create. */
int memfs_symlink(struct mnode *dir, const char *name, size_t len,
    const char *target, size_t tlen, struct mnode **out);

/* Another name for `node`: NX_EPERM for a directory, NX_ENOENT if `node`
 * has no name left, else as memfs_create. */
int memfs_link(struct mnode *dir, const char *name, size_t len,
    struct mnode *node);

/* Removes a name that is not a directory's (NX_EISDIR; "." and ".." too). */
int memfs_unlink(struct mnode *dir, const char *name, size_t len);

/* Removes an empty directory: NX_ENOTDIR, NX_ENOTEMPTY, NX_EINVAL for
 * ".", NX_ENOTEMPTY for "..". */
int memfs_rmdir(struct mnode *dir, const char *name, size_t len);

/*
 * Moves a name, replacing what `newname` named, atomically: NX_EBUSY for
 * "." or "..", NX_ENOENT, NX_EINVAL (a directory into itself or below),
 * NX_ENOTDIR (a directory over a non-directory), NX_EISDIR (the other
 * way), NX_ENOTEMPTY (over a non-empty directory), NX_ENOSPC.  Two names
 * of the same node: nothing happens, 0.
 */
int memfs_rename(struct mnode *olddir, const char *oldname, size_t oldlen,
    struct mnode *newdir, const char *newname, size_t newlen);

/*
 * Entry `cookie` of `dir`, or the first after it: 1 with `*out` filled,
 * 0 at the end, NX_ENOTDIR.  A cookie stays valid across unrelated
 * changes: removing entry k does not move the others.
 */
int memfs_readdir(struct mnode *dir, uint64_t cookie,
    struct memfs_dirent *out);

/* The target of a symbolic link (in place or owned): 0 or NX_EINVAL. */
int memfs_readlink(struct mnode *node, const char **target, size_t *len);

void memfs_hold(struct mnode *node);
/* Drops a hold; the node may be freed. */
void memfs_release(struct mnode *node);

/* Changes mode bits, times, rdev, owner (ctime becomes now): 0 always.
 * Who may change what is the VFS's question. */
int memfs_setattr(struct mnode *node, const struct memfs_attr *a);

/* ---- file data (memfs_data.c) ---- */

/*
 * Up to `len` bytes at `off` into `buf`: the count (0 at or past the end),
 * NX_EISDIR, NX_EINVAL (not a file).  Sets atime.
 */
int64_t memfs_read(struct mnode *node, uint64_t off, void *buf, size_t len);

/*
 * Where the bytes at `off` are, for a caller that copies them itself (to
 * user memory): `*ptr` into the archive image or a page, or NULL for a
 * hole of zeros, and `*n` bytes from there (to the page's end, never past
 * the file's end, 0 at the end).  0, NX_EISDIR, NX_EINVAL.
 */
int memfs_map_read(struct mnode *node, uint64_t off, const uint8_t **ptr,
    size_t *n);

/*
 * A page to write the bytes at `off` to: `*ptr` and `*n` bytes up to the
 * page's end.  Allocates the page (and index) if missing, with the
 * archive's bytes of that page copied in if the file has some.  The size
 * does not
 * change until memfs_write_end().  0, NX_ENOSPC, NX_ENOMEM, NX_EFBIG,
 * NX_EISDIR, NX_EINVAL.
 */
int memfs_map_write(struct mnode *node, uint64_t off, uint8_t **ptr,
    size_t *n);

/*
 * The data page `pg` itself, for a shared mapping that stores into it
 * (the caller takes its own reference, so the page outlives a
 * truncation): made if missing, a hole as zeros, archive bytes copied
 * in.  Only pages holding bytes below the size.  0, NX_ENXIO (past the
 * end), NX_ENOSPC, NX_ENOMEM, NX_EISDIR, NX_EINVAL.
 */
int memfs_map_page(struct mnode *node, uint64_t pg, void **page);

/*
 * Records that `len` bytes were written at `off` (exactly those copied;
 * bytes past the size must stay zero): the size grows to cover them and
 * mtime and ctime become now.
 */
void memfs_write_end(struct mnode *node, uint64_t off, size_t len);

/* Writes `len` bytes at `off`: the count, short if space ran out, or
 * NX_ENOSPC if nothing fit, NX_EFBIG, NX_EISDIR, NX_EINVAL, NX_ENOMEM. */
int64_t memfs_write(struct mnode *node, uint64_t off, const void *src,
    size_t len);

/*
 * What names a file's bytes while they are exactly the archive's: its
 * data pointer in the image (hard links share it, as they share the
 * bytes), or NULL once the file was written or resized, or is not from
 * the archive.  The program cache keys on it.
 */
const void *memfs_cache_key(const struct mnode *node);

/* Sets the size: zeros when it grows (nothing is allocated), pages freed
 * when it shrinks; an archive file is not copied.  0, NX_EFBIG,
 * NX_EISDIR, NX_EINVAL. */
int memfs_truncate(struct mnode *node, uint64_t size);

#endif
