/*
 * core/fs/tar.c: tar_index() and the lookups over its tree, against
 * archives written by GNU tar (ustar, gnu, pax, v7) and by Python's tarfile
 * (ustar, gnu, pax) from trees made here, compared file by file with the
 * tree; against headers built by hand for what those tools do not write
 * (base-256 sizes, pax records, devices, odd names); and against damaged
 * copies: bad checksums, every truncation, random byte flips.
 */
#define _XOPEN_SOURCE 700	/* mkdtemp, nftw, symlink, readlink */

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nexus/abi.h"
#include "fs/tar.h"
#include "test.h"

#define BLOCK	512
#define MIB	(1024 * 1024)
#define PADDED(n)	(((n) + BLOCK - 1) / BLOCK * BLOCK)

/* ---- an allocator for tar_index ------------------------------------------ */

/*
 * Every block is its own calloc(), exactly sized, so ASan sees a node
 * overrun; arena_free() frees them all, so LeakSanitizer stays quiet.
 */
struct arena {
	void **blk;
	size_t n, cap;
	size_t calls;
	size_t fail_at;		/* this call and later ones fail; 0: none */
};

static void *
arena_alloc(void *ctx, size_t size)
{
	struct arena *a = ctx;
	void *p;

	a->calls++;
	if (a->fail_at && a->calls >= a->fail_at)
		return NULL;
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 64;
		void **blk = realloc(a->blk, cap * sizeof(*blk));

		if (!blk)
			abort();
		a->blk = blk;
		a->cap = cap;
	}
	if (!(p = calloc(1, size ? size : 1)))
		abort();
	a->blk[a->n++] = p;
	return p;
}

static void
arena_free(struct arena *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->blk[i]);
	free(a->blk);
	memset(a, 0, sizeof(*a));
}

/* An image, exactly sized and owned, and its index. */
struct ix {
	uint8_t *img;
	size_t len;
	struct arena arena;
	struct tar_fs fs;
	int rc;
};

/* Indexes `img` (taken over); 1 if tar_index() returned 0. */
static int
ix_open(struct ix *x, uint8_t *img, size_t len)
{
	memset(x, 0, sizeof(*x));
	x->img = img;
	x->len = len;
	x->rc = tar_index(img, len, arena_alloc, &x->arena, &x->fs);
	return x->rc == 0;
}

static void
ix_close(struct ix *x)
{
	arena_free(&x->arena);
	free(x->img);
	memset(x, 0, sizeof(*x));
}

/* Indexes an exact copy of `len` bytes of `src`. */
static int
ix_copy(struct ix *x, const uint8_t *src, size_t len)
{
	return ix_open(x, test_copy(src, len), len);
}

/* ---- deterministic bytes ------------------------------------------------- */

static uint64_t
rnd(uint64_t *s)
{
	/* xorshift64*: the same bytes on every run. */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static void
gen_bytes(uint64_t seed, uint8_t *buf, size_t n)
{
	uint64_t s = seed * 0x9e3779b97f4a7c15ull + 1;

	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)(rnd(&s) >> 56);
}

/* ---- archives built by hand -------------------------------------------- */

struct buf {
	uint8_t *p;
	size_t len, cap;
};

/* Appends `n` zero bytes rounded up to whole blocks; returns the offset. */
static size_t
put_zero(struct buf *b, size_t n)
{
	size_t off = b->len, add = PADDED(n);

	if (b->len + add > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;

		while (cap < b->len + add)
			cap *= 2;
		if (!(b->p = realloc(b->p, cap)))
			abort();
		b->cap = cap;
	}
	memset(b->p + off, 0, add);
	b->len += add;
	return off;
}

static size_t
put_data(struct buf *b, const void *data, size_t n)
{
	size_t off = put_zero(b, n);

	if (n)
		memcpy(b->p + off, data, n);
	return off;
}

/* Rewrites a header's checksum the way GNU tar writes it. */
static void
fix_checksum(uint8_t *h)
{
	unsigned sum = 0;

	memset(h + 148, ' ', 8);
	for (int i = 0; i < BLOCK; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum & 0777777);
	h[155] = ' ';
}

enum magic { M_USTAR, M_GNU, M_V7 };

struct hdr {
	const char *name;	/* up to 100 bytes are kept */
	const char *prefix;	/* ustar only; up to 155 bytes */
	char type;
	uint64_t size;		/* written in octal */
	const char *link;	/* up to 100 bytes */
	enum magic magic;
	unsigned mode;		/* 0: 0644 */
};

static size_t
put_header(struct buf *b, const struct hdr *hd)
{
	size_t off = put_zero(b, BLOCK);
	uint8_t *h = b->p + off;
	char num[32];

	memcpy(h, hd->name, strnlen(hd->name, 100));
	snprintf(num, sizeof(num), "%07o", (hd->mode ? hd->mode : 0644) & 07777);
	memcpy(h + 100, num, 8);
	memcpy(h + 108, "0000000", 8);
	memcpy(h + 116, "0000000", 8);
	snprintf(num, sizeof(num), "%011llo", (unsigned long long)hd->size);
	memcpy(h + 124, num, 12);
	memcpy(h + 136, "14000000000", 12);
	h[156] = (uint8_t)hd->type;
	if (hd->link)
		memcpy(h + 157, hd->link, strnlen(hd->link, 100));
	if (hd->magic == M_USTAR)
		memcpy(h + 257, "ustar\0" "00", 8);
	else if (hd->magic == M_GNU)
		memcpy(h + 257, "ustar  ", 8);
	if (hd->prefix)
		memcpy(h + 345, hd->prefix, strnlen(hd->prefix, 155));
	fix_checksum(h);
	return off;
}

/* A header and its data; returns the header's offset. */
static size_t
put_entry(struct buf *b, const struct hdr *hd, const void *data)
{
	size_t off = put_header(b, hd);

	put_data(b, data, data ? hd->size : 0);
	return off;
}

/* A regular file of `n` bytes of `data`, in a ustar header. */
static size_t
put_file(struct buf *b, const char *name, const void *data, size_t n)
{
	struct hdr hd = { .name = name, .type = '0', .size = n };

	return put_entry(b, &hd, data);
}

/* A GNU 'L'/'K' record or a pax 'x'/'g' one holding `n` bytes of `text`. */
static size_t
put_meta(struct buf *b, char type, const char *text, size_t n)
{
	struct hdr hd = { .type = type, .size = n };

	hd.magic = (type == 'L' || type == 'K') ? M_GNU : M_USTAR;
	hd.name = hd.magic == M_GNU ? "././@LongLink" : "PaxHeaders.0/meta";
	return put_entry(b, &hd, text);
}

/* Appends "LEN key=value\n" to `rec`, LEN counting its own digits. */
static void
pax_add(char *rec, size_t size, const char *key, const char *value)
{
	size_t body = strlen(key) + strlen(value) + 3, n = body + 1, l;

	for (;;) {
		size_t d = (size_t)snprintf(NULL, 0, "%zu", n);

		if (d + body == n)
			break;
		n = d + body;
	}
	l = strlen(rec);
	snprintf(rec + l, size - l, "%zu %s=%s\n", n, key, value);
}

/* Ends the archive with two zero blocks; an exactly sized copy. */
static uint8_t *
finish(struct buf *b, size_t *len)
{
	uint8_t *img;

	put_zero(b, 2 * BLOCK);
	img = test_copy(b->p, b->len);
	*len = b->len;
	free(b->p);
	memset(b, 0, sizeof(*b));
	return img;
}

/* ---- looking at the tree ------------------------------------------------- */

static int
name_is(const struct tar_node *n, const char *s)
{
	return n && n->name_len == strlen(s) &&
	    memcmp(n->name, s, n->name_len) == 0;
}

static int
link_is(const struct tar_node *n, const char *s, size_t len)
{
	return n && n->link && n->link_len == len &&
	    memcmp(n->link, s, len) == 0;
}

/* The next node after `n` in depth-first order, or NULL. */
static const struct tar_node *
next_node(const struct tar_node *root, const struct tar_node *n)
{
	if (n->child)
		return n->child;
	while (n != root && !n->next) {
		/* A broken parent link ends the walk, not the test. */
		if (!(n = n->parent))
			return NULL;
	}
	return n == root ? NULL : n->next;
}

static int
in_image(const void *p, size_t n, const uint8_t *img, size_t len)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)img;

	return a >= lo && a - lo <= len && n <= len - (a - lo);
}

struct tally {
	size_t nodes, files, dirs, links, other;
	unsigned sum;		/* of every byte a node points at */
	int bad;		/* broken invariants; the first is noted */
	char first[160];
};

