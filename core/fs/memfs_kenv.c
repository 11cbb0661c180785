/*
 * What memfs asks of the kernel (core/fs/memfs.h's environment): memory
 * and the wall clock, and seeding the root from the tar archive.
 */
#include <string.h>

#include "errors.h"
#include "fs/memfs.h"
#include "fs/memfs_vn.h"
#include "fs/tar.h"
#include "kernel.h"
#include "kmem.h"
#include "pmm.h"

/* Objects up to KMEM_MAX come from kmem; a longer link target takes a
 * page of its own. */
static void *
env_alloc(void *ctx, size_t size)
{
	void *p;

	(void)ctx;
	if (size <= KMEM_MAX) {
		p = kmem_alloc(size);
		if (p)
			memset(p, 0, size);
		return p;
	}
	return size <= NX_PAGE_SIZE ? page_alloc() : NULL;
}

static void
env_free(void *ctx, void *p, size_t size)
{
	(void)ctx;
	if (size <= KMEM_MAX)
		kmem_free(p, size);
	else
		page_free(p);
}

static void *
env_page_alloc(void *ctx)
{
	(void)ctx;
	return page_alloc();
}

static void
env_page_free(void *ctx, void *p)
{
	(void)ctx;
	page_free(p);
}

static uint64_t
env_now(void *ctx)
{
	(void)ctx;
	return realtime_ns();
}

/*
 * The tar index is needed only while seeding: names, data and link
 * targets stay in the image, the index does not.  It is carved out of
 * pages chained through their first word and given back after.
 */
struct scratch {
	uint8_t *page, *cur;
	size_t left;
};

static void *
scratch_alloc(void *ctx, size_t size)
{
	struct scratch *s = ctx;
	void *p;

	size = (size + 15) & ~(size_t)15;
	if (size > NX_PAGE_SIZE - 16)
		return NULL;
	if (s->left < size) {
		uint8_t *pg = page_alloc();

		if (!pg)
			return NULL;
		*(uint8_t **)(void *)pg = s->page;
		s->page = pg;
		s->cur = pg + 16;
		s->left = NX_PAGE_SIZE - 16;
	}
	p = s->cur;
	s->cur += size;
	s->left -= size;
	return p;
}

static void
scratch_free(struct scratch *s)
{
	while (s->page) {
		uint8_t *next = *(uint8_t **)(void *)s->page;

		page_free(s->page);
		s->page = next;
	}
}

int
memfs_seed_image(struct memfs *fs, const uint8_t *image, size_t len)
{
	struct scratch sc = { 0 };
	struct memfs_seed_stats st;
	struct tar_fs index;
	int err;

	if (tar_index(image, len, scratch_alloc, &sc, &index)) {
		scratch_free(&sc);
		kprint("rootfs: out of memory indexing the archive\n");
		return NX_ENOMEM;
	}
	if (index.corrupt)
		kprintf("rootfs: warning: %s at offset %lu; keeping the %u "
		    "entries before it\n", index.why,
		    (unsigned long)index.bad_offset, index.entries);
	err = index.entries ? memfs_seed_tar(fs, &index, &st) : NX_ENOENT;
	scratch_free(&sc);
	if (err == NX_ENOENT)
		kprint("rootfs: the initrd holds no tar entries\n");
	else if (err)
		kprintf("rootfs: cannot seed the root from the archive: %s\n",
		    nx_strerror(err));
	else
		kprintf("rootfs: memfs from a tar archive, %u entries, %lu KiB "
		    "in place, limit %lu KiB\n", index.entries,
		    (unsigned long)(len / 1024),
		    (unsigned long)(fs->env.limit / 1024));
	return err;
}

void
memfs_kernel_env(struct memfs_env *env, uint64_t limit)
{
	memset(env, 0, sizeof(*env));
	env->alloc = env_alloc;
	env->free = env_free;
	env->page_alloc = env_page_alloc;
	env->page_free = env_page_free;
	env->now_ns = env_now;
	env->limit = limit;
}
