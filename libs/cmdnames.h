#ifndef RUMPK_CMDNAMES_H
#define RUMPK_CMDNAMES_H

#include <stdint.h>

/* A command kind's name without its CMD_ prefix ("FS_OPEN"), or NULL for
 * a kind the ABI does not define.  One table, for whoever shows kinds. */
const char *nx_cmd_name(uint32_t kind);

#endif
