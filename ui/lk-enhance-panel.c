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
  JsonArray           *catalogue;
  JsonArray           *stack;
  GPtrArray           *rows;        /* one per step, in order; the group owns them */
  guint                debounce_id;

  AdwPreferencesGroup *group;
  AdwActionRow        *empty_row;
  GtkMenuButton       *add_button;
  GtkLabel            *error_label;
};

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

enum {
  STACK_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LkEnhancePanel, lk_enhance_panel, ADW_TYPE_BIN)

/* What the catalogue does not say: shown names, the section of the Add menu, and what a step
 * without parameters does. The catalogue's own "label" wins where it has one. */
typedef struct
{
  const char *op;
  const char *label;
  guint       section;
  const char *summary;
} OpInfo;

static const OpInfo op_infos[] = {
  { "brightness", "Brightness", 0, NULL },
  { "contrast", "Contrast", 0, NULL },
  { "gamma", "Gamma", 0, NULL },
  { "levels", "Levels", 0, NULL },
  { "equalize", "Histogram Equalisation", 1, "luminance, whole image" },
  { "clahe", "CLAHE", 1, NULL },
  { "unsharp", "Unsharp Mask", 2, NULL },
  { "denoise", "Denoise", 2, NULL },
  { "greyscale", "Greyscale", 3, "colour removed" },
  { "invert", "Invert", 3, "light and dark swapped" },
  { "channel", "Single Channel", 3, NULL },
};

#define N_SECTIONS 4

static const struct
{
  const char *name;
  const char *label;
} param_labels[] = {
  { "amount", "Amount" }, { "gamma", "Gamma" }, { "black", "Black point" },
  { "white", "White point" }, { "clip", "Clip limit" }, { "tiles", "Tiles per side" },
  { "radius", "Radius" }, { "threshold", "Threshold" }, { "method", "Method" },
  { "strength", "Strength" }, { "channel", "Channel" },
};

/* A parameter widget's step and the catalogue entry of its parameter (owned by the panel's
 * catalogue, which outlives every row). */
typedef struct
{
  guint       index;
  JsonObject *param;
} ParamRef;

/* ---- JSON helpers ---------------------------------------------------------------------- */

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static gboolean
number_member (JsonObject *o,
               const char *name,
               double     *value)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                            : G_TYPE_INVALID;

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

