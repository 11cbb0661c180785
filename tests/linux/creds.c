/*
 * The small calls shells and tools ask for: groups, umask, getrusage,
 * times, prctl names, CPU affinity, and the setuid/setgid family as
 * root and after giving root up.  Run as root; every line must be the
 * same under qemu-riscv64 and under rumpk, so none prints what depends
 * on the machine (the number of CPUs, how long anything took).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <unistd.h>

static const char *
err(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

static void
groups(void)
{
	gid_t set[3] = { 7, 3, 5 }, got[8];
	long r;

	r = setgroups(3, set);
	printf("setgroups 7 3 5: %s\n", err(r));
	r = getgroups(0, NULL);
	printf("getgroups count: %ld\n", r);
	r = getgroups(8, got);
	printf("getgroups: %ld: %u %u %u\n", r, got[0], got[1], got[2]);
	r = getgroups(1, got);
	printf("getgroups into 1: %ld %s\n", r, err(r));
	r = syscall(SYS_getgroups, -1, got);
	printf("getgroups into -1: %ld %s\n", r, err(r));
	r = syscall(SYS_getgroups, 8, 8);
	printf("getgroups into a wild pointer: %ld %s\n", r, err(r));
	r = setgroups(0, NULL);
	printf("setgroups none: %s, now %d\n", err(r), getgroups(0, NULL));
}

static void
mask(void)
{
	struct stat st;
	int fd;

	umask(027);
	printf("umask back: %03o\n", umask(022));
	umask(027);
	fd = open("umask.tmp", O_CREAT | O_EXCL | O_WRONLY, 0666);
	fstat(fd, &st);
	printf("created 0666 under 027: %03o\n", st.st_mode & 0777);
	close(fd);
	unlink("umask.tmp");
	mkdir("umask.dir", 0777);
	stat("umask.dir", &st);
	printf("mkdir 0777 under 027: %03o\n", st.st_mode & 0777);
	rmdir("umask.dir");
	printf("umask keeps 0777 only: %03o\n", umask(0177777) & 0777);
	printf("and then: %03o\n", umask(022));
}

static void
usage(void)
{
	struct rusage ru;
	struct timeval t0, t;
	struct tms tm;
	long r, spins = 0;

	r = getrusage(RUSAGE_SELF, &ru);
	printf("getrusage self: %s, usec in range %d\n", err(r),
	    ru.ru_utime.tv_usec < 1000000 && ru.ru_stime.tv_usec < 1000000);
	r = getrusage(RUSAGE_CHILDREN, &ru);
	printf("getrusage children: %s\n", err(r));
	r = getrusage(5, &ru);
	printf("getrusage 5: %ld %s\n", r, err(r));
	r = syscall(SYS_getrusage, RUSAGE_SELF, 8);
	printf("getrusage into a wild pointer: %ld %s\n", r, err(r));
	/* CPU time must grow while the program computes (a limit on the
	 * wall clock stops the loop if it never does). */
	gettimeofday(&t0, NULL);
	do {
		for (volatile int i = 0; i < 100000; i++)
			spins++;
		times(&tm);
		gettimeofday(&t, NULL);
	} while (tm.tms_utime + tm.tms_stime < 3 && t.tv_sec - t0.tv_sec < 60);
	printf("times counts CPU time: %s\n",
	    tm.tms_utime + tm.tms_stime >= 3 ? "yes" : "no");
	getrusage(RUSAGE_SELF, &ru);
	printf("getrusage agrees: %s\n", ru.ru_utime.tv_sec * 100 +
	    ru.ru_utime.tv_usec / 10000 + ru.ru_stime.tv_sec * 100 +
	    ru.ru_stime.tv_usec / 10000 >= 3 ? "yes" : "no");
	r = syscall(SYS_times, 8);
	printf("times into a wild pointer: %ld %s\n", r, err(r));
}

