/* A test-only LD_PRELOAD shim: moves the wall clock (CLOCK_REALTIME,
 * gettimeofday(), time()) of the process it is loaded into by the number of
 * seconds written in the file named by LIMBER_FAKE_WALL_CLOCK (read again at
 * every call, so that a test can step the clock of a running limberd). The
 * clocks limberd counts work on (CLOCK_BOOTTIME, CLOCK_MONOTONIC) and its
 * timers are left alone. Never built into limberd. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long long
offset_seconds (void)
{
  const char *path = getenv ("LIMBER_FAKE_WALL_CLOCK");
  char text[32];
  ssize_t n;
  int fd;

  if (path == NULL || (fd = open (path, O_RDONLY | O_CLOEXEC)) < 0)
    return 0;
  n = read (fd, text, sizeof text - 1);
  close (fd);
  if (n <= 0)
    return 0;
  text[n] = '\0';
  return strtoll (text, NULL, 10);
}

int
clock_gettime (clockid_t id, struct timespec *ts)
{
  static int (*real) (clockid_t, struct timespec *);
  int result;

  /* POSIX's way round ISO C's object-to-function pointer rule. */
  if (real == NULL)
    *(void **) &real = dlsym (RTLD_NEXT, "clock_gettime");
  result = real (id, ts);
  if (result == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE))
    ts->tv_sec += offset_seconds ();
  return result;
}

int
gettimeofday (struct timeval *tv, void *tz)
{
  struct timespec ts;

  (void) tz;
  clock_gettime (CLOCK_REALTIME, &ts);
  tv->tv_sec = ts.tv_sec;
  tv->tv_usec = ts.tv_nsec / 1000;
  return 0;
}

time_t
time (time_t *out)
{
  struct timespec ts;

  clock_gettime (CLOCK_REALTIME, &ts);
  if (out != NULL)
    *out = ts.tv_sec;
  return ts.tv_sec;
}
