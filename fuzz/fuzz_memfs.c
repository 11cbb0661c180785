/*
 * libFuzzer target for core/fs/memfs*.c.  The input is a program: its
 * first byte sets the space limit (a few pages above what the seed takes,
 * so ENOSPC and short writes come often), the rest decodes into up to 256
 * operations over a small name space ("a" to "e", ".", "..", "", "x/y",
 * 255 and 256 bytes).  Each operation is applied to memfs, seeded from a
 * small archive (a directory, a file of two pages and a bit, a hard link,
 * a symbolic link), and to a model written from memfs.h's rules alone:
 * flat arrays of nodes and entries, file bytes in flat buffers, each rule
 * an `if` in the order memfs.h gives.  Any difference in a result, in a
 * file's bytes, in a directory's listing (names, nodes, cookies) or in the
 * space used, pages and nodes counted aborts.
 *
 * File offsets lie in two windows: pages 0-5 and pages 510-513 (across
 * the end of the first leaf page of the index), so the model charges
 * index pages by the rule in memfs_data.c's header: a leaf while it holds
 * a page, the index while it holds a leaf.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nexus/abi.h"
#include "fs/memfs.h"
#include "fs/tar.h"

#define PAGE		MEMFS_PAGE
#define MAXN		40	/* model nodes */
#define MAXE		96	/* model entries */
#define LO_PAGES	6	/* window one: pages 0-5 */
#define HI_FIRST	510	/* window two: pages 510-513 */
#define HI_PAGES	4
#define MAX_OPS		256
#define NODE_COST	sizeof(struct mnode)
#define DIRENT_COST	sizeof(struct mdirent)

#define CHECK(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz_memfs: %s:%d: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/* ---- names ------------------------------------------------------------- */

static char long255[255], long256[256];

struct name {
	const char *s;
	size_t len;
};

#define NNAMES	11
static struct name names[NNAMES] = {
	{ "a", 1 }, { "b", 1 }, { "c", 1 }, { "d", 1 }, { "e", 1 },
	{ ".", 1 }, { "..", 2 }, { "", 0 }, { "x/y", 3 },
	{ long255, 255 }, { long256, 256 },
};

/* ---- the model ------------------------------------------------------------ */

struct mnode_m {
	int alive;
	int type;
	uint32_t nlink, holds;
	int parent;		/* directories */
	uint64_t size;
	uint8_t *lo, *hi;	/* the two windows' bytes (files) */
	uint32_t owned;		/* bits 0-5: pages 0-5; 6-9: pages 510-513 */
	uint64_t extra;		/* an owned link target's bytes */
	struct mnode *real;
};

struct entry_m {
	int alive;
	int dir, node, name;
	uint64_t cookie;
	int owned;		/* the name's bytes are charged */
};

struct model {
	struct mnode_m n[MAXN];
	struct entry_m e[MAXE];
	uint64_t cookie[MAXN];	/* each directory's next */
	uint64_t used, limit;
};

static uint64_t
page_bytes(uint32_t owned)
{
	uint64_t n = (uint64_t)__builtin_popcount(owned);
	int leaf0 = (owned & 0xff) != 0, leaf1 = (owned & 0x300) != 0;

	if (n)
		n += leaf0 + leaf1 + 1;
	return n * PAGE;
}

static uint64_t
model_pages(const struct model *m)
{
	uint64_t p = 0;

	for (int i = 0; i < MAXN; i++) {
		if (m->n[i].alive && m->n[i].type == MNODE_FILE)
			p += page_bytes(m->n[i].owned) / PAGE;
	}
	return p;
}

/* The bit of page `pg`, or 0 outside the windows. */
static uint32_t
page_bit(uint64_t pg)
{
	if (pg < LO_PAGES)
		return 1u << pg;
	if (pg >= HI_FIRST && pg < HI_FIRST + HI_PAGES)
		return 1u << (LO_PAGES + pg - HI_FIRST);
	return 0;
}

