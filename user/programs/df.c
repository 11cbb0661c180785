/*
 * df [path...]: the size, use and free space of the file system holding
 * each path ("/" by default), in KiB as df -k prints them; Use% is
 * rounded up, so a file system with anything in it shows at least 1%.
 */
#include <stdio.h>
#include <string.h>

#include "libnexus.h"
#include "nxlibc.h"

static int
show(const char *path)
{
	NxStatfs st;
	long r = nx_statfs(path, &st);
	unsigned long long size, used, avail;

	if (r < 0) {
		fprintf(stderr, "df: %s: %s\n", path, strerror(nx_errno(r)));
		return 1;
	}
	size = st.blocks * st.block_size / 1024;
	avail = st.blocks_free * st.block_size / 1024;
	used = size - avail;
	printf("%-20s %10llu %10llu %10llu ", path, size, used, avail);
	if (size)
		printf("%3llu%%\n", (used * 100 + size - 1) / size);
	else
		printf("  -\n");
	return 0;
}

int
main(int argc, char **argv)
{
	int status = 0;

	printf("%-20s %10s %10s %10s %4s\n", "Path", "1K-blocks", "Used",
	    "Available", "Use%");
	if (argc < 2)
		return show("/");
	for (int i = 1; i < argc; i++)
		status |= show(argv[i]);
	return status;
}