static void
broken(struct tally *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
broken(struct tally *t, const char *fmt, ...)
{
	va_list ap;

	if (t->bad++ == 0) {
		va_start(ap, fmt);
		vsnprintf(t->first, sizeof(t->first), fmt, ap);
		va_end(ap);
	}
}

/*
 * Checks one node and reads every byte it points at: ASan catches a name,
 * link or data pointer leaving the (exactly sized) image.
 */
static void
visit(const struct tar_node *n, const struct tar_fs *fs, const uint8_t *img,
    size_t len, struct tally *t)
{
	const struct tar_node *c, *last = NULL;
	uint32_t count = 0;

	t->nodes++;
	if (n->type < TAR_FILE || n->type > TAR_OTHER)
		broken(t, "node type %u", n->type);
	if (n != fs->root) {
		if (n->name_len == 0 || !in_image(n->name, n->name_len, img,
		    len))
			broken(t, "name outside the image");
		else if (memchr(n->name, '/', n->name_len) ||
		    name_is(n, ".") || name_is(n, ".."))
			broken(t, "node named \"%.*s\"", (int)n->name_len,
			    n->name);
		for (uint32_t i = 0; i < n->name_len; i++)
			t->sum += (uint8_t)n->name[i];
	}
	if (n->link_len && !in_image(n->link, n->link_len, img, len)) {
		broken(t, "link outside the image");
	} else {
		for (uint32_t i = 0; i < n->link_len; i++)
			t->sum += (uint8_t)n->link[i];
	}
	if (n->type == TAR_FILE && n->size) {
		if (!in_image(n->data, n->size, img, len)) {
			broken(t, "data outside the image");
		} else {
			for (uint64_t i = 0; i < n->size; i++)
				t->sum += n->data[i];
		}
	}
	for (c = n->child; c && count <= n->nchildren; c = c->next) {
		if (c->parent != n)
			broken(t, "child's parent is not its directory");
		last = c;
		count++;
	}
	if (count != n->nchildren)
		broken(t, "nchildren %u, list %u", n->nchildren, count);
	if (n->child && n->last != last)
		broken(t, "`last` is not the last child");
	if (n->child && n->type != TAR_DIR)
		broken(t, "a non-directory with children");
	switch (n->type) {
	case TAR_FILE:	t->files++; break;
	case TAR_DIR:	t->dirs++; break;
	case TAR_SYMLINK: t->links++; break;
	default:	t->other++; break;
	}
}

/* Walks the whole tree; fs.nodes bounds the walk against a cycle. */
static void
walk(const struct tar_fs *fs, const uint8_t *img, size_t len,
    struct tally *t)
{
	const struct tar_node *n;
	size_t limit = (size_t)fs->nodes + 16;

	memset(t, 0, sizeof(*t));
	if (!fs->root) {
		broken(t, "no root");
		return;
	}
	if (fs->root->parent != fs->root || fs->root->type != TAR_DIR)
		broken(t, "the root is not a directory that is its own parent");
	for (n = fs->root; n; n = next_node(fs->root, n)) {
		if (t->nodes > limit) {
			broken(t, "more nodes than fs.nodes (%u)", fs->nodes);
			return;
		}
		visit(n, fs, img, len, t);
	}
}

/* Walks the tree and checks its invariants, fs.nodes included. */
static void
check_tree(const struct ix *x)
{
	struct tally t;

	walk(&x->fs, x->img, x->len, &t);
	test_note("%s", t.first);
	CHECK_EQ(t.bad, 0);
	test_note("nodes reached, root included");
	CHECK_EQ(x->fs.nodes, t.nodes);
}

/* tar_path() of every node, looked up again, gives the node. */
static void
check_round_trip(const struct tar_fs *fs)
{
	char path[2048];
	const struct tar_node *n, *back;
	size_t fails = 0, seen = 0;

	for (n = fs->root; n && seen <= fs->nodes; n = next_node(fs->root, n)) {
		seen++;
		if (tar_path(n, path, sizeof(path)) != 0 ||
		    tar_lookup(fs, path, 0, &back) != 0 || back != n) {
			if (fails++ == 0)
				test_note("round trip of \"%.200s\"", path);
		}
	}
	CHECK_EQ(fails, 0);
}

/* tar_lookup() gives `rc`, and (if 0 and `want`) the node `want`. */
static void
expect(const struct tar_fs *fs, const char *path, int follow, int rc,
    const struct tar_node *want)
{
	const struct tar_node *n = NULL;
	char got[512] = "";
	int r = tar_lookup(fs, path, follow, &n);

	test_note("tar_lookup(\"%.120s\", follow=%d)", path, follow);
	if (!CHECK_EQ(r, rc) || r != 0 || !want)
		return;
	if (n)
		tar_path(n, got, sizeof(got));
	test_note("tar_lookup(\"%.120s\", follow=%d) gave \"%s\"", path,
	    follow, got);
	CHECK(n == want);
}

/* The node `path` names (follow as given), checked to be of `type`. */
static const struct tar_node *
expect_type(const struct tar_fs *fs, const char *path, int follow, int type)
{
	const struct tar_node *n = NULL;
	int r = tar_lookup(fs, path, follow, &n);

	test_note("tar_lookup(\"%.120s\", follow=%d)", path, follow);
	if (!CHECK_EQ(r, 0) || !CHECK(n != NULL))
		return NULL;
	test_note("type of \"%.120s\"", path);
	if (!CHECK_EQ(n->type, type))
		return NULL;
	return n;
}

/* A file node holding exactly `n` bytes of `data`. */
static void
expect_file(const struct tar_fs *fs, const char *path, const void *data,
    size_t n)
{
	const struct tar_node *f = expect_type(fs, path, 1, TAR_FILE);

	if (!f)
		return;
	test_note("size of \"%.120s\"", path);
	if (CHECK_EQ(f->size, n) && n) {
		test_note("data of \"%.120s\"", path);
		CHECK(f->data && memcmp(f->data, data, n) == 0);
	}
}

/* ---- trees on disk, and the tools ---------------------------------------- */

/* A temporary directory holding src/, scripts and archives. */
struct scratch {
	char dir[64];
	char src[96];
};

static int
scratch_open(struct scratch *s)
{
	strcpy(s->dir, "/tmp/rumpk-host-tar-XXXXXX");
	if (!mkdtemp(s->dir)) {
		test_note("mkdtemp: %s", strerror(errno));
		s->dir[0] = '\0';
		return 0;
	}
	snprintf(s->src, sizeof(s->src), "%s/src", s->dir);
	return mkdir(s->src, 0755) == 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static void
scratch_close(struct scratch *s)
{
	int r;

	if (!s->dir[0])
		return;
	r = nftw(s->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	if (r != 0)
		test_note("cannot remove %s: %s", s->dir, strerror(errno));
	CHECK(r == 0);
	s->dir[0] = '\0';
}

/* Runs a shell command built from `fmt`; 1 if it exits with 0. */
static int
run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
run(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int r;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	r = system(cmd);
	if (r != 0)
		test_note("command failed (%d): %.300s", r, cmd);
	return r == 0;
}

static int
write_file(const char *path, const void *buf, size_t size)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f) {
		test_note("cannot write %s", path);
		return 0;
	}
	ok = fwrite(buf, 1, size, f) == size;
	return (fclose(f) == 0) & ok;
}

/* Writes a Python script to s->dir/mk.py and runs it with `args`. */
static int
python(const struct scratch *s, const char *script, const char *args)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/mk.py", s->dir);
	if (!write_file(path, script, strlen(script)))
		return 0;
	return run("/usr/bin/python3 %s %s", path, args);
}

/* Loads s->dir/`name`, indexes it, and checks that the index is whole. */
static int
load(struct ix *x, const struct scratch *s, const char *name)
{
	char path[128];
	size_t len;
	uint8_t *img;

	memset(x, 0, sizeof(*x));
	snprintf(path, sizeof(path), "%s/%s", s->dir, name);
	if (!CHECK((img = test_read_file(path, &len)) != NULL))
		return 0;
	ix_open(x, img, len);
	if (!CHECK_EQ(x->rc, 0)) {
		ix_close(x);
		return 0;
	}
	test_note("%s: why \"%s\", bad_offset %llu", name,
	    x->fs.why ? x->fs.why : "", (unsigned long long)x->fs.bad_offset);
	CHECK_EQ(x->fs.corrupt, 0);
	check_tree(x);
	return 1;
}

/*
 * What a format can hold.  v7 names stop at 99 bytes ("./" included);
 * ustar splits up to 256 into prefix and name at a '/'; gnu and pax have no
 * limit (but Linux has NAME_MAX 255 per component).
 */
enum level { L_V7, L_USTAR, L_LONG };

static char U1[71], U2[71], U3[81], U4[41];	/* ustar-splittable parts */
static char N120[121], G200[201], H200[201], I200[201];
static char ustar_path[256], ustar_mid[128], long_path[700];

#define NONASCII "na\xc3\xafve \xc3\xbcn\xc3\xaf" "c\xc3\xb8" "d\xc3\xa9.txt"
#define DEEP "a/b/c/d/e/f/g/file.txt"

static void
fill(char *buf, size_t n, const char *stem, char pad)
{
	size_t l = strlen(stem);

	memcpy(buf, stem, l);
	memset(buf + l, pad, n - l);
	buf[n] = '\0';
}

static void
init_names(void)
{
	fill(U1, 70, "ustar-long-directory-one-", 'u');
	fill(U2, 70, "ustar-long-directory-two-", 'v');
	fill(U3, 80, "a-file-with-an-eighty-character-name-", 'w');
	fill(U4, 40, "a-forty-character-name-", 'x');
	fill(N120, 120, "a-single-component-of-120-characters-", 'n');
	fill(G200, 200, "component-of-200-g-", 'g');
	fill(H200, 200, "component-of-200-h-", 'h');
	fill(I200, 200, "component-of-200-i-", 'i');
	snprintf(ustar_path, sizeof(ustar_path), "%s/%s/%s", U1, U2, U3);
	snprintf(ustar_mid, sizeof(ustar_mid), "%s/%s", U1, U4);
	snprintf(long_path, sizeof(long_path), "%s/%s/%s", G200, H200, I200);
}

static const char *const base_dirs[] = {
	"a", "a/b", "a/b/c", "a/b/c/d", "a/b/c/d/e", "a/b/c/d/e/f",
	"a/b/c/d/e/f/g", "with space", "emptydir",
};
static const struct {
	const char *path, *target;
} base_links[] = {
	{ "rel", DEEP },
	{ "abs", "/" DEEP },
	{ "dang", "nowhere" },
	{ "loop1", "loop2" },
	{ "loop2", "loop1" },
	{ "dirlink", "a/b" },
	{ "a/b/sib", "c/d" },		/* relative to a/b, not to the root */
	/* Nine ".." from depth 7: those past the root stay at the root. */
	{ "a/b/c/d/e/f/g/up", "../../../../../../../../../rel" },
};

static int
make_dir(const char *src, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", src, rel);
	if (mkdir(path, 0755) == 0)
		return 1;
	test_note("mkdir %s: %s", path, strerror(errno));
	return 0;
}

static int
make_file(const char *src, const char *rel, uint64_t seed, size_t size)
{
	char path[1024];
	uint8_t *buf = malloc(size ? size : 1);
	int ok;

	if (!buf)
		abort();
	gen_bytes(seed, buf, size);
	snprintf(path, sizeof(path), "%s/%s", src, rel);
	ok = write_file(path, buf, size);
	free(buf);
	return ok;
}

static int
make_link(const char *src, const char *rel, const char *target)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", src, rel);
	if (symlink(target, path) == 0)
		return 1;
	test_note("symlink %s: %s", path, strerror(errno));
	return 0;
}

/* The source tree, holding what format level `lv` can; `big` bytes in
 * "big", hard-linked as "hard". */
static int
make_tree(const char *src, enum level lv, size_t big)
{
	char path[1024], hard[1024];
	int ok = 1;

	init_names();
	for (size_t i = 0; i < sizeof(base_dirs) / sizeof(base_dirs[0]); i++)
		ok &= make_dir(src, base_dirs[i]);
	ok &= make_file(src, DEEP, 1, 1000);
	ok &= make_file(src, "with space/a file.txt", 2, 37);
	ok &= make_file(src, "empty", 3, 0);
	ok &= make_file(src, "big", 4, big);
	for (size_t i = 0; i < sizeof(base_links) / sizeof(base_links[0]); i++)
		ok &= make_link(src, base_links[i].path, base_links[i].target);
	snprintf(path, sizeof(path), "%s/big", src);
	snprintf(hard, sizeof(hard), "%s/hard", src);
	if (link(path, hard) != 0) {
		test_note("link %s: %s", hard, strerror(errno));
		ok = 0;
	}
	if (lv >= L_USTAR) {
		ok &= make_dir(src, U1);
		snprintf(path, sizeof(path), "%s/%s", U1, U2);
		ok &= make_dir(src, path);
		ok &= make_file(src, ustar_path, 5, 3000);
		ok &= make_file(src, ustar_mid, 6, 10);
	}
	if (lv >= L_LONG) {
		ok &= make_file(src, N120, 7, 120);
		ok &= make_dir(src, G200);
		snprintf(path, sizeof(path), "%s/%s", G200, H200);
		ok &= make_dir(src, path);
		ok &= make_file(src, long_path, 8, 513);
		ok &= make_link(src, "longlink", long_path);
		ok &= make_file(src, NONASCII, 9, 9);
	}
	return ok;
}

/*
 * Checks the subtree at `dir` against the directory `src`: the same names,
 * kinds, permissions, link texts and bytes, and nothing more.
 */
