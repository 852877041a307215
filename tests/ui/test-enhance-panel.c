/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The enhancement panel: steps added, changed, moved and removed through its actions and
 * widgets, one "stack-changed" per change with the whole new stack, numbers debounced, an
 * invalid stack shown but never emitted, and every button named for assistive technologies. */
#include "config.h"

#include <math.h>

#include "lk-enhance-panel.h"
#include "lk-test-ui.h"
#include "imaging/lk-cv.h"

typedef struct
{
  GtkWidget      *window;
  LkEnhancePanel *panel;
  GPtrArray      *emitted;
} Fixture;

static void
on_stack_changed (LkEnhancePanel *panel,
                  LkEnhancementStack *stack,
                  Fixture        *f)
{
  g_ptr_array_add (f->emitted, g_object_ref (stack));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->emitted = g_ptr_array_new_with_free_func (g_object_unref);
  f->panel = LK_ENHANCE_PANEL (lk_enhance_panel_new ());
  g_signal_connect (f->panel, "stack-changed", G_CALLBACK (on_stack_changed), f);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 800);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->panel));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (f->window, f->panel, NULL);
  g_ptr_array_unref (f->emitted);
}

/* ---- helpers ------------------------------------------------------------------------------ */

static JsonArray *
parse_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_ref (json_node_get_array (node));
}

static LkEnhancementStack *
parse_stack (const char *json)
{
  g_autoptr(JsonArray) array = parse_json (json);
  g_autoptr(GError) error = NULL;
  LkEnhancementStack *stack = lk_enhancement_stack_new_from_json (array, &error);

  g_assert_no_error (error);
  return stack;
}

/* Same operations in the same order with the same parameters; 2 and 2.0 are the same. */
static void
assert_stack (LkEnhancementStack *stack,
              const char         *expected_json)
{
  g_autoptr(JsonArray) expected = parse_json (expected_json);
  g_autoptr(JsonArray) actual = lk_enhancement_stack_to_json (stack);

  g_assert_cmpuint (json_array_get_length (actual), ==, json_array_get_length (expected));
  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      JsonObject *want = json_array_get_object_element (expected, i);
      JsonObject *got = json_array_get_object_element (actual, i);
      g_autoptr(GList) names = json_object_get_members (want);

      g_assert_cmpuint (json_object_get_size (got), ==, json_object_get_size (want));
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *w = json_object_get_member (want, l->data);
          JsonNode *g = json_object_get_member (got, l->data);

          g_assert_nonnull (g);
          if (json_node_get_value_type (w) == G_TYPE_STRING)
            g_assert_cmpstr (json_node_get_string (g), ==, json_node_get_string (w));
          else
            g_assert_cmpfloat_with_epsilon (json_node_get_double (g), json_node_get_double (w),
                                            1e-9);
        }
    }
}

static void
assert_emitted (Fixture    *f,
                guint       count,
                const char *expected_json)
{
  g_assert_cmpuint (f->emitted->len, ==, count);
  assert_stack (g_ptr_array_index (f->emitted, count - 1), expected_json);
}

static GtkWidget *
step_list (Fixture *f)
{
  /* The group's own list comes before the lists inside its expander rows. */
  GtkWidget *list = lk_test_find_type (GTK_WIDGET (f->panel), GTK_TYPE_LIST_BOX);

  g_assert_nonnull (list);
  return list;
}

/* The titles of the visible rows of the list, in order, joined by commas. */
static char *
row_titles (Fixture *f)
{
  GString *titles = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (step_list (f)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) && gtk_widget_get_visible (row))
      g_string_append_printf (titles, "%s%s", titles->len > 0 ? "," : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (titles, FALSE);
}

static void
assert_titles (Fixture    *f,
               const char *expected)
{
  g_autofree char *titles = row_titles (f);

  g_assert_cmpstr (titles, ==, expected);
}

