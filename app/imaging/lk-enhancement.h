/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Enhancement stacks as objects: the catalogue of operations with their parameter definitions,
 * steps with their values, and a stack of steps as a GListModel. A user interface builds and
 * edits stacks with these and never sees the JSON that examinations store; the conversions to
 * and from that JSON live here too, for the core, the CLI and the tests. The operations and
 * their parameters are those of lk-cv.h, defined once in lk-enhance-stack.c. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "imaging/lk-cv.h"

G_BEGIN_DECLS

typedef enum
{
  LK_ENHANCEMENT_PARAM_NUMBER,
  LK_ENHANCEMENT_PARAM_INTEGER,
  LK_ENHANCEMENT_PARAM_CHOICE,
} LkEnhancementParamKind;

/* One parameter of an operation: a number (or whole number) from "minimum" to "maximum", or a
 * choice among "choices" whose value is the index of the one chosen. "digits" and "increment"
 * are what an editor shows and steps by: whole numbers for integers and wide ranges, tenths
 * for narrow ones. All properties are read-only. */
#define LK_TYPE_ENHANCEMENT_PARAM (lk_enhancement_param_get_type ())
G_DECLARE_FINAL_TYPE (LkEnhancementParam, lk_enhancement_param, LK, ENHANCEMENT_PARAM, GObject)

const char             *lk_enhancement_param_get_name          (LkEnhancementParam *self);
const char             *lk_enhancement_param_get_label         (LkEnhancementParam *self);
LkEnhancementParamKind  lk_enhancement_param_get_kind          (LkEnhancementParam *self);
double                  lk_enhancement_param_get_minimum       (LkEnhancementParam *self);
double                  lk_enhancement_param_get_maximum       (LkEnhancementParam *self);
double                  lk_enhancement_param_get_default_value (LkEnhancementParam *self);
guint                   lk_enhancement_param_get_digits        (LkEnhancementParam *self);
double                  lk_enhancement_param_get_increment     (LkEnhancementParam *self);
/* NULL-terminated; NULL unless a choice. */
const char *const      *lk_enhancement_param_get_choices       (LkEnhancementParam *self);

/* An operation: its id ("clahe"), label ("CLAHE") and parameters, a GListModel of
 * LkEnhancementParam in the order lk-cv.h lists them. */
#define LK_TYPE_ENHANCEMENT_OPERATION (lk_enhancement_operation_get_type ())
G_DECLARE_FINAL_TYPE (LkEnhancementOperation, lk_enhancement_operation, LK,
                      ENHANCEMENT_OPERATION, GObject)

const char         *lk_enhancement_operation_get_id       (LkEnhancementOperation *self);
const char         *lk_enhancement_operation_get_label    (LkEnhancementOperation *self);
GListModel         *lk_enhancement_operation_get_params   (LkEnhancementOperation *self);
guint               lk_enhancement_operation_get_n_params (LkEnhancementOperation *self);
LkEnhancementParam *lk_enhancement_operation_get_param    (LkEnhancementOperation *self,
                                                           guint                   index);

/* Every operation Likeness offers, in the order of lk-cv.h: a GListModel of
 * LkEnhancementOperation, shared and never changing. */
GListModel             *lk_enhancement_catalogue      (void);
/* The operation called @id, or NULL: Likeness offers no other. */
LkEnhancementOperation *lk_enhancement_catalogue_find (const char *id);

/* A step: an operation and a value for each of its parameters, always within the parameter's
 * range. Properties "operation" (construct-only), "id" and "label" (the operation's). Its values
 * change through the stack that holds it (lk_enhancement_stack_set_value()). */
#define LK_TYPE_ENHANCEMENT_STEP (lk_enhancement_step_get_type ())
G_DECLARE_FINAL_TYPE (LkEnhancementStep, lk_enhancement_step, LK, ENHANCEMENT_STEP, GObject)

