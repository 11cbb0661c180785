/*
 * Linux signals, as far as there are any: a program may kill itself (it
 * ends as if by the signal) and ask whether another Subject exists.
 * Nothing is ever delivered, so nothing is ever blocked.
 */
#include "linux.h"
#include "usercopy.h"

int64_t
sys_kill(struct subject *s, const uint64_t *a)
{
	uint64_t sig = a[1];

	if (sig == 0)
		return subject_by_id((uint32_t)a[0]) ? 0 : NX_ESRCH;
	if (a[0] == s->id)
		subject_signal(s, (int)sig);
	return NX_EPERM;
}

int64_t
sys_tgkill(struct subject *s, const uint64_t *a)
{
	uint64_t k[2] = { a[1], a[2] };

	return sys_kill(s, k);
}

int64_t
sys_tkill(struct subject *s, const uint64_t *a)
{
	return sys_kill(s, a);
}

int64_t
sys_rt_sigprocmask(struct subject *s, const uint64_t *a)
{
	uint64_t none = 0;

	/* No signals are ever delivered, so none is ever blocked either. */
	if (a[2] && copy_to_user(s->uc.root, a[2], &none, sizeof(none)))
		return NX_EFAULT;
	return 0;
}
