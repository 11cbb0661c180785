#include "siphash.h"

static uint64_t
rotl(uint64_t x, int b)
{
	return (x << b) | (x >> (64 - b));
}

static uint64_t
load64(const uint8_t *p)
{
	uint64_t v;

	/* Aligned input (the usual case) is one load; the rest byte-wise. */
	if (((uintptr_t)p & 7) == 0)
		return *(const uint64_t *)(const void *)p;
	v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void
store64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

/* One SipRound on the four words (inlined: they stay in registers). */
static inline void
sipround(uint64_t v[4])
{
	v[0] += v[1];
	v[1] = rotl(v[1], 13);
	v[1] ^= v[0];
	v[0] = rotl(v[0], 32);
	v[2] += v[3];
	v[3] = rotl(v[3], 16);
	v[3] ^= v[2];
	v[0] += v[3];
	v[3] = rotl(v[3], 21);
	v[3] ^= v[0];
	v[2] += v[1];
	v[1] = rotl(v[1], 17);
	v[1] ^= v[2];
	v[2] = rotl(v[2], 32);
}

static void
rounds(struct siphash *s, int n)
{
	uint64_t v[4] = { s->v0, s->v1, s->v2, s->v3 };

	while (n--)
		sipround(v);
	s->v0 = v[0];
	s->v1 = v[1];
	s->v2 = v[2];
	s->v3 = v[3];
}

/* Absorbs whole 8-byte blocks: the hot loop, two rounds each. */
static void
blocks(struct siphash *s, const uint8_t *p, size_t nblocks)
{
	uint64_t v[4] = { s->v0, s->v1, s->v2, s->v3 };

	for (; nblocks; nblocks--, p += 8) {
		uint64_t m = load64(p);

		v[3] ^= m;
		sipround(v);
		sipround(v);
		v[0] ^= m;
	}
	s->v0 = v[0];
	s->v1 = v[1];
	s->v2 = v[2];
	s->v3 = v[3];
}

static void
block(struct siphash *s, uint64_t m)
{
	uint8_t b[8];

	store64(b, m);
	blocks(s, b, 1);
}

void
siphash_init(struct siphash *s, const uint8_t key[16], int outlen)
{
	uint64_t k0 = load64(key), k1 = load64(key + 8);

	s->v0 = k0 ^ 0x736f6d6570736575ull;
	s->v1 = k1 ^ 0x646f72616e646f6dull;
	s->v2 = k0 ^ 0x6c7967656e657261ull;
	s->v3 = k1 ^ 0x7465646279746573ull;
	if (outlen == 16)
		s->v1 ^= 0xee;
	s->tail = 0;
	s->len = 0;
	s->outlen = outlen;
}

void
siphash_update(struct siphash *s, const void *data, size_t len)
{
	const uint8_t *p = data;

	/* Finish a partial block first, then whole blocks straight through. */
	while (len && (s->len & 7)) {
		s->tail |= (uint64_t)*p++ << (8 * (s->len & 7));
		s->len++;
		len--;
		if ((s->len & 7) == 0) {
			block(s, s->tail);
			s->tail = 0;
		}
	}
	blocks(s, p, len / 8);
	p += len & ~(size_t)7;
	s->len += len & ~(size_t)7;
	len &= 7;
	for (; len; len--, s->len++)
		s->tail |= (uint64_t)*p++ << (8 * (s->len & 7));
}

void
siphash_final(struct siphash *s, uint8_t *out)
{
	block(s, s->tail | (uint64_t)s->len << 56);
	s->v2 ^= s->outlen == 16 ? 0xee : 0xff;
	rounds(s, 4);
	store64(out, s->v0 ^ s->v1 ^ s->v2 ^ s->v3);
	if (s->outlen != 16)
		return;
	s->v1 ^= 0xdd;
	rounds(s, 4);
	store64(out + 8, s->v0 ^ s->v1 ^ s->v2 ^ s->v3);
}

void
siphash24(const uint8_t key[16], const void *data, size_t len, uint8_t *out,
    int outlen)
{
	struct siphash s;

	siphash_init(&s, key, outlen);
	siphash_update(&s, data, len);
	siphash_final(&s, out);
}
