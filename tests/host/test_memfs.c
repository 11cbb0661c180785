/*
 * core/fs/memfs*.c: the in-memory file system.  Seeded from archives
 * written here block by block (files, directories, links, a FIFO) and from
 * the build's root archive; every operation and rule of memfs.h, the
 * archive's bytes used in place until a page is first written, the space
 * limit (short writes, ENOSPC, nothing half made), allocation failures at
 * every step, and the space coming back to the byte.  The environment
 * counts every allocation, so a leak or a double free shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nexus/abi.h"
#include "fs/memfs.h"
#include "fs/tar.h"
#include "test.h"

#define BLOCK	512
#define PAGE	MEMFS_PAGE

/* ---- the environment ------------------------------------------------------ */

struct env {
	long allocs, pages;	/* live */
	long calls;		/* allocations asked for */
	long fail_at;		/* this call fails; 0: none */
	uint64_t clock;
};

static int
fails(struct env *e)
{
	return e->fail_at && ++e->calls == e->fail_at;
}

static void *
env_alloc(void *ctx, size_t size)
{
	struct env *e = ctx;
	void *p;

	if (fails(e))
		return NULL;
	if (!(p = calloc(1, size ? size : 1)))
		abort();
	e->allocs++;
	return p;
}

static void
env_free(void *ctx, void *p, size_t size)
{
	struct env *e = ctx;

	(void)size;
	e->allocs--;
	free(p);
}

static void *
env_page_alloc(void *ctx)
{
	struct env *e = ctx;
	void *p;

	if (fails(e))
		return NULL;
	if (!(p = aligned_alloc(PAGE, PAGE)))
		abort();
	memset(p, 0, PAGE);
	e->pages++;
	return p;
}

static void
env_page_free(void *ctx, void *p)
{
	struct env *e = ctx;

	e->pages--;
	free(p);
}

static uint64_t
env_now(void *ctx)
{
	struct env *e = ctx;

	return e->clock += 1000;
}

static void
fs_open(struct memfs *fs, struct env *e, uint64_t limit)
{
	struct memfs_env env = {
		.ctx = e, .alloc = env_alloc, .free = env_free,
		.page_alloc = env_page_alloc, .page_free = env_page_free,
		.now_ns = env_now, .limit = limit,
	};

	memset(e, 0, sizeof(*e));
	CHECK_EQ(memfs_init(fs, &env, 0755), 0);
}

/* Destroys `fs`: every allocation must have come back. */
static void
fs_close(struct memfs *fs, struct env *e)
{
	memfs_destroy(fs);
	CHECK_EQ(e->allocs, 0);
	CHECK_EQ(e->pages, 0);
}

/* ---- archives ------------------------------------------------------------ */

struct tarbuf {
	uint8_t *p;
	size_t len, cap;
};

static uint8_t *
tar_room(struct tarbuf *b, size_t n)
{
	n = (n + BLOCK - 1) / BLOCK * BLOCK;
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		if (!(b->p = realloc(b->p, b->cap)))
			abort();
	}
	memset(b->p + b->len, 0, n);
	b->len += n;
	return b->p + b->len - n;
}

/* One ustar entry: type '0' file, '1' hard link, '2' symlink, '5' dir, '6'
 * FIFO. */
/* Each entry's modification time (seconds): its own. */
#define ENTRY_TIME(name)	((size_t)1000000000 + strlen(name))
#define SEC	1000000000ull

static void
tar_put(struct tarbuf *b, const char *name, char type, const char *link,
    const void *data, size_t size)
{
	uint8_t *h = tar_room(b, BLOCK);
	unsigned sum = 0;

	memcpy(h, name, strlen(name));
	snprintf((char *)h + 100, 8, "%07o", type == '5' ? 0755 : 0644);
	memcpy(h + 108, "0000000", 8);
	memcpy(h + 116, "0000000", 8);
	snprintf((char *)h + 124, 12, "%011zo", size);
	snprintf((char *)h + 136, 12, "%011o", (unsigned)ENTRY_TIME(name));
	h[156] = (uint8_t)type;
	if (link)
		memcpy(h + 157, link, strlen(link));
	memcpy(h + 257, "ustar\0" "00", 8);
	memset(h + 148, ' ', 8);
	for (int i = 0; i < BLOCK; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	if (size)
		memcpy(tar_room(b, size), data, size);
}

static uint8_t big[3 * PAGE + 100];	/* "etc/big": its bytes */

/*
 * The test archive: dir etc/ with motd, big, a hard link to motd; bin/
 * with a symlink; a FIFO; an empty directory.
 */
static uint8_t *
test_archive(size_t *len)
{
	struct tarbuf b = { 0 };
	uint8_t *img;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7 + i / PAGE);
	tar_put(&b, "etc/", '5', NULL, NULL, 0);
	tar_put(&b, "etc/motd", '0', NULL, "hello\n", 6);
	tar_put(&b, "etc/big", '0', NULL, big, sizeof(big));
	tar_put(&b, "etc/again", '1', "etc/motd", NULL, 0);
	tar_put(&b, "bin/motd", '2', "../etc/motd", NULL, 0);
	tar_put(&b, "fifo", '6', NULL, NULL, 0);
	tar_put(&b, "empty/", '5', NULL, NULL, 0);
	tar_room(&b, 2 * BLOCK);
	img = test_copy(b.p, b.len);
	*len = b.len;
	free(b.p);
	return img;
}

/* The tar index lives in one static block, reset for each archive. */
static _Alignas(16) uint8_t tar_arena[1 << 20];
static size_t tar_used;

static void *
arena_alloc(void *ctx, size_t size)
{
	void *p;

	(void)ctx;
	size = (size + 15) & ~(size_t)15;
	if (size > sizeof(tar_arena) - tar_used)
		return NULL;
	p = tar_arena + tar_used;
	tar_used += size;
	memset(p, 0, size);
	return p;
}

static int
index_tar(const uint8_t *img, size_t len, struct tar_fs *tar)
{
	tar_used = 0;
	return tar_index(img, len, arena_alloc, NULL, tar);
}

/* ---- helpers ----------------------------------------------------------- */

#define N(s)	(s), strlen(s)

static struct mnode *
get(struct mnode *dir, const char *name)
{
	struct mnode *n = NULL;

	return memfs_lookup(dir, N(name), &n) == 0 ? n : NULL;
}

