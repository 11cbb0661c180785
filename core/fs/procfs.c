/*
 * The vnodes of /proc.  /proc itself is one static vnode; every other one
 * (a process's directory, a file, a link) is made by lookup, names what it
 * shows by process id and entry, and is freed with its last reference.
 * Nothing in /proc can be written, made or removed: the vnodes are
 * VN_RDONLY, so the VFS answers NX_EROFS to an open for writing and to
 * every name-space change.
 *
 * Listing /proc gives its fixed entries, then one directory per process
 * id (live or a zombie, as Linux lists them) in increasing order.
 */
#include <stdarg.h>
#include <string.h>

#include "fmt.h"
#include "fs/procfs.h"
#include "fs/procfs_impl.h"
#include "fs/vnode.h"
#include "kmem.h"
#include "pmm.h"
#include "subject.h"

/* /proc, a process's directory, a file or link of either, a process's
 * fd directory and one of the links in it. */
enum { PK_ROOT, PK_PID, PK_ENTRY, PK_FDDIR, PK_FD };

struct pnode {
	struct vnode vn;	/* first: the vnode is the node */
	uint32_t pid;		/* its process; 0 in /proc itself */
	uint8_t kind;		/* PK_* */
	int32_t fd;		/* PK_FD: the descriptor */
	const struct pentry *e;	/* PK_ENTRY: what it is */
};

static struct pnode root;

static struct pnode *
pnode_of(struct vnode *vn)
{
	return (struct pnode *)vn;
}

void
pb_put(struct pbuf *b, const void *s, size_t n)
{
	if (n > b->cap - b->len)
		n = b->cap - b->len;
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

void
pb_printf(struct pbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	/* Cut at the end of the page, the terminating NUL not counted. */
	b->len += (size_t)n < b->cap - b->len ? (size_t)n :
	    b->cap - b->len - (b->cap > b->len);
}

struct subject *
procfs_caller(void)
{
	struct fiber *f = fiber_running();

	if (!f)
		return NULL;
	return (struct subject *)((char *)f - offsetof(struct subject, fiber));
}

uint64_t
procfs_clock_ticks(uint64_t ticks)
{
	uint64_t hz = timebase();

	return ticks / hz * 100 + ticks % hz * 100 / hz;
}

/* Sorts `ids` into increasing order: insertion, since the list of
 * Subjects is newest first and the ids come reversed, already in order
 * unless blocks were taken in an unusual order. */
static void
sort_ids(uint32_t *ids, unsigned n)
{
	for (unsigned i = 1; i < n; i++) {
		uint32_t v = ids[i];
		unsigned j = i;

		for (; j > 0 && ids[j - 1] > v; j--)
			ids[j] = ids[j - 1];
		ids[j] = v;
	}
}

uint32_t
procfs_nth_pid(uint64_t index)
{
	unsigned n = (unsigned)subject_count(), k = n, np;
	uint32_t *ids, id = 0;

	if (index >= n)
		return 0;
	np = (n * sizeof(uint32_t) + NX_PAGE_SIZE - 1) / NX_PAGE_SIZE;
	ids = page_run_alloc(np);
	if (!ids)
		return 0;
	for (struct subject *c = subject_first(); c && k; c = subject_next(c)) {
		if (c->state != SUBJECT_FREE)
			ids[--k] = c->id;
	}
	sort_ids(ids + k, n - k);
	if (index < n - k)
		id = ids[k + index];
	page_run_free(ids, np);
	return id;
}

/* A process id as /proc names it: decimal, no leading zero; 0 if not. */
static uint32_t
parse_pid(const char *name, size_t len)
{
	uint64_t v = 0;

	if (len == 0 || len > 10 || name[0] == '0')
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(name[i] - '0');
	}
	return v <= UINT32_MAX ? (uint32_t)v : 0;
}

static const struct vnode_ops procfs_ops;

/* The nanoseconds since 1970 at which `t` started. */
static int64_t
started_ns(const struct subject *t)
{
	uint64_t hz = timebase();

	return (int64_t)(boot_epoch_ns() + t->started / hz * 1000000000 +
	    t->started % hz * 1000000000 / hz);
}

/* A new vnode for entry `e` (NULL: the directory) of process `t` (NULL:
 * of /proc itself), held once. */
