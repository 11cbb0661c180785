/*
 * Subjects: isolated user programs.  Each has its own Sv39 address space,
 * a kernel fiber with its own stack, and a command and completion ring.
 */
#ifndef RUMPK_SUBJECT_H
#define RUMPK_SUBJECT_H

#include <stdint.h>

#include "fiber.h"
#include "fs/vfs.h"
#include "hal/hal.h"
#include "loader/load.h"
#include "ring.h"
#include "slab.h"

#define MAX_SUBJECTS	16
#define KSTACK_SIZE	16384
#define INIT_PROGRAM	"/bin/nipbox"

enum subject_state {
	SUBJECT_FREE,
	SUBJECT_LIVE,
};

struct subject {
	struct uctx uc;		/* first: the HAL hands it back to us */
	struct fiber fiber;
	enum subject_state state;
	uint32_t id;
	char name[32];
	uint8_t identity[16];
	struct ring cmd;	/* we consume */
	struct ring cq;		/* we produce */
	struct ring rx;		/* we produce: console input */
	struct ring tx;		/* we consume: output */
	struct slab_pool slabs;
	uint8_t *slab_page[SLAB_PAGES];
	uint32_t seq;		/* commands accepted so far */
	struct files files;
	char cwd[NX_PATH_MAX];	/* canonical, absolute */
	int replaced;		/* set when exec replaced the program */
	int tx_warned;		/* said once that its tx ring is corrupt */
	uint8_t kstack[KSTACK_SIZE] __attribute__((aligned(16)));
};

/* Starts a program as a new Subject: its id, or an NX_E* error (reason in
 * `why`). */
long subject_spawn(const char *cwd, const char *path,
    const struct exec_args *args, char *why, size_t whylen);
/* Replaces the program of `s`: 0, or an error leaving `s` as it was. */
int subject_replace(struct subject *s, const char *path,
    const struct exec_args *args, char *why, size_t whylen);
void subject_exit(struct subject *s, int status) __attribute__((noreturn));
/* Starts INIT_PROGRAM; powers off with a message if it cannot. */
void subject_start_init(void);

/* The Subject that console input goes to: the newest one. */
struct subject *subject_foreground(void);
/* Slab totals over all live Subjects. */
void subject_slab_totals(uint32_t *free, uint32_t *total);

/* The command dispatcher (ion.c). */
int64_t ion_doorbell(struct subject *s, uint64_t want);
/* The kernel's view of slab `i` of `s`. */
uint8_t *ion_slab(struct subject *s, uint32_t i);

#endif
