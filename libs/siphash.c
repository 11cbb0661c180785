#include "siphash.h"

static uint64_t
rotl(uint64_t x, int b)
{
	return (x << b) | (x >> (64 - b));
}

static uint64_t
load64(const uint8_t *p)
{
	uint64_t v = 0;

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

static void
rounds(struct siphash *s, int n)
{
	while (n--) {
		s->v0 += s->v1;
		s->v1 = rotl(s->v1, 13);
		s->v1 ^= s->v0;
		s->v0 = rotl(s->v0, 32);
		s->v2 += s->v3;
		s->v3 = rotl(s->v3, 16);
		s->v3 ^= s->v2;
		s->v0 += s->v3;
		s->v3 = rotl(s->v3, 21);
		s->v3 ^= s->v0;
		s->v2 += s->v1;
		s->v1 = rotl(s->v1, 17);
		s->v1 ^= s->v2;
		s->v2 = rotl(s->v2, 32);
	}
}

static void
block(struct siphash *s, uint64_t m)
{
	s->v3 ^= m;
	rounds(s, 2);
	s->v0 ^= m;
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
	for (; len >= 8; len -= 8, p += 8, s->len += 8)
		block(s, load64(p));
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