static int
make_node(struct subject *t, const struct pentry *e, unsigned index,
    struct vnode **out)
{
	struct pnode *n = kmem_alloc(sizeof(*n));

	if (!n)
		return NX_ENOMEM;
	memset(n, 0, sizeof(*n));
	n->vn.ops = &procfs_ops;
	n->vn.refs = 1;
	n->vn.dev = root.vn.dev;
	n->vn.flags = VN_RDONLY;
	n->vn.nlink = 1;
	n->kind = !e ? PK_PID : e->type == NX_DT_DIR ? PK_FDDIR : PK_ENTRY;
	n->e = e;
	n->vn.type = e ? e->type : NX_DT_DIR;
	n->vn.mode = !e ? 0555 : e->type == NX_DT_DIR ? 0500 :
	    e->type == NX_DT_SYMLINK ? 0777 : 0444;
	n->vn.atime_ns = n->vn.mtime_ns = n->vn.ctime_ns = root.vn.mtime_ns;
	if (t) {
		n->pid = t->id;
		n->vn.ino = (uint64_t)t->id << 8 | (e ? index + 1 : 0);
		n->vn.uid = t->cred.uid[CRED_E];
		n->vn.gid = t->cred.gid[CRED_E];
		n->vn.atime_ns = n->vn.mtime_ns = n->vn.ctime_ns =
		    started_ns(t);
	} else {
		n->vn.ino = 2 + index;	/* under 256: no process's */
	}
	*out = &n->vn;
	return 0;
}

/* The link of descriptor `fd` in the fd directory `dir` of `t`. */
static int
make_fd_node(struct subject *t, const struct pnode *dir, int32_t fd,
    struct vnode **out)
{
	int err = make_node(t, dir->e, 0, out);
	struct pnode *n;

	if (err)
		return err;
	n = pnode_of(*out);
	n->kind = PK_FD;
	n->fd = fd;
	n->vn.type = NX_DT_SYMLINK;
	n->vn.mode = 0700;
	n->vn.ino = (uint64_t)t->id << 32 | 1u << 31 | (uint32_t)fd;
	return 0;
}

/* A descriptor as its fd directory names it: decimal, "0" or no
 * leading zero; -1 if not. */
static int32_t
parse_fd(const char *name, size_t len)
{
	uint32_t v;

	if (len == 1 && name[0] == '0')
		return 0;
	v = parse_pid(name, len);
	return v != 0 && v < NX_FD_MAX ? (int32_t)v : -1;
}

/* The entry named so in `tab`, or NULL; its index in `*index`. */
static const struct pentry *
find_entry(const struct pentry *tab, unsigned n, const char *name,
    size_t len, unsigned *index)
{
	for (unsigned i = 0; i < n; i++) {
		if (strlen(tab[i].name) == len &&
		    memcmp(tab[i].name, name, len) == 0) {
			*index = i;
			return &tab[i];
		}
	}
	return NULL;
}

/* The process a node shows, looked up now: NULL once it is gone. */
static struct subject *
node_subject(const struct pnode *n)
{
	return n->pid ? subject_by_id(n->pid) : NULL;
}

static int
procfs_lookup(struct vnode *dir, const char *name, size_t len,
    struct vnode **out)
{
	struct pnode *n = pnode_of(dir);
	const struct pentry *e;
	struct subject *t;
	unsigned i;

	if (len == 2 && name[0] == '.' && name[1] == '.') {
		if (n->kind == PK_FDDIR && (t = node_subject(n)) != NULL)
			return make_node(t, NULL, 0, out);
		*out = &root.vn;
		vnode_ref(*out);
		return 0;
	}
	if (n->kind == PK_ROOT) {
		e = find_entry(procfs_sys, procfs_nsys, name, len, &i);
		if (e)
			return make_node(NULL, e, i, out);
		t = subject_by_id(parse_pid(name, len));
		return t ? make_node(t, NULL, 0, out) : NX_ENOENT;
	}
	t = node_subject(n);
	if (!t)
		return NX_ENOENT;
	if (n->kind == PK_FDDIR) {
		int32_t fd = parse_fd(name, len);

		if (!procfs_may_inspect(procfs_caller(), t))
			return NX_EACCES;
		if (fd < 0 || t->state == SUBJECT_ENDED ||
		    !fdt_get(&t->fds, fd))
			return NX_ENOENT;
		return make_fd_node(t, n, fd, out);
	}
	e = find_entry(procfs_pid, procfs_npid, name, len, &i);
	return e ? make_node(t, e, i, out) : NX_ENOENT;
}

