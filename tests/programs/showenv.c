/*
 * showenv [name...]: what a picolibc program sees of its environment:
 * getenv of each name ("(unset)" when it is not there), then every string
 * of environ and their count.
 */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int
main(int argc, char **argv)
{
	int n = 0;

	for (int i = 1; i < argc; i++) {
		const char *v = getenv(argv[i]);

		printf("%s: %s\n", argv[i], v ? v : "(unset)");
	}
	for (char **e = environ; *e; e++, n++)
		printf("environ: %s\n", *e);
	printf("%d strings\n", n);
	return 0;
}
