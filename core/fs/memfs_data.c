/*
 * memfs: the bytes of files.  A file's owned pages hang off a two-level
 * index: an index page of 512 pointers to leaf pages, each 512 pointers
 * to data pages (1 GiB).  A missing data page is a hole; where the file
 * still has archive bytes (`seed`, the first `seed_len` bytes), a missing
 * page reads them in place instead, and its first write copies them in.
 *
 * Which index pages exist follows from which data pages do: a leaf exists
 * while it holds a data page, the index while it holds a leaf.  So the
 * space a file is charged is a function of its set of data pages, which
 * the fuzzer's model relies on.  Bytes of an owned page past the file's
 * size are always zero, so growing a file shows zeros without touching
 * its pages.  One writer breaks that: a shared mapping stores into the
 * page itself (memfs_map_page), past the end too, so whatever grows the
 * size zeros the old last page's bytes it uncovers (gap_clear).
 */
#include <string.h>

#include "nexus/abi.h"
#include "fs/memfs_impl.h"

#define SLOTS	(MEMFS_PAGE / sizeof(void *))	/* pointers per index page */

static void *
page_new(struct memfs *fs)
{
	void *p = fs->env.page_alloc(fs->env.ctx);

	if (p)
		fs->pages++;
	return p;
}

static void
page_put(struct memfs *fs, void *p)
{
	fs->env.page_free(fs->env.ctx, p);
	fs->pages--;
	memfs_uncharge(fs, MEMFS_PAGE);
}

/* The data page `pg` of a file, or NULL. */
static uint8_t *
page_find(const struct mnode *n, uint64_t pg)
{
	void **leaf;

	if (!n->u.file.index)
		return NULL;
	leaf = n->u.file.index[pg / SLOTS];
	return leaf ? leaf[pg % SLOTS] : NULL;
}

/*
 * The data page `pg`, made if missing with its archive bytes copied in.
 * The pages it needs (data, leaf, index) are charged together before any
 * is taken, and given back together if one cannot be had.
 */
static int
page_get(struct mnode *n, uint64_t pg, uint8_t **out)
{
	struct memfs *fs = n->fs;
	void **index = n->u.file.index, **leaf = NULL;
	uint8_t *data = NULL;
	uint64_t off = pg * MEMFS_PAGE;
	int new_index, new_leaf;

	if ((*out = page_find(n, pg)))
		return 0;
	if (index)
		leaf = index[pg / SLOTS];
	new_index = !index;
	new_leaf = !leaf;
	if (memfs_charge(fs, (1u + new_index + new_leaf) * MEMFS_PAGE))
		return NX_ENOSPC;
	if (new_index)
		index = page_new(fs);
	if (new_leaf && index)
		leaf = page_new(fs);
	if (leaf)
		data = page_new(fs);
	if (!data) {
		/* Back as they were: the pages taken, then the charge. */
		if (new_leaf && leaf)
			page_put(fs, leaf);
		if (new_index && index)
			page_put(fs, index);
		memfs_uncharge(fs, (1u + (new_leaf && !leaf) +
		    (new_index && !index)) * MEMFS_PAGE);
		return NX_ENOMEM;
	}
	if (n->u.file.seed && off < n->u.file.seed_len) {
		uint64_t left = n->u.file.seed_len - off;

		memcpy(data, n->u.file.seed + off,
		    left < MEMFS_PAGE ? left : MEMFS_PAGE);
	}
	n->u.file.index = index;
	index[pg / SLOTS] = leaf;
	leaf[pg % SLOTS] = data;
	n->u.file.pages++;
	*out = data;
	return 0;
}

/* 1 if none of the `SLOTS` pointers of `p` is set. */
static int
empty(void *const *p)
{
	for (size_t i = 0; i < SLOTS; i++) {
		if (p[i])
			return 0;
	}
	return 1;
}

/* Frees the data pages from `first` on, and index pages left empty. */
static void
pages_cut(struct mnode *n, uint64_t first)
{
	struct memfs *fs = n->fs;
	void **index = n->u.file.index;

	if (!index)
		return;
	for (uint64_t hi = first / SLOTS; hi < SLOTS; hi++) {
		void **leaf = index[hi];

		if (!leaf)
			continue;
		for (uint64_t lo = hi == first / SLOTS ? first % SLOTS : 0;
		    lo < SLOTS; lo++) {
			if (leaf[lo]) {
				page_put(fs, leaf[lo]);
				leaf[lo] = NULL;
				n->u.file.pages--;
			}
		}
		if (empty(leaf)) {
			page_put(fs, leaf);
			index[hi] = NULL;
		}
	}
	if (empty(index)) {
		page_put(fs, index);
		n->u.file.index = NULL;
	}
}

void
memfs_data_free(struct mnode *node)
{
	pages_cut(node, 0);
	node->u.file.seed = NULL;
	node->u.file.seed_len = 0;
}

/* EISDIR for a directory, EINVAL for any other non-file. */
static int
check_file(const struct mnode *n)
{
	if (n->type == MNODE_FILE)
		return 0;
	return n->type == MNODE_DIR ? NX_EISDIR : NX_EINVAL;
}

