/*
 * The Linux personality's pure parts: the names of the riscv64 system
 * calls, checked against numbers from Linux's asm-generic/unistd.h.
 */
#include <stddef.h>

#include "linux/names.h"
#include "test.h"

void
test_linux_call_names(void)
{
	static const struct {
		uint64_t nr;
		const char *name;
	} known[] = {
		{ 0, "io_setup" }, { 25, "fcntl" }, { 56, "openat" },
		{ 59, "pipe2" }, { 62, "lseek" }, { 63, "read" },
		{ 79, "newfstatat" }, { 80, "fstat" }, { 93, "exit" },
		{ 94, "exit_group" }, { 134, "rt_sigaction" },
		{ 220, "clone" }, { 221, "execve" }, { 222, "mmap" },
		{ 258, "riscv_hwprobe" }, { 259, "riscv_flush_icache" },
		{ 260, "wait4" }, { 261, "prlimit64" }, { 278, "getrandom" },
		{ 293, "rseq" }, { 435, "clone3" }, { 449, "futex_waitv" },
		{ 462, "mseal" },
	};
	/* Numbers Linux leaves unused on riscv64, and past the table. */
	static const uint64_t unused[] = {
		38, 244, 257, 295, 387, 463, 1000, UINT64_MAX,
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		test_note("call %lu", (unsigned long)known[i].nr);
		CHECK_STREQ(linux_call_name(known[i].nr), known[i].name);
	}
	for (size_t i = 0; i < sizeof(unused) / sizeof(unused[0]); i++) {
		test_note("call %lu", (unsigned long)unused[i]);
		CHECK(linux_call_name(unused[i]) == NULL);
	}
}
