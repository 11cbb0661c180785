/* argv and the environment, as a Linux program sees them. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int
main(int argc, char **argv)
{
	int n = 0;

	printf("hello from a static Linux binary\n");
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	for (char **e = environ; *e; e++)
		n++;
	printf("%d environment strings\n", n);
	printf("PATH=%s HOME=%s TERM=%s\n", getenv("PATH"), getenv("HOME"),
	    getenv("TERM"));
	return 0;
}