/* The model's byte at `off` (zero outside the windows). */
static uint8_t *
byte_at(struct mnode_m *n, uint64_t off)
{
	static uint8_t zero;

	if (off < LO_PAGES * PAGE)
		return &n->lo[off];
	if (off >= HI_FIRST * PAGE && off < (HI_FIRST + HI_PAGES) * PAGE)
		return &n->hi[off - HI_FIRST * PAGE];
	zero = 0;
	return &zero;
}

static int
new_node(struct model *m, int type)
{
	for (int i = 0; i < MAXN; i++) {
		if (m->n[i].alive)
			continue;
		memset(&m->n[i], 0, sizeof(m->n[i]));
		m->n[i].alive = 1;
		m->n[i].type = type;
		if (type == MNODE_FILE) {
			m->n[i].lo = calloc(1, LO_PAGES * PAGE);
			m->n[i].hi = calloc(1, HI_PAGES * PAGE);
			CHECK(m->n[i].lo && m->n[i].hi);
		}
		m->cookie[i] = MEMFS_FIRST_COOKIE;
		return i;
	}
	return -1;
}

static int
free_entry(const struct model *m)
{
	for (int i = 0; i < MAXE; i++) {
		if (!m->e[i].alive)
			return i;
	}
	return -1;
}

/* The live entry `name` in `dir`, or -1. */
static int
find(const struct model *m, int dir, int name)
{
	for (int i = 0; i < MAXE; i++) {
		if (m->e[i].alive && m->e[i].dir == dir && m->e[i].name == name)
			return i;
	}
	return -1;
}

static int
entries_of(const struct model *m, int dir)
{
	int k = 0;

	for (int i = 0; i < MAXE; i++)
		k += m->e[i].alive && m->e[i].dir == dir;
	return k;
}

static uint64_t
entry_cost(const struct model *m, int e)
{
	return DIRENT_COST + (m->e[e].owned ? names[m->e[e].name].len : 0);
}

static void
put_node(struct model *m, int i)
{
	struct mnode_m *n = &m->n[i];

	if (n->nlink || n->holds)
		return;
	m->used -= NODE_COST + n->extra + page_bytes(n->owned);
	free(n->lo);
	free(n->hi);
	memset(n, 0, sizeof(*n));
}

static int
add_entry(struct model *m, int dir, int name, int node)
{
	int e = free_entry(m);

	m->e[e] = (struct entry_m){ 1, dir, node, name, m->cookie[dir]++, 1 };
	m->used += entry_cost(m, e);
	return e;
}

static void
drop_entry(struct model *m, int e)
{
	m->used -= entry_cost(m, e);
	m->e[e].alive = 0;
}

/* A name's bytes: length, '/', NUL, and the directory, in memfs's order. */
static int
check_name(const struct model *m, int dir, int name)
{
	const struct name *nm = &names[name];

	if (nm->len == 0)
		return NX_ENOENT;
	if (nm->len > MEMFS_NAME_MAX)
		return NX_ENAMETOOLONG;
	if (memchr(nm->s, '/', nm->len))
		return NX_EINVAL;
	if (m->n[dir].type != MNODE_DIR)
		return NX_ENOTDIR;
	return 0;
}

static int
is_dot(int name)
{
	return name == 5 ? 1 : name == 6 ? 2 : 0;
}

static int
check_new(const struct model *m, int dir, int name)
{
	if (is_dot(name))
		return NX_EEXIST;
	if (m->n[dir].nlink == 0)
		return NX_ENOENT;
	if (find(m, dir, name) >= 0)
		return NX_EEXIST;
	return 0;
}

static int
fits(const struct model *m, uint64_t bytes)
{
	return bytes <= m->limit - m->used;
}

