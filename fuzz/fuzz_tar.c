/*
 * libFuzzer target for core/fs/tar.c.  The input is the archive image.  It
 * is indexed with an allocator that frees everything afterwards (so
 * LeakSanitizer would see a lost block), then every node of the tree is
 * checked to point into the image and to be found again by its own path,
 * and a few fixed paths are looked up.
 *
 * Nearly every mutation breaks a header checksum, which would stop the
 * scan at the first header; a custom mutator repairs the checksums of the
 * headers it can find in most mutants, so the fuzzer gets past them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nexus/abi.h"
#include "fs/tar.h"

#define BLOCK		512
#define LOOKUP_MAX	1024	/* tar_lookup's limit, with the NUL */
#define MAX_DEPTH	(LOOKUP_MAX / 2)	/* deeper paths are too long */

#ifndef NO_LIBFUZZER
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max);
#endif

/* ---- an allocator that lets go of everything ------------------------ */

struct arena {
	void **blk;
	size_t n, cap;
};

static void *
arena_alloc(void *ctx, size_t size)
{
	struct arena *a = ctx;
	void *p;

	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 64;
		void **blk = realloc(a->blk, cap * sizeof(*blk));

		if (!blk)
			abort();
		a->blk = blk;
		a->cap = cap;
	}
	/* Exactly sized, so ASan sees a node overrun. */
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
}

/* ---- checks ----------------------------------------------------------- */

struct image {
	const uint8_t *p;
	size_t len;
};

/* `n` bytes at `q` lie inside the image. */
static int
inside(const struct image *img, const void *q, uint64_t n)
{
	const uint8_t *b = q;

	return b >= img->p && b <= img->p + img->len &&
	    n <= (uint64_t)(img->p + img->len - b);
}

/* What the VFS will read through a node lies in the image. */
static void
check_pointers(const struct image *img, const struct tar_node *n)
{
	if (n->name_len && !inside(img, n->name, n->name_len))
		abort();
	if (n->type == TAR_FILE && n->size && !inside(img, n->data, n->size))
		abort();
	if (n->link_len && !inside(img, n->link, n->link_len))
		abort();
	if (n->type < TAR_FILE || n->type > TAR_OTHER)
		abort();
}

/* The length of the path tar_path() writes ("/" for the root). */
static size_t
path_len(const struct tar_node *n)
{
	size_t l = 0;

	for (; n->parent != n; n = n->parent)
		l += n->name_len + 1;
	return l ? l : 1;
}

/*
 * The path of `n` in a buffer of exactly its size (names may hold a NUL,
 * so strlen() cannot tell it); NULL if it is too long to look up.
 */
static char *
path_of(const struct tar_node *n)
{
	size_t l = path_len(n);
	char *p;

	if (l >= LOOKUP_MAX)
		return NULL;
	if (!(p = malloc(l + 1)))
		abort();
	/* One byte short must be refused, not overrun. */
	if (tar_path(n, p, l) == 0)
		abort();
	if (tar_path(n, p, l + 1) != 0 || p[l] != '\0')
		abort();
	return p;
}

/* A name holding a NUL (pax allows it) is found under a shorter name. */
static int
plain_names(const struct tar_node *n)
{
	for (; n->parent != n; n = n->parent) {
		if (memchr(n->name, '\0', n->name_len))
			return 0;
	}
	return 1;
}

/* Every node is found again under the path tar_path gives it. */
static void
check_lookup(const struct tar_fs *fs, const struct tar_node *n)
{
	const struct tar_node *got;
	char *p = path_of(n), *slash;
	size_t l;
	int rc;

	if (!p)
		return;
	rc = tar_lookup(fs, p, 0, &got);
	if (plain_names(n) && (rc != 0 || got != n))
		abort();
	rc = tar_lookup(fs, p, 1, &got);
	if (plain_names(n) && n->type != TAR_SYMLINK && (rc != 0 || got != n))
		abort();
	/* A trailing slash asks for a directory. */
	l = strlen(p);
	if (l + 1 >= LOOKUP_MAX) {
		free(p);
		return;
	}
	if (!(slash = malloc(l + 2)))
		abort();
	memcpy(slash, p, l);
	memcpy(slash + l, "/", 2);
	rc = tar_lookup(fs, slash, 0, &got);
	if (rc == 0 && got->type != TAR_DIR)
		abort();
	if (plain_names(n) && n->type == TAR_DIR && (rc != 0 || got != n))
		abort();
	free(slash);
	free(p);
}

