#include "corpus/parallel_text.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/read_file.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names (without ".txt") of dir's *.txt files, sorted, so that the
 * joint documents and everything learnt from them do not depend on the
 * order readdir happens to return. */
static int list_languages(st_parallel *p, const char *dir, st_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t cap = 0;

    if (!d)
        return st_fail(err, "%s: %s", dir, strerror(errno));
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= 4 || strcmp(e->d_name + len - 4, ".txt") != 0)
            continue;
        if (st_reserve(&p->lang, &cap, p->nlang + 1, sizeof *p->lang, err) < 0 ||
            !(p->lang[p->nlang] = st_malloc(len - 3, err))) {
            closedir(d);
            return -1;
        }
        memcpy(p->lang[p->nlang], e->d_name, len - 4);
        p->lang[p->nlang++][len - 4] = '\0';
    }
    closedir(d);
    if (p->nlang == 0)
        return st_fail(err, "%s: no *.txt files of line-aligned translations", dir);
    qsort(p->lang, p->nlang, sizeof *p->lang, by_name);
    return 0;
}

/* Lines of text: a final line break ends the last line, it does not start
 * an empty one. */
static size_t count_lines(const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    return n + (len > 0 && text[len - 1] != '\n');
}

static int read_language(const char *dir, const char *lang, char **buf,
                         size_t *len, st_error *err)
{
    char path[4096];
    size_t cap = 0;
    FILE *f;
    int rc;

    snprintf(path, sizeof path, "%s/%s.txt", dir, lang);
    if (!(f = fopen(path, "rb")))
        return st_fail(err, "%s: %s", path, strerror(errno));
    rc = st_read_stream(f, path, buf, &cap, len, err);
    fclose(f);
    return rc;
}

/* Appends every line of text (one language) to its joint document. */
static int append_lines(st_parallel *p, const char *text, size_t len,
                        size_t *used, size_t *cap, st_error *err)
{
    const char *at = text, *end = text + len;

    for (size_t i = 0; i < p->nlines; i++) {
        const char *nl = memchr(at, '\n', (size_t)(end - at));
        size_t n = (size_t)((nl ? nl : end) - at);
        if (st_reserve(&p->joint[i], &cap[i], used[i] + n + 2, 1, err) < 0)
            return -1;
        memcpy(p->joint[i] + used[i], at, n);
        used[i] += n;
        p->joint[i][used[i]++] = '\n';
        p->joint[i][used[i]] = '\0';
        at = nl ? nl + 1 : end;
    }
    return 0;
}

int st_parallel_read(st_parallel *p, const char *dir, st_error *err)
{
    size_t *used = NULL, *cap = NULL;
    char *text = NULL;
    int rc = -1;

    memset(p, 0, sizeof *p);
    if (list_languages(p, dir, err) < 0)
        goto done;
    for (size_t l = 0; l < p->nlang; l++) {
        size_t len, lines;
        free(text);
        text = NULL;
        if (read_language(dir, p->lang[l], &text, &len, err) < 0)
            goto done;
        lines = count_lines(text, len);
        if (l == 0) {
            p->nlines = lines;
            if (lines == 0) {
                st_fail(err, "%s/%s.txt: empty", dir, p->lang[0]);
                goto done;
            }
            p->joint = st_calloc(lines, sizeof *p->joint, err);
            used = st_calloc(lines, sizeof *used, err);
            cap = st_calloc(lines, sizeof *cap, err);
            if (!p->joint || !used || !cap)
                goto done;
        } else if (lines != p->nlines) {
            st_fail(err, "%s/%s.txt has %zu lines but %s/%s.txt has %zu: "
                    "the files are not line-aligned translations",
                    dir, p->lang[l], lines, dir, p->lang[0], p->nlines);
            goto done;
        }
        if (append_lines(p, text, len, used, cap, err) < 0)
            goto done;
    }
    rc = 0;
done:
    free(text);
    free(used);
    free(cap);
    if (rc < 0)
        st_parallel_free(p);
    return rc;
}

const char *st_parallel_sentence(const st_parallel *p, size_t line, size_t lang,
                                 size_t *len)
{
    const char *at = p->joint[line];

    for (size_t l = 0; l < lang; l++)
        at = strchr(at, '\n') + 1;     /* every language ends its line */
    *len = (size_t)(strchr(at, '\n') - at);
    return at;
}

void st_parallel_free(st_parallel *p)
{
    for (size_t l = 0; l < p->nlang; l++)
        free(p->lang[l]);
    for (size_t i = 0; p->joint && i < p->nlines; i++)
        free(p->joint[i]);
    free(p->lang);
    free(p->joint);
    memset(p, 0, sizeof *p);
}

int st_parallel_find_english(const st_parallel *p, size_t *lang, st_error *err)
{
    for (size_t l = 0; l < p->nlang; l++)
        if (strcmp(p->lang[l], "en") == 0 || strncmp(p->lang[l], "eng", 3) == 0) {
            *lang = l;
            return 0;
        }
    return st_fail(err, "no English file (en.txt or eng*.txt) among the %zu "
                   "languages to pivot on", p->nlang);
}
