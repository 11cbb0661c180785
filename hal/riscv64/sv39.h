#ifndef RUMPK_SV39_H
#define RUMPK_SV39_H

#include "hal/hal.h"

/* Makes `root` the active address space (no-op if it already is). */
void vm_activate(pte_t *root);

#endif
