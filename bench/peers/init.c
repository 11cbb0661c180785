/*
 * Linux's floor for `make bench-peers`: a tiny static init that prints a
 * prompt, runs one program per line (its path and arguments split at
 * spaces), waits for it, and powers off on "poweroff".  It plays NipBox's
 * part, no more, so that both systems are timed to a comparable prompt.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROMPT	"linux$ "
#define MAXARGS	16

static char line[1024];

/* Reads one line from the console; -1 at its end. */
static int
read_line(void)
{
	size_t n = 0;
	char c = 0;

	while (read(0, &c, 1) == 1) {
		if (c == '\n')
			break;
		if (n + 1 < sizeof(line))
			line[n++] = c;
	}
	line[n] = 0;
	return n == 0 && c != '\n' ? -1 : 0;
}

static void
run_line(void)
{
	char *argv[MAXARGS + 1], *save = NULL;
	int argc = 0, status;
	pid_t pid;

	for (char *w = strtok_r(line, " ", &save); w && argc < MAXARGS;
	    w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	if (argc == 0)
		return;
	if (strcmp(argv[0], "poweroff") == 0) {
		sync();
		reboot(RB_POWER_OFF);
		printf("init: poweroff: %s\n", strerror(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		printf("init: fork: %s\n", strerror(errno));
		return;
	}
	if (pid == 0) {
		execv(argv[0], argv);
		printf("init: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) == pid && status != 0)
		printf("init: %s: status %d\n", argv[0], status);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	for (;;) {
		fputs(PROMPT, stdout);
		if (read_line() < 0)
			return 0;
		run_line();
	}
}
