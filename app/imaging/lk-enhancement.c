/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Enhancement stacks as objects. The catalogue is made once from the definitions of
 * lk-enhance-stack.c, so that there is a single list of operations, parameters and ranges. A
 * step holds the plain LkEnhanceStep that lk-cv-enhance.cpp applies, so applying a typed stack
 * reads no JSON; the JSON that examinations store is read and written by lk-enhance-stack.c,
 * which owns every rule and message. */
#include "config.h"

#include <math.h>

#include "lk-error.h"
#include "imaging/lk-enhance-stack.h"
#include "imaging/lk-enhancement.h"

/* ---- parameters ---------------------------------------------------------------------------- */

struct _LkEnhancementParam
{
  GObject                   parent_instance;
  const LkEnhanceParamSpec *spec;
};

enum {
  PARAM_PROP_0,
  PARAM_PROP_NAME,
  PARAM_PROP_LABEL,
  PARAM_PROP_KIND,
  PARAM_PROP_MINIMUM,
  PARAM_PROP_MAXIMUM,
  PARAM_PROP_DEFAULT_VALUE,
  PARAM_PROP_DIGITS,
  PARAM_PROP_INCREMENT,
  PARAM_PROP_CHOICES,
  PARAM_N_PROPS
};

static GParamSpec *param_properties[PARAM_N_PROPS];

G_DEFINE_FINAL_TYPE (LkEnhancementParam, lk_enhancement_param, G_TYPE_OBJECT)

const char *
lk_enhancement_param_get_name (LkEnhancementParam *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_PARAM (self), NULL);
  return self->spec->name;
}

const char *
lk_enhancement_param_get_label (LkEnhancementParam *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_PARAM (self), NULL);
  return self->spec->label;
}

LkEnhancementParamKind
lk_enhancement_param_get_kind (LkEnhancementParam *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_PARAM (self), LK_ENHANCEMENT_PARAM_NUMBER);
  return (LkEnhancementParamKind) self->spec->kind;
}

double
lk_enhancement_param_get_minimum (LkEnhancementParam *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_PARAM (self), 0);
  return self->spec->min;
}

/* A choice's range is that of its indices. */
double
lk_enhancement_param_get_maximum (LkEnhancementParam *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_PARAM (self), 0);
  if (self->spec->kind == LK_ENHANCEMENT_PARAM_CHOICE)
    return g_strv_length ((char **) self->spec->choices) - 1;
  return self->spec->max;
}

double
lk_enhancement_param_get_default_value (LkEnhancementParam *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_PARAM (self), 0);
  return self->spec->fallback;
}

/* Whole numbers for integers, choices and wide ranges (per cent, 0..255), tenths for narrow
 * ones. */
guint
lk_enhancement_param_get_digits (LkEnhancementParam *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_PARAM (self), 0);
  if (self->spec->kind != LK_ENHANCEMENT_PARAM_NUMBER)
    return 0;
  return self->spec->max - self->spec->min > 10 ? 0 : 1;
}

double
lk_enhancement_param_get_increment (LkEnhancementParam *self)
{
  return pow (10, -(double) lk_enhancement_param_get_digits (self));
}

const char *const *
lk_enhancement_param_get_choices (LkEnhancementParam *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_PARAM (self), NULL);
  return self->spec->choices;
}

