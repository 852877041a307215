/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Administration > Policy: a setting changed through its dialog with a reason is stored and
 * audited; a refused value or a missing reason changes nothing; the lab's feature list. */
#include "config.h"

#include <glib/gstdio.h>

#include "lk-policy-dialog.h"
#include "lk-policy-page.h"
#include "lk-test-ui.h"
#include "store/lk-store-private.h"
#include "governance/lk-feature-lists.h"
#include "governance/lk-policy.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "reference/lk-data.h"
#include "store/lk-store.h"

#define ADMIN_PASSWORD "amber lantern 41"
#define EXAMINER_PASSWORD "copper kettle 28"

typedef struct
{
  char          *folder;
  LkStore       *store;
  LkSession     *session;
  GtkWidget     *window;
  LkPolicyPage  *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  f->session = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  f->page = g_object_new (LK_TYPE_POLICY_PAGE, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  adw_window_set_content (ADW_WINDOW (f->window), overlay);
  lk_policy_page_set_session (f->page, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = lk_test_find_window (LK_TYPE_POLICY_DIALOG)) != NULL ||
         (dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    lk_test_destroy_window (dialog, NULL);
  lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->session);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

/* ---- helpers ----------------------------------------------------------------------------- */

static AdwActionRow *
setting_row (Fixture    *f,
             const char *key)
{
  GtkWidget *row = lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW,
                                 lk_policy_key_lookup (key)->description);

  g_assert_nonnull (row);
  return ADW_ACTION_ROW (row);
}

static GtkWidget *
open_dialog (Fixture    *f,
             const char *key)
{
  GtkWidget *dialog;

  /* The row's own "Change…" button, as a user would press it. */
  lk_test_click (GTK_WIDGET (setting_row (f, key)), "Change…");
  dialog = lk_test_find_window (LK_TYPE_POLICY_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static gboolean
no_dialog (gpointer data)
{
  return lk_test_find_window (LK_TYPE_POLICY_DIALOG) == NULL;
}

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static char *
value_of (Fixture    *f,
          const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = lk_policy_get_string (f->store, key, &error);

  g_assert_no_error (error);
  return value;
}

/* The edition in use, asserting that it could be read. */
static char *
current_edition (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *edition = lk_feature_lists_current_edition (f->store, &error);

  g_assert_no_error (error);
  return edition;
}

static gint64
count_changes (Fixture    *f,
               const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStmt) stmt = lk_store_stmt (f->store, "SELECT count(*) FROM audit_event "
                                          "WHERE action = 'policy.changed' AND object = ?",
                                          &error);

  g_assert_no_error (error);
  lk_stmt_bind_text (stmt, 1, key);
  g_assert_true (lk_stmt_next (stmt, NULL));
  return lk_stmt_int64 (stmt, 0);
}

static void
apply (GtkWidget *dialog)
{
  lk_test_click (dialog, "Change");
}

/* ---- tests ------------------------------------------------------------------------------- */

static void
test_change_with_reason (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *dialog;
  g_autofree char *value = NULL;

  g_assert_cmpstr (adw_action_row_get_subtitle (setting_row (f, "min_reasoning_length")), ==,
                   "80 (default)");
  dialog = open_dialog (f, "min_reasoning_length");
  lk_test_set_text (dialog, "Value", "120");
  lk_test_set_text (dialog, "Reason", "Quality manager: reasoning too short in audit 2026-03");
  apply (dialog);
  g_assert_true (lk_test_wait (no_dialog, NULL, 5000));

  value = value_of (f, "min_reasoning_length");
  g_assert_cmpstr (value, ==, "120");
  g_assert_cmpint (count_changes (f, "min_reasoning_length"), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (setting_row (f, "min_reasoning_length")), ==,
                   "120");
}

static void
test_out_of_range_changes_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  const LkPolicyKey *def = lk_policy_key_lookup ("lockout_threshold");
  GtkWidget *dialog;
  g_autofree char *value = NULL;

  g_assert_cmpfloat (def->min, ==, 3);
  dialog = open_dialog (f, "lockout_threshold");
  lk_test_set_text (dialog, "Value", "2");
  lk_test_set_text (dialog, "Reason", "Fewer guesses");
  apply (dialog);

  g_assert_true (lk_test_wait_shown (dialog, "lockout_threshold must lie between 3 and 10", 5000));
  g_assert_true (lk_test_find_window (LK_TYPE_POLICY_DIALOG) == dialog);
  value = value_of (f, "lockout_threshold");
  g_assert_cmpstr (value, ==, "5");
  g_assert_cmpint (count_changes (f, "lockout_threshold"), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (setting_row (f, "lockout_threshold")), ==,
                   "5 (default)");

  /* Corrected in the same dialog, the change goes through. */
  lk_test_set_text (dialog, "Value", "4");
  apply (dialog);
  g_assert_true (lk_test_wait (no_dialog, NULL, 5000));
  g_clear_pointer (&value, g_free);
  value = value_of (f, "lockout_threshold");
  g_assert_cmpstr (value, ==, "4");
}

static void
test_blank_reason_changes_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, "min_reasoning_length");
  g_autofree char *value = NULL;

  lk_test_set_text (dialog, "Value", "120");
  lk_test_set_text (dialog, "Reason", "   ");
  apply (dialog);

  g_assert_true (lk_test_wait_shown (dialog, "A policy change needs a reason for the audit trail",
                                     5000));
  g_assert_nonnull (lk_test_find_window (LK_TYPE_POLICY_DIALOG));
  value = value_of (f, "min_reasoning_length");
  g_assert_cmpstr (value, ==, "80");
  g_assert_cmpint (count_changes (f, "min_reasoning_length"), ==, 0);
}

