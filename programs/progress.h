/*
 * Progress on standard error for the commands that read corpora: records,
 * megabytes, records per second and, when the inputs' total size is
 * known, the time left.  On by default only when standard error is a
 * terminal (a log file should not fill with carriage returns); --progress
 * forces it, --quiet silences it.  Redrawn at most four times a second.
 */
#ifndef STANCE_PROGRESS_H
#define STANCE_PROGRESS_H

#include <stddef.h>

typedef struct st_progress {
    int on;
    const char *noun;            /* "articles", "records" */
    unsigned long long total;    /* bytes of all inputs; 0: unknown */
    unsigned long long done;     /* bytes of the inputs finished */
    size_t records_done;         /* records of the inputs finished */
    size_t current_records;      /* of the input being read */
    unsigned long long current_bytes;
    double start, last;
    int drawn;
} st_progress;

/* force: 1 --progress, -1 --quiet, 0 decide by the terminal.  The total
 * is the size of the regular files and directories among inputs. */
void st_progress_start(st_progress *p, int force, const char *noun,
                       char **inputs, int ninputs);
/* Records and bytes read so far from the current input. */
void st_progress_update(st_progress *p, size_t records, unsigned long long bytes);
/* The current input is finished (its last update counted whole). */
void st_progress_next_input(st_progress *p);
/* Ends the line drawn, if any. */
void st_progress_finish(st_progress *p);

/* A load callback (st_load_options.progress) over an st_progress. */
void st_progress_load_callback(void *ctx, size_t records, unsigned long long bytes);

#endif
