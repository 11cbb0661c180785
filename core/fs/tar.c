#include <string.h>

#include "nexus/abi.h"
#include "tar.h"

#define BLOCK		512
#define LOOKUP_MAX	1024
#define HARDLINK	100	/* node type until its target is resolved */

/* Header field offsets and sizes (POSIX ustar; v7 and GNU share them). */
#define H_NAME		0
#define H_MODE		100
#define H_SIZE		124
#define H_MTIME		136
#define H_CHKSUM	148
#define H_TYPE		156
#define H_LINK		157
#define H_MAGIC		257
#define H_PREFIX	345

/* What `L`, `K` and `x` headers say about the entry that follows. */
struct pending {
	const char *path;
	size_t path_len;
	const char *link;
	size_t link_len;
	int has_size;
	uint64_t size;
};

struct indexer {
	struct tar_fs *fs;
	tar_alloc_fn alloc;
	void *ctx;
	struct pending pend;
};

static int
parse_octal(const uint8_t *f, size_t n, uint64_t *v)
{
	size_t i = 0;

	*v = 0;
	while (i < n && f[i] == ' ')
		i++;
	for (; i < n && f[i] >= '0' && f[i] <= '7'; i++) {
		if (*v >> 61)
			return -1;
		*v = *v << 3 | (uint64_t)(f[i] - '0');
	}
	for (; i < n; i++) {
		if (f[i] != ' ' && f[i] != '\0')
			return -1;
	}
	return 0;
}

/*
 * Octal, or GNU base-256 (first byte 0x80, then big-endian binary).  The
 * first byte's other bits are the number's top bits: any first byte but
 * 0x80 is negative (0x40 set) or at least 2^88, refused, never a size.
 */
static int
parse_number(const uint8_t *f, size_t n, uint64_t *v)
{
	if (!(f[0] & 0x80))
		return parse_octal(f, n, v);
	if (f[0] != 0x80)
		return -1;		/* negative */
	*v = 0;
	for (size_t i = 1; i < n; i++) {
		if (*v >> 56)
			return -1;
		*v = *v << 8 | f[i];
	}
	return 0;
}

/* Old tars summed signed chars; accept either sum. */
static int
checksum_ok(const uint8_t *h)
{
	uint64_t want;
	int64_t usum = 0, ssum = 0;

	if (parse_octal(h + H_CHKSUM, 8, &want) != 0)
		return 0;
	for (int i = 0; i < BLOCK; i++) {
		int in_field = i >= H_CHKSUM && i < H_CHKSUM + 8;

		usum += in_field ? ' ' : h[i];
		ssum += in_field ? ' ' : (int8_t)h[i];
	}
	return (uint64_t)usum == want || (uint64_t)ssum == want;
}

static int
all_zero(const uint8_t *h)
{
	for (int i = 0; i < BLOCK; i++) {
		if (h[i])
			return 0;
	}
	return 1;
}

static struct tar_node *
new_node(struct indexer *ix, struct tar_node *parent, const char *name,
    size_t len)
{
	struct tar_node *n = ix->alloc(ix->ctx, sizeof(*n));

	if (!n)
		return NULL;
	n->name = name;
	n->name_len = (uint32_t)len;
	n->type = TAR_DIR;
	n->mode = 0755;
	n->parent = parent;
	if (parent->last)
		parent->last->next = n;
	else
		parent->child = n;
	parent->last = n;
	parent->nchildren++;
	ix->fs->nodes++;
	return n;
}

const struct tar_node *
tar_child(const struct tar_node *dir, const char *name, size_t len)
{
	for (const struct tar_node *c = dir->child; c; c = c->next) {
		if (c->name_len == len && memcmp(c->name, name, len) == 0)
			return c;
	}
	return NULL;
}

/* A path in up to two pieces (ustar's prefix and name), split at '/'. */
struct pieces {
	const char *p[2];
	size_t len[2];
	int n;
};

/*
 * Finds or makes the directories along `pc` and returns the node of the
 * last component (made if missing), or the root for an empty path.
 * Components never span the two pieces: ustar splits paths at a '/'.
 */
