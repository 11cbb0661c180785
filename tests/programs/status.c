/* Exits with the status given as argv[1] (default 0), saying nothing. */
#include "libnexus.h"

int
main(int argc, char **argv)
{
	int v = 0, sign = 1;
	const char *p = argc > 1 ? argv[1] : "0";

	if (*p == '-') {
		sign = -1;
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	return sign * v;
}
