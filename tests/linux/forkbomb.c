/* A fork bomb: every process forks as long as it can; the first to be
 * refused says so, and then they all wait to be ended (Ctrl-C). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

int
main(void)
{
	struct timespec ts = { 1, 0 };
	pid_t top = getpid();

	setvbuf(stdout, NULL, _IONBF, 0);
	for (;;) {
		pid_t pid = fork();

		if (pid < 0) {
			int e = errno;
			struct sysinfo si;

			sysinfo(&si);
			if (getpid() == top)
				printf("forkbomb: %s processes, then fork: %s\n",
				    si.procs >= 256 ? "256 or more" : "fewer than 256",
				    strerror(e));
			break;
		}
	}
	for (;;)
		nanosleep(&ts, NULL);
}
