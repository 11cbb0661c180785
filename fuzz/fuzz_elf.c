/*
 * libFuzzer target for core/loader/elf.c.  The input is the whole file,
 * read through the same kind of callback the loader uses.  A plan that
 * passes validation is checked against what the loader relies on, and any
 * breach aborts, so logic bugs surface as well as memory errors.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nexus/abi.h"
#include "loader/elf.h"

struct input {
	const uint8_t *p;
	size_t len;
};

static int
input_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	const struct input *in = ctx;

	if (off > in->len || len > in->len - off)
		return -1;
	memcpy(buf, in->p + off, len);
	return 0;
}

static uint64_t
page_down(uint64_t v)
{
	return v & ~(NX_PAGE_SIZE - 1);
}

static uint64_t
page_up(uint64_t v)
{
	return (v + NX_PAGE_SIZE - 1) & ~(NX_PAGE_SIZE - 1);
}

/* A segment the loader can map as it stands. */
static void
check_segment(const struct elf_segment *s, size_t file_size)
{
	if (s->memsz == 0 || s->filesz > s->memsz)
		abort();
	if (s->vaddr < NX_USER_BASE || s->vaddr >= NX_IMAGE_TOP ||
	    s->memsz > NX_IMAGE_TOP - s->vaddr)
		abort();
	if (s->offset > file_size || s->filesz > file_size - s->offset)
		abort();
	if ((s->flags & ELF_PF_W) && (s->flags & ELF_PF_X))
		abort();
	if (s->flags & ~(uint32_t)(ELF_PF_R | ELF_PF_W | ELF_PF_X))
		abort();
}

static void
check_plan(const struct elf_plan *plan, size_t file_size)
{
	int entry_ok = 0;

	if (plan->nseg < 1 || plan->nseg > ELF_MAX_SEGMENTS)
		abort();
	if (plan->phnum == 0 || plan->phnum > ELF_MAX_PHNUM)
		abort();
	for (int i = 0; i < plan->nseg; i++) {
		const struct elf_segment *s = &plan->seg[i];

		check_segment(s, file_size);
		/* Sorted, and no two segments share a page. */
		if (i > 0 && page_up(plan->seg[i - 1].vaddr +
		    plan->seg[i - 1].memsz) > page_down(s->vaddr))
			abort();
		if (plan->entry >= s->vaddr && plan->entry - s->vaddr <
		    s->memsz && (s->flags & ELF_PF_X))
			entry_ok = 1;
	}
	if (!entry_ok)
		abort();
	if (plan->image_end != page_up(plan->seg[plan->nseg - 1].vaddr +
	    plan->seg[plan->nseg - 1].memsz) || plan->image_end > NX_IMAGE_TOP)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct elf_plan plan;
	char why[128], small[8];
	const char *err, *again;

	err = elf_validate(input_read, &in, size, &plan, why, sizeof(why));
	if (!err) {
		check_plan(&plan, size);
		return 0;
	}
	/* A reason is a string in the caller's buffer... */
	if (err != why || memchr(why, '\0', sizeof(why)) == NULL ||
	    why[0] == '\0')
		abort();
	/* ...and a short buffer gets the same reason, cut. */
	again = elf_validate(input_read, &in, size, &plan, small,
	    sizeof(small));
	if (again != small || strlen(small) >= sizeof(small) ||
	    strncmp(small, why, strlen(small)) != 0)
		abort();
	return 0;
}