static int
dirent_of(NxDirent *d, const char *name, uint8_t type)
{
	memset(d, 0, sizeof(*d));
	d->type = type;
	d->name_len = (uint32_t)strlen(name);
	memcpy(d->name, name, d->name_len);
	return 1;
}

static int
procfs_readdir(struct vnode *dir, uint64_t index, NxDirent *d)
{
	struct pnode *n = pnode_of(dir);
	char num[12];
	uint32_t pid;
	struct subject *t;
	int fd;

	if (n->kind == PK_FDDIR) {
		t = node_subject(n);
		if (!t)
			return NX_ENOENT;
		if (!procfs_may_inspect(procfs_caller(), t))
			return NX_EACCES;
		fd = t->state == SUBJECT_ENDED ? -1 : procfs_nth_fd(t, index);
		if (fd < 0)
			return 0;
		fmt_snprintf(num, sizeof(num), "%d", fd);
		return dirent_of(d, num, NX_DT_SYMLINK);
	}
	if (n->kind == PK_PID) {
		if (!node_subject(n))
			return NX_ENOENT;
		if (index >= procfs_npid)
			return 0;
		return dirent_of(d, procfs_pid[index].name,
		    procfs_pid[index].type);
	}
	if (index < procfs_nsys)
		return dirent_of(d, procfs_sys[index].name,
		    procfs_sys[index].type);
	pid = procfs_nth_pid(index - procfs_nsys);
	if (!pid)
		return 0;
	fmt_snprintf(num, sizeof(num), "%u", pid);
	return dirent_of(d, num, NX_DT_DIR);
}

/* A file's text is made into a page, and the part asked for copied out
 * once the process is no longer looked at. */
static int64_t
procfs_read(struct vnode *vn, uint64_t off, struct uio *u)
{
	struct pnode *n = pnode_of(vn);
	struct subject *t = node_subject(n);
	struct pbuf b = { .cap = NX_PAGE_SIZE };
	int err;

	if (n->pid && !t)
		return NX_ESRCH;
	if (!n->e || !n->e->gen)
		return NX_EINVAL;
	b.p = page_alloc();
	if (!b.p)
		return NX_ENOMEM;
	err = n->e->gen(&b, t);
	if (!err && off < b.len)
		err = uio_out(u, b.p + off, b.len - off < uio_left(u) ?
		    b.len - off : uio_left(u));
	page_free(b.p);
	return uio_result(u, err);
}

static int
procfs_readlink(struct vnode *vn, char *buf, size_t size)
{
	struct pnode *n = pnode_of(vn);
	struct subject *t = node_subject(n);

	if (n->pid && !t)
		return NX_ENOENT;
	if (n->kind == PK_FD)
		return t->state == SUBJECT_ENDED ? NX_ENOENT :
		    !procfs_may_inspect(procfs_caller(), t) ? NX_EACCES :
		    procfs_fd_link(t, n->fd, root.vn.dev, buf, size);
	if (!n->e || !n->e->link)
		return NX_EINVAL;
	return n->e->link(t, procfs_caller(), buf, size);
}

static void
procfs_release(struct vnode *vn)
{
	if (pnode_of(vn)->kind != PK_ROOT)
		kmem_free(vn, sizeof(struct pnode));
}

static const struct vnode_ops procfs_ops = {
	.lookup = procfs_lookup,
	.readdir = procfs_readdir,
	.read = procfs_read,
	.readlink = procfs_readlink,
	.poll = vn_poll_ready,
	.release = procfs_release,
};

struct vnode *
procfs_root(uint32_t dev)
{
	root.vn.ops = &procfs_ops;
	root.vn.type = NX_DT_DIR;
	root.vn.mode = 0555;
	root.vn.ino = 1;
	root.vn.refs = 1;	/* never dropped: no release */
	root.vn.nlink = 2;
	root.vn.dev = dev;
	root.vn.flags = VN_RDONLY;
	root.vn.atime_ns = root.vn.mtime_ns = root.vn.ctime_ns =
	    (int64_t)boot_epoch_ns();
	root.kind = PK_ROOT;
	return &root.vn;
}
