/*
 * core/fs/fdtable.c, the descriptor table.  Descriptions here are bare
 * struct files whose reference counts the test reads; file_ref and
 * file_unref are the test's own, and kmem_alloc can be told to fail.
 * LeakSanitizer sees a full table's array never given back.
 */
#include <stdlib.h>

#include "fs/fdtable.h"
#include "fs/file.h"
#include "kmem.h"
#include "test.h"

static int kmem_fail;		/* the next kmem_alloc fails */
static unsigned kmem_live;	/* objects handed out, not freed */
static unsigned files_freed;	/* descriptions whose last ref went */

void *
kmem_alloc(size_t size)
{
	if (kmem_fail) {
		kmem_fail = 0;
		return NULL;
	}
	kmem_live++;
	return calloc(1, size);
}

void
kmem_free(void *p, size_t size)
{
	(void)size;
	if (p)
		kmem_live--;
	free(p);
}

void
file_ref(struct file *f)
{
	f->refs++;
}

void
file_unref(struct file *f)
{
	if (--f->refs == 0)
		files_freed++;
}

static struct file files[NX_FD_MAX + 2];

/* A fresh description with one reference, the caller's. */
static struct file *
fresh(int i)
{
	files[i].refs = 1;
	return &files[i];
}

void
test_fdtable_lowest_free(void)
{
	struct fdtable t;

	fdt_init(&t);
	CHECK_EQ(fdt_install(&t, fresh(0), 0, 0), 0);
	CHECK_EQ(fdt_install(&t, fresh(1), 0, 0), 1);
	CHECK_EQ(fdt_install(&t, fresh(2), 0, 0), 2);
	CHECK_EQ(fdt_close(&t, 1), 0);
	CHECK_EQ(files[1].refs, 0);
	CHECK_EQ(fdt_close(&t, 1), NX_EBADF);
	CHECK(fdt_get(&t, 1) == NULL);
	CHECK_EQ(fdt_install(&t, fresh(3), 0, 0), 1);	/* the hole first */
	CHECK_EQ(fdt_install(&t, fresh(4), 0, 0), 3);
	CHECK_EQ(fdt_install(&t, fresh(5), 20, 0), 20);	/* past the small part */
	CHECK(fdt_get(&t, 20) == &files[5]);
	CHECK(fdt_get(&t, -1) == NULL);
	CHECK(fdt_get(&t, NX_FD_MAX) == NULL);
	fdt_close_all(&t);
	CHECK_EQ(files[0].refs + files[2].refs + files[3].refs +
	    files[4].refs + files[5].refs, 0);
	CHECK_EQ(kmem_live, 0);
}

void
test_fdtable_dup(void)
{
	struct fdtable t;

	fdt_init(&t);
	fdt_install(&t, fresh(0), 0, 0);
	fdt_install(&t, fresh(1), 0, 0);
	CHECK_EQ(fdt_dup(&t, 0, 0, 0), 2);		/* dup: lowest free */
	CHECK_EQ(files[0].refs, 2);
	CHECK_EQ(fdt_dup(&t, 0, 10, 0), 10);		/* F_DUPFD from 10 */
	CHECK_EQ(fdt_dup(&t, 0, 10, 0), 11);
	CHECK_EQ(files[0].refs, 4);
	/* dup2 over an open descriptor closes what was there. */
	CHECK_EQ(fdt_dup(&t, 1, 2, FDT_FIXED), 2);
	CHECK_EQ(files[0].refs, 3);
	CHECK_EQ(files[1].refs, 2);
	/* dup2 onto itself changes nothing. */
	CHECK_EQ(fdt_dup(&t, 1, 1, FDT_FIXED), 1);
	CHECK_EQ(files[1].refs, 2);
	/* A fixed target past the table's small part grows it. */
	CHECK_EQ(fdt_dup(&t, 1, 200, FDT_FIXED), 200);
	CHECK(fdt_get(&t, 200) == &files[1]);
	CHECK(fdt_get(&t, 10) == &files[0]);		/* moved over intact */
	/* Out of range: dup2 says EBADF, F_DUPFD EINVAL. */
	CHECK_EQ(fdt_dup(&t, 1, NX_FD_MAX, FDT_FIXED), NX_EBADF);
	CHECK_EQ(fdt_dup(&t, 1, -1, FDT_FIXED), NX_EBADF);
	CHECK_EQ(fdt_dup(&t, 1, NX_FD_MAX, 0), NX_EINVAL);
	CHECK_EQ(fdt_dup(&t, 5, 0, 0), NX_EBADF);	/* nothing at 5 */
	fdt_close_all(&t);
	CHECK_EQ(files[0].refs + files[1].refs, 0);
	CHECK_EQ(kmem_live, 0);
}

