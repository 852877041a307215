/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Policy: the agency's settings, each changed with a reason, and the edition
 * of the feature list. */
#include "config.h"

#include <string.h>

#include "lk-policy-dialog.h"
#include "lk-policy-page.h"
#include "lk-policy-value.h"
#include "lk-ui-util.h"

struct _LkPolicyPage
{
  AdwBin                parent_instance;

  LkSession            *session;
  GHashTable           *rows;        /* key → AdwActionRow, borrowed from the groups */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  gboolean              installing;

  GtkStack             *stack;
  AdwPreferencesGroup  *accounts_group;
  AdwPreferencesGroup  *probes_group;
  AdwPreferencesGroup  *engines_group;
  AdwPreferencesGroup  *triage_group;
  AdwPreferencesGroup  *conclusions_group;
  AdwPreferencesGroup  *quality_group;
  AdwPreferencesGroup  *other_group;
  AdwActionRow         *edition_row;
  GtkSpinner           *install_spinner;
};

G_DEFINE_FINAL_TYPE (LkPolicyPage, lk_policy_page, ADW_TYPE_BIN)

static char *
row_subtitle (LkPolicyPage      *self,
              const LkPolicyKey *def)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = lk_policy_get_string (lk_session_get_store (self->session), def->key,
                                                 &error);
  g_autofree char *shown = NULL;

  if (value == NULL)
    return g_strdup_printf ("The value could not be read: %s", error->message);
  shown = lk_policy_value_format (def, value);
  if (lk_policy_value_is_default (def, value))
    return g_strdup_printf ("%s (default)", shown);
  return g_steal_pointer (&shown);
}

/* ---- rows -------------------------------------------------------------------------------- */

static AdwPreferencesGroup *
group_for (LkPolicyPage *self,
           const char   *key)
{
  /* A name ending in "." or "_" takes every key it begins. */
  const struct
  {
    const char          *name;
    AdwPreferencesGroup *group;
  } places[] = {
    { "lockout_threshold", self->accounts_group },
    { "min_password_length", self->accounts_group },
    { "idle_lock_max_minutes", self->accounts_group },
    { "refused_probe_kinds", self->probes_group },
    { "max_image_", self->probes_group },
    { "yunet_model", self->engines_group },
    { "embedding_model", self->engines_group },
    { "max_candidates", self->engines_group },
    { "search_top_k", self->engines_group },
    { "show_scores", self->triage_group },
    { "shuffle_hidden_lists", self->triage_group },
    { "conclusion_scale", self->conclusions_group },
    { "min_reasoning_length", self->conclusions_group },
    { "strongest_level_limited", self->conclusions_group },
    { "rules.", self->conclusions_group },
    { "min_assessed_", self->conclusions_group },
    { "min_individualising_", self->conclusions_group },
    { "unexplained_dissimilar_strength", self->conclusions_group },
    { "quality.", self->quality_group },
  };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      const char *name = places[i].name;
      char last = name[strlen (name) - 1];

      if (g_str_equal (key, name) ||
          ((last == '.' || last == '_') && g_str_has_prefix (key, name)))
        return places[i].group;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->other_group), TRUE);
  return self->other_group;
}

static GtkWidget *
setting_row_new (const LkPolicyKey *def)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *label = g_strdup_printf ("Change %s", def->description);
  GtkWidget *button = lk_mnemonic_button_new ("_Change…", label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), def->description);
  gtk_widget_set_name (row, def->key);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "policy.change");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", def->key);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
refresh_row (LkPolicyPage *self,
             const char   *key)
{
  AdwActionRow *row = g_hash_table_lookup (self->rows, key);
  const LkPolicyKey *def = lk_policy_key_lookup (key);
  g_autofree char *subtitle = NULL;

  if (row == NULL || def == NULL)
    return;
  subtitle = row_subtitle (self, def);
  adw_action_row_set_subtitle (row, subtitle);
}

static void
refresh_edition (LkPolicyPage *self)
{
  LkStore *store = lk_session_get_store (self->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *edition = lk_feature_lists_current_edition (store, &error);
  g_autofree char *failed = NULL;

  if (edition == NULL)
    failed = g_strdup_printf ("The edition could not be read: %s", error->message);
  adw_action_row_set_subtitle (self->edition_row, edition != NULL ? edition : failed);
}

static void
build_rows (LkPolicyPage *self)
{
  guint n_keys = 0;
  const LkPolicyKey *keys = lk_policy_keys (&n_keys);

  for (guint i = 0; i < n_keys; i++)
    {
      GtkWidget *row = setting_row_new (&keys[i]);

      adw_preferences_group_add (group_for (self, keys[i].key), row);
      g_hash_table_insert (self->rows, (gpointer) keys[i].key, row);
      refresh_row (self, keys[i].key);
    }
  lk_fix_button_names (GTK_WIDGET (self));
}

void
lk_policy_page_set_session (LkPolicyPage *self,
                            LkSession    *session)
{
  gboolean admin;

  g_return_if_fail (LK_IS_POLICY_PAGE (self));

  if (!g_set_object (&self->session, session) || session == NULL)
    return;
  admin = lk_session_has_role (session, LK_ROLE_ADMINISTRATOR);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policy.change", admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policy.install-feature-list",
                                 admin && !self->installing);
  if (!admin)
    {
      gtk_stack_set_visible_child_name (self->stack, "managed");
      return;
    }
  if (g_hash_table_size (self->rows) == 0)
    build_rows (self);
  else
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        refresh_row (self, key);
    }
  refresh_edition (self);
  gtk_stack_set_visible_child_name (self->stack, "policy");
}

