/* Directory trees: every regular file below the root is one article. */

#include <dirent.h>
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
    unsigned char *unreadable_dir;
    size_t n, cap, flags_cap;
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
    if (st_reserve(&walk.files, &walk.cap, walk.n + 1, sizeof *walk.files,
                   NULL) < 0 ||
        st_reserve(&walk.unreadable_dir, &walk.flags_cap, walk.n + 1, 1, NULL) < 0 ||
        !(walk.files[walk.n] = strdup(path))) {
        walk.failed = 1;
        return 1;
    }
    walk.unreadable_dir[walk.n] = type == FTW_DNR;
    walk.n++;
    return 0;
}

/* Sorting moves paths; the flags travel with them through this pairing. */
typedef struct entry {
    char *path;
    unsigned char unreadable_dir;
} entry;

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

static int sort_walk(st_error *err)
{
    entry *e = st_calloc(walk.n ? walk.n : 1, sizeof *e, err);
    if (!e)
        return -1;
    for (size_t i = 0; i < walk.n; i++)
        e[i] = (entry){ walk.files[i], walk.unreadable_dir[i] };
    qsort(e, walk.n, sizeof *e, compare_entries);
    for (size_t i = 0; i < walk.n; i++) {
        walk.files[i] = e[i].path;
        walk.unreadable_dir[i] = e[i].unreadable_dir;
    }
    free(e);
    return 0;
}

static void free_walk(void)
{
    for (size_t i = 0; i < walk.n; i++)
        free(walk.files[i]);
    free(walk.files);
    free(walk.unreadable_dir);
}

int st_dir_list(st_reader *r, st_error *err)
{
    memset(&walk, 0, sizeof walk);
    if (nftw(r->path, collect, 16, 0) != 0 || walk.failed) {
        int e = errno;
        free_walk();
        return st_fail(err, "%s: cannot walk directory: %s", r->path,
                       walk.failed ? "out of memory" : strerror(e));
    }
    if (sort_walk(err) < 0) {
        free_walk();
        return -1;
    }
    r->files = walk.files;
    r->unreadable_dir = walk.unreadable_dir;
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
    path = r->files[r->next_file];
    if (r->unreadable_dir[r->next_file++]) {
        DIR *d = opendir(path);  /* for the reason, which nftw does not give */
        int e = d ? EACCES : errno;
        if (d)
            closedir(d);
        return st_fail(err, "%s: cannot read directory: %s", path, strerror(e)),
               ST_READ_BAD;
    }
    f = fopen(path, "rb");
    if (!f)
        return st_fail(err, "%s: cannot open: %s", path, strerror(errno)),
               ST_READ_BAD;
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