/* Names a new node of `type` (symlink target `tlen` bytes). */
static int
model_make(struct model *m, int dir, int name, int type, uint64_t tlen,
    int *out)
{
	int rc, i;

	if ((rc = check_name(m, dir, name)))
		return rc;
	if (type == MNODE_SYMLINK && tlen == 0)
		return NX_ENOENT;
	if ((rc = check_new(m, dir, name)))
		return rc;
	if (!fits(m, NODE_COST + DIRENT_COST + names[name].len + tlen))
		return NX_ENOSPC;
	i = new_node(m, type);
	m->used += NODE_COST + tlen;
	m->n[i].extra = tlen;
	m->n[i].nlink = type == MNODE_DIR ? 2 : 1;
	m->n[i].parent = dir;
	if (type == MNODE_SYMLINK)
		m->n[i].size = tlen;
	if (type == MNODE_DIR)
		m->n[dir].nlink++;
	add_entry(m, dir, name, i);
	*out = i;
	return 0;
}

static int
model_link(struct model *m, int dir, int name, int node)
{
	int rc;

	if ((rc = check_name(m, dir, name)))
		return rc;
	if (m->n[node].type == MNODE_DIR)
		return NX_EPERM;
	if (m->n[node].nlink == 0)
		return NX_ENOENT;
	if ((rc = check_new(m, dir, name)))
		return rc;
	if (!fits(m, DIRENT_COST + names[name].len))
		return NX_ENOSPC;
	m->n[node].nlink++;
	add_entry(m, dir, name, node);
	return 0;
}

/* Takes entry `e`'s name from its node. */
static void
model_drop(struct model *m, int e)
{
	int node = m->e[e].node, dir = m->e[e].dir;

	drop_entry(m, e);
	if (m->n[node].type == MNODE_DIR) {
		m->n[node].nlink = 0;
		m->n[dir].nlink--;
	} else {
		m->n[node].nlink--;
	}
	put_node(m, node);
}

static int
model_unlink(struct model *m, int dir, int name, int rmdir)
{
	int rc, e;

	if ((rc = check_name(m, dir, name)))
		return rc;
	if (is_dot(name) && !rmdir)
		return NX_EISDIR;
	if (is_dot(name))
		return is_dot(name) == 1 ? NX_EINVAL : NX_ENOTEMPTY;
	if ((e = find(m, dir, name)) < 0)
		return NX_ENOENT;
	if (!rmdir && m->n[m->e[e].node].type == MNODE_DIR)
		return NX_EISDIR;
	if (rmdir && m->n[m->e[e].node].type != MNODE_DIR)
		return NX_ENOTDIR;
	if (rmdir && entries_of(m, m->e[e].node))
		return NX_ENOTEMPTY;
	model_drop(m, e);
	return 0;
}

/* 1 if directory `d` is `anc` or lies below it. */
static int
below(const struct model *m, int d, int anc)
{
	for (int hops = 0; hops <= MAXN; hops++) {
		if (d == anc)
			return 1;
		if (d == 0)
			return 0;
		d = m->n[d].parent;
	}
	CHECK(!"a parent loop in the model");
	return 0;
}

