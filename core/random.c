/*
 * The kernel's random numbers: ChaCha20 in the "fast key erasure" shape.
 *
 * Why ChaCha20 and not SipHash in counter mode, although SipHash is in
 * the kernel already: ChaCha20 is a stream cipher, made and analysed for
 * exactly this (Linux's and OpenBSD's generators are built on it), with a
 * 256-bit key, 64 bytes per block and test vectors in RFC 8439.  SipHash
 * is a PRF for short messages with a 128-bit key; counting it up as a
 * keystream is sound in theory but nobody analyses it that way, and its
 * 16 bytes per call would cost more rounds per byte.  One block (about a
 * thousand instructions) per exec is nothing beside an exec.
 *
 * The generator: each request runs ChaCha20 under the current key (nonce
 * zero, counter from 0); the first 32 bytes of the keystream become the
 * next key and the rest go to the caller.  The old key is wiped, so
 * someone who later reads the state learns nothing about earlier output
 * (forward secrecy), and no output says anything about the state, unlike
 * the splitmix64 stream this replaces, whose output function could be run
 * backwards to the state from one program's 16 AT_RANDOM bytes.
 */
#include <string.h>

#include "random.h"

#define ROTL(v, n) ((uint32_t)((v) << (n) | (v) >> (32 - (n))))

/* Nonces of the key derivation, so its blocks are never the generator's
 * (whose nonce is zero) nor each other's. */
#define NONCE_ABSORB	1u
#define NONCE_EXPAND	2u

static struct rng kernel_rng;

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Inline, so that the block's 16 words live in registers: as a call,
 * each quarter round loaded and stored its four words and cost about 27
 * instructions, a block 2200, and every spawn runs one (AT_RANDOM). */
static inline __attribute__((always_inline)) void
quarter(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = ROTL(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = ROTL(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = ROTL(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = ROTL(x[b] ^ x[c], 7);
}

void
chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
    const uint8_t nonce[CHACHA20_NONCE_SIZE],
    uint8_t out[CHACHA20_BLOCK_SIZE])
{
	/* "expand 32-byte k" as four little-endian words. */
	uint32_t in[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };
	uint32_t x[16];

	for (int i = 0; i < 8; i++)
		in[4 + i] = le32(key + 4 * i);
	in[12] = counter;
	for (int i = 0; i < 3; i++)
		in[13 + i] = le32(nonce + 4 * i);
	memcpy(x, in, sizeof(x));
	for (int i = 0; i < 10; i++) {
		quarter(x, 0, 4, 8, 12);	/* columns */
		quarter(x, 1, 5, 9, 13);
		quarter(x, 2, 6, 10, 14);
		quarter(x, 3, 7, 11, 15);
		quarter(x, 0, 5, 10, 15);	/* diagonals */
		quarter(x, 1, 6, 11, 12);
		quarter(x, 2, 7, 8, 13);
		quarter(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++)
		put_le32(out + 4 * i, x[i] + in[i]);
	random_wipe(x, sizeof(x));
	random_wipe(in, sizeof(in));
}

void
random_wipe(void *p, size_t len)
{
	volatile uint8_t *v = p;

	while (len--)
		*v++ = 0;
}

void
rng_init(struct rng *r, const uint8_t key[CHACHA20_KEY_SIZE])
{
	memcpy(r->key, key, sizeof(r->key));
}

/* One request of at most RNG_MAX_REQUEST bytes, so the counter, one
 * block per 64 bytes, never wraps. */
static void
generate(struct rng *r, uint8_t *p, size_t len)
{
	static const uint8_t zero_nonce[CHACHA20_NONCE_SIZE];
	uint8_t key[CHACHA20_KEY_SIZE], block[CHACHA20_BLOCK_SIZE];
	size_t off = CHACHA20_KEY_SIZE;
	uint32_t counter = 1;

	memcpy(key, r->key, sizeof(key));
	chacha20_block(key, 0, zero_nonce, block);
	memcpy(r->key, block, CHACHA20_KEY_SIZE);
	while (len) {
		size_t n;

		if (off == sizeof(block)) {
			chacha20_block(key, counter++, zero_nonce, block);
			off = 0;
		}
		n = sizeof(block) - off < len ? sizeof(block) - off : len;
		memcpy(p, block + off, n);
		p += n;
		len -= n;
		off += n;
	}
	random_wipe(key, sizeof(key));
	random_wipe(block, sizeof(block));
}

void
rng_generate(struct rng *r, void *buf, size_t len)
{
	uint8_t *p = buf;

	do {
		size_t n = len < RNG_MAX_REQUEST ? len : RNG_MAX_REQUEST;

		generate(r, p, n);
		p += n;
		len -= n;
	} while (len);
}

/*
 * Folds `len` bytes into `key`, 32 at a time: each piece is xored into the
 * key, which is then replaced by a ChaCha20 block under it.  The nonce
 * carries the length, so zero padding cannot make two inputs alike.
 */
static void
absorb(uint8_t key[CHACHA20_KEY_SIZE], const uint8_t *in, size_t len)
{
	uint8_t nonce[CHACHA20_NONCE_SIZE], block[CHACHA20_BLOCK_SIZE];
	uint32_t counter = 0;
	size_t off = 0;

	put_le32(nonce, NONCE_ABSORB);
	put_le32(nonce + 4, (uint32_t)len);
	put_le32(nonce + 8, (uint32_t)((uint64_t)len >> 32));
	do {
		for (size_t i = 0; i < CHACHA20_KEY_SIZE && off + i < len; i++)
			key[i] ^= in[off + i];
		chacha20_block(key, counter++, nonce, block);
		memcpy(key, block, CHACHA20_KEY_SIZE);
		off += CHACHA20_KEY_SIZE;
	} while (off < len);
	random_wipe(block, sizeof(block));
}

/*
 * The seed and the noise are absorbed into one master key; one block under
 * it, with a nonce of its own, gives both keys from disjoint parts of the
 * keystream.  Knowing one key tells nothing of the other: each is
 * keystream of a key that is in neither.
 */
void
random_derive_keys(const uint8_t *seed, size_t seed_len,
    const void *noise, size_t noise_len,
    uint8_t rng_key[CHACHA20_KEY_SIZE],
    uint8_t prov_key[PROVENANCE_KEY_SIZE])
{
	uint8_t master[CHACHA20_KEY_SIZE] = { 0 };
	uint8_t nonce[CHACHA20_NONCE_SIZE] = { 0 };
	uint8_t block[CHACHA20_BLOCK_SIZE];

	absorb(master, seed, seed_len);
	absorb(master, noise, noise_len);
	put_le32(nonce, NONCE_EXPAND);
	chacha20_block(master, 0, nonce, block);
	memcpy(rng_key, block, CHACHA20_KEY_SIZE);
	memcpy(prov_key, block + CHACHA20_KEY_SIZE, PROVENANCE_KEY_SIZE);
	random_wipe(master, sizeof(master));
	random_wipe(block, sizeof(block));
}

void
random_init(const uint8_t key[CHACHA20_KEY_SIZE])
{
	rng_init(&kernel_rng, key);
}

void
random_bytes(void *buf, size_t len)
{
	rng_generate(&kernel_rng, buf, len);
}
