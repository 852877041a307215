/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An enhancement stack as plain data, between the JSON that examinations store, the typed
 * stack of lk-enhancement.h and the OpenCV work: lk-enhance-stack.c reads, checks and writes
 * the JSON (every operation, parameter and error message is defined there), lk-cv-enhance.cpp
 * applies what it read and sees no JSON. For app/imaging only; the rest of Likeness goes
 * through lk-cv.h and lk-enhancement.h. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-cv.h"

G_BEGIN_DECLS

/* The operations of lk-cv.h, in its order. */
typedef enum
{
  LK_ENHANCE_BRIGHTNESS,
  LK_ENHANCE_CONTRAST,
  LK_ENHANCE_GAMMA,
  LK_ENHANCE_LEVELS,
  LK_ENHANCE_EQUALIZE,
  LK_ENHANCE_CLAHE,
  LK_ENHANCE_UNSHARP,
  LK_ENHANCE_DENOISE,
  LK_ENHANCE_GREYSCALE,
  LK_ENHANCE_INVERT,
  LK_ENHANCE_CHANNEL,
} LkEnhanceOp;

#define LK_ENHANCE_MAX_PARAMS 3

/* A checked step: its parameters in the order lk-cv.h lists them (levels: black, white, gamma;
 * clahe: clip, tiles; unsharp: radius, amount, threshold; denoise: method, strength), in range,
 * whole numbers where they must be. A choice is its index: denoise 0 bilateral, 1 median;
 * channel 0 red, 1 green, 2 blue. */
typedef struct
{
  LkEnhanceOp op;
  double      params[LK_ENHANCE_MAX_PARAMS];
} LkEnhanceStep;

typedef struct
{
  guint         n_steps;
  LkEnhanceStep steps[LK_ENHANCEMENT_MAX_STEPS];
} LkEnhanceStack;

/* The single definition of every operation and parameter, which the typed catalogue of
 * lk-enhancement.h presents. Kinds are those of LkEnhancementParamKind. */
typedef struct
{
  const char        *name;
  const char        *label;
  int                kind;
  double             min;
  double             max;
  double             fallback;  /* the catalogue's default (a choice: its index) */
  const char *const *choices;   /* NULL-terminated, for a choice */
} LkEnhanceParamSpec;

typedef struct
{
  const char         *name;
  const char         *label;
  LkEnhanceOp         op;
  int                 n_params;
  LkEnhanceParamSpec  params[LK_ENHANCE_MAX_PARAMS];
} LkEnhanceOpSpec;

#define LK_ENHANCE_N_OPS (LK_ENHANCE_CHANNEL + 1)

/* The definition of @op, or NULL for a name Likeness does not offer. */
const LkEnhanceOpSpec *lk_enhance_op_spec     (LkEnhanceOp               op);
const LkEnhanceOpSpec *lk_enhance_find_op     (const char               *name);

/* Checks one value of parameter @param of @step (at @index in its stack) with the message of
 * lk_cv_enhancement_validate(). */
gboolean  lk_enhance_check_value  (const LkEnhanceStep  *step,
                                   guint                 index,
                                   int                   param,
                                   double                value,
                                   GError              **error);
/* Checks what holds between the parameters of @step (levels: black below white). */
gboolean  lk_enhance_check_step   (const LkEnhanceStep  *step,
                                   guint                 index,
                                   GError              **error);
/* @step as the JSON object examinations store: "op", then each parameter, integers and choices
 * as such. */
JsonObject *lk_enhance_step_to_json (const LkEnhanceStep *step);

/* Reads and checks @json into @stack, with the errors of lk_cv_enhancement_validate(). */
gboolean  lk_enhance_stack_read (JsonArray            *json,
                                 LkEnhanceStack       *stack,
                                 GError              **error);

/* Applies a checked @stack to a copy of @in, as lk_cv_enhance() (in lk-cv-enhance.cpp). */
LkPixels *lk_cv_enhance_stack   (const LkPixels       *in,
                                 const LkEnhanceStack *stack,
                                 GError              **error);

G_END_DECLS
