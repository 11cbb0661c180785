/*
 * core/fs/tar.c against archives written by GNU tar and by Python's tarfile
 * from a tree made here, then against damaged copies and headers built by
 * hand for the corners those tools do not produce.
 */
#define _XOPEN_SOURCE 700	/* mkdtemp, nftw */

#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nexus/abi.h"
#include "fs/tar.h"
#include "test.h"

#define BLOCK 512
#define LONGDIR "long-directory-name-one-" \
	"0123456789012345678901234567890123456789"
#define LONGSUB "long-directory-name-two-" \
	"0123456789012345678901234567890123456789"
#define LONGFILE LONGDIR "/" LONGSUB "/file-with-a-fairly-long-name.txt"

/* The tree archived by every test, relative to its source directory. */
static const char *const tree_dirs[] = {
	"dir", "dir/sub", LONGDIR, LONGDIR "/" LONGSUB,
};
static const struct {
	const char *path;
	size_t size;
} tree_files[] = {
	{ "a.txt", 11 },
	{ "empty", 0 },
	{ "dir/sub/b.bin", 1000 },
	{ "dir/block", BLOCK },
	{ "dir/two-blocks", 2 * BLOCK + 1 },
	{ LONGFILE, 77 },
};
#define NDIRS	(sizeof(tree_dirs) / sizeof(tree_dirs[0]))
#define NFILES	(sizeof(tree_files) / sizeof(tree_files[0]))

_Static_assert(sizeof(LONGFILE) - 1 > 100, "the long name needs a prefix");

/* A temporary directory holding src/ and the archives. */
struct scratch {
	char dir[64];
	char src[96];
};

/* Every file's bytes differ, so a mix-up between files shows. */
static void
file_bytes(size_t idx, uint8_t *buf, size_t size)
{
	for (size_t j = 0; j < size; j++)
		buf[j] = (uint8_t)(j * 31 + idx * 7 + 1);
}

static int
write_file(const char *path, const uint8_t *buf, size_t size)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return 0;
	ok = fwrite(buf, 1, size, f) == size;
	return fclose(f) == 0 && ok;
}

static int
make_tree(struct scratch *s)
{
	char path[512];
	uint8_t buf[4 * BLOCK];

	strcpy(s->dir, "/tmp/rumpk-host-tar-XXXXXX");
	if (!mkdtemp(s->dir)) {
		s->dir[0] = '\0';	/* nothing to remove */
		return 0;
	}
	snprintf(s->src, sizeof(s->src), "%s/src", s->dir);
	if (mkdir(s->src, 0755) != 0)
		return 0;
	for (size_t i = 0; i < NDIRS; i++) {
		snprintf(path, sizeof(path), "%s/%s", s->src, tree_dirs[i]);
		if (mkdir(path, 0755) != 0)
			return 0;
	}
	for (size_t i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", s->src,
		    tree_files[i].path);
		file_bytes(i, buf, tree_files[i].size);
		if (!write_file(path, buf, tree_files[i].size))
			return 0;
	}
	return 1;
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
remove_tree(struct scratch *s)
{
	int r;

	if (!s->dir[0])
		return;
	r = nftw(s->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	if (r != 0)
		test_note("cannot remove %s: %s", s->dir, strerror(errno));
	CHECK(r == 0);
}

/* Runs a shell command built from `fmt`; 1 if it exits with 0. */
static int
run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	int r;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	r = system(cmd);
	if (r != 0)
		test_note("command failed (%d): %s", r, cmd);
	return r == 0;
}

/* Sets up the tree and loads the archive `cmd` writes to s->dir/t.tar. */
static uint8_t *
archive(struct scratch *s, size_t *len, const char *cmd)
{
	char path[128];

	*len = 0;
	if (!CHECK(make_tree(s)))
		return NULL;
	if (!CHECK(run(cmd, s->dir, s->src)))
		return NULL;
	snprintf(path, sizeof(path), "%s/t.tar", s->dir);
	return test_read_file(path, len);
}