static void
lk_enhancement_param_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LkEnhancementParam *self = LK_ENHANCEMENT_PARAM (object);

  switch (prop_id)
    {
    case PARAM_PROP_NAME:
      g_value_set_string (value, self->spec->name);
      break;
    case PARAM_PROP_LABEL:
      g_value_set_string (value, self->spec->label);
      break;
    case PARAM_PROP_KIND:
      g_value_set_uint (value, self->spec->kind);
      break;
    case PARAM_PROP_MINIMUM:
      g_value_set_double (value, lk_enhancement_param_get_minimum (self));
      break;
    case PARAM_PROP_MAXIMUM:
      g_value_set_double (value, lk_enhancement_param_get_maximum (self));
      break;
    case PARAM_PROP_DEFAULT_VALUE:
      g_value_set_double (value, self->spec->fallback);
      break;
    case PARAM_PROP_DIGITS:
      g_value_set_uint (value, lk_enhancement_param_get_digits (self));
      break;
    case PARAM_PROP_INCREMENT:
      g_value_set_double (value, lk_enhancement_param_get_increment (self));
      break;
    case PARAM_PROP_CHOICES:
      g_value_set_boxed (value, self->spec->choices);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_enhancement_param_class_init (LkEnhancementParamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = lk_enhancement_param_get_property;

  param_properties[PARAM_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  param_properties[PARAM_PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  param_properties[PARAM_PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, LK_ENHANCEMENT_PARAM_CHOICE, 0, flags);
  param_properties[PARAM_PROP_MINIMUM] =
    g_param_spec_double ("minimum", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  param_properties[PARAM_PROP_MAXIMUM] =
    g_param_spec_double ("maximum", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  param_properties[PARAM_PROP_DEFAULT_VALUE] =
    g_param_spec_double ("default-value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  param_properties[PARAM_PROP_DIGITS] =
    g_param_spec_uint ("digits", NULL, NULL, 0, 20, 0, flags);
  param_properties[PARAM_PROP_INCREMENT] =
    g_param_spec_double ("increment", NULL, NULL, 0, G_MAXDOUBLE, 1, flags);
  param_properties[PARAM_PROP_CHOICES] =
    g_param_spec_boxed ("choices", NULL, NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, PARAM_N_PROPS, param_properties);
}

static void
lk_enhancement_param_init (LkEnhancementParam *self)
{
}

/* ---- operations ---------------------------------------------------------------------------- */

struct _LkEnhancementOperation
{
  GObject                parent_instance;
  const LkEnhanceOpSpec *spec;
  GListStore            *params;
};

enum {
  OP_PROP_0,
  OP_PROP_ID,
  OP_PROP_LABEL,
  OP_PROP_PARAMS,
  OP_N_PROPS
};

static GParamSpec *op_properties[OP_N_PROPS];

G_DEFINE_FINAL_TYPE (LkEnhancementOperation, lk_enhancement_operation, G_TYPE_OBJECT)

const char *
lk_enhancement_operation_get_id (LkEnhancementOperation *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_OPERATION (self), NULL);
  return self->spec->name;
}

const char *
lk_enhancement_operation_get_label (LkEnhancementOperation *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_OPERATION (self), NULL);
  return self->spec->label;
}

GListModel *
lk_enhancement_operation_get_params (LkEnhancementOperation *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_OPERATION (self), NULL);
  return G_LIST_MODEL (self->params);
}

guint
lk_enhancement_operation_get_n_params (LkEnhancementOperation *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_OPERATION (self), 0);
  return (guint) self->spec->n_params;
}

LkEnhancementParam *
lk_enhancement_operation_get_param (LkEnhancementOperation *self,
                                    guint                   index)
{
  g_autoptr(LkEnhancementParam) param = NULL;

  g_return_val_if_fail (LK_IS_ENHANCEMENT_OPERATION (self), NULL);
  g_return_val_if_fail (index < (guint) self->spec->n_params, NULL);

  /* The store keeps its own reference: a borrowed pointer stays valid. */
  param = g_list_model_get_item (G_LIST_MODEL (self->params), index);
  return param;
}

static void
lk_enhancement_operation_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  LkEnhancementOperation *self = LK_ENHANCEMENT_OPERATION (object);

  switch (prop_id)
    {
    case OP_PROP_ID:
      g_value_set_string (value, self->spec->name);
      break;
    case OP_PROP_LABEL:
      g_value_set_string (value, self->spec->label);
      break;
    case OP_PROP_PARAMS:
      g_value_set_object (value, self->params);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_enhancement_operation_finalize (GObject *object)
{
  LkEnhancementOperation *self = LK_ENHANCEMENT_OPERATION (object);

  g_clear_object (&self->params);
  G_OBJECT_CLASS (lk_enhancement_operation_parent_class)->finalize (object);
}

static void
lk_enhancement_operation_class_init (LkEnhancementOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = lk_enhancement_operation_get_property;
  object_class->finalize = lk_enhancement_operation_finalize;

  op_properties[OP_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  op_properties[OP_PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  op_properties[OP_PROP_PARAMS] =
    g_param_spec_object ("params", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  g_object_class_install_properties (object_class, OP_N_PROPS, op_properties);
}

static void
lk_enhancement_operation_init (LkEnhancementOperation *self)
{
  self->params = g_list_store_new (LK_TYPE_ENHANCEMENT_PARAM);
}

static LkEnhancementOperation *
operation_new (const LkEnhanceOpSpec *spec)
{
  LkEnhancementOperation *self = g_object_new (LK_TYPE_ENHANCEMENT_OPERATION, NULL);

  self->spec = spec;
  for (int i = 0; i < spec->n_params; i++)
    {
      g_autoptr(LkEnhancementParam) param = g_object_new (LK_TYPE_ENHANCEMENT_PARAM, NULL);

      param->spec = &spec->params[i];
      g_list_store_append (self->params, param);
    }
  return self;
}

/* ---- the catalogue ------------------------------------------------------------------------- */

GListModel *
lk_enhancement_catalogue (void)
{
  static GListStore *catalogue;

  if (g_once_init_enter (&catalogue))
    {
      GListStore *store = g_list_store_new (LK_TYPE_ENHANCEMENT_OPERATION);

      for (int op = 0; op < LK_ENHANCE_N_OPS; op++)
        {
          g_autoptr(LkEnhancementOperation) operation =
            operation_new (lk_enhance_op_spec ((LkEnhanceOp) op));

          g_list_store_append (store, operation);
        }
      g_once_init_leave (&catalogue, store);
    }
  return G_LIST_MODEL (catalogue);
}

/* Borrowed: the catalogue is never freed. */
static LkEnhancementOperation *
catalogue_get_op (LkEnhanceOp op)
{
  g_autoptr(LkEnhancementOperation) operation =
    g_list_model_get_item (lk_enhancement_catalogue (), (guint) op);

  /* The catalogue lives as long as the process. */
  return operation;
}

LkEnhancementOperation *
lk_enhancement_catalogue_find (const char *id)
{
  const LkEnhanceOpSpec *spec = lk_enhance_find_op (id);

  return spec != NULL ? catalogue_get_op (spec->op) : NULL;
}

/* ---- steps --------------------------------------------------------------------------------- */

struct _LkEnhancementStep
{
  GObject                 parent_instance;
  LkEnhancementOperation *operation;
  LkEnhanceStep           step;
};

enum {
  STEP_PROP_0,
  STEP_PROP_OPERATION,
  STEP_PROP_ID,
  STEP_PROP_LABEL,
  STEP_N_PROPS
};

static GParamSpec *step_properties[STEP_N_PROPS];

G_DEFINE_FINAL_TYPE (LkEnhancementStep, lk_enhancement_step, G_TYPE_OBJECT)

static LkEnhancementStep *
step_new_plain (const LkEnhanceStep *plain)
{
  LkEnhancementStep *self =
    g_object_new (LK_TYPE_ENHANCEMENT_STEP,
                  "operation", catalogue_get_op (plain->op), NULL);

  self->step = *plain;
  return self;
}

LkEnhancementStep *
lk_enhancement_step_new (const char *id)
{
  const LkEnhanceOpSpec *spec = lk_enhance_find_op (id);
  LkEnhanceStep plain = { 0 };

  if (spec == NULL)
    return NULL;
  plain.op = spec->op;
  for (int i = 0; i < spec->n_params; i++)
    plain.params[i] = spec->params[i].fallback;
  return step_new_plain (&plain);
}

LkEnhancementStep *
lk_enhancement_step_copy (LkEnhancementStep *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STEP (self), NULL);
  return step_new_plain (&self->step);
}

LkEnhancementOperation *
lk_enhancement_step_get_operation (LkEnhancementStep *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STEP (self), NULL);
  return self->operation;
}

const char *
lk_enhancement_step_get_id (LkEnhancementStep *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STEP (self), NULL);
  return lk_enhancement_operation_get_id (self->operation);
}

const char *
lk_enhancement_step_get_label (LkEnhancementStep *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STEP (self), NULL);
  return lk_enhancement_operation_get_label (self->operation);
}

double
lk_enhancement_step_get_value (LkEnhancementStep *self,
                               guint              param)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STEP (self), 0);
  g_return_val_if_fail (param < lk_enhancement_operation_get_n_params (self->operation), 0);
  return self->step.params[param];
}

