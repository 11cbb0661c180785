#include <string.h>

#include "fs/mount.h"
#include "fs/path.h"

/*
 * The walk's state.  `rest` is what is left of the path, in `buf`: a
 * link's target is put in front of it.  `cur` is held.  `canon` (may be
 * NULL) follows `cur`.
 */
struct walk {
	char buf[2 * NX_PATH_MAX];
	const char *rest;
	struct vnode *cur;
	char *canon;
	int hops;
};

static int
walk_begin(struct walk *w, struct vnode *start, const char *path,
    char *canon)
{
	size_t len = strlen(path);
	struct vnode *root = mount_root();

	if (len == 0)
		return NX_ENOENT;
	if (len >= NX_PATH_MAX)
		return NX_ENAMETOOLONG;
	if (!root)
		return NX_ENOENT;
	memcpy(w->buf, path, len + 1);
	w->rest = w->buf;
	w->cur = path[0] == '/' ? root : start;
	vnode_ref(w->cur);
	w->canon = canon;
	w->hops = 0;
	if (canon && path[0] == '/')
		strcpy(canon, "/");
	return 0;
}

static void
walk_move(struct walk *w, struct vnode *to)
{
	vnode_put(w->cur);
	w->cur = to;
}

/* The next name of the rest of the path: its length (0 at the end);
 * `*last` when no name follows it, `*slash` when a slash does. */
static size_t
next_name(struct walk *w, const char **name, int *last, int *slash)
{
	const char *p = w->rest, *q;

	while (*p == '/')
		p++;
	*name = p;
	for (q = p; *q && *q != '/'; q++)
		;
	*slash = *q == '/';
	w->rest = q;
	while (*q == '/')
		q++;
	*last = *q == '\0';
	return (size_t)(w->rest - p);
}

static int
canon_down(struct walk *w, const char *name, size_t len)
{
	size_t cl;

	if (!w->canon)
		return 0;
	cl = strlen(w->canon);
	if (cl + (cl > 1) + len + 1 > NX_PATH_MAX)
		return NX_ENAMETOOLONG;
	if (cl > 1)
		w->canon[cl++] = '/';
	memcpy(w->canon + cl, name, len);
	w->canon[cl + len] = '\0';
	return 0;
}

static void
canon_up(struct walk *w)
{
	size_t cl;

	if (!w->canon)
		return;
	cl = strlen(w->canon);
	while (cl > 1 && w->canon[cl - 1] != '/')
		cl--;
	w->canon[cl > 1 ? cl - 1 : 1] = '\0';	/* "/a/b" -> "/a", "/a" -> "/" */
}

/* "..": up to the parent, across a mount when `cur` is a mounted root. */
static int
walk_up(struct walk *w)
{
	struct vnode *up = mount_parent(w->cur), *next;
	int err;

	if (w->cur == mount_root())
		return 0;
	if (up) {
		vnode_ref(up);
		walk_move(w, up);
		canon_up(w);
		return 0;
	}
	err = vn_lookup(w->cur, "..", 2, &next);
	if (err)
		return err;
	walk_move(w, next);
	canon_up(w);
	return 0;
}

/* Replaces the link `link` by its target in front of the rest. */
static int
walk_link(struct walk *w, struct vnode *link)
{
	char target[NX_PATH_MAX];
	size_t rl = strlen(w->rest);
	int n;

	if (++w->hops > PATH_MAX_HOPS)
		return NX_ELOOP;
	n = vn_readlink(link, target, sizeof(target));
	if (n < 0)
		return n;
	if (n == 0)
		return NX_ENOENT;
	if ((size_t)n >= sizeof(target) || (size_t)n + rl + 1 > sizeof(w->buf))
		return NX_ENAMETOOLONG;
	memmove(w->buf + n, w->rest, rl + 1);
	memcpy(w->buf, target, (size_t)n);
	w->rest = w->buf;
	if (target[0] == '/') {
		struct vnode *root = mount_root();

		vnode_ref(root);
		walk_move(w, root);
		if (w->canon)
			strcpy(w->canon, "/");
	}
	return 0;
}

/* One name down from `cur`: into a mount, or the file system's entry;
 * a link is replaced by its target when `follow`. */
