/* X11 without a desktop service (i3, Openbox…): the X server's IDLETIME
 * counter, through the SYNC extension's alarms. Event-driven: one alarm
 * fires when the idle time rises past the lull, another when input brings
 * it back down; the X connection is one more fd in the main loop. Built
 * when the xcb and xcb-sync libraries are there (meson option x11). */
#include "activity-source.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <stdlib.h>
#include <string.h>
#include <xcb/sync.h>
#include <xcb/xcb.h>

typedef struct
{
  LimberActivitySource parent;
  xcb_connection_t *connection;
  guint fd_watch;
  uint8_t first_event;
  xcb_sync_counter_t idletime;
  xcb_sync_alarm_t idle_alarm;   /* idle time rises to the lull */
  xcb_sync_alarm_t return_alarm; /* and falls back below it: input */
} SourceXsync;

static xcb_sync_int64_t
to_sync_int64 (gint64 value)
{
  return (xcb_sync_int64_t){ .hi = (int32_t) (value >> 32),
                             .lo = (uint32_t) (value & 0xffffffffu) };
}

static gint64
from_sync_int64 (xcb_sync_int64_t value)
{
  return (gint64) (((guint64) (guint32) value.hi << 32) | value.lo);
}

static gint64
lull_ms (SourceXsync *self)
{
  return MAX (1000, self->parent.lull / 1000);
}

/* Idle time in ms, or -1 when the server does not answer. */
static gint64
query_idletime (SourceXsync *self)
{
  xcb_sync_query_counter_reply_t *reply = xcb_sync_query_counter_reply (
      self->connection,
      xcb_sync_query_counter (self->connection, self->idletime), NULL);
  gint64 value;

  if (reply == NULL)
    return -1;
  value = from_sync_int64 (reply->counter_value);
  free (reply);
  return value;
}

static void
report_now (SourceXsync *self)
{
  gint64 idle_ms = query_idletime (self);

  if (idle_ms >= lull_ms (self))
    limber_activity_source_emit (&self->parent, LIMBER_EVENT_USER_IDLE,
                                 limber_idle_ms_to_usec (idle_ms));
  else if (idle_ms >= 0)
    limber_activity_source_emit (&self->parent, LIMBER_EVENT_USER_ACTIVE, 0);
}

static void
set_alarm (SourceXsync *self, xcb_sync_alarm_t alarm, gboolean create,
           uint32_t test_type)
{
  const uint32_t mask = XCB_SYNC_CA_COUNTER | XCB_SYNC_CA_VALUE_TYPE
                        | XCB_SYNC_CA_VALUE | XCB_SYNC_CA_TEST_TYPE
                        | XCB_SYNC_CA_DELTA | XCB_SYNC_CA_EVENTS;
  /* Transitions, not comparisons: an alarm stays armed after it fires. */
  xcb_sync_create_alarm_value_list_t values = {
    .counter = self->idletime,
    .valueType = XCB_SYNC_VALUETYPE_ABSOLUTE,
    .value = to_sync_int64 (lull_ms (self)),
    .testType = test_type,
    .delta = to_sync_int64 (0),
    .events = 1,
  };

  if (create)
    xcb_sync_create_alarm_aux (self->connection, alarm, mask, &values);
  else
    xcb_sync_change_alarm_aux (
        self->connection, alarm, mask,
        (const xcb_sync_change_alarm_value_list_t *) &values);
}

static void
arm_alarms (SourceXsync *self, gboolean create)
{
  set_alarm (self, self->idle_alarm, create,
             XCB_SYNC_TESTTYPE_POSITIVE_TRANSITION);
  set_alarm (self, self->return_alarm, create,
             XCB_SYNC_TESTTYPE_NEGATIVE_TRANSITION);
  xcb_flush (self->connection);
}

static void disconnect (SourceXsync *self);

