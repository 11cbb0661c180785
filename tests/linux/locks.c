/*
 * Record locks between programs, driven by tests/programs/lockcheck.c
 * (not run under qemu-riscv64 alone: it needs a second program).
 *
 *   locks hold F         write-locks bytes 0-9 of F, says so, makes F.held
 *                        and sleeps until killed
 *   locks try F ID       F_SETLK on bytes 0-9 fails; F_GETLK names ID; a
 *                        lock of bytes 20-29 is fine
 *   locks wait F         makes F.waiting, then F_SETLKW on bytes 0-9
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void
mark(const char *path, const char *suffix)
{
	char name[256];

	snprintf(name, sizeof(name), "%s%s", path, suffix);
	close(open(name, O_WRONLY | O_CREAT, 0644));
}

int
main(int argc, char **argv)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
	    .l_start = 0, .l_len = 10 };
	struct timespec hour = { 3600, 0 };
	int fd;

	if (argc < 3)
		return 2;
	fd = open(argv[2], O_RDWR | O_CREAT, 0644);
	if (strcmp(argv[1], "hold") == 0) {
		if (fcntl(fd, F_SETLK, &fl) != 0)
			return printf("hold: %s\n", strerror(errno)), 1;
		printf("hold: locked 0-9\n");
		fflush(stdout);
		mark(argv[2], ".held");
		for (;;)
			nanosleep(&hour, NULL);
	}
	if (strcmp(argv[1], "try") == 0 && argc > 3) {
		printf("try: F_SETLK: %s\n", fcntl(fd, F_SETLK, &fl) ?
		    strerror(errno) : "locked?!");
		fl.l_type = F_RDLCK;
		fcntl(fd, F_GETLK, &fl);
		printf("try: F_GETLK: %s %ld-%ld, by the holder: %d\n",
		    fl.l_type == F_WRLCK ? "write lock" : "no conflict",
		    (long)fl.l_start, (long)(fl.l_start + fl.l_len - 1),
		    fl.l_pid == atoi(argv[3]));
		fl.l_type = F_WRLCK;
		fl.l_start = 20;
		printf("try: bytes 20-29: %s\n", fcntl(fd, F_SETLK, &fl) ?
		    strerror(errno) : "locked");
		return 0;
	}
	if (strcmp(argv[1], "wait") == 0) {
		mark(argv[2], ".waiting");
		printf("wait: F_SETLKW: %s\n", fcntl(fd, F_SETLKW, &fl) ?
		    strerror(errno) : "locked once the holder ended");
		return 0;
	}
	return 2;
}