int
memfs_map_read(struct mnode *node, uint64_t off, const uint8_t **ptr,
    size_t *n)
{
	uint64_t in = off % MEMFS_PAGE, len;
	const uint8_t *page;
	int rc;

	if ((rc = check_file(node)))
		return rc;
	*ptr = NULL;
	*n = 0;
	if (off >= node->size)
		return 0;
	len = MEMFS_PAGE - in;
	if (len > node->size - off)
		len = node->size - off;
	if ((page = page_find(node, off / MEMFS_PAGE))) {
		*ptr = page + in;
	} else if (node->u.file.seed && off < node->u.file.seed_len) {
		*ptr = node->u.file.seed + off;
		if (len > node->u.file.seed_len - off)
			len = node->u.file.seed_len - off;
	}
	*n = (size_t)len;
	return 0;
}

int64_t
memfs_read(struct mnode *node, uint64_t off, void *buf, size_t len)
{
	uint8_t *to = buf;
	size_t done = 0;
	int rc;

	if ((rc = check_file(node)))
		return rc;
	while (done < len) {
		const uint8_t *p;
		size_t n;

		memfs_map_read(node, off + done, &p, &n);
		if (n == 0)
			break;
		if (n > len - done)
			n = len - done;
		if (p)
			memcpy(to + done, p, n);
		else
			memset(to + done, 0, n);
		done += n;
	}
	node->atime = memfs_now(node->fs);
	return (int64_t)done;
}

int
memfs_map_write(struct mnode *node, uint64_t off, uint8_t **ptr, size_t *n)
{
	uint8_t *page;
	int rc;

	if ((rc = check_file(node)))
		return rc;
	if (off >= MEMFS_FILE_MAX)
		return NX_EFBIG;
	if ((rc = page_get(node, off / MEMFS_PAGE, &page)))
		return rc;
	*ptr = page + off % MEMFS_PAGE;
	*n = MEMFS_PAGE - off % MEMFS_PAGE;
	return 0;
}

/* The size grows from node->size to `to`: the bytes of the old last
 * page between the two are zeroed, for a shared mapping may have stored
 * past the end. */
static void
gap_clear(struct mnode *node, uint64_t to)
{
	uint64_t from = node->size, in = from % MEMFS_PAGE, end;
	uint8_t *page;

	if (to <= from || in == 0 ||
	    !(page = page_find(node, from / MEMFS_PAGE)))
		return;
	end = from - in + MEMFS_PAGE;
	if (to < end)
		end = to;
	memset(page + in, 0, end - from);
}

int
memfs_map_page(struct mnode *node, uint64_t pg, void **page)
{
	uint8_t *p;
	int rc;

	if ((rc = check_file(node)))
		return rc;
	if (pg >= node->size / MEMFS_PAGE + (node->size % MEMFS_PAGE != 0))
		return NX_ENXIO;
	if ((rc = page_get(node, pg, &p)))
		return rc;
	/* Stores through the mapping change the bytes unseen. */
	node->u.file.detached = 1;
	*page = p;
	return 0;
}

void
memfs_write_end(struct mnode *node, uint64_t off, size_t len)
{
	if (off > node->size)
		gap_clear(node, off);	/* the bytes written stay */
	if (off + len > node->size)
		node->size = off + len;
	node->u.file.detached = 1;
	node->mtime = node->ctime = memfs_now(node->fs);
}

int64_t
memfs_write(struct mnode *node, uint64_t off, const void *src, size_t len)
{
	const uint8_t *from = src;
	size_t done = 0;
	int rc;

	if ((rc = check_file(node)))
		return rc;
	if (len == 0)
		return 0;
	if (off >= MEMFS_FILE_MAX)
		return NX_EFBIG;
	if (len > MEMFS_FILE_MAX - off)
		len = (size_t)(MEMFS_FILE_MAX - off);
	while (done < len) {
		uint8_t *p;
		size_t n;

		if ((rc = memfs_map_write(node, off + done, &p, &n)))
			break;
		if (n > len - done)
			n = len - done;
		memcpy(p, from + done, n);
		done += n;
	}
	if (done == 0)
		return rc;
	memfs_write_end(node, off, done);
	return (int64_t)done;
}

int
memfs_truncate(struct mnode *node, uint64_t size)
{
	uint64_t in = size % MEMFS_PAGE;
	uint8_t *page;
	int rc;

	if ((rc = check_file(node)))
		return rc;
	if (size > MEMFS_FILE_MAX)
		return NX_EFBIG;
	if (size < node->size) {
		/* Whole pages past the end go; the last one's tail is zeroed,
		 * so growing again shows zeros. */
		pages_cut(node, (size + MEMFS_PAGE - 1) / MEMFS_PAGE);
		if (in && (page = page_find(node, size / MEMFS_PAGE)))
			memset(page + in, 0, MEMFS_PAGE - in);
		if (node->u.file.seed_len > size)
			node->u.file.seed_len = size;
		if (node->u.file.seed_len == 0)
			node->u.file.seed = NULL;
	}
	gap_clear(node, size);
	if (size != node->size)
		node->u.file.detached = 1;
	node->size = size;
	node->mtime = node->ctime = memfs_now(node->fs);
	return 0;
}

const void *
memfs_cache_key(const struct mnode *node)
{
	if (node->type != MNODE_FILE || node->u.file.detached ||
	    !node->u.file.seed_len)
		return NULL;
	return node->u.file.seed;
}
