/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Accessible names of the log-in window, of every page of the main window (the Administration
 * sections and their tabs among them) and of the feature comparison panel, as a screen reader
 * user hears them. GTK 4.8 reads a button that has both a text and an accessible label as the
 * two run together ("Log In Log In"), and a widget without any name as its class
 * ("GtkListBox", "GtkToggleButton" for a stack switcher's tab, "GtkStackPage", "AdwBin"): the
 * walk fails on either, naming the widget. */
#include "config.h"

#include "lk-case-page.h"
#include "lk-feature-panel.h"
#include "lk-login-window.h"
#include "lk-test-ui.h"
#include "lk-training-dashboard.h"
#include "lk-training-exercise-dialog.h"
#include "lk-training-page.h"
#include "lk-window.h"
#include "demo/lk-demo.h"
#include "people/lk-session.h"

#define ADMIN_PASSWORD "amber lantern 41"

static gboolean
has_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* The text a button shows, when it shows one. */
static const char *
button_text (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_BUTTON (widget) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    return gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget))));
  if (GTK_IS_BUTTON (widget) && ADW_IS_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget))))
    return adw_button_content_get_label (
      ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget))));
  return NULL;
}

/* Containers of ours that GTK 4.8 reads by their class when they have no name. */
static gboolean
is_named_container (GtkWidget *widget)
{
  GType type = G_OBJECT_TYPE (widget);

  return type == ADW_TYPE_BIN || type == ADW_TYPE_LEAFLET || type == GTK_TYPE_PANED ||
         type == GTK_TYPE_FRAME || type == GTK_TYPE_STACK_SWITCHER;
}

/* The stacks inside a drop-down or a menu are GTK's own. */
static gboolean
is_exempt (GtkWidget *widget)
{
  return gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN) != NULL ||
         gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER_MENU) != NULL;
}

/* A stack's pages. */
static void
check_stack_pages (GtkWidget *widget,
                   GString   *found)
{
  g_autoptr(GListModel) pages = NULL;

  if (!GTK_IS_STACK (widget) || is_exempt (widget))
    return;
  pages = G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (widget)));
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (page),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_string_append_printf (found, "\n  class name: page %s of a stack in %s has no name",
                                gtk_stack_page_get_name (page),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
    }
}

/* Inside the feature panel, libadwaita's own lists too. */
static void
check_feature_part (GtkWidget *widget,
                    GString   *found)
{
  if (gtk_widget_get_ancestor (widget, LK_TYPE_FEATURE_PANEL) == NULL)
    return;
  /* a characteristic's fields, inside its expander row; the lists of choices */
  if (((GTK_IS_LIST_BOX (widget) &&
        gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW) != NULL) ||
       GTK_IS_LIST_VIEW (widget)) && !has_name (widget))
    g_string_append_printf (found, "\n  class name: %s in the feature panel has no name",
                            G_OBJECT_TYPE_NAME (widget));
}

static void
check (GtkWidget *widget,
       GString   *found)
{
  const char *text = button_text (widget);
  const char *type = G_OBJECT_TYPE_NAME (widget);

  gboolean tab = GTK_IS_BUTTON (widget) &&
                 gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) ==
                 GTK_ACCESSIBLE_ROLE_TAB;

  /* GTK 4.8 reads a menu button's outer button by its class unless it is named; its text is
   * the inner button's. */
  if (GTK_IS_MENU_BUTTON (widget) && !has_name (widget))
    g_string_append_printf (found, "\n  class name: the menu button “%s” has no name",
                            gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)));
  /* A button showing an icon and a text set only later (a back button before its page opens)
   * is read by its class until then. */
  if (GTK_IS_BUTTON (widget) &&
      ADW_IS_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget))) &&
      (text == NULL || *text == '\0') && !has_name (widget))
    g_string_append_printf (found, "\n  class name: a %s in %s in %s has neither text nor name",
                            type, G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                            G_OBJECT_TYPE_NAME (gtk_widget_get_parent (
                              gtk_widget_get_parent (widget))));
  /* A tab is not named by its text: it needs the label, and is not read twice with it. */
  if (tab && !has_name (widget))
    g_string_append_printf (found, "\n  class name: the tab “%s” has no name", text);
  if (!tab && text != NULL && *text != '\0' && gtk_test_accessible_has_property (
        GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    g_string_append_printf (found, "\n  doubled: %s “%s” has an accessible label as well", type,
                            text);
  /* Lists, and our own widgets: named by what they hold or by a label of their own. */
  if ((GTK_IS_LIST_BOX (widget) || g_str_has_prefix (type, "Lk")) && !GTK_IS_WINDOW (widget) &&
      !gtk_test_accessible_has_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_PRESENTATION) &&
      !GTK_IS_LIST_BOX_ROW (widget) && !has_name (widget) &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) != GTK_ACCESSIBLE_ROLE_BUTTON)
    g_string_append_printf (found, "\n  class name: %s in %s in %s has no name", type,
                            G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                            G_OBJECT_TYPE_NAME (gtk_widget_get_parent (
                              gtk_widget_get_parent (widget))));
  if (is_named_container (widget) && !has_name (widget) && !is_exempt (widget))
    g_string_append_printf (found, "\n  class name: %s in %s in %s has no name",
                            G_OBJECT_TYPE_NAME (widget),
                            G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                            G_OBJECT_TYPE_NAME (gtk_widget_get_parent (
                              gtk_widget_get_parent (widget))));
  check_stack_pages (widget, found);
  check_feature_part (widget, found);
  if (GTK_IS_DROP_DOWN (widget))
    for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_TOGGLE_BUTTON (c) && !has_name (c))
        g_string_append_printf (found, "\n  class name: the button of a drop-down has no name");
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    check (c, found);
}

