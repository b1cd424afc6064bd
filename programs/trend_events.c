/* stance trend --events: the annotations of the chart. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trend_output.h"

void trend_free_events(trend_event *events, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(events[i].label);
    free(events);
}

/* One DATE<TAB>LABEL line of an events file.  Returns 1 with *e filled, 0
 * for a blank or comment line, -1 with err naming path and line. */
static int parse_event(const char *path, size_t line_no, char *line,
                       trend_event *e, st_error *err)
{
    size_t len = strcspn(line, "\r\n");
    char *tab;
    st_date d;
    line[len] = '\0';
    tab = strchr(line, '\t');
    if (!len || line[0] == '#')
        return 0;
    if (!tab || tab == line || !tab[1])
        return st_fail(err, "%s:%zu: expected DATE<TAB>LABEL", path, line_no);
    if (st_date_parse(line, (size_t)(tab - line), &d, err) < 0)
        return st_fail_prefix(err, "%s:%zu", path, line_no);
    e->day = st_days_from_civil(d.year, d.month ? d.month : 1, d.day ? d.day : 1);
    if (!(e->label = strdup(tab + 1)))
        return st_fail(err, "out of memory");
    return 1;
}

int trend_read_events(const char *path, trend_event **events, size_t *n,
                       st_error *err)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, line_no = 0, events_cap = 0;
    int rc = 0;
    if (!f)
        return st_fail(err, "%s: cannot open: %s", path, strerror(errno));
    while (rc == 0 && getline(&line, &cap, f) >= 0) {
        trend_event e;
        int got = parse_event(path, ++line_no, line, &e, err);
        if (got < 0 || (got && st_reserve(events, &events_cap, *n + 1, sizeof e, err) < 0))
            rc = -1;
        else if (got)
            (*events)[(*n)++] = e;
    }
    if (rc == 0 && ferror(f))
        rc = st_fail(err, "%s: read error", path);
    free(line);
    fclose(f);
    return rc;
}