static JsonArray *
array_member (JsonObject *o,
              const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
object_at (JsonArray *array,
           guint      index)
{
  JsonNode *node = array != NULL && index < json_array_get_length (array)
                   ? json_array_get_element (array, index) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
node_copy_deep (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (object, name, node_copy_deep (member));
      copy = json_node_init_object (json_node_alloc (), object);
      json_object_unref (object);
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *elements = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (elements, node_copy_deep (json_array_get_element (array, i)));
      copy = json_node_init_array (json_node_alloc (), elements);
      json_array_unref (elements);
      return copy;
    }
  return json_node_copy (node);
}

/* A deep copy: the panel edits its steps in place, and what it hands out must not change. */
static JsonArray *
stack_copy (JsonArray *stack)
{
  JsonArray *copy = json_array_sized_new (json_array_get_length (stack));

  for (guint i = 0; i < json_array_get_length (stack); i++)
    json_array_add_element (copy, node_copy_deep (json_array_get_element (stack, i)));
  return copy;
}

/* @stack with steps @a and @b swapped; the steps themselves are shared. */
static JsonArray *
stack_swap (JsonArray *stack,
            guint      a,
            guint      b)
{
  JsonArray *swapped = json_array_sized_new (json_array_get_length (stack));

  for (guint i = 0; i < json_array_get_length (stack); i++)
    {
      guint from = i == a ? b : i == b ? a : i;

      json_array_add_element (swapped, json_node_copy (json_array_get_element (stack, from)));
    }
  return swapped;
}

static gboolean
stacks_equal (JsonArray *a,
              JsonArray *b)
{
  g_autoptr(JsonNode) node_a = json_node_init_array (json_node_alloc (), a);
  g_autoptr(JsonNode) node_b = json_node_init_array (json_node_alloc (), b);

  return json_node_equal (node_a, node_b);
}

/* ---- the catalogue --------------------------------------------------------------------- */

static const OpInfo *
op_info (const char *op)
{
  for (guint i = 0; i < G_N_ELEMENTS (op_infos); i++)
    if (g_strcmp0 (op_infos[i].op, op) == 0)
      return &op_infos[i];
  return NULL;
}

static JsonObject *
find_op (LkEnhancePanel *self,
         const char     *op)
{
  for (guint i = 0; op != NULL && i < json_array_get_length (self->catalogue); i++)
    {
      JsonObject *entry = object_at (self->catalogue, i);

      if (g_strcmp0 (string_member (entry, "op"), op) == 0)
        return entry;
    }
  return NULL;
}

static const char *
op_label (JsonObject *entry,
          const char *op)
{
  const OpInfo *info = op_info (op);

  if (string_member (entry, "label") != NULL)
    return string_member (entry, "label");
  return info != NULL ? info->label : op != NULL ? op : "Unreadable step";
}

static const char *
param_name (JsonObject *param)
{
  return string_member (param, "name");
}

static const char *
param_label (JsonObject *param)
{
  const char *name = param_name (param);

  if (string_member (param, "label") != NULL)
    return string_member (param, "label");
  for (guint i = 0; i < G_N_ELEMENTS (param_labels); i++)
    if (g_strcmp0 (param_labels[i].name, name) == 0)
      return param_labels[i].label;
  return name;
}

static gboolean
param_is (JsonObject *param,
          const char *kind)
{
  return g_strcmp0 (string_member (param, "kind"), kind) == 0;
}

/* Whole numbers for integers and wide ranges (per cent, 0..255), tenths for narrow ones. */
static int
param_digits (JsonObject *param)
{
  double digits, min = 0, max = 0;

  if (number_member (param, "digits", &digits))
    return (int) digits;
  if (param_is (param, "integer"))
    return 0;
  number_member (param, "min", &min);
  number_member (param, "max", &max);
  return max - min > 10 ? 0 : 1;
}

/* At least the parameter's digits, more when a stored value has them: a value is never shown
 * rounded. */
static int
value_digits (JsonObject *param,
              double      value)
{
  int digits = param_digits (param);

  for (; digits < 6; digits++)
    {
      double scale = pow (10, digits);

      if (fabs (round (value * scale) / scale - value) < 1e-9)
        break;
    }
  return digits;
}

static double
param_step (JsonObject *param)
{
  double step;

  if (number_member (param, "step", &step) && step > 0)
    return step;
  return pow (10, -param_digits (param));
}

static double
step_number (JsonObject *step,
             JsonObject *param)
{
  double value = 0;

  if (!number_member (step, param_name (param), &value))
    number_member (param, "default", &value);
  return value;
}

static const char *
step_choice (JsonObject *step,
             JsonObject *param)
{
  const char *value = string_member (step, param_name (param));

  return value != NULL ? value : string_member (param, "default");
}

static guint
choice_index (JsonObject *param,
              const char *value)
{
  JsonArray *choices = array_member (param, "choices");

  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    if (g_strcmp0 (json_array_get_string_element (choices, i), value) == 0)
      return i;
  return 0;
}

/* "clip 2.0 · tiles 8", "bilateral · strength 3". */
static char *
step_summary (LkEnhancePanel *self,
              JsonObject     *step)
{
  const char *op = string_member (step, "op");
  JsonObject *entry = find_op (self, op);
  JsonArray *params = array_member (entry, "params");
  const OpInfo *info = op_info (op);
  GString *text = g_string_new (NULL);

  if (entry == NULL)
    g_string_append (text, "not an enhancement Likeness offers");
  for (guint i = 0; params != NULL && i < json_array_get_length (params); i++)
    {
      JsonObject *param = object_at (params, i);

      if (i > 0)
        g_string_append (text, " · ");
      if (param_is (param, "choice"))
        g_string_append (text, step_choice (step, param));
      else
        g_string_append_printf (text, "%s %.*f", param_name (param),
                                value_digits (param, step_number (step, param)),
                                step_number (step, param));
    }
  if (text->len == 0)
    g_string_append (text, info != NULL && info->summary != NULL ? info->summary
                                                                 : "no parameters");
  return g_string_free (text, FALSE);
}

/* ---- emitting ---------------------------------------------------------------------------- */

static void
commit (LkEnhancePanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) copy = NULL;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (!lk_cv_enhancement_validate (self->stack, &error))
    {
      lk_label_set_message (self->error_label, error->message);
      return;
    }
  lk_label_set_message (self->error_label, NULL);
  copy = stack_copy (self->stack);
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
  g_autofree char *summary = step_summary (self, object_at (self->stack, index));

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
  JsonObject *step = object_at (self->stack, ref->index);
  double scale = pow (10, gtk_spin_button_get_digits (spin));
  double value = round (gtk_spin_button_get_value (spin) * scale) / scale;

  if (param_is (ref->param, "integer"))
    json_object_set_int_member (step, param_name (ref->param), (gint64) value);
  else
    json_object_set_double_member (step, param_name (ref->param), value);
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
  JsonArray *choices = array_member (ref->param, "choices");
  guint selected = adw_combo_row_get_selected (row);

  if (choices == NULL || selected >= json_array_get_length (choices))
    return;
  json_object_set_string_member (object_at (self->stack, ref->index), param_name (ref->param),
                                 json_array_get_string_element (choices, selected));
  update_summary (self, ref->index);
  commit (self);
}

