/* The supervisor CSRs rumpk touches, one small function each. */
#ifndef RUMPK_CSR_H
#define RUMPK_CSR_H

#include <stdint.h>

#define SSTATUS_SIE	(1ul << 1)
#define SSTATUS_SPIE	(1ul << 5)
#define SSTATUS_SPP	(1ul << 8)
#define SSTATUS_FS	(3ul << 13)
#define SSTATUS_FS_CLEAN (2ul << 13)
#define SSTATUS_FS_DIRTY (3ul << 13)
#define SSTATUS_SUM	(1ul << 18)

#define SIE_STIE	(1ul << 5)
#define SIE_SEIE	(1ul << 9)
#define SIP_STIP	(1ul << 5)
#define SIP_SEIP	(1ul << 9)

#define SCAUSE_INTERRUPT (1ul << 63)

#define CSR_READ_FN(name)					\
static inline uint64_t csr_read_##name(void)			\
{								\
	uint64_t v;						\
	__asm__ volatile("csrr %0, " #name : "=r"(v));		\
	return v;						\
}
#define CSR_WRITE_FN(name)					\
static inline void csr_write_##name(uint64_t v)			\
{								\
	__asm__ volatile("csrw " #name ", %0" : : "r"(v));	\
}
#define CSR_SET_FN(name)					\
static inline void csr_set_##name(uint64_t v)			\
{								\
	__asm__ volatile("csrs " #name ", %0" : : "r"(v));	\
}								\
static inline void csr_clear_##name(uint64_t v)			\
{								\
	__asm__ volatile("csrc " #name ", %0" : : "r"(v));	\
}

CSR_READ_FN(sstatus)
CSR_SET_FN(sstatus)
CSR_READ_FN(scause)
CSR_READ_FN(sepc)
CSR_READ_FN(stval)
CSR_READ_FN(sip)
CSR_WRITE_FN(stvec)
CSR_WRITE_FN(satp)
CSR_WRITE_FN(scounteren)
CSR_READ_FN(sie)
CSR_SET_FN(sie)
CSR_READ_FN(time)

static inline void
sfence_vma(void)
{
	__asm__ volatile("sfence.vma zero, zero" ::: "memory");
}

/* Forgets what the TLB may hold for one address (in any address space). */
static inline void
sfence_vma_page(uint64_t va)
{
	__asm__ volatile("sfence.vma %0, zero" : : "r"(va) : "memory");
}

static inline void
wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

#endif
