/* clock_gettime moves forward; nanosleep sleeps at least as asked. */
#include <stdio.h>
#include <time.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(void)
{
	struct timespec nap = { 0, 20000000 };
	double a = now(), b, c;

	b = now();
	nanosleep(&nap, NULL);
	c = now();
	printf("monotonic: %s\n", b >= a ? "yes" : "no");
	printf("slept 20 ms: %s\n", c - b >= 0.02 ? "yes" : "no");
	return 0;
}