static void
check_same(const struct tar_fs *fs, const struct tar_node *dir,
    const char *src, const char *rel)
{
	char spath[2048], rpath[2048], target[2048];
	const struct tar_node *c, *found;
	struct dirent *de;
	struct stat st;
	uint32_t count = 0;
	DIR *d = opendir(src);

	if (!CHECK(d != NULL))
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		count++;
		snprintf(spath, sizeof(spath), "%s/%s", src, de->d_name);
		snprintf(rpath, sizeof(rpath), "%s%s%s", rel, *rel ? "/" : "",
		    de->d_name);
		if (!CHECK(lstat(spath, &st) == 0))
			continue;
		c = tar_child(dir, de->d_name, strlen(de->d_name));
		test_note("tar_child for \"%.200s\"", rpath);
		if (!CHECK(c != NULL))
			continue;
		test_note("type of \"%.200s\"", rpath);
		if (S_ISDIR(st.st_mode)) {
			if (!CHECK_EQ(c->type, TAR_DIR))
				continue;
			test_note("mode of \"%.200s\"", rpath);
			CHECK_EQ(c->mode & 07777, st.st_mode & 07777);
			check_same(fs, c, spath, rpath);
		} else if (S_ISLNK(st.st_mode)) {
			ssize_t n = readlink(spath, target, sizeof(target));

			if (!CHECK_EQ(c->type, TAR_SYMLINK) || !CHECK(n > 0))
				continue;
			test_note("link text of \"%.200s\"", rpath);
			CHECK(link_is(c, target, (size_t)n));
		} else if (S_ISREG(st.st_mode)) {
			size_t len;
			uint8_t *want;

			if (!CHECK_EQ(c->type, TAR_FILE))
				continue;
			test_note("mode of \"%.200s\"", rpath);
			CHECK_EQ(c->mode & 07777, st.st_mode & 07777);
			want = test_read_file(spath, &len);
			test_note("size of \"%.200s\"", rpath);
			if (CHECK(want != NULL) && CHECK_EQ(c->size, len) &&
			    len) {
				test_note("data of \"%.200s\"", rpath);
				CHECK(c->data && memcmp(c->data, want, len) == 0);
			}
			free(want);
			found = NULL;
			test_note("tar_lookup(\"%.200s\", 1)", rpath);
			CHECK(tar_lookup(fs, rpath, 1, &found) == 0 &&
			    found == c);
		}
	}
	closedir(d);
	test_note("children of \"/%.200s\"", rel);
	CHECK_EQ(dir->nchildren, count);
}

/* Lookups through the source tree's links, dots and slashes. */
static void
check_lookups(const struct tar_fs *fs, enum level lv)
{
	const struct tar_node *root = fs->root, *file, *a, *ab, *c, *d, *n;
	const struct tar_node *hard, *big;
	char path[1024];

	file = expect_type(fs, DEEP, 0, TAR_FILE);
	a = expect_type(fs, "a", 0, TAR_DIR);
	ab = expect_type(fs, "a/b", 0, TAR_DIR);
	c = expect_type(fs, "a/b/c", 0, TAR_DIR);
	d = expect_type(fs, "a/b/c/d", 0, TAR_DIR);
	if (!file || !a || !ab || !c || !d)
		return;

	/* Dots and slashes. */
	expect(fs, "/a/./b/../b//c/", 0, 0, c);
	expect(fs, "/a/./b/../b//c/", 1, 0, c);
	expect(fs, "a//b///c", 1, 0, c);
	expect(fs, "a/b/c/", 0, 0, c);
	expect(fs, "./a/b/c", 0, 0, c);
	expect(fs, "/" DEEP, 0, 0, file);
	expect(fs, "/", 1, 0, root);
	expect(fs, "//", 1, 0, root);
	expect(fs, ".", 1, 0, root);
	expect(fs, "..", 1, 0, root);
	expect(fs, "/..", 1, 0, root);
	expect(fs, "/../../.", 1, 0, root);
	expect(fs, "../a", 1, 0, a);
	expect(fs, "a/b/c/d/e/f/g/..", 1, 0, expect_type(fs,
	    "a/b/c/d/e/f", 0, TAR_DIR));

	/* Missing things, and paths through a file. */
	expect(fs, "missing", 1, NX_ENOENT, NULL);
	expect(fs, "a/missing/x", 1, NX_ENOENT, NULL);
	expect(fs, DEEP "x", 1, NX_ENOENT, NULL);
	expect(fs, "a/b/c/d/e/f/g/file.tx", 1, NX_ENOENT, NULL);
	expect(fs, DEEP "/x", 1, NX_ENOTDIR, NULL);
	expect(fs, DEEP "/x", 0, NX_ENOTDIR, NULL);

	/* Symbolic links: the last one followed only if asked. */
	n = expect_type(fs, "rel", 0, TAR_SYMLINK);
	CHECK(link_is(n, DEEP, strlen(DEEP)));
	expect(fs, "rel", 1, 0, file);
	expect(fs, "rel/x", 1, NX_ENOTDIR, NULL);
	n = expect_type(fs, "abs", 0, TAR_SYMLINK);
	CHECK(link_is(n, "/" DEEP, strlen(DEEP) + 1));
	expect(fs, "abs", 1, 0, file);
	n = expect_type(fs, "dirlink", 0, TAR_SYMLINK);
	CHECK(link_is(n, "a/b", 3));
	expect(fs, "dirlink", 1, 0, ab);
	expect(fs, "dirlink/", 1, 0, ab);
	expect(fs, "dirlink/c", 0, 0, c);
	expect(fs, "dirlink/c", 1, 0, c);
	expect(fs, "dirlink/c/d/e/f/g/file.txt", 0, 0, file);
	/* ".." after a followed link leaves the link's target. */
	expect(fs, "dirlink/..", 1, 0, a);
	expect(fs, "a/b/sib", 1, 0, d);
	expect(fs, "a/b/sib/e/..", 1, 0, d);
	expect(fs, "a/b/c/d/e/f/g/up", 1, 0, file);
	expect_type(fs, "a/b/c/d/e/f/g/up", 0, TAR_SYMLINK);
	expect_type(fs, "dang", 0, TAR_SYMLINK);
	expect(fs, "dang", 1, NX_ENOENT, NULL);
	expect(fs, "dang/x", 1, NX_ENOENT, NULL);
	expect_type(fs, "loop1", 0, TAR_SYMLINK);
	expect(fs, "loop1", 1, NX_ELOOP, NULL);
	expect(fs, "loop2", 1, NX_ELOOP, NULL);
	expect(fs, "loop1/x", 0, NX_ELOOP, NULL);

	/* Either name of the hard-linked pair is the whole file. */
	hard = expect_type(fs, "hard", 1, TAR_FILE);
	big = expect_type(fs, "big", 0, TAR_FILE);
	if (hard && big && CHECK_EQ(hard->size, big->size) && big->size) {
		test_note("hard and big differ");
		CHECK(hard->data && big->data &&
		    memcmp(hard->data, big->data, big->size) == 0);
	}
	n = expect_type(fs, "emptydir", 1, TAR_DIR);
	if (n) {
		CHECK_EQ(n->nchildren, 0);
		CHECK(n->child == NULL);
	}
	n = expect_type(fs, "empty", 1, TAR_FILE);
	if (n)
		CHECK_EQ(n->size, 0);
	expect_type(fs, "with space/a file.txt", 0, TAR_FILE);

	if (lv >= L_USTAR) {
		snprintf(path, sizeof(path), "/%s/./%s/../%s/%s", U1, U2,
		    U2, U3);
		n = expect_type(fs, ustar_path, 0, TAR_FILE);
		expect(fs, path, 0, 0, n);
	}
	if (lv >= L_LONG) {
		n = expect_type(fs, long_path, 0, TAR_FILE);
		expect(fs, "longlink", 1, 0, n);
		snprintf(path, sizeof(path), "%s/../%s", G200, long_path);
		expect(fs, path, 1, 0, n);
		expect_type(fs, NONASCII, 0, TAR_FILE);
		expect_type(fs, N120, 0, TAR_FILE);
	}
}

/* Indexes what `make` wrote from a tree of level `lv`, checks it all. */
static void
tool_test(const char *tool, const char *format, enum level lv)
{
	static const char py[] =
	    "import os, sys, tarfile\n"
	    "fmt, out, src = sys.argv[1:4]\n"
	    "with tarfile.open(out, \"w\", format=getattr(tarfile, fmt)) as t:\n"
	    "    for n in sorted(os.listdir(src)):\n"
	    "        t.add(os.path.join(src, n), arcname=n)\n";
	struct scratch s;
	struct ix x;
	char args[512];
	int made;

	if (!CHECK(scratch_open(&s)) || !CHECK(make_tree(s.src, lv, MIB)))
		goto out;
	if (strcmp(tool, "tar") == 0) {
		/* Archiving "." gives "./" names and a "./" entry. */
		made = run("tar --format=%s -cf %s/t.tar -C %s .", format,
		    s.dir, s.src);
	} else {
		snprintf(args, sizeof(args), "%s %s/t.tar %s", format, s.dir,
		    s.src);
		made = python(&s, py, args);
	}
	if (!CHECK(made) || !load(&x, &s, "t.tar"))
		goto out;
	check_same(&x.fs, x.fs.root, s.src, "");
	check_lookups(&x.fs, lv);
	check_round_trip(&x.fs);
	ix_close(&x);
out:
	scratch_close(&s);
}

void
test_tar_gnu_ustar(void)
{
	tool_test("tar", "ustar", L_USTAR);
}

void
test_tar_gnu_gnu(void)
{
	tool_test("tar", "gnu", L_LONG);
}

void
test_tar_gnu_pax(void)
{
	tool_test("tar", "pax", L_LONG);
}

/* GNU tar's v7 writes symbolic and hard links ('2', '1'), directories as
 * '5' with a trailing '/', files as '\0'; names stop at 99 bytes. */
void
test_tar_gnu_v7(void)
{
	tool_test("tar", "v7", L_V7);
}

void
test_tar_python_ustar(void)
{
	tool_test("python", "USTAR_FORMAT", L_USTAR);
}

void
test_tar_python_gnu(void)
{
	tool_test("python", "GNU_FORMAT", L_LONG);
}

void
test_tar_python_pax(void)
{
	tool_test("python", "PAX_FORMAT", L_LONG);
}

/* The chain a..g above DEEP: directories of one child each. */
static void
check_implied(const struct tar_fs *fs)
{
	static const char *const chain[] = {
		"a", "a/b", "a/b/c", "a/b/c/d", "a/b/c/d/e", "a/b/c/d/e/f",
		"a/b/c/d/e/f/g",
	};
	const struct tar_node *n;

	for (size_t i = 0; i < sizeof(chain) / sizeof(chain[0]); i++) {
		if ((n = expect_type(fs, chain[i], 0, TAR_DIR)) != NULL) {
			test_note("children of %s", chain[i]);
			CHECK_EQ(n->nchildren, 1);
		}
	}
}

