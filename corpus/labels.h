/*
 * Label names <-> class numbers.  Classes are numbered from 0 in the order
 * the labels were added: the order of --labels when given, else the order
 * of first appearance in the corpus, so numbering never depends on a hash
 * or a sort locale.
 */
#ifndef STANCE_LABELS_H
#define STANCE_LABELS_H

#include "common/error.h"

#define ST_MAX_CLASSES 64
#define ST_MAX_LABEL_LEN 64

typedef struct st_labels {
    int n;
    int fixed;  /* set from --labels: unknown labels are not added */
    char names[ST_MAX_CLASSES][ST_MAX_LABEL_LEN];
} st_labels;

/* Parses "warming,cooling" into a fixed label set. */
int st_labels_parse(st_labels *l, const char *list, st_error *err);
/* Class number of name, or -1. */
int st_labels_find(const st_labels *l, const char *name);
/* Class number of name, adding it unless the set is fixed; -1 with err
 * when it cannot be added (fixed set, too many, name too long). */
int st_labels_intern(st_labels *l, const char *name, st_error *err);

#endif
