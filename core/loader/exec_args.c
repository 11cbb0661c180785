/*
 * Exec arguments: argv and envp strings packed into one block with their
 * offsets, counted as Linux counts them (each string with its NUL, and 8
 * bytes a pointer) against NX_EXEC_MAX_BYTES; the loader copies a block
 * as it is onto the new stack (load.c's build_stack).
 */
#include <string.h>

#include "errors.h"
#include "loader/load.h"

/*
 * The blocks exec arguments are made in: one for the arguments an exec
 * is given and two a script's interpreters take in turn (load_image).
 * They are the kernel's own, not the page allocator's, because each is
 * 128 KiB of contiguous memory, which a fragmented allocator may not
 * have.  An exec never sleeps while it holds one (it reads memfs and maps
 * pages; nothing waits), so three are enough; one asked for while all
 * are taken is refused (ENOMEM), never shared.
 */
#define EXEC_ARGS_BLOCKS 3

static struct exec_args blocks[EXEC_ARGS_BLOCKS];
static int taken[EXEC_ARGS_BLOCKS];

struct exec_args *
exec_args_alloc(void)
{
	for (int i = 0; i < EXEC_ARGS_BLOCKS; i++) {
		if (!taken[i]) {
			taken[i] = 1;
			blocks[i].argc = blocks[i].envc = 0;
			blocks[i].used = 0;
			return &blocks[i];
		}
	}
	return NULL;
}

void
exec_args_free(struct exec_args *a)
{
	for (int i = 0; i < EXEC_ARGS_BLOCKS; i++) {
		if (a == &blocks[i])
			taken[i] = 0;
	}
}

/* Where the offset of entry `k` (argv's, then envp's) is kept. */
static uint32_t *
slot(const struct exec_args *a, int k)
{
	return (uint32_t *)(uintptr_t)(a->area + sizeof(a->area)) - k - 1;
}

size_t
exec_args_room(const struct exec_args *a)
{
	size_t spent = a->used + 8 * ((size_t)a->argc + (size_t)a->envc + 1);

	return spent < sizeof(a->area) ? sizeof(a->area) - spent : 0;
}

int
exec_args_take(struct exec_args *a, int env, size_t len)
{
	if (!env && a->envc)
		return NX_EINVAL;	/* the offsets of argv come first */
	if (len > exec_args_room(a))
		return NX_E2BIG;
	*slot(a, a->argc + a->envc) = (uint32_t)a->used;
	if (env)
		a->envc++;
	else
		a->argc++;
	a->used += len;
	return 0;
}

int
exec_args_add(struct exec_args *a, int env, const char *s)
{
	size_t len = strlen(s) + 1;

	if (len > exec_args_room(a))
		return NX_E2BIG;
	memcpy(a->area + a->used, s, len);
	return exec_args_take(a, env, len);
}

uint32_t
exec_arg_at(const struct exec_args *a, int i)
{
	return *slot(a, i);
}

uint32_t
exec_env_at(const struct exec_args *a, int i)
{
	return *slot(a, a->argc + i);
}