static struct tar_node *
place(struct indexer *ix, const struct pieces *pc)
{
	struct tar_node *cur = ix->fs->root;

	for (int k = 0; k < pc->n; k++) {
		const char *s = pc->p[k], *end = s + pc->len[k];

		while (s < end) {
			const char *c = s;
			struct tar_node *next;

			while (s < end && *s != '/')
				s++;
			if (s == c || (s - c == 1 && c[0] == '.')) {
				s++;
				continue;
			}
			if (s - c == 2 && c[0] == '.' && c[1] == '.') {
				cur = cur->parent;
				s++;
				continue;
			}
			next = (struct tar_node *)tar_child(cur, c,
			    (size_t)(s - c));
			if (next && next->type != TAR_DIR &&
			    (s < end || k + 1 < pc->n)) {
				/* A file was in the way: it becomes a directory. */
				next->type = TAR_DIR;
				next->size = 0;
			}
			if (!next)
				next = new_node(ix, cur, c, (size_t)(s - c));
			if (!next)
				return NULL;
			cur = next;
			s++;
		}
	}
	return cur;
}

static uint8_t
node_type(uint8_t flag, const struct pieces *pc)
{
	size_t l;

	switch (flag) {
	case '\0':
		/* v7: a trailing slash marks a directory. */
		l = pc->len[pc->n - 1];
		if (l && pc->p[pc->n - 1][l - 1] == '/')
			return TAR_DIR;
		return TAR_FILE;
	case '0':
	case '7':
		return TAR_FILE;
	case '1':
		return HARDLINK;
	case '2':
		return TAR_SYMLINK;
	case '3':
		return TAR_CHARDEV;
	case '4':
		return TAR_BLOCKDEV;
	case '5':
	case 'D':
		return TAR_DIR;
	case '6':
		return TAR_FIFO;
	default:
		return TAR_OTHER;
	}
}

static void
entry_pieces(const uint8_t *h, const struct pending *pend, struct pieces *pc)
{
	pc->n = 0;
	if (pend->path) {
		pc->p[0] = pend->path;
		pc->len[0] = pend->path_len;
		pc->n = 1;
		return;
	}
	/* Only POSIX ustar has a prefix; GNU keeps other things there. */
	if (memcmp(h + H_MAGIC, "ustar\0", 6) == 0 && h[H_PREFIX]) {
		pc->p[0] = (const char *)h + H_PREFIX;
		pc->len[0] = strnlen(pc->p[0], 155);
		pc->n = 1;
	}
	pc->p[pc->n] = (const char *)h + H_NAME;
	pc->len[pc->n] = strnlen(pc->p[pc->n], 100);
	pc->n++;
}

static int
add_entry(struct indexer *ix, const uint8_t *h, const uint8_t *data,
    uint64_t size)
{
	struct pieces pc;
	struct tar_node *n;
	uint8_t type;
	uint64_t mode, mtime;

	entry_pieces(h, &ix->pend, &pc);
	type = node_type(h[H_TYPE], &pc);
	n = place(ix, &pc);
	if (!n)
		return NX_ENOMEM;
	ix->fs->entries++;
	if (n == ix->fs->root)
		return 0;		/* "./" and the like */
	if (parse_octal(h + H_MODE, 8, &mode) == 0)
		n->mode = (uint32_t)(mode & 07777);
	if (parse_number(h + H_MTIME, 12, &mtime) == 0) {
		n->mtime = mtime;
		n->dated = 1;
	}
	if (type == TAR_DIR && n->type == TAR_DIR)
		return 0;		/* keep what is already inside */
	n->type = type;
	n->child = n->last = NULL;
	n->nchildren = 0;
	n->size = type == TAR_FILE ? size : 0;
	n->data = type == TAR_FILE ? data : NULL;
	n->link = ix->pend.link ? ix->pend.link : (const char *)h + H_LINK;
	n->link_len = (uint32_t)(ix->pend.link ? ix->pend.link_len :
	    strnlen((const char *)h + H_LINK, 100));
	if (type != TAR_SYMLINK && type != HARDLINK) {
		n->link = NULL;
		n->link_len = 0;
	}
	if (type == HARDLINK && n != ix->fs->hardlinks_last && !n->link_next) {
		/* Listed once, where it first appeared, even if repeated. */
		struct tar_fs *fs = ix->fs;

		if (fs->hardlinks_last)
			fs->hardlinks_last->link_next = n;
		else
			fs->hardlinks = n;
		fs->hardlinks_last = n;
	}
	return 0;
}

