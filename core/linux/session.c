/*
 * Sessions and process groups: setsid, setpgid, getpgid, getsid.  A
 * process group is a Subject's job (core/subject_fg.c has the rules).
 */
#include "console.h"
#include "linux.h"

int64_t
sys_setsid(struct subject *s, const uint64_t *a)
{
	(void)a;
	return session_setsid(s);
}

int64_t
sys_setpgid(struct subject *s, const uint64_t *a)
{
	return session_setpgid(s, (int32_t)a[0], (int32_t)a[1]);
}

int64_t
sys_getpgid(struct subject *s, const uint64_t *a)
{
	return session_getpgid(s, (int32_t)a[0]);
}

int64_t
sys_getsid(struct subject *s, const uint64_t *a)
{
	return session_getsid(s, (int32_t)a[0]);
}