/* A step of operation @id with the catalogue's defaults, or NULL for an unknown operation. */
LkEnhancementStep      *lk_enhancement_step_new           (const char        *id);
LkEnhancementStep      *lk_enhancement_step_copy          (LkEnhancementStep *self);
LkEnhancementOperation *lk_enhancement_step_get_operation (LkEnhancementStep *self);
const char             *lk_enhancement_step_get_id        (LkEnhancementStep *self);
const char             *lk_enhancement_step_get_label     (LkEnhancementStep *self);
double                  lk_enhancement_step_get_value     (LkEnhancementStep *self,
                                                           guint              param);
/* The name of the choice made, for a choice parameter; NULL otherwise. */
const char             *lk_enhancement_step_get_choice    (LkEnhancementStep *self,
                                                           guint              param);
gboolean                lk_enhancement_step_equal         (LkEnhancementStep *a,
                                                           LkEnhancementStep *b);

/* The steps applied in order: a GListModel of LkEnhancementStep, at most
 * LK_ENHANCEMENT_MAX_STEPS of them. Each value is within its range; whether the values of a
 * step fit together (levels: black below white) is for lk_enhancement_stack_validate(), so that
 * an editor can show a stack the user is still changing. */
#define LK_TYPE_ENHANCEMENT_STACK (lk_enhancement_stack_get_type ())
G_DECLARE_FINAL_TYPE (LkEnhancementStack, lk_enhancement_stack, LK, ENHANCEMENT_STACK, GObject)

LkEnhancementStack *lk_enhancement_stack_new           (void);
/* A stack that is equal to @self and shares none of its steps. */
LkEnhancementStack *lk_enhancement_stack_copy          (LkEnhancementStack  *self);
guint               lk_enhancement_stack_get_n_steps   (LkEnhancementStack  *self);
/* Borrowed. */
LkEnhancementStep  *lk_enhancement_stack_get_step      (LkEnhancementStack  *self,
                                                        guint                position);
/* Appends @step (the stack takes a reference); FALSE when the stack is full. */
gboolean            lk_enhancement_stack_append        (LkEnhancementStack  *self,
                                                        LkEnhancementStep   *step);
void                lk_enhancement_stack_remove        (LkEnhancementStack  *self,
                                                        guint                position);
/* Swaps the steps at @a and @b. */
void                lk_enhancement_stack_swap          (LkEnhancementStack  *self,
                                                        guint                a,
                                                        guint                b);
void                lk_enhancement_stack_remove_all    (LkEnhancementStack  *self);
/* Sets parameter @param of the step at @position; a value out of its range is refused
 * (LK_ERROR_INVALID_INPUT) with the message lk_cv_enhancement_validate() gives for it. */
gboolean            lk_enhancement_stack_set_value     (LkEnhancementStack  *self,
                                                        guint                position,
                                                        guint                param,
                                                        double               value,
                                                        GError             **error);
gboolean            lk_enhancement_stack_equal         (LkEnhancementStack  *a,
                                                        LkEnhancementStack  *b);
/* Checks what the values of each step must satisfy together, with the messages of
 * lk_cv_enhancement_validate(). */
gboolean            lk_enhancement_stack_validate      (LkEnhancementStack  *self,
                                                        GError             **error);

/* The stack of a stored JSON array, refused as lk_cv_enhancement_validate() refuses it. */
LkEnhancementStack *lk_enhancement_stack_new_from_json (JsonArray           *json,
                                                        GError             **error);
/* The JSON array examinations store: {"op": ID, parameters...} in order, whole numbers and
 * choices as such. New reference. */
JsonArray          *lk_enhancement_stack_to_json       (LkEnhancementStack  *self);

/* Applies @stack to a copy of @in once lk_enhancement_stack_validate() accepts it; @in is never
 * changed. Deterministic: the same stack on the same pixels gives the same bytes. Colour
 * channels are processed; alpha is copied through. An empty stack gives a plain copy. */
LkPixels           *lk_cv_enhance                      (const LkPixels      *in,
                                                        LkEnhancementStack  *stack,
                                                        GError             **error);

G_END_DECLS
