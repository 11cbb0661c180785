/* vfork and posix_spawn: the child runs in the parent's memory until it
 * execs or ends; a spawn that cannot exec reports why. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void
spawn(const char *path)
{
	char *argv[] = { (char *)path, "spawned", NULL };
	pid_t pid;
	int st, r = posix_spawn(&pid, path, NULL, NULL, argv, environ);

	if (r) {
		printf("posix_spawn %s: %s\n", path, strerror(r));
		return;
	}
	waitpid(pid, &st, 0);
	printf("posix_spawn %s: exited %d\n", path, WEXITSTATUS(st));
}

int
main(void)
{
	volatile int seen = 0;
	pid_t pid;
	int st;

	setvbuf(stdout, NULL, _IONBF, 0);
	pid = vfork();
	if (pid == 0) {
		seen = 1;	/* the parent's memory: it sees this */
		_exit(5);
	}
	waitpid(pid, &st, 0);
	printf("vfork: exited %d, parent sees %d\n", WEXITSTATUS(st), seen);
	spawn("/bin/exit7");
	spawn("/bin/no-such-program");
	spawn("/data/garbage");
	/* A thread is not a process: refused, the caller goes on. */
	errno = 0;
	printf("clone a thread: %ld %s\n", syscall(SYS_clone, CLONE_VM |
	    CLONE_THREAD | CLONE_SIGHAND, 0, 0, 0, 0), strerror(errno));
	return 0;
}
