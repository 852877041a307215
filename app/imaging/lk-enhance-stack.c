/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Enhancement stacks as JSON: the closed list of operations and their parameters, reading and
 * checking a stack (with the messages an examiner sees), the catalogue and default steps for
 * the user interface. What passes is handed to lk-cv-enhance.cpp as plain LkEnhanceSteps, so
 * the OpenCV side never reads JSON and this side never touches pixels. */
#include "config.h"

#include <math.h>

#include "lk-enhance-stack.h"
#include "lk-error.h"
#include "examination/lk-stack-diff.h"
#include "imaging/lk-cv.h"

typedef enum
{
  PARAM_NUMBER,
  PARAM_INTEGER,
  PARAM_CHOICE,
} ParamKind;

typedef struct
{
  const char        *name;
  ParamKind          kind;
  double             min;
  double             max;
  double             fallback;  /* the catalogue's default (a choice: its index) */
  const char *const *choices;   /* NULL-terminated, for PARAM_CHOICE */
} ParamSpec;

typedef struct
{
  const char  *name;
  LkEnhanceOp  op;
  int          n_params;
  ParamSpec    params[LK_ENHANCE_MAX_PARAMS];
} OpSpec;

static const char *const denoise_methods[] = { "bilateral", "median", NULL };
static const char *const channel_names[] = { "red", "green", "blue", NULL };

/* In the order of LkEnhanceOp, each with its parameters in the order of LkEnhanceStep. */
static const OpSpec op_specs[] = {
  { "brightness", LK_ENHANCE_BRIGHTNESS, 1, { { "amount", PARAM_NUMBER, -100, 100, 0, NULL } } },
  { "contrast", LK_ENHANCE_CONTRAST, 1, { { "amount", PARAM_NUMBER, -100, 100, 0, NULL } } },
  { "gamma", LK_ENHANCE_GAMMA, 1, { { "gamma", PARAM_NUMBER, 0.1, 5, 1, NULL } } },
  { "levels", LK_ENHANCE_LEVELS, 3, { { "black", PARAM_INTEGER, 0, 254, 0, NULL },
                                      { "white", PARAM_INTEGER, 1, 255, 255, NULL },
                                      { "gamma", PARAM_NUMBER, 0.1, 5, 1, NULL } } },
  { "equalize", LK_ENHANCE_EQUALIZE, 0 },
  { "clahe", LK_ENHANCE_CLAHE, 2, { { "clip", PARAM_NUMBER, 0.5, 10, 2, NULL },
                                    { "tiles", PARAM_INTEGER, 2, 16, 8, NULL } } },
  { "unsharp", LK_ENHANCE_UNSHARP, 3, { { "radius", PARAM_NUMBER, 0.5, 10, 2, NULL },
                                        { "amount", PARAM_NUMBER, 0, 5, 1, NULL },
                                        { "threshold", PARAM_NUMBER, 0, 255, 0, NULL } } },
  { "denoise", LK_ENHANCE_DENOISE, 2, { { "method", PARAM_CHOICE, 0, 0, 0, denoise_methods },
                                        { "strength", PARAM_INTEGER, 1, 10, 3, NULL } } },
  { "greyscale", LK_ENHANCE_GREYSCALE, 0 },
  { "invert", LK_ENHANCE_INVERT, 0 },
  { "channel", LK_ENHANCE_CHANNEL, 1, { { "channel", PARAM_CHOICE, 0, 0, 0, channel_names } } },
};

static const OpSpec *
find_op (const char *name)
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
number_value (const ParamSpec *p,
              JsonNode        *node,
              double          *value)
{
  GType type = json_node_get_value_type (node);

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  if (!isfinite (*value) || *value < p->min || *value > p->max)
    return FALSE;
  return p->kind != PARAM_INTEGER || *value == floor (*value);
}

/* A number as the user would write it (0.05, not 0.050000000000000003); anything else as JSON. */
static char *
node_text (JsonNode *node)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      double value = json_node_get_double (node);
      for (int digits = 6; digits <= 17; digits++)
        {
          g_autofree char *format = g_strdup_printf ("%%.%dg", digits);
          g_ascii_formatd (buffer, sizeof buffer, format, value);
          if (g_ascii_strtod (buffer, NULL) == value)
            break;
        }
      return g_strdup (buffer);
    }
  return json_to_string (node, FALSE);
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
  range = range_text (p);
  text = node_text (node);
  step_error (error, index, op, "“%s” must be %s, not %s", p->name, range, text);
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
  spec = find_op (json_node_get_string (op));
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
  if (spec->op == LK_ENHANCE_LEVELS && step->params[0] >= step->params[1])
    {
      step_error (error, index, spec->name, "“black” (%g) must be below “white” (%g)",
                  step->params[0], step->params[1]);
      return FALSE;
    }
  return TRUE;
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

static gboolean
valid_pixels (const LkPixels *p)
{
  return p != NULL && p->pixels != NULL && p->width > 0 && p->height > 0 &&
         p->stride >= p->width * 4;
}

LkPixels *
lk_cv_enhance (const LkPixels  *in,
               JsonArray       *stack,
               GError         **error)
{
  LkEnhanceStack steps;

  g_return_val_if_fail (valid_pixels (in), NULL);
  g_return_val_if_fail (stack != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lk_enhance_stack_read (stack, &steps, error))
    return NULL;
  return lk_cv_enhance_stack (in, &steps, error);
}

/* ---- the catalogue ------------------------------------------------------------------------ */

static JsonNode *
default_node (const ParamSpec *p)
{
  JsonNode *node = json_node_alloc ();

  if (p->kind == PARAM_CHOICE)
    return json_node_init_string (node, p->choices[(int) p->fallback]);
  if (p->kind == PARAM_INTEGER)
    return json_node_init_int (node, (gint64) p->fallback);
  return json_node_init_double (node, p->fallback);
}

static JsonObject *
default_step (const OpSpec *spec)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "op", spec->name);
  for (int i = 0; i < spec->n_params; i++)
    json_object_set_member (o, spec->params[i].name, default_node (&spec->params[i]));
  return o;
}

JsonObject *
lk_cv_enhancement_default_step (const char *op)
{
  const OpSpec *spec = find_op (op);

  return spec != NULL ? default_step (spec) : NULL;
}

static JsonObject *
param_json (const ParamSpec *p)
{
  static const char *const kinds[] = { "number", "integer", "choice" };
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "name", p->name);
  json_object_set_string_member (o, "kind", kinds[p->kind]);
  if (p->kind == PARAM_CHOICE)
    {
      JsonArray *choices = json_array_new ();
      for (int i = 0; p->choices[i] != NULL; i++)
        json_array_add_string_element (choices, p->choices[i]);
      json_object_set_array_member (o, "choices", choices);
    }
  else
    {
      json_object_set_double_member (o, "min", p->min);
      json_object_set_double_member (o, "max", p->max);
    }
  json_object_set_member (o, "default", default_node (p));
  return o;
}

JsonArray *
lk_cv_enhancement_catalogue (void)
{
  JsonArray *ops = json_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (op_specs); i++)
    {
      const OpSpec *spec = &op_specs[i];
      JsonObject *o = json_object_new ();
      JsonArray *params = json_array_new ();
      for (int j = 0; j < spec->n_params; j++)
        json_array_add_object_element (params, param_json (&spec->params[j]));
      json_object_set_string_member (o, "op", spec->name);
      json_object_set_array_member (o, "params", params);
      json_array_add_object_element (ops, o);
    }
  return ops;
}
