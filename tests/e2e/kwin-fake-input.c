/* The user, for the KWin tests: moves the pointer through KWin's
 * org_kde_kwin_fake_input, which is how anything but a real device makes
 * KWin see input. KWin offers the interface only to a program named in the
 * Exec= of a .desktop file with X-KDE-Wayland-Interfaces=
 * org_kde_kwin_fake_input, and heeds it only after authenticate.
 *
 *   kwin-fake-input [COUNT [INTERVAL_MS]]
 *
 * moves the pointer COUNT times (1), INTERVAL_MS apart (300), on the
 * display WAYLAND_DISPLAY names. Exit status 0 once KWin has had them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wayland-client.h>

#include "fake-input-client-protocol.h"

static struct org_kde_kwin_fake_input *fake_input;

static void
on_global (void *data, struct wl_registry *registry, uint32_t name,
           const char *interface, uint32_t version)
{
  (void) data, (void) version;
  if (strcmp (interface, org_kde_kwin_fake_input_interface.name) == 0)
    fake_input = wl_registry_bind (registry, name,
                                   &org_kde_kwin_fake_input_interface, 1);
}

static void
on_global_remove (void *data, struct wl_registry *registry, uint32_t name)
{
  (void) data, (void) registry, (void) name;
}

static const struct wl_registry_listener registry_listener = {
  .global = on_global,
  .global_remove = on_global_remove,
};

int
main (int argc, char **argv)
{
  long count = argc > 1 ? strtol (argv[1], NULL, 10) : 1;
  long interval_ms = argc > 2 ? strtol (argv[2], NULL, 10) : 300;
  struct timespec pause = { .tv_sec = interval_ms / 1000,
                            .tv_nsec = (interval_ms % 1000) * 1000000 };
  struct wl_display *display = wl_display_connect (NULL);
  struct wl_registry *registry;

  if (display == NULL)
    {
      fprintf (stderr, "kwin-fake-input: cannot connect to the display\n");
      return 1;
    }
  registry = wl_display_get_registry (display);
  wl_registry_add_listener (registry, &registry_listener, NULL);
  if (wl_display_roundtrip (display) < 0 || fake_input == NULL)
    {
      fprintf (stderr, "kwin-fake-input: no org_kde_kwin_fake_input (is this "
                       "program named in a .desktop file's Exec=?)\n");
      return 1;
    }
  org_kde_kwin_fake_input_authenticate (fake_input, "limber tests",
                                        "input for the idle tests");
  for (long i = 0; i < count; i++)
    {
      if (i > 0)
        nanosleep (&pause, NULL);
      org_kde_kwin_fake_input_pointer_motion (
          fake_input, wl_fixed_from_int (i % 2 ? -3 : 3),
          wl_fixed_from_int (1));
      if (wl_display_roundtrip (display) < 0)
        return 1;
    }
  org_kde_kwin_fake_input_destroy (fake_input);
  wl_registry_destroy (registry);
  wl_display_disconnect (display);
  return 0;
}
