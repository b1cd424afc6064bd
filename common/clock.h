/* Wall-clock intervals, for the times the trainer reports. */
#ifndef STANCE_CLOCK_H
#define STANCE_CLOCK_H

#include <time.h>

/* Seconds of CLOCK_MONOTONIC since start (itself read from it). */
static inline double st_seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) * 1e-9;
}

#endif
