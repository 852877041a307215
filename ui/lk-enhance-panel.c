/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The enhancement stack of one image: steps in order, each with its parameters. Every change
 * is checked by the core and handed on as a whole new stack, so that what is shown, stored,
 * audited and replayed is always one and the same list. */
#include "config.h"

#include <math.h>

#include "lk-enhance-panel.h"
#include "lk-ui-util.h"

struct _LkEnhancePanel
{
  AdwBin               parent_instance;

  char                *title;
  LkEnhancementStack  *stack;
  GPtrArray           *rows;        /* one per step, in order; the group owns them */
  guint                debounce_id;
  int                  before_step;  /* the image is shown as before this step; -1 after all */
  gboolean             setting_before;

  AdwPreferencesGroup *group;
  AdwActionRow        *empty_row;
  GtkMenuButton       *add_button;
  GtkLabel            *error_label;
  GtkWidget           *reset_button;
};

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

enum {
  STACK_CHANGED,
  BEFORE_STEP_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkEnhancePanel, lk_enhance_panel, ADW_TYPE_BIN)

/* What the catalogue does not say: the section of the Add menu, and what a step without
 * parameters does. */
typedef struct
{
  const char *op;
  guint       section;
  const char *summary;
} OpInfo;

static const OpInfo op_infos[] = {
  { "brightness", 0, NULL },
  { "contrast", 0, NULL },
  { "gamma", 0, NULL },
  { "levels", 0, NULL },
  { "equalize", 1, "luminance, whole image" },
  { "clahe", 1, NULL },
  { "unsharp", 2, NULL },
  { "denoise", 2, NULL },
  { "greyscale", 3, "colour removed" },
  { "invert", 3, "light and dark swapped" },
  { "channel", 3, NULL },
};

#define N_SECTIONS 4

/* A parameter widget's step and parameter, by position. */
typedef struct
{
  guint index;
  guint param;
} ParamRef;

/* ---- the catalogue --------------------------------------------------------------------- */

static const OpInfo *
op_info (const char *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (op_infos); i++)
    if (g_strcmp0 (op_infos[i].op, op) == 0)
      return &op_infos[i];
  return NULL;
}

/* At least the parameter's digits, more when a stored value has them: a value is never shown
 * rounded. */
static int
value_digits (LkEnhancementParam *param,
              double              value)
{
  int digits = (int) lk_enhancement_param_get_digits (param);

  for (; digits < 6; digits++)
    {
      double scale = pow (10, digits);

      if (fabs (round (value * scale) / scale - value) < 1e-9)
        break;
    }
  return digits;
}

static gboolean
param_is_choice (LkEnhancementParam *param)
{
  return lk_enhancement_param_get_kind (param) == LK_ENHANCEMENT_PARAM_CHOICE;
}

/* "clip 2.0 · tiles 8", "bilateral · strength 3". */
static char *
step_summary (LkEnhancementStep *step)
{
  LkEnhancementOperation *operation = lk_enhancement_step_get_operation (step);
  guint n_params = lk_enhancement_operation_get_n_params (operation);
  const OpInfo *info = op_info (lk_enhancement_step_get_id (step));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_params; i++)
    {
      LkEnhancementParam *param = lk_enhancement_operation_get_param (operation, i);
      double value = lk_enhancement_step_get_value (step, i);

      if (i > 0)
        g_string_append (text, " · ");
      if (param_is_choice (param))
        g_string_append (text, lk_enhancement_step_get_choice (step, i));
      else
        g_string_append_printf (text, "%s %.*f", lk_enhancement_param_get_name (param),
                                value_digits (param, value), value);
    }
  if (text->len == 0)
    g_string_append (text, info != NULL && info->summary != NULL ? info->summary
                                                                 : "no parameters");
  return g_string_free (text, FALSE);
}

static void set_before_step (LkEnhancePanel *self, int step);

/* ---- emitting ---------------------------------------------------------------------------- */