const char *
lk_enhancement_step_get_choice (LkEnhancementStep *self,
                                guint              param)
{
  const LkEnhanceParamSpec *spec;

  g_return_val_if_fail (LK_IS_ENHANCEMENT_STEP (self), NULL);
  g_return_val_if_fail (param < lk_enhancement_operation_get_n_params (self->operation), NULL);

  spec = &lk_enhance_op_spec (self->step.op)->params[param];
  return spec->choices != NULL ? spec->choices[(int) self->step.params[param]] : NULL;
}

gboolean
lk_enhancement_step_equal (LkEnhancementStep *a,
                           LkEnhancementStep *b)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STEP (a), FALSE);
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STEP (b), FALSE);

  if (a->step.op != b->step.op)
    return FALSE;
  for (guint i = 0; i < lk_enhancement_operation_get_n_params (a->operation); i++)
    if (a->step.params[i] != b->step.params[i])
      return FALSE;
  return TRUE;
}

static void
lk_enhancement_step_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LkEnhancementStep *self = LK_ENHANCEMENT_STEP (object);

  switch (prop_id)
    {
    case STEP_PROP_OPERATION:
      g_value_set_object (value, self->operation);
      break;
    case STEP_PROP_ID:
      g_value_set_string (value, lk_enhancement_step_get_id (self));
      break;
    case STEP_PROP_LABEL:
      g_value_set_string (value, lk_enhancement_step_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_enhancement_step_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LkEnhancementStep *self = LK_ENHANCEMENT_STEP (object);

  switch (prop_id)
    {
    case STEP_PROP_OPERATION:
      self->operation = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_enhancement_step_finalize (GObject *object)
{
  LkEnhancementStep *self = LK_ENHANCEMENT_STEP (object);

  g_clear_object (&self->operation);
  G_OBJECT_CLASS (lk_enhancement_step_parent_class)->finalize (object);
}

static void
lk_enhancement_step_class_init (LkEnhancementStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = lk_enhancement_step_get_property;
  object_class->set_property = lk_enhancement_step_set_property;
  object_class->finalize = lk_enhancement_step_finalize;

  step_properties[STEP_PROP_OPERATION] =
    g_param_spec_object ("operation", NULL, NULL, LK_TYPE_ENHANCEMENT_OPERATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  step_properties[STEP_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  step_properties[STEP_PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, STEP_N_PROPS, step_properties);
}

static void
lk_enhancement_step_init (LkEnhancementStep *self)
{
}

/* ---- stacks -------------------------------------------------------------------------------- */

struct _LkEnhancementStack
{
  GObject    parent_instance;
  GPtrArray *steps;
};

static void list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkEnhancementStack, lk_enhancement_stack, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_init))

static GType
get_item_type (GListModel *model)
{
  return LK_TYPE_ENHANCEMENT_STEP;
}

static guint
get_n_items (GListModel *model)
{
  return LK_ENHANCEMENT_STACK (model)->steps->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  LkEnhancementStack *self = LK_ENHANCEMENT_STACK (model);

  return position < self->steps->len ? g_object_ref (self->steps->pdata[position]) : NULL;
}

static void
list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

LkEnhancementStack *
lk_enhancement_stack_new (void)
{
  return g_object_new (LK_TYPE_ENHANCEMENT_STACK, NULL);
}

LkEnhancementStack *
lk_enhancement_stack_copy (LkEnhancementStack *self)
{
  LkEnhancementStack *copy;

  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (self), NULL);

  copy = lk_enhancement_stack_new ();
  for (guint i = 0; i < self->steps->len; i++)
    g_ptr_array_add (copy->steps, lk_enhancement_step_copy (self->steps->pdata[i]));
  return copy;
}

guint
lk_enhancement_stack_get_n_steps (LkEnhancementStack *self)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (self), 0);
  return self->steps->len;
}

