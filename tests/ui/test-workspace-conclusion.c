/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The examination workspace and the conclusion: the evaluation's warnings and its refusals, the
 * feature comparison and signing, the tools a signed conclusion disables, deleting an annotation,
 * the feature keys. */
#include "config.h"

#include "lk-test-workspace.h"

static gboolean
message_shown (gpointer data)
{
  return lk_test_find (data, GTK_TYPE_LABEL, "Wrong user name or password") != NULL;
}

static gboolean
sign_insensitive (gpointer data)
{
  return !gtk_widget_get_sensitive (lk_test_find (data, GTK_TYPE_BUTTON, "Sign"));
}

static gboolean
sign_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (lk_test_find (data, GTK_TYPE_BUTTON, "Sign"));
}

static gboolean
has_annotation (Fixture *f,
                gint64   exam,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = lk_examinations_get (f->examiner, exam, &error);
  JsonArray *all;

  g_assert_no_error (error);
  all = json_object_get_array_member (o, "annotations");
  for (guint i = 0; i < json_array_get_length (all); i++)
    if (json_object_get_int_member (json_array_get_object_element (all, i), "id") == id)
      return TRUE;
  return FALSE;
}

static gint64
count_deletions (Fixture *f,
                 gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *object = g_strdup_printf ("annotation:%" G_GINT64_FORMAT, id);
  g_autoptr(LkStmt) stmt = lk_store_stmt (f->store, "SELECT count(*) FROM audit_event "
                                          "WHERE action = 'annotation.deleted' AND object = ?",
                                          &error);

  g_assert_no_error (error);
  lk_stmt_bind_text (stmt, 1, object);
  g_assert_true (lk_stmt_next (stmt, NULL));
  return lk_stmt_int64 (stmt, 0);
}

/* The workspace's own key binding for @keyval (no modifiers), as the Delete key would reach
 * it; fails when there is none. */
static GtkShortcut *
find_binding (GtkWidget *widget,
              guint      keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  GtkShortcut *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && found == NULL; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)) && found == NULL; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            found = g_steal_pointer (&shortcut);
        }
    }
  g_object_unref (controllers);
  g_assert_nonnull (found);
  return found;
}

static void
press_delete (Fixture *f)
{
  g_autoptr(GtkShortcut) shortcut = find_binding (GTK_WIDGET (f->workspace), GDK_KEY_Delete);
  GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

  g_assert_true (GTK_IS_NAMED_ACTION (action));
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==,
                   "workspace.delete-annotation");
  gtk_shortcut_action_activate (action, 0, GTK_WIDGET (f->workspace), NULL);
}

/* The tool menu's item for removing the selected annotations, as built in the menu button's
 * popover: FALSE when its action is disabled. */
/* The annotation tools' menu button (the zoom button is another). */
static GtkWidget *
tool_button (Fixture *f)
{
  GtkWidget *label = lk_test_find (GTK_WIDGET (f->workspace), GTK_TYPE_LABEL,
                                   "Remove Selected Annotation");

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, GTK_TYPE_MENU_BUTTON);
}

static gboolean
remove_selected_enabled (Fixture *f)
{
  GtkWidget *tools = tool_button (f);
  GtkWidget *label = lk_test_find (tools, GTK_TYPE_LABEL, "Remove Selected Annotation");
  GtkWidget *item = label ? gtk_widget_get_ancestor (label, GTK_TYPE_ACTIONABLE) : NULL;

  g_assert_nonnull (item);
  /* Its own flag, which follows its action's; the menu button's may be off as well. */
  return gtk_widget_get_sensitive (item);
}

/* An annotation, an observation and a signed conclusion, before the workspace opens. */
static gint64
sign_examination (Fixture *f,
                  int      which)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) point = json_array_new ();
  g_autoptr(JsonArray) geometry = json_array_new ();
  LkAnnotationSpec spec = { "probe", "marker", 0, geometry, NULL, "nose.tip" };
  LkObservationSpec observation = { "nose.tip", "visible", "visible", "similar", "class", NULL };
  LkConclusionDraft draft = {
    NULL, FALSE, 1,
    "The nose tips correspond in form and in their position relative to the eyes; nothing "
    "dissimilar was observed in what could be compared.",
    "Low resolution of the probe.",
  };
  gint64 exam = lk_examinations_open (f->examiner, f->candidates[which], &error);

  g_assert_no_error (error);
  json_array_add_double_element (point, 250);
  json_array_add_double_element (point, 300);
  json_array_add_array_element (geometry, json_array_ref (point));
  lk_examinations_add_annotation (f->examiner, exam, &spec, &error);
  g_assert_no_error (error);
  lk_observations_set (f->examiner, exam, &observation, &error);
  g_assert_no_error (error);
  lk_conclusions_sign (f->examiner, exam, &draft, NULL, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  return exam;
}

