/*
 * futex in a process of one thread: glibc's pthread_once wakes waiters
 * after its first call (gethostid's resolver start does, and glibc aborts
 * when futex fails); a wake finds nobody; a wait returns at once when the
 * word changed, else at its timeout; a word misaligned is refused, and
 * one not mapped unless a private wake (which Linux does not look at).
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int runs;
static uint32_t words[2] = { 1, 0 };

static void
init(void)
{
	runs++;
}

static void
said(const char *what, long r)
{
	printf("%s: %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
}

static long
futex(void *word, int op, uint32_t val, const struct timespec *ts)
{
	return syscall(SYS_futex, word, op, val, ts, NULL, 0);
}

int
main(void)
{
	struct timespec ms = { 0, 1000000 };

	pthread_once(&once, init);
	pthread_once(&once, init);
	printf("once: ran %d time(s)\n", runs);
	said("wake private", futex(&words[0], FUTEX_WAKE_PRIVATE, INT_MAX,
	    NULL));
	said("wake shared", futex(&words[0], FUTEX_WAKE, 1, NULL));
	said("wait changed", futex(&words[0], FUTEX_WAIT_PRIVATE, 2, NULL));
	said("wait timeout", futex(&words[0], FUTEX_WAIT_PRIVATE, 1, &ms));
	said("wake misaligned", futex((char *)&words[0] + 1,
	    FUTEX_WAKE_PRIVATE, 1, NULL));
	said("wake unmapped", futex((void *)16, FUTEX_WAKE_PRIVATE, 1, NULL));
	said("wake shared unmapped", futex((void *)16, FUTEX_WAKE, 1, NULL));
	said("wait unmapped", futex((void *)16, FUTEX_WAIT_PRIVATE, 0, NULL));
	return 0;
}
