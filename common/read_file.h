/* Reading a whole stream into memory. */
#ifndef STANCE_READ_FILE_H
#define STANCE_READ_FILE_H

#include <stdio.h>

#include "common/error.h"

/* Reads f to its end into *buf (grown as needed, NUL-terminated); *len
 * receives the byte count.  path names f in error messages. */
int st_read_stream(FILE *f, const char *path, char **buf, size_t *cap,
                   size_t *len, st_error *err);

#endif
