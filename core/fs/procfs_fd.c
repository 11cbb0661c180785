/*
 * /proc/<pid>/fd: a directory of the process's open descriptors, each a
 * link naming what the descriptor is open on, as Linux names it: a file,
 * directory or device by its path, a pipe (a named one's end too) as
 * "pipe:[inode]".
 *
 * rumpk keeps no path with an open file, so the path is found when the
 * link is read: the process's current directory first, then a search of
 * the file system from "/" (mounts included, /proc left out, links not
 * followed), a directory read and a lookup per name, paid only by
 * whoever reads the link.  A file no name leads to any more (unlinked),
 * or one in /proc, reads as "(deleted)".  A link to such a path is
 * followed as any link is (a pipe's is not a path: it leads nowhere
 * here).
 */
#include <string.h>

#include "fmt.h"
#include "fs/file.h"
#include "fs/mount.h"
#include "fs/path.h"
#include "fs/procfs_impl.h"
#include "pmm.h"
#include "subject.h"

#define SEARCH_DEPTH	16
/*
 * What one search may cost, in directory entries passed over: a
 * directory read of entry i passes over i entries (memfs lists a
 * directory from its start), so a directory of n entries read whole
 * costs n * n / 2.  The kernel does not preempt itself, so a search
 * over a huge tree gives up (the link reads as not found) rather than
 * hold the machine.
 */
#define SEARCH_STEPS	(1u << 18)

/* The walk's state, in a page of its own: kept off the kernel stack. */
struct search {
	uint64_t left;		/* steps it may still take */
	char path[NX_PATH_MAX];	/* of the entry looked at */
	NxDirent d;
	struct {
		struct vnode *dir;	/* held */
		uint64_t next;		/* its entry to read next */
		size_t len;		/* its path's length in `path` */
	} level[SEARCH_DEPTH];
};

_Static_assert(sizeof(struct search) <= NX_PAGE_SIZE, "a page");

static int
same_file(const struct vnode *a, const struct vnode *b)
{
	return a == b || (a->ino != 0 && a->dev == b->dev && a->ino == b->ino);
}

/* Appends entry `d` to the path of length `len`: the new length, or 0
 * when it would not fit. */
static size_t
append(char *path, size_t len, const NxDirent *d)
{
	size_t n = len + (len > 1) + d->name_len;

	if (n >= NX_PATH_MAX)
		return 0;
	if (len > 1)
		path[len++] = '/';
	memcpy(path + len, d->name, d->name_len);
	path[n] = '\0';
	return n;
}

/* One step of the search at its deepest level: 1 when `want` was found
 * (its path in w->path), 0 to go on, -1 when the level is done, -2 when
 * the search must give up. */
static int
step(struct search *w, int *top, const struct vnode *want, uint32_t skip)
{
	struct vnode *dir = w->level[*top].dir, *vn;
	size_t len = w->level[*top].len, n;
	uint64_t i = w->level[*top].next++;

	if (w->left <= i)
		return -2;
	w->left -= i + 1;
	if (path_readdir(dir, i, &w->d) != 1)
		return -1;
	if (w->d.name[0] == '.' && (w->d.name_len == 1 ||
	    (w->d.name_len == 2 && w->d.name[1] == '.')))
		return 0;
	n = append(w->path, len, &w->d);
	if (n == 0 || path_walk(dir, w->d.name, 0, &vn, NULL) != 0)
		return 0;
	if (same_file(vn, want)) {
		vnode_put(vn);
		return 1;
	}
	if (vn->type == NX_DT_DIR && vn->dev != skip &&
	    *top + 1 < SEARCH_DEPTH) {
		++*top;
		w->level[*top].dir = vn;
		w->level[*top].next = 0;
		w->level[*top].len = n;
		return 0;
	}
	vnode_put(vn);
	return 0;
}

/* The path of `want` into `buf`: its length, or 0 if no name leads to
 * it; NX_ENOMEM. */
static int
search(const struct vnode *want, uint32_t skip, char *buf, size_t size)
{
	struct search *w = page_alloc();
	int top = 0, r = 0;
	size_t n;

	if (!w)
		return NX_ENOMEM;
	w->level[0].dir = mount_root();
	vnode_ref(w->level[0].dir);
	w->level[0].next = 0;
	w->level[0].len = 1;
	w->left = SEARCH_STEPS;
	strcpy(w->path, "/");
	if (same_file(w->level[0].dir, want))
		r = 1;
	while (r != 1 && r != -2 && top >= 0) {
		r = step(w, &top, want, skip);
		if (r == -1)
			vnode_put(w->level[top--].dir);
	}
	for (; top >= 0; top--)
		vnode_put(w->level[top].dir);
	n = r == 1 ? strlen(w->path) : 0;
	memcpy(buf, w->path, n < size ? n : size);
	page_free(w);
	return (int)(n < size ? n : size);
}

int
procfs_may_inspect(const struct subject *who, const struct subject *t)
{
	uint32_t u;

	if (!who || who->cred.uid[CRED_E] == 0)
		return 1;
	u = who->cred.uid[CRED_FS];
	return u == t->cred.uid[CRED_R] && u == t->cred.uid[CRED_E] &&
	    u == t->cred.uid[CRED_S];
}

int
procfs_fd_link(struct subject *t, int32_t fd, uint32_t procdev, char *buf,
    size_t size)
{
	struct file *f = fdt_get(&t->fds, fd);
	char text[32];
	int n;

	if (!f)
		return NX_ENOENT;
	if (f->vn->type == NX_DT_FIFO) {
		n = fmt_snprintf(text, sizeof(text), "pipe:[%lu]",
		    (unsigned long)f->vn->ino);
	} else if (t->cwd_vn && same_file(t->cwd_vn, f->vn)) {
		n = (int)strlen(t->cwd);
		memcpy(buf, t->cwd, (size_t)n < size ? (size_t)n : size);
		return n < (int)size ? n : (int)size;
	} else {
		n = search(f->vn, procdev, buf, size);
		if (n != 0)
			return n;
		n = fmt_snprintf(text, sizeof(text), "(deleted)");
	}
	if ((size_t)n > size)
		n = (int)size;
	memcpy(buf, text, (size_t)n);
	return n;
}

int
procfs_nth_fd(struct subject *t, uint64_t index)
{
	for (uint32_t fd = 0; fd < t->fds.cap; fd++) {
		if (fdt_get(&t->fds, fd) && index-- == 0)
			return (int)fd;
	}
	return -1;
}
