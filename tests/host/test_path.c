/*
 * core/fs/path.c over a file system of the test's own (a few static
 * vnodes), with core/fs/mount.c and core/fs/vnode.c as they are.  Every
 * walk must give back every reference it took: each test ends with the
 * vnodes' counts where they began.
 */
#include <stdio.h>
#include <string.h>

#include "fs/mount.h"
#include "fs/path.h"
#include "test.h"

/* A node: its vnode, name, parent, children and link target. */
struct node {
	struct vnode vn;
	const char *name;
	struct node *parent;
	struct node *kids[8];
	const char *target;
};

static int fake_lookup(struct vnode *, const char *, size_t,
    struct vnode **);
static int fake_readdir(struct vnode *, uint64_t, NxDirent *);
static int fake_readlink(struct vnode *, char *, size_t);

static const struct vnode_ops fake_ops = {
	.lookup = fake_lookup,
	.readdir = fake_readdir,
	.readlink = fake_readlink,
};

#define CHAIN 41	/* links c0 .. c40, each to the next; c40 to "etc" */

static struct node root, bin, hello, etc, motd, lnk, abslink, loop, up,
    sub, devroot, devnull, hidden, chain[CHAIN];
static char chain_names[CHAIN][16], chain_targets[CHAIN][16];
static struct node *all[] = { &root, &bin, &hello, &etc, &motd, &lnk,
    &abslink, &loop, &up, &sub, &devroot, &devnull, &hidden };

static void
add(struct node *dir, struct node *n, const char *name, uint8_t type,
    const char *target)
{
	int i = 0;

	while (dir && dir->kids[i])
		i++;
	if (dir)
		dir->kids[i] = n;
	n->name = name;
	n->parent = dir ? dir : n;
	n->target = target;
	n->vn.ops = &fake_ops;
	n->vn.priv = n;
	n->vn.type = type;
	n->vn.size = target ? strlen(target) : 0;
}

static int
fake_lookup(struct vnode *dir, const char *name, size_t len,
    struct vnode **out)
{
	struct node *d = dir->priv;

	if (len == 2 && memcmp(name, "..", 2) == 0) {
		*out = &d->parent->vn;
		vnode_ref(*out);
		return 0;
	}
	for (int i = 0; i < 8 && d->kids[i]; i++) {
		if (strlen(d->kids[i]->name) == len &&
		    memcmp(d->kids[i]->name, name, len) == 0) {
			*out = &d->kids[i]->vn;
			vnode_ref(*out);
			return 0;
		}
	}
	/* The link chain lives in the root, beside the 8 named children. */
	for (int i = 0; d == &root && i < CHAIN; i++) {
		if (strlen(chain_names[i]) == len &&
		    memcmp(chain_names[i], name, len) == 0) {
			*out = &chain[i].vn;
			vnode_ref(*out);
			return 0;
		}
	}
	return NX_ENOENT;
}

static int
fake_readdir(struct vnode *dir, uint64_t index, NxDirent *dent)
{
	struct node *d = dir->priv;

	if (index >= 8 || !d->kids[index])
		return 0;
	memset(dent, 0, sizeof(*dent));
	dent->type = d->kids[index]->vn.type;
	dent->name_len = (uint32_t)strlen(d->kids[index]->name);
	memcpy(dent->name, d->kids[index]->name, dent->name_len);
	return 1;
}

static int
fake_readlink(struct vnode *vn, char *buf, size_t size)
{
	struct node *n = vn->priv;
	size_t len = strlen(n->target);

	if (len > size)
		len = size;
	memcpy(buf, n->target, len);
	return (int)len;
}

/*
 * /bin/hello, /etc/motd, /lnk -> etc, /abs -> /etc/motd, /loop -> loop,
 * /etc/sub/up -> ../.., /dev (a directory here, hidden by the mount of
 * another file system: null), and the chain c0 .. c40.
 */
