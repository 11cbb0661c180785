/*
 * Long argument lists, as a shell passes every applet's name or xargs a
 * thousand files: 1500 arguments reach the new program whole, and past
 * the limit (2048 arguments) execve answers E2BIG and the caller goes on.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *args[4000];
static char names[4000][8];

static void
run(int n)
{
	args[0] = "/bin/bigargs";
	for (int i = 1; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "a%d", i);
		args[i] = names[i];
	}
	args[n] = NULL;
	execv(args[0], args);
	printf("execve of %d arguments: %s\n", n, strerror(errno));
}

int
main(int argc, char **argv)
{
	if (argc > 1) {
		printf("%d arguments, the last %s\n", argc, argv[argc - 1]);
		return 0;
	}
	fflush(stdout);
	if (fork() == 0) {
		run(3000);
		run(1500);
		_exit(1);
	}
	wait(NULL);
	return 0;
}