/* GNU tar, archiving "." so names start with "./". */
#define GNU_DOT "tar --format=ustar -cf %s/t.tar -C %s ."
/* GNU tar, names as given: a.txt comes first and is a file. */
#define GNU_LIST "tar --format=ustar -cf %s/t.tar -C %s a.txt empty dir " \
	LONGDIR
#define PY_TAR "/usr/bin/python3 -c 'import os, sys, tarfile\n" \
	"t = tarfile.open(sys.argv[1], \"w\", format=tarfile.USTAR_FORMAT)\n" \
	"for n in sorted(os.listdir(sys.argv[2])):\n" \
	"    t.add(os.path.join(sys.argv[2], n), arcname=n)\n" \
	"t.close()' %s/t.tar %s"

/* 1 if every file of the tree is found, byte for byte, under `prefix`. */
static int
finds_tree(const uint8_t *img, size_t len, const char *prefix)
{
	uint8_t want[4 * BLOCK];
	char path[512];
	int ok = 1;

	for (size_t i = 0; i < NFILES; i++) {
		struct tar_entry e;

		snprintf(path, sizeof(path), "%s%s", prefix,
		    tree_files[i].path);
		file_bytes(i, want, tree_files[i].size);
		if (tar_find(img, len, path, &e) != 0) {
			test_note("not found: %s", path);
			ok = 0;
		} else if (e.size != tree_files[i].size ||
		    memcmp(e.data, want, e.size) != 0 || e.type != '0' ||
		    strcmp(e.name, tree_files[i].path) != 0) {
			test_note("wrong entry for %s", path);
			ok = 0;
		}
	}
	return ok;
}

/* Directories, by any spelling, and missing files are not found. */
static void
check_not_found(const uint8_t *img, size_t len)
{
	static const char *const missing[] = {
		"dir", "dir/", "/dir/sub", "dir/sub/", LONGDIR, "missing",
		"a.txt/", "a.tx", "a.txtx", "dir/sub/b", "", "/",
	};
	struct tar_entry e;

	for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
		test_note("path \"%s\"", missing[i]);
		CHECK_EQ(tar_find(img, len, missing[i], &e), NX_ENOENT);
	}
}

void
test_tar_gnu(void)
{
	struct scratch s = { "", "" };
	size_t len;
	uint8_t *img = archive(&s, &len, GNU_DOT);

	if (CHECK(img != NULL)) {
		/* Stored as "./a.txt": found with and without a "/". */
		CHECK(finds_tree(img, len, ""));
		CHECK(finds_tree(img, len, "/"));
		CHECK(finds_tree(img, len, "//"));
		check_not_found(img, len);
	}
	free(img);
	remove_tree(&s);
}

void
test_tar_python(void)
{
	struct scratch s = { "", "" };
	size_t len;
	uint8_t *img = archive(&s, &len, PY_TAR);

	if (CHECK(img != NULL)) {
		CHECK(finds_tree(img, len, ""));
		CHECK(finds_tree(img, len, "/"));
		check_not_found(img, len);
	}
	free(img);
	remove_tree(&s);
}

/* GNU tar -P keeps the leading "/" in the archive; tar.c drops it. */
void
test_tar_absolute(void)
{
	struct scratch s = { "", "" };
	struct tar_entry e;
	char path[256];
	size_t len;
	uint8_t *img = archive(&s, &len,
	    "tar --format=ustar -P -cf %s/t.tar %s/a.txt");

	if (CHECK(img != NULL)) {
		CHECK_EQ(img[0], '/');
		snprintf(path, sizeof(path), "%s/a.txt", s.src);
		CHECK_EQ(tar_find(img, len, path, &e), 0);
		CHECK_EQ(tar_find(img, len, path + 1, &e), 0);
		CHECK_STREQ(e.name, path + 1);
		CHECK_EQ(e.size, 11);
	}
	free(img);
	remove_tree(&s);
}

