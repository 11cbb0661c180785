/*
 * Waits for terminal input with poll (or select: "pollin select"), for
 * the end-to-end test that types at it: "ready now" must be 0 before
 * anything is typed, and the wait must end when a line is typed.
 * Not compared with qemu-riscv64: its input is the test's typing.
 */
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

static int
wait_select(void)
{
	fd_set rd;
	int r;

	FD_ZERO(&rd);
	FD_SET(0, &rd);
	r = select(1, &rd, NULL, NULL, NULL);
	printf("select: %d, stdin %d\n", r, FD_ISSET(0, &rd) != 0);
	return r;
}

int
main(int argc, char **argv)
{
	struct pollfd p = { 0, POLLIN, 0 };
	char buf[64];
	long n;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("%s: ready now: %d\n", argv[0], poll(&p, 1, 0));
	printf("waiting\n");
	if (argc > 1 && strcmp(argv[1], "select") == 0) {
		wait_select();
	} else {
		n = poll(&p, 1, -1);
		printf("poll: %ld revents %#x\n", n, p.revents);
	}
	/* A raw terminal hands over what has arrived, maybe part of the
	 * line: read on to its end. */
	for (n = 0; n < (long)sizeof(buf); n++) {
		if (read(0, &buf[n], 1) != 1 || buf[n] == '\r' ||
		    buf[n] == '\n')
			break;
	}
	printf("read: %.*s\n", (int)n, buf);
	return 0;
}