static void
test_scale_from_drop_down (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, "conclusion_scale");
  GtkWidget *combo = lk_test_find (dialog, ADW_TYPE_COMBO_ROW, "Conclusion scale");
  const char * const *names = lk_scale_names ();
  GtkWidget *value_row;
  g_autofree char *value = NULL;
  guint enfsi = G_MAXUINT;

  g_assert_nonnull (combo);
  g_assert_true (gtk_widget_get_visible (combo));
  value_row = lk_test_find (dialog, ADW_TYPE_ENTRY_ROW, "Value");
  g_assert_true (value_row == NULL || !gtk_widget_get_visible (value_row));
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "enfsi"))
      enfsi = i;
  g_assert_cmpuint (enfsi, !=, G_MAXUINT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), enfsi);
  lk_test_set_text (dialog, "Reason", "Lab adopts the ENFSI verbal scale");
  apply (dialog);
  g_assert_true (lk_test_wait (no_dialog, NULL, 5000));

  value = value_of (f, "conclusion_scale");
  g_assert_cmpstr (value, ==, "enfsi");
  g_assert_cmpint (count_changes (f, "conclusion_scale"), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (setting_row (f, "conclusion_scale")), ==,
                   "enfsi");
}

static void
test_switch_and_kinds (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (f, "show_scores");
  GtkWidget *sketch;
  g_autofree char *scores = NULL;
  g_autofree char *kinds = NULL;

  gtk_switch_set_active (GTK_SWITCH (lk_test_find_type (dialog, GTK_TYPE_SWITCH)), TRUE);
  lk_test_set_text (dialog, "Reason", "Scores shown for the pilot");
  apply (dialog);
  g_assert_true (lk_test_wait (no_dialog, NULL, 5000));
  scores = value_of (f, "show_scores");
  g_assert_cmpstr (scores, ==, "1");

  /* Sketches become importable: the check of that kind is cleared. */
  dialog = open_dialog (f, "refused_probe_kinds");
  sketch = lk_test_find (dialog, ADW_TYPE_ACTION_ROW, "Sketch");
  g_assert_nonnull (sketch);
  gtk_widget_activate (sketch);
  lk_test_set_text (dialog, "Reason", "Training exercise with sketches");
  apply (dialog);
  g_assert_true (lk_test_wait (no_dialog, NULL, 5000));
  kinds = value_of (f, "refused_probe_kinds");
  g_assert_cmpstr (kinds, ==, "composite,look-alike,edited,ai-generated");
  g_assert_cmpstr (adw_action_row_get_subtitle (setting_row (f, "refused_probe_kinds")), ==,
                   "composite, look-alike, edited, ai-generated");
}

