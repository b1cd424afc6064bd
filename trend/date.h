/*
 * Dates of articles, as news feeds and archives write them.
 *
 * Accepted (leading and trailing blanks ignored):
 *   ISO 8601     2025, 2025-06, 2025-06-12, 20250612,
 *                2025-06-12T14:03, 2025-06-12T14:03:00.250+03:00,
 *                2025-06-12 14:03:00Z  (a space may stand for the T)
 *   RFC 2822     Thu, 12 Jun 2025 14:03:00 GMT  (weekday optional and
 *                not checked against the date; zones GMT, UT, UTC, Z,
 *                +hhmm/-hhmm and the US names EST..PDT; two-digit years
 *                as RFC 2822 section 4.3 says: 00-49 -> 20xx, 50-99 -> 19xx)
 *   Unix time    1749736980  (seconds; any all-digit string of other than
 *                4 or 8 digits, or a JSON number)
 *
 * A time with a zone offset is converted to UTC before its date is taken,
 * so every article falls on one UTC calendar day.  A date may be coarser
 * than a day (2015, 2015-07): its precision says so, and grouping by a
 * finer period must refuse it rather than invent a day (see period.h).
 */
#ifndef STANCE_DATE_H
#define STANCE_DATE_H

#include <stddef.h>

#include "common/error.h"

typedef enum st_date_precision {
    ST_DATE_YEAR = 1,
    ST_DATE_MONTH,
    ST_DATE_DAY
} st_date_precision;

typedef struct st_date {
    int year;        /* 1 .. 9999 */
    int month, day;  /* 1-based; 0 when coarser than that */
    st_date_precision precision;
} st_date;

/* Parses s (len bytes, need not be NUL-terminated).  Returns 0, or -1
 * with err saying what is wrong with the text ("day 31 does not exist in
 * 2025-06"); the caller adds where the text came from. */
int st_date_parse(const char *s, size_t len, st_date *out, st_error *err);

/* The UTC date of a Unix time in seconds; -1 when outside years 1-9999
 * (milliseconds given as seconds land there, and the message says so). */
int st_date_from_unix(double seconds, st_date *out, st_error *err);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back
 * (Howard Hinnant's civil-date algorithms, exact for every year here). */
long st_days_from_civil(int year, int month, int day);
void st_civil_from_days(long days, int *year, int *month, int *day);

#endif
