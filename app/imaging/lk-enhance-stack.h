/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An enhancement stack as plain data, between the JSON that examinations store and the OpenCV
 * work: lk-enhance-stack.c reads and checks the JSON (every operation, parameter and error
 * message is defined there), lk-cv-enhance.cpp applies what it read and sees no JSON. For
 * app/imaging only; the rest of Likeness goes through lk-cv.h. */
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

/* Reads and checks @json into @stack, with the errors of lk_cv_enhancement_validate(). */
gboolean  lk_enhance_stack_read (JsonArray            *json,
                                 LkEnhanceStack       *stack,
                                 GError              **error);

/* Applies a checked @stack to a copy of @in, as lk_cv_enhance() (in lk-cv-enhance.cpp). */
LkPixels *lk_cv_enhance_stack   (const LkPixels       *in,
                                 const LkEnhanceStack *stack,
                                 GError              **error);

G_END_DECLS
