/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-compare-view.h"
#include "lk-core.h"
#include "lk-feature-panel.h"

G_BEGIN_DECLS

/* Where a view's annotations are kept: the core's calls that change them (as lk-examinations.h
 * has them for an examination, lk-training.h for a training attempt) and the names the core
 * gives the two images (the compare view's probe view shows the first). */
typedef struct
{
  gint64   (*add)    (LkSession               *session,
                      gint64                   owner,
                      const LkAnnotationSpec  *spec,
                      GError                 **error);
  gboolean (*update) (LkSession               *session,
                      gint64                   annotation,
                      JsonArray               *geometry,
                      const char              *label,
                      const char              *characteristic,
                      GError                 **error);
  gboolean (*remove) (LkSession               *session,
                      gint64                   annotation,
                      GError                 **error);
  const char *images[2];
} LkAnnotationStore;

/* An examination's annotations; a training attempt's. */
extern const LkAnnotationStore lk_annotation_store_examination;
extern const LkAnnotationStore lk_annotation_store_training;

#define LK_TYPE_ANNOTATOR (lk_annotator_get_type ())
G_DECLARE_FINAL_TYPE (LkAnnotator, lk_annotator, LK, ANNOTATOR, GObject)

/* The annotation tools of a compare view, the same wherever it shows them (the examination
 * workspace, a training item): with a tool chosen a click places a paired marker (one on each
 * image), a text note, or the two corners of a rectangle or an ellipse or the tail and head of
 * an arrow, linked to the characteristic open in the feature panel; with no tool a click
 * selects an annotation (and its pair) and emits "characteristic-chosen" (id) for the one it
 * links to, a drag moves it. Every change goes through the core's calls of @store for the
 * owner set with lk_annotator_set_owner (), then "changed" is emitted: the owner reads the
 * annotations again and gives them back with lk_annotator_set_annotations (). Problems are
 * shown as toasts. Actions for a menu (insert lk_annotator_get_actions () as "annotate"):
 * tool (s: "none", "marker", "rectangle", "ellipse", "arrow", "text"), undo (the newest),
 * delete, link and label (the selected ones), each enabled only when it can work. */
LkAnnotator  *lk_annotator_new                (LkCompareView            *compare,
                                               const LkAnnotationStore  *store);
void          lk_annotator_set_owner          (LkAnnotator    *self,
                                               LkSession      *session,
                                               gint64          owner);
/* The annotations to show (a GListModel of LkAnnotation), in the compare view and the panel. */
void          lk_annotator_set_annotations    (LkAnnotator    *self,
                                               GListModel     *annotations);
GListModel   *lk_annotator_get_annotations    (LkAnnotator    *self);
/* New annotations link to the characteristic open in @panel; its rows lead to theirs. */
void          lk_annotator_set_feature_panel  (LkAnnotator    *self,
                                               LkFeaturePanel *panel);
void          lk_annotator_set_tool           (LkAnnotator    *self,
                                               const char     *tool);
const char   *lk_annotator_get_tool           (LkAnnotator    *self);
/* Frozen (a signed conclusion, a submitted item): nothing changes, what was charted shows. */
void          lk_annotator_set_frozen         (LkAnnotator    *self,
                                               gboolean        frozen);
LkAnnotation *lk_annotator_find               (LkAnnotator    *self,
                                               gint64          id);
GActionGroup *lk_annotator_get_actions        (LkAnnotator    *self);
/* What the actions do. */
void          lk_annotator_remove_newest      (LkAnnotator    *self);
void          lk_annotator_remove_selected    (LkAnnotator    *self);
void          lk_annotator_link_selected      (LkAnnotator    *self);
void          lk_annotator_label_selected     (LkAnnotator    *self);
/* Highlights the annotations linked to @characteristic. */
void          lk_annotator_show_linked        (LkAnnotator    *self,
                                               const char     *characteristic);
/* The tools' own names, as menus show them ("Annotate" for none). */
const char   *lk_annotator_tool_title         (const char     *tool);
/* "2 marker pairs · 1 other annotation", or "no annotations". */
char         *lk_annotator_describe           (GListModel     *annotations);

G_END_DECLS
