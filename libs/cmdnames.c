#include <stddef.h>

#include "cmdnames.h"
#include "nexus/abi.h"

struct cmdname {
	uint32_t kind;
	const char *name;
};

#define NAME(kind)	{ CMD_##kind, #kind }

static const struct cmdname cmdnames[] = {
	NAME(SYS_NOOP),
	NAME(FS_OPEN), NAME(FS_READ), NAME(FS_READDIR), NAME(FS_CLOSE),
	NAME(FS_SEEK), NAME(FS_STAT), NAME(FS_CHDIR), NAME(FS_GETCWD),
	NAME(FS_TTY),
	NAME(ION_FREE), NAME(ION_ALLOC), NAME(ION_RX_WAIT), NAME(ION_STAT),
	NAME(SYS_EXEC), NAME(SYS_EXIT), NAME(SYS_WAIT), NAME(SYS_KILL),
	NAME(SYS_YIELD), NAME(SYS_PS), NAME(SYS_AUDIT), NAME(SYS_POWEROFF),
	NAME(SYS_RECEIPT),
	NAME(MEM_BRK), NAME(MEM_STAT),
	NAME(TIME_UPTIME), NAME(TIME_SLEEP),
};

const char *
nx_cmd_name(uint32_t kind)
{
	for (size_t i = 0; i < sizeof(cmdnames) / sizeof(cmdnames[0]); i++) {
		if (cmdnames[i].kind == kind)
			return cmdnames[i].name;
	}
	return NULL;
}