static int
model_rename(struct model *m, int od, int on, int nd, int nn)
{
	int rc, src, dst, node, gone;

	if ((rc = check_name(m, od, on)) || (rc = check_name(m, nd, nn)))
		return rc;
	if (is_dot(on) || is_dot(nn))
		return NX_EBUSY;
	if ((src = find(m, od, on)) < 0)
		return NX_ENOENT;
	node = m->e[src].node;
	dst = find(m, nd, nn);
	if (m->n[nd].nlink == 0)
		return NX_ENOENT;
	if (m->n[node].type == MNODE_DIR && below(m, nd, node))
		return NX_EINVAL;
	if (dst >= 0 && m->e[dst].node == node)
		return 0;
	if (dst >= 0) {
		int dt = m->n[m->e[dst].node].type;

		if (m->n[node].type == MNODE_DIR && dt != MNODE_DIR)
			return NX_ENOTDIR;
		if (m->n[node].type != MNODE_DIR && dt == MNODE_DIR)
			return NX_EISDIR;
		if (dt == MNODE_DIR && entries_of(m, m->e[dst].node))
			return NX_ENOTEMPTY;
	} else if (DIRENT_COST + names[nn].len >
	    m->limit - m->used + entry_cost(m, src)) {
		/* The old entry's bytes count as free already. */
		return NX_ENOSPC;
	}
	gone = dst >= 0 ? m->e[dst].node : -1;
	if (dst >= 0)
		m->e[dst].node = node;
	else
		add_entry(m, nd, nn, node);
	drop_entry(m, src);
	if (m->n[node].type == MNODE_DIR && od != nd) {
		m->n[od].nlink--;
		m->n[nd].nlink++;
		m->n[node].parent = nd;
	}
	if (gone >= 0) {
		if (m->n[gone].type == MNODE_DIR) {
			m->n[gone].nlink = 0;
			m->n[nd].nlink--;
		} else {
			m->n[gone].nlink--;
		}
		put_node(m, gone);
	}
	return 0;
}

static int
not_file(const struct model *m, int node)
{
	if (m->n[node].type == MNODE_FILE)
		return 0;
	return m->n[node].type == MNODE_DIR ? NX_EISDIR : NX_EINVAL;
}

static int64_t
model_write(struct model *m, int node, uint64_t off, const uint8_t *src,
    size_t len)
{
	struct mnode_m *n = &m->n[node];
	size_t done = 0;
	int rc;

	if ((rc = not_file(m, node)))
		return rc;
	if (len == 0)
		return 0;
	while (done < len) {
		uint64_t at = off + done, pg = at / PAGE;
		uint32_t bit = page_bit(pg);
		uint64_t more = page_bytes(n->owned | bit) - page_bytes(n->owned);
		size_t k = PAGE - at % PAGE;

		CHECK(bit);
		if (!fits(m, more))
			break;
		m->used += more;
		n->owned |= bit;
		if (k > len - done)
			k = len - done;
		for (size_t i = 0; i < k; i++)
			*byte_at(n, at + i) = src[done + i];
		done += k;
	}
	if (done == 0)
		return NX_ENOSPC;
	if (off + done > n->size)
		n->size = off + done;
	return (int64_t)done;
}

/* The model's bytes from `off` on become zeros. */
static void
zero_from(struct mnode_m *n, uint64_t off)
{
	uint64_t hi = HI_FIRST * PAGE;

	if (off < LO_PAGES * PAGE)
		memset(n->lo + off, 0, LO_PAGES * PAGE - off);
	if (off < hi)
		off = hi;
	if (off < hi + HI_PAGES * PAGE)
		memset(n->hi + (off - hi), 0, hi + HI_PAGES * PAGE - off);
}

static int
model_truncate(struct model *m, int node, uint64_t size)
{
	struct mnode_m *n = &m->n[node];
	uint64_t keep = (size + PAGE - 1) / PAGE, before;
	int rc;

	if ((rc = not_file(m, node)))
		return rc;
	if (size < n->size) {
		before = page_bytes(n->owned);
		for (uint64_t pg = keep; pg < HI_FIRST + HI_PAGES; pg++)
			n->owned &= ~page_bit(pg);
		m->used -= before - page_bytes(n->owned);
		zero_from(n, size);
	}
	n->size = size;
	return 0;
}

/* ---- memfs's environment: counted, so a leak or a double free shows ---- */

static long live_allocs, live_pages;
static uint64_t clock_ns;

static void *
env_alloc(void *ctx, size_t size)
{
	void *p = calloc(1, size ? size : 1);

	(void)ctx;
	CHECK(p);
	live_allocs++;
	return p;
}

static void
env_free(void *ctx, void *p, size_t size)
{
	(void)ctx;
	(void)size;
	live_allocs--;
	free(p);
}