/* The names in `dir`, in readdir order, as "a b c". */
static const char *
listing(struct mnode *dir)
{
	static char buf[4096];
	struct memfs_dirent d;
	uint64_t c = 0;
	size_t l = 0;

	buf[0] = '\0';
	while (memfs_readdir(dir, c, &d) == 1 && l + d.name_len + 2 < sizeof(buf)) {
		if (l)
			buf[l++] = ' ';
		memcpy(buf + l, d.name, d.name_len);
		l += d.name_len;
		buf[l] = '\0';
		c = d.next;
	}
	return buf;
}

static int
inside(const void *p, const uint8_t *img, size_t len)
{
	const uint8_t *b = p;

	return b >= img && b < img + len;
}

static uint64_t
used(const struct memfs *fs)
{
	struct memfs_usage u;

	memfs_usage(fs, &u);
	return u.bytes;
}

static uint64_t
pages(const struct memfs *fs)
{
	struct memfs_usage u;

	memfs_usage(fs, &u);
	return u.pages;
}

/* A file of `n` bytes of `c`; its node. */
static struct mnode *
mkfile(struct mnode *dir, const char *name, int c, size_t n)
{
	struct mnode *f = NULL;
	uint8_t *buf = malloc(n ? n : 1);

	memset(buf, c, n);
	if (CHECK_EQ(memfs_create(dir, N(name), MNODE_FILE, 0644, &f), 0) && n)
		CHECK_EQ(memfs_write(f, 0, buf, n), n);
	free(buf);
	return f;
}

/* ---- seeding --------------------------------------------------------------- */

void
test_memfs_seed(void)
{
	struct memfs fs;
	struct env e;
	struct tar_fs tar;
	struct memfs_seed_stats st;
	struct memfs_usage u;
	struct memfs_dirent d;
	size_t len, n;
	uint8_t *img = test_archive(&len);
	struct mnode *etc, *motd, *again, *bigf, *link, *fifo;
	const uint8_t *p;
	const char *t;

	CHECK_EQ(index_tar(img, len, &tar), 0);
	fs_open(&fs, &e, 1 << 20);
	CHECK_EQ(memfs_seed_tar(&fs, &tar, &st), 0);
	CHECK_STREQ(listing(fs.root), "etc bin fifo empty");
	etc = get(fs.root, "etc");
	CHECK_STREQ(listing(etc), "motd big again");
	motd = get(etc, "motd");
	again = get(etc, "again");
	bigf = get(etc, "big");
	link = get(get(fs.root, "bin"), "motd");
	fifo = get(fs.root, "fifo");
	if (!CHECK(motd && again && bigf && link && fifo && etc))
		goto out;
	/* One node for the hard link, two names. */
	CHECK(motd == again);
	CHECK_EQ(motd->nlink, 2);
	CHECK_EQ(st.hardlinks, 1);
	CHECK_EQ(st.names, 8);
	CHECK_EQ(st.nodes, 7);
	CHECK_EQ(st.skipped, 0);
	CHECK_EQ(etc->type, MNODE_DIR);
	CHECK_EQ(etc->nlink, 2);
	/* The archive's times; the directory it only implies (bin) and every
	 * change time are the boot's. */
	CHECK_EQ(motd->mtime, ENTRY_TIME("etc/motd") * SEC);
	CHECK_EQ(motd->atime, motd->mtime);
	CHECK_EQ(etc->mtime, ENTRY_TIME("etc/") * SEC);
	CHECK_EQ(link->mtime, ENTRY_TIME("bin/motd") * SEC);
	CHECK(get(fs.root, "bin")->mtime < SEC);
	CHECK(motd->ctime < SEC);
	CHECK_EQ(fs.root->nlink, 5);	/* etc, bin, empty */
	CHECK_EQ(fifo->type, MNODE_FIFO);
	CHECK_EQ(bigf->size, sizeof(big));
	/* Nothing copied: data, names and targets lie in the image. */
	CHECK_EQ(memfs_map_read(bigf, 0, &p, &n), 0);
	CHECK(inside(p, img, len));
	CHECK_EQ(n, PAGE);
	CHECK_EQ(memfs_map_read(bigf, 3 * PAGE, &p, &n), 0);
	CHECK(inside(p, img, len) && memcmp(p, big + 3 * PAGE, 100) == 0);
	CHECK_EQ(n, 100);
	CHECK_EQ(memfs_readdir(etc, 0, &d), 1);
	CHECK(inside(d.name, img, len));
	CHECK_EQ(memfs_readlink(link, &t, &n), 0);
	CHECK(inside(t, img, len) && n == 11 && memcmp(t, "../etc/motd", 11) == 0);
	CHECK_EQ(link->size, 11);
	memfs_usage(&fs, &u);
	CHECK_EQ(u.pages, 0);
	CHECK_EQ(u.bytes, sizeof(struct mnode) + st.bytes);	/* and the root */
	CHECK_EQ(u.nodes, 8);		/* and the root */
	/* Only nodes and entries are allocated; the hard-link table is gone. */
	CHECK_EQ(e.allocs, 8 + 8);
	CHECK_EQ(e.pages, 0);
	/* A second seed is refused. */
	CHECK_EQ(memfs_seed_tar(&fs, &tar, NULL), NX_EEXIST);
out:
	fs_close(&fs, &e);
	free(img);
}

/* The build's root archive: how much seeding it costs. */
void
test_memfs_seed_initrd(void)
{
	char path[512];
	size_t len, files = 0;
	uint8_t *img;
	struct tar_fs tar;
	struct memfs fs;
	struct env e;
	struct memfs_seed_stats st;
	long allocs;

	test_path(path, sizeof(path), test_builddir, "initrd.tar");
	if (!CHECK((img = test_read_file(path, &len)) != NULL))
		return;
	CHECK_EQ(index_tar(img, len, &tar), 0);
	fs_open(&fs, &e, 64 << 20);
	CHECK_EQ(memfs_seed_tar(&fs, &tar, &st), 0);
	CHECK_EQ(st.nodes, tar.nodes - 1);	/* the root was there */
	for (struct mnode *n = fs.all; n; n = n->all_next)
		files += n->type == MNODE_FILE;
	CHECK(files > 3);
	CHECK_EQ(e.pages, 0);
	allocs = e.allocs;
	fs_close(&fs, &e);
	free(img);
	/* Shown on the test's line. */
	test_note("default archive: %zu KiB, %llu nodes, %llu names, "
	    "%llu bytes charged, %ld allocations, 0 pages", len / 1024,
	    (unsigned long long)st.nodes, (unsigned long long)st.names,
	    (unsigned long long)st.bytes, allocs);
}

