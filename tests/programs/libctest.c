/*
 * Ordinary C against picolibc through the membrane: printf with floats,
 * malloc of several MiB, stdio on a file of the archive, time, errno, argv
 * and the exit status.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int
check_file(void)
{
	char line[64];
	FILE *f = fopen("/etc/motd", "r");
	long size;

	if (!f) {
		printf("libctest: fopen: %s\n", strerror(errno));
		return 1;
	}
	if (!fgets(line, sizeof(line), f))
		return 1;
	printf("libctest: motd says: %s", line);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 5, SEEK_SET);
	printf("libctest: motd is %ld bytes; from 5: %c%c\n", size, fgetc(f),
	    fgetc(f));
	fclose(f);
	/* For appending, which changes nothing until something is written
	 * (the root is writable now). */
	f = fopen("/etc/motd", "a");
	printf("libctest: fopen for writing: %s\n",
	    f ? "opened" : strerror(errno));
	if (f)
		fclose(f);
	return 0;
}

static int
check_malloc(void)
{
	size_t n = 6u << 20;
	unsigned char *p = malloc(n);
	unsigned long sum = 0;

	if (!p) {
		printf("libctest: malloc of 6 MiB failed\n");
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)i;
	for (size_t i = 0; i < n; i += 4096)
		sum += p[i + 7];
	free(p);
	printf("libctest: malloc 6 MiB ok, sum %lu\n", sum);
	return 0;
}

int
main(int argc, char **argv)
{
	struct timespec a, b;
	double x = 3.14159265;

	printf("libctest: pi %f, %.3f, %e, %g\n", x, x, x * 1e6, x / 1e3);
	printf("libctest: %d args:", argc - 1);
	for (int i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	if (check_malloc() || check_file())
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("libctest: clock %s\n", b.tv_sec > a.tv_sec ||
	    (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec) ? "moves on" :
	    "goes back");
	fprintf(stderr, "libctest: to stderr\n");
	return argc > 1 ? atoi(argv[argc - 1]) : 0;
}
