/*
 * What the membrane adds to picolibc for rumpk's libc programs (include
 * it after the libc headers; it needs none of them itself):
 *
 * - lstat(), which picolibc declares only for some systems;
 * - nx_errno(), picolibc's errno value for a negative libnexus result:
 *   the kernel's errors are Linux's numbers, which picolibc shares only
 *   up to ERANGE, so a program mixing libnexus calls with strerror()
 *   goes through it (errno = nx_errno(r)).
 */
#ifndef NXLIBC_H
#define NXLIBC_H

struct stat;

int lstat(const char *restrict path, struct stat *restrict st);
int nx_errno(long nx);

#endif
