/* printf of integers and doubles. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

int
main(void)
{
	double x = 1.0;

	printf("%d %u %ld %lx %" PRId64 " %05d|%-6d|\n", -42, 42u,
	    -1234567890123L, 0xdeadbeefUL, INT64_MIN, 7, 8);
	for (int i = 0; i < 8; i++, x *= -3.7)
		printf("%f %.2e %g %10.4f\n", x, x, x, x);
	printf("%.17g %.17g\n", 0.1 + 0.2, sqrt(2.0));
	return 0;
}
