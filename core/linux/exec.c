/*
 * execve: any program, native or Linux, or a "#!" script (the loader
 * reads those).  The arguments and environment are copied in first, with
 * the native exec's limits (NX_EXEC_*, E2BIG past them); the program is
 * replaced only once the new one is loaded, so a failed execve returns
 * its error to a caller left as it was.
 */
#include "linux.h"
#include "pmm.h"

int64_t
sys_execve(struct subject *s, const uint64_t *a)
{
	char path[NX_PATH_MAX], why[160];
	struct exec_args *args;
	int64_t err;

	err = linux_path(s, a[0], path);
	if (err)
		return err;
	args = exec_args_alloc();
	if (!args)
		return NX_ENOMEM;
	err = exec_args_from_user(s, args, a[1], 0);
	if (!err)
		err = exec_args_from_user(s, args, a[2], 1);
	if (!err)
		err = subject_replace(s, path, args, NULL, why, sizeof(why));
	exec_args_free(args);
	return err;
}
