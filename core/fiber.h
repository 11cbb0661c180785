/*
 * Cooperative kernel fibers.  Each Subject runs on a fiber of its own (its
 * kernel stack); the boot stack becomes the idle fiber.  A fiber runs until
 * it yields, sleeps or exits: kernel code is never preempted.
 */
#ifndef RUMPK_FIBER_H
#define RUMPK_FIBER_H

#include "hal/hal.h"

enum fiber_state {
	FIBER_UNUSED,
	FIBER_RUNNABLE,
	FIBER_SLEEPING,
	FIBER_DEAD,
};

struct fiber {
	struct context ctx;
	enum fiber_state state;
	const void *chan;	/* what a sleeping fiber waits for */
	struct fiber *next, *prev;	/* the ring of fibers, idle's first */
	uint64_t ran;		/* timebase ticks it has had the CPU */
};

void fiber_init(void);		/* the caller becomes the idle fiber */
void fiber_start(struct fiber *f, void *stack_top, void (*fn)(void *),
    void *arg);
void fiber_yield(void);
void fiber_sleep(const void *chan);
void fiber_wakeup(const void *chan);
void fiber_wake(struct fiber *f);	/* that one, whatever it sleeps on */
/* Ticks `f` has had the CPU, up to now when it has it. */
uint64_t fiber_ran(const struct fiber *f);
/* Ticks the idle fiber has had: the time no Subject ran (/proc). */
uint64_t fiber_idle_ran(void);
/* The fiber running now, or NULL when it is the idle fiber: the
 * Subject on whose behalf the kernel runs (/proc/self). */
struct fiber *fiber_running(void);
/* Ends the running fiber: it leaves the ring, and its memory may be
 * freed once another fiber runs. */
void fiber_exit(void) __attribute__((noreturn));
/* The idle fiber's loop: runs the others, and while none is runnable does
 * `work` (which says whether some is left) before waiting for an
 * interrupt. */
void fiber_idle_loop(int (*work)(void)) __attribute__((noreturn));

#endif
