/*
 * SipHash-2-4 (Aumasson and Bernstein) with 64- or 128-bit output, written
 * from the paper.  Incremental, so the loader can hash a file as it streams
 * it.  Keys are 16 bytes; outputs are bytes in the reference order.
 */
#ifndef RUMPK_SIPHASH_H
#define RUMPK_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

struct siphash {
	uint64_t v[4];
	uint64_t tail;		/* bytes not yet in a full block */
	size_t len;		/* bytes absorbed so far */
	int outlen;		/* 8 or 16 */
};

void siphash_init(struct siphash *s, const uint8_t key[16], int outlen);
void siphash_update(struct siphash *s, const void *data, size_t len);
void siphash_final(struct siphash *s, uint8_t *out);

/*
 * The compression loop: absorbs `n` words into v[0..3], two SipRounds
 * each.  The portable one is the default; a kernel on a CPU with rotate
 * instructions points this at a faster one of its own.
 */
typedef void siphash_compress_fn(uint64_t v[4], const uint64_t *m, size_t n);
extern siphash_compress_fn *siphash_compress;
void siphash_compress_c(uint64_t v[4], const uint64_t *m, size_t n);

/* Absorbs `n` words as 8-byte little-endian blocks; only between blocks. */
static inline void
siphash_words(struct siphash *s, const uint64_t *w, size_t n)
{
	siphash_compress(s->v, w, n);
	s->len += 8 * n;
}

/* One-shot: `outlen` (8 or 16) bytes of SipHash-2-4 of `data`. */
void siphash24(const uint8_t key[16], const void *data, size_t len,
    uint8_t *out, int outlen);

#endif
