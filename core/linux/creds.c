/*
 * User and group ids and supplementary groups (core/cred.h), with
 * Linux's rules: a Subject whose effective user id is 0 may set any id;
 * another may only move its ids among the values it already has.  The
 * same rules serve users and groups, so each call names which array of
 * four ids (real, effective, saved, file system) it works on.
 */
#include "linux.h"
#include "usercopy.h"

#define NO_CHANGE	UINT32_MAX	/* (uid_t)-1: leave the id as it is */

static int
privileged(const struct subject *s)
{
	return s->cred.uid[CRED_E] == 0;
}

/* Whether an unprivileged Subject may take `id`: one of its own. */
static int
may_take(const struct subject *s, const uint32_t *ids, uint32_t id)
{
	return privileged(s) || id == ids[CRED_R] || id == ids[CRED_E] ||
	    id == ids[CRED_S];
}

/* setuid: root sets all four; another may set the effective (and file
 * system) id to its real or saved one. */
static int64_t
set_one(struct subject *s, uint32_t *ids, uint64_t arg)
{
	uint32_t id = (uint32_t)arg;

	if (id == NO_CHANGE)
		return NX_EINVAL;
	if (privileged(s)) {
		ids[CRED_R] = ids[CRED_S] = id;
	} else if (id != ids[CRED_R] && id != ids[CRED_S]) {
		return NX_EPERM;
	}
	ids[CRED_E] = ids[CRED_FS] = id;
	return 0;
}

/* setreuid: the saved id follows the effective one when the real one
 * is set or the effective one set to other than the old real id. */
static int64_t
set_real_eff(struct subject *s, uint32_t *ids, uint64_t ra, uint64_t ea)
{
	uint32_t r = (uint32_t)ra, e = (uint32_t)ea, old_r = ids[CRED_R];

	if (r != NO_CHANGE && !privileged(s) && r != ids[CRED_R] &&
	    r != ids[CRED_E])
		return NX_EPERM;
	if (e != NO_CHANGE && !may_take(s, ids, e))
		return NX_EPERM;
	if (r != NO_CHANGE)
		ids[CRED_R] = r;
	if (e != NO_CHANGE)
		ids[CRED_E] = e;
	if (r != NO_CHANGE || (e != NO_CHANGE && e != old_r))
		ids[CRED_S] = ids[CRED_E];
	ids[CRED_FS] = ids[CRED_E];
	return 0;
}

/* setresuid: each id given must be one the Subject has, unless root. */
static int64_t
set_three(struct subject *s, uint32_t *ids, const uint64_t *a)
{
	uint32_t want[3] = { (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2] };

	for (int i = 0; i < 3; i++) {
		if (want[i] != NO_CHANGE && !may_take(s, ids, want[i]))
			return NX_EPERM;
	}
	for (int i = 0; i < 3; i++) {
		if (want[i] != NO_CHANGE)
			ids[i] = want[i];
	}
	ids[CRED_FS] = ids[CRED_E];
	return 0;
}

static int64_t
get_three(struct subject *s, const uint32_t *ids, const uint64_t *a)
{
	for (int i = 0; i < 3; i++) {
		if (copy_to_user(s->uc.root, a[i], &ids[i], sizeof(ids[i])))
			return NX_EFAULT;
	}
	return 0;
}

/* setfsuid answers the old id whether or not it changed it. */
static int64_t
set_fs(struct subject *s, uint32_t *ids, uint64_t arg)
{
	uint32_t id = (uint32_t)arg, old = ids[CRED_FS];

	if (id != NO_CHANGE && (may_take(s, ids, id) || id == old))
		ids[CRED_FS] = id;
	return old;
}

/* As Linux, the privilege to change group ids too is the effective
 * user id's. */
int64_t
sys_setuid(struct subject *s, const uint64_t *a)
{
	return set_one(s, s->cred.uid, a[0]);
}

int64_t
sys_setgid(struct subject *s, const uint64_t *a)
{
	return set_one(s, s->cred.gid, a[0]);
}

int64_t
sys_setreuid(struct subject *s, const uint64_t *a)
{
	return set_real_eff(s, s->cred.uid, a[0], a[1]);
}

int64_t
sys_setregid(struct subject *s, const uint64_t *a)
{
	return set_real_eff(s, s->cred.gid, a[0], a[1]);
}

int64_t
sys_setresuid(struct subject *s, const uint64_t *a)
{
	return set_three(s, s->cred.uid, a);
}

int64_t
sys_setresgid(struct subject *s, const uint64_t *a)
{
	return set_three(s, s->cred.gid, a);
}

int64_t
sys_getresuid(struct subject *s, const uint64_t *a)
{
	return get_three(s, s->cred.uid, a);
}

int64_t
sys_getresgid(struct subject *s, const uint64_t *a)
{
	return get_three(s, s->cred.gid, a);
}

int64_t
sys_setfsuid(struct subject *s, const uint64_t *a)
{
	return set_fs(s, s->cred.uid, a[0]);
}

int64_t
sys_setfsgid(struct subject *s, const uint64_t *a)
{
	return set_fs(s, s->cred.gid, a[0]);
}

int64_t
sys_getuid(struct subject *s, const uint64_t *a)
{
	(void)a;
	return s->cred.uid[CRED_R];
}

int64_t
sys_geteuid(struct subject *s, const uint64_t *a)
{
	(void)a;
	return s->cred.uid[CRED_E];
}

int64_t
sys_getgid(struct subject *s, const uint64_t *a)
{
	(void)a;
	return s->cred.gid[CRED_R];
}

int64_t
sys_getegid(struct subject *s, const uint64_t *a)
{
	(void)a;
	return s->cred.gid[CRED_E];
}

/* getgroups(size, list): with size 0 only the count. */
int64_t
sys_getgroups(struct subject *s, const uint64_t *a)
{
	int32_t size = (int32_t)a[0];
	uint32_t n = s->cred.ngroups;

	if (size < 0)
		return NX_EINVAL;
	if (size == 0)
		return n;
	if ((uint32_t)size < n)
		return NX_EINVAL;
	if (copy_to_user(s->uc.root, a[1], s->cred.groups,
	    n * sizeof(s->cred.groups[0])))
		return NX_EFAULT;
	return n;
}

/* setgroups(size, list): root only; at most CRED_GROUPS groups (Linux
 * allows 65536; more than rumpk keeps is EINVAL, as past Linux's).
 * Kept sorted, as Linux keeps them, so getgroups answers alike. */
int64_t
sys_setgroups(struct subject *s, const uint64_t *a)
{
	uint32_t groups[CRED_GROUPS];
	uint64_t n = a[0];

	if (!privileged(s))
		return NX_EPERM;
	if (n > CRED_GROUPS)
		return NX_EINVAL;
	if (copy_from_user(s->uc.root, groups, a[1], n * sizeof(groups[0])))
		return NX_EFAULT;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t g = groups[i], j = i;

		for (; j > 0 && s->cred.groups[j - 1] > g; j--)
			s->cred.groups[j] = s->cred.groups[j - 1];
		s->cred.groups[j] = g;
	}
	s->cred.ngroups = (uint32_t)n;
	return 0;
}