/* Space and memory run out while seeding: nothing is left. */
void
test_memfs_seed_fail(void)
{
	size_t len;
	uint8_t *img = test_archive(&len);
	struct tar_fs tar;
	struct memfs_seed_stats st;
	struct memfs fs;
	struct env e;
	uint64_t base, full;

	CHECK_EQ(index_tar(img, len, &tar), 0);
	fs_open(&fs, &e, 1 << 20);
	base = used(&fs);
	CHECK_EQ(memfs_seed_tar(&fs, &tar, &st), 0);
	full = base + st.bytes;
	fs_close(&fs, &e);
	for (uint64_t lim = base; lim < full; lim += 8) {
		fs_open(&fs, &e, lim);
		test_note("limit %llu", (unsigned long long)lim);
		CHECK_EQ(memfs_seed_tar(&fs, &tar, NULL), NX_ENOSPC);
		CHECK_EQ(used(&fs), base);
		CHECK_STREQ(listing(fs.root), "");
		CHECK_EQ(e.allocs, 1);
		fs_close(&fs, &e);
	}
	for (long k = 1; k < 40; k++) {
		int rc;

		fs_open(&fs, &e, 1 << 20);
		e.fail_at = k;
		rc = memfs_seed_tar(&fs, &tar, NULL);
		test_note("allocation %ld fails", k);
		CHECK(rc == NX_ENOMEM || (rc == 0 && k > e.calls));
		if (rc)
			CHECK_EQ(used(&fs), base);
		fs_close(&fs, &e);
	}
	free(img);
}

/* The first write of a page copies the archive's bytes of that page only. */
void
test_memfs_copy_on_write(void)
{
	size_t len, n;
	uint8_t *img = test_archive(&len), *w;
	uint8_t buf[sizeof(big) + 10];
	struct tar_fs tar;
	struct memfs fs;
	struct env e;
	struct mnode *bigf, *motd, *again;
	const uint8_t *p;
	uint64_t before;

	CHECK_EQ(index_tar(img, len, &tar), 0);
	fs_open(&fs, &e, 1 << 20);
	CHECK_EQ(memfs_seed_tar(&fs, &tar, NULL), 0);
	bigf = get(get(fs.root, "etc"), "big");
	motd = get(get(fs.root, "etc"), "motd");
	again = get(get(fs.root, "etc"), "again");
	if (!CHECK(bigf && motd && again))
		goto out;
	before = used(&fs);
	CHECK_EQ(memfs_write(bigf, PAGE + 5, "XY", 2), 2);
	/* Index, leaf, and the one data page. */
	CHECK_EQ(pages(&fs), 3);
	CHECK_EQ(used(&fs), before + 3 * PAGE);
	CHECK_EQ(memfs_map_read(bigf, PAGE, &p, &n), 0);
	CHECK(!inside(p, img, len));
	CHECK_EQ(memfs_map_read(bigf, 0, &p, &n), 0);
	CHECK(inside(p, img, len));
	CHECK_EQ(memfs_map_read(bigf, 2 * PAGE, &p, &n), 0);
	CHECK(inside(p, img, len));
	/* The image is untouched, the file reads the change. */
	CHECK(memcmp(img + (size_t)(p - img) - PAGE, big + PAGE, PAGE) == 0);
	big[PAGE + 5] = 'X';
	big[PAGE + 6] = 'Y';
	CHECK_EQ(memfs_read(bigf, 0, buf, sizeof(buf)), sizeof(big));
	CHECK(memcmp(buf, big, sizeof(big)) == 0);
	/* map_write on a seeded page copies it; the hard link sees writes. */
	CHECK_EQ(memfs_map_write(motd, 1, &w, &n), 0);
	CHECK_EQ(n, PAGE - 1);
	CHECK(memcmp(w - 1, "hello\n", 6) == 0);
	w[0] = 'E';
	memfs_write_end(motd, 1, 1);
	CHECK_EQ(memfs_read(again, 0, buf, sizeof(buf)), 6);
	CHECK(memcmp(buf, "hEllo\n", 6) == 0);
	CHECK_EQ(motd->size, 6);
out:
	fs_close(&fs, &e);
	free(img);
}

/* Truncating an archive file copies nothing; what it cut reads as zeros. */
void
test_memfs_truncate_seeded(void)
{
	size_t len;
	uint8_t *img = test_archive(&len);
	uint8_t buf[sizeof(big)];
	struct tar_fs tar;
	struct memfs fs;
	struct env e;
	struct mnode *bigf;

	CHECK_EQ(index_tar(img, len, &tar), 0);
	fs_open(&fs, &e, 1 << 20);
	CHECK_EQ(memfs_seed_tar(&fs, &tar, NULL), 0);
	if (!CHECK((bigf = get(get(fs.root, "etc"), "big")) != NULL))
		goto out;
	CHECK_EQ(memfs_truncate(bigf, 10), 0);
	CHECK_EQ(memfs_truncate(bigf, sizeof(big)), 0);
	CHECK_EQ(pages(&fs), 0);
	CHECK_EQ(memfs_read(bigf, 0, buf, sizeof(buf)), sizeof(big));
	CHECK(memcmp(buf, big, 10) == 0);
	for (size_t i = 10; i < sizeof(big); i++) {
		if (!CHECK_EQ(buf[i], 0))
			break;
	}
	/* A page written after the cut holds zeros past it too. */
	CHECK_EQ(memfs_write(bigf, 3, "!", 1), 1);
	CHECK_EQ(memfs_read(bigf, 0, buf, 20), 20);
	CHECK(memcmp(buf, big, 3) == 0 && buf[3] == '!' && buf[11] == 0);
out:
	fs_close(&fs, &e);
	free(img);
}

/* The program cache's key: the bytes' place in the image while they are
 * exactly the archive's, shared by hard links; none once written or
 * resized (even back to the same size), none for a new file. */
