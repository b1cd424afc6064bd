/* Dates, periods and the streaming warming index, against values worked
 * out by hand or by a calendar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "trend/period.h"
#include "trend/trend.h"

static st_date parse_ok(const char *text)
{
    st_date d;
    st_error err = { "" };
    if (st_date_parse(text, strlen(text), &d, &err) < 0)
        fail_msg("'%s' did not parse: %s", text, err.msg);
    return d;
}

static void assert_day(const char *text, int y, int m, int d)
{
    st_date date = parse_ok(text);
    if (date.year != y || date.month != m || date.day != d ||
        date.precision != ST_DATE_DAY)
        fail_msg("'%s' gave %04d-%02d-%02d (precision %d), expected %04d-%02d-%02d",
                 text, date.year, date.month, date.day, (int)date.precision, y, m, d);
}

static void assert_refused(const char *text, const char *why)
{
    st_date d;
    st_error err = { "" };
    if (st_date_parse(text, strlen(text), &d, &err) == 0)
        fail_msg("'%s' parsed as %04d-%02d-%02d", text, d.year, d.month, d.day);
    if (!strstr(err.msg, why))
        fail_msg("'%s': message '%s' does not say '%s'", text, err.msg, why);
}

static void test_iso_dates(void **state)
{
    st_date d;
    (void)state;
    assert_day("2025-06-12", 2025, 6, 12);
    assert_day("  2025-06-12\n", 2025, 6, 12);
    assert_day("20250612", 2025, 6, 12);
    assert_day("2025-06-12T14:03", 2025, 6, 12);
    assert_day("2025-06-12 14:03:00Z", 2025, 6, 12);
    assert_day("2025-06-12T14:03:00.250+03:00", 2025, 6, 12);
    /* Offsets move the UTC day either way. */
    assert_day("2025-06-12T01:30:00+03:00", 2025, 6, 11);
    assert_day("2025-12-31T22:00:00-05:00", 2026, 1, 1);
    assert_day("2024-02-29", 2024, 2, 29);
    d = parse_ok("2015");
    assert_int_equal(d.precision, ST_DATE_YEAR);
    assert_int_equal(d.year, 2015);
    d = parse_ok("2015-07");
    assert_int_equal(d.precision, ST_DATE_MONTH);
    assert_int_equal(d.month, 7);
}

static void test_rfc2822_and_unix(void **state)
{
    (void)state;
    assert_day("Thu, 12 Jun 2025 14:03:00 GMT", 2025, 6, 12);
    assert_day("12 Jun 2025 14:03:00 +0000", 2025, 6, 12);
    assert_day("Thu, 12 jun 2025 23:30:00 -0500", 2025, 6, 13);
    assert_day("Thu, 12 Jun 2025 20:00:00 PDT", 2025, 6, 13);
    assert_day("Fri, 13 Jun 25 09:00:00 +0000 (UTC)", 2025, 6, 13);
    assert_day("Sat, 1 Jan 99 00:00:00 GMT", 1999, 1, 1);
    assert_day("1749736980", 2025, 6, 12);
    assert_day("0", 1970, 1, 1);
    assert_day("-1", 1969, 12, 31);
}

static void test_bad_dates_say_why(void **state)
{
    (void)state;
    assert_refused("", "empty");
    assert_refused("2025-02-29", "day 29 does not exist in 2025-02");
    assert_refused("2025-13-01", "month 13");
    assert_refused("2025-00", "month 0");
    assert_refused("20710021", "month 0");   /* found by fuzz_date */
    assert_refused("0000-01-01", "year 0");
    assert_refused("2025-06-12T25:00", "does not exist");
    assert_refused("2025-06-12T12:00+25:00", "zone offset");
    assert_refused("2025/06/12", "unexpected text");
    assert_refused("Thu, 12 Foo 2025", "month name");
    assert_refused("Thu, 12 Jun 2025 14:03:00 XYZ", "unknown time zone 'XYZ'");
    assert_refused("yesterday", "not a date");
    assert_refused("1749736980000", "milliseconds");
}

