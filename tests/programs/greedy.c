/*
 * Takes every packet slab it can and keeps asking: the pool runs dry for
 * this Subject only, its input waits in the kernel, and it all comes back
 * when the program ends.
 */
#include "libnexus.h"

int
main(void)
{
	int64_t mask, more;
	NxIonStat st;

	nx_print("greedy: taking every slab\n");
	mask = nx_call(CMD_ION_ALLOC, NX_SLABS);
	more = nx_call(CMD_ION_ALLOC, 1);
	nx_ion_stat(&st);
	/* nx_print needs slabs too: give one back to be able to talk. */
	nx_call(CMD_ION_FREE, (uint64_t)__builtin_ctzll((uint64_t)mask));
	nx_printf("greedy: held %d, then got %ld more; %u of %u mine free\n",
	    __builtin_popcountll((uint64_t)mask), (long)more, st.my_free,
	    st.my_total);
	mask = nx_call(CMD_ION_ALLOC, 1);	/* all of them again */
	more = nx_call(CMD_ION_RX_WAIT, 0);
	nx_call(CMD_ION_FREE, (uint64_t)__builtin_ctzll((uint64_t)mask));
	nx_printf("greedy: waiting for input: %s\n", nx_strerror(more));
	return 0;
}
