/*
 * Waiting for any of several objects at once (poll, select): one wait
 * channel for everything a poller may watch.  Whatever can make a
 * descriptor ready (a pipe read or written or closed, console input, a
 * change of who has the terminal) calls poll_notify(); every poller
 * wakes, looks at its descriptors again and sleeps again if none is
 * ready.  Waking all of them for any change is the price of simplicity:
 * pollers are few, and looking costs a call per descriptor.
 *
 * The kernel runs with interrupts off, so a notify cannot fall between a
 * poller's look and its sleep.
 */
#ifndef RUMPK_POLLWAIT_H
#define RUMPK_POLLWAIT_H

#include <stdint.h>

/* Something a poller may be waiting for changed. */
void poll_notify(void);
/* Sleeps until poll_notify(), a kill or signal (fiber_wake), or the
 * timer reaching `deadline` (timebase ticks; 0: no deadline). */
void poll_sleep(uint64_t deadline);
/* The timer ticked: pollers with a deadline look at the time. */
void poll_tick(void);

#endif
