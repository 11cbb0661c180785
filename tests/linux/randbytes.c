/* Prints the 16 AT_RANDOM bytes (glibc's stack canary and pointer guard
 * come from them) and 16 bytes of getrandom, in hex. */
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/random.h>

static void
hex(const char *what, const unsigned char *p, int n)
{
	printf("%s ", what);
	for (int i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

int
main(void)
{
	const unsigned char *aux = (const unsigned char *)getauxval(AT_RANDOM);
	unsigned char buf[16];

	if (!aux) {
		printf("no AT_RANDOM\n");
		return 1;
	}
	if (getrandom(buf, sizeof(buf), 0) != (ssize_t)sizeof(buf)) {
		printf("getrandom failed\n");
		return 1;
	}
	hex("auxv", aux, 16);
	hex("getrandom", buf, 16);
	return 0;
}
