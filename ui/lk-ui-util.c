/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-ui-util.h"
#include "lk-core.h"

void
lk_show_failure (GtkWidget    *widget,
                 const char   *heading,
                 const GError *error)
{
  lk_show_error (widget,
                 g_error_matches (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED) ? "Not Allowed"
                                                                                : heading,
                 error->message);
}

void
lk_show_error (GtkWidget  *widget,
               const char *heading,
               const char *body)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", "_Close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
lk_show_fatal_error (GtkApplication *app,
                     const char     *heading,
                     const char     *body)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, heading, body);

  gtk_window_set_application (GTK_WINDOW (dialog), app);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", "_Quit");
  gtk_window_present (GTK_WINDOW (dialog));
}

AdwToast *
lk_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

void
lk_toast (GtkWidget  *widget,
          const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), lk_toast_new (text));
}

void
lk_status_page_set_text (AdwStatusPage *page,
                         const char    *text)
{
  g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : NULL;

  adw_status_page_set_description (page, escaped);
}

void
lk_label_set_message (GtkLabel   *label,
                      const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

char *
lk_format_utc (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, utc) : NULL;
  g_autoptr(GDateTime) in_utc = NULL;

  if (time == NULL)
    return g_strdup (iso != NULL ? iso : "Not recorded");
  in_utc = g_date_time_to_utc (time);
  return g_date_time_format (in_utc, "%Y-%m-%d %H:%M UTC");
}
