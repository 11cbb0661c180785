#include "fiber.h"
#include "kernel.h"

#define MAX_FIBERS 32

static struct fiber idle;
static struct fiber *fibers[MAX_FIBERS];	/* fibers[0] is idle */
static int nfibers;
static int current;
static uint64_t since;		/* when the current fiber got the CPU */

void
fiber_init(void)
{
	idle.state = FIBER_RUNNABLE;
	fibers[0] = &idle;
	nfibers = 1;
	current = 0;
	since = hal_time();
}

void
fiber_start(struct fiber *f, void *stack_top, void (*fn)(void *), void *arg)
{
	int slot = -1;

	for (int i = 1; i < nfibers && slot < 0; i++) {
		if (fibers[i] == f)
			slot = i;
	}
	for (int i = 1; i < nfibers && slot < 0; i++) {
		if (fibers[i]->state == FIBER_DEAD)
			slot = i;
	}
	if (slot < 0) {
		if (nfibers == MAX_FIBERS)
			panic("more than %d fibers", MAX_FIBERS);
		slot = nfibers++;
	}
	fibers[slot] = f;
	context_init(&f->ctx, stack_top, fn, arg);
	f->chan = NULL;
	f->ran = 0;
	f->state = FIBER_RUNNABLE;
}

uint64_t
fiber_ran(const struct fiber *f)
{
	return f == fibers[current] ? f->ran + (hal_time() - since) : f->ran;
}

/* Round robin: the next runnable fiber after the current one; idle last. */
static int
pick_next(void)
{
	for (int i = 1; i <= nfibers; i++) {
		int n = (current + i) % nfibers;

		if (n != 0 && fibers[n]->state == FIBER_RUNNABLE)
			return n;
	}
	return 0;
}

static void
schedule(void)
{
	int prev = current, next = pick_next();
	uint64_t now;

	if (next == 0 && prev != 0 && fibers[prev]->state == FIBER_RUNNABLE)
		return;		/* nobody else wants the CPU */
	if (next == prev)
		return;
	now = hal_time();
	fibers[prev]->ran += now - since;
	since = now;
	current = next;
	fiber_switch(&fibers[prev]->ctx, &fibers[next]->ctx);
}

void
fiber_yield(void)
{
	schedule();
}

void
fiber_sleep(const void *chan)
{
	struct fiber *f = fibers[current];

	f->chan = chan;
	f->state = FIBER_SLEEPING;
	schedule();
	f->chan = NULL;
}

void
fiber_wakeup(const void *chan)
{
	for (int i = 1; i < nfibers; i++) {
		if (fibers[i]->state == FIBER_SLEEPING && fibers[i]->chan == chan)
			fibers[i]->state = FIBER_RUNNABLE;
	}
}

void
fiber_wake(struct fiber *f)
{
	if (f->state == FIBER_SLEEPING)
		f->state = FIBER_RUNNABLE;
}

void
fiber_exit(void)
{
	fibers[current]->state = FIBER_DEAD;
	schedule();
	panic("a dead fiber ran again");
}

void
fiber_idle_loop(void)
{
	for (;;) {
		if (pick_next() != 0)
			schedule();
		else
			irq_idle_wait();
	}
}
