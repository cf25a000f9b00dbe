/* LimberBusPeer against a private bus (GTestDBus: its config lists no
 * service dirs, so nothing is auto-started). */
#include "bus-peer.h"

#define NAME  "org.example.Peer"
#define PATH  "/org/example/Peer"
#define IFACE "org.example.Peer"

typedef struct
{
  GTestDBus *dbus;
  GDBusConnection *owner; /* the peer's side */
  LimberBusPeer *peer;
  guint appeared, vanished, probes, signals;
} Fixture;

static void
on_appeared (LimberBusPeer *peer, gpointer user_data)
{
  Fixture *f = user_data;

  g_assert_true (limber_bus_peer_has_owner (peer));
  f->appeared++;
}

static void
on_vanished (LimberBusPeer *peer, gpointer user_data)
{
  Fixture *f = user_data;

  g_assert_false (limber_bus_peer_has_owner (peer));
  f->vanished++;
}

static void
on_probe (LimberBusPeer *peer, gpointer user_data)
{
  Fixture *f = user_data;

  (void) peer;
  f->probes++;
}

static void
on_signal (GDBusConnection *bus, const char *sender, const char *path,
           const char *iface, const char *signal, GVariant *parameters,
           gpointer user_data)
{
  Fixture *f = user_data;

  (void) bus, (void) sender, (void) path, (void) iface, (void) signal;
  (void) parameters;
  f->signals++;
}

static gboolean
on_too_long (gpointer user_data)
{
  (void) user_data;
  g_error ("timed out waiting");
  return G_SOURCE_REMOVE;
}

static void
wait_for (guint *counter, guint value)
{
  guint timeout = g_timeout_add_seconds (10, on_too_long, NULL);

  while (*counter < value)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* A round trip on the peer's connection: its match rules (sent without
 * waiting) are in place at the bus once it returns. */
static void
sync_peer_bus (void)
{
  g_autoptr (GDBusConnection) bus
      = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus", "GetId", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1,
      NULL, NULL);

  g_assert_nonnull (reply);
}

/* The owner's connection takes or gives up NAME. */
static void
request_name (Fixture *f, const char *method)
{
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      f->owner, "org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus", method,
      g_str_equal (method, "RequestName") ? g_variant_new ("(su)", NAME, 0)
                                          : g_variant_new ("(s)", NAME),
      NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);

  g_assert_nonnull (reply);
}

static void
emit (Fixture *f)
{
  g_assert_true (g_dbus_connection_emit_signal (f->owner, NULL, PATH, IFACE,
                                                "Changed", NULL, NULL));
  g_assert_true (g_dbus_connection_flush_sync (f->owner, NULL, NULL));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  f->dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->dbus);
  f->owner = g_dbus_connection_new_for_address_sync (
      g_test_dbus_get_bus_address (f->dbus),
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
          | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, NULL);
  g_assert_nonnull (f->owner);
  f->peer = limber_bus_peer_new (G_BUS_TYPE_SESSION, NAME, on_appeared,
                                 on_vanished, f);
  wait_for (&f->vanished, 1); /* nobody owns it yet */
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  g_clear_pointer (&f->peer, limber_bus_peer_free);
  g_dbus_connection_close_sync (f->owner, NULL, NULL);
  g_clear_object (&f->owner);
  g_test_dbus_down (f->dbus);
  g_clear_object (&f->dbus);
}

static void
test_follows_owner (Fixture *f, gconstpointer data)
{
  (void) data;
  g_assert_false (limber_bus_peer_has_owner (f->peer));
  request_name (f, "RequestName");
  wait_for (&f->appeared, 1);
  request_name (f, "ReleaseName");
  wait_for (&f->vanished, 2);
}

static void
test_subscriptions_go_with_owner (Fixture *f, gconstpointer data)
{
  guint kept, dropped;

  (void) data;
  g_assert_cmpuint (limber_bus_peer_subscribe (f->peer, IFACE, "Changed", PATH,
                                               NULL, on_signal, f),
                    ==, 0);
  request_name (f, "RequestName");
  wait_for (&f->appeared, 1);
  kept = limber_bus_peer_subscribe (f->peer, IFACE, "Changed", PATH, NULL,
                                    on_signal, f);
  dropped = limber_bus_peer_subscribe (f->peer, IFACE, "Changed", PATH, NULL,
                                       on_signal, f);
  g_assert_cmpuint (kept, !=, 0);
  limber_bus_peer_unsubscribe (f->peer, &dropped);
  g_assert_cmpuint (dropped, ==, 0);
  sync_peer_bus ();
  emit (f);
  wait_for (&f->signals, 1);

  request_name (f, "ReleaseName");
  wait_for (&f->vanished, 2);
  /* Subscribed again to see the signal arrive; the old one must not. */
  request_name (f, "RequestName");
  wait_for (&f->appeared, 2);
  limber_bus_peer_unsubscribe (f->peer, &kept); /* stale: a no-op */
  limber_bus_peer_subscribe (f->peer, IFACE, "Changed", PATH, NULL, on_signal,
                             f);
  sync_peer_bus ();
  emit (f);
  wait_for (&f->signals, 2);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->signals, ==, 2);
}

static void
test_retry (Fixture *f, gconstpointer data)
{
  (void) data;
  /* Nobody to try again. */
  g_assert_false (limber_bus_peer_retry (f->peer, on_probe));
  request_name (f, "RequestName");
  wait_for (&f->appeared, 1);
  g_assert_true (limber_bus_peer_retry (f->peer, on_probe));
  /* Pending: not scheduled twice. */
  g_assert_true (limber_bus_peer_retry (f->peer, on_probe));
  wait_for (&f->probes, 1);
  g_assert_true (limber_bus_peer_retry (f->peer, on_probe));
  limber_bus_peer_reset_retries (f->peer);
  /* A retry forgotten does not run. */
  g_usleep (600 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->probes, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/bus-peer/follows-owner", Fixture, NULL, fixture_set_up,
              test_follows_owner, fixture_tear_down);
  g_test_add ("/bus-peer/subscriptions-go-with-owner", Fixture, NULL,
              fixture_set_up, test_subscriptions_go_with_owner,
              fixture_tear_down);
  g_test_add ("/bus-peer/retry", Fixture, NULL, fixture_set_up, test_retry,
              fixture_tear_down);
  return g_test_run ();
}
