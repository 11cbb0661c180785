/*
 * The fibers are a ring through their own structures (no table, so no
 * limit): the idle fiber first, each started fiber linked in before it,
 * so round robin walks them in the order they started.  A fiber that
 * ends leaves the ring at once: nothing looks at it again, and its
 * memory (a Subject's) can be freed as soon as another fiber runs.
 */
#include "fiber.h"
#include "kernel.h"

static struct fiber idle;
static struct fiber *current;
static uint64_t since;		/* when the current fiber got the CPU */

void
fiber_init(void)
{
	idle.state = FIBER_RUNNABLE;
	idle.next = idle.prev = &idle;
	current = &idle;
	since = hal_time();
}

static void
unlink_fiber(struct fiber *f)
{
	f->prev->next = f->next;
	f->next->prev = f->prev;
	f->next = f->prev = NULL;
}

void
fiber_start(struct fiber *f, void *stack_top, void (*fn)(void *), void *arg)
{
	if (f->next)
		unlink_fiber(f);	/* started again: it runs anew */
	context_init(&f->ctx, stack_top, fn, arg);
	f->chan = NULL;
	f->ran = 0;
	f->state = FIBER_RUNNABLE;
	f->prev = idle.prev;
	f->next = &idle;
	idle.prev->next = f;
	idle.prev = f;
}

uint64_t
fiber_ran(const struct fiber *f)
{
	return f == current ? f->ran + (hal_time() - since) : f->ran;
}

uint64_t
fiber_idle_ran(void)
{
	return fiber_ran(&idle);
}

struct fiber *
fiber_running(void)
{
	return current == &idle ? NULL : current;
}

/* Round robin: the next runnable fiber after `from`; idle last. */
static struct fiber *
pick_next(struct fiber *from)
{
	for (struct fiber *f = from->next; f != from; f = f->next) {
		if (f != &idle && f->state == FIBER_RUNNABLE)
			return f;
	}
	if (from != &idle && from->state == FIBER_RUNNABLE)
		return from;
	return &idle;
}

/* `prev` is the fiber leaving; when it ended it is out of the ring
 * already, and the walk starts where it was (`from`). */
static void
switch_from(struct fiber *prev, struct fiber *from)
{
	struct fiber *next = pick_next(from);
	uint64_t now;

	if (next == prev)
		return;
	if (next == &idle && prev != &idle && prev->state == FIBER_RUNNABLE)
		return;		/* nobody else wants the CPU */
	now = hal_time();
	prev->ran += now - since;
	since = now;
	current = next;
	fiber_switch(&prev->ctx, &next->ctx);
}

void
fiber_yield(void)
{
	switch_from(current, current);
}

void
fiber_sleep(const void *chan)
{
	struct fiber *f = current;

	f->chan = chan;
	f->state = FIBER_SLEEPING;
	switch_from(f, f);
	f->chan = NULL;
}

void
fiber_wakeup(const void *chan)
{
	for (struct fiber *f = idle.next; f != &idle; f = f->next) {
		if (f->state == FIBER_SLEEPING && f->chan == chan)
			f->state = FIBER_RUNNABLE;
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
	struct fiber *f = current, *from = f->prev;

	f->state = FIBER_DEAD;
	unlink_fiber(f);
	switch_from(f, from);
	panic("a dead fiber ran again");
}

void
fiber_idle_loop(int (*work)(void))
{
	for (;;) {
		if (pick_next(&idle) != &idle)
			switch_from(&idle, &idle);
		else if (!work())
			irq_idle_wait();
	}
}
