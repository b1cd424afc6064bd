#include "corpus/labels.h"

#include <string.h>

static int add(st_labels *l, const char *name, size_t len, st_error *err)
{
    if (len == 0)
        return st_fail(err, "empty label name");
    /* A label becomes a TSV column name (p_LABEL) and a field of every
     * output row: a tab or line break there would break every reader. */
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return st_fail(err, "label '%.*s' contains a tab, line break or "
                           "other control character", (int)(len < 40 ? len : 40), name);
    if (len >= ST_MAX_LABEL_LEN)
        return st_fail(err, "label '%.*s...' is longer than %d bytes", 20, name,
                       ST_MAX_LABEL_LEN - 1);
    if (l->n >= ST_MAX_CLASSES)
        return st_fail(err, "more than %d labels", ST_MAX_CLASSES);
    memcpy(l->names[l->n], name, len);
    l->names[l->n][len] = '\0';
    return l->n++;
}

int st_labels_parse(st_labels *l, const char *list, st_error *err)
{
    const char *p = list;

    memset(l, 0, sizeof *l);
    while (*p) {
        size_t len = strcspn(p, ",");
        char name[ST_MAX_LABEL_LEN];
        if (len < sizeof name) {
            memcpy(name, p, len);
            name[len] = '\0';
            if (st_labels_find(l, name) >= 0)
                return st_fail(err, "label '%s' is listed twice", name);
        }
        if (add(l, p, len, err) < 0)
            return st_fail_prefix(err, "label list '%s'", list);
        p += len;
        if (*p == ',')
            p++;
    }
    if (l->n < 2)
        return st_fail(err, "label list '%s': name at least two labels", list);
    l->fixed = 1;
    return 0;
}

int st_labels_find(const st_labels *l, const char *name)
{
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->names[i], name))
            return i;
    return -1;
}

int st_labels_intern(st_labels *l, const char *name, st_error *err)
{
    int k = st_labels_find(l, name);
    if (k >= 0)
        return k;
    if (l->fixed)
        return st_fail(err, "label '%s' is not one of the selected labels",
                       name);
    return add(l, name, strlen(name), err);
}
