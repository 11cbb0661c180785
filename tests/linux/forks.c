/* fork and wait: exit and signal statuses, copy-on-write isolation,
 * WNOHANG, getppid, waitid, and waits for no child. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int shared_global = 100;
static char big[3 * 4096];	/* bss pages, written by both */

static void
statuses(void)
{
	int st;
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	printf("wait4 child: %s\n", waitpid(pid, &st, 0) == pid ? "yes" : "no");
	printf("exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	printf("signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
}

static void
isolation(void)
{
	int local = 1, st;
	char *heap = malloc(64);
	pid_t pid;

	strcpy(heap, "parent heap");
	memset(big, 'p', sizeof(big));
	pid = fork();
	if (pid == 0) {
		shared_global = 200;
		local = 2;
		strcpy(heap, "child heap");
		memset(big, 'c', sizeof(big));
		printf("child sees %d %d %s %c%c\n", shared_global, local,
		    heap, big[0], big[sizeof(big) - 1]);
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	shared_global++;
	printf("parent sees %d %d %s %c%c\n", shared_global, local, heap,
	    big[0], big[sizeof(big) - 1]);
	free(heap);
}

static void
nohang(void)
{
	int p[2], st;
	char c;
	pid_t pid, me = getpid();

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		read(p[0], &c, 1);
		_exit(getppid() == me ? 9 : 8);
	}
	close(p[0]);
	printf("WNOHANG while it runs: %d\n", (int)waitpid(pid, &st, WNOHANG));
	write(p[1], "x", 1);
	close(p[1]);
	waitpid(pid, &st, 0);
	printf("child knew its parent: %s\n", WEXITSTATUS(st) == 9 ? "yes" :
	    "no");
}

static void
by_waitid(void)
{
	siginfo_t si;
	pid_t pid = fork();

	if (pid == 0)
		_exit(42);
	memset(&si, 0, sizeof(si));
	waitid(P_PID, pid, &si, WEXITED);
	printf("waitid: pid ok %d signo %d code %d status %d\n",
	    si.si_pid == pid, si.si_signo, si.si_code, si.si_status);
	pid = fork();
	if (pid == 0)
		_exit(1);
	printf("wait(-1) finds it: %d\n", wait(NULL) == pid);
	pid = fork();
	if (pid == 0)
		_exit(1);
	printf("waitpid(0) finds it: %d\n", waitpid(0, NULL, 0) == pid);
}

static void
no_child(void)
{
	errno = 0;
	printf("wait, no child: %d %s\n", (int)wait(NULL), strerror(errno));
	errno = 0;
	printf("waitpid(1): %d %s\n", (int)waitpid(1, NULL, 0),
	    strerror(errno));
	errno = 0;
	printf("waitpid(-12345): %d %s\n", (int)waitpid(-12345, NULL, 0),
	    strerror(errno));
	errno = 0;
	printf("bad options: %d %s\n", (int)waitpid(-1, NULL, 0x100),
	    strerror(errno));
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	statuses();
	isolation();
	nohang();
	by_waitid();
	no_child();
	return 0;
}