struct tally {
	int files, dirs, other;
	const uint8_t *img;
	size_t len;
	int outside;		/* entries whose data leaves the image */
	size_t first_off;	/* header of the first entry */
	size_t second_off;	/* header of the second entry */
	char first_name[256];
};

static int
tally_visit(void *ctx, const struct tar_entry *e)
{
	struct tally *t = ctx;
	size_t hdr = (size_t)(e->data - t->img) - BLOCK;
	int n = t->files + t->dirs + t->other;

	if (e->data < t->img + BLOCK || e->data > t->img + t->len ||
	    e->size > (size_t)(t->img + t->len - e->data))
		t->outside++;
	if (n == 0) {
		t->first_off = hdr;
		strcpy(t->first_name, e->name);
	} else if (n == 1) {
		t->second_off = hdr;
	}
	if (e->type == '0')
		t->files++;
	else if (e->type == '5')
		t->dirs++;
	else
		t->other++;
	return 0;
}

static enum tar_status
tally(const uint8_t *img, size_t len, struct tally *t, size_t *bad)
{
	memset(t, 0, sizeof(*t));
	t->img = img;
	t->len = len;
	return tar_walk(img, len, tally_visit, t, bad);
}

void
test_tar_walk_count(void)
{
	static const char *const cmds[] = { GNU_DOT, GNU_LIST, PY_TAR };
	static const int extra[] = { 1, 0, 0 };	/* "./" itself */
	struct tally t;

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		struct scratch s = { "", "" };
		size_t len;
		uint8_t *img = archive(&s, &len, cmds[i]);

		if (CHECK(img != NULL)) {
			CHECK_EQ(tally(img, len, &t, NULL), TAR_END);
			CHECK_EQ(t.files, NFILES);
			CHECK_EQ(t.dirs, NDIRS + extra[i]);
			CHECK_EQ(t.other, 0);
			CHECK_EQ(t.outside, 0);
		}
		free(img);
		remove_tree(&s);
	}
}

/* Rewrites a header's checksum after a test has changed the header. */
static void
fix_checksum(uint8_t *h)
{
	unsigned sum = 0;

	memset(h + 148, ' ', 8);
	for (int i = 0; i < BLOCK; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	h[155] = ' ';
}

void
test_tar_bad_checksum(void)
{
	struct scratch s = { "", "" };
	struct tally t;
	struct tar_entry e;
	size_t len, bad = 0, second;
	uint8_t *img = archive(&s, &len, GNU_LIST);

	if (!CHECK(img != NULL))
		goto out;
	CHECK_EQ(tally(img, len, &t, NULL), TAR_END);
	CHECK_STREQ(t.first_name, "a.txt");
	second = t.second_off;
	CHECK_EQ(second, 2 * BLOCK);		/* a.txt has one data block */

	/* A changed name byte in the second header: its sum is wrong. */
	img[second] ^= 0x01;
	CHECK_EQ(tally(img, len, &t, &bad), TAR_CORRUPT);
	CHECK_EQ(bad, second);
	CHECK_EQ(t.files + t.dirs + t.other, 1);
	CHECK_EQ(tar_find(img, len, "a.txt", &e), 0);
	CHECK_EQ(e.size, 11);
	CHECK_EQ(tar_find(img, len, "dir/sub/b.bin", &e), NX_ENOENT);
	img[second] ^= 0x01;
	CHECK_EQ(tally(img, len, &t, NULL), TAR_END);

	/* A checksum field that is no number at all. */
	memcpy(img + second + 148, "12x4567", 7);
	bad = 0;
	CHECK_EQ(tally(img, len, &t, &bad), TAR_CORRUPT);
	CHECK_EQ(bad, second);

	/* The first header bad: nothing is visited. */
	img[0] ^= 0x01;
	CHECK_EQ(tally(img, len, &t, &bad), TAR_CORRUPT);
	CHECK_EQ(bad, 0);
	CHECK_EQ(t.files + t.dirs + t.other, 0);
	CHECK_EQ(tar_find(img, len, "a.txt", &e), NX_ENOENT);
out:
	free(img);
	remove_tree(&s);
}

/* Size fields that are no octal number, or too big, with a correct sum. */
void
test_tar_bad_numbers(void)
{
	static const char *const sizes[] = {
		"0000000001x",		/* not a digit */
		"00000000089",		/* not octal */
		"777777777777",		/* past the image (no NUL) */
		"\x80\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01",
					/* GNU's base-256: not supported */
	};
	struct scratch s = { "", "" };
	struct tally t;
	size_t len, bad;
	uint8_t *img = archive(&s, &len, GNU_LIST), *copy;

	if (!CHECK(img != NULL))
		goto out;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		copy = test_copy(img, len);
		memcpy(copy + 124, sizes[i], 12);
		fix_checksum(copy);
		bad = 1;
		CHECK_EQ(tally(copy, len, &t, &bad), TAR_CORRUPT);
		CHECK_EQ(bad, 0);
		free(copy);
	}
	/* Leading spaces and a trailing space are how old tars pad. */
	copy = test_copy(img, len);
	memcpy(copy + 124, "        13 ", 12);
	fix_checksum(copy);
	CHECK_EQ(tally(copy, len, &t, NULL), TAR_END);
	free(copy);
out:
	free(img);
	remove_tree(&s);
}

