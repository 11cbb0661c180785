/*
 * TarFS: reads a tar archive held in memory into a tree of nodes, once, at
 * mount.  Pure: bytes in, index out, no hardware and no kernel allocator
 * (the caller passes one).  Nodes point into the image for names, link
 * targets and file data, so nothing is copied.
 *
 * Formats: POSIX ustar (with `prefix`), GNU (././@LongLink names and link
 * targets, base-256 numbers), pax (`x` records path, linkpath, size; `g`
 * ignored), old v7.  Every header's checksum is verified; a corrupt header,
 * or an entry whose data runs past the end of the image, ends the scan
 * there and the entries before it stay usable.
 */
#ifndef RUMPK_TAR_H
#define RUMPK_TAR_H

#include <stddef.h>
#include <stdint.h>

enum tar_type {
	TAR_FILE = 1,
	TAR_DIR,
	TAR_SYMLINK,
	TAR_CHARDEV,
	TAR_BLOCKDEV,
	TAR_FIFO,
	TAR_OTHER,	/* unknown kinds, and hard links to nothing */
};

struct tar_node {
	const char *name;	/* name_len bytes, not NUL-terminated */
	uint32_t name_len;
	uint8_t type;		/* enum tar_type */
	uint32_t mode;		/* permission bits from the header */
	uint8_t dated;		/* mtime is the header's (not an implied
				 * directory, nor a header without one) */
	uint64_t mtime;		/* seconds since 1970 */
	uint64_t size;		/* bytes of data (files) */
	const uint8_t *data;	/* into the image (files) */
	const char *link;	/* symlink target, link_len bytes */
	uint32_t link_len;
	struct tar_node *parent;	/* the root is its own parent */
	struct tar_node *child;		/* first child, in archive order */
	struct tar_node *last;		/* last child (appending is O(1)) */
	struct tar_node *next;		/* next sibling */
	struct tar_node *link_next;	/* hard links, in archive order */
	uint32_t nchildren;
};

/* Returns `size` bytes of zeroed memory that lives as long as the index. */
typedef void *(*tar_alloc_fn)(void *ctx, size_t size);

struct tar_fs {
	struct tar_node *root;
	uint32_t entries;	/* headers turned into nodes */
	uint32_t nodes;		/* nodes, including implied directories */
	int corrupt;		/* the scan stopped early */
	uint64_t bad_offset;	/* where, if it did */
	const char *why;	/* and why: "bad header checksum", ... */
	struct tar_node *hardlinks;	/* resolved once the scan is done */
	struct tar_node *hardlinks_last;
};

/* Indexes `img`.  0, or NX_ENOMEM when `alloc` fails (the index is then
 * unusable). */
int tar_index(const uint8_t *img, size_t len, tar_alloc_fn alloc, void *ctx,
    struct tar_fs *fs);

/* The child of `dir` called `name` (len bytes), or NULL. */
const struct tar_node *tar_child(const struct tar_node *dir,
    const char *name, size_t len);

#define TAR_MAX_HOPS 40

/*
 * Walks an absolute path (leading '/' optional) from the root, following
 * symbolic links (relative ones from the link's directory, absolute ones
 * from the root; at most TAR_MAX_HOPS); the last component's link is
 * followed only if `follow` is set (or the path ends in '/', which also
 * asks for a directory).  "." and ".." are understood; ".." of the root is
 * the root.  Returns 0 with `*out` set, or NX_ENOENT, NX_ENOTDIR, NX_ELOOP,
 * NX_ENAMETOOLONG.
 */
int tar_lookup(const struct tar_fs *fs, const char *path, int follow,
    const struct tar_node **out);

/* Writes the absolute path of `n` ("/" for the root); 0 or
 * NX_ENAMETOOLONG. */
int tar_path(const struct tar_node *n, char *buf, size_t size);

#endif
