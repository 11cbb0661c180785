/*
 * libs/string.c, the kernel's and native programs' string functions, on
 * the host: compiled here under other names, beside the C library's.
 * memset is checked against a byte loop for every length up to a few of
 * its widest turns and every alignment, with guard bytes either side, so
 * a turn that stores too few words, too many, or at the wrong place fails.
 */
#include <string.h>

#include "test.h"

#define memcpy k_memcpy
#define memmove k_memmove
#define memset k_memset
#define memcmp k_memcmp
#define strlen k_strlen
#define strnlen k_strnlen
#define strcmp k_strcmp
#define strncmp k_strncmp
#define strchr k_strchr
#define strcpy k_strcpy
#define strncpy k_strncpy
#define strspn k_strspn
#define memchr k_memchr
#define strcat k_strcat
void *k_memcpy(void *restrict, const void *restrict, size_t);
void *k_memmove(void *, const void *, size_t);
void *k_memset(void *, int, size_t);
int k_memcmp(const void *, const void *, size_t);
size_t k_strlen(const char *);
size_t k_strnlen(const char *, size_t);
int k_strcmp(const char *, const char *);
int k_strncmp(const char *, const char *, size_t);
char *k_strchr(const char *, int);
char *k_strcpy(char *restrict, const char *restrict);
char *k_strncpy(char *restrict, const char *restrict, size_t);
size_t k_strspn(const char *, const char *);
void *k_memchr(const void *, int, size_t);
char *k_strcat(char *restrict, const char *restrict);
#include "../../libs/string.c"
#undef memcpy
#undef memset

#define GUARD 16
#define LONGEST (3 * 128 + 64)

void
test_string_memset(void)
{
	static uint8_t buf[GUARD + 8 + LONGEST + GUARD] __attribute__((
	    aligned(8)));
	int bad = 0;

	for (size_t align = 0; align < 8; align++) {
		for (size_t n = 0; n <= LONGEST; n++) {
			uint8_t *d = buf + GUARD + align;
			int c = (int)(n * 7 + align) | 0x100;	/* a byte */

			for (size_t i = 0; i < sizeof(buf); i++)
				buf[i] = (uint8_t)(i * 13 + 1);
			if (k_memset(d, c, n) != d)
				bad++;
			for (size_t i = 0; i < sizeof(buf); i++) {
				int in = buf + i >= d && buf + i < d + n;
				uint8_t want = in ? (uint8_t)c :
				    (uint8_t)(i * 13 + 1);

				if (buf[i] != want && bad++ == 0)
					test_note("align %zu, %zu bytes: byte "
					    "%zu is 0x%x", align, n, i,
					    buf[i]);
			}
		}
	}
	CHECK_EQ(bad, 0);
}
