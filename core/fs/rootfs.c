#include "kernel.h"
#include "nexus/abi.h"
#include "rootfs.h"

static const uint8_t *root_image;
static size_t root_len;

static int
count_entry(void *ctx, const struct tar_entry *e)
{
	(void)e;
	(*(unsigned *)ctx)++;
	return 0;
}

void
rootfs_mount(const uint8_t *image, size_t len)
{
	unsigned entries = 0;
	size_t bad = 0;

	if (!image || len == 0) {
		kprint("rootfs: no initrd: nothing to mount; boot with "
		    "INITRD=<archive.tar>\n");
		return;
	}
	if (tar_walk(image, len, count_entry, &entries, &bad) == TAR_CORRUPT)
		kprintf("rootfs: warning: corrupt tar header at offset %lu; "
		    "using the %u entries before it\n", (unsigned long)bad,
		    entries);
	if (entries == 0) {
		kprint("rootfs: the initrd holds no tar entries\n");
		return;
	}
	root_image = image;
	root_len = len;
	kprintf("rootfs: tar archive, %u entries, %lu KiB\n", entries,
	    (unsigned long)(len / 1024));
}

int
rootfs_find(const char *path, struct tar_entry *out)
{
	if (!root_image)
		return NX_ENOENT;
	return tar_find(root_image, root_len, path, out);
}