static void
commit (LkEnhancePanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkEnhancementStack) copy = NULL;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (!lk_enhancement_stack_validate (self->stack, &error))
    {
      lk_label_set_message (self->error_label, error->message);
      return;
    }
  lk_label_set_message (self->error_label, NULL);
  /* A changed stack is shown whole: what a step's toggle meant may be gone. */
  set_before_step (self, -1);
  copy = lk_enhancement_stack_copy (self->stack);
  g_signal_emit (self, signals[STACK_CHANGED], 0, copy);
}

static void
debounce_done (gpointer data)
{
  LkEnhancePanel *self = data;

  self->debounce_id = 0;
  commit (self);
}

static void
update_summary (LkEnhancePanel *self,
                guint           index)
{
  GtkWidget *row = g_ptr_array_index (self->rows, index);
  g_autofree char *summary =
    step_summary (lk_enhancement_stack_get_step (self->stack, index));

  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary);
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
}

static void
on_number_changed (LkEnhancePanel *self,
                   GtkSpinButton  *spin)
{
  ParamRef *ref = g_object_get_data (G_OBJECT (spin), "lk-param-ref");
  double scale = pow (10, gtk_spin_button_get_digits (spin));
  double value = round (gtk_spin_button_get_value (spin) * scale) / scale;
  g_autoptr(GError) error = NULL;

  /* The spin button keeps to the parameter's range; a refusal would be a bug shown plainly. */
  if (!lk_enhancement_stack_set_value (self->stack, ref->index, ref->param, value, &error))
    {
      lk_label_set_message (self->error_label, error->message);
      return;
    }
  update_summary (self, ref->index);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add_once (LK_ENHANCE_PANEL_DEBOUNCE_MS, debounce_done, self);
}

static void
on_choice_changed (LkEnhancePanel *self,
                   GParamSpec     *pspec,
                   AdwComboRow    *row)
{
  ParamRef *ref = g_object_get_data (G_OBJECT (row), "lk-param-ref");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  /* The drop-down offers only the parameter's choices; a refusal would be a bug shown plainly. */
  if (!lk_enhancement_stack_set_value (self->stack, ref->index, ref->param, selected, &error))
    {
      lk_label_set_message (self->error_label, error->message);
      return;
    }
  update_summary (self, ref->index);
  commit (self);
}

/* ---- before and after ------------------------------------------------------------------- */

/* Each step's toggle shows the image as it was before that step; one at a time. */
static void
set_before_step (LkEnhancePanel *self,
                 int             step)
{
  if (step == self->before_step)
    return;
  self->before_step = step;
  self->setting_before = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkToggleButton *toggle = g_object_get_data (g_ptr_array_index (self->rows, i),
                                                   "lk-before");

      gtk_toggle_button_set_active (toggle, (int) i == step);
    }
  self->setting_before = FALSE;
  g_signal_emit (self, signals[BEFORE_STEP_CHANGED], 0, step);
}

static void
on_before_toggled (LkEnhancePanel  *self,
                   GtkToggleButton *toggle)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toggle), "lk-index"));

  if (self->setting_before)
    return;
  if (gtk_toggle_button_get_active (toggle))
    set_before_step (self, index);
  else if (self->before_step == index)
    set_before_step (self, -1);
}

static GtkWidget *
before_button_new (LkEnhancePanel *self,
                   const char     *label,
                   guint           index)
{
  GtkWidget *toggle = gtk_toggle_button_new ();
  g_autofree char *accessible = g_strdup_printf ("Show the image before the %s step", label);

  gtk_button_set_icon_name (GTK_BUTTON (toggle), "view-conceal-symbolic");
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, "Before This Step");
  gtk_widget_add_css_class (toggle, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (toggle), "lk-index", GINT_TO_POINTER (index));
  g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_before_toggled), self,
                           G_CONNECT_SWAPPED);
  return toggle;
}

/* ---- rows -------------------------------------------------------------------------------- */

static void
set_param_ref (GtkWidget *widget,
               guint      index,
               guint      param)
{
  ParamRef *ref = g_new (ParamRef, 1);

  ref->index = index;
  ref->param = param;
  g_object_set_data_full (G_OBJECT (widget), "lk-param-ref", ref, g_free);
}