static void
assert_names (GtkWidget *root)
{
  g_autoptr(GString) found = g_string_new (NULL);

  check (root, found);
  if (found->len > 0)
    g_error ("Accessible names a screen reader would read wrongly:%s", found->str);
}

static void
test_login (void)
{
  g_autofree char *folder = NULL;
  LkStore *store = lk_test_store_new (&folder, ADMIN_PASSWORD);
  LkLoginWindow *window = lk_login_window_new (NULL, store);

  gtk_window_present (GTK_WINDOW (window));
  lk_test_spin (100);
  assert_names (GTK_WIDGET (window));
  lk_test_destroy_window (window, NULL);
  lk_test_unref_finalized (store);
  lk_test_remove_folder (folder);
}

/* Every section an administrator and examiner sees, built at once in the window's stacks. */
static void
test_main_window (void)
{
  g_autofree char *folder = NULL;
  LkStore *store = lk_test_store_new (&folder, ADMIN_PASSWORD);
  g_autoptr(GError) error = NULL;
  LkSession *session = lk_session_login (store, "admin", ADMIN_PASSWORD, &error);
  LkWindow *window;

  g_assert_no_error (error);
  window = lk_window_new (NULL, session);
  gtk_window_present (GTK_WINDOW (window));
  lk_test_spin (200);
  assert_names (GTK_WIDGET (window));
  lk_test_destroy_window (window, NULL);
  g_clear_object (&session);
  lk_test_unref_finalized (store);
  lk_test_remove_folder (folder);
}

/* The demo workspace, where every page has something in it: the buttons built in code for
 * each record (Revoke, Change, Take, Candidates: mnemonic buttons GTK 4.8 would read twice),
 * the galleries' Enrol Images menu buttons, as an administrator, a reviewer and an examiner;
 * and a case page. */
static void
test_demo_pages (void)
{
  static const char * const users[] = { "demo-admin", "demo-reviewer", "demo-examiner" };
  g_autofree char *folder = g_dir_make_tmp ("likeness-names-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  LkStore *store = lk_demo_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(LkSession) session = lk_session_login (store, users[i], LK_DEMO_PASSWORD,
                                                       &error);
      LkWindow *window;

      g_assert_no_error (error);
      window = lk_window_new (NULL, session);
      gtk_window_present (GTK_WINDOW (window));
      lk_test_spin (200);
      g_test_message ("as %s", users[i]);
      assert_names (GTK_WIDGET (window));
      if (g_str_equal (users[i], "demo-examiner"))
        {
          GtkWidget *page = GTK_WIDGET (lk_case_page_new (session, "DEMO-2026-001"));
          GtkWidget *holder = adw_window_new ();

          /* where the window shows it: in a bin named "Case" */
          gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          "Case", -1);
          adw_window_set_content (ADW_WINDOW (holder), page);
          gtk_window_present (GTK_WINDOW (holder));
          lk_test_spin (200);
          assert_names (page);
          lk_test_destroy_window (holder, NULL);
        }
      lk_test_destroy_window (window, NULL);
    }
  lk_test_unref_finalized (store);
  lk_test_remove_folder (folder);
}