/* One pax record: "<len> <key>=<value>\n". */
static int
pax_record(struct pending *pend, const char *rec, size_t len)
{
	const char *eq = memchr(rec, '=', len);
	const char *val;
	size_t klen, vlen;
	uint64_t v = 0;

	if (!eq || rec[len - 1] != '\n')
		return -1;
	klen = (size_t)(eq - rec);
	val = eq + 1;
	vlen = len - klen - 2;
	if (klen == 4 && memcmp(rec, "path", 4) == 0) {
		pend->path = val;
		pend->path_len = vlen;
	} else if (klen == 8 && memcmp(rec, "linkpath", 8) == 0) {
		pend->link = val;
		pend->link_len = vlen;
	} else if (klen == 4 && memcmp(rec, "size", 4) == 0) {
		for (size_t i = 0; i < vlen; i++) {
			if (val[i] < '0' || val[i] > '9' || v >> 59)
				return -1;
			v = v * 10 + (uint64_t)(val[i] - '0');
		}
		pend->has_size = 1;
		pend->size = v;
	}
	return 0;
}

static int
parse_pax(struct pending *pend, const char *p, size_t size)
{
	size_t off = 0;

	while (off < size && p[off]) {
		size_t len = 0, i = off;

		while (i < size && p[i] >= '0' && p[i] <= '9' && len < size)
			len = len * 10 + (size_t)(p[i++] - '0');
		if (i >= size || p[i] != ' ' || len <= i - off + 1 ||
		    len > size - off)
			return -1;
		if (pax_record(pend, p + i + 1, len - (i - off) - 1) != 0)
			return -1;
		off += len;
	}
	return 0;
}

static void
stop(struct tar_fs *fs, uint64_t off, const char *why)
{
	fs->corrupt = 1;
	fs->bad_offset = off;
	fs->why = why;
}

/* One header at `off`; returns the offset of the next, or 0 to stop. */
static size_t
scan_one(struct indexer *ix, const uint8_t *img, size_t len, size_t off,
    int *err)
{
	const uint8_t *h = img + off, *data = h + BLOCK;
	uint64_t size;
	uint8_t flag = h[H_TYPE];

	if (!checksum_ok(h)) {
		stop(ix->fs, off, "bad header checksum");
		return 0;
	}
	if (parse_number(h + H_SIZE, 12, &size) != 0) {
		stop(ix->fs, off, "bad size field");
		return 0;
	}
	/* Only regular files carry data; pax may say how much. */
	if (ix->pend.has_size && flag != 'x' && flag != 'g' && flag != 'L' &&
	    flag != 'K')
		size = ix->pend.size;
	if (flag == '1' || flag == '2' || flag == '5')
		size = 0;
	if (size > len - off - BLOCK) {
		stop(ix->fs, off, "entry runs past the end of the archive");
		return 0;
	}
	switch (flag) {
	case 'L':
		ix->pend.path = (const char *)data;
		ix->pend.path_len = strnlen((const char *)data, size);
		break;
	case 'K':
		ix->pend.link = (const char *)data;
		ix->pend.link_len = strnlen((const char *)data, size);
		break;
	case 'x':
		if (parse_pax(&ix->pend, (const char *)data, size) != 0) {
			stop(ix->fs, off, "bad pax header");
			return 0;
		}
		break;
	case 'g':
	case 'V':
		break;
	default:
		*err = add_entry(ix, h, data, size);
		memset(&ix->pend, 0, sizeof(ix->pend));
		break;
	}
	return off + BLOCK + ((size + BLOCK - 1) & ~(uint64_t)(BLOCK - 1));
}

/*
 * Makes each hard link a copy of its target's node (type, data, link
 * text), in archive order, so a link to an earlier link works too.  A
 * link whose target is missing, a directory or unresolved becomes
 * TAR_OTHER.
 */
static void
resolve_hardlinks(struct tar_fs *fs)
{
	for (struct tar_node *n = fs->hardlinks; n; n = n->link_next) {
		char path[LOOKUP_MAX];
		const struct tar_node *t = NULL;

		if (n->type != HARDLINK)
			continue;	/* a later entry replaced it */
		if (n->link_len < sizeof(path)) {
			memcpy(path, n->link, n->link_len);
			path[n->link_len] = '\0';
			tar_lookup(fs, path, 0, &t);
		}
		if (!t || t == n || t->type == TAR_DIR || t->type == HARDLINK) {
			n->type = TAR_OTHER;
			n->link = NULL;
			n->link_len = 0;
			continue;
		}
		n->type = t->type;
		n->mode = t->mode;
		n->dated = t->dated;
		n->mtime = t->mtime;
		n->data = t->data;
		n->size = t->size;
		n->link = t->link;
		n->link_len = t->link_len;
	}
}