static GtkWidget *
number_row_new (LkEnhancePanel    *self,
                LkEnhancementStep *step,
                guint              param_index,
                guint              index)
{
  LkEnhancementParam *param =
    lk_enhancement_operation_get_param (lk_enhancement_step_get_operation (step), param_index);
  const char *label = lk_enhancement_step_get_label (step);
  double increment = lk_enhancement_param_get_increment (param);
  double value = lk_enhancement_step_get_value (step, param_index);
  GtkAdjustment *adjustment;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin;
  g_autofree char *accessible =
    g_strdup_printf ("%s of the %s step", lk_enhancement_param_get_label (param), label);

  adjustment = gtk_adjustment_new (value, lk_enhancement_param_get_minimum (param),
                                   lk_enhancement_param_get_maximum (param), increment,
                                   increment * 10, 0);
  spin = gtk_spin_button_new (adjustment, increment, value_digits (param, value));
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 lk_enhancement_param_get_label (param));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  set_param_ref (spin, index, param_index);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_number_changed), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
choice_row_new (LkEnhancePanel    *self,
                LkEnhancementStep *step,
                guint              param_index,
                guint              index)
{
  LkEnhancementParam *param =
    lk_enhancement_operation_get_param (lk_enhancement_step_get_operation (step), param_index);
  const char *const *choices = lk_enhancement_param_get_choices (param);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      g_autofree char *text = g_strdup (choices[i]);

      text[0] = g_ascii_toupper (text[0]);
      gtk_string_list_append (model, text);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 lk_enhancement_param_get_label (param));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              (guint) lk_enhancement_step_get_value (step, param_index));
  set_param_ref (row, index, param_index);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_choice_changed), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *tooltip,
                 const char *accessible,
                 const char *action,
                 guint       index,
                 gboolean    enabled)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  /* The first step cannot move up nor the last down; a button without its action keeps the
   * row's layout and cannot be re-enabled by the action helper. */
  if (enabled)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (gint32) index);
  if (enabled)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  else
    gtk_widget_set_sensitive (button, FALSE);
  return button;
}

static void
add_step_buttons (LkEnhancePanel *self,
                  GtkWidget      *row,
                  const char     *label,
                  guint           index,
                  guint           n_steps)
{
  g_autofree char *up = g_strdup_printf ("Move %s step up", label);
  g_autofree char *down = g_strdup_printf ("Move %s step down", label);
  g_autofree char *remove = g_strdup_printf ("Remove %s step", label);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons[] = {
    icon_button_new ("lk-move-up-symbolic", "Move Up", up, "enhance.up", index, index > 0),
    icon_button_new ("lk-move-down-symbolic", "Move Down", down, "enhance.down", index,
                     index + 1 < n_steps),
    icon_button_new ("user-trash-symbolic", "Remove Step", remove, "enhance.remove", index,
                     TRUE),
  };
  static const char *const keys[] = { "lk-up", "lk-down", "lk-remove" };
  GtkWidget *before = before_button_new (self, label, index);

  g_object_set_data (G_OBJECT (row), "lk-before", before);
  gtk_box_append (GTK_BOX (box), before);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_object_set_data (G_OBJECT (row), keys[i], buttons[i]);
      gtk_box_append (GTK_BOX (box), buttons[i]);
    }
  if (ADW_IS_EXPANDER_ROW (row))
    {
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), box);
      return;
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  /* Where an expander row has its arrow and the space before it, so that the buttons of all
   * steps line up. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_size_request (box, 22, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
}

/* An expander with one row per parameter; a plain row for a step without any. */
static GtkWidget *
step_row_new (LkEnhancePanel *self,
              guint           index,
              gboolean        expanded)
{
  LkEnhancementStep *step = lk_enhancement_stack_get_step (self->stack, index);
  LkEnhancementOperation *operation = lk_enhancement_step_get_operation (step);
  const char *label = lk_enhancement_step_get_label (step);
  guint n_params = lk_enhancement_operation_get_n_params (operation);
  GtkWidget *row = n_params > 0 ? adw_expander_row_new () : adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  for (guint i = 0; i < n_params; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              param_is_choice (lk_enhancement_operation_get_param (operation, i))
                              ? choice_row_new (self, step, i, index)
                              : number_row_new (self, step, i, index));
  if (n_params > 0)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expanded);
  add_step_buttons (self, row, label, index, lk_enhancement_stack_get_n_steps (self->stack));
  return row;
}