static guint
n_annotations (Fixture *f,
               gint64   exam)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = lk_examinations_get (f->examiner, exam, &error);

  g_assert_no_error (error);
  return json_array_get_length (json_object_get_array_member (o, "annotations"));
}

/* A key press delivered to a characteristic row's key controller, as it would arrive with the
 * row focused; TRUE when the row took it. */
static gboolean
press_row_key (GtkWidget *row,
               guint      keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (row);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  g_object_unref (controllers);
  return handled;
}

/* One field of the observation the core holds for @characteristic is @expected. */
static void
assert_observed (Fixture    *f,
                 gint64      exam,
                 const char *characteristic,
                 const char *field,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) observations = lk_observations_get (f->examiner, exam, &error);
  const char *value = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (observations); i++)
    {
      JsonObject *o = json_array_get_object_element (observations, i);

      if (g_strcmp0 (json_object_get_string_member (o, "characteristic"), characteristic) == 0)
        value = json_object_get_string_member_with_default (o, field, NULL);
    }
  g_assert_cmpstr (value, ==, expected);
}

/* The images showing @icon_name under @root. */
static guint
count_icons (GtkWidget  *root,
             const char *icon_name)
{
  guint n = GTK_IS_IMAGE (root) && gtk_widget_is_visible (root) &&
            g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (root)), icon_name) == 0;

  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    n += count_icons (w, icon_name);
  return n;
}

/* A refusal shows as the app's other refusals do: its words beside a warning icon, which a
 * screen reader names "Cannot sign" and describes with the words. */
static void
assert_refusal_shown (GtkWidget  *dialog,
                      const char *text)
{
  GtkWidget *label = find_label_containing (dialog, text);
  GtkWidget *icon;

  g_assert_nonnull (label);
  icon = lk_test_find (gtk_widget_get_parent (label), GTK_TYPE_IMAGE, "dialog-warning-symbolic");
  g_assert_nonnull (icon);
  g_assert_true (gtk_widget_is_visible (icon));
  lk_test_assert_accessible (icon, GTK_ACCESSIBLE_PROPERTY_LABEL, "Cannot sign");
  lk_test_assert_accessible (icon, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                             gtk_label_get_text (GTK_LABEL (label)));
}

/* Above the policy's cap for a probe of limited suitability: the level is refused, the dialog
 * says why with the rule and its numbers, and Sign is insensitive; a level within the cap that
 * breaks rules set to warn asks for their acknowledgement instead, then signs. */
