/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_FEATURE_PANEL (lk_feature_panel_get_type ())
G_DECLARE_FINAL_TYPE (LkFeaturePanel, lk_feature_panel, LK, FEATURE_PANEL, AdwBin)

/* The feature-by-feature comparison of one examination: per characteristic of the
 * examination's feature-list edition, the visibility in each image, the result, the
 * significance and a note, saved as they are chosen. Signal "changed"; signal
 * "show-annotations" (characteristic id) when the user asks for the annotations linked to a
 * characteristic (each row has a button for it once any are linked). Action
 * features.evaluate opens the Evaluate step. Keys on a focused characteristic set its result
 * (S similar, D dissimilar, N not assessable, X explainable difference) and its significance
 * (C class, I individualising); they do nothing once the panel is locked. */
GtkWidget *lk_feature_panel_new          (LkSession      *session,
                                          gint64          examination_id,
                                          const char     *edition,
                                          GError        **error);
/* The same for a training item: the attempt of @trainee (NULL: the acting trainee) of item
 * @item_id, kept in training's own storage. The visibilities read "image A" and "image B";
 * rows lead to the attempt's annotations linked to them (lk_feature_panel_set_annotations). */
GtkWidget *lk_feature_panel_new_for_training (LkSession  *session,
                                              gint64      item_id,
                                              const char *trainee,
                                              GError    **error);
/* Embedded in a form that scrolls itself: no scrolling of its own, no minimum width. */
void       lk_feature_panel_set_embedded (LkFeaturePanel *self,
                                          gboolean        embedded);
/* "assessed of total", as shown. */
void       lk_feature_panel_get_progress (LkFeaturePanel *self,
                                          guint          *assessed,
                                          guint          *total);
/* Sets the result of one characteristic as the user would (for keyboard entry and tests). */
gboolean   lk_feature_panel_set_result   (LkFeaturePanel *self,
                                          const char     *characteristic,
                                          const char     *result);
/* The characteristic whose row is open (new annotations link to it), or NULL. */
const char *lk_feature_panel_get_current   (LkFeaturePanel *self);
/* The examination's annotations (a GListModel of LkAnnotation), so that observations carry the
 * ones linked to them. */
void       lk_feature_panel_set_annotations (LkFeaturePanel *self,
                                            GListModel     *annotations);
/* Opens a characteristic's row (jumping from an annotation to its feature). */
void       lk_feature_panel_show           (LkFeaturePanel *self,
                                            const char     *characteristic);
/* Makes the values read-only (after the conclusion is signed, for a trainer's review); rows
 * still open and still lead to their annotations; the hint about the keys is hidden. */
void       lk_feature_panel_set_locked   (LkFeaturePanel *self,
                                          gboolean        locked);

G_END_DECLS
