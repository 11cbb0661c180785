/*
 * Sixteen bytes (an id, an identity, a tag) copied between 8-aligned
 * places as two words.  GCC 12 for RISC-V turns every memcpy into a call,
 * even of a constant 16 bytes, and the command path makes several such
 * copies per command.  may_alias: the bytes are declared uint8_t[16].
 */
#ifndef RUMPK_COPY16_H
#define RUMPK_COPY16_H

#include <stdint.h>

typedef uint64_t __attribute__((may_alias)) copy16_word;

static inline void
copy16(void *restrict dst, const void *restrict src)
{
	copy16_word *d = dst;
	const copy16_word *s = src;

	d[0] = s[0];
	d[1] = s[1];
}

#endif /* RUMPK_COPY16_H */
