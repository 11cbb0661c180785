/* Kernel randomness for AT_RANDOM and the like, seeded at boot. */
#ifndef RUMPK_RANDOM_H
#define RUMPK_RANDOM_H

#include <stddef.h>
#include <stdint.h>

void random_seed(const uint8_t *seed, size_t len);
void random_bytes(void *buf, size_t len);

#endif
