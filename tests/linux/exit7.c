/* A non-zero exit status. */
#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
	printf("leaving with 7\n");
	exit(7);
}
