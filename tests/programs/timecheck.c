/*
 * The wall clock of a picolibc program: time(), gettimeofday and
 * clock_gettime through the membrane, the SysTable's boot epoch, and the
 * clock since boot, in seconds.
 */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include "libnexus.h"

static long long
secs(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts) != 0)
		return -1;
	return ts.tv_sec;
}

int
main(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	printf("time %lld\n", (long long)time(NULL));
	printf("gettimeofday %lld\n", (long long)tv.tv_sec);
	printf("realtime %lld\n", secs(CLOCK_REALTIME));
	printf("epoch %lld\n",
	    (long long)(nx_systable()->boot_epoch_ns / 1000000000));
	printf("monotonic %lld\n", secs(CLOCK_MONOTONIC));
	return 0;
}
