/*
 * stance trend --html: one self-contained page with an SVG chart of the
 * warming index per group over time (its interval as a band, periods with
 * few articles as hollow points, empty periods as gaps in the line), the
 * number of articles per period as stacked bars below, events as dashed
 * vertical lines, and the table itself.
 */
#include "trend_output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 960
#define LEFT 64
#define RIGHT 150              /* room for the legend */
#define TOP 56                 /* room for event labels */
#define INDEX_HEIGHT 300
#define GAP 46
#define COUNT_HEIGHT 110
#define HEIGHT (TOP + INDEX_HEIGHT + GAP + COUNT_HEIGHT + 40)

/* Tableau 10: distinct for most kinds of colour vision. */
static const char *const palette[] = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"
};
#define NCOLOURS (sizeof palette / sizeof *palette)

typedef struct chart {
    const trend_table *t;
    size_t nperiods, ngroups;  /* rows are ngroups runs of nperiods */
    long first_day, end_day;   /* the time axis, in days */
} chart;

static void put_html(FILE *out, const char *s)
{
    for (size_t n; *s; s += n) {
        n = strcspn(s, "<>&\"");
        fwrite(s, 1, n, out);
        if (!s[n])
            break;
        fputs(s[n] == '<' ? "&lt;" : s[n] == '>' ? "&gt;" : s[n] == '&' ? "&amp;"
              : "&quot;", out);
        n++;
    }
}

static double x_of_day(const chart *c, double day)
{
    double span = (double)(c->end_day - c->first_day);
    return LEFT + (day - (double)c->first_day) / span * (WIDTH - LEFT - RIGHT);
}

/* The middle of a period on the time axis. */
static double x_of_period(const chart *c, long period)
{
    long a = st_period_first_day(period, c->t->unit);
    long b = st_period_first_day(period + 1, c->t->unit);
    return x_of_day(c, (a + b) / 2.0);
}

static double y_of_index(double v)
{
    return TOP + (1 - v) / 2 * INDEX_HEIGHT;
}

static const st_trend_row *row_at(const chart *c, size_t g, size_t p)
{
    return &c->t->rows[g * c->nperiods + p];
}

static const char *group_name(const chart *c, size_t g)
{
    const char *name = row_at(c, g, 0)->group;
    return *name ? name : "all";
}

static void axes(FILE *out, const chart *c)
{
    size_t step = (c->nperiods + 11) / 12;
    char label[32];
    for (int i = -2; i <= 2; i++) {
        double y = y_of_index(i / 2.0);
        fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>"
                "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s%.1f</text>\n",
                LEFT, WIDTH - RIGHT, y, y, i ? "grid" : "zero", LEFT - 6, y + 4,
                i > 0 ? "+" : i < 0 ? "&#8722;" : "", fabs(i / 2.0));
    }
    fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"axis\">&#8593; warming</text>"
            "<text x=\"%d\" y=\"%d\" class=\"axis\">&#8595; cooling</text>\n",
            LEFT + 4, TOP + 16, LEFT + 4, TOP + INDEX_HEIGHT - 8);
    for (size_t p = 0; p < c->nperiods; p += step) {
        double x = x_of_period(c, row_at(c, 0, p)->period);
        fprintf(out, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>\n",
                x, HEIGHT - 12, st_period_label(row_at(c, 0, p)->period, c->t->unit,
                                               label, sizeof label));
    }
}

/* The interval of group g as one polygon per run of periods that have
 * one, so that a gap in the data is a gap in the band. */
static void band(FILE *out, const chart *c, size_t g)
{
    size_t p = 0;
    while (p < c->nperiods) {
        size_t start = p, end;
        if (isnan(row_at(c, g, p)->low)) {
            p++;
            continue;
        }
        while (p < c->nperiods && !isnan(row_at(c, g, p)->low))
            p++;
        end = p;
        if (end - start == 1) {  /* a lone period: its interval as a whisker */
            const st_trend_row *r = row_at(c, g, start);
            double x = x_of_period(c, r->period);
            fprintf(out, "<line class=\"whisker\" stroke=\"%s\" x1=\"%.1f\" x2=\"%.1f\" "
                    "y1=\"%.1f\" y2=\"%.1f\"/>\n", palette[g % NCOLOURS], x, x,
                    y_of_index(r->high), y_of_index(r->low));
            continue;
        }
        fprintf(out, "<polygon class=\"band\" fill=\"%s\" points=\"",
                palette[g % NCOLOURS]);
        for (size_t i = start; i < end; i++)
            fprintf(out, "%.1f,%.1f ", x_of_period(c, row_at(c, g, i)->period),
                    y_of_index(row_at(c, g, i)->high));
        for (size_t i = end; i-- > start;)
            fprintf(out, "%.1f,%.1f ", x_of_period(c, row_at(c, g, i)->period),
                    y_of_index(row_at(c, g, i)->low));
        fputs("\"/>\n", out);
    }
}

