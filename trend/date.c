#include "trend/date.h"

#include <math.h>
#include <string.h>
#include <strings.h>

/* A cursor over the text being parsed. */
typedef struct scan {
    const char *p, *end;
} scan;

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_blank(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static void skip_blanks(scan *s)
{
    while (s->p < s->end && is_blank((unsigned char)*s->p))
        s->p++;
}

static int peek(const scan *s) { return s->p < s->end ? (unsigned char)*s->p : -1; }

static int accept(scan *s, char c)
{
    if (peek(s) != (unsigned char)c)
        return 0;
    s->p++;
    return 1;
}

/* Exactly n digits (n > 0) into *v; 0 when they are not there. */
static int digits(scan *s, int n, int *v)
{
    int x = 0;
    if (s->end - s->p < n)
        return 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit((unsigned char)s->p[i]))
            return 0;
        x = x * 10 + (s->p[i] - '0');
    }
    s->p += n;
    *v = x;
    return 1;
}

static size_t count_digits(const scan *s)
{
    size_t n = 0;
    while (s->p + n < s->end && is_digit((unsigned char)s->p[n]))
        n++;
    return n;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

long st_days_from_civil(int year, int month, int day)
{
    long y = year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void st_civil_from_days(long days, int *year, int *month, int *day)
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = m;
    *year = (int)(yoe + era * 400 + (m <= 2));
}

static int check_ymd(int y, int m, int d, st_error *err)
{
    if (y < 1)
        return st_fail(err, "year %d is out of range", y);
    if (m < 1 || m > 12)
        return st_fail(err, "month %d does not exist", m);
    if (d < 1 || d > days_in_month(y, m))
        return st_fail(err, "day %d does not exist in %04d-%02d", d, y, m);
    return 0;
}

/* The UTC date of local date y-m-d at minute-of-day `minutes` in a zone
 * `offset` minutes east of UTC. */
static int set_utc_day(st_date *out, int y, int m, int d, int minutes,
                       int offset, st_error *err)
{
    long days = st_days_from_civil(y, m, d);
    long utc = minutes - offset;
    days += utc < 0 ? -1 : utc >= 1440 ? 1 : 0;
    st_civil_from_days(days, &out->year, &out->month, &out->day);
    if (out->year < 1 || out->year > 9999)
        return st_fail(err, "year is out of range");
    out->precision = ST_DATE_DAY;
    return 0;
}

/* HH:MM[:SS[.fraction]] into minutes of the day. */
static int parse_clock(scan *s, int *minutes, st_error *err)
{
    int h, m, sec = 0;
    if (!digits(s, 2, &h) || !accept(s, ':') || !digits(s, 2, &m))
        return st_fail(err, "expected a time as HH:MM");
    if (accept(s, ':')) {
        if (!digits(s, 2, &sec))
            return st_fail(err, "expected seconds after HH:MM:");
        if (accept(s, '.') || accept(s, ',')) {
            if (!count_digits(s))
                return st_fail(err, "expected digits after the decimal point");
            s->p += count_digits(s);
        }
    }
    if (h > 23 || m > 59 || sec > 60)
        return st_fail(err, "time %02d:%02d:%02d does not exist", h, m, sec);
    *minutes = h * 60 + m;
    return 0;
}

/* +hh:mm, +hhmm or +hh (or -) into minutes east of UTC. */
static int parse_offset(scan *s, int *offset, st_error *err)
{
    int sign = peek(s) == '-' ? -1 : 1, h, m = 0;
    s->p++;
    if (!digits(s, 2, &h))
        return st_fail(err, "expected a zone offset as +hh:mm");
    if (accept(s, ':')) {
        if (!digits(s, 2, &m))
            return st_fail(err, "expected a zone offset as +hh:mm");
    } else if (count_digits(s) == 2) {
        digits(s, 2, &m);
    }
    if (h > 23 || m > 59)
        return st_fail(err, "zone offset %02d:%02d does not exist", h, m);
    *offset = sign * (h * 60 + m);
    return 0;
}

static int expect_end(scan *s, st_error *err)
{
    skip_blanks(s);
    if (s->p < s->end)
        return st_fail(err, "unexpected text after the date");
    return 0;
}

static int parse_iso(scan *s, st_date *out, st_error *err)
{
    int y = 0, m = 0, d = 0, minutes, offset = 0;
    st_date_precision precision = ST_DATE_YEAR;
    if (count_digits(s) == 8) {
        digits(s, 4, &y);
        digits(s, 2, &m);
        digits(s, 2, &d);
        precision = ST_DATE_DAY;
    } else {
        digits(s, 4, &y);
        if (accept(s, '-')) {
            if (!digits(s, 2, &m))
                return st_fail(err, "expected a two-digit month after the year");
            precision = ST_DATE_MONTH;
            if (accept(s, '-')) {
                if (!digits(s, 2, &d))
                    return st_fail(err, "expected a two-digit day after the month");
                precision = ST_DATE_DAY;
            }
        }
    }
    /* An absent month or day is checked as 1: "2025" is a valid year. */
    if (check_ymd(y, precision >= ST_DATE_MONTH ? m : 1,
                  precision == ST_DATE_DAY ? d : 1, err) < 0)
        return -1;
    out->year = y;
    out->month = m;
    out->day = d;
    out->precision = precision;
    if (!d || !(accept(s, 'T') || accept(s, 't') ||
                (peek(s) == ' ' && s->end - s->p > 1 && is_digit((unsigned char)s->p[1]) &&
                 accept(s, ' '))))
        return expect_end(s, err);
    if (parse_clock(s, &minutes, err) < 0)
        return -1;
    if (accept(s, 'Z') || accept(s, 'z'))
        offset = 0;
    else if ((peek(s) == '+' || peek(s) == '-') && parse_offset(s, &offset, err) < 0)
        return -1;
    if (expect_end(s, err) < 0)
        return -1;
    return set_utc_day(out, y, m, d, minutes, offset, err);
}

static int month_from_name(const char *p)
{
    static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    for (int m = 0; m < 12; m++)
        if (!strncasecmp(p, names + 3 * m, 3))
            return m + 1;
    return 0;
}

/* RFC 2822's zone: +hhmm / -hhmm or a name it allows. */
static int parse_rfc_zone(scan *s, int *offset, st_error *err)
{
    static const struct { const char *name; int hours; } zones[] = {
        { "GMT", 0 }, { "UTC", 0 }, { "UT", 0 }, { "Z", 0 },
        { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
        { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
    };
    size_t n = 0;
    *offset = 0;
    skip_blanks(s);
    if (s->p == s->end)
        return 0;  /* no zone: taken as UTC */
    if (peek(s) == '+' || peek(s) == '-')
        return parse_offset(s, offset, err);
    while (s->p + n < s->end && ((s->p[n] | 0x20) >= 'a' && (s->p[n] | 0x20) <= 'z'))
        n++;
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
        if (n == strlen(zones[i].name) && !strncasecmp(s->p, zones[i].name, n)) {
            s->p += n;
            *offset = zones[i].hours * 60;
            return 0;
        }
    return st_fail(err, "unknown time zone '%.*s'", (int)(n ? n : 1), s->p);
}

static int parse_rfc2822(scan *s, st_date *out, st_error *err)
{
    int d, m, y = 0, minutes = 0, offset = 0;
    size_t nd;
    if (!is_digit(peek(s))) {  /* "Thu," */
        if (s->end - s->p < 4 || s->p[3] != ',')
            return st_fail(err, "not a date (expected ISO 8601, RFC 2822 or Unix time)");
        s->p += 4;
        skip_blanks(s);
    }
    nd = count_digits(s);
    if (nd < 1 || nd > 2 || !digits(s, (int)nd, &d))
        return st_fail(err, "expected the day of the month");
    skip_blanks(s);
    if (s->end - s->p < 3 || !(m = month_from_name(s->p)))
        return st_fail(err, "expected a month name (Jan .. Dec)");
    s->p += 3;
    skip_blanks(s);
    nd = count_digits(s);
    if (nd != 2 && nd != 4)
        return st_fail(err, "expected a two- or four-digit year");
    digits(s, (int)nd, &y);
    if (nd == 2)
        y += y < 50 ? 2000 : 1900;
    if (check_ymd(y, m, d, err) < 0)
        return -1;
    skip_blanks(s);
    if (s->p < s->end && is_digit(peek(s)) && parse_clock(s, &minutes, err) < 0)
        return -1;
    if (parse_rfc_zone(s, &offset, err) < 0)
        return -1;
    skip_blanks(s);
    if (accept(s, '(')) {  /* a comment such as "(UTC)" */
        while (s->p < s->end && *s->p != ')')
            s->p++;
        if (!accept(s, ')'))
            return st_fail(err, "unclosed comment");
    }
    if (expect_end(s, err) < 0)
        return -1;
    return set_utc_day(out, y, m, d, minutes, offset, err);
}

int st_date_from_unix(double seconds, st_date *out, st_error *err)
{
    /* 0001-01-01 and 9999-12-31 in Unix seconds. */
    if (!(seconds >= -62135596800.0 && seconds < 253402300800.0))
        return st_fail(err, "Unix time %.0f is outside years 1-9999 "
                       "(milliseconds? divide by 1000)", seconds);
    st_civil_from_days((long)floor(seconds / 86400.0), &out->year, &out->month,
                       &out->day);
    out->precision = ST_DATE_DAY;
    return 0;
}

static int parse_unix(scan *s, st_date *out, st_error *err)
{
    int negative = accept(s, '-');
    double v = 0;
    size_t n = count_digits(s);
    if (!n)
        return st_fail(err, "not a date (expected ISO 8601, RFC 2822 or Unix time)");
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s->p[i] - '0');
    s->p += n;
    if (expect_end(s, err) < 0)
        return -1;
    return st_date_from_unix(negative ? -v : v, out, err);
}

int st_date_parse(const char *text, size_t len, st_date *out, st_error *err)
{
    scan s = { text, text + len };
    size_t n;
    memset(out, 0, sizeof *out);
    skip_blanks(&s);
    while (s.end > s.p && is_blank((unsigned char)s.end[-1]))
        s.end--;
    if (s.p == s.end)
        return st_fail(err, "empty date");
    n = count_digits(&s);
    if (n == (size_t)(s.end - s.p) && n != 4 && n != 8)
        return parse_unix(&s, out, err);
    if (peek(&s) == '-')
        return parse_unix(&s, out, err);
    if (n == 4 || n == 8)
        return parse_iso(&s, out, err);
    return parse_rfc2822(&s, out, err);
}