void
test_fdtable_cloexec(void)
{
	struct fdtable t, child;

	fdt_init(&t);
	fdt_install(&t, fresh(0), 0, 0);
	fdt_install(&t, fresh(1), 0, 1);
	CHECK_EQ(fdt_cloexec(&t, 0), 0);
	CHECK_EQ(fdt_cloexec(&t, 1), 1);
	CHECK_EQ(fdt_cloexec(&t, 7), NX_EBADF);
	CHECK_EQ(fdt_dup(&t, 0, 30, FDT_FIXED | FDT_CLOEXEC), 30);
	CHECK_EQ(fdt_cloexec(&t, 30), 1);
	CHECK_EQ(fdt_cloexec(&t, 0), 0);	/* the flag is the descriptor's */
	CHECK_EQ(fdt_set_cloexec(&t, 0, 1), 0);
	CHECK_EQ(fdt_set_cloexec(&t, 0, 0), 0);
	/* A child gets the others, sharing their descriptions. */
	CHECK_EQ(fdt_inherit(&child, &t), 0);
	CHECK(fdt_get(&child, 0) == &files[0]);
	CHECK(fdt_get(&child, 1) == NULL);
	CHECK(fdt_get(&child, 30) == NULL);
	CHECK_EQ(files[0].refs, 3);
	fdt_close_all(&child);
	CHECK_EQ(files[0].refs, 2);
	/* A spawn's actions start from everything, flags kept: a
	 * close-on-exec descriptor can be dup2'd into place (the copy is
	 * not close-on-exec) before the exec closes the rest. */
	CHECK_EQ(fdt_copy(&child, &t), 0);
	CHECK(fdt_get(&child, 1) == &files[1]);
	CHECK_EQ(fdt_cloexec(&child, 1), 1);
	CHECK_EQ(fdt_cloexec(&child, 30), 1);
	CHECK_EQ(fdt_dup(&child, 1, 5, FDT_FIXED), 5);
	fdt_exec(&child);
	CHECK(fdt_get(&child, 5) == &files[1]);
	CHECK(fdt_get(&child, 1) == NULL);
	CHECK(fdt_get(&child, 30) == NULL);
	CHECK_EQ(files[1].refs, 2);
	fdt_close_all(&child);
	CHECK_EQ(files[0].refs, 2);
	CHECK_EQ(files[1].refs, 1);
	/* An exec closes the close-on-exec ones; a closed slot forgets the
	 * flag. */
	fdt_exec(&t);
	CHECK(fdt_get(&t, 0) == &files[0]);
	CHECK(fdt_get(&t, 1) == NULL);
	CHECK(fdt_get(&t, 30) == NULL);
	CHECK_EQ(files[1].refs, 0);
	CHECK_EQ(files[0].refs, 1);
	CHECK_EQ(fdt_install(&t, fresh(2), 0, 0), 1);
	CHECK_EQ(fdt_cloexec(&t, 1), 0);
	fdt_close_all(&t);
	CHECK_EQ(kmem_live, 0);
}

void
test_fdtable_limit(void)
{
	struct fdtable t;
	int fd = 0;

	fdt_init(&t);
	for (int i = 0; i < NX_FD_MAX && fd >= 0; i++)
		fd = fdt_install(&t, fresh(i), 0, 0);
	CHECK_EQ(fd, NX_FD_MAX - 1);
	CHECK_EQ(fdt_install(&t, fresh(NX_FD_MAX), 0, 0), NX_EMFILE);
	CHECK_EQ(files[NX_FD_MAX].refs, 1);	/* still the caller's */
	CHECK_EQ(fdt_dup(&t, 0, 0, 0), NX_EMFILE);
	CHECK_EQ(files[0].refs, 1);
	fdt_close(&t, 100);
	CHECK_EQ(fdt_dup(&t, 0, 0, 0), 100);
	fdt_close_all(&t);
	CHECK_EQ(kmem_live, 0);
	/* No memory for the large table: nothing changes. */
	fdt_init(&t);
	kmem_fail = 1;
	CHECK_EQ(fdt_install(&t, fresh(0), FDT_SMALL, 0), NX_ENOMEM);
	CHECK_EQ(files[0].refs, 1);
	fdt_install(&t, fresh(1), 0, 0);
	kmem_fail = 1;
	CHECK_EQ(fdt_dup(&t, 0, 100, FDT_FIXED), NX_ENOMEM);
	CHECK_EQ(files[1].refs, 1);
	fdt_close_all(&t);
	CHECK_EQ(kmem_live, 0);
}

void
test_fdtable_inherit_out_of_memory(void)
{
	struct fdtable t, child;

	fdt_init(&t);
	fdt_install(&t, fresh(0), 0, 0);
	fdt_install(&t, fresh(1), 40, 0);
	kmem_fail = 1;
	CHECK_EQ(fdt_inherit(&child, &t), NX_ENOMEM);
	CHECK(fdt_get(&child, 0) == NULL);
	CHECK_EQ(files[0].refs, 1);		/* nothing taken */
	CHECK_EQ(files[1].refs, 1);
	fdt_close_all(&child);
	fdt_close_all(&t);
	CHECK_EQ(kmem_live, 0);
}

/* A moved table works where it lands, small or grown: a small one must
 * point into its new place, not the old (which is then reused). */
void
test_fdtable_move(void)
{
	struct fdtable a, b;

	fdt_init(&a);
	CHECK_EQ(fdt_install(&a, fresh(0), 3, 1), 3);
	fdt_move(&b, &a);
	CHECK(b.fd == b.small);
	CHECK(fdt_get(&b, 3) == &files[0]);
	CHECK_EQ(fdt_cloexec(&b, 3), 1);
	CHECK(fdt_get(&a, 3) == NULL);
	CHECK_EQ(fdt_install(&a, fresh(1), 3, 0), 3);	/* `a` is its own */
	CHECK(fdt_get(&b, 3) == &files[0]);
	fdt_close_all(&a);
	CHECK_EQ(fdt_install(&b, fresh(2), 100, 0), 100);	/* grown */
	fdt_move(&a, &b);
	CHECK(fdt_get(&a, 100) == &files[2] && fdt_get(&a, 3) == &files[0]);
	CHECK(fdt_get(&b, 100) == NULL);
	fdt_close_all(&a);
	fdt_close_all(&b);
	CHECK_EQ(files[0].refs, 0);
	CHECK_EQ(files[2].refs, 0);
	CHECK_EQ(kmem_live, 0);
}
