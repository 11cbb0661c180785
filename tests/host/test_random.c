/*
 * core/random.c: ChaCha20 against RFC 8439's vectors, the generator's
 * construction and its rekeying, and the derivation of the boot's keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "random.h"
#include "test.h"

#define MAX_VECTOR	256

static const uint8_t zero_nonce[CHACHA20_NONCE_SIZE];

/* Hex to bytes; the count, or -1 if `hex` is not whole bytes of hex. */
static int
unhex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = strlen(hex);

	if (n % 2 || n / 2 > max)
		return -1;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return (int)(n / 2);
}

/* `len` bytes of ChaCha20 keystream from block `counter` on. */
static void
keystream(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12],
    uint8_t *out, size_t len)
{
	uint8_t block[CHACHA20_BLOCK_SIZE];

	for (size_t off = 0; off < len; off += sizeof(block)) {
		size_t n = len - off < sizeof(block) ? len - off : sizeof(block);

		chacha20_block(key, counter++, nonce, block);
		memcpy(out + off, block, n);
	}
}

static int
contains(const uint8_t *hay, size_t len, const uint8_t *needle, size_t n)
{
	for (size_t i = 0; i + n <= len; i++) {
		if (memcmp(hay + i, needle, n) == 0)
			return 1;
	}
	return 0;
}

/* One line of the vectors file: key nonce counter input|- output. */
static int
check_vector(const char *line)
{
	char khex[80], nhex[40], ihex[2 * MAX_VECTOR + 2], ohex[2 * MAX_VECTOR + 2];
	uint8_t key[32], nonce[12], in[MAX_VECTOR], want[MAX_VECTOR];
	uint8_t got[MAX_VECTOR];
	unsigned long counter;
	int n;

	if (sscanf(line, "%79s %39s %lu %513s %513s", khex, nhex, &counter,
	    ihex, ohex) != 5)
		return 0;
	n = unhex(ohex, want, sizeof(want));
	if (!CHECK(unhex(khex, key, 32) == 32 && unhex(nhex, nonce, 12) == 12 &&
	    n > 0))
		return 0;
	memset(in, 0, sizeof(in));
	if (strcmp(ihex, "-") != 0 && !CHECK_EQ(unhex(ihex, in, sizeof(in)), n))
		return 0;
	keystream(key, (uint32_t)counter, nonce, got, (size_t)n);
	for (int i = 0; i < n; i++)
		got[i] ^= in[i];
	test_note("vector %.16s... counter %lu", khex, counter);
	CHECK(memcmp(got, want, (size_t)n) == 0);
	return 1;
}

void
test_chacha20_vectors(void)
{
	char path[512], line[1200];
	int count = 0;
	FILE *f;

	test_path(path, sizeof(path), test_datadir,
	    "chacha20-rfc8439-vectors.txt");
	f = fopen(path, "r");
	test_note("cannot open %s", path);
	if (!CHECK(f != NULL))
		return;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] != '#')
			count += check_vector(line);
	}
	fclose(f);
	CHECK_EQ(count, 7);
}

/* A request is keystream under the old key: its first 32 bytes are the
 * new key, the rest the output. */
void
test_rng_construction(void)
{
	uint8_t key[32], stream[32 + 200], out[200];
	struct rng r;

	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)(0xa0 + i);
	keystream(key, 0, zero_nonce, stream, sizeof(stream));
	rng_init(&r, key);
	rng_generate(&r, out, sizeof(out));
	CHECK(memcmp(out, stream + 32, sizeof(out)) == 0);
	CHECK(memcmp(r.key, stream, 32) == 0);
}

/* After a request the state is a new key, which neither appears in the
 * output nor gives it again; the old key is gone from the state. */
void
test_rng_rekeys(void)
{
	uint8_t key[32] = { 7 }, a[64], b[64], again[64], before[32];
	struct rng r, copy;

	rng_init(&r, key);
	rng_generate(&r, a, sizeof(a));
	CHECK(memcmp(r.key, key, 32) != 0);
	CHECK(!contains(a, sizeof(a), r.key, 8));
	memcpy(before, r.key, 32);
	copy = r;
	rng_generate(&r, b, sizeof(b));
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	CHECK(memcmp(r.key, before, 32) != 0);
	/* Someone holding the state after `a` gets `b`, not `a`. */
	rng_generate(&copy, again, sizeof(again));
	CHECK(memcmp(again, b, sizeof(b)) == 0);
	CHECK(memcmp(again, a, sizeof(a)) != 0);
	/* Even an empty request moves the key on. */
	memcpy(before, r.key, 32);
	rng_generate(&r, NULL, 0);
	CHECK(memcmp(r.key, before, 32) != 0);
}

