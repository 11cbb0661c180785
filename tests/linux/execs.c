/* execve: a script, a native program, and what must fail (garbage, a
 * missing file, a missing interpreter, a #! loop, wild pointers), each
 * from a forked child whose status the parent prints. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void
try(const char *path, char **argv)
{
	char *envp[] = { "WHO=execs", NULL };
	pid_t pid;
	int st;

	pid = fork();
	if (pid == 0) {
		execve(path, argv, envp);
		printf("execve %s: %s\n", path, strerror(errno));
		_exit(99);
	}
	waitpid(pid, &st, 0);
	printf("-- %s: exited %d\n", path, WEXITSTATUS(st));
}

int
main(int argc, char **argv)
{
	char *args[] = { "x", "one", "two", NULL };
	char *wild[] = { "x", (char *)16, NULL };

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && strcmp(argv[1], "args") == 0) {
		/* Run as an interpreter: show what it was given. */
		for (int i = 0; i < argc; i++)
			printf("argv[%d] = %s\n", i, argv[i]);
		return 3;
	}
	try("/data/script.sh", args);
	try("/bin/hello", args);
	try("/data/garbage", args);
	try("/data/missing", args);
	try("/data/nointerp.sh", args);
	try("/data/loop.sh", args);
	try("/data/script.sh", wild);
	try("/data/script.sh", (char **)16);
	return 0;
}
