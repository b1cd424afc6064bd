/* Directory trees: every regular file below the root is one article. */

#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>

#include "common/read_file.h"
#include "corpus/reader_impl.h"

/* nftw has no user pointer, so the walk collects into this while it runs;
 * st_dir_list is therefore not reentrant across threads. */
static struct {
    char **files;
    size_t n, cap;
    int failed;
} walk;

static int collect(const char *path, const struct stat *st, int type,
                   struct FTW *ftw)
{
    (void)st, (void)ftw;
    if (type != FTW_F)
        return 0;
    if (st_reserve(&walk.files, &walk.cap, walk.n + 1, sizeof *walk.files,
                   NULL) < 0 ||
        !(walk.files[walk.n] = strdup(path))) {
        walk.failed = 1;
        return 1;
    }
    walk.n++;
    return 0;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int st_dir_list(st_reader *r, st_error *err)
{
    memset(&walk, 0, sizeof walk);
    if (nftw(r->path, collect, 16, FTW_PHYS) != 0 || walk.failed) {
        int e = errno;
        for (size_t i = 0; i < walk.n; i++)
            free(walk.files[i]);
        free(walk.files);
        return st_fail(err, "%s: cannot walk directory: %s", r->path,
                       walk.failed ? "out of memory" : strerror(e));
    }
    qsort(walk.files, walk.n, sizeof *walk.files, compare_paths);
    r->files = walk.files;
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
    path = r->files[r->next_file++];
    f = fopen(path, "rb");
    if (!f)
        return st_fail(err, "%s: cannot open: %s", path, strerror(errno)),
               ST_READ_BAD;
    rc = st_read_stream(f, path, &r->file_text, &r->file_cap, &len, err);
    fclose(f);
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
