/*
 * TarFS, first cut: finds files in a ustar archive held in memory.  Pure:
 * bytes in, answers out.  Every header's checksum is verified; a corrupt
 * header or an entry running past the image ends the walk there.
 */
#ifndef RUMPK_TAR_H
#define RUMPK_TAR_H

#include <stddef.h>
#include <stdint.h>

struct tar_entry {
	char name[257];		/* prefix/name, without a leading "./" or "/" */
	char type;		/* '0' file, '5' directory, ... */
	const uint8_t *data;
	uint64_t size;
};

enum tar_status {
	TAR_END = 0,		/* clean end: zero block or end of image */
	TAR_STOPPED = 1,	/* the callback asked to stop */
	TAR_CORRUPT = -1,	/* bad checksum, bad number or truncated data */
};

/* Return nonzero from the callback to stop the walk. */
typedef int (*tar_visit_fn)(void *ctx, const struct tar_entry *e);

/* Walks every entry.  On TAR_CORRUPT, `*bad_offset` (if not NULL) says
 * where the bad header starts. */
enum tar_status tar_walk(const uint8_t *img, size_t len, tar_visit_fn visit,
    void *ctx, size_t *bad_offset);

/* Finds a regular file by absolute or relative path.  0 or NX_ENOENT. */
int tar_find(const uint8_t *img, size_t len, const char *path,
    struct tar_entry *out);

#endif
