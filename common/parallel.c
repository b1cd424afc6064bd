#include "common/parallel.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

typedef struct pool pool;

typedef struct worker_arg {
    pool *p;
    int id;
} worker_arg;

struct pool {
    pthread_mutex_t lock;
    size_t next, finished, n;
    int failed;
    st_error first_error;
    st_job_fn job;
    st_done_fn done;
    void *ctx;
};

static void *worker(void *arg)
{
    pool *p = ((worker_arg *)arg)->p;
    int id = ((worker_arg *)arg)->id;
    for (;;) {
        st_error err;
        size_t i;
        int rc;

        pthread_mutex_lock(&p->lock);
        if (p->failed || p->next >= p->n) {
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        i = p->next++;
        pthread_mutex_unlock(&p->lock);

        rc = p->job(p->ctx, i, id, &err);

        pthread_mutex_lock(&p->lock);
        if (rc < 0 && !p->failed) {
            p->failed = 1;
            p->first_error = err;
        }
        p->finished++;
        if (p->done && !p->failed)
            p->done(p->ctx, p->finished, p->n);
        pthread_mutex_unlock(&p->lock);
    }
}

int st_parallel_for(size_t n, int threads, st_job_fn job, st_done_fn done,
                    void *ctx, st_error *err)
{
    pool p;
    pthread_t tid[256];
    worker_arg args[256];
    int started = 0;

    memset(&p, 0, sizeof p);
    pthread_mutex_init(&p.lock, NULL);
    p.n = n;
    p.job = job;
    p.done = done;
    p.ctx = ctx;
    if (threads < 1)
        threads = 1;
    if (threads > 256)
        threads = 256;
    if ((size_t)threads > n)
        threads = (int)(n ? n : 1);
    /* The calling thread works too, so one thread means no new threads. */
    for (int t = 0; t < threads; t++)
        args[t] = (worker_arg){ &p, t };
    for (int t = 1; t < threads; t++)
        if (pthread_create(&tid[started], NULL, worker, &args[t]) == 0)
            started++;
    worker(&args[0]);
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&p.lock);
    if (p.failed) {
        if (err)
            *err = p.first_error;
        return -1;
    }
    return 0;
}

int st_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (int)n;
}