/* ---- changing a setting ------------------------------------------------------------------ */

static void
on_changed (LkPolicyPage *self,
            const char   *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = lk_policy_get_string (lk_session_get_store (self->session), key,
                                                 &error);
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;

  refresh_row (self, key);
  if (value == NULL)
    {
      message = g_strdup_printf ("%s was changed, but its new value could not be read: %s", key,
                                 error->message);
      lk_toast (GTK_WIDGET (self), message);
      return;
    }
  shown = lk_policy_value_format (lk_policy_key_lookup (key), value);
  message = g_strdup_printf ("%s is now %s", key, shown);
  lk_toast (GTK_WIDGET (self), message);
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkPolicyPage *self = LK_POLICY_PAGE (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  LkPolicyDialog *dialog;

  if (self->session == NULL || lk_policy_key_lookup (key) == NULL)
    return;
  if ((dialog = lk_policy_dialog_new (self->session, key, &error)) == NULL)
    {
      lk_show_failure (widget, "Cannot Change the Setting", error);
      return;
    }
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- installing a lab edition of the feature list ---------------------------------------- */

static void
set_installing (LkPolicyPage *self,
                gboolean      installing)
{
  self->installing = installing;
  gtk_spinner_set_spinning (self->install_spinner, installing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policy.install-feature-list", !installing);
}

static void
on_installed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkPolicyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *edition = lk_feature_lists_install_finish (result, &error);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_installing (self, FALSE);
  if (edition == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "Feature List Not Installed", error->message);
      return;
    }
  refresh_edition (self);
  message = g_strdup_printf ("New examinations use the feature list “%s”", edition);
  lk_toast (GTK_WIDGET (self), message);
}

gboolean
lk_policy_page_is_busy (LkPolicyPage *self)
{
  g_return_val_if_fail (LK_IS_POLICY_PAGE (self), FALSE);
  return self->installing;
}

void
lk_policy_page_install_feature_list (LkPolicyPage *self,
                                     GFile        *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LK_IS_POLICY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->installing || self->session == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      lk_show_error (GTK_WIDGET (self), "Feature List Not Installed",
                     "Choose a file on this computer.");
      return;
    }
  set_installing (self, TRUE);
  lk_feature_lists_install_async (self->session, path, self->cancellable, on_installed,
                                 g_object_ref (self));
}

static void
on_list_chosen (LkPolicyPage *self,
                int           response)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    lk_policy_page_install_feature_list (self, file);
}

static void
install_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LkPolicyPage *self = LK_POLICY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, "Feature lists (JSON)");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new ("Install a Lab Edition of the Feature List",
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, "_Install",
                                               "_Cancel");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_list_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- object ------------------------------------------------------------------------------ */

static void
lk_policy_page_dispose (GObject *object)
{
  LkPolicyPage *self = LK_POLICY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    g_signal_handlers_disconnect_by_data (self->chooser, self);
  g_clear_object (&self->chooser);
  g_hash_table_remove_all (self->rows);
  /* The stack is both the bin's child and a named template child: let go of it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_POLICY_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lk_policy_page_parent_class)->dispose (object);
}

static void
lk_policy_page_finalize (GObject *object)
{
  LkPolicyPage *self = LK_POLICY_PAGE (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->rows);
  G_OBJECT_CLASS (lk_policy_page_parent_class)->finalize (object);
}

static void
lk_policy_page_class_init (LkPolicyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_policy_page_dispose;
  object_class->finalize = lk_policy_page_finalize;

  g_type_ensure (LK_TYPE_POLICY_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-policy-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPolicyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyPage, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyPage, probes_group);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyPage, engines_group);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyPage, triage_group);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyPage, conclusions_group);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyPage, quality_group);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyPage, other_group);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyPage, edition_row);
  gtk_widget_class_bind_template_child (widget_class, LkPolicyPage, install_spinner);
  gtk_widget_class_install_action (widget_class, "policy.change", "s", change_action);
  gtk_widget_class_install_action (widget_class, "policy.install-feature-list", NULL,
                                   install_action);
}

static void
lk_policy_page_init (LkPolicyPage *self)
{
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_label_stack_pages (self->stack);
}