void
test_tar_truncated(void)
{
	struct scratch s = { "", "" };
	struct tally t;
	struct tar_entry e;
	size_t len, bad = 0, b_off = 0, wrong = 0;
	uint8_t *img = archive(&s, &len, GNU_LIST), *cut;

	if (!CHECK(img != NULL))
		goto out;
	if (!CHECK_EQ(tar_find(img, len, "dir/sub/b.bin", &e), 0))
		goto out;
	b_off = (size_t)(e.data - img) - BLOCK;

	/* b.bin's header and one of its two data blocks. */
	cut = test_copy(img, b_off + 2 * BLOCK);
	CHECK_EQ(tally(cut, b_off + 2 * BLOCK, &t, &bad), TAR_CORRUPT);
	CHECK_EQ(bad, b_off);
	CHECK_EQ(tar_find(cut, b_off + 2 * BLOCK, "a.txt", &e), 0);
	CHECK_EQ(tar_find(cut, b_off + 2 * BLOCK, "dir/sub/b.bin", &e),
	    NX_ENOENT);
	free(cut);

	/* Every length: a clean end or corrupt, never data past the cut. */
	for (size_t n = 0; n <= len; n++) {
		enum tar_status st;

		cut = test_copy(img, n);
		st = tally(cut, n, &t, NULL);
		if ((st != TAR_END && st != TAR_CORRUPT) || t.outside)
			wrong++;
		free(cut);
	}
	CHECK_EQ(wrong, 0);
out:
	free(img);
	remove_tree(&s);
}

void
test_tar_empty(void)
{
	uint8_t *zero = calloc(1, 4 * BLOCK), junk[BLOCK - 1];
	struct tally t;
	struct tar_entry e;

	CHECK_EQ(tally(zero, 0, &t, NULL), TAR_END);
	CHECK_EQ(t.files + t.dirs + t.other, 0);
	CHECK_EQ(tally(zero, 4 * BLOCK, &t, NULL), TAR_END);
	CHECK_EQ(t.files + t.dirs + t.other, 0);
	CHECK_EQ(tar_find(zero, 4 * BLOCK, "a.txt", &e), NX_ENOENT);
	CHECK_EQ(tar_find(zero, 0, "", &e), NX_ENOENT);
	/* Less than a block is no header, whatever it holds. */
	memset(junk, 'x', sizeof(junk));
	CHECK_EQ(tally(junk, sizeof(junk), &t, NULL), TAR_END);
	CHECK_EQ(t.files + t.dirs + t.other, 0);
	free(zero);
}

