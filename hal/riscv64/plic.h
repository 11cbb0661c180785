#ifndef RUMPK_PLIC_H
#define RUMPK_PLIC_H

#include <stdint.h>

void plic_init(uint64_t pa, uint32_t irq);
uint32_t plic_claim(void);		/* 0 when nothing is pending */
void plic_complete(uint32_t irq);

#endif
