#include "nexus/abi.h"
#include "errors.h"

struct errname {
	long code;
	const char *msg;
};

static const struct errname errnames[] = {
	{ NX_OK, "Success" },
	{ NX_EPERM, "Operation not permitted" },
	{ NX_ENOENT, "No such file or directory" },
	{ NX_ESRCH, "No such Subject" },
	{ NX_EINTR, "Interrupted" },
	{ NX_EIO, "Input/output error" },
	{ NX_ENXIO, "No such device or address" },
	{ NX_E2BIG, "Argument list too long" },
	{ NX_ENOEXEC, "Exec format error" },
	{ NX_EBADF, "Bad file descriptor" },
	{ NX_ECHILD, "No child Subjects" },
	{ NX_EAGAIN, "Try again" },
	{ NX_ENOMEM, "Out of memory" },
	{ NX_EACCES, "Permission denied" },
	{ NX_EFAULT, "Bad address" },
	{ NX_EBUSY, "Busy" },
	{ NX_EEXIST, "File exists" },
	{ NX_EXDEV, "Cross-device link" },
	{ NX_ENODEV, "No such device" },
	{ NX_ENOTDIR, "Not a directory" },
	{ NX_EISDIR, "Is a directory" },
	{ NX_EINVAL, "Invalid argument" },
	{ NX_EMFILE, "Too many open files" },
	{ NX_ENOTTY, "Not a terminal" },
	{ NX_EFBIG, "File too large" },
	{ NX_ENOSPC, "No space left" },
	{ NX_ESPIPE, "Illegal seek" },
	{ NX_EROFS, "Read-only file system" },
	{ NX_EPIPE, "Broken pipe" },
	{ NX_ERANGE, "Result out of range" },
	{ NX_ENAMETOOLONG, "File name too long" },
	{ NX_ENOLCK, "No locks available" },
	{ NX_ENOSYS, "Function not implemented" },
	{ NX_ENOTEMPTY, "Directory not empty" },
	{ NX_EAFNOSUPPORT, "Address family not supported by protocol" },
	{ NX_ELOOP, "Too many levels of symbolic links" },
	{ NX_EALREADY, "Already released" },
};

const char *
nx_strerror(long err)
{
	for (unsigned i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++) {
		if (errnames[i].code == err)
			return errnames[i].msg;
	}
	return "Unknown error";
}