static int
stop_visit(void *ctx, const struct tar_entry *e)
{
	(void)e;
	return ++*(int *)ctx == 2;
}

void
test_tar_stop(void)
{
	struct scratch s = { "", "" };
	size_t len;
	int visits = 0;
	uint8_t *img = archive(&s, &len, GNU_LIST);

	if (CHECK(img != NULL)) {
		CHECK_EQ(tar_walk(img, len, stop_visit, &visits, NULL),
		    TAR_STOPPED);
		CHECK_EQ(visits, 2);
	}
	free(img);
	remove_tree(&s);
}

/* ---- hand-made archives ------------------------------------------------- */

/* A header with a correct checksum; `prefix` may be NULL, and without
 * `ustar` there is no magic (an old-style header). */
static void
header(uint8_t *h, const char *prefix, const char *name, char type,
    uint64_t size, int ustar)
{
	memset(h, 0, BLOCK);
	memcpy(h, name, strnlen(name, 100));
	memcpy(h + 100, "0000644", 7);
	memcpy(h + 108, "0000000", 7);
	memcpy(h + 116, "0000000", 7);
	snprintf((char *)h + 124, 12, "%011llo", (unsigned long long)size);
	memcpy(h + 136, "00000000000", 11);
	h[156] = (uint8_t)type;
	if (ustar)
		memcpy(h + 257, "ustar\0" "00", 8);
	if (prefix)
		memcpy(h + 345, prefix, strnlen(prefix, 155));
	fix_checksum(h);
}

/* An archive of entries with one data block each, in a snug buffer. */
struct craft {
	const char *prefix;
	const char *name;
	char type;
	int ustar;
};

static uint8_t *
build(const struct craft *c, size_t n, size_t *len)
{
	uint8_t *img;

	*len = (2 * n + 2) * BLOCK;
	img = calloc(1, *len);
	for (size_t i = 0; i < n; i++) {
		header(img + 2 * i * BLOCK, c[i].prefix, c[i].name, c[i].type,
		    5, c[i].ustar);
		snprintf((char *)img + (2 * i + 1) * BLOCK, BLOCK, "%zu",
		    10000 + i);
	}
	return img;
}

/* 1 if `path` finds entry `i` of a build() archive. */
static int
finds(const uint8_t *img, size_t len, const char *path, size_t i)
{
	struct tar_entry e;
	char want[8];

	snprintf(want, sizeof(want), "%zu", 10000 + i);
	if (tar_find(img, len, path, &e) != 0 || e.size != 5 ||
	    memcmp(e.data, want, 5) != 0) {
		test_note("\"%s\" does not find entry %zu", path, i);
		return 0;
	}
	return 1;
}

