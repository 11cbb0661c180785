/*
 * A Subject's Unix credentials: user and group ids (real, effective,
 * saved, file-system) and supplementary groups, set and asked by the
 * Linux calls of core/linux/creds.c.  Every Subject starts as root (all
 * zero) and a child gets its parent's.  The kernel records them for the
 * programs that ask; the files a Subject makes are its own, and only
 * who may change a file's owner is checked against them
 * (core/fs/vfs_owner.c): no other file permission is.
 */
#ifndef RUMPK_CRED_H
#define RUMPK_CRED_H

#include <stdint.h>

#define CRED_GROUPS	32	/* supplementary groups kept */

enum { CRED_R, CRED_E, CRED_S, CRED_FS };

struct cred {
	uint32_t uid[4];	/* by CRED_* */
	uint32_t gid[4];
	uint32_t ngroups;
	uint32_t groups[CRED_GROUPS];
};

#endif