static void
build(void)
{
	mount_reset();		/* the last test's mounts, with their refs */
	for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		memset(all[i], 0, sizeof(*all[i]));
	memset(chain, 0, sizeof(chain));
	add(NULL, &root, "", NX_DT_DIR, NULL);
	add(&root, &bin, "bin", NX_DT_DIR, NULL);
	add(&bin, &hello, "hello", NX_DT_FILE, NULL);
	add(&root, &etc, "etc", NX_DT_DIR, NULL);
	add(&etc, &motd, "motd", NX_DT_FILE, NULL);
	add(&root, &lnk, "lnk", NX_DT_SYMLINK, "etc");
	add(&root, &abslink, "abs", NX_DT_SYMLINK, "/etc/motd");
	add(&root, &loop, "loop", NX_DT_SYMLINK, "loop");
	add(&etc, &sub, "sub", NX_DT_DIR, NULL);
	add(&sub, &up, "up", NX_DT_SYMLINK, "../..");
	add(&root, &hidden, "dev", NX_DT_DIR, NULL);
	add(NULL, &devroot, "", NX_DT_DIR, NULL);
	add(&devroot, &devnull, "null", NX_DT_CHAR, NULL);
	for (int i = 0; i < CHAIN; i++) {
		snprintf(chain_names[i], sizeof(chain_names[i]), "c%u", (unsigned)i);
		if (i + 1 < CHAIN)
			snprintf(chain_targets[i], sizeof(chain_targets[i]), "c%u",
			    (unsigned)i + 1);
		else
			strcpy(chain_targets[i], "etc");
		add(NULL, &chain[i], chain_names[i], NX_DT_SYMLINK,
		    chain_targets[i]);
		chain[i].parent = &root;
	}
	mount_set_root(&root.vn);
	mount_add(&root.vn, "dev", &devroot.vn);
}

/* Every count back where build() left it (the mounts' references). */
static void
check_refs(void)
{
	CHECK_EQ(root.vn.refs, 2);	/* the root, and /dev sits in it */
	CHECK_EQ(devroot.vn.refs, 1);
	for (unsigned i = 1; i < sizeof(all) / sizeof(all[0]); i++) {
		if (all[i] != &devroot)
			CHECK_EQ(all[i]->vn.refs, 0);
	}
	for (int i = 0; i < CHAIN; i++)
		CHECK_EQ(chain[i].vn.refs, 0);
}

/* Walks `path` from `start`: the node reached (its reference dropped),
 * or NULL with the error in *err; `canon` follows. */
static struct node *
walk(struct node *start, const char *path, unsigned flags, int *err,
    char *canon)
{
	struct vnode *vn;

	*err = path_walk(&start->vn, path, flags, &vn, canon);
	if (*err)
		return NULL;
	vnode_put(vn);
	return vn->priv;
}

void
test_path_walk(void)
{
	char canon[NX_PATH_MAX];
	int err;

	build();
	CHECK(walk(&root, "/etc/motd", PATH_FOLLOW, &err, NULL) == &motd);
	CHECK(walk(&etc, "motd", PATH_FOLLOW, &err, NULL) == &motd);
	CHECK(walk(&etc, "/bin//hello", 0, &err, NULL) == &hello);
	strcpy(canon, "/");
	CHECK(walk(&root, "etc/../bin/./hello", 0, &err, canon) == &hello);
	CHECK_STREQ(canon, "/bin/hello");
	CHECK(walk(&root, "/../..", 0, &err, NULL) == &root);
	CHECK(walk(&root, "/nope", 0, &err, NULL) == NULL);
	CHECK_EQ(err, NX_ENOENT);
	CHECK(walk(&root, "/etc/motd/x", 0, &err, NULL) == NULL);
	CHECK_EQ(err, NX_ENOTDIR);
	CHECK(walk(&root, "/etc/motd/", 0, &err, NULL) == NULL);
	CHECK_EQ(err, NX_ENOTDIR);
	CHECK(walk(&root, "/etc/motd/.", 0, &err, NULL) == NULL);
	CHECK_EQ(err, NX_ENOTDIR);
	CHECK(walk(&root, "/etc/", 0, &err, NULL) == &etc);
	CHECK(walk(&root, "", 0, &err, NULL) == NULL);
	CHECK_EQ(err, NX_ENOENT);
	check_refs();
}