static void *
env_page_alloc(void *ctx)
{
	void *p = aligned_alloc(PAGE, PAGE);

	(void)ctx;
	CHECK(p);
	memset(p, 0, PAGE);
	live_pages++;
	return p;
}

static void
env_page_free(void *ctx, void *p)
{
	(void)ctx;
	live_pages--;
	free(p);
}

static uint64_t
env_now(void *ctx)
{
	(void)ctx;
	return clock_ns += 1000;
}

/* ---- the seed archive ---------------------------------------------------- */

#define SEED_LEN	(2 * PAGE + 100)

static uint8_t image[16 * 512 + SEED_LEN];
static size_t image_len;
static uint8_t seed_bytes[SEED_LEN];
static _Alignas(16) uint8_t tar_arena[16384];
static size_t tar_used;
static struct tar_fs tar;

static void *
tar_alloc(void *ctx, size_t size)
{
	void *p;

	(void)ctx;
	size = (size + 15) & ~(size_t)15;
	CHECK(size <= sizeof(tar_arena) - tar_used);
	p = tar_arena + tar_used;
	tar_used += size;
	return p;
}

static void
tar_put(const char *name, char type, const char *link, const void *data,
    size_t size)
{
	uint8_t *h = image + image_len;
	unsigned sum = 0;

	memset(h, 0, 512);
	memcpy(h, name, strlen(name));
	snprintf((char *)h + 100, 8, "%07o", 0644);
	snprintf((char *)h + 124, 12, "%011zo", size);
	memcpy(h + 136, "00000000000", 12);
	h[156] = (uint8_t)type;
	if (link)
		memcpy(h + 157, link, strlen(link));
	memcpy(h + 257, "ustar\0" "00", 8);
	memset(h + 148, ' ', 8);
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	image_len += 512;
	if (size)
		memcpy(image + image_len, data, size);
	image_len += (size + 511) / 512 * 512;
}

static void
setup(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	memset(long255, 'L', sizeof(long255));
	memset(long256, 'M', sizeof(long256));
	for (size_t i = 0; i < SEED_LEN; i++)
		seed_bytes[i] = (uint8_t)(i * 13 + 1);
	tar_put("a/", '5', NULL, NULL, 0);
	tar_put("a/b", '0', NULL, seed_bytes, SEED_LEN);
	tar_put("c", '1', "a/b", NULL, 0);
	tar_put("d", '2', "a/b", NULL, 0);
	image_len += 1024;
	CHECK(image_len <= sizeof(image));
	CHECK(tar_index(image, image_len, tar_alloc, NULL, &tar) == 0);
}

/* The model of the seeded tree: root 0, a 1, a/b = c 2, d 3. */
static void
model_seed(struct model *m)
{
	static const struct { int dir, name, node; } ents[] = {
		{ 0, 0, 1 }, { 1, 1, 2 }, { 0, 2, 2 }, { 0, 3, 3 },
	};

	new_node(m, MNODE_DIR);
	new_node(m, MNODE_DIR);
	new_node(m, MNODE_FILE);
	new_node(m, MNODE_SYMLINK);
	m->n[0].nlink = 3;
	m->n[1].nlink = 2;
	m->n[1].parent = 0;
	m->n[2].nlink = 2;
	m->n[2].size = SEED_LEN;
	memcpy(m->n[2].lo, seed_bytes, SEED_LEN);
	m->n[3].nlink = 1;
	m->n[3].size = 3;
	m->used = 4 * NODE_COST;
	for (size_t i = 0; i < sizeof(ents) / sizeof(ents[0]); i++) {
		int e = add_entry(m, ents[i].dir, ents[i].name, ents[i].node);

		m->used -= names[ents[i].name].len;
		m->e[e].owned = 0;
	}
}

/* ---- comparing ------------------------------------------------------------- */

struct run {
	struct model m;
	struct memfs fs;
	const uint8_t *in;
	size_t len, pos;
};

