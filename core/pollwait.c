#include "fiber.h"
#include "pollwait.h"

static const char pollers[1];		/* what a poller sleeps on */
static unsigned timed;			/* pollers asleep with a deadline */

void
poll_notify(void)
{
	fiber_wakeup(pollers);
}

void
poll_sleep(uint64_t deadline)
{
	if (deadline) {
		timed++;
		timer_at(deadline);
	}
	fiber_sleep(pollers);
	if (deadline)
		timed--;
}

/* Only a poller with a deadline needs the tick, and it checks the time
 * itself: waking it early is harmless. */
void
poll_tick(void)
{
	if (timed)
		fiber_wakeup(pollers);
}
