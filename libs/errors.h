#ifndef RUMPK_ERRORS_H
#define RUMPK_ERRORS_H

/* The short message for an NX_E* error code (negative), e.g. "No such file
 * or directory"; "Unknown error" for anything else. */
const char *nx_strerror(long err);

#endif
