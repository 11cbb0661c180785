/*
 * Record locks between Subjects: runs the Linux program /bin/locks
 * (tests/linux/locks.c) as a holder, a second Subject that finds the
 * lock taken, a third that waits for it in F_SETLKW and is killed there,
 * and a fourth that waits until the holder is killed (its locks go when
 * it ends).  Synchronised by files the
 * programs make and by the waiter's state, never by time.
 */
#include "libnexus.h"

static long
start(char *mode, char *arg)
{
	char *argv[] = { "locks", mode, "/lk", arg, NULL };
	char why[64];
	long id = nx_exec("/bin/locks", argv, NULL, 0, why, sizeof(why));

	if (id < 0)
		nx_printf("lockcheck: cannot start locks: %s\n",
		    nx_strerror(id));
	return id;
}

static void
until_exists(const char *path)
{
	NxStat st;

	while (nx_stat(path, &st) != 0)
		nx_yield();
}

/* Until Subject `id` is blocked in the kernel. */
static void
until_waiting(long id)
{
	NxSubjectInfo ps[32];

	for (;;) {
		long n = nx_ps(ps, 32);

		for (long i = 0; i < n; i++) {
			if (ps[i].id == (uint32_t)id &&
			    ps[i].state == NX_PS_WAITING)
				return;
		}
		nx_yield();
	}
}

static void
decimal(char *out, long v)
{
	char tmp[16];
	int n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (n > 0)
		*out++ = tmp[--n];
	*out = '\0';
}

int
main(void)
{
	char idtext[16];
	NxWaitArgs w;
	long holder, other, waiter;

	holder = start("hold", NULL);
	if (holder < 0)
		return 1;
	until_exists("/lk.held");
	decimal(idtext, holder);
	other = start("try", idtext);
	if (other < 0 || nx_wait((uint32_t)other, &w) != other)
		return 1;
	/* A waiter that is killed ends (F_SETLKW gives way to the kill). */
	waiter = start("wait", NULL);
	if (waiter < 0)
		return 1;
	until_exists("/lk.waiting");
	until_waiting(waiter);
	nx_kill((uint32_t)waiter);
	nx_wait((uint32_t)waiter, &w);
	nx_printf("lockcheck: a killed waiter ends: %s\n",
	    w.how == NX_WAIT_KILLED ? "yes" : "no");
	nx_unlink("/lk.waiting");
	waiter = start("wait", NULL);
	if (waiter < 0)
		return 1;
	until_exists("/lk.waiting");
	until_waiting(waiter);
	nx_printf("lockcheck: the waiter is blocked; ending the holder\n");
	nx_kill((uint32_t)holder);
	nx_wait((uint32_t)holder, &w);
	nx_wait((uint32_t)waiter, &w);
	nx_printf("lockcheck: waiter ended with %d\n", w.status);
	nx_unlink("/lk");
	nx_unlink("/lk.held");
	nx_unlink("/lk.waiting");
	return 0;
}