void
test_tar_crafted_names(void)
{
	static const char *const skipped[] = { "link", "hard", "fifo", "name",
	    "ignored/v7name", "x" };
	char n100[101], p154[155], p155[156], n99[100], path[300];
	const struct craft c[] = {
		{ NULL, "./x/y", '0', 1 },
		{ NULL, "/abs/z", '0', 1 },
		{ NULL, "././//w", '0', 1 },
		{ NULL, "old-style", '\0', 1 },
		{ NULL, "contig", '7', 1 },
		{ NULL, "link", '2', 1 },
		{ NULL, "hard", '1', 1 },
		{ NULL, "fifo", '6', 1 },
		{ NULL, n100, '0', 1 },			/* no NUL */
		{ "pre/fix", "name", '0', 1 },
		{ "ignored", "v7name", '0', 0 },	/* no ustar magic */
		{ p154, n100, '0', 1 },			/* 255 characters */
		{ p155, n99, '0', 1 },			/* 255 characters */
	};
	struct tar_entry e;
	size_t len;
	uint8_t *img;

	memset(n100, 'n', 100);
	n100[100] = '\0';
	memset(n99, 'm', 99);
	n99[99] = '\0';
	memset(p154, 'p', 154);
	p154[154] = '\0';
	memset(p155, 'q', 155);
	p155[155] = '\0';
	img = build(c, sizeof(c) / sizeof(c[0]), &len);
	CHECK(finds(img, len, "x/y", 0));
	CHECK(finds(img, len, "/x/y", 0));
	CHECK(finds(img, len, "abs/z", 1));
	CHECK(finds(img, len, "/abs/z", 1));
	CHECK(finds(img, len, "w", 2));
	CHECK(finds(img, len, "old-style", 3));
	CHECK(finds(img, len, "contig", 4));
	CHECK(finds(img, len, n100, 8));
	CHECK(finds(img, len, "pre/fix/name", 9));
	CHECK(finds(img, len, "v7name", 10));
	snprintf(path, sizeof(path), "%s/%s", p154, n100);
	CHECK(finds(img, len, path, 11));
	snprintf(path, sizeof(path), "/%s/%s", p155, n99);
	CHECK(finds(img, len, path, 12));

	/* Not regular files, or not by that name. */
	for (size_t i = 0; i < sizeof(skipped) / sizeof(skipped[0]); i++) {
		test_note("path \"%s\"", skipped[i]);
		CHECK_EQ(tar_find(img, len, skipped[i], &e), NX_ENOENT);
	}
	free(img);
}

/*
 * KNOWN BUG: entry_name() assembles "prefix/name" in char raw[256], but a
 * ustar header holds a prefix of up to 155 bytes and a name of up to 100,
 * both without a NUL when full: 155 + 1 + 100 = 256 characters plus the
 * NUL.  copy_field() then writes raw[256]; strcpy() into tar_entry.name[256]
 * overruns it the same way.  GNU tar and Python write such headers for a
 * 256-character path (e.g. a 155-character directory and a 100-character
 * file name).
 *
 * Input: one ustar header, prefix 155 x 'q', name 100 x 'n', type '0',
 * size 5.  ASan: stack-buffer-overflow WRITE of size 1 in copy_field().
 * Expected: the entry is found as "qqq...q/nnn...n" (or the name is
 * refused), without writing out of bounds.
 */
void
test_tar_regression_name_256(void)
{
	char n100[101], p155[156];
	struct craft c[1];
	size_t len;
	uint8_t *img;

	memset(n100, 'n', 100);
	n100[100] = '\0';
	memset(p155, 'q', 155);
	p155[155] = '\0';
	c[0] = (struct craft){ p155, n100, '0', 1 };
	img = build(c, 1, &len);
	CHECK_EQ(tar_walk(img, len, stop_visit, &(int){ 1 }, NULL),
	    TAR_STOPPED);
	free(img);
}

/*
 * KNOWN BUG (or a gap in the contract): tar_find() strips a leading "/"
 * from the path asked for, but not "./", although tar_walk() strips both
 * from the names in the archive and tar.h calls the path "absolute or
 * relative".  NipBox passes a typed path through unchanged, so
 * "./bin/hello" at its prompt is "No such file or directory".
 *
 * Input: a GNU tar archive of the test tree; tar_find("./a.txt") and
 * tar_find("/./dir/block").  Actual: NX_ENOENT.  Expected: found.
 */
void
test_tar_regression_dot_slash(void)
{
	struct scratch s = { "", "" };
	struct tar_entry e;
	size_t len;
	uint8_t *img = archive(&s, &len, GNU_DOT);

	if (CHECK(img != NULL)) {
		CHECK_EQ(tar_find(img, len, "./a.txt", &e), 0);
		CHECK_EQ(tar_find(img, len, "/./dir/block", &e), 0);
	}
	free(img);
	remove_tree(&s);
}
