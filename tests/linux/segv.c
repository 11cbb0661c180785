/* A deliberate segmentation fault, after saying so. */
#include <stdio.h>

int
main(void)
{
	volatile int *p = 0;

	printf("about to fault\n");
	fflush(stdout);
	*p = 1;
	printf("still here?!\n");
	return 0;
}