static void
test_evaluate_refused_cap (Fixture       *f,
                           gconstpointer  data)
{
  const char * const components[] = { "eyes", NULL };
  LkAnalysis limited = { "limited", NULL, components, "Compressed." };
  LkObservationSpec nose = { "nose.tip", "visible", "visible", "similar", "class", NULL, NULL,
                             0 };
  LkEvaluateDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  Message refusal, acknowledge;
  gint64 signed_id = 0;
  gint64 exam;

  open_workspace (f, 0);
  exam = lk_workspace_get_examination (f->workspace);
  lk_analysis_amend (f->examiner, f->probe, &limited, "Compression seen at a second look",
                     &error);
  g_assert_no_error (error);
  lk_observations_set (f->examiner, exam, &nose, &error);
  g_assert_no_error (error);

  dialog = lk_evaluate_dialog_new (f->examiner, exam, FALSE, &error);
  g_assert_no_error (error);
  g_signal_connect (dialog, "signed", G_CALLBACK (on_signed), &signed_id);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 680, 600);
  gtk_window_present (GTK_WINDOW (dialog));
  collect_text_views (GTK_WIDGET (dialog), views);
  set_text (g_ptr_array_index (views, 1),
            "The nose tip corresponds in form and position; the other components could not be "
            "compared at this resolution.");
  set_text (g_ptr_array_index (views, 2), "Low resolution and JPEG blocking.");
  lk_test_set_text (GTK_WIDGET (dialog), "Your password", EXAMINER_PASSWORD);

  choose_level (GTK_WIDGET (dialog),
                "+3  The observations strongly support that it is the same person");
  refusal = (Message) { GTK_WIDGET (dialog), "Refused by policy (rule rules.limited_cap): Policy "
                                             "allows at most strength 2 (of 3) for a probe of "
                                             "limited suitability; the level +3 has strength 3" };
  g_assert_true (lk_test_wait (message_in_view, &refusal, 5000));
  g_assert_true (lk_test_wait (sign_insensitive, dialog, 5000));
  assert_refusal_shown (GTK_WIDGET (dialog), refusal.text);
  /* above the page, and again among the warnings */
  g_assert_cmpuint (count_icons (GTK_WIDGET (dialog), "dialog-warning-symbolic"), ==, 2);
  lk_test_shoot (GTK_WIDGET (dialog), "evaluate-refused-cap.png");
  /* nothing to acknowledge for a refusal */
  collect_acknowledgement_rows (GTK_WIDGET (dialog), rows);
  /* the limited probe's warning and the minimums', none for the cap */
  g_assert_cmpuint (rows->len, ==, 2);

  choose_level (GTK_WIDGET (dialog),
                "+2  The observations support that it is the same person");
  g_assert_true (lk_test_wait (sign_sensitive, dialog, 5000));
  g_assert_true (lk_test_wait_shown_containing (GTK_WIDGET (dialog),
                                                "1 of 90 characteristics assessed; policy asks "
                                                "at least 12 for +2", 5000));
  g_assert_null (find_label_containing (GTK_WIDGET (dialog), "Refused by policy"));
  g_assert_cmpuint (count_icons (GTK_WIDGET (dialog), "dialog-warning-symbolic"), ==, 0);
  g_ptr_array_set_size (rows, 0);
  collect_acknowledgement_rows (GTK_WIDGET (dialog), rows);
  g_assert_cmpuint (rows->len, ==, 2);
  scroll_to_bottom (GTK_WIDGET (dialog));
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  acknowledge = (Message) { GTK_WIDGET (dialog), "Acknowledge each consistency warning in "
                                                 "writing" };
  g_assert_true (lk_test_wait (message_in_view, &acknowledge, 5000));
  assert_refusal_shown (GTK_WIDGET (dialog), acknowledge.text);
  g_assert_cmpint (signed_id, ==, 0);
  for (guint i = 0; i < rows->len; i++)
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, i)),
                           "The nose tip is clear enough in this frame for this level.");
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (has_signed, &signed_id, 10000));
}