/* Archives of files only: their directories are made up. */
void
test_tar_implied_dirs(void)
{
	static const char py[] =
	    "import os, sys, tarfile\n"
	    "with tarfile.open(sys.argv[1], \"w\",\n"
	    "    format=tarfile.PAX_FORMAT) as t:\n"
	    "    for n in sys.argv[3:]:\n"
	    "        t.add(os.path.join(sys.argv[2], n), arcname=n,\n"
	    "            recursive=False)\n";
	struct scratch s;
	struct ix x;
	char args[512], path[256];
	uint8_t want[1000];

	if (!CHECK(scratch_open(&s)) || !CHECK(make_tree(s.src, L_V7, 10)))
		goto out;
	gen_bytes(1, want, sizeof(want));

	/* GNU tar, given two files and --no-recursion. */
	if (CHECK(run("tar --format=ustar --no-recursion -cf %s/t.tar -C %s "
	    DEEP " 'with space/a file.txt'", s.dir, s.src)) &&
	    load(&x, &s, "t.tar")) {
		CHECK_EQ(x.fs.entries, 2);
		/* The root, a..g, file.txt, "with space", "a file.txt". */
		CHECK_EQ(x.fs.nodes, 11);
		CHECK_EQ(x.fs.root->nchildren, 2);
		check_implied(&x.fs);
		expect_file(&x.fs, DEEP, want, sizeof(want));
		expect_type(&x.fs, "with space", 0, TAR_DIR);
		check_round_trip(&x.fs);
		ix_close(&x);
	}

	/* Python, adding files one by one. */
	snprintf(args, sizeof(args), "%s/t.tar %s " DEEP, s.dir, s.src);
	if (CHECK(python(&s, py, args)) && load(&x, &s, "t.tar")) {
		CHECK_EQ(x.fs.entries, 1);
		CHECK_EQ(x.fs.root->nchildren, 1);
		check_implied(&x.fs);
		expect_file(&x.fs, DEEP, want, sizeof(want));
		ix_close(&x);
	}

	/*
	 * The file first, its top directory after: "a" is made up, then
	 * given its header (mode 0705), and stays one node with its child.
	 */
	snprintf(path, sizeof(path), "%s/a", s.src);
	CHECK(chmod(path, 0705) == 0);
	if (CHECK(run("tar --format=gnu --no-recursion -cf %s/t.tar -C %s "
	    DEEP " a", s.dir, s.src)) && load(&x, &s, "t.tar")) {
		const struct tar_node *a;

		CHECK_EQ(x.fs.root->nchildren, 1);
		check_implied(&x.fs);
		if ((a = expect_type(&x.fs, "a", 0, TAR_DIR)) != NULL)
			CHECK_EQ(a->mode & 07777, 0705);
		expect_file(&x.fs, DEEP, want, sizeof(want));
		ix_close(&x);
	}

	/* A directory archived again later keeps what it holds. */
	if (CHECK(run("tar --format=gnu -cf %s/t.tar -C %s a && "
	    "tar --format=gnu --no-recursion -rf %s/t.tar -C %s a a/b",
	    s.dir, s.src, s.dir, s.src)) && load(&x, &s, "t.tar")) {
		const struct tar_node *n;

		CHECK_EQ(x.fs.root->nchildren, 1);
		if ((n = expect_type(&x.fs, "a", 0, TAR_DIR)) != NULL)
			CHECK_EQ(n->nchildren, 1);
		/* c and the link sib. */
		if ((n = expect_type(&x.fs, "a/b", 0, TAR_DIR)) != NULL)
			CHECK_EQ(n->nchildren, 2);
		expect_file(&x.fs, DEEP, want, sizeof(want));
		ix_close(&x);
	}
out:
	scratch_close(&s);
}

/* How many children of `dir` are called `name`. */
static int
count_named(const struct tar_node *dir, const char *name)
{
	int k = 0;

	for (const struct tar_node *c = dir ? dir->child : NULL; c;
	    c = c->next)
		k += name_is(c, name);
	return k;
}

/* The same path twice: the later entry wins, and it is listed once. */
void
test_tar_duplicates(void)
{
	static const char second[] = "the second, longer version\n";
	struct scratch s;
	struct ix x;
	struct buf b = { 0 };
	struct hdr hd = { 0 };
	char path[256];
	size_t len;
	uint8_t *img;

	/* GNU tar, appending a changed file with -r. */
	if (CHECK(scratch_open(&s))) {
		snprintf(path, sizeof(path), "%s/other", s.src);
		CHECK(write_file(path, "other\n", 6));
		snprintf(path, sizeof(path), "%s/dup.txt", s.src);
		CHECK(write_file(path, "first\n", 6));
		if (CHECK(run("tar --format=gnu -cf %s/t.tar -C %s dup.txt "
		    "other", s.dir, s.src)) &&
		    CHECK(write_file(path, second, sizeof(second) - 1)) &&
		    CHECK(run("tar --format=gnu -rf %s/t.tar -C %s dup.txt",
		    s.dir, s.src)) && load(&x, &s, "t.tar")) {
			expect_file(&x.fs, "dup.txt", second,
			    sizeof(second) - 1);
			CHECK_EQ(count_named(x.fs.root, "dup.txt"), 1);
			CHECK_EQ(x.fs.root->nchildren, 2);
			ix_close(&x);
		}
	}
	scratch_close(&s);

	/* A file replaced by a link, a link by a file, a file by a file. */
	put_file(&b, "x", "old", 3);
	hd = (struct hdr){ .name = "x", .type = '2', .link = "target" };
	put_header(&b, &hd);
	hd = (struct hdr){ .name = "y", .type = '2', .link = "target" };
	put_header(&b, &hd);
	put_file(&b, "y", "new", 3);
	put_file(&b, "./d/f", "1", 1);
	put_file(&b, "d/f", "22", 2);
	/*
	 * A file in the way of a later path becomes a directory, whether
	 * the path is in the name field or starts in the ustar prefix.
	 * Regression (fixed): place() converts only a component that has more of the
	 * same piece after it, so prefix "e" + name "x" leaves "e" a file
	 * with a child (and "e/x" is NX_ENOTDIR).
	 */
	put_file(&b, "e", "", 0);
	hd = (struct hdr){ .name = "x", .prefix = "e", .type = '0',
	    .size = 1 };
	put_entry(&b, &hd, "x");
	put_file(&b, "z", "", 0);
	put_file(&b, "z/w", "w", 1);
	img = finish(&b, &len);
	if (CHECK(ix_open(&x, img, len))) {
		const struct tar_node *n;

		check_tree(&x);
		n = expect_type(&x.fs, "x", 0, TAR_SYMLINK);
		CHECK(link_is(n, "target", 6));
		expect_file(&x.fs, "y", "new", 3);
		expect_file(&x.fs, "d/f", "22", 2);
		CHECK_EQ(count_named(x.fs.root, "x"), 1);
		CHECK_EQ(count_named(x.fs.root, "y"), 1);
		CHECK_EQ(x.fs.root->nchildren, 5);
		expect_type(&x.fs, "z", 0, TAR_DIR);
		expect_file(&x.fs, "z/w", "w", 1);
		expect_type(&x.fs, "e", 0, TAR_DIR);
		expect_file(&x.fs, "e/x", "x", 1);
	}
	ix_close(&x);
}

/* Device nodes and FIFOs, written by Python: listed, typed, no data. */
void
test_tar_devices(void)
{
	static const char py[] =
	    "import sys, tarfile\n"
	    "kinds = ((\"dev/fifo\", tarfile.FIFOTYPE),\n"
	    "    (\"dev/null\", tarfile.CHRTYPE), (\"dev/sda\", tarfile.BLKTYPE),\n"
	    "    (\"dev/tty\", tarfile.CHRTYPE))\n"
	    "with tarfile.open(sys.argv[1], \"w\",\n"
	    "    format=tarfile.USTAR_FORMAT) as t:\n"
	    "    for name, kind in kinds:\n"
	    "        i = tarfile.TarInfo(name)\n"
	    "        i.type, i.mode, i.devmajor, i.devminor = kind, 0o620, 1, 3\n"
	    "        t.addfile(i)\n"
	    "    i = tarfile.TarInfo(\"after\")\n"
	    "    i.size = 5\n"
	    "    t.addfile(i, open(\"/dev/zero\", \"rb\"))\n";
	static const struct {
		const char *name;
		int type;
	} want[] = {
		{ "fifo", TAR_FIFO }, { "null", TAR_CHARDEV },
		{ "sda", TAR_BLOCKDEV }, { "tty", TAR_CHARDEV },
	};
	struct scratch s;
	struct ix x;
	char args[256];
	const struct tar_node *dev, *c;
	size_t i = 0;

	if (!CHECK(scratch_open(&s)))
		goto out;
	snprintf(args, sizeof(args), "%s/t.tar", s.dir);
	if (!CHECK(python(&s, py, args)) || !load(&x, &s, "t.tar"))
		goto out;
	if ((dev = expect_type(&x.fs, "dev", 0, TAR_DIR)) != NULL) {
		CHECK_EQ(dev->nchildren, 4);
		/* In archive order. */
		for (c = dev->child; c && i < 4; c = c->next, i++) {
			test_note("child %zu", i);
			CHECK(name_is(c, want[i].name));
			CHECK_EQ(c->type, want[i].type);
			CHECK_EQ(c->mode & 07777, 0620);
		}
	}
	expect(&x.fs, "dev/null/x", 1, NX_ENOTDIR, NULL);
	expect_file(&x.fs, "after", "\0\0\0\0\0", 5);
	ix_close(&x);
out:
	scratch_close(&s);
}

/* GNU base-256 sizes: 0x80, then the number big-endian. */
/*
 * A base-256 number's first byte carries the marker bit 0x80 and the
 * number's top bits: any first byte but 0x80 is negative (0x40 set) or at
 * least 2^88, never a size.  With the small size 1000 in the last bytes,
 * each must stop the scan at that header, not be read as 1000.
 */
static void
base256_first_bytes(const uint8_t *img, size_t len, size_t off)
{
	struct ix x;

	for (unsigned first = 0x81; first <= 0xfe; first++) {
		uint8_t *copy = test_copy(img, len);

		memset(copy + off + 124, 0, 12);
		copy[off + 124] = (uint8_t)first;
		copy[off + 134] = 1000 >> 8;
		copy[off + 135] = 1000 & 0xff;
		fix_checksum(copy + off);
		test_note("base-256 size, first byte %#x", first);
		if (CHECK(ix_open(&x, copy, len))) {
			test_note("base-256 size, first byte %#x", first);
			CHECK_EQ(x.fs.corrupt, 1);
			CHECK_EQ(x.fs.bad_offset, off);
			expect_file(&x.fs, "before", "0123456789", 10);
			expect(&x.fs, "b256", 1, NX_ENOENT, NULL);
		}
		ix_close(&x);
	}
}

void
test_tar_base256(void)
{
	uint8_t data[1000], *img;
	struct buf b = { 0 };
	struct hdr hd = { .name = "b256", .type = '0', .magic = M_GNU };
	struct ix x;
	size_t len, off;

	gen_bytes(11, data, sizeof(data));
	put_file(&b, "before", "0123456789", 10);
	off = put_header(&b, &hd);
	memset(b.p + off + 124, 0, 12);
	b.p[off + 124] = 0x80;
	b.p[off + 134] = 1000 >> 8;
	b.p[off + 135] = 1000 & 0xff;
	fix_checksum(b.p + off);
	put_data(&b, data, sizeof(data));
	put_file(&b, "after", "abcde", 5);
	img = finish(&b, &len);
	if (CHECK(ix_copy(&x, img, len))) {
		CHECK_EQ(x.fs.corrupt, 0);
		check_tree(&x);
		expect_file(&x.fs, "b256", data, sizeof(data));
		expect_file(&x.fs, "after", "abcde", 5);
		CHECK_EQ(x.fs.entries, 3);
	}
	ix_close(&x);

	/* Far past the image, then negative: corrupt at that header. */
	for (int neg = 0; neg <= 1; neg++) {
		uint8_t *copy = test_copy(img, len);

		memset(copy + off + 124, 0xff, 12);
		copy[off + 124] = neg ? 0xff : 0x80;
		fix_checksum(copy + off);
		test_note("negative %d", neg);
		if (CHECK(ix_open(&x, copy, len))) {
			CHECK_EQ(x.fs.corrupt, 1);
			CHECK_EQ(x.fs.bad_offset, off);
			check_tree(&x);
			expect_file(&x.fs, "before", "0123456789", 10);
			expect(&x.fs, "after", 1, NX_ENOENT, NULL);
		}
		ix_close(&x);
	}

	/* Octal spelled the ways tars do: 12 digits, leading spaces. */
	static const char *const sizes[] = { "000000001750", "      1750 ",
	    "1750\0", "0000001750 " };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint8_t *copy = test_copy(img, len);

		memset(copy + off + 124, 0, 12);
		memcpy(copy + off + 124, sizes[i], strlen(sizes[i]));
		fix_checksum(copy + off);
		test_note("size field \"%s\"", sizes[i]);
		if (CHECK(ix_open(&x, copy, len))) {
			CHECK_EQ(x.fs.corrupt, 0);
			expect_file(&x.fs, "b256", data, sizeof(data));
			expect_file(&x.fs, "after", "abcde", 5);
		}
		ix_close(&x);
	}
	base256_first_bytes(img, len, off);
	free(img);
}