static uint8_t
next(struct run *r)
{
	return r->pos < r->len ? r->in[r->pos++] : 0;
}

static int
pick_node(struct run *r)
{
	int start = next(r) % MAXN;

	for (int k = 0; k < MAXN; k++) {
		int i = (start + k) % MAXN;

		if (r->m.n[i].alive)
			return i;
	}
	CHECK(!"no live node: the root is gone");
	return 0;
}

static int
pick_name(struct run *r)
{
	uint8_t b = next(r);

	/* Mostly the five short names. */
	return b < 200 ? b % 5 : 5 + b % (NNAMES - 5);
}

/* An offset in one of the windows, and how far that window goes. */
static uint64_t
pick_off(struct run *r, uint64_t *end)
{
	int w = next(r) % (LO_PAGES + HI_PAGES);
	uint64_t in = (next(r) | (uint64_t)next(r) << 8) % PAGE;
	uint64_t pg = (uint64_t)(w < LO_PAGES ? w : HI_FIRST + w - LO_PAGES);

	*end = (w < LO_PAGES ? LO_PAGES : HI_FIRST + HI_PAGES) * (uint64_t)PAGE;
	/* Often a page boundary. */
	return pg * PAGE + (in < PAGE / 2 ? in : in % 4 == 0 ? 0 : in);
}

static void
compare_dir(struct run *r, int d)
{
	struct memfs_dirent de;
	uint64_t c = 0, last = 0;
	int seen = 0, rc;

	rc = memfs_readdir(r->m.n[d].real, 0, &de);
	if (r->m.n[d].type != MNODE_DIR) {
		CHECK(rc == NX_ENOTDIR);
		return;
	}
	while ((rc = memfs_readdir(r->m.n[d].real, c, &de)) == 1) {
		int e = -1;

		for (int i = 0; i < MAXE; i++) {
			if (r->m.e[i].alive && r->m.e[i].dir == d &&
			    r->m.e[i].cookie == de.cookie)
				e = i;
		}
		CHECK(e >= 0);
		CHECK(de.cookie >= MEMFS_FIRST_COOKIE);
		CHECK(seen == 0 || de.cookie > last);
		CHECK(de.name_len == names[r->m.e[e].name].len);
		CHECK(memcmp(de.name, names[r->m.e[e].name].s, de.name_len) == 0);
		CHECK(de.node == r->m.n[r->m.e[e].node].real);
		last = de.cookie;
		c = de.next;
		seen++;
	}
	CHECK(rc == 0);
	CHECK(seen == entries_of(&r->m, d));
}

/* `len` bytes at `off`, from memfs and the model. */
static void
compare_read(struct run *r, int node, uint64_t off, size_t len)
{
	static uint8_t buf[2 * PAGE + 64];
	struct mnode_m *n = &r->m.n[node];
	int64_t got, want;

	got = memfs_read(n->real, off, buf, len);
	if ((want = not_file(&r->m, node)) == 0)
		want = off >= n->size ? 0 :
		    (int64_t)(len < n->size - off ? len : n->size - off);
	CHECK(got == want);
	for (int64_t i = 0; i < got; i++)
		CHECK(buf[i] == *byte_at(n, off + (uint64_t)i));
}

static void
compare_all(struct run *r)
{
	struct memfs_usage u;
	uint64_t nodes = 0;

	memfs_usage(&r->fs, &u);
	for (int i = 0; i < MAXN; i++)
		nodes += r->m.n[i].alive;
	CHECK(u.bytes == r->m.used);
	CHECK(u.bytes <= u.limit);
	CHECK(u.pages == model_pages(&r->m));
	CHECK(u.nodes == nodes);
}