static const char *
row_subtitle (Fixture    *f,
              const char *title)
{
  GtkWidget *row = lk_test_find (GTK_WIDGET (f->panel), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  if (ADW_IS_EXPANDER_ROW (row))
    return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static GtkSpinButton *
find_spin (Fixture    *f,
           const char *row_title)
{
  GtkWidget *row = lk_test_find (GTK_WIDGET (f->panel), ADW_TYPE_ACTION_ROW, row_title);
  GtkWidget *spin;

  g_assert_nonnull (row);
  spin = lk_test_find_type (row, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  return GTK_SPIN_BUTTON (spin);
}

typedef struct
{
  Fixture *f;
  guint    count;
} Emitted;

static gboolean
emitted_reaches (gpointer data)
{
  Emitted *e = data;

  return e->f->emitted->len >= e->count;
}

static void
wait_for_emission (Fixture *f,
                   guint    count)
{
  Emitted e = { f, count };

  g_assert_true (lk_test_wait (emitted_reaches, &e, 5000));
}

static void
activate (Fixture    *f,
          const char *action,
          int         index)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), action, "i", index));
}

static GtkWidget *
reset_button (Fixture *f)
{
  GtkWidget *button = lk_test_find (GTK_WIDGET (f->panel), GTK_TYPE_BUTTON, "Remove All Steps");

  g_assert_nonnull (button);
  return button;
}

static void
add (Fixture    *f,
     const char *op)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "enhance.add", "s", op));
}

/* ---- tests -------------------------------------------------------------------------------- */

#define CLAHE "{\"op\": \"clahe\", \"clip\": 2, \"tiles\": 8}"
#define CLAHE_4 "{\"op\": \"clahe\", \"clip\": 4, \"tiles\": 8}"
#define UNSHARP "{\"op\": \"unsharp\", \"radius\": 2, \"amount\": 1, \"threshold\": 0}"

static void
test_edit_through_actions (Fixture       *f,
                           gconstpointer  data)
{
  assert_titles (f, "Original pixels, no enhancement");
  g_assert_false (gtk_widget_get_sensitive (reset_button (f)));

  add (f, "clahe");
  assert_emitted (f, 1, "[" CLAHE "]");
  add (f, "unsharp");
  assert_emitted (f, 2, "[" CLAHE ", " UNSHARP "]");
  assert_titles (f, "CLAHE,Unsharp Mask");
  g_assert_true (gtk_widget_get_sensitive (reset_button (f)));
  g_assert_cmpstr (row_subtitle (f, "CLAHE"), ==, "clip 2.0 · tiles 8");

  /* Two quick changes of a number make one emission, a debounce later. */
  gtk_spin_button_set_value (find_spin (f, "Clip limit"), 3.5);
  gtk_spin_button_set_value (find_spin (f, "Clip limit"), 4.0);
  g_assert_cmpuint (f->emitted->len, ==, 2);
  g_assert_cmpstr (row_subtitle (f, "CLAHE"), ==, "clip 4.0 · tiles 8");
  wait_for_emission (f, 3);
  assert_emitted (f, 3, "[" CLAHE_4 ", " UNSHARP "]");
  /* A second emission would be due a debounce after the first change, so before this. */
  lk_test_spin (LK_ENHANCE_PANEL_DEBOUNCE_MS + 100);
  g_assert_cmpuint (f->emitted->len, ==, 3);

  activate (f, "enhance.down", 0);
  assert_emitted (f, 4, "[" UNSHARP ", " CLAHE_4 "]");
  assert_titles (f, "Unsharp Mask,CLAHE");
  activate (f, "enhance.up", 1);
  assert_emitted (f, 5, "[" CLAHE_4 ", " UNSHARP "]");
  /* Out of range: nothing happens. */
  activate (f, "enhance.up", 0);
  activate (f, "enhance.down", 1);
  activate (f, "enhance.remove", 2);
  g_assert_cmpuint (f->emitted->len, ==, 5);

  activate (f, "enhance.remove", 0);
  assert_emitted (f, 6, "[" UNSHARP "]");
  assert_titles (f, "Unsharp Mask");

  lk_test_click (GTK_WIDGET (f->panel), "Remove All Steps");
  assert_emitted (f, 7, "[]");
  assert_titles (f, "Original pixels, no enhancement");
  g_assert_false (gtk_widget_get_sensitive (reset_button (f)));
  {
    g_autoptr(LkEnhancementStack) stack = lk_enhance_panel_dup_stack (f->panel);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stack)), ==, 0);
  }
}