static void
test_non_administrator (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) examiner = NULL;
  GtkWidget *title;

  lk_users_add (f->session, "erin", "Erin Examiner", LK_ROLE_EXAMINER, EXAMINER_PASSWORD,
                &error);
  g_assert_no_error (error);
  examiner = lk_session_login (f->store, "erin", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);

  lk_test_destroy_window (f->window, f->page, NULL);
  f->window = adw_window_new ();
  f->page = g_object_new (LK_TYPE_POLICY_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->page));
  lk_policy_page_set_session (f->page, examiner);
  gtk_window_present (GTK_WINDOW (f->window));

  title = lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL,
                        "Policy Is Managed by Administrators");
  g_assert_nonnull (title);
  g_assert_true (lk_test_wait (mapped, title, 5000));
  g_assert_null (lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "Change…"));
  g_assert_null (lk_test_find (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW,
                               lk_policy_key_lookup ("min_reasoning_length")->description));
  /* The action opens its dialog before it returns, when it is enabled: it is not. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "policy.change", "s", "min_reasoning_length");
  g_assert_null (lk_test_find_window (LK_TYPE_POLICY_DIALOG));
}

/* ---- the feature list -------------------------------------------------------------------- */

#define LIST_HEAD "{\"format\": \"likeness-feature-list\", \"version\": 1,"

static const char lab_list[] =
  LIST_HEAD " \"edition\": \"Lab North edition 1\", \"components\": ["
  " {\"id\": \"ears\", \"number\": 1, \"name\": \"Ears\", \"characteristics\": ["
  "  {\"id\": \"ears.helix\", \"name\": \"Helix\"}]}]}";

static gboolean
page_idle (gpointer data)
{
  return !lk_policy_page_is_busy (data);
}

static GFile *
write_list (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->folder, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_install_feature_list (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) broken = write_list (f, "broken.json", LIST_HEAD " \"components\": []}");
  g_autoptr(GFile) lab = write_list (f, "lab.json", lab_list);
  g_autofree char *shipped = current_edition (f);
  g_autofree char *current = NULL;
  GtkWidget *error_dialog;

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lk_test_find (
                     GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW,
                     "Edition for new examinations"))), ==, shipped);

  lk_policy_page_install_feature_list (f->page, broken);
  g_assert_true (lk_policy_page_is_busy (f->page));
  g_assert_true (lk_test_wait (page_idle, f->page, 10000));
  error_dialog = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (error_dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (error_dialog)), ==,
                   "Feature List Not Installed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (error_dialog)),
                            "broken.json"));
  lk_test_destroy_window (error_dialog, NULL);
  current = current_edition (f);
  g_assert_cmpstr (current, ==, shipped);

  lk_policy_page_install_feature_list (f->page, lab);
  g_assert_true (lk_test_wait (page_idle, f->page, 10000));
  g_assert_null (lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_clear_pointer (&current, g_free);
  current = current_edition (f);
  g_assert_cmpstr (current, ==, "Lab North edition 1");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lk_test_find (
                     GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW,
                     "Edition for new examinations"))), ==, "Lab North edition 1");
}

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/policy/change-with-reason", Fixture, NULL, fixture_set_up,
              test_change_with_reason, fixture_tear_down);
  g_test_add ("/likeness/policy/out-of-range-changes-nothing", Fixture, NULL, fixture_set_up,
              test_out_of_range_changes_nothing, fixture_tear_down);
  g_test_add ("/likeness/policy/blank-reason-changes-nothing", Fixture, NULL, fixture_set_up,
              test_blank_reason_changes_nothing, fixture_tear_down);
  g_test_add ("/likeness/policy/scale-from-drop-down", Fixture, NULL, fixture_set_up,
              test_scale_from_drop_down, fixture_tear_down);
  g_test_add ("/likeness/policy/switch-and-kinds", Fixture, NULL, fixture_set_up,
              test_switch_and_kinds, fixture_tear_down);
  g_test_add ("/likeness/policy/non-administrator", Fixture, NULL, fixture_set_up,
              test_non_administrator, fixture_tear_down);
  g_test_add ("/likeness/policy/install-feature-list", Fixture, NULL, fixture_set_up,
              test_install_feature_list, fixture_tear_down);
  return g_test_run ();
}
