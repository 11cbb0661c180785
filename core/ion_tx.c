/*
 * The ION slabs and the tx ring: a native program's packets, which the
 * doorbell sends through its descriptor 1 (ion.c calls ion_tx_send when
 * the ring is not empty), and the commands that count, take and give
 * back slabs.
 */
#include <string.h>

#include "cmds.h"
#include "console.h"
#include "errors.h"
#include "fs/file.h"
#include "kernel.h"
#include "signal.h"
#include "subject.h"
#include "usercopy.h"

uint8_t *
ion_slab(struct subject *s, uint32_t i)
{
	uint64_t off = (uint64_t)i * NX_SLAB_SIZE;

	return s->slab_page[off / NX_PAGE_SIZE] + off % NX_PAGE_SIZE;
}

/*
 * A packet's bytes go wherever descriptor 1 leads: straight to the UART
 * when it is the terminal (the fast path, one copy), else through the
 * file layer as a write would (a file, a device, a pipe).  With
 * descriptor 1 closed, or a write that fails, the bytes are lost, as a
 * failed write's are; a pipe nobody reads any more (EPIPE) sends the
 * program SIGPIPE, whose default action ends it, or a program that only
 * prints could never learn its reader went away (the shell the kernel
 * started is spared, as it is from ^C).  1 when the
 * write could have waited (a pipe's write end, for room), so the
 * doorbell must not return the quiet way.
 */
static int
tx_out(struct subject *s, uint8_t *buf, uint32_t len)
{
	struct file *f = fdt_get(&s->fds, 1);
	struct uio u;

	if (!f)
		return 0;
	if ((f->vn->flags & VN_TTY) && (f->flags & NX_O_ACCMODE) !=
	    NX_O_RDONLY) {
		console_write((const char *)buf, len);	/* no TOSTOP */
		return 0;
	}
	uio_kernel(&u, s, buf, len);
	if (file_write(f, &u) == NX_EPIPE && !s->shell)
		signal_send(s, SIGPIPE);
	return (f->vn->flags & VN_WRITE_WAITS) != 0;
}

/* Output: every packet on the tx ring goes out through descriptor 1;
 * 1 if one could have waited. */
int
ion_tx_send(struct subject *s, int64_t n)
{
	NxPacket p;
	int err, waited = 0;

	if (n < 0 && !s->tx_warned) {
		kprintf("rumpk: %s: tx ring head is corrupt\n", s->name);
		s->tx_warned = 1;
	}
	while (ring_pop(&s->tx, &p)) {
		/* Take the slab back first: it must be the Subject's, also
		 * when the packet is dropped for its length. */
		err = slab_free(&s->slabs, p.slab);
		if (err) {
			kprintf("rumpk: %s: tx packet names slab %u: %s\n",
			    s->name, p.slab, nx_strerror(err));
			continue;
		}
		if (p.len > NX_SLAB_SIZE) {
			kprintf("rumpk: %s: tx packet of %u bytes dropped\n",
			    s->name, p.len);
			continue;
		}
		waited |= tx_out(s, ion_slab(s, p.slab), p.len);
	}
	return waited;
}

int64_t
cmd_ion_stat(struct subject *s, uint64_t arg)
{
	NxIonStat st;

	memset(&st, 0, sizeof(st));
	subject_slab_totals(&st.free, &st.total);
	st.my_free = s->slabs.nfree;
	st.my_total = NX_SLABS;
	st.rx_queued = ring_queued(&s->rx);
	st.tx_queued = (uint32_t)(ring_count(&s->tx) > 0 ?
	    ring_count(&s->tx) : 0);
	st.console_held = (uint32_t)console_held();
	return copy_to_user(s->uc.root, arg, &st, sizeof(st));
}

int64_t
cmd_ion_free(struct subject *s, uint64_t arg)
{
	return slab_free(&s->slabs, arg);
}

int64_t
cmd_ion_alloc(struct subject *s, uint64_t arg)
{
	unsigned n = arg < NX_SLABS ? (unsigned)arg : NX_SLABS;

	return (int64_t)slab_alloc_mask(&s->slabs, n);
}