void
test_memfs_cache_key(void)
{
	size_t len;
	uint8_t *img = test_archive(&len);
	struct tar_fs tar;
	struct memfs fs;
	struct env e;
	struct mnode *bigf, *motd, *again, *f;
	const void *key;

	CHECK_EQ(index_tar(img, len, &tar), 0);
	fs_open(&fs, &e, 1 << 20);
	CHECK_EQ(memfs_seed_tar(&fs, &tar, NULL), 0);
	bigf = get(get(fs.root, "etc"), "big");
	motd = get(get(fs.root, "etc"), "motd");
	again = get(get(fs.root, "etc"), "again");
	if (!CHECK(bigf && motd && again))
		goto out;
	key = memfs_cache_key(bigf);
	CHECK(key != NULL && inside(key, img, len));
	CHECK(memfs_cache_key(motd) == memfs_cache_key(again));
	CHECK(memfs_cache_key(get(fs.root, "etc")) == NULL);
	/* A write of the same bytes still detaches the file. */
	CHECK_EQ(memfs_write(motd, 0, "h", 1), 1);
	CHECK(memfs_cache_key(motd) == NULL && memfs_cache_key(again) == NULL);
	/* So does a truncation, even one that ends where it began. */
	CHECK_EQ(memfs_truncate(bigf, 10), 0);
	CHECK_EQ(memfs_truncate(bigf, sizeof(big)), 0);
	CHECK(memfs_cache_key(bigf) == NULL);
	f = mkfile(fs.root, "new", 'a', 10);
	CHECK(f && memfs_cache_key(f) == NULL);
out:
	fs_close(&fs, &e);
	free(img);
}

/* ---- file data ------------------------------------------------------------- */

void
test_memfs_data(void)
{
	struct memfs fs;
	struct env e;
	struct mnode *f, *d;
	uint8_t buf[3 * PAGE], *w;
	const uint8_t *p;
	size_t n;

	fs_open(&fs, &e, 256 << 20);
	f = mkfile(fs.root, "f", 'a', 10);
	CHECK_EQ(memfs_mkdir(fs.root, N("d"), 0755, &d), 0);
	/* Past the end: nothing; a hole between reads as zeros. */
	CHECK_EQ(memfs_read(f, 10, buf, 5), 0);
	CHECK_EQ(memfs_read(f, 1000, buf, 5), 0);
	CHECK_EQ(memfs_write(f, 2 * PAGE, "z", 1), 1);
	CHECK_EQ(f->size, 2 * PAGE + 1);
	CHECK_EQ(pages(&fs), 4);	/* pages 0 and 2, leaf, index */
	CHECK_EQ(memfs_map_read(f, PAGE + 7, &p, &n), 0);
	CHECK(p == NULL && n == PAGE - 7);
	memset(buf, 0xee, sizeof(buf));
	CHECK_EQ(memfs_read(f, 0, buf, sizeof(buf)), 2 * PAGE + 1);
	CHECK(buf[9] == 'a' && buf[10] == 0 && buf[PAGE] == 0 &&
	    buf[2 * PAGE] == 'z' && buf[2 * PAGE + 1] == 0xee);
	/* A write across pages. */
	memset(buf, 'q', sizeof(buf));
	CHECK_EQ(memfs_write(f, PAGE - 3, buf, PAGE + 6), PAGE + 6);
	CHECK_EQ(memfs_read(f, PAGE - 4, buf, 8), 8);
	CHECK(memcmp(buf, "\0qqqqqqq", 8) == 0);
	/* Shrink frees whole pages and zeroes the last one's tail. */
	CHECK_EQ(memfs_truncate(f, PAGE + 1), 0);
	CHECK_EQ(pages(&fs), 4);	/* pages 0 and 1 */
	CHECK_EQ(memfs_truncate(f, PAGE), 0);
	CHECK_EQ(pages(&fs), 3);
	CHECK_EQ(memfs_truncate(f, 5), 0);
	CHECK_EQ(memfs_truncate(f, PAGE + 10), 0);
	CHECK_EQ(memfs_read(f, 0, buf, 16), 16);
	CHECK(memcmp(buf, "aaaaa\0\0\0", 8) == 0);
	CHECK_EQ(memfs_map_write(f, 2, &w, &n), 0);
	CHECK(w[3] == 0 && w[2] == 'a');
	CHECK_EQ(memfs_truncate(f, 0), 0);
	CHECK_EQ(pages(&fs), 0);
	/* 64 MiB, sparse: the last byte; the second leaf. */
	CHECK_EQ(memfs_write(f, (64 << 20) - 1, "e", 1), 1);
	CHECK_EQ(f->size, 64 << 20);
	CHECK_EQ(pages(&fs), 3);
	CHECK_EQ(memfs_read(f, (64 << 20) - 2, buf, 4), 2);
	CHECK(buf[0] == 0 && buf[1] == 'e');
	/* The largest file, and past it. */
	CHECK_EQ(memfs_write(f, MEMFS_FILE_MAX - 1, "ab", 2), 1);
	CHECK_EQ(f->size, MEMFS_FILE_MAX);
	CHECK_EQ(memfs_write(f, MEMFS_FILE_MAX, "a", 1), NX_EFBIG);
	CHECK_EQ(memfs_map_write(f, MEMFS_FILE_MAX, &w, &n), NX_EFBIG);
	CHECK_EQ(memfs_truncate(f, MEMFS_FILE_MAX + 1), NX_EFBIG);
	CHECK_EQ(memfs_write(f, 0, "", 0), 0);
	/* Not files. */
	CHECK_EQ(memfs_read(d, 0, buf, 1), NX_EISDIR);
	CHECK_EQ(memfs_write(d, 0, buf, 1), NX_EISDIR);
	CHECK_EQ(memfs_truncate(d, 0), NX_EISDIR);
	CHECK_EQ(memfs_map_read(d, 0, &p, &n), NX_EISDIR);
	CHECK_EQ(memfs_create(fs.root, N("p"), MNODE_FIFO, 0600, &d), 0);
	CHECK_EQ(memfs_read(d, 0, buf, 1), NX_EINVAL);
	CHECK_EQ(memfs_write(d, 0, buf, 1), NX_EINVAL);
	CHECK_EQ(memfs_truncate(d, 0), NX_EINVAL);
	CHECK_EQ(memfs_map_write(d, 0, &w, &n), NX_EINVAL);
	fs_close(&fs, &e);
}

/* A shared mapping's page is the file's own: stores through it are the
 * file's bytes; a page past the end is refused; what a mapping stored
 * past the end reads as zeros once the file grows over it. */
