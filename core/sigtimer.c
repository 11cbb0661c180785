/*
 * ITIMER_REAL, the timer behind alarm(): each Subject's next SIGALRM
 * (sig.alarm_at, in timebase ticks) and its period.  The timer interrupt
 * (subject_tick) fires the alarms that are due and arms the hardware
 * timer for the earliest one left, so an alarm comes on time also when
 * nothing else runs.
 */
#include "kernel.h"
#include "subject.h"

/* The earliest alarm armed, or 0: ticks before it need no walk. */
static uint64_t next_alarm;

static void
arm(uint64_t when)
{
	if (!when)
		return;
	if (!next_alarm || when < next_alarm)
		next_alarm = when;
	timer_at(when);
}

void
signal_tick(void)
{
	uint64_t now = hal_time();

	if (!next_alarm)
		return;
	if (now < next_alarm) {
		/* This tick was another deadline's: the timer is free again. */
		timer_at(next_alarm);
		return;
	}
	next_alarm = 0;
	for (struct subject *s = subject_first(); s; s = subject_next(s)) {
		struct sigstate *ss = &s->sig;

		if (s->state != SUBJECT_LIVE || !ss->alarm_at)
			continue;
		if (now >= ss->alarm_at) {
			signal_send(s, SIGALRM);
			/* Periods missed while nothing ran are not made up. */
			ss->alarm_at = ss->alarm_every ?
			    now + ss->alarm_every : 0;
		}
		arm(ss->alarm_at);
	}
}

void
signal_alarm_set(struct subject *s, uint64_t at, uint64_t every)
{
	s->sig.alarm_at = at;
	s->sig.alarm_every = every;
	arm(at);
}
