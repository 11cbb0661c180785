/*
 * Kernel randomness: ChaCha20 (RFC 8439) as a forward-secure generator,
 * keyed at boot from the device tree's rng-seed.  Pure: the boot code
 * hands in the seed and the timer; the host tests run all of it.
 */
#ifndef RUMPK_RANDOM_H
#define RUMPK_RANDOM_H

#include <stddef.h>
#include <stdint.h>

#define CHACHA20_KEY_SIZE	32
#define CHACHA20_NONCE_SIZE	12
#define CHACHA20_BLOCK_SIZE	64
#define PROVENANCE_KEY_SIZE	16

/* A request longer than this is served in pieces, rekeying after each. */
#define RNG_MAX_REQUEST		65536

/* One ChaCha20 block: the keystream for `counter` under `key` and `nonce`. */
void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
    const uint8_t nonce[CHACHA20_NONCE_SIZE],
    uint8_t out[CHACHA20_BLOCK_SIZE]);

/* A generator's whole state: the key of its next request. */
struct rng {
	uint8_t key[CHACHA20_KEY_SIZE];
};

void rng_init(struct rng *r, const uint8_t key[CHACHA20_KEY_SIZE]);
/* Fills `buf`, then replaces the key: the state left behind cannot give
 * back these bytes or any before them. */
void rng_generate(struct rng *r, void *buf, size_t len);

/*
 * The boot's two secrets from one seed: the generator's key and the
 * provenance key, independent of each other.  `noise` (the timer) is mixed
 * in after the seed; either may be empty.
 */
void random_derive_keys(const uint8_t *seed, size_t seed_len,
    const void *noise, size_t noise_len,
    uint8_t rng_key[CHACHA20_KEY_SIZE],
    uint8_t prov_key[PROVENANCE_KEY_SIZE]);

/* The kernel's generator: keyed once at boot, then used by everyone
 * (AT_RANDOM, getrandom, later /dev/urandom). */
void random_init(const uint8_t key[CHACHA20_KEY_SIZE]);
void random_bytes(void *buf, size_t len);

/* Zeroes a secret with stores the compiler may not drop. */
void random_wipe(void *p, size_t len);

#endif
