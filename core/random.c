/*
 * A splitmix64 stream: good statistics, tiny, not a cryptographic
 * generator.  Seeded from the device tree's rng-seed and the timer.
 */
#include "kernel.h"
#include "random.h"

static uint64_t state;

void
random_seed(const uint8_t *seed, size_t len)
{
	state ^= hal_time() * 0x9e3779b97f4a7c15ull;
	for (size_t i = 0; i < len; i++)
		state = (state << 8 | state >> 56) ^ seed[i];
}

static uint64_t
next(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void
random_bytes(void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len) {
		uint64_t v = next();

		for (int i = 0; i < 8 && len; i++, len--, v >>= 8)
			*p++ = (uint8_t)v;
	}
}
