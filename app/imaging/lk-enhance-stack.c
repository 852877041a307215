/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Enhancement stacks as JSON: the closed list of operations and their parameters (with the
 * labels an examiner reads), reading and checking a stack and checking single values (with the
 * messages an examiner sees), and writing a step back as JSON. What passes is handed to
 * lk-cv-enhance.cpp as plain LkEnhanceSteps, so the OpenCV side never reads JSON and this side
 * never touches pixels; lk-enhancement.c presents the same definitions as objects. */
#include "config.h"

#include <math.h>

#include "lk-enhance-stack.h"
#include "lk-error.h"
#include "examination/lk-stack-diff.h"
#include "imaging/lk-cv.h"

enum
{
  PARAM_NUMBER,
  PARAM_INTEGER,
  PARAM_CHOICE,
};

typedef LkEnhanceParamSpec ParamSpec;
typedef LkEnhanceOpSpec OpSpec;

static const char *const denoise_methods[] = { "bilateral", "median", NULL };
static const char *const channel_names[] = { "red", "green", "blue", NULL };

/* In the order of LkEnhanceOp, each with its parameters in the order of LkEnhanceStep; the
 * labels are what an examiner reads. */
static const OpSpec op_specs[] = {
  { "brightness", "Brightness", LK_ENHANCE_BRIGHTNESS, 1,
    { { "amount", "Amount", PARAM_NUMBER, -100, 100, 0, NULL } } },
  { "contrast", "Contrast", LK_ENHANCE_CONTRAST, 1,
    { { "amount", "Amount", PARAM_NUMBER, -100, 100, 0, NULL } } },
  { "gamma", "Gamma", LK_ENHANCE_GAMMA, 1,
    { { "gamma", "Gamma", PARAM_NUMBER, 0.1, 5, 1, NULL } } },
  { "levels", "Levels", LK_ENHANCE_LEVELS, 3,
    { { "black", "Black point", PARAM_INTEGER, 0, 254, 0, NULL },
      { "white", "White point", PARAM_INTEGER, 1, 255, 255, NULL },
      { "gamma", "Gamma", PARAM_NUMBER, 0.1, 5, 1, NULL } } },
  { "equalize", "Histogram Equalisation", LK_ENHANCE_EQUALIZE, 0 },
  { "clahe", "CLAHE", LK_ENHANCE_CLAHE, 2,
    { { "clip", "Clip limit", PARAM_NUMBER, 0.5, 10, 2, NULL },
      { "tiles", "Tiles per side", PARAM_INTEGER, 2, 16, 8, NULL } } },
  { "unsharp", "Unsharp Mask", LK_ENHANCE_UNSHARP, 3,
    { { "radius", "Radius", PARAM_NUMBER, 0.5, 10, 2, NULL },
      { "amount", "Amount", PARAM_NUMBER, 0, 5, 1, NULL },
      { "threshold", "Threshold", PARAM_NUMBER, 0, 255, 0, NULL } } },
  { "denoise", "Denoise", LK_ENHANCE_DENOISE, 2,
    { { "method", "Method", PARAM_CHOICE, 0, 0, 0, denoise_methods },
      { "strength", "Strength", PARAM_INTEGER, 1, 10, 3, NULL } } },
  { "greyscale", "Greyscale", LK_ENHANCE_GREYSCALE, 0 },
  { "invert", "Invert", LK_ENHANCE_INVERT, 0 },
  { "channel", "Single Channel", LK_ENHANCE_CHANNEL, 1,
    { { "channel", "Channel", PARAM_CHOICE, 0, 0, 0, channel_names } } },
};

G_STATIC_ASSERT (G_N_ELEMENTS (op_specs) == LK_ENHANCE_N_OPS);

const LkEnhanceOpSpec *
lk_enhance_op_spec (LkEnhanceOp op)
{
  return (guint) op < G_N_ELEMENTS (op_specs) ? &op_specs[op] : NULL;
}

const LkEnhanceOpSpec *
lk_enhance_find_op (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (op_specs); i++)
    if (g_strcmp0 (op_specs[i].name, name) == 0)
      return &op_specs[i];
  return NULL;
}

