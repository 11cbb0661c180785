/*
 * SipHash against the reference vectors, and slab ownership (the audit
 * log is in test_audit.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "siphash.h"
#include "slab.h"
#include "test.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Checks one vector, hashing both in one go and byte by byte. */
static void
check_vector(const uint8_t key[16], const uint8_t *msg, int len,
    const char *hex, int outlen)
{
	uint8_t want[16], once[16], bytewise[16], odd[16];
	uint8_t shifted[72];
	struct siphash s;

	for (int i = 0; i < outlen; i++)
		want[i] = (uint8_t)(hexval(hex[2 * i]) << 4 |
		    hexval(hex[2 * i + 1]));
	siphash24(key, msg, (size_t)len, once, outlen);
	siphash_init(&s, key, outlen);
	for (int i = 0; i < len; i++)
		siphash_update(&s, msg + i, 1);
	siphash_final(&s, bytewise);
	/* From an odd address, into one. */
	memcpy(shifted + 1, msg, (size_t)len);
	siphash24(key, shifted + 1, (size_t)len, shifted, outlen);
	memcpy(odd, shifted, (size_t)outlen);
	test_note("sip%d length %d, unaligned", outlen * 8, len);
	CHECK(memcmp(odd, want, (size_t)outlen) == 0);
	test_note("sip%d length %d", outlen * 8, len);
	CHECK(memcmp(once, want, (size_t)outlen) == 0);
	test_note("sip%d length %d, byte by byte", outlen * 8, len);
	CHECK(memcmp(bytewise, want, (size_t)outlen) == 0);
}

void
test_siphash_vectors(void)
{
	char path[512], line[256], variant[16], hex[40];
	uint8_t key[16], msg[64];
	int n, count64 = 0, count128 = 0;
	FILE *f;

	for (int i = 0; i < 16; i++)
		key[i] = (uint8_t)i;
	for (int i = 0; i < 64; i++)
		msg[i] = (uint8_t)i;
	test_path(path, sizeof(path), test_datadir,
	    "siphash-2-4-vectors.txt");
	f = fopen(path, "r");
	test_note("cannot open %s", path);
	if (!CHECK(f != NULL))
		return;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || sscanf(line, "%15s %d %39s", variant, &n,
		    hex) != 3 || n < 0 || n > 64)
			continue;
		if (strcmp(variant, "sip64") == 0 && strlen(hex) == 16) {
			check_vector(key, msg, n, hex, 8);
			count64++;
		} else if (strcmp(variant, "sip128") == 0 && strlen(hex) == 32) {
			check_vector(key, msg, n, hex, 16);
			count128++;
		}
	}
	fclose(f);
	CHECK_EQ(count64, 64);
	CHECK_EQ(count128, 64);
}

void
test_slab_ownership(void)
{
	struct slab_pool p;
	uint64_t mask;
	int a, b;

	slab_init(&p);
	CHECK_EQ(p.nfree, NX_SLABS);
	CHECK_EQ(slab_free(&p, NX_SLABS), (uint64_t)NX_ERANGE);
	CHECK_EQ(slab_free(&p, ~0ull), (uint64_t)NX_ERANGE);
	CHECK_EQ(slab_free(&p, 3), (uint64_t)NX_EPERM);	/* never held */
	a = slab_alloc(&p);
	b = slab_alloc(&p);
	CHECK(a >= 0 && b >= 0 && a != b);
	CHECK_EQ(p.nfree, NX_SLABS - 2);
	CHECK_EQ(slab_free(&p, (uint64_t)a), 0);
	CHECK_EQ(slab_free(&p, (uint64_t)a), (uint64_t)NX_EALREADY);
	CHECK_EQ(p.nfree, NX_SLABS - 1);
	/* A returned slab can be handed out again, and freed again. */
	mask = slab_alloc_mask(&p, NX_SLABS);
	CHECK_EQ(__builtin_popcountll(mask), NX_SLABS - 1);
	CHECK(!(mask & (1ull << b)));
	CHECK_EQ(p.nfree, 0);
	CHECK_EQ(slab_alloc(&p), (uint64_t)NX_ENOMEM);
	CHECK_EQ(slab_alloc_mask(&p, 4), 0);
	CHECK_EQ(slab_free(&p, (uint64_t)a), 0);
	/* Reclaim on exit: everything back, nothing counted twice. */
	CHECK_EQ(slab_reclaim(&p), NX_SLABS - 1);
	CHECK_EQ(p.nfree, NX_SLABS);
	CHECK_EQ(slab_free(&p, (uint64_t)b), (uint64_t)NX_EPERM);
	CHECK_EQ(slab_reclaim(&p), 0);
}