LkEnhancementStep *
lk_enhancement_stack_get_step (LkEnhancementStack *self,
                               guint               position)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (self), NULL);
  g_return_val_if_fail (position < self->steps->len, NULL);
  return self->steps->pdata[position];
}

gboolean
lk_enhancement_stack_append (LkEnhancementStack *self,
                             LkEnhancementStep  *step)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (self), FALSE);
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STEP (step), FALSE);

  if (self->steps->len >= LK_ENHANCEMENT_MAX_STEPS)
    return FALSE;
  g_ptr_array_add (self->steps, g_object_ref (step));
  g_list_model_items_changed (G_LIST_MODEL (self), self->steps->len - 1, 0, 1);
  return TRUE;
}

void
lk_enhancement_stack_remove (LkEnhancementStack *self,
                             guint               position)
{
  g_return_if_fail (LK_IS_ENHANCEMENT_STACK (self));
  g_return_if_fail (position < self->steps->len);

  g_ptr_array_remove_index (self->steps, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

void
lk_enhancement_stack_swap (LkEnhancementStack *self,
                           guint               a,
                           guint               b)
{
  gpointer step;

  g_return_if_fail (LK_IS_ENHANCEMENT_STACK (self));
  g_return_if_fail (a < self->steps->len && b < self->steps->len);

  if (a == b)
    return;
  step = self->steps->pdata[a];
  self->steps->pdata[a] = self->steps->pdata[b];
  self->steps->pdata[b] = step;
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (a, b), MAX (a, b) - MIN (a, b) + 1,
                              MAX (a, b) - MIN (a, b) + 1);
}

void
lk_enhancement_stack_remove_all (LkEnhancementStack *self)
{
  guint n;

  g_return_if_fail (LK_IS_ENHANCEMENT_STACK (self));

  n = self->steps->len;
  if (n == 0)
    return;
  g_ptr_array_set_size (self->steps, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}

gboolean
lk_enhancement_stack_set_value (LkEnhancementStack  *self,
                                guint                position,
                                guint                param,
                                double               value,
                                GError             **error)
{
  LkEnhancementStep *step;

  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (self), FALSE);
  g_return_val_if_fail (position < self->steps->len, FALSE);

  step = self->steps->pdata[position];
  g_return_val_if_fail (param < lk_enhancement_operation_get_n_params (step->operation), FALSE);

  if (!lk_enhance_check_value (&step->step, position, (int) param, value, error))
    return FALSE;
  step->step.params[param] = value;
  return TRUE;
}

gboolean
lk_enhancement_stack_equal (LkEnhancementStack *a,
                            LkEnhancementStack *b)
{
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (a), FALSE);
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (b), FALSE);

  if (a->steps->len != b->steps->len)
    return FALSE;
  for (guint i = 0; i < a->steps->len; i++)
    if (!lk_enhancement_step_equal (a->steps->pdata[i], b->steps->pdata[i]))
      return FALSE;
  return TRUE;
}

