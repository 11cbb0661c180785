/*
 * Open file descriptions: what open() makes and a descriptor names.  A
 * description holds its vnode, the offset, the access mode and the status
 * flags (NX_O_APPEND, NX_O_NONBLOCK).  dup and spawn share one
 * description between descriptors (and Subjects), so they share the
 * offset, as POSIX says; the last descriptor closed frees it.
 */
#ifndef RUMPK_FILE_H
#define RUMPK_FILE_H

#include <stdint.h>

#include "fs/vnode.h"

struct file {
	struct vnode *vn;	/* held */
	uint64_t off;		/* bytes; entries of a directory */
	uint32_t flags;		/* NX_O_ACCMODE bits and FILE_STATUS bits */
	uint32_t refs;
};

/* The flags F_SETFL may change. */
#define FILE_STATUS	(NX_O_APPEND | NX_O_NONBLOCK)

/* A description of `vn` (a reference of its own is taken), or NULL when
 * memory is out. */
struct file *file_open(struct vnode *vn, uint32_t flags);
void file_ref(struct file *f);
/* Drops a reference; the last frees the description and its vnode's,
 * and lets its flock lock go. */
void file_unref(struct file *f);
/* The description's flock lock goes (its waiters are woken): 1, or 0
 * when it held none. */
int file_flock_drop(struct file *f);

/* From and to the offset, which advances; an appending write goes to the
 * end first.  NX_EBADF when the access mode does not allow it. */
int64_t file_read(struct file *f, struct uio *u);
int64_t file_write(struct file *f, struct uio *u);
/* At `off`, leaving the offset alone: NX_ESPIPE on a stream. */
int64_t file_pread(struct file *f, uint64_t off, struct uio *u);
int64_t file_pwrite(struct file *f, uint64_t off, struct uio *u);
int64_t file_seek(struct file *f, int64_t off, uint32_t whence);
/* The next entry of a directory: 1, 0 at the end, or an error. */
int file_readdir(struct file *f, NxDirent *d);
/* F_SETFL: only the status flags change. */
void file_set_status(struct file *f, uint32_t flags);

#endif