/* ---- the training views --------------------------------------------------------------------- */

/* Pictures and charts say what they show: an image, a picture or a drawing that is not part of
 * a button or a row's decoration (presentation) needs a name of its own. */
static void
check_pictures (GtkWidget *widget,
                GString   *found)
{
  gboolean drawn = GTK_IS_PICTURE (widget) || GTK_IS_DRAWING_AREA (widget) ||
                   (GTK_IS_IMAGE (widget) &&
                    gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON) == NULL &&
                    gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON) == NULL &&
                    /* libadwaita's own rows draw their edit, expand and pop-up arrows */
                    gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW) == NULL &&
                    !g_str_has_prefix (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                                       "Adw"));

  if (drawn && gtk_widget_get_visible (widget) &&
      !gtk_test_accessible_has_role (GTK_ACCESSIBLE (widget),
                                     GTK_ACCESSIBLE_ROLE_PRESENTATION) &&
      !has_name (widget))
    g_string_append_printf (found, "\n  unnamed picture: %s%s%s in %s in %s",
                            G_OBJECT_TYPE_NAME (widget),
                            GTK_IS_IMAGE (widget) ? " " : "",
                            GTK_IS_IMAGE (widget) && gtk_image_get_icon_name (GTK_IMAGE (widget))
                            ? gtk_image_get_icon_name (GTK_IMAGE (widget)) : "",
                            G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                            G_OBJECT_TYPE_NAME (gtk_widget_get_parent (
                              gtk_widget_get_parent (widget))));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    check_pictures (c, found);
}

static void
assert_training_names (GtkWidget  *root,
                       const char *what)
{
  g_autoptr(GString) found = g_string_new (NULL);

  check (root, found);
  check_pictures (root, found);
  if (found->len > 0)
    g_error ("Accessible names a screen reader would read wrongly in %s:%s", what, found->str);
}

