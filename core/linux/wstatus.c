/* Wait statuses as Linux encodes them; see wstatus.h. */
#include "nexus/abi.h"
#include "linux/wstatus.h"

enum { SIGINT_ = 2, SIGILL_ = 4, SIGTRAP_ = 5, SIGBUS_ = 7, SIGSEGV_ = 11 };

int
linux_fault_signal(uint32_t cause)
{
	switch (cause) {
	case 0: case 4: case 6:		/* misaligned fetch, load, store */
		return SIGBUS_;
	case 2:				/* illegal instruction */
		return SIGILL_;
	case 3:				/* breakpoint */
		return SIGTRAP_;
	default:			/* access and page faults */
		return SIGSEGV_;
	}
}

int
linux_end_signal(uint32_t how, int32_t status, uint32_t cause)
{
	if (how == NX_WAIT_FAULTED)
		return linux_fault_signal(cause);
	if (how != NX_WAIT_KILLED)
		return 0;
	/* Killed by a signal: status 128 + the signal; a kill that named
	 * none is Ctrl-C's. */
	if (status > 128 && status <= 128 + 64)
		return status - 128;
	return SIGINT_;
}

int
linux_wait_status(uint32_t how, int32_t status, uint32_t cause)
{
	int sig = linux_end_signal(how, status, cause);

	if (sig)
		return sig & 0x7f;
	return (status & 0xff) << 8;
}

int
linux_stop_status(int sig)
{
	return 0x7f | (sig & 0xff) << 8;
}

void
linux_wait_code(uint32_t how, int32_t status, uint32_t cause, int *code,
    int *value)
{
	int sig = linux_end_signal(how, status, cause);

	*code = sig ? LINUX_CLD_KILLED : LINUX_CLD_EXITED;
	*value = sig ? sig : (status & 0xff);
}
