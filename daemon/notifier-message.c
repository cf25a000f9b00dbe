#include "notifier-message.h"

#include "limber-names.h"
#include "limber-text.h"

/* Text as the user (or a config file) wrote it, shown rather than acted
 * on: controls, bidi overrides and bytes that are not UTF-8 become visible
 * marks. The body keeps its line breaks and tabs; the title is one line. */
static char *
visible_text (const char *text)
{
  return limber_text_visible (
      text, -1, LIMBER_TEXT_KEEP_NEWLINES | LIMBER_TEXT_KEEP_TABS);
}

static char *
visible_title (const char *text)
{
  return limber_text_visible (text, -1, LIMBER_TEXT_ONE_LINE);
}

static char *
compose_body (const LimberServerInfo *server, const LimberPopup *popup)
{
  g_autofree char *text = visible_text (popup->body);
  g_autoptr (GString) body = g_string_new (text);

  if (!server->can_actions && popup->without_actions != NULL)
    g_string_append_printf (body, "\n\n%s", popup->without_actions);
  if (server->can_markup)
    return g_markup_escape_text (body->str, (gssize) body->len);
  return g_strdup (body->str);
}

static void
add_actions (const LimberServerInfo *server, const LimberPopup *popup,
             GVariantBuilder *actions)
{
  const char *fold = NULL;

  if (!server->can_actions)
    return;
  if (popup->default_action != NULL)
    {
      if (server->traits->hides_default_action)
        g_variant_builder_add (actions, "s", "default"),
            g_variant_builder_add (actions, "s", "");
      else
        fold = popup->default_action;
    }
  for (guint i = 0; i < popup->n_actions; i++)
    {
      const LimberPopupAction *action = &popup->actions[i];
      gboolean is_default = g_strcmp0 (action->id, fold) == 0;
      g_variant_builder_add (actions, "s", is_default ? "default" : action->id);
      g_variant_builder_add (actions, "s", action->label);
    }
}

/* The spec's urgency: 0 low, 1 normal, 2 critical. A routine being
 * followed is critical where the server would take a normal banner off the
 * screen (GNOME Shell, seconds after the user is active): its step must
 * stay as long as it lasts. */
guint8
limber_notify_urgency (const LimberServerInfo *server, const LimberPopup *popup)
{
  if (popup->urgency == LIMBER_URGENCY_CRITICAL
      || (popup->keep_on_screen && server->traits->banner_usec > 0))
    return 2;
  return popup->urgency == LIMBER_URGENCY_LOW ? 0 : 1;
}

GVariant *
limber_notify_message_popup (const LimberServerInfo *server,
                             const LimberPopup *popup, guint32 id)
{
  GVariantBuilder actions, hints;
  g_autofree char *title = visible_title (popup->title);
  g_autofree char *body = compose_body (server, popup);

  g_variant_builder_init (&actions, G_VARIANT_TYPE ("as"));
  add_actions (server, popup, &actions);
  g_variant_builder_init (&hints, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (
      &hints, "{sv}", "urgency",
      g_variant_new_byte (limber_notify_urgency (server, popup)));
  g_variant_builder_add (&hints, "{sv}", "category",
                         g_variant_new_string ("x-limber.break"));
  g_variant_builder_add (&hints, "{sv}", "desktop-entry",
                         g_variant_new_string (LIMBER_DESKTOP_ID));
  /* Stays until answered or withdrawn, and past an answer until we take it
   * down. */
  g_variant_builder_add (&hints, "{sv}", "resident",
                         g_variant_new_boolean (TRUE));
  /* Progress, where it comes with the text. */
  if (popup->value >= 0 && !server->traits->value_is_gauge)
    g_variant_builder_add (&hints, "{sv}", "value",
                           g_variant_new_int32 (popup->value));
  return g_variant_new ("(susssasa{sv}i)", "limber", id,
                        server->can_icons ? LIMBER_ICON_NAME : "", title, body,
                        &actions, &hints,
                        limber_server_info_uses_own_timeout (server) ? -1 : 0);
}

GVariant *
limber_notify_message_notice (const LimberServerInfo *server, const char *title,
                              const char *body)
{
  GVariantBuilder hints;
  g_autofree char *shown_title = visible_title (title);
  g_autofree char *visible_body = visible_text (body);
  g_autofree char *escaped = server->can_markup
                                 ? g_markup_escape_text (visible_body, -1)
                                 : g_strdup (visible_body);

  g_variant_builder_init (&hints, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&hints, "{sv}", "urgency", g_variant_new_byte (0));
  g_variant_builder_add (&hints, "{sv}", "transient",
                         g_variant_new_boolean (TRUE));
  g_variant_builder_add (&hints, "{sv}", "category",
                         g_variant_new_string ("x-limber.notice"));
  g_variant_builder_add (&hints, "{sv}", "desktop-entry",
                         g_variant_new_string (LIMBER_DESKTOP_ID));
  return g_variant_new ("(susss@asa{sv}i)", "limber", 0,
                        server->can_icons ? LIMBER_ICON_NAME : "", shown_title,
                        escaped, g_variant_new_strv (NULL, 0), &hints, -1);
}