static int
walk_down(struct walk *w, const char *name, size_t len, int follow)
{
	struct vnode *next = mount_at(w->cur, name, len);
	int err;

	if (w->cur->type != NX_DT_DIR)
		return NX_ENOTDIR;
	if (next)
		vnode_ref(next);
	else if ((err = vn_lookup(w->cur, name, len, &next)) != 0)
		return err;
	if (next->type == NX_DT_SYMLINK && follow) {
		err = walk_link(w, next);
		vnode_put(next);
		return err;
	}
	err = canon_down(w, name, len);
	if (err) {
		vnode_put(next);
		return err;
	}
	walk_move(w, next);
	return 0;
}

/* Walks names until the last (which is left when `stop_last`). */
static int
walk_run(struct walk *w, unsigned flags, int stop_last, const char **lname,
    size_t *llen)
{
	const char *name;
	int last, slash, err;
	size_t len;

	for (;;) {
		const char *before = w->rest;

		len = next_name(w, &name, &last, &slash);
		if (len == 0)
			break;
		if (len > NX_NAME_MAX)
			return NX_ENAMETOOLONG;
		if (last && stop_last) {
			w->rest = before;
			*lname = name;
			*llen = len;
			return 0;
		}
		if (len == 1 && name[0] == '.')
			err = w->cur->type == NX_DT_DIR ? 0 : NX_ENOTDIR;
		else if (len == 2 && name[0] == '.' && name[1] == '.')
			err = w->cur->type == NX_DT_DIR ? walk_up(w) :
			    NX_ENOTDIR;
		else
			err = walk_down(w, name, len,
			    !last || slash || (flags & PATH_FOLLOW));
		if (err)
			return err;
		if (last && slash)
			flags |= PATH_DIR;
	}
	if (stop_last) {
		*lname = "";
		*llen = 0;
	}
	if ((flags & PATH_DIR) && w->cur->type != NX_DT_DIR)
		return NX_ENOTDIR;
	return 0;
}

int
path_walk(struct vnode *start, const char *path, unsigned flags,
    struct vnode **out, char *canon)
{
	struct walk w;
	int err = walk_begin(&w, start, path, canon);

	if (err)
		return err;
	if (path[strlen(path) - 1] == '/')
		flags |= PATH_DIR;
	err = walk_run(&w, flags, 0, NULL, NULL);
	if (err) {
		vnode_put(w.cur);
		return err;
	}
	*out = w.cur;
	return 0;
}

int
path_parent(struct vnode *start, const char *path, struct vnode **dir,
    char *name)
{
	struct walk w;
	const char *last;
	size_t len;
	int err = walk_begin(&w, start, path, NULL);

	if (err)
		return err;
	err = walk_run(&w, PATH_FOLLOW, 1, &last, &len);
	if (!err && w.cur->type != NX_DT_DIR)
		err = NX_ENOTDIR;
	if (err) {
		vnode_put(w.cur);
		return err;
	}
	memcpy(name, last, len);
	name[len] = '\0';
	*dir = w.cur;
	return 0;
}

/* Whether the file system below `dir` has an entry `name`. */
static int
has_entry(struct vnode *dir, const char *name, size_t len)
{
	struct vnode *vn;

	if (vn_lookup(dir, name, len, &vn) != 0)
		return 0;
	vnode_put(vn);
	return 1;
}

/*
 * A mount whose name the file system below also has is listed in that
 * entry's place; the others come first.  So listing costs the file
 * system's own readdir and a look at the (few) mounts, nothing more.
 */
int
path_readdir(struct vnode *dir, uint64_t index, NxDirent *d)
{
	const char *name;
	size_t len;
	struct vnode *m;
	uint64_t extra = 0;
	int r;

	if (dir->type != NX_DT_DIR)
		return NX_ENOTDIR;
	for (unsigned i = 0; (m = mount_in(dir, i, &name, &len)); i++) {
		if (has_entry(dir, name, len))
			continue;
		if (extra++ != index)
			continue;
		memset(d, 0, sizeof(*d));
		d->type = m->type;
		d->name_len = (uint32_t)len;
		memcpy(d->name, name, len);
		return 1;
	}
	r = vn_readdir(dir, index - extra, d);
	if (r == 1 && (m = mount_at(dir, d->name, d->name_len)) != NULL) {
		d->type = m->type;
		d->size = 0;
	}
	return r;
}
