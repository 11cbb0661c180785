/* ns16550a console UART, polled for output, interrupt-driven for input. */
#include "hal/hal.h"
#include "mmio.h"

#define RBR	0	/* receive buffer (read) */
#define THR	0	/* transmit holding (write) */
#define IER	1
#define FCR	2
#define LSR	5
#define LSR_DR		0x01
#define LSR_THRE	0x20

static uint64_t uart_pa = 0x10000000;	/* QEMU virt's, until the FDT says */

static volatile uint8_t *
reg(int r)
{
	return (volatile uint8_t *)mmio(uart_pa) + r;
}

void
uart_init(uint64_t pa)
{
	if (pa)
		uart_pa = pa;
	*reg(IER) = 0;
	*reg(FCR) = 0x01;	/* FIFOs on; keep what was typed during boot */
}

void
uart_putc(char c)
{
	while (!(*reg(LSR) & LSR_THRE))
		;
	*reg(THR) = (uint8_t)c;
}

int
uart_getc(void)
{
	if (!(*reg(LSR) & LSR_DR))
		return -1;
	return *reg(RBR);
}

void
uart_enable_rx_irq(void)
{
	*reg(IER) = 0x01;
}

void
uart_mask_rx_irq(void)
{
	*reg(IER) = 0;
}
