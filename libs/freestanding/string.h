/*
 * <string.h> for code built without a libc (the kernel and libnexus-only
 * programs); libs/string.c implements it.  Host builds and picolibc
 * programs use their libc's header instead.
 */
#ifndef RUMPK_FREESTANDING_STRING_H
#define RUMPK_FREESTANDING_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strspn(const char *s, const char *accept);
void *memchr(const void *s, int c, size_t n);
char *strcpy(char *restrict dst, const char *restrict src);
char *strcat(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);

#endif