static GtkWidget *
find_tooltip (GtkWidget  *root,
              const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button with @tooltip on the step row titled @title. */
static GtkWidget *
row_button (Fixture    *f,
            const char *title,
            const char *tooltip)
{
  GtkWidget *row = lk_test_find (GTK_WIDGET (f->panel), ADW_TYPE_PREFERENCES_ROW, title);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = find_tooltip (row, tooltip);
  g_assert_nonnull (button);
  return button;
}

static void
test_buttons_move_and_remove (Fixture       *f,
                              gconstpointer  data)
{
  add (f, "clahe");
  add (f, "unsharp");
  /* The first step cannot move up, the last not down. */
  g_assert_false (gtk_widget_get_sensitive (row_button (f, "CLAHE", "Move Up")));
  g_assert_false (gtk_widget_get_sensitive (row_button (f, "Unsharp Mask", "Move Down")));
  g_signal_emit_by_name (row_button (f, "CLAHE", "Move Down"), "clicked");
  assert_emitted (f, 3, "[" UNSHARP ", " CLAHE "]");
  g_assert_false (gtk_widget_get_sensitive (row_button (f, "Unsharp Mask", "Move Up")));
  g_assert_true (gtk_widget_get_sensitive (row_button (f, "Unsharp Mask", "Move Down")));
  g_signal_emit_by_name (row_button (f, "CLAHE", "Remove Step"), "clicked");
  assert_emitted (f, 4, "[" UNSHARP "]");
}

#define THREE_STEPS \
  "[{\"op\": \"levels\", \"black\": 10, \"white\": 240, \"gamma\": 1.2}," \
  " {\"op\": \"denoise\", \"method\": \"median\", \"strength\": 3}," \
  " {\"op\": \"greyscale\"}]"

static void
test_set_stack (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LkEnhancementStack) stack = parse_stack (THREE_STEPS);
  g_autoptr(LkEnhancementStack) shown = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *method;

  lk_enhance_panel_set_stack (f->panel, stack);
  g_assert_cmpuint (f->emitted->len, ==, 0);
  assert_titles (f, "Levels,Denoise,Greyscale");
  g_assert_cmpstr (row_subtitle (f, "Levels"), ==, "black 10 · white 240 · gamma 1.2");
  g_assert_cmpstr (row_subtitle (f, "Denoise"), ==, "median · strength 3");
  g_assert_cmpstr (row_subtitle (f, "Greyscale"), ==, "colour removed");
  g_assert_cmpfloat (gtk_spin_button_get_value (find_spin (f, "White point")), ==, 240);

  /* A copy: changing the caller's stack afterwards changes nothing shown. */
  g_assert_true (lk_enhancement_stack_set_value (stack, 0, 0, 99, &error));
  shown = lk_enhance_panel_dup_stack (f->panel);
  assert_stack (shown, THREE_STEPS);

  /* A choice is emitted at once. */
  method = lk_test_find (GTK_WIDGET (f->panel), ADW_TYPE_COMBO_ROW, "Method");
  g_assert_nonnull (method);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (method)), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (method), 0);
  g_assert_cmpuint (f->emitted->len, ==, 1);
  g_assert_cmpstr (row_subtitle (f, "Denoise"), ==, "bilateral · strength 3");
  g_assert_cmpstr (lk_enhancement_step_get_choice (
                     lk_enhancement_stack_get_step (g_ptr_array_index (f->emitted, 0), 1), 0),
                   ==, "bilateral");

  /* Handing back what was emitted keeps the rows. */
  method = lk_test_find (GTK_WIDGET (f->panel), ADW_TYPE_COMBO_ROW, "Method");
  lk_enhance_panel_set_stack (f->panel, g_ptr_array_index (f->emitted, 0));
  g_assert_true (method == lk_test_find (GTK_WIDGET (f->panel), ADW_TYPE_COMBO_ROW, "Method"));

  lk_enhance_panel_set_stack (f->panel, NULL);
  assert_titles (f, "Original pixels, no enhancement");
  g_assert_cmpuint (f->emitted->len, ==, 1);
}

