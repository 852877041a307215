/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The database choice of the first start and of Preferences: a file on this computer or a lab
 * server. */
#include "config.h"

#include <string.h>

#include "lk-database-choice.h"
#include "lk-ui-util.h"

struct _LkDatabaseChoice
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;
  char                *current;
  GCancellable        *cancellable; /* the connection test under way */

  GtkCheckButton      *file_check;
  GtkCheckButton      *server_check;
  AdwEntryRow         *path_row;
  AdwEntryRow         *uri_row;
  GtkButton           *test_button;
  GtkSpinner          *spinner;
  GtkLabel            *status_label;
};

G_DEFINE_FINAL_TYPE (LkDatabaseChoice, lk_database_choice, ADW_TYPE_PREFERENCES_GROUP)

const char *
lk_database_choice_get_status (LkDatabaseChoice *self)
{
  g_return_val_if_fail (LK_IS_DATABASE_CHOICE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
         ? gtk_label_get_text (self->status_label) : NULL;
}

static void
say (LkDatabaseChoice *self,
     const char       *text)
{
  lk_label_set_message (self->status_label, text);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Why @uri cannot be a server address, or NULL when it can. */
static const char *
uri_problem (const char *uri)
{
  const char *rest;
  const char *at;
  const char *colon;

  if (!lk_store_location_is_server (uri))
    return "A server address starts with postgresql://, e.g. "
           "postgresql://db.lab.example/likeness?sslmode=verify-full";
  rest = strstr (uri, "://") + 3;
  at = strchr (rest, '@');
  colon = strchr (rest, ':');
  if (strstr (uri, "password=") != NULL ||
      (at != NULL && colon != NULL && colon < at && (strchr (rest, '/') == NULL ||
                                                     strchr (rest, '/') > at)))
    return "Leave the password out of the address: Likeness never stores it. Put it in "
           "~/.pgpass or in a PostgreSQL service file instead.";
  return NULL;
}

/* Stores @location as the database to open at the next start, and says so. */
static void
save (LkDatabaseChoice *self,
      const char       *location)
{
  g_autofree char *was = g_settings_get_string (self->settings, "database-path");
  g_autofree char *default_path = lk_store_default_path ();
  const char *opens = *location != '\0' ? location : default_path;

  if (!g_str_equal (was, location))
    g_settings_set_string (self->settings, "database-path", location);
  if (self->current != NULL && g_str_equal (self->current, opens))
    say (self, "This is the database open now.");
  else
    {
      g_autofree char *text =
        g_strdup_printf ("Saved. Likeness opens %s when it starts again.", opens);

      say (self, text);
    }
}

static void
update_sensitivity (LkDatabaseChoice *self)
{
  gboolean server = gtk_check_button_get_active (self->server_check);
  g_autofree char *uri = entry_text (self->uri_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->path_row), !server);
  gtk_widget_set_sensitive (GTK_WIDGET (self->uri_row), server);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button),
                            server && self->cancellable == NULL && *uri != '\0');
}

static void
on_path_apply (LkDatabaseChoice *self)
{
  g_autofree char *path = entry_text (self->path_row);

  if (lk_store_location_is_server (path))
    {
      say (self, "That is a server address: choose \"A lab server\" for it.");
      return;
    }
  save (self, path);
}

static void
on_uri_apply (LkDatabaseChoice *self)
{
  g_autofree char *uri = entry_text (self->uri_row);
  const char *problem = uri_problem (uri);

  if (problem != NULL)
    {
      say (self, problem);
      return;
    }
  save (self, uri);
}

static void
on_uri_changed (LkDatabaseChoice *self)
{
  update_sensitivity (self);
}

static void
on_kind_toggled (LkDatabaseChoice *self,
                 GtkCheckButton   *button)
{
  if (!gtk_check_button_get_active (button))
    return;
  update_sensitivity (self);
  if (button == self->file_check)
    on_path_apply (self);
  else
    {
      g_autofree char *uri = entry_text (self->uri_row);

      if (*uri == '\0')
        say (self, "Enter the server's address, then press Enter to use it.");
      else
        on_uri_apply (self);
    }
}

