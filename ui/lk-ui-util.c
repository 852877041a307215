/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-application.h"
#include "lk-build-id.h"
#include "lk-ui-util.h"

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

static char *
debug_info (LkStore *store)
{
  return g_strdup_printf ("Likeness %s\nBuild %s\nGTK %u.%u.%u\nlibadwaita %u.%u.%u\n"
                          "OpenCV %s\n%s\nDatabase %s (%s, schema %d)\n",
                          PACKAGE_VERSION, LK_BUILD_ID,
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (), adw_get_major_version (),
                          adw_get_minor_version (), adw_get_micro_version (),
                          lk_cv_version (), lk_store_engine_version (),
                          store ? lk_store_get_path (store) : "not open",
                          store && lk_store_is_demo (store) ? "demo workspace" : "casework",
                          store ? lk_store_get_schema_version (store) : 0);
}

void
lk_show_about (GtkApplication *app)
{
  g_autofree char *info = debug_info (lk_application_get_store (LK_APPLICATION (app)));
  g_autofree char *version = g_strdup_printf ("%s (build %s)", PACKAGE_VERSION, LK_BUILD_ID);
  const char *developers[] = { "Likeness contributors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Likeness",
                         "application-icon", APP_ID,
                         "version", version,
                         "developer-name", "Likeness contributors",
                         "developers", developers,
                         "comments", "Manual forensic face examination following ACE-V. "
                                     "Results are investigative leads, never identifications.",
                         "website", "https://github.com/likeness/likeness",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "debug-info", info,
                         "debug-info-filename", "likeness-debug-info.txt",
                         NULL);
}

void
lk_toast (GtkWidget  *widget,
          const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
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