static void
test_invalid_not_emitted (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LkEnhancementStack) stack = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *error_label;

  /* Each value in range, black above white: a stack the user may be half-way through. */
  stack = parse_stack ("[{\"op\": \"levels\", \"black\": 0, \"white\": 255, \"gamma\": 1}]");
  g_assert_true (lk_enhancement_stack_set_value (stack, 0, 0, 200, &error));
  g_assert_true (lk_enhancement_stack_set_value (stack, 0, 1, 100, &error));
  lk_enhance_panel_set_stack (f->panel, stack);
  error_label = lk_test_find (GTK_WIDGET (f->panel), GTK_TYPE_LABEL,
                              "Enhancement step 1 (levels): “black” (200) must be below "
                              "“white” (100)");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));

  /* Still invalid after the user's change: once the panel has checked it, the new error is
   * shown and nothing emitted. */
  gtk_spin_button_set_value (find_spin (f, "Black point"), 150);
  g_assert_true (lk_test_wait_shown (GTK_WIDGET (f->panel),
                                     "Enhancement step 1 (levels): “black” (150) must be below "
                                     "“white” (100)", LK_ENHANCE_PANEL_DEBOUNCE_MS + 5000));
  g_assert_cmpuint (f->emitted->len, ==, 0);

  gtk_spin_button_set_value (find_spin (f, "White point"), 250);
  wait_for_emission (f, 1);
  assert_emitted (f, 1, "[{\"op\": \"levels\", \"black\": 150, \"white\": 250, \"gamma\": 1}]");
  g_assert_false (gtk_widget_get_visible (error_label));
}

static void
test_at_most_max_steps (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LkEnhancementStack) stack = NULL;

  for (guint i = 0; i < LK_ENHANCEMENT_MAX_STEPS; i++)
    add (f, "invert");
  g_assert_cmpuint (f->emitted->len, ==, LK_ENHANCEMENT_MAX_STEPS);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (lk_test_find_type (GTK_WIDGET (f->panel),
                                                                           GTK_TYPE_MENU_BUTTON))));
  add (f, "invert");
  stack = lk_enhance_panel_dup_stack (f->panel);
  g_assert_cmpuint (lk_enhancement_stack_get_n_steps (stack), ==, LK_ENHANCEMENT_MAX_STEPS);
  g_assert_cmpuint (f->emitted->len, ==, LK_ENHANCEMENT_MAX_STEPS);
}

static void
test_stored_precision_shown (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LkEnhancementStack) stack =
    parse_stack ("[{\"op\": \"clahe\", \"clip\": 2.25, \"tiles\": 8}]");
  GtkSpinButton *clip;

  /* A value finer than the panel's usual steps is shown as it is, never rounded. */
  lk_enhance_panel_set_stack (f->panel, stack);
  g_assert_cmpstr (row_subtitle (f, "CLAHE"), ==, "clip 2.25 · tiles 8");
  clip = find_spin (f, "Clip limit");
  g_assert_cmpuint (gtk_spin_button_get_digits (clip), ==, 2);
  g_assert_cmpfloat (gtk_spin_button_get_value (clip), ==, 2.25);
}

static GtkWidget *
focus_widget (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static void
test_focus_follows_step (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LkEnhancementStack) stack = parse_stack ("[" CLAHE ", " UNSHARP "]");
  GtkWidget *button, *add_button;

  lk_enhance_panel_set_stack (f->panel, stack);
  /* The moved step keeps the focus; at the bottom Move Down is off, so Move Up has it. */
  button = row_button (f, "CLAHE", "Move Down");
  g_assert_true (gtk_widget_grab_focus (button));
  g_signal_emit_by_name (button, "clicked");
  assert_titles (f, "Unsharp Mask,CLAHE");
  g_assert_true (focus_widget (f) == row_button (f, "CLAHE", "Move Up"));

  /* After a removal the next step's Remove has it, after the last one Add Step. */
  button = row_button (f, "Unsharp Mask", "Remove Step");
  g_assert_true (gtk_widget_grab_focus (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (focus_widget (f) == row_button (f, "CLAHE", "Remove Step"));
  g_signal_emit_by_name (focus_widget (f), "clicked");
  add_button = lk_test_find_type (GTK_WIDGET (f->panel), GTK_TYPE_MENU_BUTTON);
  g_assert_true (focus_widget (f) == add_button ||
                 gtk_widget_is_ancestor (focus_widget (f), add_button));
  g_assert_cmpuint (f->emitted->len, ==, 3);
}

static gboolean
has_visible_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_visible_text (child))
      return TRUE;
  return FALSE;
}