/* A server's message in one paragraph: libpq breaks its hints onto indented lines. */
static char *
one_paragraph (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (kept, words[i]);
  joined = g_strv_builder_end (kept);
  return g_strjoinv (" ", joined);
}

static void
on_tested (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LkDatabaseChoice) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = lk_store_check_location_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  update_sensitivity (self);
  if (answer != NULL)
    {
      g_autofree char *text = g_strdup_printf ("Connected. %s.", answer);

      say (self, text);
    }
  else
    {
      g_autofree char *message = one_paragraph (error->message);
      g_autofree char *text = g_strdup_printf ("Likeness cannot use this database. %s", message);

      say (self, text);
    }
}

static void
on_test_clicked (LkDatabaseChoice *self)
{
  g_autofree char *uri = entry_text (self->uri_row);
  const char *problem = uri_problem (uri);

  if (problem != NULL)
    {
      say (self, problem);
      return;
    }
  self->cancellable = g_cancellable_new ();
  update_sensitivity (self);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  say (self, "Connecting to the server…");
  lk_store_check_location_async (uri, self->cancellable, on_tested, g_object_ref (self));
}

static void
lk_database_choice_dispose (GObject *object)
{
  LkDatabaseChoice *self = LK_DATABASE_CHOICE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), LK_TYPE_DATABASE_CHOICE);
  G_OBJECT_CLASS (lk_database_choice_parent_class)->dispose (object);
}

static void
lk_database_choice_finalize (GObject *object)
{
  LkDatabaseChoice *self = LK_DATABASE_CHOICE (object);

  g_clear_object (&self->settings);
  g_free (self->current);
  G_OBJECT_CLASS (lk_database_choice_parent_class)->finalize (object);
}

static void
lk_database_choice_class_init (LkDatabaseChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_database_choice_dispose;
  object_class->finalize = lk_database_choice_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-database-choice.ui");
  gtk_widget_class_bind_template_child (widget_class, LkDatabaseChoice, file_check);
  gtk_widget_class_bind_template_child (widget_class, LkDatabaseChoice, server_check);
  gtk_widget_class_bind_template_child (widget_class, LkDatabaseChoice, path_row);
  gtk_widget_class_bind_template_child (widget_class, LkDatabaseChoice, uri_row);
  gtk_widget_class_bind_template_child (widget_class, LkDatabaseChoice, test_button);
  gtk_widget_class_bind_template_child (widget_class, LkDatabaseChoice, spinner);
  gtk_widget_class_bind_template_child (widget_class, LkDatabaseChoice, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_path_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_uri_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_uri_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
}

static void
lk_database_choice_init (LkDatabaseChoice *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LkDatabaseChoice *
lk_database_choice_new (GSettings  *settings,
                        const char *current)
{
  LkDatabaseChoice *self = g_object_new (LK_TYPE_DATABASE_CHOICE, NULL);
  g_autofree char *location = g_settings_get_string (settings, "database-path");
  gboolean server = lk_store_location_is_server (location);

  self->settings = g_object_ref (settings);
  self->current = g_strdup (current);
  /* The choice as stored, before the handlers would store it again. */
  g_signal_handlers_block_by_func (self->file_check, on_kind_toggled, self);
  g_signal_handlers_block_by_func (self->server_check, on_kind_toggled, self);
  gtk_editable_set_text (GTK_EDITABLE (server ? self->uri_row : self->path_row), location);
  gtk_check_button_set_active (server ? self->server_check : self->file_check, TRUE);
  g_signal_handlers_unblock_by_func (self->file_check, on_kind_toggled, self);
  g_signal_handlers_unblock_by_func (self->server_check, on_kind_toggled, self);
  update_sensitivity (self);
  return self;
}
