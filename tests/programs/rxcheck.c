/*
 * Reads exactly N bytes of console input (argv[1], default 4096) and
 * prints how many arrived and their FNV-1a hash, so a test can check that
 * pasted input arrives intact.  The terminal is put in raw mode first (no
 * line editing, echo or signal keys, CR kept), as a program that takes
 * pasted bytes must on any Unix, and back as it was at the end.
 */
#include "libnexus.h"

int
main(int argc, char **argv)
{
	unsigned long want = 4096, got = 0;
	uint32_t hash = 2166136261u;
	char buf[300];
	NxTermios cooked, raw;
	int tty = nx_tty(0, NX_TTY_GET, &cooked) == 0;

	if (argc > 1) {
		want = 0;
		for (const char *p = argv[1]; *p >= '0' && *p <= '9'; p++)
			want = want * 10 + (unsigned long)(*p - '0');
	}
	if (tty) {
		raw = cooked;
		raw.lflag &= ~(uint32_t)(NX_ICANON | NX_ECHO | NX_ISIG |
		    NX_IEXTEN);
		raw.iflag &= ~(uint32_t)NX_ICRNL;
		nx_tty(0, NX_TTY_SET, &raw);
	}
	nx_printf("rxcheck: ready for %lu bytes\n", want);
	while (got < want) {
		size_t ask = want - got < sizeof(buf) ? want - got : sizeof(buf);
		long n = nx_read(buf, ask);

		if (n <= 0) {
			nx_printf("rxcheck: read: %s\n", nx_strerror(n));
			return 1;
		}
		for (long i = 0; i < n; i++)
			hash = (hash ^ (uint8_t)buf[i]) * 16777619u;
		got += (unsigned long)n;
	}
	if (tty)
		nx_tty(0, NX_TTY_SET, &cooked);
	nx_printf("rxcheck: %lu bytes, fnv1a %08x\n", got, hash);
	return 0;
}
