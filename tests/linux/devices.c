/* /dev/null, /dev/zero and /dev/urandom; dup, dup2 over stdout, fcntl's
 * F_DUPFD and descriptor flags: the same answers as Linux's. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

int
main(void)
{
	unsigned char buf[64], zero[64] = { 0 }, a[32], b[32];
	int null = open("/dev/null", O_RDWR);
	int z = open("/dev/zero", O_RDONLY);
	int r = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	int saved, d;
	struct stat st;

	printf("null read: %zd\n", read(null, buf, sizeof(buf)));
	printf("null write: %zd\n", write(null, buf, sizeof(buf)));
	memset(buf, 1, sizeof(buf));
	printf("zero read: %zd, all zero: %s\n", read(z, buf, sizeof(buf)),
	    memcmp(buf, zero, sizeof(buf)) ? "no" : "yes");
	printf("urandom: %zd %zd, differ: %s\n", read(r, a, sizeof(a)),
	    read(r, b, sizeof(b)), memcmp(a, b, sizeof(a)) ? "yes" : "no");
	fstat(null, &st);
	printf("null: char device %s, %u:%u\n", S_ISCHR(st.st_mode) ?
	    "yes" : "no", major(st.st_rdev), minor(st.st_rdev));
	printf("zero written: %s\n", write(z, buf, 1) < 0 &&
	    errno == EBADF ? "EBADF" : "?");
	printf("null a terminal: %s\n", isatty(null) ? "yes" :
	    errno == ENOTTY ? "ENOTTY" : "?");

	/* stdout pointed at /dev/null and back. */
	fflush(stdout);
	saved = dup(1);
	printf("dup of stdout: %d\n", saved);
	fflush(stdout);
	dup2(null, 1);
	printf("this line goes to /dev/null\n");
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	printf("back on stdout\n");

	d = fcntl(null, F_DUPFD, 20);
	printf("F_DUPFD 20: %d, again: %d\n", d, fcntl(null, F_DUPFD, 20));
	printf("F_GETFD: %d\n", fcntl(d, F_GETFD));
	d = fcntl(null, F_DUPFD_CLOEXEC, 0);
	printf("F_DUPFD_CLOEXEC: %d, F_GETFD %d\n", d, fcntl(d, F_GETFD));
	printf("O_CLOEXEC at open: F_GETFD %d\n", fcntl(r, F_GETFD));
	printf("F_GETFL: mode %d\n", fcntl(z, F_GETFL) & O_ACCMODE);
	fcntl(null, F_SETFL, O_APPEND);
	printf("F_SETFL append: %s\n", fcntl(null, F_GETFL) & O_APPEND ?
	    "yes" : "no");
	printf("dup3 same: %s\n", dup3(null, null, 0) < 0 && errno == EINVAL ?
	    "EINVAL" : "?");
	printf("dup2 bad: %s\n", dup2(999, 40) < 0 && errno == EBADF ?
	    "EBADF" : "?");
	printf("fsync file: %d\n", fsync(open("data/alpha", O_RDONLY)));
	return 0;
}
