/*
 * A Linux parent and its child under NipBox:
 *   orphans chain    the child reads the terminal while its parent waits
 *                    in wait4 (the foreground follows the wait)
 *   orphans orphan   the parent ends first: the child is adopted by the
 *                    first Subject (getppid says so) and reaped by it
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int
chain(void)
{
	char buf[64];
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		ssize_t n = read(0, buf, sizeof(buf) - 1);

		buf[n > 0 ? n : 0] = '\0';
		printf("child read %s", buf);
		return 0;
	}
	waitpid(pid, &st, 0);
	printf("parent: child exited %d\n", WEXITSTATUS(st));
	return 0;
}

static int
orphan(void)
{
	struct timespec ts = { 0, 10000000 };
	pid_t parent = getpid();

	if (fork() == 0) {
		while (getppid() == parent)
			nanosleep(&ts, NULL);
		printf("orphan: adopted by %d\n", (int)getppid());
		return 0;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && strcmp(argv[1], "orphan") == 0)
		return orphan();
	return chain();
}
