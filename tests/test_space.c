/* The cross-lingual space (train/space.h) and the parallel text it is
 * learnt from (corpus/parallel_text.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus/parallel_text.h"
#include "tests/helpers.h"
#include "train/space.h"

static st_sparse row(size_t n, const uint32_t *index, const float *value)
{
    st_sparse v = { 0 };
    v.index = malloc(n * sizeof *v.index);
    v.value = malloc(n * sizeof *v.value);
    memcpy(v.index, index, n * sizeof *v.index);
    memcpy(v.value, value, n * sizeof *v.value);
    v.n = v.cap = n;
    return v;
}

static const float *v_row(const st_space *sp, uint32_t bucket)
{
    assert_true(sp->row_of[bucket] >= 0);
    return sp->v + (size_t)sp->row_of[bucket] * sp->dims;
}

/* X = [1 1; 1 1; 1 -1] over buckets 3 and 7: X^T X = [3 1; 1 3], so the
 * singular values are 2 and sqrt(2), with V = [1 1]/sqrt 2 and
 * [1 -1]/sqrt 2, signed so that U's largest component is positive. */
static void test_known_decomposition(void **state)
{
    (void)state;
    const uint32_t b[2] = { 3, 7 };
    const float same[2] = { 1, 1 }, opposite[2] = { 1, -1 };
    st_sparse x[3] = { row(2, b, same), row(2, b, same), row(2, b, opposite) };
    st_space sp;
    st_error err;
    double z[2];
    float u[2] = { 1, 0 }, *w = calloc(1024, sizeof *w);

    assert_int_equal(st_space_decompose(&sp, x, 3, 10, 2, &err), 0);
    assert_float_equal(sp.singular[0], 2.0, 1e-9);
    assert_float_equal(sp.singular[1], sqrt(2.0), 1e-9);
    assert_int_equal(sp.rows, 2);
    assert_int_equal(sp.row_of[0], -1);
    assert_float_equal(v_row(&sp, 3)[0], M_SQRT1_2, 1e-6);
    assert_float_equal(v_row(&sp, 7)[0], M_SQRT1_2, 1e-6);
    assert_float_equal(v_row(&sp, 3)[1], M_SQRT1_2, 1e-6);
    assert_float_equal(v_row(&sp, 7)[1], -M_SQRT1_2, 1e-6);

    sp.weight = 2;
    st_space_project(&sp, &x[2], z);       /* 2 V^T [1 -1] = [0, 2 sqrt 2] */
    assert_float_equal(z[0], 0.0, 1e-6);
    assert_float_equal(z[1], 2 * sqrt(2.0), 1e-6);
    st_space_fold(&sp, u, w);              /* w += 2 V [1 0] */
    assert_float_equal(w[3], 2 * M_SQRT1_2, 1e-6);
    assert_float_equal(w[7], 2 * M_SQRT1_2, 1e-6);
    assert_float_equal(w[0], 0.0, 0);

    /* Power 2: scales (s_j / s_1)^2 = 1 and 1/2, over their root mean
     * square sqrt(5/8); the projection of [1 -1] moves with dimension 2. */
    st_space_scale_dims(&sp, 2.0);
    st_space_project(&sp, &x[2], z);
    assert_float_equal(z[0], 0.0, 1e-6);
    assert_float_equal(z[1], 2 * sqrt(2.0) * 0.5 / sqrt(5.0 / 8), 1e-5);
    assert_float_equal(v_row(&sp, 3)[0], M_SQRT1_2 / sqrt(5.0 / 8), 1e-6);

    st_space_free(&sp);
    for (int i = 0; i < 3; i++)
        st_sparse_free(&x[i]);
    free(w);
}

/* A larger matrix whose common buckets go through the dense (dsyrk) path:
 * V's columns are orthonormal and |X v_j| = s_j. */
static void test_decomposition_properties(void **state)
{
    (void)state;
    enum { N = 60, B = 40, K = 8 };
    st_sparse x[N];
    st_space sp;
    st_error err;
    srand(7);
    for (int i = 0; i < N; i++) {
        uint32_t index[B];
        float value[B];
        size_t n = 0;
        for (uint32_t t = 0; t < B; t++)
            if (t < 4 || rand() % 3 == 0) {   /* buckets 0-3 in every row */
                index[n] = t;
                value[n++] = (float)(rand() % 100 + 1) / 50.0f;
            }
        x[i] = row(n, index, value);
    }
    assert_int_equal(st_space_decompose(&sp, x, N, 10, K, &err), 0);
    for (int j = 0; j < K; j++) {
        if (j)
            assert_true(sp.singular[j] <= sp.singular[j - 1]);
        for (int l = 0; l < K; l++) {
            double dot = 0;
            for (uint32_t t = 0; t < B; t++)
                dot += (double)v_row(&sp, t)[j] * v_row(&sp, t)[l];
            assert_float_equal(dot, j == l ? 1.0 : 0.0, 1e-4);
        }
        double norm = 0;
        for (int i = 0; i < N; i++) {
            double xv = 0;
            for (size_t t = 0; t < x[i].n; t++)
                xv += x[i].value[t] * v_row(&sp, x[i].index[t])[j];
            norm += xv * xv;
        }
        assert_float_equal(sqrt(norm), sp.singular[j], 1e-3 * sp.singular[0]);
    }
    st_space_free(&sp);
    assert_int_equal(st_space_decompose(&sp, x, N, 10, N, &err), -1);
    assert_non_null(strstr(err.msg, "more than 60 sentences"));
    for (int i = 0; i < N; i++)
        st_sparse_free(&x[i]);
}

static void test_parallel_text(void **state)
{
    (void)state;
    char dir[] = "/tmp/stance-parallel-XXXXXX";
    st_parallel p;
    st_error err;

    assert_non_null(mkdtemp(dir));
    assert_int_equal(st_parallel_read(&p, dir, &err), -1);
    assert_non_null(strstr(err.msg, "no *.txt files"));

    assert_int_equal(write_file_in(dir, "xx.txt", "one\ntwo\n"), 0);
    assert_int_equal(write_file_in(dir, "aa.txt", "uno\ndos"), 0);   /* no final line break */
    assert_int_equal(write_file_in(dir, "README.md", "not a language\n"), 0);
    assert_int_equal(st_parallel_read(&p, dir, &err), 0);
    assert_int_equal(p.nlang, 2);
    assert_string_equal(p.lang[0], "aa");
    assert_int_equal(p.nlines, 2);
    assert_string_equal(p.joint[0], "uno\none\n");
    assert_string_equal(p.joint[1], "dos\ntwo\n");
    st_parallel_free(&p);

    assert_int_equal(write_file_in(dir, "bb.txt", "eins\nzwei\ndrei\n"), 0);
    assert_int_equal(st_parallel_read(&p, dir, &err), -1);
    assert_non_null(strstr(err.msg, "bb.txt has 3 lines"));
    assert_non_null(strstr(err.msg, "aa.txt has 2"));

    for (const char *const *f = (const char *const[]){ "xx.txt", "aa.txt", "bb.txt",
                                                       "README.md", NULL }; *f; f++)
        remove_file_in(dir, *f);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_decomposition),
        cmocka_unit_test(test_decomposition_properties),
        cmocka_unit_test(test_parallel_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
