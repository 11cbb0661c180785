/*
 * Long argument lists, counted as Linux counts them: every string with
 * its NUL and 8 bytes for its pointer.  6000 short arguments (what
 * BusyBox's xargs puts in its 30 KiB) reach the new program whole.  Past
 * the budget execve answers E2BIG and the caller goes on: one argument of
 * 200 KiB (too long for Linux too), and 20000 short ones, whose strings
 * alone would fit rumpk's 128 KiB but not with their pointers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MANY 20000

static char *args[MANY + 1];
static char names[MANY][8];
static char huge[200 << 10];

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
	fflush(stdout);		/* before the next exec replaces us */
}

static void
run_huge(void)
{
	char *argv[] = { "/bin/bigargs", huge, NULL };

	memset(huge, 'h', sizeof(huge) - 1);
	execv(argv[0], argv);
	printf("execve of a 200 KiB argument: %s\n", strerror(errno));
	fflush(stdout);
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
		run_huge();
		run(MANY);
		run(6000);
		_exit(1);
	}
	wait(NULL);
	return 0;
}