int
tar_index(const uint8_t *img, size_t len, tar_alloc_fn alloc, void *ctx,
    struct tar_fs *fs)
{
	struct indexer ix = { fs, alloc, ctx, { 0 } };
	size_t off = 0;
	int err = 0;

	memset(fs, 0, sizeof(*fs));
	fs->root = alloc(ctx, sizeof(*fs->root));
	if (!fs->root)
		return NX_ENOMEM;
	fs->root->type = TAR_DIR;
	fs->root->mode = 0755;
	fs->root->parent = fs->root;
	fs->nodes = 1;
	while (!err && off <= len && len - off >= BLOCK) {
		if (all_zero(img + off)) {
			/* Two zero blocks (or one at the very end) end it. */
			if (len - off < 2 * BLOCK || all_zero(img + off + BLOCK))
				break;
			off += BLOCK;
			continue;
		}
		off = scan_one(&ix, img, len, off, &err);
		if (off == 0)
			break;
	}
	if (err)
		return err;
	resolve_hardlinks(fs);
	return 0;
}

int
tar_path(const struct tar_node *n, char *buf, size_t size)
{
	size_t need = 1;

	for (const struct tar_node *p = n; p->parent != p; p = p->parent)
		need += p->name_len + 1;
	if (need > size || size == 0)
		return NX_ENAMETOOLONG;
	buf[--need] = '\0';
	if (need == 0) {
		buf[0] = '/';
		buf[1 < size ? 1 : 0] = '\0';
		return size > 1 ? 0 : NX_ENAMETOOLONG;
	}
	for (const struct tar_node *p = n; p->parent != p; p = p->parent) {
		need -= p->name_len;
		memcpy(buf + need, p->name, p->name_len);
		buf[--need] = '/';
	}
	return 0;
}

/* A path ending in '/' (after a name) names a directory. */
static int
dir_wanted(const char *path)
{
	size_t l = strlen(path);

	return l > 1 && path[l - 1] == '/';
}

/* Replaces buf with the link target, then what followed the link. */
static int
splice_link(const struct tar_node *dir, const struct tar_node *link,
    const char *rest, char *buf)
{
	char tmp[LOOKUP_MAX];
	size_t n = 0, rl = strlen(rest);

	if (link->link_len == 0)
		return NX_ENOENT;
	if (link->link[0] != '/') {
		if (tar_path(dir, tmp, sizeof(tmp)) != 0)
			return NX_ENAMETOOLONG;
		n = strlen(tmp);
		tmp[n++] = '/';
	}
	if (n + link->link_len + rl + 1 > sizeof(tmp))
		return NX_ENAMETOOLONG;
	memcpy(tmp + n, link->link, link->link_len);
	n += link->link_len;
	memcpy(tmp + n, rest, rl + 1);
	memcpy(buf, tmp, n + rl + 1);
	return 0;
}

int
tar_lookup(const struct tar_fs *fs, const char *path, int follow,
    const struct tar_node **out)
{
	char buf[LOOKUP_MAX];
	const struct tar_node *cur;
	const char *p;
	int hops = 0, err;

	if (strnlen(path, sizeof(buf)) == sizeof(buf))
		return NX_ENAMETOOLONG;
	strcpy(buf, path);
restart:
	cur = fs->root;
	p = buf;
	for (;;) {
		const struct tar_node *next;
		const char *c;
		size_t cl;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		c = p;
		while (*p && *p != '/')
			p++;
		cl = (size_t)(p - c);
		if (cur->type != TAR_DIR)
			return NX_ENOTDIR;
		if (cl == 1 && c[0] == '.')
			continue;
		if (cl == 2 && c[0] == '.' && c[1] == '.') {
			cur = cur->parent;
			continue;
		}
		next = tar_child(cur, c, cl);
		if (!next)
			return NX_ENOENT;
		/* Follow unless it is the last name, bare, and not asked to. */
		if (next->type == TAR_SYMLINK && (follow || *p == '/')) {
			if (++hops > TAR_MAX_HOPS)
				return NX_ELOOP;
			err = splice_link(cur, next, p, buf);
			if (err)
				return err;
			goto restart;
		}
		cur = next;
	}
	if (dir_wanted(buf) && cur->type != TAR_DIR)
		return NX_ENOTDIR;
	*out = cur;
	return 0;
}
