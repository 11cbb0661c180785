/*
 * The kernel's errors are Linux's numbers; picolibc numbers errno as
 * newlib does, which agrees with Linux only up to ERANGE (34).  Past it
 * the same number means something else (Linux's ENOTEMPTY, 39, is
 * picolibc's ECHRNG's neighbour), so every error the membrane hands to C
 * goes through this table.
 */
#include <errno.h>

#include "libnexus.h"
#include "membrane.h"

#define LINUX_ERANGE	34

/* Linux's number past ERANGE, and picolibc's for the same error. */
static const struct {
	short linux_no;
	short c;
} beyond_erange[] = {
	{ 35, EDEADLK }, { -NX_ENAMETOOLONG, ENAMETOOLONG },
	{ 37, ENOLCK }, { -NX_ENOSYS, ENOSYS },
	{ -NX_ENOTEMPTY, ENOTEMPTY }, { -NX_ELOOP, ELOOP },
	{ -NX_EAFNOSUPPORT, EAFNOSUPPORT },
	{ 75, EOVERFLOW }, { 84, EILSEQ }, { 95, ENOTSUP },
	{ 110, ETIMEDOUT }, { -NX_EALREADY, EALREADY }, { 125, ECANCELED },
};

int
nx_errno(long nx)
{
	long n = -nx;

	if (n > 0 && n <= LINUX_ERANGE)
		return (int)n;
	for (unsigned i = 0; i < sizeof(beyond_erange) /
	    sizeof(beyond_erange[0]); i++) {
		if (beyond_erange[i].linux_no == n)
			return beyond_erange[i].c;
	}
	return EIO;	/* an error this table does not know yet */
}
