/* Directory trees: every regular file below the root is one article. */

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>

#include "common/read_file.h"
#include "corpus/reader_impl.h"

/* nftw has no user pointer, so the walk collects into this while it runs:
 * one per thread, so that threads can walk trees at the same time (a walk
 * never starts another in the same thread). */
static __thread struct {
    st_dir_entry *entries;
    size_t n, cap;
    int failed;
} walk;

/* Every entry that could hold an article is listed, not only the
 * readable ones: a file that cannot be opened, a dangling symbolic link
 * and a directory that cannot be read become bad records when their turn
 * comes (named, and fatal without --skip-bad), never a silent gap.
 * Symbolic links are followed (nftw without FTW_PHYS; glibc's nftw does
 * not enter a directory twice, so a link loop ends). */
static int collect(const char *path, const struct stat *st, int type,
                   struct FTW *ftw)
{
    (void)st, (void)ftw;
    if (type == FTW_D || type == FTW_DP)
        return 0;
    if (st_reserve(&walk.entries, &walk.cap, walk.n + 1, sizeof *walk.entries,
                   NULL) < 0 ||
        !(walk.entries[walk.n].path = strdup(path))) {
        walk.failed = 1;
        return 1;
    }
    walk.entries[walk.n++].unreadable_dir = type == FTW_DNR;
    return 0;
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const st_dir_entry *)a)->path, ((const st_dir_entry *)b)->path);
}

int st_dir_list(st_reader *r, st_error *err)
{
    memset(&walk, 0, sizeof walk);
    if (nftw(r->path, collect, 16, 0) != 0 || walk.failed) {
        int e = errno;
        for (size_t i = 0; i < walk.n; i++)
            free(walk.entries[i].path);
        free(walk.entries);
        return st_fail(err, "%s: cannot walk directory: %s", r->path,
                       walk.failed ? "out of memory" : strerror(e));
    }
    qsort(walk.entries, walk.n, sizeof *walk.entries, compare_entries);
    r->files = walk.entries;
    r->nfiles = walk.n;
    return 0;
}

/* The label of root/LABEL/.../file is LABEL; files directly in the root
 * have none. */
static const char *label_of(st_reader *r, const char *path)
{
    size_t root = strlen(r->path);
    const char *rest = path + root, *slash;

    while (*rest == '/')
        rest++;
    slash = strchr(rest, '/');
    if (!slash)
        return NULL;
    free(r->label_buf);
    r->label_buf = strndup(rest, (size_t)(slash - rest));
    return r->label_buf;
}

int st_dir_next(st_reader *r, st_doc *doc, st_error *err)
{
    const char *path;
    FILE *f;
    size_t len;
    int rc;

    if (r->next_file >= r->nfiles)
        return 0;
    path = r->files[r->next_file].path;
    if (r->files[r->next_file++].unreadable_dir) {
        DIR *d = opendir(path);  /* for the reason, which nftw does not give */
        int e = d ? EACCES : errno;
        if (d)
            closedir(d);
        return st_fail_code(err, ST_READ_BAD, "%s: cannot read directory: %s", path, strerror(e));
    }
    f = fopen(path, "rb");
    if (!f)
        return st_fail_code(err, ST_READ_BAD, "%s: cannot open: %s", path, strerror(errno));
    rc = st_read_stream(f, path, &r->file_text, &r->file_cap, &len, err);
    fclose(f);
    r->dir_bytes += len;
    if (rc < 0)
        return ST_READ_BAD;
    memset(doc, 0, sizeof *doc);
    doc->file = path;
    doc->id = path;
    doc->label = label_of(r, path);
    doc->text = r->file_text;
    doc->text_len = len;
    return 1;
}