/* pax: 'x' records override the header that follows; 'g' is ignored. */
void
test_tar_pax(void)
{
	char rec[2048], longname[700];
	uint8_t data[700], *img;
	struct buf b = { 0 };
	struct hdr hd;
	struct ix x;
	size_t len;
	const struct tar_node *n, *f;

	init_names();
	gen_bytes(21, data, sizeof(data));
	snprintf(longname, sizeof(longname), "x/%s/%s/%s", G200, H200, I200);

	rec[0] = '\0';
	pax_add(rec, sizeof(rec), "path", "global/should/not/apply");
	pax_add(rec, sizeof(rec), "comment", "a global header");
	put_meta(&b, 'g', rec, strlen(rec));
	put_file(&b, "g-after", "ggggg", 5);

	/* Name and size from the records; the header says 5 bytes. */
	rec[0] = '\0';
	pax_add(rec, sizeof(rec), "mtime", "1700000000.5");
	pax_add(rec, sizeof(rec), "path", "pax/overridden name.txt");
	pax_add(rec, sizeof(rec), "size", "700");
	pax_add(rec, sizeof(rec), "comment", "ignored");
	put_meta(&b, 'x', rec, strlen(rec));
	hd = (struct hdr){ .name = "ustar-name", .type = '0', .size = 5 };
	put_header(&b, &hd);
	put_data(&b, data, 700);
	put_file(&b, "after-pax", "aaaaa", 5);

	/* A link text from the records. */
	rec[0] = '\0';
	pax_add(rec, sizeof(rec), "linkpath", "pax/overridden name.txt");
	put_meta(&b, 'x', rec, strlen(rec));
	hd = (struct hdr){ .name = "plink", .type = '2', .link = "wrong" };
	put_header(&b, &hd);

	/* A name of 604 bytes (two blocks of records), with '='s. */
	rec[0] = '\0';
	pax_add(rec, sizeof(rec), "path", longname);
	put_meta(&b, 'x', rec, strlen(rec));
	put_file(&b, "short", "lll", 3);
	rec[0] = '\0';
	pax_add(rec, sizeof(rec), "path", "a=b=c");
	put_meta(&b, 'x', rec, strlen(rec));
	put_file(&b, "eq", "eee", 3);

	/* size=0 over a header that says 1024: nothing to skip. */
	rec[0] = '\0';
	pax_add(rec, sizeof(rec), "size", "0");
	put_meta(&b, 'x', rec, strlen(rec));
	hd = (struct hdr){ .name = "zero", .type = '0', .size = 1024 };
	put_header(&b, &hd);
	put_file(&b, "after-zero", "zzzzz", 5);

	/* A directory named by a record; the next entry keeps its name. */
	rec[0] = '\0';
	pax_add(rec, sizeof(rec), "path", "pd/");
	put_meta(&b, 'x', rec, strlen(rec));
	hd = (struct hdr){ .name = "ustar-dir/", .type = '5' };
	put_header(&b, &hd);
	put_file(&b, "once", "ooooo", 5);
	img = finish(&b, &len);

	if (!CHECK(ix_open(&x, img, len)))
		goto out;
	CHECK_EQ(x.fs.corrupt, 0);
	check_tree(&x);
	CHECK_EQ(x.fs.entries, 10);
	expect_file(&x.fs, "g-after", "ggggg", 5);
	expect(&x.fs, "global", 1, NX_ENOENT, NULL);
	expect(&x.fs, "PaxHeaders.0", 1, NX_ENOENT, NULL);
	f = expect_type(&x.fs, "pax/overridden name.txt", 0, TAR_FILE);
	expect_file(&x.fs, "pax/overridden name.txt", data, 700);
	expect(&x.fs, "ustar-name", 1, NX_ENOENT, NULL);
	expect_file(&x.fs, "after-pax", "aaaaa", 5);
	n = expect_type(&x.fs, "plink", 0, TAR_SYMLINK);
	CHECK(link_is(n, "pax/overridden name.txt", 23));
	expect(&x.fs, "plink", 1, 0, f);
	expect_file(&x.fs, longname, "lll", 3);
	expect(&x.fs, "short", 1, NX_ENOENT, NULL);
	expect_file(&x.fs, "a=b=c", "eee", 3);
	expect_file(&x.fs, "zero", "", 0);
	expect_file(&x.fs, "after-zero", "zzzzz", 5);
	expect_type(&x.fs, "pd", 0, TAR_DIR);
	expect(&x.fs, "ustar-dir", 1, NX_ENOENT, NULL);
	expect_file(&x.fs, "once", "ooooo", 5);
	check_round_trip(&x.fs);
out:
	ix_close(&x);
}

/* GNU ././@LongLink: 'L' names and 'K' link targets for the next entry. */
void
test_tar_longlink(void)
{
	char name[200], target[150], name2[700];
	uint8_t data[10], *img;
	struct buf b = { 0 };
	struct hdr hd;
	struct ix x;
	size_t len;
	const struct tar_node *f, *n;

	init_names();
	gen_bytes(31, data, sizeof(data));
	fill(name, 160, "gnu/long-name-", 'L');
	fill(target, 120, "gnu/long-target-", 'T');
	snprintf(name2, sizeof(name2), "%s/%s/%s", G200, H200, I200);

	/* GNU tar counts the NUL in the record's size. */
	put_meta(&b, 'L', name, strlen(name) + 1);
	hd = (struct hdr){ .name = name, .type = '0', .size = 10,
	    .magic = M_GNU };
	put_entry(&b, &hd, data);
	/* Without the NUL. */
	put_meta(&b, 'L', target, strlen(target));
	hd = (struct hdr){ .name = target, .type = '0', .size = 3,
	    .magic = M_GNU };
	put_entry(&b, &hd, "ttt");
	/* A link target only. */
	put_meta(&b, 'K', name, strlen(name) + 1);
	hd = (struct hdr){ .name = "glink", .type = '2', .link = name,
	    .magic = M_GNU };
	put_header(&b, &hd);
	/* Both, on a hard link: the file's data. */
	put_meta(&b, 'L', name2, strlen(name2) + 1);
	put_meta(&b, 'K', name, strlen(name) + 1);
	hd = (struct hdr){ .name = name2, .type = '1', .link = name,
	    .magic = M_GNU };
	put_header(&b, &hd);
	/* The names were used up. */
	hd = (struct hdr){ .name = "plain", .type = '0', .size = 1,
	    .magic = M_GNU };
	put_entry(&b, &hd, "p");
	img = finish(&b, &len);

	if (!CHECK(ix_open(&x, img, len)))
		goto out;
	CHECK_EQ(x.fs.corrupt, 0);
	check_tree(&x);
	CHECK_EQ(x.fs.entries, 5);
	f = expect_type(&x.fs, name, 0, TAR_FILE);
	expect_file(&x.fs, name, data, 10);
	expect_file(&x.fs, target, "ttt", 3);
	n = expect_type(&x.fs, "glink", 0, TAR_SYMLINK);
	CHECK(link_is(n, name, strlen(name)));
	expect(&x.fs, "glink", 1, 0, f);
	expect_file(&x.fs, name2, data, 10);
	expect_file(&x.fs, "plain", "p", 1);
	expect(&x.fs, "././@LongLink", 1, NX_ENOENT, NULL);
	check_round_trip(&x.fs);
out:
	ix_close(&x);
}

/* Type flags, odd names, and fields that only some formats have. */
void
test_tar_types(void)
{
	static const struct {
		const char *name;
		char type;
		int want;
	} kinds[] = {
		{ "reg", '0', TAR_FILE }, { "oldreg", '\0', TAR_FILE },
		{ "contig", '7', TAR_FILE }, { "chr", '3', TAR_CHARDEV },
		{ "blk", '4', TAR_BLOCKDEV }, { "fifo", '6', TAR_FIFO },
		{ "dir", '5', TAR_DIR }, { "sym", '2', TAR_SYMLINK },
		{ "hard-to-nothing", '1', TAR_OTHER },
	};
	uint8_t unknown[600], *img;
	struct buf b = { 0 };
	struct hdr hd;
	struct ix x;
	size_t len, off;
	const struct tar_node *n;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		hd = (struct hdr){ .name = kinds[i].name, .type = kinds[i].type,
		    .link = "missing" };
		if (kinds[i].want == TAR_FILE)
			hd.size = 2;
		put_entry(&b, &hd, kinds[i].want == TAR_FILE ? "ok" : NULL);
	}
	/* An unknown kind with data, which is skipped. */
	gen_bytes(41, unknown, sizeof(unknown));
	hd = (struct hdr){ .name = "unknown", .type = 'Z', .size = 600 };
	put_entry(&b, &hd, unknown);
	put_file(&b, "after-unknown", "u", 1);
	/* Without magic the prefix field is not one. */
	hd = (struct hdr){ .name = "v7name", .type = '\0', .size = 1,
	    .prefix = "ignored", .magic = M_V7 };
	put_entry(&b, &hd, "7");
	/* Old GNU keeps atime and ctime where ustar has its prefix. */
	hd = (struct hdr){ .name = "gnuname", .type = '0', .size = 1,
	    .magic = M_GNU };
	off = put_entry(&b, &hd, "g");
	memcpy(b.p + off + 345, "14000000000\0" "14000000000", 24);
	fix_checksum(b.p + off);
	/* An old-style directory: a '/' at the end and no type. */
	hd = (struct hdr){ .name = "v7dir/", .type = '\0', .magic = M_V7 };
	put_header(&b, &hd);
	hd = (struct hdr){ .name = "modefile", .type = '0', .mode = 0751 };
	put_header(&b, &hd);
	/* Leading "/", "./" and slashes are dropped. */
	put_file(&b, "/abs/z", "z", 1);
	put_file(&b, "././//w", "w", 1);
	put_file(&b, "./x/y", "y", 1);
	img = finish(&b, &len);

	if (!CHECK(ix_open(&x, img, len)))
		goto out;
	CHECK_EQ(x.fs.corrupt, 0);
	check_tree(&x);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		n = expect_type(&x.fs, kinds[i].name, 0, kinds[i].want);
		if (n && kinds[i].want == TAR_FILE)
			expect_file(&x.fs, kinds[i].name, "ok", 2);
	}
	expect_type(&x.fs, "unknown", 0, TAR_OTHER);
	expect_file(&x.fs, "after-unknown", "u", 1);
	expect_file(&x.fs, "v7name", "7", 1);
	expect(&x.fs, "ignored", 1, NX_ENOENT, NULL);
	expect_file(&x.fs, "gnuname", "g", 1);
	expect(&x.fs, "14000000000", 1, NX_ENOENT, NULL);
	expect_type(&x.fs, "v7dir", 0, TAR_DIR);
	if ((n = expect_type(&x.fs, "modefile", 0, TAR_FILE)) != NULL)
		CHECK_EQ(n->mode & 07777, 0751);
	expect_file(&x.fs, "abs/z", "z", 1);
	expect_file(&x.fs, "w", "w", 1);
	expect_file(&x.fs, "x/y", "y", 1);
	expect(&x.fs, "dev/null/x", 1, NX_ENOENT, NULL);
	expect(&x.fs, "chr/x", 1, NX_ENOTDIR, NULL);
	check_round_trip(&x.fs);
out:
	ix_close(&x);
}

/*
 * A hard link is another name for what its target is, whatever it is.
 * GNU tar writes one for the second name of a hard-linked symbolic link
 * ("./sym link to ./hsym"); a FIFO's second name it writes as a FIFO.
 * Regression (fixed): resolve_hardlinks() makes a link to anything but a regular
 * file TAR_OTHER, and resolves in tree order, so a link to a link that
 * comes later in the tree (d/h2 -> h1 -> reg) is TAR_OTHER too.
 */