/* Visits the tree depth first without recursion: paths may be deep. */
static void
walk(const struct image *img, const struct tar_fs *fs)
{
	const struct tar_node *n = fs->root;
	uint32_t seen = 0, depth = 0;

	for (;;) {
		seen++;
		check_pointers(img, n);
		if (depth <= MAX_DEPTH)
			check_lookup(fs, n);
		if (n->child) {
			n = n->child;
			depth++;
			continue;
		}
		while (n != fs->root && !n->next) {
			n = n->parent;
			depth--;
		}
		if (n == fs->root)
			break;
		n = n->next;
	}
	if (seen > fs->nodes)
		abort();
}

static const char *const fixed[] = {
	"", "/", ".", "..", "/../..", "bin", "/bin/", "/bin/nipbox",
	"bin/hello/", "./bin/../bin/./hello", "a/b/c", "a//b/", "link",
	"link/", "/etc/motd", "dir/link/x",
};

static void
lookup_fixed(const struct tar_fs *fs)
{
	static char deep[2 * LOOKUP_MAX];
	const struct tar_node *got;

	/* What is found is read, so ASan checks the pointer. */
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		if (tar_lookup(fs, fixed[i], 0, &got) == 0)
			(void)got->type;
		if (tar_lookup(fs, fixed[i], 1, &got) == 0)
			(void)got->type;
	}
	/* At and around the length limit. */
	for (size_t l = LOOKUP_MAX - 2; l <= LOOKUP_MAX + 1; l++) {
		memset(deep, 'a', sizeof(deep));
		for (size_t i = 1; i < l; i += 2)
			deep[i] = '/';
		deep[l] = '\0';
		(void)tar_lookup(fs, deep, 1, &got);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image img = { data, size };
	struct arena a = { 0 };
	struct tar_fs fs;

	if (tar_index(data, size, arena_alloc, &a, &fs) != 0)
		abort();		/* this allocator never fails */
	if (fs.corrupt && (fs.why == NULL || size < BLOCK ||
	    fs.bad_offset > size - BLOCK))
		abort();
	walk(&img, &fs);
	lookup_fixed(&fs);
	arena_free(&a);
	return 0;
}

/* ---- the mutator ----------------------------------------------------- */

/* libFuzzer's own; `make test` replays the regression inputs without it
 * (tests/fuzz/replay.c). */
#ifndef NO_LIBFUZZER

static uint64_t
octal(const uint8_t *f, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n && f[i] >= '0' && f[i] <= '7'; i++)
		v = v << 3 | (uint64_t)(f[i] - '0');
	return v;
}

static void
set_checksum(uint8_t *h)
{
	unsigned sum = 0;

	memset(h + 148, ' ', 8);
	for (int i = 0; i < BLOCK; i++)
		sum += h[i];
	for (int i = 6; i >= 0; i--, sum >>= 3)
		h[148 + i] = (uint8_t)('0' + (sum & 7));
	h[155] = '\0';
}

/*
 * Follows the headers roughly as tar.c does (octal sizes only, pax sizes
 * ignored) and gives each a correct checksum.  Where the walk goes astray
 * the headers after it stay as they are.
 */
static void
fix_checksums(uint8_t *data, size_t size)
{
	size_t off = 0;

	while (off <= size && size - off >= BLOCK) {
		uint8_t *h = data + off, flag = h[156];
		uint64_t len = octal(h + 124, 12);
		int zero = 1;

		for (int i = 0; i < BLOCK && zero; i++)
			zero = h[i] == 0;
		if (zero) {
			off += BLOCK;
			continue;
		}
		set_checksum(h);
		if (flag == '1' || flag == '2' || flag == '5')
			len = 0;
		if (len > size - off - BLOCK)
			break;
		off += BLOCK + (size_t)((len + BLOCK - 1) / BLOCK * BLOCK);
	}
}

size_t
LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max, unsigned seed)
{
	size = LLVMFuzzerMutate(data, size, max);
	/* Leave some mutants alone: bad checksums must be tried too. */
	if (seed % 8 != 0)
		fix_checksums(data, size);
	return size;
}
#endif /* NO_LIBFUZZER */
