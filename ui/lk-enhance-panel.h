/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

/* How long a number must rest before its change is emitted: dragging a value or holding an
 * arrow key gives one change, not one per step. */
#define LK_ENHANCE_PANEL_DEBOUNCE_MS 250

#define LK_TYPE_ENHANCE_PANEL (lk_enhance_panel_get_type ())
G_DECLARE_FINAL_TYPE (LkEnhancePanel, lk_enhance_panel, LK, ENHANCE_PANEL, AdwBin)

/* The enhancement stack of one image (an LkEnhancementStack): its steps in order, each with
 * its parameters from lk_enhancement_catalogue().
 *
 * Actions: enhance.add (s: operation), enhance.remove (i: index), enhance.up (i),
 * enhance.down (i), enhance.reset.
 * Property "title": whose image, e.g. "Probe"; the heading reads "Probe Enhancements".
 * Signal "stack-changed" (LkEnhancementStack *stack): after every change the user makes, once
 * the stack passed lk_enhancement_stack_validate(); a stack that fails it is not emitted and
 * its error is shown instead. The stack is a copy the handler may keep with g_object_ref().
 * Each step has a toggle "Before This Step" for before and after: signal "before-step-changed"
 * (int step) asks the owner to show the image as it was before that step (-1: after all of
 * them). It only changes what is shown, never the stack; any change of the stack shows it
 * whole again (emitted before "stack-changed"). */
GtkWidget          *lk_enhance_panel_new       (void);

const char         *lk_enhance_panel_get_title (LkEnhancePanel     *self);
void                lk_enhance_panel_set_title (LkEnhancePanel     *self,
                                                const char         *title);
/* Shows a copy of @stack (NULL for none). Emits nothing, and drops a number change that has
 * not been emitted yet. */
void                lk_enhance_panel_set_stack (LkEnhancePanel     *self,
                                                LkEnhancementStack *stack);
/* The step before which the image is shown, or -1. */
int                 lk_enhance_panel_get_before_step (LkEnhancePanel *self);
/* A copy of the stack shown, including a number change not yet emitted. */
LkEnhancementStack *lk_enhance_panel_dup_stack (LkEnhancePanel     *self);

G_END_DECLS
