/*
 * How a child's ending reads in Linux's wait4 and waitid (pure): the
 * status word of <sys/wait.h> and the code of the siginfo waitid fills.
 */
#ifndef RUMPK_LINUX_WSTATUS_H
#define RUMPK_LINUX_WSTATUS_H

#include <stdint.h>

/* si_code of SIGCHLD (asm-generic/siginfo.h). */
#define LINUX_CLD_EXITED	1
#define LINUX_CLD_KILLED	2
#define LINUX_CLD_STOPPED	5
#define LINUX_CLD_CONTINUED	6

/* The continued status word (WIFCONTINUED). */
#define LINUX_WCONTINUED_STATUS	0xffff

/* The signal a fault of RISC-V cause `cause` is, as Linux's traps.c
 * sends it. */
int linux_fault_signal(uint32_t cause);
/* The signal that ended a Subject (`how` NX_WAIT_KILLED or
 * NX_WAIT_FAULTED), 0 for an exit. */
int linux_end_signal(uint32_t how, int32_t status, uint32_t cause);
/* The wait4 status word of an ending. */
int linux_wait_status(uint32_t how, int32_t status, uint32_t cause);
/* The wait4 status word of a stop by `sig`. */
int linux_stop_status(int sig);
/* waitid's si_code and si_status for an ending. */
void linux_wait_code(uint32_t how, int32_t status, uint32_t cause,
    int *code, int *value);

#endif