static void
compare_node(struct run *r, int i)
{
	struct mnode_m *n = &r->m.n[i];

	CHECK(n->real->type == n->type);
	CHECK(n->real->nlink == n->nlink);
	CHECK(n->real->size == n->size);
	if (n->type == MNODE_DIR)
		compare_dir(r, i);
	if (n->type == MNODE_FILE) {
		for (uint64_t o = 0; o < (HI_FIRST + HI_PAGES) * PAGE;
		    o += 2 * PAGE) {
			if (o == LO_PAGES * PAGE)
				o = HI_FIRST * PAGE;
			compare_read(r, i, o, 2 * PAGE);
		}
	}
}

/* ---- the operations ---------------------------------------------------------- */

static int
node_slot_free(const struct model *m)
{
	for (int i = 0; i < MAXN; i++) {
		if (!m->n[i].alive)
			return 1;
	}
	return 0;
}

static void
op_make(struct run *r, int type)
{
	int d = pick_node(r), nm = pick_name(r), i = -1, want, rc;
	size_t tlen = next(r) % 6;
	struct mnode *dir = r->m.n[d].real, *real = NULL;

	if (free_entry(&r->m) < 0 || !node_slot_free(&r->m))
		return;
	if (type == MNODE_SYMLINK) {
		want = model_make(&r->m, d, nm, type, tlen, &i);
		rc = memfs_symlink(dir, names[nm].s, names[nm].len, "target",
		    tlen, &real);
	} else {
		want = model_make(&r->m, d, nm, type, 0, &i);
		rc = memfs_create(dir, names[nm].s, names[nm].len, type, 0644,
		    &real);
	}
	CHECK(rc == want);
	if (rc == 0)
		r->m.n[i].real = real;
}

static void
op_link(struct run *r)
{
	int d = pick_node(r), nm = pick_name(r), node = pick_node(r), want;

	if (free_entry(&r->m) < 0)
		return;
	want = model_link(&r->m, d, nm, node);
	CHECK(memfs_link(r->m.n[d].real, names[nm].s, names[nm].len,
	    r->m.n[node].real) == want);
}

/* The model may free a node: memfs's pointers are taken first. */
static void
op_unlink(struct run *r, int rmdir)
{
	int d = pick_node(r), nm = pick_name(r), want, rc;
	struct mnode *dir = r->m.n[d].real;

	want = model_unlink(&r->m, d, nm, rmdir);
	rc = rmdir ? memfs_rmdir(dir, names[nm].s, names[nm].len) :
	    memfs_unlink(dir, names[nm].s, names[nm].len);
	CHECK(rc == want);
}

static void
op_rename(struct run *r)
{
	int od = pick_node(r), on = pick_name(r);
	int nd = pick_node(r), nn = pick_name(r), want;
	struct mnode *odir = r->m.n[od].real, *ndir = r->m.n[nd].real;

	if (free_entry(&r->m) < 0)
		return;
	want = model_rename(&r->m, od, on, nd, nn);
	CHECK(memfs_rename(odir, names[on].s, names[on].len, ndir,
	    names[nn].s, names[nn].len) == want);
}

static void
op_write(struct run *r)
{
	static uint8_t buf[2 * PAGE + 64];
	int node = pick_node(r);
	uint64_t end, off = pick_off(r, &end);
	size_t len = (next(r) | (size_t)next(r) << 8) % sizeof(buf);
	uint8_t fill = next(r);
	int64_t want;

	if (len > end - off)
		len = (size_t)(end - off);
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(fill + i);
	want = model_write(&r->m, node, off, buf, len);
	CHECK(memfs_write(r->m.n[node].real, off, buf, len) == want);
}

static void
op_read(struct run *r)
{
	int node = pick_node(r);
	uint64_t end, off = pick_off(r, &end);
	size_t len = (next(r) | (size_t)next(r) << 8) % (2 * PAGE + 64);

	if (len > end - off)
		len = (size_t)(end - off);
	compare_read(r, node, off, len);
}

