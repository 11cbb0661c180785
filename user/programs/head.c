/* head [-n N] [file...]: the first N lines (10) of each file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
head(FILE *f, long n)
{
	int ch;

	while (n > 0 && (ch = getc(f)) != EOF) {
		putchar(ch);
		if (ch == '\n')
			n--;
	}
}

int
main(int argc, char **argv)
{
	long n = 10;
	int first = 1, status = 0;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		char *end;

		n = strtol(argv[2], &end, 10);
		if (*end || n < 0) {
			fprintf(stderr, "head: bad line count: %s\n", argv[2]);
			return 2;
		}
		first = 3;
	}
	if (first == argc)
		head(stdin, n);
	for (int i = first; i < argc; i++) {
		FILE *f = fopen(argv[i], "r");

		if (!f) {
			fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (argc - first > 1)
			printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
		head(f, n);
		fclose(f);
	}
	return status;
}
