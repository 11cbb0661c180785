/*
 * Renames itself with prctl(PR_SET_NAME) and waits for ever (a poll of
 * no descriptors), so that `ps` can show the new name.
 */
#include <poll.h>
#include <stddef.h>
#include <sys/prctl.h>

int
main(void)
{
	prctl(PR_SET_NAME, "renamed-job");
	for (;;)
		poll(NULL, 0, -1);
}
