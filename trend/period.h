/*
 * Calendar periods that articles are grouped by: day, ISO week (Monday to
 * Sunday, numbered as ISO 8601 does), month or year.  A period is a
 * number that counts periods from the Unix epoch, so consecutive periods
 * are consecutive numbers and a gap is easy to fill.
 */
#ifndef STANCE_PERIOD_H
#define STANCE_PERIOD_H

#include <stddef.h>

#include "common/error.h"
#include "trend/date.h"

typedef enum st_period_unit {
    ST_PERIOD_DAY, ST_PERIOD_WEEK, ST_PERIOD_MONTH, ST_PERIOD_YEAR
} st_period_unit;

/* "day", "week", "month" or "year". */
int st_period_unit_parse(const char *name, st_period_unit *out, st_error *err);
const char *st_period_unit_name(st_period_unit unit);

/* The period holding date.  Returns 0, or -1 when the date is coarser
 * than the unit (a year-only date has no month): the article cannot be
 * placed without inventing a day, so it must be left out and reported. */
int st_period_of(const st_date *date, st_period_unit unit, long *period);

/* "2025-06-12", "2025-W24", "2025-06" or "2025".  Returns buf. */
const char *st_period_label(long period, st_period_unit unit, char *buf,
                            size_t size);

/* The first day of a period, in days since 1970-01-01 (for drawing
 * periods on a time axis). */
long st_period_first_day(long period, st_period_unit unit);

#endif
