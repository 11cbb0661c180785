/* The names of Linux's riscv64 system calls, for messages (pure). */
#ifndef RUMPK_LINUX_NAMES_H
#define RUMPK_LINUX_NAMES_H

#include <stdint.h>

/* The name of call `nr` ("pipe2" for 59), or NULL for a number Linux
 * does not use. */
const char *linux_call_name(uint64_t nr);

#endif