void
test_tar_hardlinks(void)
{
	struct scratch s;
	struct buf b = { 0 };
	struct hdr hd;
	struct ix x;
	size_t len;
	uint8_t *img;
	char path[256], hsym[256];
	const struct tar_node *n, *reg;

	if (CHECK(scratch_open(&s))) {
		snprintf(path, sizeof(path), "%s/reg", s.src);
		CHECK(write_file(path, "data", 4));
		CHECK(make_link(s.src, "sym", "reg"));
		snprintf(path, sizeof(path), "%s/sym", s.src);
		snprintf(hsym, sizeof(hsym), "%s/hsym", s.src);
		CHECK(link(path, hsym) == 0);
		if (CHECK(run("tar --format=gnu -cf %s/t.tar -C %s .", s.dir,
		    s.src)) && load(&x, &s, "t.tar")) {
			check_same(&x.fs, x.fs.root, s.src, "");
			reg = expect_type(&x.fs, "reg", 0, TAR_FILE);
			expect(&x.fs, "sym", 1, 0, reg);
			expect(&x.fs, "hsym", 1, 0, reg);
			ix_close(&x);
		}
	}
	scratch_close(&s);

	/* By hand: links to a link, a symbolic link, a FIFO. */
	put_file(&b, "d/first", "1", 1);
	put_file(&b, "reg", "data", 4);
	hd = (struct hdr){ .name = "sym", .type = '2', .link = "reg" };
	put_header(&b, &hd);
	hd = (struct hdr){ .name = "fifo", .type = '6' };
	put_header(&b, &hd);
	hd = (struct hdr){ .name = "h1", .type = '1', .link = "reg" };
	put_header(&b, &hd);
	/* Made after h1, but d/ comes first in the tree. */
	hd = (struct hdr){ .name = "d/h2", .type = '1', .link = "h1" };
	put_header(&b, &hd);
	hd = (struct hdr){ .name = "hsym", .type = '1', .link = "sym" };
	put_header(&b, &hd);
	hd = (struct hdr){ .name = "hfifo", .type = '1', .link = "./fifo" };
	put_header(&b, &hd);
	hd = (struct hdr){ .name = "hmiss", .type = '1', .link = "missing" };
	put_header(&b, &hd);
	img = finish(&b, &len);
	if (CHECK(ix_open(&x, img, len))) {
		CHECK_EQ(x.fs.corrupt, 0);
		check_tree(&x);
		expect_file(&x.fs, "h1", "data", 4);
		expect_file(&x.fs, "d/h2", "data", 4);
		n = expect_type(&x.fs, "hsym", 0, TAR_SYMLINK);
		CHECK(link_is(n, "reg", 3));
		expect_file(&x.fs, "hsym", "data", 4);
		expect_type(&x.fs, "hfifo", 0, TAR_FIFO);
		expect_type(&x.fs, "hmiss", 0, TAR_OTHER);
	}
	ix_close(&x);
}

/* ---- damage -------------------------------------------------------------- */

static const size_t four_sizes[4] = { 100, 600, 10, 10 };

/* Four files f1..f4; the offsets of their headers. */
static uint8_t *
four_files(size_t *len, size_t off[4], uint8_t data[4][600])
{
	struct buf b = { 0 };
	char name[16];

	for (int i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "f%d", i + 1);
		gen_bytes(50 + i, data[i], four_sizes[i]);
		off[i] = put_file(&b, name, data[i], four_sizes[i]);
	}
	return finish(&b, len);
}

/* The scan stopped at `bad`: f1..f(k) usable, the rest not there. */
static void
check_stopped(struct ix *x, uint64_t bad, int k, uint8_t data[4][600])
{
	char name[16];

	CHECK_EQ(x->fs.corrupt, 1);
	CHECK_EQ(x->fs.bad_offset, bad);
	CHECK(x->fs.why != NULL);
	CHECK_EQ(x->fs.entries, k);
	check_tree(x);
	for (int i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "f%d", i + 1);
		if (i < k)
			expect_file(&x->fs, name, data[i], four_sizes[i]);
		else
			expect(&x->fs, name, 1, NX_ENOENT, NULL);
	}
}

void
test_tar_bad_header(void)
{
	static const char *const sums[] = { "%06o", "%07o", "%07o " };
	uint8_t data[4][600], *img, *copy;
	size_t len, off[4];
	struct ix x;

	img = four_files(&len, off, data);
	if (CHECK(ix_copy(&x, img, len))) {
		CHECK_EQ(x.fs.corrupt, 0);
		CHECK_EQ(x.fs.entries, 4);
		CHECK_EQ(off[2], 2560);
	}
	ix_close(&x);

	/* A changed name byte in the third header: its sum is wrong. */
	copy = test_copy(img, len);
	copy[off[2] + 1] ^= 0x01;
	if (CHECK(ix_open(&x, copy, len)))
		check_stopped(&x, off[2], 2, data);
	ix_close(&x);

	/* A checksum that is no number at all. */
	copy = test_copy(img, len);
	memcpy(copy + off[2] + 148, "12x4567", 7);
	if (CHECK(ix_open(&x, copy, len)))
		check_stopped(&x, off[2], 2, data);
	ix_close(&x);

	/* A size that is no number, with a right sum. */
	copy = test_copy(img, len);
	memcpy(copy + off[2] + 124, "0000000001x", 11);
	fix_checksum(copy + off[2]);
	if (CHECK(ix_open(&x, copy, len)))
		check_stopped(&x, off[2], 2, data);
	ix_close(&x);

	/* The first header bad: nothing, but still a root. */
	copy = test_copy(img, len);
	copy[0] ^= 0x01;
	if (CHECK(ix_open(&x, copy, len)))
		check_stopped(&x, 0, 0, data);
	ix_close(&x);

	/* Checksums spelled the other ways tars write them. */
	for (size_t i = 0; i < sizeof(sums) / sizeof(sums[0]); i++) {
		unsigned sum = 0;
		char field[16];

		copy = test_copy(img, len);
		memset(copy + off[2] + 148, ' ', 8);
		for (int j = 0; j < BLOCK; j++)
			sum += copy[off[2] + j];
		memset(copy + off[2] + 148, 0, 8);
		snprintf(field, sizeof(field), sums[i], sum);
		memcpy(copy + off[2] + 148, field, strlen(field));
		test_note("checksum spelled \"%s\"", sums[i]);
		if (CHECK(ix_open(&x, copy, len)))
			CHECK_EQ(x.fs.corrupt, 0);
		ix_close(&x);
	}
	free(img);
}

/* Data running past the end of the image. */
void
test_tar_truncated(void)
{
	uint8_t data[4][600], *img;
	size_t len, off[4];
	struct ix x;

	img = four_files(&len, off, data);
	/* f3's header and 5 of its 10 bytes. */
	if (CHECK(ix_copy(&x, img, off[2] + BLOCK + 5)))
		check_stopped(&x, off[2], 2, data);
	ix_close(&x);
	/* f2's header and 300 of its 600 bytes. */
	if (CHECK(ix_copy(&x, img, off[1] + BLOCK + 300)))
		check_stopped(&x, off[1], 1, data);
	ix_close(&x);
	/* Cut exactly after f3's data block: a clean end. */
	if (CHECK(ix_copy(&x, img, off[3]))) {
		CHECK_EQ(x.fs.corrupt, 0);
		CHECK_EQ(x.fs.entries, 3);
		expect_file(&x.fs, "f3", data[2], 10);
	}
	ix_close(&x);
	free(img);
}

/*
 * A small archive of every kind of entry, with where each starts (its
 * first 'L'/'x' header), where its own header is, and where it ends.
 */
struct sample {
	const char *path;
	int type;
	size_t size;		/* of the data, for files */
	uint64_t seed;
	size_t start, meta_size, hdr, end;
};

static char sample_long[160];
static struct sample sample[] = {
	{ "d", TAR_DIR, 0, 0, 0, 0, 0, 0 },
	{ "d/f1", TAR_FILE, 700, 61, 0, 0, 0, 0 },
	{ sample_long, TAR_FILE, 20, 62, 0, 0, 0, 0 },
	{ "d/pax name=with=equals", TAR_FILE, 600, 63, 0, 0, 0, 0 },
	{ "d/sl", TAR_SYMLINK, 0, 0, 0, 0, 0, 0 },
	{ "hl", TAR_FILE, 700, 61, 0, 0, 0, 0 },
	{ "v7file", TAR_FILE, 3, 64, 0, 0, 0, 0 },
	{ "e", TAR_FILE, 0, 0, 0, 0, 0, 0 },
	{ "d/fifo", TAR_FIFO, 0, 0, 0, 0, 0, 0 },
	{ "last", TAR_FILE, 1, 65, 0, 0, 0, 0 },
};
#define NSAMPLE (sizeof(sample) / sizeof(sample[0]))

static uint8_t *
make_sample(size_t *len)
{
	struct buf b = { 0 };
	struct hdr hd;
	uint8_t data[700];
	char rec[256];

	fill(sample_long, 150, "d/gnu-long-name-", 'l');
	for (size_t i = 0; i < NSAMPLE; i++) {
		struct sample *e = &sample[i];

		e->start = b.len;
		e->meta_size = 0;
		hd = (struct hdr){ .name = e->path, .size = e->size };
		gen_bytes(e->seed, data, e->size);
		switch (i) {
		case 0:
			hd.name = "d/";
			hd.type = '5';
			break;
		case 2:
			e->meta_size = strlen(e->path) + 1;
			put_meta(&b, 'L', e->path, e->meta_size);
			hd.type = '0';
			hd.magic = M_GNU;
			break;
		case 3:
			rec[0] = '\0';
			pax_add(rec, sizeof(rec), "path", e->path);
			pax_add(rec, sizeof(rec), "size", "600");
			e->meta_size = strlen(rec);
			put_meta(&b, 'x', rec, e->meta_size);
			hd.name = "ignored";
			hd.size = 0;
			hd.type = '0';
			break;
		case 4:
			hd.type = '2';
			hd.link = "f1";
			break;
		case 5:
			hd.type = '1';
			hd.link = "d/f1";
			hd.size = 0;
			break;
		case 6:
			hd.type = '\0';
			hd.magic = M_V7;
			break;
		case 8:
			hd.type = '6';
			break;
		default:
			hd.type = '0';
			break;
		}
		e->hdr = put_header(&b, &hd);
		if (e->type == TAR_FILE && i != 5)
			put_data(&b, data, e->size);
		e->end = b.len;
	}
	return finish(&b, len);
}

/* The sample's entry `i` is in the index as it should be. */
static int
sample_found(const struct tar_fs *fs, size_t i)
{
	const struct sample *e = &sample[i];
	const struct tar_node *n = NULL;
	uint8_t data[700];

	if (tar_lookup(fs, e->path, 0, &n) != 0 || !n || n->type != e->type)
		return 0;
	if (e->type != TAR_FILE)
		return 1;
	gen_bytes(e->seed, data, e->size);
	return n->size == e->size && (e->size == 0 ||
	    (n->data && memcmp(n->data, data, e->size) == 0));
}

/*
 * Every length of the sample: never a read out of the image (ASan), the
 * entries that fit are there, a cut on an entry's end is a clean end, and
 * a cut through data (an entry's or its 'L'/'x' record's) is corruption.
 * It found tar_index() reading past the image when a cut left the last
 * entry's data whole but not its padding (the next offset passed `len`
 * and `len - off` wrapped); fixed in 5179715.
 */