void
test_memfs_map_page(void)
{
	struct memfs fs;
	struct env e;
	struct mnode *f, *d;
	uint8_t buf[8], *pg, *hole;
	void *v;

	fs_open(&fs, &e, 256 << 20);
	f = mkfile(fs.root, "f", 'a', 10);
	CHECK_EQ(memfs_mkdir(fs.root, N("d"), 0755, &d), 0);
	CHECK_EQ(memfs_map_page(f, 0, &v), 0);
	pg = v;
	CHECK(pg[0] == 'a' && pg[10] == 0);
	CHECK_EQ(memfs_map_page(f, 1, &v), NX_ENXIO);
	pg[3] = 'M';
	CHECK_EQ(memfs_read(f, 3, buf, 1), 1);
	CHECK(buf[0] == 'M');
	/* Past the end: growing uncovers zeros, not the mapping's stores. */
	pg[20] = 'X';
	CHECK_EQ(memfs_truncate(f, 30), 0);
	CHECK_EQ(memfs_read(f, 20, buf, 1), 1);
	CHECK(buf[0] == 0);
	pg[40] = 'Y';
	pg[60] = 'Z';
	CHECK_EQ(memfs_write(f, 50, "w", 1), 1);
	CHECK_EQ(memfs_read(f, 40, buf, 1), 1);
	CHECK(buf[0] == 0);
	CHECK_EQ(memfs_write(f, 55, "abcdefgh", 8), 8);
	CHECK_EQ(memfs_read(f, 60, buf, 1), 1);
	CHECK(buf[0] == 'f');
	/* A hole below the end becomes a zeroed page of the file. */
	CHECK_EQ(memfs_truncate(f, 3 * PAGE), 0);
	CHECK_EQ(pages(&fs), 3);
	CHECK_EQ(memfs_map_page(f, 2, &v), 0);
	hole = v;
	CHECK(hole[0] == 0 && hole[PAGE - 1] == 0);
	CHECK_EQ(pages(&fs), 4);
	hole[7] = 'h';
	CHECK_EQ(memfs_read(f, 2 * PAGE + 7, buf, 1), 1);
	CHECK(buf[0] == 'h');
	CHECK_EQ(memfs_map_page(d, 0, &v), NX_EISDIR);
	fs_close(&fs, &e);
}

/* ---- space ------------------------------------------------------------------- */

void
test_memfs_enospc(void)
{
	struct memfs fs;
	struct env e;
	struct mnode *f, *g;
	static uint8_t buf[8 * PAGE];
	uint64_t base, limit;

	/* Room for the root, two files, their names, and 6 pages. */
	limit = 3 * sizeof(struct mnode) + 2 * (sizeof(struct mdirent) + 1) +
	    6 * PAGE;
	fs_open(&fs, &e, limit);
	base = used(&fs);
	f = mkfile(fs.root, "f", 0, 0);
	g = mkfile(fs.root, "g", 0, 0);
	/* Index, leaf, 4 data pages fit: a short write, then ENOSPC. */
	memset(buf, 'w', sizeof(buf));
	CHECK_EQ(memfs_write(f, 0, buf, sizeof(buf)), 4 * PAGE);
	CHECK_EQ(f->size, 4 * PAGE);
	CHECK_EQ(used(&fs), limit);
	CHECK_EQ(memfs_write(f, 4 * PAGE, buf, 1), NX_ENOSPC);
	CHECK_EQ(memfs_write(g, 0, buf, 1), NX_ENOSPC);
	CHECK_EQ(f->size, 4 * PAGE);
	CHECK_EQ(g->size, 0);
	/* A page already there takes writes. */
	CHECK_EQ(memfs_write(f, 5, "hi", 2), 2);
	/* No entry is half made. */
	CHECK_EQ(memfs_create(fs.root, N("h"), MNODE_FILE, 0644, NULL),
	    NX_ENOSPC);
	CHECK_EQ(memfs_mkdir(fs.root, N("h"), 0755, NULL), NX_ENOSPC);
	CHECK_EQ(memfs_symlink(fs.root, N("h"), N("f"), NULL), NX_ENOSPC);
	CHECK_EQ(memfs_link(fs.root, N("h"), f), NX_ENOSPC);
	CHECK_STREQ(listing(fs.root), "f g");
	CHECK_EQ(f->nlink, 1);
	/* A full file system still renames (the name's charge moves). */
	CHECK_EQ(memfs_rename(fs.root, N("g"), fs.root, N("h")), 0);
	CHECK_STREQ(listing(fs.root), "f h");
	/* Freeing makes room; removing everything gives it all back. */
	CHECK_EQ(memfs_truncate(f, 0), 0);
	CHECK_EQ(memfs_write(get(fs.root, "h"), 0, buf, 4 * PAGE), 4 * PAGE);
	CHECK_EQ(memfs_unlink(fs.root, N("f")), 0);
	CHECK_EQ(memfs_unlink(fs.root, N("h")), 0);
	CHECK_EQ(used(&fs), base);
	CHECK_EQ(pages(&fs), 0);
	CHECK_EQ(e.allocs, 1);
	fs_close(&fs, &e);
}

/* Every allocation of every operation fails once: an error, nothing
 * changed, nothing lost. */
void
test_memfs_enomem(void)
{
	for (int op = 0; op < 7; op++) {
		for (long k = 1; k < 6; k++) {
			struct memfs fs;
			struct env e;
			struct mnode *f;
			uint64_t before;
			long allocs;
			int rc = 0;

			fs_open(&fs, &e, 1 << 20);
			f = mkfile(fs.root, "f", 'x', 10);
			before = used(&fs);
			allocs = e.allocs;
			e.fail_at = k;
			switch (op) {
			case 0: rc = memfs_create(fs.root, N("n"), MNODE_FILE, 0, NULL); break;
			case 1: rc = memfs_mkdir(fs.root, N("n"), 0, NULL); break;
			case 2: rc = memfs_symlink(fs.root, N("n"), N("t"), NULL); break;
			case 3: rc = memfs_link(fs.root, N("n"), f); break;
			case 4: rc = memfs_rename(fs.root, N("f"), fs.root, N("n")); break;
			case 5: rc = (int)memfs_write(f, 3 * PAGE, "a", 1); break;
			case 6: rc = (int)memfs_write(f, 600 * PAGE, "a", 1); break;
			}
			test_note("op %d, allocation %ld fails", op, k);
			if (k > e.calls) {
				CHECK(rc >= 0);
			} else if (CHECK_EQ(rc, NX_ENOMEM)) {
				CHECK_EQ(used(&fs), before);
				CHECK_EQ(e.allocs, allocs);
				CHECK_STREQ(listing(fs.root), "f");
				CHECK_EQ(f->size, 10);
				CHECK_EQ(f->nlink, 1);
			}
			fs_close(&fs, &e);
		}
	}
}

