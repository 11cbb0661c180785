/*
 * libnexus: the native rumpk API for C programs, with or without a libc.
 *
 * Each call queues one command on the Subject's command ring, rings the
 * doorbell and returns the command's result: >= 0 on success, or a negative
 * NX_E* error code (see nexus/abi.h; nx_strerror() turns it into words).
 */
#ifndef LIBNEXUS_H
#define LIBNEXUS_H

#include <stddef.h>
#include <stdint.h>

#include "nexus/abi.h"

/* Writes `len` bytes to the console.  Returns bytes written or NX_EFAULT. */
long nx_write(const void *buf, size_t len);

/* Reads console input: waits until at least one byte has arrived, returns
 * how many were stored (at most `len`), or NX_EFAULT. */
long nx_read(void *buf, size_t len);

/*
 * Runs the program at `path` with `argv` (NULL-terminated; envp may be
 * NULL).  With NX_EXEC_REPLACE in `flags` the program replaces the caller
 * and the call returns only on failure; otherwise the program starts as a
 * new Subject and the call returns its id.  Errors: NX_ENOENT (no such
 * file), NX_ENOEXEC (not a program this kernel runs; the reason goes to
 * `why` if it is not NULL), NX_E2BIG, NX_EFAULT, NX_ENOMEM, NX_EAGAIN (too
 * many Subjects).
 */
long nx_exec(const char *path, char *const argv[], char *const envp[],
    unsigned flags, char *why, size_t whylen);

/* Ends the calling Subject with `status`. */
void nx_exit(int status) __attribute__((noreturn));

/* Ends the machine (QEMU exits with status 0). */
void nx_poweroff(void) __attribute__((noreturn));

/* Nanoseconds since boot. */
int64_t nx_uptime_ns(void);

/* One command through the ring: the general form of the calls above. */
int64_t nx_call(uint32_t kind, uint64_t arg);

/* The read-only SysTable of this Subject. */
static inline const NxSysTable *
nx_systable(void)
{
	return (const NxSysTable *)NX_SYSTABLE_VA;
}

/* Helpers for programs without a libc. */
void nx_print(const char *s);			/* a string, as is */
int nx_printf(const char *fmt, ...)		/* %s %d %u %x %p %c */
    __attribute__((format(printf, 1, 2)));
const char *nx_strerror(long err);		/* "No such file or directory" */

#endif