static gboolean
on_x_readable (gint fd, GIOCondition condition, gpointer user_data)
{
  SourceXsync *self = user_data;
  xcb_generic_event_t *event;

  (void) fd, (void) condition;
  while ((event = xcb_poll_for_event (self->connection)) != NULL)
    {
      if ((event->response_type & 0x7f)
          == self->first_event + XCB_SYNC_ALARM_NOTIFY)
        {
          xcb_sync_alarm_notify_event_t *notify = (void *) event;
          gint64 value = from_sync_int64 (notify->counter_value);
          if (notify->alarm == self->idle_alarm)
            limber_activity_source_emit (&self->parent, LIMBER_EVENT_USER_IDLE,
                                         limber_idle_ms_to_usec (value));
          else if (notify->alarm == self->return_alarm)
            limber_activity_source_emit (&self->parent,
                                         LIMBER_EVENT_USER_ACTIVE, 0);
        }
      free (event);
    }
  if (xcb_connection_has_error (self->connection))
    {
      g_info ("xsync: lost the X server");
      self->fd_watch = 0;
      disconnect (self);
      limber_activity_source_set_available (&self->parent, FALSE, 0);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* The counters are read off the wire by hand: on the wire an entry is 14
 * bytes (counter, resolution, name length) then the name, padded to 4;
 * libxcb's struct is padded to 16, so its name and next-entry helpers are
 * two bytes off. */
static xcb_sync_counter_t
find_idletime_counter (xcb_connection_t *connection)
{
  xcb_sync_list_system_counters_reply_t *reply
      = xcb_sync_list_system_counters_reply (
          connection, xcb_sync_list_system_counters (connection), NULL);
  xcb_sync_counter_t counter = XCB_NONE;
  const guint8 *entry, *end;

  if (reply == NULL)
    return XCB_NONE;
  entry
      = (const guint8 *) xcb_sync_list_system_counters_counters_iterator (reply)
            .data;
  end = (const guint8 *) (reply + 1) + reply->length * 4;
  for (guint32 i = 0; i < reply->counters_len && entry + 14 <= end; i++)
    {
      guint32 id;
      guint16 name_len;
      memcpy (&id, entry, sizeof id);
      memcpy (&name_len, entry + 12, sizeof name_len);
      if (entry + 14 + name_len > end)
        break;
      if (name_len == strlen ("IDLETIME")
          && memcmp (entry + 14, "IDLETIME", name_len) == 0)
        {
          counter = id;
          break;
        }
      entry += (14 + name_len + 3) & ~3u;
    }
  free (reply);
  return counter;
}

static void
disconnect (SourceXsync *self)
{
  g_clear_handle_id (&self->fd_watch, g_source_remove);
  g_clear_pointer (&self->connection, xcb_disconnect);
}

static void
connect_to_x (SourceXsync *self)
{
  const xcb_query_extension_reply_t *extension;
  xcb_sync_initialize_reply_t *version;

  if (g_getenv ("DISPLAY") == NULL)
    return;
  self->connection = xcb_connect (NULL, NULL);
  if (xcb_connection_has_error (self->connection))
    {
      g_info ("xsync: cannot connect to the X server");
      disconnect (self);
      return;
    }
  extension = xcb_get_extension_data (self->connection, &xcb_sync_id);
  version = xcb_sync_initialize_reply (
      self->connection, xcb_sync_initialize (self->connection, 3, 1), NULL);
  self->idletime = find_idletime_counter (self->connection);
  if (extension == NULL || !extension->present || version == NULL
      || self->idletime == XCB_NONE)
    {
      g_info ("xsync: the X server has no IDLETIME counter");
      free (version);
      disconnect (self);
      return;
    }
  free (version);
  self->first_event = extension->first_event;
  self->idle_alarm = xcb_generate_id (self->connection);
  self->return_alarm = xcb_generate_id (self->connection);
  arm_alarms (self, TRUE);
  self->fd_watch = g_unix_fd_add (xcb_get_file_descriptor (self->connection),
                                  G_IO_IN, on_x_readable, self);
  limber_activity_source_set_available (&self->parent, TRUE,
                                        LIMBER_SENSES_IDLE);
}

static void
xsync_start (LimberActivitySource *source)
{
  /* The X server answers at once, or not at all. */
  connect_to_x ((SourceXsync *) source);
  limber_activity_source_settle (source);
}

static void
xsync_replay (LimberActivitySource *source)
{
  report_now ((SourceXsync *) source);
}

static void
xsync_set_lull (LimberActivitySource *source)
{
  SourceXsync *self = (SourceXsync *) source;

  if (self->connection != NULL)
    arm_alarms (self, FALSE);
}

static void
xsync_free (LimberActivitySource *source)
{
  SourceXsync *self = (SourceXsync *) source;

  disconnect (self);
  g_free (self);
}

static const LimberActivitySourceClass xsync_class = {
  .name = "xsync",
  .about = N_ ("the X server's IDLETIME counter"),
  .lulls = LIMBER_LULLS_PUSHED,
  .start = xsync_start,
  .replay = xsync_replay,
  .set_lull = xsync_set_lull,
  .free = xsync_free,
};

LimberActivitySource *
limber_source_xsync_new (const LimberActivityListener *listener)
{
  SourceXsync *self = g_new0 (SourceXsync, 1);

  limber_activity_source_init (&self->parent, &xsync_class, listener);
  return &self->parent;
}