/* ---- names ------------------------------------------------------------------ */

void
test_memfs_names(void)
{
	struct memfs fs;
	struct env e;
	struct mnode *f, *d, *n = NULL;
	char name[300];

	fs_open(&fs, &e, 1 << 20);
	f = mkfile(fs.root, "f", 'x', 3);
	CHECK_EQ(memfs_mkdir(fs.root, N("d"), 0750, &d), 0);
	CHECK_EQ(d->mode, 0750);
	CHECK_EQ(fs.root->nlink, 3);
	/* Exclusive. */
	CHECK_EQ(memfs_create(fs.root, N("f"), MNODE_FILE, 0644, NULL), NX_EEXIST);
	CHECK_EQ(memfs_mkdir(fs.root, N("f"), 0755, NULL), NX_EEXIST);
	CHECK_EQ(memfs_symlink(fs.root, N("d"), N("x"), NULL), NX_EEXIST);
	CHECK_EQ(memfs_link(fs.root, N("d"), f), NX_EEXIST);
	/* Bad names, with the length checked first. */
	memset(name, 'n', sizeof(name));
	CHECK_EQ(memfs_create(fs.root, name, 255, MNODE_FILE, 0, NULL), 0);
	CHECK_EQ(memfs_lookup(fs.root, name, 255, &n), 0);
	CHECK_EQ(memfs_create(fs.root, name, 256, MNODE_FILE, 0, NULL), NX_ENAMETOOLONG);
	CHECK_EQ(memfs_lookup(fs.root, name, 256, &n), NX_ENAMETOOLONG);
	CHECK_EQ(memfs_create(fs.root, "a/b", 3, MNODE_FILE, 0, NULL), NX_EINVAL);
	CHECK_EQ(memfs_create(fs.root, "a\0b", 3, MNODE_FILE, 0, NULL), NX_EINVAL);
	CHECK_EQ(memfs_create(fs.root, "", 0, MNODE_FILE, 0, NULL), NX_ENOENT);
	CHECK_EQ(memfs_create(fs.root, N("."), MNODE_FILE, 0, NULL), NX_EEXIST);
	CHECK_EQ(memfs_mkdir(fs.root, N(".."), 0, NULL), NX_EEXIST);
	CHECK_EQ(memfs_create(fs.root, N("s"), MNODE_SYMLINK, 0, NULL), NX_EINVAL);
	CHECK_EQ(memfs_create(fs.root, N("s"), 99, 0, NULL), NX_EINVAL);
	/* Not a directory. */
	CHECK_EQ(memfs_create(f, N("x"), MNODE_FILE, 0, NULL), NX_ENOTDIR);
	CHECK_EQ(memfs_lookup(f, N("x"), &n), NX_ENOTDIR);
	CHECK_EQ(memfs_unlink(f, N("x")), NX_ENOTDIR);
	CHECK_EQ(memfs_readdir(f, 0, NULL), NX_ENOTDIR);
	/* "." and ".." look up; ".." of the root is the root. */
	CHECK_EQ(memfs_lookup(d, N("."), &n), 0);
	CHECK(n == d);
	CHECK_EQ(memfs_lookup(d, N(".."), &n), 0);
	CHECK(n == fs.root);
	CHECK_EQ(memfs_lookup(fs.root, N(".."), &n), 0);
	CHECK(n == fs.root);
	CHECK_EQ(memfs_lookup(fs.root, N("nope"), &n), NX_ENOENT);
	/* Symbolic links. */
	CHECK_EQ(memfs_symlink(fs.root, N("s"), "", 0, NULL), NX_ENOENT);
	CHECK_EQ(memfs_symlink(fs.root, N("s"), name, MEMFS_LINK_MAX + 1, NULL),
	    NX_ENAMETOOLONG);
	CHECK_EQ(memfs_symlink(fs.root, N("s"), N("d/../f"), &n), 0);
	{
		const char *t;
		size_t tl;

		CHECK_EQ(memfs_readlink(n, &t, &tl), 0);
		CHECK(tl == 6 && memcmp(t, "d/../f", 6) == 0);
		CHECK_EQ(n->size, 6);
		CHECK_EQ(memfs_readlink(f, &t, &tl), NX_EINVAL);
	}
	/* Hard links: not directories, not nodes without a name. */
	CHECK_EQ(memfs_link(fs.root, N("l"), d), NX_EPERM);
	CHECK_EQ(memfs_link(d, N("l"), f), 0);
	CHECK_EQ(f->nlink, 2);
	CHECK(get(d, "l") == f);
	/* Devices and FIFOs. */
	CHECK_EQ(memfs_create(d, N("null"), MNODE_CHARDEV, 0666, &n), 0);
	{
		struct memfs_attr a = { .mask = MEMFS_SET_RDEV, .rdev = 0x103 };

		CHECK_EQ(memfs_setattr(n, &a), 0);
		CHECK_EQ(n->rdev, 0x103);
		CHECK_EQ(n->type, MNODE_CHARDEV);
	}
	CHECK_STREQ(listing(d), "l null");
	fs_close(&fs, &e);
}