static void test_civil_days_round_trip(void **state)
{
    (void)state;
    assert_int_equal(st_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(st_days_from_civil(2000, 3, 1), 11017);
    for (long day = -800000; day <= 800000; day += 37) {
        int y, m, d;
        st_civil_from_days(day, &y, &m, &d);
        assert_int_equal(st_days_from_civil(y, m, d), day);
    }
}

static const char *label_of(const char *date, st_period_unit unit, char *buf)
{
    st_date d = parse_ok(date);
    long p;
    assert_int_equal(st_period_of(&d, unit, &p), 0);
    return st_period_label(p, unit, buf, 32);
}

static void test_periods(void **state)
{
    char buf[32];
    st_date year_only = parse_ok("2015");
    long p;
    (void)state;
    /* ISO weeks: a year's first week holds its first Thursday. */
    assert_string_equal(label_of("2021-01-03", ST_PERIOD_WEEK, buf), "2020-W53");
    assert_string_equal(label_of("2021-01-04", ST_PERIOD_WEEK, buf), "2021-W01");
    assert_string_equal(label_of("2024-12-30", ST_PERIOD_WEEK, buf), "2025-W01");
    assert_string_equal(label_of("2025-06-12", ST_PERIOD_WEEK, buf), "2025-W24");
    assert_string_equal(label_of("1969-12-29", ST_PERIOD_WEEK, buf), "1970-W01");
    assert_string_equal(label_of("2025-06-12", ST_PERIOD_DAY, buf), "2025-06-12");
    assert_string_equal(label_of("2025-06-12", ST_PERIOD_MONTH, buf), "2025-06");
    assert_string_equal(label_of("2025-06", ST_PERIOD_YEAR, buf), "2025");
    /* Consecutive months are consecutive numbers across a year's end. */
    {
        st_date dec = parse_ok("2024-12-31"), jan = parse_ok("2025-01-01");
        long a, b;
        st_period_of(&dec, ST_PERIOD_MONTH, &a);
        st_period_of(&jan, ST_PERIOD_MONTH, &b);
        assert_int_equal(b, a + 1);
        assert_int_equal(st_period_first_day(b, ST_PERIOD_MONTH),
                         st_days_from_civil(2025, 1, 1));
    }
    /* A year cannot be placed in a month without inventing one. */
    assert_int_equal(st_period_of(&year_only, ST_PERIOD_MONTH, &p), -1);
    assert_int_equal(st_period_of(&year_only, ST_PERIOD_WEEK, &p), -1);
    assert_int_equal(st_period_of(&year_only, ST_PERIOD_YEAR, &p), 0);
}

static st_trend *new_trend(int replicates)
{
    st_trend_options o = { .replicates = replicates, .level = 0.95, .seed = 7,
                           .nlabels = 3 };
    st_error err;
    st_trend *t = st_trend_new(&o, &err);
    assert_non_null(t);
    return t;
}

static void test_index_and_empty_periods(void **state)
{
    st_trend *t = new_trend(200);
    const st_trend_row *rows;
    st_error err;
    uint64_t n = 0;
    (void)state;
    /* en: period 10 has +1, 0, -0.5 (mean 1/6); period 12 has one -1.
     * ru: period 11 has 0.25 twice. */
    assert_int_equal(st_trend_add(t, "en", 10, 1.0, 0, n++, &err), 0);
    assert_int_equal(st_trend_add(t, "en", 10, 0.0, 2, n++, &err), 0);
    assert_int_equal(st_trend_add(t, "en", 10, -0.5, 1, n++, &err), 0);
    assert_int_equal(st_trend_add(t, "ru", 11, 0.25, 2, n++, &err), 0);
    assert_int_equal(st_trend_add(t, "en", 12, -1.0, 1, n++, &err), 0);
    assert_int_equal(st_trend_add(t, "ru", 11, 0.25, 2, n++, &err), 0);
    assert_int_equal(st_trend_rows(t, &rows, &err), 6);
    /* Groups in byte order, each over periods 10..12. */
    assert_string_equal(rows[0].group, "en");
    assert_int_equal(rows[0].period, 10);
    assert_int_equal(rows[0].articles, 3);
    assert_float_equal(rows[0].index, 1.0 / 6, 1e-12);
    assert_int_equal(rows[0].per_label[0], 1);
    assert_int_equal(rows[0].per_label[1], 1);
    assert_int_equal(rows[0].per_label[2], 1);
    assert_true(rows[0].low <= rows[0].index && rows[0].index <= rows[0].high);
    assert_true(rows[0].low >= -0.5 && rows[0].high <= 1.0);
    assert_int_equal(rows[1].articles, 0);          /* en, 11: empty */
    assert_true(isnan(rows[1].index) && isnan(rows[1].low));
    assert_null(rows[1].per_label);
    assert_float_equal(rows[2].index, -1.0, 0);     /* one article: no interval */
    assert_true(isnan(rows[2].low));
    assert_string_equal(rows[3].group, "ru");
    assert_int_equal(rows[3].articles, 0);          /* ru, 10: empty */
    assert_float_equal(rows[4].index, 0.25, 1e-12); /* identical values */
    assert_float_equal(rows[4].low, 0.25, 1e-12);
    assert_float_equal(rows[4].high, 0.25, 1e-12);
    assert_int_equal(rows[5].articles, 0);
    st_trend_free(t);
}

/* For a mean of n values the bootstrap interval is close to the normal
 * one, mean +- 1.96 sd / sqrt(n); and the same seed gives the same one. */
static void test_bootstrap_interval_width(void **state)
{
    st_trend *a = new_trend(2000), *b = new_trend(2000);
    const st_trend_row *ra, *rb;
    st_error err;
    double sum = 0, sum2 = 0, sd, half;
    const int n = 400;
    (void)state;
    for (int i = 0; i < n; i++) {
        double v = sin(i * 1.7) * 0.8;
        sum += v;
        sum2 += v * v;
        assert_int_equal(st_trend_add(a, "", 5, v, 0, (uint64_t)i, &err), 0);
        assert_int_equal(st_trend_add(b, "", 5, v, 0, (uint64_t)i, &err), 0);
    }
    sd = sqrt((sum2 - sum * sum / n) / (n - 1));
    half = 1.96 * sd / sqrt(n);
    assert_int_equal(st_trend_rows(a, &ra, &err), 1);
    assert_int_equal(st_trend_rows(b, &rb, &err), 1);
    assert_float_equal(ra[0].index, sum / n, 1e-12);
    assert_float_equal(ra[0].high - ra[0].low, 2 * half, 0.15 * 2 * half);
    assert_float_equal(ra[0].index - ra[0].low, half, 0.2 * half);
    assert_float_equal(ra[0].low, rb[0].low, 0);
    assert_float_equal(ra[0].high, rb[0].high, 0);
    st_trend_free(a);
    st_trend_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_dates),
        cmocka_unit_test(test_rfc2822_and_unix),
        cmocka_unit_test(test_bad_dates_say_why),
        cmocka_unit_test(test_civil_days_round_trip),
        cmocka_unit_test(test_periods),
        cmocka_unit_test(test_index_and_empty_periods),
        cmocka_unit_test(test_bootstrap_interval_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