static void
test_features_and_sign (Fixture       *f,
                        gconstpointer  data)
{
  LkFeaturePanel *panel;
  LkEvaluateDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) observations = NULL;
  g_autoptr(JsonArray) conclusions = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autofree char *progress = NULL;
  Message no_reasoning = { NULL, "The reasoning is required" };
  Message no_level = { NULL, "Choose a level of the conclusion scale" };
  guint assessed, total;
  gint64 signed_id = 0;
  gint64 exam;

  open_workspace (f, 0);
  exam = lk_workspace_get_examination (f->workspace);
  panel = LK_FEATURE_PANEL (lk_test_find_type (GTK_WIDGET (f->workspace), LK_TYPE_FEATURE_PANEL));
  g_assert_nonnull (panel);
  lk_feature_panel_get_progress (panel, &assessed, &total);
  g_assert_cmpuint (assessed, ==, 0);
  g_assert_cmpuint (total, >, 50);
  g_assert_true (lk_feature_panel_set_result (panel, "eyes.fissure", "similar"));
  g_assert_true (lk_feature_panel_set_result (panel, "nose.bridge", "similar"));
  lk_feature_panel_get_progress (panel, &assessed, &total);
  g_assert_cmpuint (assessed, ==, 2);
  observations = lk_observations_get (f->examiner, exam, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (observations), >=, 2);
  progress = g_strdup_printf ("2 of %u characteristics assessed", total);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (panel), GTK_TYPE_LABEL, progress));

  dialog = lk_evaluate_dialog_new (f->examiner, exam, FALSE, &error);
  g_assert_no_error (error);
  g_signal_connect (dialog, "signed", G_CALLBACK (on_signed), &signed_id);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 680, 600);
  gtk_window_present (GTK_WINDOW (dialog));
  collect_text_views (GTK_WIDGET (dialog), views);
  g_assert_cmpuint (views->len, ==, 3); /* the propositions keep their default text */
  no_reasoning.dialog = GTK_WIDGET (dialog);
  no_level.dialog = GTK_WIDGET (dialog);
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (dialog), "0 of at least 80 characters", 5000));

  /* There is no default level: Sign asks for one. */
  lk_test_set_text (GTK_WIDGET (dialog), "Your password", EXAMINER_PASSWORD);
  scroll_to_bottom (GTK_WIDGET (dialog));
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (message_in_view, &no_level, 5000));
  choose_level (GTK_WIDGET (dialog),
                "+0  The observations support neither same nor different persons");

  /* Signed from the bottom of the page with no reasoning: the refusal is in view, and the
   * password typed stays. */
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (message_in_view, &no_reasoning, 5000));
  g_assert_cmpstr (password_of (GTK_WIDGET (dialog)), ==, EXAMINER_PASSWORD);
  g_assert_cmpint (signed_id, ==, 0);

  set_text (g_ptr_array_index (views, 1),
            "The eye fissures and the nose bridge correspond in shape and proportion; no "
            "dissimilarity was observed in the components that could be compared.");
  set_text (g_ptr_array_index (views, 2), "Low resolution of the probe.");
  /* The counters follow the typing. */
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (dialog), "144 characters (at least 80)", 5000));
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (dialog), "28 characters", 5000));
  lk_test_set_text (GTK_WIDGET (dialog), "Your password", "not my password");
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (message_shown, dialog, 10000));
  g_assert_cmpint (signed_id, ==, 0);
  /* A wrong password is typed again from scratch. */
  g_assert_cmpstr (password_of (GTK_WIDGET (dialog)), ==, "");

  lk_test_set_text (GTK_WIDGET (dialog), "Your password", EXAMINER_PASSWORD);
  lk_test_click (GTK_WIDGET (dialog), "Sign");
  g_assert_true (lk_test_wait (has_signed, &signed_id, 10000));
  conclusions = lk_conclusions_list (f->examiner, exam, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (conclusions), ==, 1);
}

/* Once signed, the tools that change what the conclusion rests on are disabled: Ctrl+Z, Delete,
 * the annotation tools, the alignment and the enhancement panels. */
static void
test_signed_freezes_charting (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *workspace, *align, *tools, *panel;
  g_autoptr(JsonObject) exam = NULL;
  gint64 id = sign_examination (f, 0);

  open_workspace (f, 0);
  workspace = GTK_WIDGET (f->workspace);
  g_assert_cmpint (lk_workspace_get_examination (f->workspace), ==, id);
  align = lk_test_find (workspace, GTK_TYPE_BUTTON, "Align by Eyes");
  g_assert_nonnull (align);
  g_assert_false (gtk_widget_is_sensitive (align));
  tools = tool_button (f);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (tools)), ==, "Annotate");
  g_assert_false (gtk_widget_is_sensitive (tools));
  panel = lk_test_find_type (workspace, LK_TYPE_ENHANCE_PANEL);
  g_assert_nonnull (panel);
  g_assert_false (gtk_widget_is_sensitive (panel));

  g_assert_false (remove_selected_enabled (f));

  /* Ctrl+Z, Delete on the selected marker and the alignment do nothing now. */
  gtk_widget_activate_action (workspace, "workspace.undo-annotation", NULL);
  click_image_point (f, "probe", 250, 300);
  press_delete (f);
  gtk_widget_activate_action (workspace, "workspace.align", NULL);
  g_assert_cmpuint (n_annotations (f, id), ==, 1);
  exam = lk_examinations_get (f->examiner, id, NULL);
  g_assert_true (json_object_get_null_member (exam, "alignment"));

  /* Another candidate's examination, not signed, keeps its tools. */
  open_workspace (f, 1);
  g_assert_true (gtk_widget_is_sensitive (lk_test_find (GTK_WIDGET (f->workspace),
                                                        GTK_TYPE_BUTTON, "Align by Eyes")));
  g_assert_true (gtk_widget_is_sensitive (lk_test_find_type (GTK_WIDGET (f->workspace),
                                                             LK_TYPE_ENHANCE_PANEL)));
}