void
test_path_links(void)
{
	char canon[NX_PATH_MAX];
	int err;

	build();
	strcpy(canon, "/");
	CHECK(walk(&root, "/lnk/motd", 0, &err, canon) == &motd);
	CHECK_STREQ(canon, "/etc/motd");
	CHECK(walk(&bin, "/abs", PATH_FOLLOW, &err, NULL) == &motd);
	CHECK(walk(&bin, "/abs", 0, &err, NULL) == &abslink);
	CHECK(walk(&bin, "/lnk/", 0, &err, NULL) == &etc);	/* slash follows */
	strcpy(canon, "/");
	CHECK(walk(&root, "etc/sub/up/bin", 0, &err, canon) == &bin);
	CHECK_STREQ(canon, "/bin");
	CHECK(walk(&root, "/loop", PATH_FOLLOW, &err, NULL) == NULL);
	CHECK_EQ(err, NX_ELOOP);
	CHECK(walk(&root, "/loop/x", 0, &err, NULL) == NULL);
	CHECK_EQ(err, NX_ELOOP);
	/* 40 links in one walk are followed; the 41st is a loop. */
	CHECK(walk(&root, "/c1", PATH_FOLLOW, &err, NULL) == &etc);
	CHECK(walk(&root, "/c0", PATH_FOLLOW, &err, NULL) == NULL);
	CHECK_EQ(err, NX_ELOOP);
	check_refs();
}

void
test_path_mounts(void)
{
	char canon[NX_PATH_MAX];
	struct vnode *dir;
	char name[NX_NAME_MAX + 1];
	NxDirent d;
	int err;

	build();
	CHECK(walk(&root, "/dev/null", 0, &err, NULL) == &devnull);
	CHECK(walk(&root, "/dev", 0, &err, NULL) == &devroot);	/* not hidden */
	strcpy(canon, "/");
	CHECK(walk(&root, "/dev/../etc", 0, &err, canon) == &etc);
	CHECK_STREQ(canon, "/etc");
	strcpy(canon, "/dev");
	CHECK(walk(&devroot, "..", 0, &err, canon) == &root);
	CHECK_STREQ(canon, "/");
	CHECK(walk(&devroot, "../dev/./null", 0, &err, NULL) == &devnull);
	/* The mount is listed in the place of the entry it hides. */
	CHECK_EQ(path_readdir(&root.vn, 5, &d), 1);
	CHECK_STREQ(d.name, "dev");
	CHECK(d.type == NX_DT_DIR);
	CHECK_EQ(path_readdir(&root.vn, 6, &d), 0);
	CHECK_EQ(path_readdir(&motd.vn, 0, &d), NX_ENOTDIR);
	/* A parent and a last name, links on the way followed. */
	CHECK_EQ(path_parent(&root.vn, "/lnk/new", &dir, name), 0);
	CHECK(dir == &etc.vn);
	CHECK_STREQ(name, "new");
	vnode_put(dir);
	CHECK_EQ(path_parent(&root.vn, "/", &dir, name), 0);
	CHECK_STREQ(name, "");
	vnode_put(dir);
	CHECK_EQ(path_parent(&root.vn, "/etc/motd/x", &dir, name),
	    NX_ENOTDIR);
	check_refs();
}

void
test_path_lengths(void)
{
	char path[2 * NX_PATH_MAX], canon[NX_PATH_MAX];
	int err;

	build();
	memset(path, 'a', NX_NAME_MAX + 1);
	path[NX_NAME_MAX + 1] = '\0';
	CHECK(walk(&root, path, 0, &err, NULL) == NULL);
	CHECK_EQ(err, NX_ENAMETOOLONG);
	memset(path, '/', NX_PATH_MAX);
	path[NX_PATH_MAX] = '\0';
	CHECK(walk(&root, path, 0, &err, NULL) == NULL);
	CHECK_EQ(err, NX_ENAMETOOLONG);
	path[NX_PATH_MAX - 1] = '\0';		/* 255 slashes: the root */
	CHECK(walk(&root, path, 0, &err, NULL) == &root);
	/* A canonical path that would not fit. */
	memset(canon, 'x', NX_PATH_MAX - 4);
	canon[0] = '/';
	canon[NX_PATH_MAX - 4] = '\0';
	CHECK(walk(&root, "etc", 0, &err, canon) == NULL);
	CHECK_EQ(err, NX_ENAMETOOLONG);
	check_refs();
	mount_reset();
}