void
test_tar_truncate_every(void)
{
	size_t len, wrong_found = 0, wrong_corrupt = 0, wrong_other = 0;
	char why_found[256] = "", why_corrupt[64] = "", why_other[256] = "";
	uint8_t *img = make_sample(&len);
	struct tally t;
	struct ix x;

	for (size_t n = 0; n <= len; n++) {
		size_t last = sample[NSAMPLE - 1].end;
		int at_end = n == 0 || n == last || n == last + BLOCK ||
		    n == len;
		int in_data = 0;

		if (!ix_copy(&x, img, n)) {
			if (wrong_other++ == 0)
				snprintf(why_other, sizeof(why_other),
				    "cut at %zu: tar_index %d", n, x.rc);
			ix_close(&x);
			continue;
		}
		walk(&x.fs, x.img, x.len, &t);
		if (t.bad && wrong_other++ == 0)
			snprintf(why_other, sizeof(why_other), "cut at %zu: %s",
			    n, t.first);
		for (size_t i = 0; i < NSAMPLE; i++) {
			const struct sample *e = &sample[i];
			size_t d = e->hdr + BLOCK;

			if (e->end <= n && !sample_found(&x.fs, i) &&
			    wrong_found++ == 0)
				snprintf(why_found, sizeof(why_found),
				    "cut at %zu: %s missing", n, e->path);
			if (n == e->end)
				at_end = 1;
			if (e->type == TAR_FILE && i != 5 && n > d &&
			    n < d + e->size)
				in_data = 1;
			if (e->meta_size && n > e->start + BLOCK &&
			    n < e->start + BLOCK + e->meta_size)
				in_data = 1;
		}
		if ((at_end && x.fs.corrupt) || (in_data && !x.fs.corrupt)) {
			if (wrong_corrupt++ == 0)
				snprintf(why_corrupt, sizeof(why_corrupt),
				    "cut at %zu: corrupt %d", n, x.fs.corrupt);
		}
		ix_close(&x);
	}
	test_note("%s", why_other);
	CHECK_EQ(wrong_other, 0);
	test_note("%s", why_found);
	CHECK_EQ(wrong_found, 0);
	test_note("%s", why_corrupt);
	CHECK_EQ(wrong_corrupt, 0);
	free(img);
}

/* Paths looked up in every damaged copy. */
static const char *const fuzz_paths[] = {
	"d", "d/f1", "d/sl", "hl", "v7file", "e", "d/fifo", "last",
	"d/pax name=with=equals", "d/sl/x", "d/../d/./f1", "/", ".", "..",
	"a", "rel", "abs", "dirlink/c", "dang", "loop1", "hard", "big",
	"a/b/c/d/e/f/g/up", "a/b/sib/e",
};

/* Looks up everything; 1 if every answer is one the contract allows. */
static int
fuzz_lookups(const struct tar_fs *fs, const char *extra)
{
	char buf[2048];
	const struct tar_node *n;
	int ok = 1;

	for (size_t i = 0; i <= sizeof(fuzz_paths) / sizeof(fuzz_paths[0]);
	    i++) {
		const char *p = i < sizeof(fuzz_paths) / sizeof(fuzz_paths[0]) ?
		    fuzz_paths[i] : extra;

		for (int follow = 0; follow <= 1; follow++) {
			int r;

			n = NULL;
			r = tar_lookup(fs, p, follow, &n);
			if (r == 0)
				ok &= n != NULL &&
				    tar_path(n, buf, sizeof(buf)) == 0;
			else
				ok &= r == NX_ENOENT || r == NX_ENOTDIR ||
				    r == NX_ELOOP || r == NX_ENAMETOOLONG;
		}
	}
	return ok;
}

/* Flips bytes of `img`; half the time inside one header, summed again. */
static void
flip(uint8_t *img, size_t len, const size_t *hdrs, size_t nhdr, uint64_t *s)
{
	int k = 1 + (int)(rnd(s) % 4);
	size_t h = hdrs[rnd(s) % nhdr];
	int in_header = rnd(s) & 1;

	for (int i = 0; i < k; i++) {
		size_t at = in_header ? h + rnd(s) % BLOCK : rnd(s) % len;

		if (rnd(s) & 1)
			img[at] ^= (uint8_t)(1u << (rnd(s) % 8));
		else
			img[at] = (uint8_t)rnd(s);
	}
	if (in_header)
		fix_checksum(img + h);
}

/* Thousands of damaged copies: never a crash, never a broken tree. */
static void
fuzz(const uint8_t *img, size_t len, const size_t *hdrs, size_t nhdr,
    uint64_t seed, int rounds)
{
	size_t bad_tree = 0, bad_lookup = 0, bad_rc = 0;
	char why_tree[256] = "", why_lookup[64] = "", why_rc[64] = "";
	struct tally t;
	struct ix x;
	uint64_t s = seed;

	for (int r = 0; r < rounds; r++) {
		uint8_t *copy = test_copy(img, len);
		const struct tar_node *n;
		char extra[512];

		flip(copy, len, hdrs, nhdr, &s);
		if (!ix_open(&x, copy, len)) {
			if (bad_rc++ == 0)
				snprintf(why_rc, sizeof(why_rc),
				    "round %d: tar_index %d", r, x.rc);
			ix_close(&x);
			continue;
		}
		walk(&x.fs, x.img, x.len, &t);
		if (t.bad && bad_tree++ == 0)
			snprintf(why_tree, sizeof(why_tree), "seed %llu round %d: %s",
			    (unsigned long long)seed, r, t.first);
		/* Also the path of whatever the first child is now. */
		strcpy(extra, "nothing");
		n = x.fs.root ? x.fs.root->child : NULL;
		if (n && n->child)
			n = n->child;
		if (n)
			tar_path(n, extra, sizeof(extra));
		if (!fuzz_lookups(&x.fs, extra) && bad_lookup++ == 0)
			snprintf(why_lookup, sizeof(why_lookup),
			    "round %d: a lookup broke", r);
		ix_close(&x);
	}
	test_note("%s", why_rc);
	CHECK_EQ(bad_rc, 0);
	test_note("%s", why_tree);
	CHECK_EQ(bad_tree, 0);
	test_note("%s", why_lookup);
	CHECK_EQ(bad_lookup, 0);
}

/*
 * The headers of an archive, found the simple way: octal sizes, and no
 * pax record that changes one (GNU tar's own archives).
 */
static size_t
find_headers(const uint8_t *img, size_t len, size_t *hdrs, size_t max)
{
	size_t n = 0, off = 0;

	while (off + BLOCK <= len && n < max) {
		char size[13];

		if (img[off] == 0)
			break;
		memcpy(size, img + off + 124, 12);
		size[12] = '\0';
		hdrs[n++] = off;
		off += BLOCK + PADDED(strtoull(size, NULL, 8));
	}
	return n;
}

void
test_tar_flips(void)
{
	struct scratch s;
	size_t len, hdrs[128], nhdr;
	uint8_t *img = make_sample(&len);

	/* The sample's own record of its headers ('L' and 'x' too). */
	nhdr = 0;
	for (size_t i = 0; i < NSAMPLE; i++) {
		if (sample[i].start != sample[i].hdr)
			hdrs[nhdr++] = sample[i].start;
		hdrs[nhdr++] = sample[i].hdr;
	}
	CHECK_EQ(nhdr, NSAMPLE + 2);
	fuzz(img, len, hdrs, nhdr, 1, 4000);
	free(img);

	/* A GNU pax archive of the links and the deep tree. */
	if (!CHECK(scratch_open(&s)) || !CHECK(make_tree(s.src, L_V7, 3000)))
		goto out;
	if (CHECK(run("tar --format=pax -cf %s/t.tar -C %s .", s.dir,
	    s.src))) {
		char path[128];

		snprintf(path, sizeof(path), "%s/t.tar", s.dir);
		if (CHECK((img = test_read_file(path, &len)) != NULL)) {
			nhdr = find_headers(img, len, hdrs, 128);
			CHECK(nhdr > 20);
			fuzz(img, len, hdrs, nhdr, 2, 2000);
		}
		free(img);
	}
out:
	scratch_close(&s);
}

/* ---- edges of the image -------------------------------------------------- */

static void
check_empty(const uint8_t *src, size_t len)
{
	struct ix x;
	char path[8];

	test_note("image of %zu bytes", len);
	if (!CHECK(ix_copy(&x, src, len)))
		goto out;
	CHECK_EQ(x.fs.corrupt, 0);
	CHECK_EQ(x.fs.entries, 0);
	check_tree(&x);
	if (CHECK(x.fs.root != NULL)) {
		CHECK_EQ(x.fs.root->type, TAR_DIR);
		CHECK_EQ(x.fs.root->nchildren, 0);
		CHECK(x.fs.root->child == NULL);
		CHECK(x.fs.root->parent == x.fs.root);
		CHECK_EQ(tar_path(x.fs.root, path, sizeof(path)), 0);
		CHECK_STREQ(path, "/");
	}
	expect(&x.fs, "/", 1, 0, x.fs.root);
	expect(&x.fs, "a", 1, NX_ENOENT, NULL);
out:
	ix_close(&x);
}

void
test_tar_empty(void)
{
	uint8_t zero[8 * BLOCK] = { 0 }, *img;
	struct buf b = { 0 };
	size_t len;
	struct ix x;

	check_empty(zero, 0);
	check_empty(zero, BLOCK);
	check_empty(zero, 2 * BLOCK);
	check_empty(zero, 8 * BLOCK);

	/* Two zero blocks end the archive: what follows is not read. */
	put_zero(&b, 2 * BLOCK);
	put_file(&b, "hidden", "h", 1);
	img = finish(&b, &len);
	if (CHECK(ix_open(&x, img, len))) {
		CHECK_EQ(x.fs.corrupt, 0);
		CHECK_EQ(x.fs.entries, 0);
		expect(&x.fs, "hidden", 1, NX_ENOENT, NULL);
	}
	ix_close(&x);
}

/* ---- the lookup and the other calls ------------------------------------- */

/* "f" in a/b/c; s0 -> ... -> s40 -> f and c0 -> ... -> c40 -> a/b/c. */
static uint8_t *
make_chains(size_t *len)
{
	struct buf b = { 0 };
	struct hdr hd;
	char name[16], link[16];

	put_file(&b, "a/b/c/f", "chain", 5);
	for (int i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "s%d", i);
		snprintf(link, sizeof(link), "s%d", i + 1);
		hd = (struct hdr){ .name = name, .type = '2',
		    .link = i == 40 ? "a/b/c/f" : link };
		put_header(&b, &hd);
		snprintf(name, sizeof(name), "c%d", i);
		snprintf(link, sizeof(link), "c%d", i + 1);
		hd = (struct hdr){ .name = name, .type = '2',
		    .link = i == 40 ? "/a/b/c" : link };
		put_header(&b, &hd);
	}
	return finish(&b, len);
}

/* TAR_MAX_HOPS links are followed, one more is a loop. */
void
test_tar_hops(void)
{
	struct ix x;
	size_t len;
	uint8_t *img = make_chains(&len);
	const struct tar_node *f, *c;

	CHECK_EQ(TAR_MAX_HOPS, 40);
	if (!CHECK(ix_open(&x, img, len)))
		goto out;
	CHECK_EQ(x.fs.corrupt, 0);
	check_tree(&x);
	f = expect_type(&x.fs, "a/b/c/f", 0, TAR_FILE);
	c = expect_type(&x.fs, "a/b/c", 0, TAR_DIR);
	expect(&x.fs, "s40", 1, 0, f);
	expect(&x.fs, "s1", 1, 0, f);		/* 40 links */
	expect(&x.fs, "s0", 1, NX_ELOOP, NULL);	/* 41 */
	expect_type(&x.fs, "s0", 0, TAR_SYMLINK);
	expect(&x.fs, "c1/f", 0, 0, f);
	expect(&x.fs, "c1", 1, 0, c);
	expect(&x.fs, "c0/f", 0, NX_ELOOP, NULL);
	expect(&x.fs, "c0", 1, NX_ELOOP, NULL);
out:
	ix_close(&x);
}