static GArray *
save_expanded (LkEnhancePanel *self)
{
  GArray *expanded = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), self->rows->len);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      gboolean open = ADW_IS_EXPANDER_ROW (row) &&
                      adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row));

      g_array_append_val (expanded, open);
    }
  return expanded;
}

static void
rebuild (LkEnhancePanel *self,
         GArray         *expanded)
{
  guint n = lk_enhancement_stack_get_n_steps (self->stack);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  /* New rows start with every step shown; commit() or set_stack() says so to the owner. */
  self->before_step = -1;
  for (guint i = 0; i < n; i++)
    {
      gboolean open = expanded != NULL && i < expanded->len &&
                      g_array_index (expanded, gboolean, i);
      GtkWidget *row = step_row_new (self, i, open);

      g_ptr_array_add (self->rows, row);
      update_summary (self, i);
      adw_preferences_group_add (self->group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), n == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "enhance.reset", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "enhance.add",
                                 n < LK_ENHANCEMENT_MAX_STEPS);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), n < LK_ENHANCEMENT_MAX_STEPS);
}

static void
replace_stack (LkEnhancePanel     *self,
               LkEnhancementStack *stack)
{
  g_clear_object (&self->stack);
  self->stack = stack;
}

/* ---- focus ------------------------------------------------------------------------------- */

/* Rebuilding destroys the button that had the focus; a keyboard user is put back on the step
 * that moved, or on its neighbour after a removal. */
static gboolean
has_focus_within (LkEnhancePanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
}

static void
refocus (LkEnhancePanel *self,
         guint           index,
         const char     *key,
         const char     *fallback_key)
{
  GtkWidget *row, *button;

  if (self->rows->len == 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
      return;
    }
  row = g_ptr_array_index (self->rows, MIN (index, self->rows->len - 1));
  button = g_object_get_data (G_OBJECT (row), key);
  if (!gtk_widget_get_sensitive (button))
    button = g_object_get_data (G_OBJECT (row), fallback_key);
  gtk_widget_grab_focus (button);
}

/* ---- actions ----------------------------------------------------------------------------- */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LkEnhancePanel *self = LK_ENHANCE_PANEL (widget);
  g_autoptr(LkEnhancementStep) step = NULL;
  g_autoptr(GArray) expanded = NULL;
  gboolean open = TRUE;

  step = lk_enhancement_step_new (g_variant_get_string (parameter, NULL));
  if (step == NULL || lk_enhancement_stack_get_n_steps (self->stack) >= LK_ENHANCEMENT_MAX_STEPS)
    return;
  expanded = save_expanded (self);
  g_array_append_val (expanded, open);
  lk_enhancement_stack_append (self->stack, step);
  rebuild (self, expanded);
  commit (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LkEnhancePanel *self = LK_ENHANCE_PANEL (widget);
  int index = g_variant_get_int32 (parameter);
  gboolean focused = has_focus_within (self);
  g_autoptr(GArray) expanded = NULL;

  if (index < 0 || (guint) index >= lk_enhancement_stack_get_n_steps (self->stack))
    return;
  expanded = save_expanded (self);
  g_array_remove_index (expanded, index);
  lk_enhancement_stack_remove (self->stack, index);
  rebuild (self, expanded);
  commit (self);
  if (focused)
    refocus (self, index, "lk-remove", "lk-remove");
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkEnhancePanel *self = LK_ENHANCE_PANEL (widget);
  gboolean up = g_str_equal (action_name, "enhance.up");
  int index = g_variant_get_int32 (parameter);
  int other = up ? index - 1 : index + 1;
  int n = (int) lk_enhancement_stack_get_n_steps (self->stack);
  gboolean focused = has_focus_within (self);
  g_autoptr(GArray) expanded = NULL;
  gboolean open;

  if (index < 0 || other < 0 || index >= n || other >= n)
    return;
  expanded = save_expanded (self);
  open = g_array_index (expanded, gboolean, index);
  g_array_index (expanded, gboolean, index) = g_array_index (expanded, gboolean, other);
  g_array_index (expanded, gboolean, other) = open;
  lk_enhancement_stack_swap (self->stack, index, other);
  rebuild (self, expanded);
  commit (self);
  if (focused)
    refocus (self, other, up ? "lk-up" : "lk-down", up ? "lk-down" : "lk-up");
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LkEnhancePanel *self = LK_ENHANCE_PANEL (widget);
  gboolean focused = has_focus_within (self);

  if (lk_enhancement_stack_get_n_steps (self->stack) == 0)
    return;
  lk_enhancement_stack_remove_all (self->stack);
  rebuild (self, NULL);
  commit (self);
  if (focused)
    refocus (self, 0, NULL, NULL);
}