void
test_memfs_unlink_rmdir(void)
{
	struct memfs fs;
	struct env e;
	struct mnode *f, *d, *sub;
	uint64_t base;

	fs_open(&fs, &e, 1 << 20);
	base = used(&fs);
	f = mkfile(fs.root, "f", 'x', 3);
	CHECK_EQ(memfs_mkdir(fs.root, N("d"), 0755, &d), 0);
	CHECK_EQ(memfs_mkdir(d, N("sub"), 0755, &sub), 0);
	CHECK_EQ(d->nlink, 3);
	CHECK_EQ(memfs_unlink(fs.root, N("d")), NX_EISDIR);
	CHECK_EQ(memfs_unlink(fs.root, N(".")), NX_EISDIR);
	CHECK_EQ(memfs_unlink(fs.root, N("..")), NX_EISDIR);
	CHECK_EQ(memfs_unlink(fs.root, N("nope")), NX_ENOENT);
	CHECK_EQ(memfs_rmdir(fs.root, N("f")), NX_ENOTDIR);
	CHECK_EQ(memfs_rmdir(fs.root, N("d")), NX_ENOTEMPTY);
	CHECK_EQ(memfs_rmdir(d, N(".")), NX_EINVAL);
	CHECK_EQ(memfs_rmdir(d, N("..")), NX_ENOTEMPTY);
	CHECK_EQ(memfs_rmdir(fs.root, N("nope")), NX_ENOENT);
	CHECK_STREQ(listing(fs.root), "f d");
	/* A removed directory that is still held takes no new names. */
	memfs_hold(sub);
	CHECK_EQ(memfs_rmdir(d, N("sub")), 0);
	CHECK_EQ(d->nlink, 2);
	CHECK_EQ(sub->nlink, 0);
	CHECK_EQ(memfs_create(sub, N("x"), MNODE_FILE, 0, NULL), NX_ENOENT);
	CHECK_EQ(memfs_mkdir(sub, N("x"), 0, NULL), NX_ENOENT);
	CHECK_EQ(memfs_lookup(sub, N("x"), &f), NX_ENOENT);
	memfs_release(sub);
	CHECK_EQ(memfs_rmdir(fs.root, N("d")), 0);
	CHECK_EQ(memfs_unlink(fs.root, N("f")), 0);
	CHECK_EQ(fs.root->nlink, 2);
	CHECK_STREQ(listing(fs.root), "");
	CHECK_EQ(used(&fs), base);
	CHECK_EQ(e.allocs, 1);
	fs_close(&fs, &e);
}

/* POSIX unlink: a held file lives until its last release. */
void
test_memfs_unlink_open(void)
{
	struct memfs fs;
	struct env e;
	struct mnode *f;
	uint8_t buf[8];
	uint64_t base;

	fs_open(&fs, &e, 1 << 20);
	base = used(&fs);
	f = mkfile(fs.root, "f", 'x', 3 * PAGE);
	memfs_hold(f);
	memfs_hold(f);
	CHECK_EQ(memfs_unlink(fs.root, N("f")), 0);
	CHECK_EQ(f->nlink, 0);
	CHECK_EQ(memfs_lookup(fs.root, N("f"), &f), NX_ENOENT);
	CHECK_EQ(memfs_link(fs.root, N("g"), f), NX_ENOENT);
	CHECK_EQ(memfs_write(f, 3 * PAGE, "yz", 2), 2);
	CHECK_EQ(memfs_read(f, 3 * PAGE - 1, buf, 8), 3);
	CHECK(memcmp(buf, "xyz", 3) == 0);
	CHECK_EQ(pages(&fs), 6);
	memfs_release(f);
	CHECK_EQ(pages(&fs), 6);
	CHECK_EQ(memfs_read(f, 0, buf, 1), 1);
	memfs_release(f);
	CHECK_EQ(pages(&fs), 0);
	CHECK_EQ(used(&fs), base);
	CHECK_EQ(e.allocs, 1);
	CHECK_EQ(e.pages, 0);
	/* A name given back by rename's replacement: the same. */
	f = mkfile(fs.root, "f", 'x', 10);
	mkfile(fs.root, "g", 'y', 10);
	memfs_hold(f);
	CHECK_EQ(memfs_rename(fs.root, N("g"), fs.root, N("f")), 0);
	CHECK_EQ(f->nlink, 0);
	CHECK_EQ(memfs_read(f, 0, buf, 1), 1);
	CHECK_EQ(buf[0], 'x');
	memfs_release(f);
	CHECK_EQ(memfs_unlink(fs.root, N("f")), 0);
	CHECK_EQ(used(&fs), base);
	fs_close(&fs, &e);
}

void
test_memfs_rename(void)
{
	struct memfs fs;
	struct env e;
	struct mnode *a, *b, *c, *f, *g, *empty, *full;
	uint8_t buf[4];
	uint64_t base;

	fs_open(&fs, &e, 1 << 20);
	base = used(&fs);
	CHECK_EQ(memfs_mkdir(fs.root, N("a"), 0755, &a), 0);
	CHECK_EQ(memfs_mkdir(a, N("b"), 0755, &b), 0);
	CHECK_EQ(memfs_mkdir(b, N("c"), 0755, &c), 0);
	f = mkfile(fs.root, "f", 'f', 1);
	g = mkfile(a, "g", 'g', 1);
	CHECK_EQ(memfs_mkdir(fs.root, N("empty"), 0755, &empty), 0);
	CHECK_EQ(memfs_mkdir(fs.root, N("full"), 0755, &full), 0);
	mkfile(full, "x", 'x', 1);
	/* A directory into itself or below. */
	CHECK_EQ(memfs_rename(fs.root, N("a"), a, N("x")), NX_EINVAL);
	CHECK_EQ(memfs_rename(fs.root, N("a"), c, N("x")), NX_EINVAL);
	CHECK_EQ(memfs_rename(a, N("b"), c, N("b")), NX_EINVAL);
	/* Kinds. */
	CHECK_EQ(memfs_rename(fs.root, N("a"), fs.root, N("f")), NX_ENOTDIR);
	CHECK_EQ(memfs_rename(fs.root, N("f"), fs.root, N("a")), NX_EISDIR);
	CHECK_EQ(memfs_rename(fs.root, N("empty"), fs.root, N("full")),
	    NX_ENOTEMPTY);
	/* A directory over an ancestor of itself: not empty. */
	CHECK_EQ(memfs_rename(b, N("c"), fs.root, N("a")), NX_ENOTEMPTY);
	CHECK_EQ(memfs_rename(fs.root, N("nope"), fs.root, N("x")), NX_ENOENT);
	CHECK_EQ(memfs_rename(fs.root, N("."), fs.root, N("x")), NX_EBUSY);
	CHECK_EQ(memfs_rename(fs.root, N("f"), a, N("..")), NX_EBUSY);
	CHECK_EQ(memfs_rename(fs.root, N("f"), f, N("x")), NX_ENOTDIR);
	CHECK_EQ(memfs_rename(fs.root, N("f"), fs.root, "a/b", 3), NX_EINVAL);
	CHECK_STREQ(listing(fs.root), "a f empty full");
	CHECK_STREQ(listing(a), "b g");
	/* Eight nodes and names (15 bytes), three files of 3 pages each. */
	CHECK_EQ(used(&fs), base + 8 * sizeof(struct mnode) +
	    8 * sizeof(struct mdirent) + 15 + 9 * PAGE);
	/* Same name, and two names of one node: nothing happens. */
	CHECK_EQ(memfs_rename(fs.root, N("f"), fs.root, N("f")), 0);
	CHECK_EQ(memfs_link(a, N("f2"), f), 0);
	CHECK_EQ(memfs_rename(fs.root, N("f"), a, N("f2")), 0);
	CHECK(get(fs.root, "f") == f && get(a, "f2") == f);
	CHECK_EQ(f->nlink, 2);
	/* Replacing a file: atomic, the target's entry keeps its place. */
	CHECK_EQ(memfs_rename(fs.root, N("f"), a, N("g")), 0);
	CHECK_STREQ(listing(fs.root), "a empty full");
	CHECK_STREQ(listing(a), "b g f2");
	CHECK(get(a, "g") == f);
	CHECK_EQ(memfs_read(get(a, "g"), 0, buf, 1), 1);
	CHECK_EQ(buf[0], 'f');
	(void)g;	/* freed by the rename */
	/* A directory over an empty one, and across directories. */
	CHECK_EQ(fs.root->nlink, 5);
	CHECK_EQ(memfs_rename(fs.root, N("full"), fs.root, N("empty")), 0);
	CHECK_EQ(fs.root->nlink, 4);
	CHECK_STREQ(listing(fs.root), "a empty");
	CHECK_EQ(memfs_rename(fs.root, N("empty"), c, N("moved")), 0);
	CHECK_EQ(fs.root->nlink, 3);
	CHECK_EQ(c->nlink, 3);
	CHECK(full->u.dir.parent == c);
	CHECK_EQ(memfs_lookup(full, N(".."), &g), 0);
	CHECK(g == c);
	CHECK_STREQ(listing(full), "x");
	/* Moving up out of a subtree is fine. */
	CHECK_EQ(memfs_rename(b, N("c"), fs.root, N("c")), 0);
	CHECK_EQ(b->nlink, 2);
	CHECK_STREQ(listing(fs.root), "a c");
	/* Everything removed: all the space is back. */
	CHECK_EQ(memfs_unlink(full, N("x")), 0);
	CHECK_EQ(memfs_rmdir(c, N("moved")), 0);
	CHECK_EQ(memfs_rmdir(fs.root, N("c")), 0);
	CHECK_EQ(memfs_rmdir(a, N("b")), 0);
	CHECK_EQ(memfs_unlink(a, N("g")), 0);
	CHECK_EQ(memfs_unlink(a, N("f2")), 0);
	CHECK_EQ(memfs_rmdir(fs.root, N("a")), 0);
	CHECK_EQ(used(&fs), base);
	CHECK_EQ(e.allocs, 1);
	fs_close(&fs, &e);
}