/* ---- rows -------------------------------------------------------------------------------- */

static void
set_param_ref (GtkWidget  *widget,
               guint       index,
               JsonObject *param)
{
  ParamRef *ref = g_new (ParamRef, 1);

  ref->index = index;
  ref->param = param;
  g_object_set_data_full (G_OBJECT (widget), "lk-param-ref", ref, g_free);
}

static GtkWidget *
number_row_new (LkEnhancePanel *self,
                const char     *label,
                JsonObject     *step,
                JsonObject     *param,
                guint           index)
{
  double min = 0, max = 0, increment = param_step (param), value = step_number (step, param);
  GtkAdjustment *adjustment;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin;
  g_autofree char *accessible = g_strdup_printf ("%s of the %s step", param_label (param),
                                                 label);

  number_member (param, "min", &min);
  number_member (param, "max", &max);
  adjustment = gtk_adjustment_new (value, min, max, increment, increment * 10, 0);
  spin = gtk_spin_button_new (adjustment, increment, value_digits (param, value));
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), param_label (param));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  set_param_ref (spin, index, param);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_number_changed), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
choice_row_new (LkEnhancePanel *self,
                JsonObject     *step,
                JsonObject     *param,
                guint           index)
{
  JsonArray *choices = array_member (param, "choices");
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    {
      g_autofree char *text = g_strdup (json_array_get_string_element (choices, i));

      text[0] = g_ascii_toupper (text[0]);
      gtk_string_list_append (model, text);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), param_label (param));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              choice_index (param, step_choice (step, param)));
  set_param_ref (row, index, param);
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
add_step_buttons (GtkWidget  *row,
                  const char *label,
                  guint       index,
                  guint       n_steps)
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
  JsonObject *step = object_at (self->stack, index);
  const char *op = string_member (step, "op");
  JsonObject *entry = find_op (self, op);
  JsonArray *params = array_member (entry, "params");
  const char *label = op_label (entry, op);
  guint n_params = params != NULL ? json_array_get_length (params) : 0;
  GtkWidget *row = n_params > 0 ? adw_expander_row_new () : adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  for (guint i = 0; i < n_params; i++)
    {
      JsonObject *param = object_at (params, i);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), param_is (param, "choice")
                                ? choice_row_new (self, step, param, index)
                                : number_row_new (self, label, step, param, index));
    }
  if (n_params > 0)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expanded);
  add_step_buttons (row, label, index, json_array_get_length (self->stack));
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
  guint n = json_array_get_length (self->stack);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
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
replace_stack (LkEnhancePanel *self,
               JsonArray      *stack)
{
  g_clear_pointer (&self->stack, json_array_unref);
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
  g_autoptr(JsonObject) step = NULL;
  g_autoptr(GArray) expanded = NULL;
  gboolean open = TRUE;

  step = lk_cv_enhancement_default_step (g_variant_get_string (parameter, NULL));
  if (step == NULL || json_array_get_length (self->stack) >= LK_ENHANCEMENT_MAX_STEPS)
    return;
  expanded = save_expanded (self);
  g_array_append_val (expanded, open);
  json_array_add_object_element (self->stack, g_steal_pointer (&step));
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

  if (index < 0 || (guint) index >= json_array_get_length (self->stack))
    return;
  expanded = save_expanded (self);
  g_array_remove_index (expanded, index);
  json_array_remove_element (self->stack, index);
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
  int n = (int) json_array_get_length (self->stack);
  gboolean focused = has_focus_within (self);
  g_autoptr(GArray) expanded = NULL;
  gboolean open;

  if (index < 0 || other < 0 || index >= n || other >= n)
    return;
  expanded = save_expanded (self);
  open = g_array_index (expanded, gboolean, index);
  g_array_index (expanded, gboolean, index) = g_array_index (expanded, gboolean, other);
  g_array_index (expanded, gboolean, other) = open;
  replace_stack (self, stack_swap (self->stack, index, other));
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

  if (json_array_get_length (self->stack) == 0)
    return;
  replace_stack (self, json_array_new ());
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

  g_return_if_fail (LK_IS_ENHANCE_PANEL (self));

  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  heading = title != NULL && *title != '\0' ? g_strdup_printf ("%s Enhancements", title)
                                            : g_strdup ("Enhancements");
  adw_preferences_group_set_title (self->group, heading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Keeps a step open where the same operation is shown at the same place. */
static GArray *
expanded_for (LkEnhancePanel *self,
              JsonArray      *stack)
{
  GArray *expanded = save_expanded (self);

  for (guint i = 0; i < expanded->len; i++)
    if (g_strcmp0 (string_member (object_at (self->stack, i), "op"),
                   string_member (object_at (stack, i), "op")) != 0)
      g_array_index (expanded, gboolean, i) = FALSE;
  return expanded;
}

void
lk_enhance_panel_set_stack (LkEnhancePanel *self,
                            JsonArray      *stack)
{
  g_autoptr(JsonArray) empty = NULL;
  g_autoptr(GArray) expanded = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LK_IS_ENHANCE_PANEL (self));

  if (stack == NULL)
    stack = empty = json_array_new ();
  /* The owner often hands back what the panel just emitted: keep the rows and the focus. */
  if (stacks_equal (stack, self->stack))
    return;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  expanded = expanded_for (self, stack);
  replace_stack (self, stack_copy (stack));
  rebuild (self, expanded);
  lk_cv_enhancement_validate (self->stack, &error);
  lk_label_set_message (self->error_label, error != NULL ? error->message : NULL);
}

JsonArray *
lk_enhance_panel_dup_stack (LkEnhancePanel *self)
{
  g_return_val_if_fail (LK_IS_ENHANCE_PANEL (self), NULL);
  return stack_copy (self->stack);
}

/* ---- object ------------------------------------------------------------------------------ */

static GMenuModel *
add_menu_new (LkEnhancePanel *self)
{
  GMenu *menu = g_menu_new ();
  GMenu *sections[N_SECTIONS];

  for (guint i = 0; i < N_SECTIONS; i++)
    sections[i] = g_menu_new ();
  for (guint i = 0; i < json_array_get_length (self->catalogue); i++)
    {
      JsonObject *entry = object_at (self->catalogue, i);
      const char *op = string_member (entry, "op");
      const OpInfo *info = op_info (op);
      g_autoptr(GMenuItem) item = g_menu_item_new (op_label (entry, op), NULL);

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
  g_clear_pointer (&self->stack, json_array_unref);
  g_clear_pointer (&self->catalogue, json_array_unref);
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

  signals[STACK_CHANGED] = g_signal_new ("stack-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, JSON_TYPE_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               LK_RESOURCE_PATH "/lk-enhance-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LkEnhancePanel, group);
  gtk_widget_class_bind_template_child (widget_class, LkEnhancePanel, empty_row);
  gtk_widget_class_bind_template_child (widget_class, LkEnhancePanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, LkEnhancePanel, error_label);

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
  self->catalogue = lk_cv_enhancement_catalogue ();
  self->stack = json_array_new ();
  self->rows = g_ptr_array_new ();
  menu = add_menu_new (self);
  gtk_menu_button_set_menu_model (self->add_button, menu);
  rebuild (self, NULL);
}
