/*
 * The signal keys reaching a Linux program that is the first Subject
 * (booted with init=/bin/initsig), as Linux's init: ^C reaches its
 * SIGINT handler and ends its busy loop; ^\ , whose SIGQUIT it does not
 * catch, does not end it.  tests/e2e/test_linux.py types the keys.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void
on_int(int sig)
{
	got = sig;
}

int
main(void)
{
	struct sigaction sa;
	char line[64];
	ssize_t n;

	setvbuf(stdout, NULL, _IONBF, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_int;
	sigaction(SIGINT, &sa, NULL);
	printf("spinning\n");
	while (!got)
		;
	printf("caught %s\n", got == SIGINT ? "SIGINT" : "something else");
	printf("type a line\n");
	n = read(0, line, sizeof(line) - 1);
	line[n > 0 ? n : 0] = '\0';
	printf("still here: %s", line);
	pause();
	return 0;
}
