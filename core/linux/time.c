/* Linux clocks and sleeps: the wall clock and the time since boot. */
#include "linux.h"
#include "usercopy.h"

static int64_t
put_time(struct subject *s, uint64_t ubuf, uint64_t ns, int micro)
{
	struct linux_timespec ts = { (int64_t)(ns / 1000000000),
	    (int64_t)(ns % 1000000000) };

	if (micro)
		ts.nsec /= 1000;
	return copy_to_user(s->uc.root, ubuf, &ts, sizeof(ts));
}

int64_t
sys_clock_gettime(struct subject *s, const uint64_t *a)
{
	/* REALTIME, _COARSE, _ALARM and TAI (no leap seconds are known, so
	 * it is realtime) read the wall clock; the others count from boot. */
	static const uint16_t wall = 1u << 0 | 1u << 5 | 1u << 8 | 1u << 11;

	if (a[0] > 11)
		return NX_EINVAL;
	return put_time(s, a[1], wall >> a[0] & 1 ? realtime_ns() :
	    uptime_ns(), 0);
}

int64_t
sys_clock_getres(struct subject *s, const uint64_t *a)
{
	struct linux_timespec ts = { 0, 100 };	/* the 10 MHz timebase */

	if (!a[1])
		return 0;
	return copy_to_user(s->uc.root, a[1], &ts, sizeof(ts));
}

int64_t
sys_gettimeofday(struct subject *s, const uint64_t *a)
{
	return a[0] ? put_time(s, a[0], realtime_ns(), 1) : 0;
}

static int64_t
sleep_for(struct subject *s, uint64_t uts)
{
	struct linux_timespec ts;

	if (copy_from_user(s->uc.root, &ts, uts, sizeof(ts)))
		return NX_EFAULT;
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
		return NX_EINVAL;
	return subject_sleep(s, (uint64_t)ts.sec * 1000000000 +
	    (uint64_t)ts.nsec);
}

int64_t
sys_nanosleep(struct subject *s, const uint64_t *a)
{
	return sleep_for(s, a[0]);
}

int64_t
sys_clock_nanosleep(struct subject *s, const uint64_t *a)
{
	if (a[1] & 1)		/* TIMER_ABSTIME: not for a clock from boot */
		return NX_EINVAL;
	return sleep_for(s, a[2]);
}