/* Every button of ours says what it does: by its text, or by a tooltip and an accessible
 * label when it shows only an icon. The spin buttons' own +/- belong to GTK. */
static guint
check_buttons (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_SPIN_BUTTON (widget))
    {
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
      return 0;
    }
  if (GTK_IS_BUTTON (widget))
    {
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)), !=,
                       GTK_ACCESSIBLE_ROLE_NONE);
      if (!has_visible_text (widget))
        {
          g_assert_nonnull (gtk_widget_get_tooltip_text (widget));
          g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                           GTK_ACCESSIBLE_PROPERTY_LABEL));
        }
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_buttons (child);
  return n;
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LkEnhancementStack) stack =
    parse_stack ("[" CLAHE ", " UNSHARP ", {\"op\": \"invert\"}]");
  GtkWidget *up;
  g_autofree char *problem = NULL;

  lk_enhance_panel_set_stack (f->panel, stack);
  /* Add Step, Reset, and Move Up, Move Down and Remove on each of the three steps. */
  g_assert_cmpuint (check_buttons (GTK_WIDGET (f->panel)), >=, 2 + 3 * 3);

  up = row_button (f, "Unsharp Mask", "Move Up");
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (up),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                "Move Unsharp Mask step up");
  g_assert_null (problem);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (up), ==, "Move Up");
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->panel), ADW_TYPE_BUTTON_CONTENT, "Add Step"));
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_title (Fixture       *f,
            gconstpointer  data)
{
  guint notified = 0;

  g_signal_connect_swapped (f->panel, "notify::title", G_CALLBACK (count_notify), &notified);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->panel), GTK_TYPE_LABEL, "Enhancements"));
  g_object_set (f->panel, "title", "Probe", NULL);
  lk_enhance_panel_set_title (f->panel, "Probe");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (lk_enhance_panel_get_title (f->panel), ==, "Probe");
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->panel), GTK_TYPE_LABEL, "Probe Enhancements"));
}

int
main (int    argc,
      char **argv)
{
  /* GTK's test context keeps the accessible properties set, so that they can be checked; the
   * suite's GTK_A11Y=none drops them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  lk_test_ui_init (&argc, &argv);
  g_test_add ("/likeness/enhance-panel/edit-through-actions", Fixture, NULL, fixture_set_up,
              test_edit_through_actions, fixture_tear_down);
  g_test_add ("/likeness/enhance-panel/buttons-move-and-remove", Fixture, NULL, fixture_set_up,
              test_buttons_move_and_remove, fixture_tear_down);
  g_test_add ("/likeness/enhance-panel/set-stack", Fixture, NULL, fixture_set_up,
              test_set_stack, fixture_tear_down);
  g_test_add ("/likeness/enhance-panel/invalid-not-emitted", Fixture, NULL, fixture_set_up,
              test_invalid_not_emitted, fixture_tear_down);
  g_test_add ("/likeness/enhance-panel/at-most-max-steps", Fixture, NULL, fixture_set_up,
              test_at_most_max_steps, fixture_tear_down);
  g_test_add ("/likeness/enhance-panel/stored-precision-shown", Fixture, NULL, fixture_set_up,
              test_stored_precision_shown, fixture_tear_down);
  g_test_add ("/likeness/enhance-panel/focus-follows-step", Fixture, NULL, fixture_set_up,
              test_focus_follows_step, fixture_tear_down);
  g_test_add ("/likeness/enhance-panel/accessible", Fixture, NULL, fixture_set_up,
              test_accessible, fixture_tear_down);
  g_test_add ("/likeness/enhance-panel/title", Fixture, NULL, fixture_set_up, test_title,
              fixture_tear_down);
  return g_test_run ();
}
