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

/* Arguments and environment of a new program, held in kernel memory. */
struct exec_args {
	int argc;
	int envc;
	char *argv[NX_EXEC_MAX_ARGS + 1];
	char *envp[NX_EXEC_MAX_ENV + 1];
	size_t used;
	char strings[NX_EXEC_MAX_STRINGS];
};

/* An empty exec_args (one of a few the kernel keeps: load.c), or NULL;
 * given back with exec_args_free. */
struct exec_args *exec_args_alloc(void);
void exec_args_free(struct exec_args *a);
/* Appends a string to `a`: 0, or NX_E2BIG when the limits are reached. */
int exec_args_add(struct exec_args *a, int env, const char *s);
/* Takes the `len` bytes (its NUL included) already written at
 * a->strings + a->used as the next entry: 0, or NX_E2BIG. */
int exec_args_take(struct exec_args *a, int env, size_t len);

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
};

struct vnode;

/* Loads `path` (relative to directory `start`; NULL: there is no file
 * system).  Returns 0, or an NX_E* error with the reason in `why`. */
int load_image(struct vnode *start, const char *path,
    const struct exec_args *args, struct image *out, char *why,
    size_t whylen);
/* Maps fresh rings, slabs and SysTable (naming `im->identity`) into
 * `im->root`, counted in `im->pages`: a fork's child gets its own, as a
 * new image would.  0 or NX_ENOMEM. */
int load_fixed(struct image *im);
/* Gives back what a loaded image holds, for a spawn that fails after. */
void load_discard(struct image *im);

#endif
