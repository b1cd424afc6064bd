/* libFuzzer harness: article dates and calendar periods.  Whatever the
 * text, a date that parses is a real calendar date, and each period that
 * holds it is labelled so that the label parses back into the same
 * period (the tables' period column can be read back as a date). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trend/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_period(const st_date *d, st_period_unit unit)
{
    char label[32];
    st_date back;
    long p, q;
    st_error err;
    if (st_period_of(d, unit, &p) < 0) {
        if (unit == ST_PERIOD_YEAR || (unit == ST_PERIOD_MONTH && d->precision >= ST_DATE_MONTH) ||
            d->precision == ST_DATE_DAY)
            abort();  /* refused a date precise enough for the unit */
        return;
    }
    st_period_label(p, unit, label, sizeof label);
    if (unit == ST_PERIOD_WEEK)
        return;  /* "2025-W24" is a label, not a date */
    if (st_date_parse(label, strlen(label), &back, &err) < 0 ||
        st_period_of(&back, unit, &q) < 0 || p != q)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    st_date d;
    st_error err;
    if (st_date_parse((const char *)data, size, &d, &err) < 0)
        return 0;
    if (d.year < 1 || d.year > 9999 || d.month < 0 || d.month > 12 || d.day < 0 ||
        d.day > 31 || (d.precision >= ST_DATE_MONTH) != (d.month > 0) ||
        (d.precision == ST_DATE_DAY) != (d.day > 0))
        abort();
    if (d.day) {
        int y, m, dd;
        st_civil_from_days(st_days_from_civil(d.year, d.month, d.day), &y, &m, &dd);
        if (y != d.year || m != d.month || dd != d.day)
            abort();  /* a day that does not exist */
    }
    for (int u = 0; u < 4; u++)
        check_period(&d, (st_period_unit)u);
    return 0;
}
