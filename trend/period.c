#include "trend/period.h"

#include <stdio.h>
#include <string.h>

static const char *const unit_names[] = { "day", "week", "month", "year" };

int st_period_unit_parse(const char *name, st_period_unit *out, st_error *err)
{
    for (int u = 0; u < 4; u++)
        if (!strcmp(name, unit_names[u])) {
            *out = (st_period_unit)u;
            return 0;
        }
    return st_fail(err, "expected day, week, month or year, got '%s'", name);
}

const char *st_period_unit_name(st_period_unit unit)
{
    return unit_names[unit];
}

/* floor(a / b) for b > 0. */
static long floor_div(long a, long b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* 1970-01-01 was a Thursday, so the Monday that starts its ISO week is
 * day -3: weeks are counted from there. */
static long week_of_day(long day) { return floor_div(day + 3, 7); }

int st_period_of(const st_date *date, st_period_unit unit, long *period)
{
    switch (unit) {
    case ST_PERIOD_YEAR:
        *period = date->year;
        return 0;
    case ST_PERIOD_MONTH:
        if (date->precision < ST_DATE_MONTH)
            return -1;
        *period = (long)date->year * 12 + date->month - 1;
        return 0;
    case ST_PERIOD_WEEK:
    case ST_PERIOD_DAY:
        if (date->precision < ST_DATE_DAY)
            return -1;
        *period = st_days_from_civil(date->year, date->month, date->day);
        if (unit == ST_PERIOD_WEEK)
            *period = week_of_day(*period);
        return 0;
    }
    return -1;
}

long st_period_first_day(long period, st_period_unit unit)
{
    switch (unit) {
    case ST_PERIOD_DAY: return period;
    case ST_PERIOD_WEEK: return period * 7 - 3;
    case ST_PERIOD_MONTH:
        return st_days_from_civil((int)floor_div(period, 12), (int)(period - floor_div(period, 12) * 12) + 1, 1);
    case ST_PERIOD_YEAR: return st_days_from_civil((int)period, 1, 1);
    }
    return 0;
}

const char *st_period_label(long period, st_period_unit unit, char *buf,
                            size_t size)
{
    int y, m, d;
    switch (unit) {
    case ST_PERIOD_DAY:
        st_civil_from_days(period, &y, &m, &d);
        snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
        break;
    case ST_PERIOD_WEEK: {
        /* An ISO week belongs to the year of its Thursday; it is that
         * year's week 1 + (days since the year's first Thursday) / 7. */
        long thursday = period * 7;
        long jan1;
        st_civil_from_days(thursday, &y, &m, &d);
        jan1 = st_days_from_civil(y, 1, 1);
        snprintf(buf, size, "%04d-W%02ld", y, (thursday - jan1) / 7 + 1);
        break;
    }
    case ST_PERIOD_MONTH:
        snprintf(buf, size, "%04ld-%02ld", floor_div(period, 12),
                 period - floor_div(period, 12) * 12 + 1);
        break;
    case ST_PERIOD_YEAR:
        snprintf(buf, size, "%04ld", period);
        break;
    }
    return buf;
}
