/*
 * The VFS: the mount table (TarFS at "/"), path resolution against a
 * Subject's current directory, and per-Subject tables of open files with
 * persistent offsets.
 */
#ifndef RUMPK_VFS_H
#define RUMPK_VFS_H

#include <stddef.h>
#include <stdint.h>

#include "nexus/abi.h"
#include "tar.h"

struct file {
	const struct tar_node *node;	/* NULL: slot free */
	uint64_t offset;		/* bytes, or entries of a directory */
	uint32_t flags;
};

struct files {
	struct file f[NX_OPEN_MAX];
};

/* Mounts the initrd at "/" (with a clear message if it can't). */
void vfs_mount_root(const uint8_t *image, size_t len);

/* Resolves `path` (absolute, or relative to `cwd`). */
int vfs_resolve(const char *cwd, const char *path, int follow,
    const struct tar_node **out);
/* The canonical absolute path of `n`. */
int vfs_path(const struct tar_node *n, char *buf, size_t size);

int vfs_open(struct files *ft, const char *cwd, const char *path,
    uint32_t flags);
struct file *vfs_file(struct files *ft, uint64_t fd);	/* NULL: EBADF */
int vfs_close(struct files *ft, uint64_t fd);
void vfs_close_all(struct files *ft);
int64_t vfs_seek(struct file *f, int64_t offset, uint32_t whence);
/* Reads into kernel memory from the offset, advancing it; bytes read. */
size_t vfs_read(struct file *f, void *buf, size_t len);
/* A descriptor of the kernel's own, outside any table. */
void vfs_file_init(struct file *f, const struct tar_node *n);
/* The next entry of a directory: 1, 0 at the end, or an error. */
int vfs_readdir(struct file *f, NxDirent *d);
/* Entry `index` of directory `dir`: 1, 0 past the end, or an error. */
int vfs_dirent(const struct tar_node *dir, uint64_t index, NxDirent *d);
void vfs_stat(const struct tar_node *n, NxStat *st);

#endif