/* The plain stack lk-cv-enhance.cpp applies, once every step passed lk_enhance_check_step(). */
static gboolean
stack_plain (LkEnhancementStack  *self,
             LkEnhanceStack      *plain,
             GError             **error)
{
  *plain = (LkEnhanceStack) { 0 };
  for (guint i = 0; i < self->steps->len; i++)
    {
      LkEnhancementStep *step = self->steps->pdata[i];

      if (!lk_enhance_check_step (&step->step, i, error))
        return FALSE;
      plain->steps[i] = step->step;
    }
  plain->n_steps = self->steps->len;
  return TRUE;
}

gboolean
lk_enhancement_stack_validate (LkEnhancementStack  *self,
                               GError             **error)
{
  LkEnhanceStack plain;

  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (self), FALSE);
  return stack_plain (self, &plain, error);
}

LkEnhancementStack *
lk_enhancement_stack_new_from_json (JsonArray  *json,
                                    GError    **error)
{
  LkEnhanceStack plain;
  LkEnhancementStack *self;

  g_return_val_if_fail (json != NULL, NULL);

  if (!lk_enhance_stack_read (json, &plain, error))
    return NULL;
  self = lk_enhancement_stack_new ();
  for (guint i = 0; i < plain.n_steps; i++)
    g_ptr_array_add (self->steps, step_new_plain (&plain.steps[i]));
  return self;
}

JsonArray *
lk_enhancement_stack_to_json (LkEnhancementStack *self)
{
  JsonArray *json;

  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (self), NULL);

  json = json_array_sized_new (self->steps->len);
  for (guint i = 0; i < self->steps->len; i++)
    {
      LkEnhancementStep *step = self->steps->pdata[i];

      json_array_add_object_element (json, lk_enhance_step_to_json (&step->step));
    }
  return json;
}

static void
lk_enhancement_stack_finalize (GObject *object)
{
  LkEnhancementStack *self = LK_ENHANCEMENT_STACK (object);

  g_clear_pointer (&self->steps, g_ptr_array_unref);
  G_OBJECT_CLASS (lk_enhancement_stack_parent_class)->finalize (object);
}

static void
lk_enhancement_stack_class_init (LkEnhancementStackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_enhancement_stack_finalize;
}

static void
lk_enhancement_stack_init (LkEnhancementStack *self)
{
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---- applying ------------------------------------------------------------------------------ */

static gboolean
valid_pixels (const LkPixels *p)
{
  return p != NULL && p->pixels != NULL && p->width > 0 && p->height > 0 &&
         p->stride >= p->width * 4;
}

LkPixels *
lk_cv_enhance (const LkPixels      *in,
               LkEnhancementStack  *stack,
               GError             **error)
{
  LkEnhanceStack plain;

  g_return_val_if_fail (valid_pixels (in), NULL);
  g_return_val_if_fail (LK_IS_ENHANCEMENT_STACK (stack), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!stack_plain (stack, &plain, error))
    return NULL;
  return lk_cv_enhance_stack (in, &plain, error);
}