/* ---- public ------------------------------------------------------------------------------ */

GtkWidget *
lk_enhance_panel_new (void)
{
  return g_object_new (LK_TYPE_ENHANCE_PANEL, NULL);
}

const char *
lk_enhance_panel_get_title (LkEnhancePanel *self)
{
  g_return_val_if_fail (LK_IS_ENHANCE_PANEL (self), NULL);
  return self->title;
}

void
lk_enhance_panel_set_title (LkEnhancePanel *self,
                            const char     *title)
{
  g_autofree char *heading = NULL;
  g_autofree char *lower = NULL;

  g_return_if_fail (LK_IS_ENHANCE_PANEL (self));

  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  heading = title != NULL && *title != '\0' ? g_strdup_printf ("%s Enhancements", title)
                                            : g_strdup ("Enhancements");
  adw_preferences_group_set_title (self->group, heading);
  g_free (heading);
  /* "probe", "image A": the first letter only, as inside a sentence */
  if (title != NULL && *title != '\0')
    {
      g_autofree char *first = g_utf8_strdown (title, g_utf8_next_char (title) - title);

      lower = g_strconcat (first, g_utf8_next_char (title), NULL);
    }
  heading = lower != NULL && *lower != '\0'
    ? g_strdup_printf ("Remove all steps of the %s enhancements", lower)
    : g_strdup ("Remove all enhancement steps");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reset_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  g_free (heading);
  heading = lower != NULL && *lower != '\0'
    ? g_strdup_printf ("Add a step to the %s enhancements", lower)
    : g_strdup ("Add an enhancement step");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_group_get_title (self->group), -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Keeps a step open where the same operation is shown at the same place. */
static GArray *
expanded_for (LkEnhancePanel     *self,
              LkEnhancementStack *stack)
{
  GArray *expanded = save_expanded (self);

  for (guint i = 0; i < expanded->len; i++)
    if (i >= lk_enhancement_stack_get_n_steps (stack) ||
        lk_enhancement_step_get_operation (lk_enhancement_stack_get_step (self->stack, i)) !=
        lk_enhancement_step_get_operation (lk_enhancement_stack_get_step (stack, i)))
      g_array_index (expanded, gboolean, i) = FALSE;
  return expanded;
}

void
lk_enhance_panel_set_stack (LkEnhancePanel     *self,
                            LkEnhancementStack *stack)
{
  g_autoptr(LkEnhancementStack) empty = NULL;
  g_autoptr(GArray) expanded = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LK_IS_ENHANCE_PANEL (self));
  g_return_if_fail (stack == NULL || LK_IS_ENHANCEMENT_STACK (stack));

  if (stack == NULL)
    stack = empty = lk_enhancement_stack_new ();
  /* The owner often hands back what the panel just emitted: keep the rows and the focus. */
  if (lk_enhancement_stack_equal (stack, self->stack))
    return;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  expanded = expanded_for (self, stack);
  replace_stack (self, lk_enhancement_stack_copy (stack));
  rebuild (self, expanded);
  lk_enhancement_stack_validate (self->stack, &error);
  lk_label_set_message (self->error_label, error != NULL ? error->message : NULL);
}