/* The index of group g: a line broken at empty periods, and a point per
 * period with articles (hollow when they are few). */
static void series(FILE *out, const chart *c, size_t g)
{
    const char *colour = palette[g % NCOLOURS];
    int pen_down = 0;
    fprintf(out, "<path class=\"series\" data-group=\"");
    put_html(out, group_name(c, g));
    fprintf(out, "\" stroke=\"%s\" d=\"", colour);
    for (size_t p = 0; p < c->nperiods; p++) {
        const st_trend_row *r = row_at(c, g, p);
        if (!r->articles) {
            pen_down = 0;
            continue;
        }
        fprintf(out, "%c%.1f,%.1f ", pen_down ? 'L' : 'M', x_of_period(c, r->period),
                y_of_index(r->index));
        pen_down = 1;
    }
    fputs("\"/>\n", out);
    for (size_t p = 0; p < c->nperiods; p++) {
        const st_trend_row *r = row_at(c, g, p);
        char label[32];
        if (!r->articles)
            continue;
        fprintf(out, "<circle class=\"point%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
                "stroke=\"%s\" fill=\"%s\"><title>",
                *trend_row_note(c->t, r) ? " few" : "", x_of_period(c, r->period),
                y_of_index(r->index), colour, *trend_row_note(c->t, r) ? "white" : colour);
        put_html(out, group_name(c, g));
        fprintf(out, " %s: index %+.3f, %zu articles</title></circle>\n",
                st_period_label(r->period, c->t->unit, label, sizeof label), r->index,
                r->articles);
    }
}

/* Articles per period, stacked by group, on a scale of the largest total. */
static void count_bars(FILE *out, const chart *c)
{
    size_t most = 1;
    double base = TOP + INDEX_HEIGHT + GAP + COUNT_HEIGHT;
    for (size_t p = 0; p < c->nperiods; p++) {
        size_t total = 0;
        for (size_t g = 0; g < c->ngroups; g++)
            total += row_at(c, g, p)->articles;
        if (total > most)
            most = total;
    }
    fprintf(out, "<text x=\"%d\" y=\"%.0f\" class=\"axis\">articles</text>"
            "<text x=\"%d\" y=\"%.0f\" class=\"tick\" text-anchor=\"end\">%zu</text>\n",
            LEFT + 4, base - COUNT_HEIGHT - 6, LEFT - 6, base - COUNT_HEIGHT + 4, most);
    for (size_t p = 0; p < c->nperiods; p++) {
        long period = row_at(c, 0, p)->period;
        double x0 = x_of_day(c, (double)st_period_first_day(period, c->t->unit));
        double x1 = x_of_day(c, (double)st_period_first_day(period + 1, c->t->unit));
        double w = x1 - x0 > 2 ? x1 - x0 - 1 : x1 - x0, y = base;
        for (size_t g = 0; g < c->ngroups; g++) {
            double h = (double)row_at(c, g, p)->articles / (double)most * COUNT_HEIGHT;
            if (!row_at(c, g, p)->articles)
                continue;
            y -= h;
            fprintf(out, "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                    "height=\"%.2f\" fill=\"%s\"/>\n", x0, y, w, h, palette[g % NCOLOURS]);
        }
    }
}

/* Events as dashed lines, their labels set in the first of three rows
 * above the chart where they do not run into an earlier label (widths
 * estimated from the length: SVG text cannot be measured without a
 * browser). */
