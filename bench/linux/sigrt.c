/*
 * A Linux program for `make bench` (bench/run.py): the signal round
 * trip, kill of itself, the handler entered on its frame, rt_sigreturn.
 *
 *   sigrt -t|-i ROUNDS
 *
 * -t reads rdtime (nanoseconds at QEMU virt's 10 MHz), -i rdinstret.
 * Each round prints "@ sig_roundtrip <round> <ops> <interval>" and
 * "@ sig_empty <round> 1 <interval>" (the clock's own cost), as bench
 * does, then "sigrt: done".
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OPS	1000
#define TIMEBASE_HZ	10000000ull	/* QEMU virt's */

static volatile unsigned handled;
static int use_time;

static void
on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static uint64_t
now(void)
{
	uint64_t v;

	if (use_time) {
		__asm__ volatile("rdtime %0" : "=r"(v));
		return v * (1000000000ull / TIMEBASE_HZ);
	}
	__asm__ volatile("rdinstret %0" : "=r"(v));
	return v;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	pid_t me = getpid();
	int rounds;

	if (argc != 3 || (strcmp(argv[1], "-t") && strcmp(argv[1], "-i"))) {
		fprintf(stderr, "usage: sigrt -t|-i ROUNDS\n");
		return 2;
	}
	use_time = argv[1][1] == 't';
	rounds = atoi(argv[2]);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	for (int r = 0; r < rounds; r++) {
		uint64_t t0 = now(), t1;

		t1 = now();
		printf("@ sig_empty %d 1 %lu\n", r, (unsigned long)(t1 - t0));
		handled = 0;
		t0 = now();
		for (int i = 0; i < OPS; i++)
			kill(me, SIGUSR1);
		t1 = now();
		if (handled != OPS) {
			printf("sigrt: %u of %d signals handled\n", handled, OPS);
			return 1;
		}
		printf("@ sig_roundtrip %d %d %lu\n", r, OPS,
		    (unsigned long)(t1 - t0));
	}
	printf("sigrt: done\n");
	return 0;
}