/* The Delete key removes the selected annotation and only it: a soft delete, recorded in the
 * audit trail. With nothing selected it removes nothing. */
static void
test_delete_selected_annotation (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 exam = lk_examinations_open (f->examiner, f->candidates[0], &error);
  gint64 chosen, other;
  LkCompareView *compare;
  guint n = 0;

  g_assert_no_error (error);
  /* Both on the probe, so that each is its own pair and a click selects one alone. */
  chosen = add_marker (f, exam, "probe", 250, 300, NULL);
  other = add_marker (f, exam, "probe", 150, 120, NULL);
  open_workspace (f, 0);
  compare = lk_workspace_get_compare_view (f->workspace);
  /* Nothing selected yet: nothing to remove. */
  g_assert_false (remove_selected_enabled (f));
  g_assert_true (lk_test_wait (laid_out, f->workspace, 5000));

  press_delete (f);
  g_assert_true (has_annotation (f, exam, chosen));
  g_assert_true (has_annotation (f, exam, other));
  g_assert_cmpint (count_deletions (f, chosen) + count_deletions (f, other), ==, 0);

  click_image_point (f, "probe", 250, 300);
  g_assert_true (is_selected (compare, chosen));
  g_assert_false (is_selected (compare, other));
  g_assert_true (remove_selected_enabled (f));
  press_delete (f);
  g_assert_false (has_annotation (f, exam, chosen));
  g_assert_true (has_annotation (f, exam, other));
  g_assert_cmpint (count_deletions (f, chosen), ==, 1);
  g_assert_cmpint (count_deletions (f, other), ==, 0);
  lk_compare_view_get_selected (compare, &n);
  g_assert_cmpuint (n, ==, 0);

  /* The selection went with it: a second press removes nothing more. */
  press_delete (f);
  g_assert_true (has_annotation (f, exam, other));
  g_assert_cmpint (count_deletions (f, other), ==, 0);
}

/* Keyboard entry on a focused characteristic: S sets the result, I and C the significance, and
 * the core stores them; once the panel is locked the keys change nothing. */
static void
test_feature_keys (Fixture       *f,
                   gconstpointer  data)
{
  LkFeaturePanel *panel;
  GtkWidget *row;
  gint64 exam;

  open_workspace (f, 0);
  exam = lk_workspace_get_examination (f->workspace);
  panel = LK_FEATURE_PANEL (lk_test_find_type (GTK_WIDGET (f->workspace), LK_TYPE_FEATURE_PANEL));
  lk_feature_panel_show (panel, "nose.bridge");
  g_assert_cmpstr (lk_feature_panel_get_current (panel), ==, "nose.bridge");
  /* The characteristic's name in the feature list. */
  row = lk_test_find (GTK_WIDGET (panel), ADW_TYPE_EXPANDER_ROW, "Bridge profile");
  g_assert_nonnull (row);

  g_assert_true (press_row_key (row, GDK_KEY_s));
  g_assert_true (press_row_key (row, GDK_KEY_i));
  assert_observed (f, exam, "nose.bridge", "result", "similar");
  assert_observed (f, exam, "nose.bridge", "significance", "individualising");

  /* Shift makes no difference; the result stays. */
  g_assert_true (press_row_key (row, GDK_KEY_C));
  assert_observed (f, exam, "nose.bridge", "result", "similar");
  assert_observed (f, exam, "nose.bridge", "significance", "class");

  lk_feature_panel_set_locked (panel, TRUE);
  g_assert_false (press_row_key (row, GDK_KEY_d));
  g_assert_false (press_row_key (row, GDK_KEY_i));
  assert_observed (f, exam, "nose.bridge", "result", "similar");
  assert_observed (f, exam, "nose.bridge", "significance", "class");
}

int
main (int    argc,
      char **argv)
{
  /* The test backend keeps the accessible names where the refusal's icon is checked. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  lk_test_ui_init (&argc, &argv);
  ADD ("features-and-sign", test_features_and_sign);
  ADD ("evaluate-refused-cap", test_evaluate_refused_cap);
  ADD ("signed-freezes-charting", test_signed_freezes_charting);
  ADD ("delete-selected-annotation", test_delete_selected_annotation);
  ADD ("feature-keys", test_feature_keys);
  return g_test_run ();
}