static void
names(void)
{
	char name[32];
	long r;

	r = prctl(PR_SET_NAME, "renamed-by-prctl-and-cut");
	printf("PR_SET_NAME: %s\n", err(r));
	memset(name, 'x', sizeof(name));
	r = prctl(PR_GET_NAME, name);
	printf("PR_GET_NAME: %s \"%s\"\n", err(r), name);
	r = prctl(PR_SET_NAME, 8);
	printf("PR_SET_NAME of a wild pointer: %ld %s\n", r, err(r));
	r = prctl(PR_GET_NAME, 8);
	printf("PR_GET_NAME into a wild pointer: %ld %s\n", r, err(r));
	r = prctl(9999, 0);
	printf("prctl 9999: %ld %s\n", r, err(r));
	prctl(PR_SET_NAME, "creds");
}

static void
affinity(void)
{
	cpu_set_t set;
	long r;

	r = sched_getaffinity(0, sizeof(set), &set);
	printf("sched_getaffinity: %s, CPU 0 in it: %d\n", err(r),
	    CPU_ISSET(0, &set));
	r = syscall(SYS_sched_getaffinity, 0, 4, &set);
	printf("sched_getaffinity into 4 bytes: %ld %s\n", r, err(r));
	r = syscall(SYS_sched_getaffinity, 0x3fffffff, sizeof(set), &set);
	printf("sched_getaffinity of nobody: %ld %s\n", r, err(r));
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	r = sched_setaffinity(0, sizeof(set), &set);
	printf("sched_setaffinity CPU 0: %s\n", err(r));
	CPU_ZERO(&set);
	r = sched_setaffinity(0, sizeof(set), &set);
	printf("sched_setaffinity none: %ld %s\n", r, err(r));
}

static void
ids(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;
	long x;

	printf("ids: %d %d %d %d\n", getuid(), geteuid(), getgid(),
	    getegid());
	x = setresgid(1, 2, 3);
	getresgid(&gr, &ge, &gs);
	printf("setresgid 1 2 3: %s, %u %u %u\n", err(x), gr, ge, gs);
	printf("setfsgid 9: was %d, then %d\n", setfsgid(9), setfsgid(-1));
	x = setgid(100);
	getresgid(&gr, &ge, &gs);
	printf("setgid 100: %s, %u %u %u, gid %d\n", err(x), gr, ge, gs,
	    getgid());
	x = setregid(4, -1);
	getresgid(&gr, &ge, &gs);
	printf("setregid 4 -1: %s, %u %u %u\n", err(x), gr, ge, gs);
	x = setreuid(5, -1);
	getresuid(&r, &e, &s);
	printf("setreuid 5 -1: %s, %u %u %u\n", err(x), r, e, s);
	x = setresuid(-1, 7, -1);
	getresuid(&r, &e, &s);
	printf("setresuid -1 7 -1: %s, %u %u %u, euid %d\n", err(x), r, e, s,
	    geteuid());
	x = setresuid(-1, 8, -1);
	printf("not root, setresuid -1 8 -1: %ld %s\n", x, err(x));
	x = setgroups(0, NULL);
	printf("not root, setgroups: %ld %s\n", x, err(x));
	x = setuid(0);
	getresuid(&r, &e, &s);
	printf("setuid 0 (the saved id): %s, %u %u %u\n", err(x), r, e, s);
	x = setuid(1000);
	getresuid(&r, &e, &s);
	printf("setuid 1000: %s, %u %u %u\n", err(x), r, e, s);
	x = setuid(0);
	printf("setuid 0 after: %ld %s\n", x, err(x));
	x = setgid(0);
	printf("setgid 0 after: %ld %s\n", x, err(x));
	x = syscall(SYS_setuid, -1);
	printf("setuid -1: %ld %s\n", x, err(x));
	x = syscall(SYS_getresuid, &r, 8, &s);
	printf("getresuid into a wild pointer: %ld %s\n", x, err(x));
	printf("setfsuid 1000: was %d\n", setfsuid(1000));
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	groups();
	mask();
	usage();
	names();
	affinity();
	ids();
	return 0;
}