/* Paths of more than 1024 bytes are refused; shorter ones walked. */
void
test_tar_lookup_limits(void)
{
	struct ix x;
	size_t len;
	uint8_t *img = make_chains(&len);
	const struct tar_node *f;
	char path[4096];
	size_t l;

	if (!CHECK(ix_open(&x, img, len)))
		goto out;
	f = expect_type(&x.fs, "a/b/c/f", 0, TAR_FILE);

	/* 999 bytes: "./" 496 times, then "a/b/c/f". */
	for (l = 0; l < 992; l += 2)
		memcpy(path + l, "./", 2);
	strcpy(path + l, "a/b/c/f");
	CHECK_EQ(strlen(path), 999);
	expect(&x.fs, path, 1, 0, f);

	/* 1025 and 2000 bytes, of the same kind. */
	for (size_t want = 1025; want <= 2000; want += 975) {
		memset(path, '/', want - 7);
		strcpy(path + want - 7, "a/b/c/f");
		CHECK_EQ(strlen(path), want);
		expect(&x.fs, path, 1, NX_ENAMETOOLONG, NULL);
	}
	memset(path, 'x', 4000);
	path[4000] = '\0';
	expect(&x.fs, path, 1, NX_ENAMETOOLONG, NULL);
out:
	ix_close(&x);
}

/* tar_child() compares `len` bytes, not a C string. */
void
test_tar_child(void)
{
	struct ix x;
	size_t len;
	uint8_t *img = make_sample(&len);
	const struct tar_node *d, *f1, *c;
	size_t i = 0;

	if (!CHECK(ix_open(&x, img, len)))
		goto out;
	CHECK_EQ(x.fs.corrupt, 0);
	check_tree(&x);
	CHECK_EQ(x.fs.entries, NSAMPLE);
	d = tar_child(x.fs.root, "d", 1);
	if (!CHECK(d != NULL))
		goto out;
	f1 = tar_child(d, "f1XYZ", 2);
	CHECK(name_is(f1, "f1"));
	CHECK(tar_child(d, "f", 1) == NULL);
	CHECK(tar_child(d, "f12", 3) == NULL);
	CHECK(tar_child(d, "", 0) == NULL);
	CHECK(tar_child(d, "f1/", 3) == NULL);
	CHECK(tar_child(f1, "x", 1) == NULL);
	CHECK(tar_child(x.fs.root, "d/f1", 4) == NULL);
	CHECK(tar_child(x.fs.root, "hl", 2) != NULL);

	/* The root's children, in archive order. */
	static const char *const order[] = { "d", "hl", "v7file", "e",
	    "last" };
	CHECK_EQ(x.fs.root->nchildren, 5);
	for (c = x.fs.root->child; c && i < 5; c = c->next, i++) {
		test_note("root child %zu", i);
		CHECK(name_is(c, order[i]));
	}
	for (i = 0; i < NSAMPLE; i++) {
		test_note("sample entry %s", sample[i].path);
		CHECK(sample_found(&x.fs, i));
	}
out:
	ix_close(&x);
}

/* tar_path() fits its buffer or says so, and never writes past it. */
void
test_tar_path(void)
{
	struct ix x;
	size_t len;
	uint8_t *img = make_sample(&len);
	const struct tar_node *n;

	if (!CHECK(ix_open(&x, img, len)))
		goto out;
	n = expect_type(&x.fs, "d/f1", 0, TAR_FILE);
	for (size_t size = 0; n && size <= 10; size++) {
		/* Exactly `size` bytes, so ASan sees a write past it. */
		char *buf = malloc(size ? size : 1);
		int r = tar_path(n, buf, size);

		test_note("size %zu", size);
		if (size >= sizeof("/d/f1")) {
			if (CHECK_EQ(r, 0))
				CHECK_STREQ(buf, "/d/f1");
		} else {
			CHECK_EQ(r, NX_ENAMETOOLONG);
		}
		free(buf);
	}
	for (size_t size = 0; size <= 2; size++) {
		char *buf = malloc(size ? size : 1);
		int r = tar_path(x.fs.root, buf, size);

		test_note("root, size %zu", size);
		CHECK_EQ(r, size == 2 ? 0 : NX_ENAMETOOLONG);
		if (r == 0)
			CHECK_STREQ(buf, "/");
		free(buf);
	}
out:
	ix_close(&x);
}

/* An allocator that fails at any point: NX_ENOMEM, no leak, no crash. */
void
test_tar_enomem(void)
{
	struct tar_fs fs;
	struct arena a = { 0 };
	size_t len, need, wrong = 0;
	uint8_t *img = make_sample(&len);

	CHECK_EQ(tar_index(img, len, arena_alloc, &a, &fs), 0);
	need = a.calls;
	arena_free(&a);
	CHECK(need > 0);
	for (size_t k = 1; k <= need; k++) {
		int r;

		a.fail_at = k;
		r = tar_index(img, len, arena_alloc, &a, &fs);
		if (r != NX_ENOMEM && wrong++ == 0)
			test_note("failing call %zu of %zu: %d", k, need, r);
		arena_free(&a);
	}
	CHECK_EQ(wrong, 0);
	a.fail_at = need + 1;
	CHECK_EQ(tar_index(img, len, arena_alloc, &a, &fs), 0);
	arena_free(&a);
	free(img);
}

/*
 * Not checks: what the implementation does where tar.h does not say, on
 * the test's line, so a change of behaviour shows in the log.
 */
void
test_tar_behaviour(void)
{
	char notes[8][400];
	int nn = 0, r;
	struct buf b = { 0 };
	struct ix x;
	size_t len;
	uint8_t *img;
	const struct tar_node *n;
	char path[2048];

	/* One zero block, then a header. */
	put_zero(&b, BLOCK);
	put_file(&b, "after-one-zero", "1", 1);
	img = finish(&b, &len);
	if (ix_open(&x, img, len))
		snprintf(notes[nn++], sizeof(notes[0]),
		    "one zero block then a header: %s, corrupt %d",
		    tar_lookup(&x.fs, "after-one-zero", 0, &n) == 0 ?
		    "read on" : "the end", x.fs.corrupt);
	ix_close(&x);

	/* A trailing "/" on a file, "" and "file/." and "file/..". */
	img = make_chains(&len);
	if (ix_open(&x, img, len)) {
		static const char *const odd[] = { "a/b/c/f/", "", "a/b/c/f/.",
		    "a/b/c/f/..", "s1/" };
		char *p = notes[nn++];

		p += sprintf(p, "lookups:");
		for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
			r = tar_lookup(&x.fs, odd[i], 1, &n);
			p += sprintf(p, " \"%s\" %d", odd[i], r);
		}
		/* Hops counted over the whole lookup, or per link?  c21
		 * leads to /a/b/c, three ".." back to the root. */
		r = tar_lookup(&x.fs, "c21/../../../c21/f", 1, &n);
		snprintf(notes[nn++], sizeof(notes[0]),
		    "20 + 20 hops: %d; 21 + 21: %d", r,
		    tar_lookup(&x.fs, "c20/../../../c20/f", 1, &n));
		memset(path, '/', 1017);
		strcpy(path + 1017, "a/b/c/f");
		r = tar_lookup(&x.fs, path, 1, &n);
		snprintf(notes[nn++], sizeof(notes[0]),
		    "a path of 1024 bytes: %d; of 1023: %d", r,
		    tar_lookup(&x.fs, path + 1, 1, &n));
	}
	ix_close(&x);

	/* ".." in archived names; a file where a directory is needed. */
	put_file(&b, "up/../../escape", "e", 1);
	put_file(&b, "z", "z", 1);
	put_file(&b, "z/w", "w", 1);
	img = finish(&b, &len);
	if (ix_open(&x, img, len)) {
		struct tally t;

		walk(&x.fs, x.img, x.len, &t);
		snprintf(notes[nn++], sizeof(notes[0]),
		    "\"up/../../escape\": /escape %d, /up/escape %d; "
		    "\"z\" then \"z/w\": z/w %d; tree %s",
		    tar_lookup(&x.fs, "escape", 0, &n),
		    tar_lookup(&x.fs, "up/escape", 0, &n),
		    tar_lookup(&x.fs, "z/w", 0, &n), t.bad ? t.first : "ok");
	}
	ix_close(&x);

	for (int i = 0; i < nn; i++)
		test_note("%s", notes[i]);
}

/* ---- regressions --------------------------------------------------------- */

/*
 * The old tar.c assembled "prefix/name" in a 256-byte buffer, one short for
 * a full 155-byte prefix, '/', a full 100-byte name and the NUL.  Input: a
 * ustar header with prefix 155 x 'q' and name 100 x 'n', neither with a
 * NUL.  Expected: a file "qqq...q/nnn...n", all 256 characters of it.
 */
void
test_tar_regression_name_256(void)
{
	char n100[101], p155[156], path[260], back[260];
	struct buf b = { 0 };
	struct hdr hd;
	struct ix x;
	size_t len;
	uint8_t *img;
	const struct tar_node *f;

	memset(n100, 'n', 100);
	n100[100] = '\0';
	memset(p155, 'q', 155);
	p155[155] = '\0';
	hd = (struct hdr){ .name = n100, .prefix = p155, .type = '0',
	    .size = 5 };
	put_entry(&b, &hd, "12345");
	img = finish(&b, &len);
	if (!CHECK(ix_open(&x, img, len)))
		goto out;
	CHECK_EQ(x.fs.corrupt, 0);
	check_tree(&x);
	snprintf(path, sizeof(path), "/%s/%s", p155, n100);
	CHECK_EQ(strlen(path), 257);
	expect_file(&x.fs, path, "12345", 5);
	if ((f = expect_type(&x.fs, path, 0, TAR_FILE)) != NULL) {
		CHECK_EQ(f->name_len, 100);
		CHECK_EQ(f->parent->name_len, 155);
		CHECK(f->parent->parent == x.fs.root);
		CHECK_EQ(tar_path(f, back, sizeof(back)), 0);
		CHECK_STREQ(back, path);
	}
out:
	ix_close(&x);
}

/*
 * The old tar_find() stripped a leading "/" from the path asked for but
 * not "./", so "./bin/hello" typed at NipBox was not found.  Input: GNU
 * tar's archive of "." (names "./a.txt").  Expected: "./a.txt", "/a.txt",
 * "a.txt" and their like all name the file.
 */
void
test_tar_regression_dot_slash(void)
{
	static const char *const spellings[] = { "./a.txt", "/a.txt",
	    "a.txt", "/./a.txt", ".//a.txt", "././a.txt", "//a.txt" };
	struct scratch s;
	struct ix x;
	char path[128];
	const struct tar_node *f;

	if (!CHECK(scratch_open(&s)))
		goto out;
	snprintf(path, sizeof(path), "%s/a.txt", s.src);
	if (!CHECK(write_file(path, "hello world", 11)) ||
	    !CHECK(run("tar --format=ustar -cf %s/t.tar -C %s .", s.dir,
	    s.src)) || !load(&x, &s, "t.tar"))
		goto out;
	f = tar_child(x.fs.root, "a.txt", 5);
	if (CHECK(f != NULL)) {
		for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]);
		    i++)
			expect(&x.fs, spellings[i], 1, 0, f);
		expect_file(&x.fs, "./a.txt", "hello world", 11);
	}
	CHECK_EQ(x.fs.root->nchildren, 1);
	ix_close(&x);
out:
	scratch_close(&s);
}