static void
op_truncate(struct run *r)
{
	int node = pick_node(r);
	uint64_t end, size = next(r) < 32 ? 0 : pick_off(r, &end);

	CHECK(memfs_truncate(r->m.n[node].real, size) ==
	    model_truncate(&r->m, node, size));
}

static void
op_hold(struct run *r, int release)
{
	int node = pick_node(r);
	struct mnode *real = r->m.n[node].real;

	if (!release && r->m.n[node].holds < 200) {
		r->m.n[node].holds++;
		memfs_hold(real);
	} else if (release && r->m.n[node].holds > 0) {
		r->m.n[node].holds--;
		put_node(&r->m, node);
		memfs_release(real);
	}
}

static void
op_lookup(struct run *r)
{
	int d = pick_node(r), nm = pick_name(r), want, e, to = -1;
	struct mnode *got = NULL;

	if (!(want = check_name(&r->m, d, nm))) {
		if (is_dot(nm))
			to = is_dot(nm) == 1 ? d : r->m.n[d].parent;
		else if ((e = find(&r->m, d, nm)) >= 0)
			to = r->m.e[e].node;
		else
			want = NX_ENOENT;
	}
	CHECK(memfs_lookup(r->m.n[d].real, names[nm].s, names[nm].len,
	    &got) == want);
	CHECK(want != 0 || got == r->m.n[to].real);
}

static void
step(struct run *r)
{
	switch (next(r) % 16) {
	case 0: op_make(r, MNODE_FILE); break;
	case 1: op_make(r, MNODE_DIR); break;
	case 2: op_make(r, MNODE_SYMLINK); break;
	case 3: op_make(r, MNODE_FIFO); break;
	case 4: op_link(r); break;
	case 5: op_unlink(r, 0); break;
	case 6: op_unlink(r, 1); break;
	case 7: op_rename(r); break;
	case 8: op_write(r); break;
	case 9: op_write(r); break;
	case 10: op_read(r); break;
	case 11: op_truncate(r); break;
	case 12: op_hold(r, 0); break;
	case 13: op_hold(r, 1); break;
	case 14: op_lookup(r); break;
	case 15: compare_node(r, pick_node(r)); break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run r;
	struct memfs_env env = {
		.alloc = env_alloc, .free = env_free,
		.page_alloc = env_page_alloc, .page_free = env_page_free,
		.now_ns = env_now,
	};
	struct mnode *real;
	uint8_t b;

	setup();
	memset(&r, 0, sizeof(r));
	r.in = data;
	r.len = size;
	model_seed(&r.m);
	/* From just enough for the seed to 24 pages more. */
	b = next(&r);
	r.m.limit = env.limit = r.m.used + (uint64_t)(b % 25) * PAGE +
	    (uint64_t)(b / 25) * 61;
	CHECK(memfs_init(&r.fs, &env, 0755) == 0);
	CHECK(memfs_seed_tar(&r.fs, &tar, NULL) == 0);
	r.m.n[0].real = r.fs.root;
	CHECK(memfs_lookup(r.fs.root, "a", 1, &r.m.n[1].real) == 0);
	CHECK(memfs_lookup(r.m.n[1].real, "b", 1, &r.m.n[2].real) == 0);
	CHECK(memfs_lookup(r.fs.root, "d", 1, &r.m.n[3].real) == 0);
	CHECK(memfs_lookup(r.fs.root, "c", 1, &real) == 0 &&
	    real == r.m.n[2].real);
	compare_all(&r);
	for (int i = 0; i < MAX_OPS && r.pos < r.len; i++) {
		step(&r);
		compare_all(&r);
	}
	for (int i = 0; i < MAXN; i++) {
		if (r.m.n[i].alive)
			compare_node(&r, i);
	}
	memfs_destroy(&r.fs);
	CHECK(live_allocs == 0 && live_pages == 0);
	for (int i = 0; i < MAXN; i++) {
		free(r.m.n[i].lo);
		free(r.m.n[i].hi);
	}
	return 0;
}
