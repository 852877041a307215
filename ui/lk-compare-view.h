/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lk-core.h"
#include "lk-image-view.h"

G_BEGIN_DECLS

#define LK_COMPARE_VIEW_MAX_GAIN 16.0

#define LK_TYPE_COMPARE_VIEW (lk_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (LkCompareView, lk_compare_view, LK, COMPARE_VIEW, GtkWidget)

/* The probe and the candidate in one of five modes ("mode"): "side-by-side" (zoom and pan
 * locked together unless "locked" is off), "overlay" ("opacity" of the candidate), "wipe"
 * (a divider at "wipe-position", vertical or horizontal), "flicker" (alternating at
 * "flicker-rate" Hz) and "difference" (the difference view, filled by the owner). Annotations
 * ("show-annotations") are drawn over every mode. Actions: compare.mode (s), compare.locked,
 * compare.show-annotations, compare.opacity-up/down, compare.wipe-left/right. In flicker mode,
 * holding the space bar shows the candidate. */
GtkWidget   *lk_compare_view_new                 (void);
LkImageView *lk_compare_view_get_probe_view      (LkCompareView *self);
LkImageView *lk_compare_view_get_candidate_view  (LkCompareView *self);
LkImageView *lk_compare_view_get_difference_view (LkCompareView *self);
const char  *lk_compare_view_get_mode            (LkCompareView *self);
void         lk_compare_view_set_mode            (LkCompareView *self,
                                                  const char    *mode);
double       lk_compare_view_get_opacity         (LkCompareView *self);
void         lk_compare_view_set_opacity         (LkCompareView *self,
                                                  double         opacity);
double       lk_compare_view_get_wipe_position   (LkCompareView *self);
void         lk_compare_view_set_wipe_position   (LkCompareView *self,
                                                  double         position);
/* "difference-gain", 1 to LK_COMPARE_VIEW_MAX_GAIN: the difference image is multiplied by it
 * (clipped at white), so that small differences show. */
double       lk_compare_view_get_difference_gain (LkCompareView *self);
void         lk_compare_view_set_difference_gain (LkCompareView *self,
                                                  double         gain);
gboolean     lk_compare_view_get_locked          (LkCompareView *self);
void         lk_compare_view_set_locked          (LkCompareView *self,
                                                  gboolean       locked);
/* Which phase of flicker shows: FALSE the probe, TRUE the candidate. */
gboolean     lk_compare_view_get_flicker_phase   (LkCompareView *self);
/* The annotations to draw (a GListModel of LkAnnotation, as the examination has them, or a
 * training attempt with images "a" and "b"); NULL for none. */
void         lk_compare_view_set_annotations     (LkCompareView *self,
                                                  GListModel    *annotations);
/* The annotations drawn highlighted (ids); none by default. Signal "selection-changed" after
 * every call. */
void         lk_compare_view_set_selected        (LkCompareView *self,
                                                  const gint64  *ids,
                                                  guint          n_ids);
const gint64 *lk_compare_view_get_selected       (LkCompareView *self,
                                                  guint         *n_ids);
/* Whether a drag may move an annotation (off by default; the owner turns it on when no tool is
 * chosen and the examination is not signed). A drag of three screen pixels or more that starts
 * on an annotation moves it on screen and then emits "annotation-moved" (gint64 id, double dx,
 * double dy: the offset in the pixels of the annotation's image); the owner stores it. Not in
 * difference mode. */
void         lk_compare_view_set_annotations_movable (LkCompareView *self,
                                                      gboolean       movable);
/* The id of the annotation drawn nearest the widget point (x, y), within 10 pixels of a marker
 * or an outline (or inside a rectangle or ellipse); 0 when none, or when annotations are
 * hidden. */
gint64       lk_compare_view_annotation_at       (LkCompareView *self,
                                                  double         x,
                                                  double         y);
/* Eye markers for the alignment, draggable in side by side; "eyes-moved" is emitted when a drag
 * ends. NULL hides them. Points are in original image coordinates. */
void         lk_compare_view_set_eye_markers     (LkCompareView *self,
                                                  const LkPoint  probe[2],
                                                  const LkPoint  candidate[2]);
void         lk_compare_view_get_eye_markers     (LkCompareView *self,
                                                  LkPoint        probe[2],
                                                  LkPoint        candidate[2]);
/* The image under a widget point: "probe" or "candidate" (NULL when neither) and the point in
 * that image's original coordinates. */
const char  *lk_compare_view_pick                (LkCompareView *self,
                                                  double         x,
                                                  double         y,
                                                  double        *image_x,
                                                  double        *image_y);

G_END_DECLS