static char *
op_names (void)
{
  GString *names = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (op_specs); i++)
    g_string_append_printf (names, "%s%s", i == 0 ? "" : ", ", op_specs[i].name);
  return g_string_free (names, FALSE);
}

static const ParamSpec *
find_param (const OpSpec *spec,
            const char   *name)
{
  for (int i = 0; i < spec->n_params; i++)
    if (g_str_equal (spec->params[i].name, name))
      return &spec->params[i];
  return NULL;
}

static void G_GNUC_PRINTF (4, 5)
step_error (GError     **error,
            guint        index,
            const char  *op,
            const char  *format,
            ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (op != NULL)
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Enhancement step %u (%s): %s",
                 index + 1, op, message);
  else
    g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "Enhancement step %u: %s", index + 1,
                 message);
}

/* What a parameter accepts, for messages: "a number from 0.5 to 10", "“red”, “green” or
 * “blue”". */
static char *
range_text (const ParamSpec *p)
{
  if (p->kind == PARAM_CHOICE)
    {
      GString *s = g_string_new (NULL);
      for (int i = 0; p->choices[i] != NULL; i++)
        g_string_append_printf (s, "%s“%s”",
                                i == 0 ? "" : p->choices[i + 1] == NULL ? " or " : ", ",
                                p->choices[i]);
      return g_string_free (s, FALSE);
    }
  return g_strdup_printf ("%s from %g to %g",
                          p->kind == PARAM_INTEGER ? "a whole number" : "a number", p->min,
                          p->max);
}

static int
choice_index (const ParamSpec *p,
              JsonNode        *node)
{
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return -1;
  for (int i = 0; p->choices[i] != NULL; i++)
    if (g_str_equal (p->choices[i], json_node_get_string (node)))
      return i;
  return -1;
}

static gboolean
number_in_range (const ParamSpec *p,
                 double           value)
{
  if (!isfinite (value) || value < p->min || value > p->max)
    return FALSE;
  return p->kind != PARAM_INTEGER || value == floor (value);
}

static gboolean
number_value (const ParamSpec *p,
              JsonNode        *node,
              double          *value)
{
  GType type = json_node_get_value_type (node);

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return number_in_range (p, *value);
}

/* A number as the user would write it (0.05, not 0.050000000000000003). */
static char *
number_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 6; digits <= 17; digits++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return g_strdup (buffer);
}

/* A number as number_text(); anything else as JSON. */
static char *
node_text (JsonNode *node)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    return number_text (json_node_get_double (node));
  return json_to_string (node, FALSE);
}

static void
value_error (const ParamSpec  *p,
             guint             index,
             const char       *op,
             const char       *text,
             GError          **error)
{
  g_autofree char *range = range_text (p);

  step_error (error, index, op, "“%s” must be %s, not %s", p->name, range, text);
}

gboolean
lk_enhance_check_value (const LkEnhanceStep  *step,
                        guint                 index,
                        int                   param,
                        double                value,
                        GError              **error)
{
  const OpSpec *spec = lk_enhance_op_spec (step->op);
  const ParamSpec *p = &spec->params[param];
  g_autofree char *text = NULL;

  g_return_val_if_fail (param >= 0 && param < spec->n_params, FALSE);

  if (p->kind == PARAM_CHOICE)
    {
      if (value >= 0 && value == floor (value) && value < g_strv_length ((char **) p->choices))
        return TRUE;
    }
  else if (number_in_range (p, value))
    return TRUE;
  text = number_text (value);
  value_error (p, index, spec->name, text, error);
  return FALSE;
}

