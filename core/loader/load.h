/*
 * The loader: turns a program file from the root file system into a fresh
 * address space with its segments, stack, SysTable and rings, ready to
 * enter.  Nothing of the caller changes; on failure everything allocated is
 * freed again.  Pages of read-only segments come from the program cache
 * (pcache.h): the image holds one use of its file's record, which the
 * Subject gives back only after destroying the address space.
 */
#ifndef RUMPK_LOAD_H
#define RUMPK_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "hal/hal.h"
#include "nexus/abi.h"
#include "pcache.h"

/*
 * Arguments and environment of a new program, held in kernel memory.  The
 * strings go up from the start of `area`; where each starts (an offset
 * into `area`) goes down from its end, argv's first, then envp's.  The
 * budget is Linux's: the strings with their NULs and 8 bytes a pointer,
 * so there are no separate limits on how many there are, and the offsets
 * (4 bytes each) always fit between the two.
 */
struct exec_args {
	int argc;
	int envc;
	size_t used;		/* bytes of strings */
	_Alignas(uint32_t) char area[NX_EXEC_MAX_BYTES];
};

/* An empty exec_args (one of a few the kernel keeps: load.c), or NULL;
 * given back with exec_args_free. */
struct exec_args *exec_args_alloc(void);
void exec_args_free(struct exec_args *a);
/* Appends a string to `a`: 0, or NX_E2BIG when the budget is spent.
 * Every argv string comes before the first envp string. */
int exec_args_add(struct exec_args *a, int env, const char *s);
/* Bytes free at a->area + a->used for one more string and its NUL. */
size_t exec_args_room(const struct exec_args *a);
/* Takes the `len` bytes (its NUL included) already written at
 * a->area + a->used as the next entry: 0, or NX_E2BIG. */
int exec_args_take(struct exec_args *a, int env, size_t len);
/* Offset into a->area of argv[i] (0 <= i < argc), of envp[i]. */
uint32_t exec_arg_at(const struct exec_args *a, int i);
uint32_t exec_env_at(const struct exec_args *a, int i);

#define SLAB_PAGES (NX_SLABS * NX_SLAB_SIZE / NX_PAGE_SIZE)

struct image {
	pte_t *root;
	uint64_t entry;
	uint64_t sp;
	uint8_t identity[16];	/* SipHash-128 of the file under the boot key */
	NxSysTable *systable;	/* kernel views of the fixed pages */
	void *cmd_page;
	void *cq_page;
	void *rx_page;
	void *tx_page;
	uint8_t *slab_page[SLAB_PAGES];
	uint64_t image_end;	/* page-aligned end of the highest segment */
	uint64_t arg_start;	/* the argv strings on the new stack */
	uint64_t arg_end;
	uint32_t pages;		/* user pages it owns (not shared ones) */
	struct pcache_file *text;	/* shared pages of its file, or NULL */
	int native;		/* a libnexus program; else Linux's ABI */
	char exe[NX_PATH_MAX];	/* the canonical path of the ELF file (a
				 * script's interpreter), "" when unknown;
				 * last: not zeroed whole */
};

struct vnode;

/* Loads `path` (relative to directory `start`, whose canonical path is
 * `start_path`; NULL: there is no file system).  Returns 0, or an NX_E*
 * error with the reason in `why`. */
int load_image(struct vnode *start, const char *start_path,
    const char *path, const struct exec_args *args, struct image *out,
    char *why, size_t whylen);
/* Maps fresh rings, slabs and SysTable (naming `im->identity`) into
 * `im->root`, counted in `im->pages`: a fork's child gets its own, as a
 * new image would.  0 or NX_ENOMEM. */
int load_fixed(struct image *im);
/* Gives back what a loaded image holds, for a spawn that fails after. */
void load_discard(struct image *im);

#endif