int
lk_enhance_panel_get_before_step (LkEnhancePanel *self)
{
  g_return_val_if_fail (LK_IS_ENHANCE_PANEL (self), -1);
  return self->before_step;
}

LkEnhancementStack *
lk_enhance_panel_dup_stack (LkEnhancePanel *self)
{
  g_return_val_if_fail (LK_IS_ENHANCE_PANEL (self), NULL);
  return lk_enhancement_stack_copy (self->stack);
}

/* ---- object ------------------------------------------------------------------------------ */

static GMenuModel *
add_menu_new (LkEnhancePanel *self)
{
  GListModel *catalogue = lk_enhancement_catalogue ();
  GMenu *menu = g_menu_new ();
  GMenu *sections[N_SECTIONS];

  for (guint i = 0; i < N_SECTIONS; i++)
    sections[i] = g_menu_new ();
  for (guint i = 0; i < g_list_model_get_n_items (catalogue); i++)
    {
      g_autoptr(LkEnhancementOperation) operation = g_list_model_get_item (catalogue, i);
      const char *op = lk_enhancement_operation_get_id (operation);
      const OpInfo *info = op_info (op);
      g_autoptr(GMenuItem) item =
        g_menu_item_new (lk_enhancement_operation_get_label (operation), NULL);

      g_menu_item_set_action_and_target (item, "enhance.add", "s", op);
      g_menu_append_item (sections[info != NULL ? info->section : N_SECTIONS - 1], item);
    }
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      g_menu_append_section (menu, NULL, G_MENU_MODEL (sections[i]));
      g_object_unref (sections[i]);
    }
  return G_MENU_MODEL (menu);
}

static void
lk_enhance_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkEnhancePanel *self = LK_ENHANCE_PANEL (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_enhance_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LkEnhancePanel *self = LK_ENHANCE_PANEL (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      lk_enhance_panel_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_enhance_panel_dispose (GObject *object)
{
  LkEnhancePanel *self = LK_ENHANCE_PANEL (object);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_ENHANCE_PANEL);
  G_OBJECT_CLASS (lk_enhance_panel_parent_class)->dispose (object);
}

static void
lk_enhance_panel_finalize (GObject *object)
{
  LkEnhancePanel *self = LK_ENHANCE_PANEL (object);

  g_free (self->title);
  g_clear_object (&self->stack);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (lk_enhance_panel_parent_class)->finalize (object);
}

static void
lk_enhance_panel_class_init (LkEnhancePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_enhance_panel_dispose;
  object_class->finalize = lk_enhance_panel_finalize;
  object_class->get_property = lk_enhance_panel_get_property;
  object_class->set_property = lk_enhance_panel_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BEFORE_STEP_CHANGED] = g_signal_new ("before-step-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_INT);
  signals[STACK_CHANGED] = g_signal_new ("stack-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, LK_TYPE_ENHANCEMENT_STACK);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-enhance-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LkEnhancePanel, group);
  gtk_widget_class_bind_template_child (widget_class, LkEnhancePanel, empty_row);
  gtk_widget_class_bind_template_child (widget_class, LkEnhancePanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, LkEnhancePanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, LkEnhancePanel, reset_button);

  gtk_widget_class_install_action (widget_class, "enhance.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "enhance.remove", "i", remove_action);
  gtk_widget_class_install_action (widget_class, "enhance.up", "i", move_action);
  gtk_widget_class_install_action (widget_class, "enhance.down", "i", move_action);
  gtk_widget_class_install_action (widget_class, "enhance.reset", NULL, reset_action);
}

static void
lk_enhance_panel_init (LkEnhancePanel *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->stack = lk_enhancement_stack_new ();
  self->rows = g_ptr_array_new ();
  self->before_step = -1;
  menu = add_menu_new (self);
  gtk_menu_button_set_menu_model (self->add_button, menu);
  rebuild (self, NULL);
}