static void event_marks(FILE *out, const chart *c, const trend_event *events,
                        size_t n)
{
    double row_end[3] = { 0, 0, 0 };
    for (size_t i = 0; i < n; i++) {
        double x, width = 6.2 * (double)strlen(events[i].label);
        int row = 0;
        if (events[i].day < c->first_day || events[i].day >= c->end_day)
            continue;
        x = x_of_day(c, (double)events[i].day + 0.5);
        while (row < 2 && row_end[row] > x - 2)
            row++;
        row_end[row] = x + 3 + width;
        fprintf(out, "<g class=\"event\"><line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>"
                "<text x=\"%.1f\" y=\"%d\">", x, x, TOP - 12 - row * 14,
                TOP + INDEX_HEIGHT + GAP + COUNT_HEIGHT, x + 3, TOP - 4 - row * 14);
        put_html(out, events[i].label);
        fputs("</text></g>\n", out);
    }
}

static void legend(FILE *out, const chart *c)
{
    for (size_t g = 0; g < c->ngroups; g++) {
        int y = TOP + 10 + (int)g * 20;
        fprintf(out, "<g class=\"legend\"><rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" "
                "fill=\"%s\"/><text x=\"%d\" y=\"%d\">", WIDTH - RIGHT + 16, y - 11,
                palette[g % NCOLOURS], WIDTH - RIGHT + 36, y);
        put_html(out, group_name(c, g));
        fputs("</text></g>\n", out);
    }
}

static void svg(FILE *out, const chart *c, const trend_event *events, size_t nevents)
{
    fprintf(out, "<svg id=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
            "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
            WIDTH, HEIGHT, WIDTH, HEIGHT);
    axes(out, c);
    for (size_t g = 0; g < c->ngroups; g++)
        band(out, c, g);
    for (size_t g = 0; g < c->ngroups; g++)
        series(out, c, g);
    count_bars(out, c);
    event_marks(out, c, events, nevents);
    legend(out, c);
    fputs("</svg>\n", out);
}

static void table_html(FILE *out, const trend_table *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    fputs("<details><summary>The table</summary><pre>", out);
    if (mem) {
        trend_write_tsv(mem, t);
        fclose(mem);
        put_html(out, buf);
        free(buf);
    }
    fputs("</pre></details>\n", out);
}

int trend_write_html(FILE *out, const trend_table *t, const trend_event *events,
                     size_t nevents, const char *title)
{
    chart c = { .t = t };
    long first = t->rows[0].period, last = t->rows[t->nrows - 1].period;
    c.nperiods = (size_t)(last - first + 1);
    c.ngroups = t->nrows / c.nperiods;
    c.first_day = st_period_first_day(first, t->unit);
    c.end_day = st_period_first_day(last + 1, t->unit);
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", out);
    put_html(out, title);
    fputs("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:64em}"
          "svg text{font-size:12px}.axis{fill:#333;font-weight:bold}.tick{fill:#555}"
          ".grid{stroke:#e4e4e4}.zero{stroke:#888}.band{opacity:.18;stroke:none}"
          ".whisker{opacity:.5;stroke-width:3}"
          ".series{fill:none;stroke-width:2}.point{stroke-width:1.5}"
          ".event line{stroke:#444;stroke-dasharray:4 3}.event text{fill:#222}"
          "pre{background:#f4f4f4;padding:1em;overflow-x:auto}</style></head><body>\n<h1>", out);
    put_html(out, title);
    fprintf(out, "</h1>\n<p>The warming index by %s: the mean over the articles of "
            "p(warming)&nbsp;&minus;&nbsp;p(cooling), from &minus;1 (all surely cooling) to "
            "+1 (all surely warming).  ", st_period_unit_name(t->unit));
    if (t->replicates)
        fprintf(out, "Bands: %.0f%% percentile bootstrap intervals (%d Poisson-weighted "
                "replicates).  ", t->level * 100, t->replicates);
    fprintf(out, "Hollow points: fewer than %ld articles.  Gaps: periods without "
            "articles.</p>\n<p id=\"provenance\"><b id=\"articles\">%zu</b> articles; "
            "left out: %zu undated, %zu with an unreadable date, %zu with a date too "
            "coarse for the period.</p>\n", t->min_articles, t->articles, t->undated,
            t->unparseable, t->too_coarse);
    svg(out, &c, events, nevents);
    table_html(out, t);
    fputs("</body></html>\n", out);
    return ferror(out) ? -1 : 0;
}