/* A request over RNG_MAX_REQUEST is two requests, rekeyed between. */
void
test_rng_long_request(void)
{
	size_t len = RNG_MAX_REQUEST + 100;
	uint8_t key[32] = { 1, 2, 3 };
	uint8_t *one = malloc(len), *two = malloc(len);
	struct rng r1, r2;

	if (!CHECK(one && two)) {
		free(one);
		free(two);
		return;
	}
	rng_init(&r1, key);
	rng_init(&r2, key);
	rng_generate(&r1, one, len);
	rng_generate(&r2, two, RNG_MAX_REQUEST);
	rng_generate(&r2, two + RNG_MAX_REQUEST, 100);
	CHECK(memcmp(one, two, len) == 0);
	CHECK(memcmp(r1.key, r2.key, 32) == 0);
	free(one);
	free(two);
}

static void
derive(const uint8_t *seed, size_t len, const char *noise, uint8_t rk[32],
    uint8_t pk[16])
{
	random_derive_keys(seed, len, noise, strlen(noise), rk, pk);
}

/* Both keys depend on every byte of the seed and of the noise, are not
 * the seed, and differ from each other. */
void
test_random_derive_keys(void)
{
	uint8_t seed[40], rk[32], pk[16], rk2[32], pk2[16];

	for (int i = 0; i < 40; i++)
		seed[i] = (uint8_t)(3 * i + 1);
	derive(seed, 32, "t", rk, pk);
	derive(seed, 32, "t", rk2, pk2);
	CHECK(memcmp(rk, rk2, 32) == 0 && memcmp(pk, pk2, 16) == 0);
	CHECK(memcmp(rk, seed, 32) != 0 && memcmp(pk, seed, 16) != 0);
	CHECK(memcmp(rk, pk, 16) != 0 && memcmp(rk + 16, pk, 16) != 0);
	for (int i = 0; i < 40; i++) {
		seed[i] ^= 0x80;
		derive(seed, 40, "t", rk, pk);
		seed[i] ^= 0x80;
		derive(seed, 40, "t", rk2, pk2);
		test_note("seed byte %d", i);
		CHECK(memcmp(rk, rk2, 32) != 0 && memcmp(pk, pk2, 16) != 0);
	}
	derive(seed, 32, "u", rk2, pk2);
	CHECK(memcmp(rk, rk2, 32) != 0 && memcmp(pk, pk2, 16) != 0);
	/* Zero padding and the seam between seed and noise are not
	 * ambiguous. */
	memset(seed, 0, sizeof(seed));
	derive(seed, 31, "", rk, pk);
	derive(seed, 32, "", rk2, pk2);
	CHECK(memcmp(rk, rk2, 32) != 0);
	derive((const uint8_t *)"ab", 2, "", rk, pk);
	derive((const uint8_t *)"a", 1, "b", rk2, pk2);
	CHECK(memcmp(rk, rk2, 32) != 0);
	/* No seed at all still gives keys (from the noise). */
	derive(NULL, 0, "", rk, pk);
	derive(NULL, 0, "x", rk2, pk2);
	CHECK(memcmp(rk, rk2, 32) != 0 && memcmp(pk, pk2, 16) != 0);
}

/* The kernel-wide generator is the same construction. */
void
test_random_bytes(void)
{
	uint8_t key[32] = { 9, 9, 9 }, a[16], b[16], want[16];
	struct rng r;

	random_init(key);
	rng_init(&r, key);
	random_bytes(a, sizeof(a));
	random_bytes(b, sizeof(b));
	rng_generate(&r, want, sizeof(want));
	CHECK(memcmp(a, want, sizeof(a)) == 0);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	rng_generate(&r, want, sizeof(want));
	CHECK(memcmp(b, want, sizeof(b)) == 0);
}