/* Cookies: in order, from 2, stable when other entries go. */
void
test_memfs_readdir(void)
{
	struct memfs fs;
	struct env e;
	struct memfs_dirent d;
	uint64_t c3;

	fs_open(&fs, &e, 1 << 20);
	CHECK_EQ(memfs_readdir(fs.root, 0, &d), 0);
	for (int i = 0; i < 6; i++) {
		char name[2] = { (char)('a' + i), 0 };

		mkfile(fs.root, name, 'x', 0);
	}
	CHECK_EQ(memfs_readdir(fs.root, 0, &d), 1);
	CHECK_EQ(d.cookie, MEMFS_FIRST_COOKIE);
	CHECK(d.name_len == 1 && d.name[0] == 'a');
	CHECK_EQ(memfs_readdir(fs.root, d.next, &d), 1);
	CHECK(d.name[0] == 'b');
	CHECK_EQ(memfs_readdir(fs.root, d.next, &d), 1);
	c3 = d.next;		/* "d" comes next */
	CHECK_EQ(memfs_unlink(fs.root, N("a")), 0);
	CHECK_EQ(memfs_unlink(fs.root, N("c")), 0);
	mkfile(fs.root, "a", 'x', 0);
	CHECK_EQ(memfs_readdir(fs.root, c3, &d), 1);
	CHECK(d.name[0] == 'd');
	CHECK_STREQ(listing(fs.root), "b d e f a");
	/* Removing the entry a cookie names goes on at the next one. */
	CHECK_EQ(memfs_unlink(fs.root, N("d")), 0);
	CHECK_EQ(memfs_readdir(fs.root, c3, &d), 1);
	CHECK(d.name[0] == 'e');
	CHECK_EQ(memfs_readdir(fs.root, UINT64_MAX, &d), 0);
	fs_close(&fs, &e);
}

/* Times come from the clock; setattr sets what it is asked to (times,
 * mode, owner). */
void
test_memfs_times(void)
{
	struct memfs fs;
	struct env e;
	struct mnode *f;
	struct memfs_attr a = { .mask = MEMFS_SET_MODE | MEMFS_SET_MTIME,
	    .mode = 0104755, .mtime = 42 };
	uint8_t c;
	uint64_t t;

	fs_open(&fs, &e, 1 << 20);
	f = mkfile(fs.root, "f", 'x', 0);
	t = e.clock;
	CHECK(f->mtime > 0 && f->mtime == f->ctime && f->mtime < t + 1);
	CHECK_EQ(fs.root->mtime, t);
	CHECK_EQ(memfs_write(f, 0, "a", 1), 1);
	CHECK_EQ(f->mtime, e.clock);
	CHECK_EQ(memfs_read(f, 0, &c, 1), 1);
	CHECK_EQ(f->atime, e.clock);
	CHECK(f->mtime < f->atime);
	CHECK_EQ(memfs_setattr(f, &a), 0);
	CHECK_EQ(f->mode, 04755);
	CHECK_EQ(f->mtime, 42);
	CHECK_EQ(f->ctime, e.clock);
	CHECK_EQ(memfs_truncate(f, 0), 0);
	CHECK_EQ(f->mtime, e.clock);
	CHECK(f->ino != fs.root->ino && fs.root->ino == 1);
	CHECK(f->uid == 0 && f->gid == 0);
	/* Owner and group each change alone; the rest stays. */
	a = (struct memfs_attr){ .mask = MEMFS_SET_UID, .uid = 1000,
	    .gid = 7 };
	CHECK_EQ(memfs_setattr(f, &a), 0);
	CHECK(f->uid == 1000 && f->gid == 0 && f->mode == 04755);
	a = (struct memfs_attr){ .mask = MEMFS_SET_GID, .uid = 5, .gid = 60 };
	CHECK_EQ(memfs_setattr(f, &a), 0);
	CHECK(f->uid == 1000 && f->gid == 60 && f->ctime == e.clock);
	fs_close(&fs, &e);
}