static LkSession *
add_user (LkStore    *store,
          LkSession  *admin,
          const char *name,
          LkRoles     roles)
{
  g_autoptr(GError) error = NULL;
  LkSession *session;

  lk_users_add (admin, name, NULL, roles, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  session = lk_session_login (store, name, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  return session;
}

/* An exercise of two demo portraits, assigned to the trainee and answered in part. */
static gint64
training_exercise (LkSession *trainer,
                   LkSession *trainee)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) a = lk_data_file_lookup ("demo/grace_hopper.jpg", &error);
  g_autoptr(GBytes) b = lk_data_file_lookup ("demo/astronaut.png", &error);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(LkTrainingItem) first = NULL, opened = NULL;
  LkTrainingPair pairs[] = {
    { "pair-1", a, b, FALSE, "easy", "Two people" },
    { "pair-2", b, a, FALSE, "hard", NULL },
  };
  LkTrainingExerciseSpec spec = { "Portraits", "Compare each pair.", NULL, 600 };
  gint64 id;

  g_assert_no_error (error);
  id = lk_training_exercise_create (trainer, &spec, pairs, 2, &error);
  g_assert_no_error (error);
  g_assert_true (lk_training_assign (trainer, id, "tim", "2030-01-31", &error));
  g_assert_no_error (error);
  items = lk_training_items_list (trainee, id, NULL, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (items, 0);
  opened = lk_training_item_open (trainee, lk_training_item_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_true (lk_training_item_conclude (trainee, lk_training_item_get_id (first), -3, NULL,
                                            &error));
  g_assert_no_error (error);
  return id;
}

static GtkWidget *
window_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* A trainer's and a trainee's views of training (the Training page of the window, and the
 * windows it opens), each shown as they would use it: the list of
 * exercises, the dashboard with its charts, the New Exercise dialog with a pair, a trainee's
 * feature comparison read from the dashboard; the trainee's exercises, items and an item. */
static void
test_training_views (void)
{
  g_autofree char *folder = NULL;
  LkStore *store = lk_test_store_new (&folder, ADMIN_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) admin = lk_session_login (store, "admin", ADMIN_PASSWORD, &error);
  g_autoptr(LkSession) trainer = add_user (store, admin, "tara", LK_ROLE_TRAINER);
  g_autoptr(LkSession) trainee = add_user (store, admin, "tim", LK_ROLE_TRAINEE);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(LkTrainingItem) second = NULL;
  g_autoptr(GFile) a = g_file_new_for_path ("/nonexistent/a.jpg");
  g_autoptr(GFile) b = g_file_new_for_path ("/nonexistent/b.jpg");
  LkWindow *window;
  GtkWidget *page, *dialog, *features;
  gint64 exercise;

  g_assert_no_error (error);
  exercise = training_exercise (trainer, trainee);
  window = lk_window_new (NULL, trainer);
  gtk_window_present (GTK_WINDOW (window));
  lk_test_spin (200);
  page = lk_test_find_type (GTK_WIDGET (window), LK_TYPE_TRAINING_PAGE);
  g_assert_nonnull (page);
  assert_training_names (page, "the trainer's exercises");
  gtk_widget_activate_action (page, "training.open-exercise", "x", exercise);
  lk_test_spin (300);
  assert_training_names (page, "the dashboard");
  gtk_widget_activate_action (lk_training_page_get_dashboard (LK_TRAINING_PAGE (page)),
                              "dashboard.features", "(xs)",
                              lk_test_sql_int64 (store, "SELECT min (id) FROM training_items"),
                              "tim");
  features = window_titled ("Pair pair-1 by tim");
  g_assert_nonnull (features);
  lk_test_spin (100);
  assert_training_names (features, "a trainee's feature comparison");
  gtk_window_destroy (GTK_WINDOW (features));
  gtk_widget_activate_action (page, "training.new-exercise", NULL);
  dialog = lk_test_find_window (LK_TYPE_TRAINING_EXERCISE_DIALOG);
  g_assert_nonnull (dialog);
  lk_training_exercise_dialog_add_pair (LK_TRAINING_EXERCISE_DIALOG (dialog), a, b, TRUE,
                                        "hard");
  lk_test_spin (100);
  assert_training_names (dialog, "the New Exercise dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));
  lk_test_destroy_window (window, NULL);

  window = lk_window_new (NULL, trainee);
  gtk_window_present (GTK_WINDOW (window));
  lk_test_spin (200);
  page = lk_test_find_type (GTK_WIDGET (window), LK_TYPE_TRAINING_PAGE);
  assert_training_names (page, "the trainee's exercises");
  gtk_widget_activate_action (page, "training.open-exercise", "x", exercise);
  lk_test_spin (300);
  assert_training_names (page, "the trainee's items");
  items = lk_training_items_list (trainee, exercise, NULL, &error);
  g_assert_no_error (error);
  second = g_list_model_get_item (items, 1);
  gtk_widget_activate_action (page, "training.open-item", "x", lk_training_item_get_id (second));
  lk_test_spin (500);
  assert_training_names (page, "an item");
  lk_test_destroy_window (window, NULL);
  g_clear_object (&trainee);
  g_clear_object (&trainer);
  g_clear_object (&admin);
  lk_test_unref_finalized (store);
  lk_test_remove_folder (folder);
}

/* The feature comparison of an examination in the demo workspace, every characteristic's
 * row with its fields. */
static void
test_feature_panel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("likeness-names-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "demo.db", NULL);
  g_autoptr(LkExamination) examination = NULL;
  LkStore *store;
  LkSession *examiner;
  GtkWidget *window, *panel;
  gint64 id;

  g_assert_no_error (error);
  store = lk_demo_create (path, &error);
  g_assert_no_error (error);
  examiner = lk_session_login (store, "demo-examiner", "demo", &error);
  g_assert_no_error (error);
  id = lk_test_sql_int64 (store, "SELECT id FROM examinations ORDER BY id LIMIT 1");
  examination = lk_examinations_get_examination (examiner, id, &error);
  g_assert_no_error (error);
  panel = lk_feature_panel_new (examiner, id, lk_examination_get_feature_list (examination),
                                &error);
  g_assert_no_error (error);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));
  lk_test_spin (200);
  assert_names (window);
  lk_test_destroy_window (window, panel, NULL);
  g_clear_object (&examiner);
  lk_test_unref_finalized (store);
  lk_test_remove_folder (folder);
}

int
main (int   argc,
      char *argv[])
{
  /* The test backend keeps the accessible properties where the walk can check them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  lk_test_ui_init (&argc, &argv);
  g_test_add_func ("/likeness/accessible-names/login", test_login);
  g_test_add_func ("/likeness/accessible-names/main-window", test_main_window);
  g_test_add_func ("/likeness/accessible-names/demo-pages", test_demo_pages);
  g_test_add_func ("/likeness/accessible-names/training-views", test_training_views);
  g_test_add_func ("/likeness/accessible-names/feature-panel", test_feature_panel);
  return g_test_run ();
}