gboolean
lk_enhance_check_step (const LkEnhanceStep  *step,
                       guint                 index,
                       GError              **error)
{
  if (step->op == LK_ENHANCE_LEVELS && step->params[0] >= step->params[1])
    {
      step_error (error, index, "levels", "“black” (%g) must be below “white” (%g)",
                  step->params[0], step->params[1]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_param (const ParamSpec *p,
            JsonObject      *o,
            guint            index,
            const char      *op,
            double          *value,
            GError         **error)
{
  JsonNode *node = json_object_get_member (o, p->name);
  g_autofree char *range = NULL;
  g_autofree char *text = NULL;

  if (node == NULL)
    {
      range = range_text (p);
      step_error (error, index, op, "the parameter “%s” is missing (%s)", p->name, range);
      return FALSE;
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (p->kind == PARAM_CHOICE)
        {
          int i = choice_index (p, node);
          *value = i;
          if (i >= 0)
            return TRUE;
        }
      else if (number_value (p, node, value))
        return TRUE;
    }
  text = node_text (node);
  value_error (p, index, op, text, error);
  return FALSE;
}

static gboolean
check_members (const OpSpec  *spec,
               JsonObject    *o,
               guint          index,
               GError       **error)
{
  g_autoptr(GList) names = json_object_get_members (o);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      if (g_str_equal (name, "op") || find_param (spec, name) != NULL)
        continue;
      if (spec->n_params == 0)
        step_error (error, index, spec->name, "“%s” is not a parameter; %s takes none", name,
                    spec->name);
      else
        step_error (error, index, spec->name, "“%s” is not one of its parameters", name);
      return FALSE;
    }
  return TRUE;
}

static const OpSpec *
read_op (JsonNode  *node,
         guint      index,
         GError   **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *op = o != NULL ? json_object_get_member (o, "op") : NULL;
  const OpSpec *spec;

  if (op == NULL || !JSON_NODE_HOLDS_VALUE (op) ||
      json_node_get_value_type (op) != G_TYPE_STRING)
    {
      step_error (error, index, NULL, "a step is an object with an operation name in “op”");
      return NULL;
    }
  spec = lk_enhance_find_op (json_node_get_string (op));
  if (spec == NULL)
    {
      g_autofree char *names = op_names ();
      step_error (error, index, NULL,
                  "“%s” is not an enhancement Likeness offers (%s); painting, cloning and "
                  "generative operations are excluded by design", json_node_get_string (op),
                  names);
    }
  return spec;
}

static gboolean
read_step (JsonNode       *node,
           guint           index,
           LkEnhanceStep  *step,
           GError        **error)
{
  const OpSpec *spec = read_op (node, index, error);
  JsonObject *o;

  if (spec == NULL)
    return FALSE;
  o = json_node_get_object (node);
  step->op = spec->op;
  for (int i = 0; i < spec->n_params; i++)
    if (!read_param (&spec->params[i], o, index, spec->name, &step->params[i], error))
      return FALSE;
  if (!check_members (spec, o, index, error))
    return FALSE;
  return lk_enhance_check_step (step, index, error);
}

gboolean
lk_enhance_stack_read (JsonArray       *json,
                       LkEnhanceStack  *stack,
                       GError         **error)
{
  guint n = json_array_get_length (json);

  *stack = (LkEnhanceStack) { 0 };
  if (n > LK_ENHANCEMENT_MAX_STEPS)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "An enhancement stack has at most %d steps, not %u", LK_ENHANCEMENT_MAX_STEPS,
                   n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!read_step (json_array_get_element (json, i), i, &stack->steps[i], error))
      return FALSE;
  stack->n_steps = n;
  return TRUE;
}

gboolean
lk_cv_enhancement_validate (JsonArray  *stack,
                            GError    **error)
{
  LkEnhanceStack steps;

  g_return_val_if_fail (stack != NULL, FALSE);

  return lk_enhance_stack_read (stack, &steps, error);
}

/* ---- writing ------------------------------------------------------------------------------ */

static JsonNode *
value_node (const ParamSpec *p,
            double           value)
{
  JsonNode *node = json_node_alloc ();

  if (p->kind == PARAM_CHOICE)
    return json_node_init_string (node, p->choices[(int) value]);
  if (p->kind == PARAM_INTEGER)
    return json_node_init_int (node, (gint64) value);
  return json_node_init_double (node, value);
}

JsonObject *
lk_enhance_step_to_json (const LkEnhanceStep *step)
{
  const OpSpec *spec = lk_enhance_op_spec (step->op);
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "op", spec->name);
  for (int i = 0; i < spec->n_params; i++)
    json_object_set_member (o, spec->params[i].name, value_node (&spec->params[i],
                                                                 step->params[i]));
  return o;
}
