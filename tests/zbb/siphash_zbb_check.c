/*
 * Checks hal/riscv64/siphash_zbb.S against the SipHash reference vectors:
 * built with riscv64-linux-gnu-gcc -static and run under qemu-riscv64 by
 * tests/e2e/test_provenance.py, since the host cannot run RISC-V code.
 * Reads the vectors file named by argv[1]; prints a line per failure and
 * "zbb: N vectors ok" at the end.
 */
#include <stdio.h>
#include <string.h>

#include "siphash.h"

void siphash_compress_zbb(uint64_t v[4], const uint64_t *m, size_t n);

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return c - 'a' + 10;
}

int
main(int argc, char **argv)
{
	uint8_t key[16], msg[64], want[16], got[16];
	char line[256];
	int checked = 0, bad = 0;
	FILE *f;

	if (argc != 2 || !(f = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: siphash_zbb_check VECTORS\n");
		return 2;
	}
	for (int i = 0; i < 16; i++)
		key[i] = (uint8_t)i;
	for (int i = 0; i < 64; i++)
		msg[i] = (uint8_t)i;
	siphash_compress = siphash_compress_zbb;
	while (fgets(line, sizeof(line), f)) {
		uint8_t shifted[65];
		int outlen, len;
		char hex[40];

		if (sscanf(line, "sip%d %d %39s", &outlen, &len, hex) != 3 ||
		    (outlen != 64 && outlen != 128) || len < 0 || len > 64 ||
		    strlen(hex) != (size_t)outlen / 4)
			continue;
		outlen /= 8;
		for (int i = 0; i < outlen; i++)
			want[i] = (uint8_t)(hexval(hex[2 * i]) << 4 |
			    hexval(hex[2 * i + 1]));
		siphash24(key, msg, (size_t)len, got, outlen);
		checked++;
		if (memcmp(got, want, (size_t)outlen) != 0) {
			printf("zbb: sip%d of %d bytes differs\n", outlen * 8,
			    len);
			bad++;
		}
		/* From an odd address: the word-at-a-time path for tails. */
		memcpy(shifted + 1, msg, (size_t)len);
		siphash24(key, shifted + 1, (size_t)len, got, outlen);
		if (memcmp(got, want, (size_t)outlen) != 0) {
			printf("zbb: sip%d of %d unaligned bytes differs\n",
			    outlen * 8, len);
			bad++;
		}
	}
	fclose(f);
	printf("zbb: %d vectors %s\n", checked, bad ? "FAILED" : "ok");
	return bad != 0 || checked == 0;
}
