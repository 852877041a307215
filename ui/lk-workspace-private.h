/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the workspace's files share: the instance and the functions they call in each other.
 * lk-workspace.c has the object, the status line and the annotations on the images;
 * lk-workspace-images.c loads, enhances and compares the images off the main loop;
 * lk-workspace-actions.c has the handlers of the workspace.* actions;
 * lk-workspace-verification.c submits and reopens for verification. */
#pragma once

#include "lk-ui-util.h"
#include "lk-workspace.h"

G_BEGIN_DECLS

struct _LkWorkspace
{
  AdwBin          parent_instance;

  LkSession      *session;
  gint64          candidate_id;
  gint64          examination_id;
  gint64          probe_id;
  GCancellable   *cancellable;
  LkPixels       *pixels[2];        /* originals: probe, candidate */
  LkPyramid      *originals[2];     /* their pyramids, shown when nothing is enhanced */
  guint           enhance_generation[2];  /* of the newest stack applied */
  guint           enhance_shown[2];       /* generation whose full result is shown */
  gboolean        have_eyes[2];
  LkPoint         eyes[2][2];
  gboolean        aligned;
  LkSimilarity    alignment;
  LkExamination  *examination;
  double          flushed_seconds;  /* recorded since the examination was read */
  LkEnhancementStack *stacks[2];  /* stored: probe, candidate */
  char           *tool;
  gboolean        have_first;
  char           *first_image;
  LkPoint         first_point;
  guint           clock;
  double          unsaved_seconds;
  gboolean        loaded;
  GtkWidget      *panels[2];

  GtkLabel       *title_label;
  GtkLabel       *status_label;
  GtkLabel       *conclusion_label;
  gboolean        reviewing;        /* a reviewer's own examination (purpose "verification") */
  GtkWidget      *previous_button;
  GtkWidget      *next_button;
  GtkLabel       *blind_banner;
  GtkWidget      *verification_box;
  GtkLabel       *verification_label;
  GtkWidget      *submit_button;
  GtkWidget      *reopen_button;
  GtkToggleButton *side_button;
  GtkToggleButton *overlay_button;
  GtkToggleButton *wipe_button;
  GtkToggleButton *flicker_button;
  GtkToggleButton *difference_button;
  GtkToggleButton *lock_button;
  GtkWidget      *opacity_box;
  GtkWidget      *wipe_box;
  GtkWidget      *flicker_box;
  GtkAdjustment  *opacity_adjustment;
  GtkAdjustment  *wipe_adjustment;
  GtkAdjustment  *flicker_adjustment;
  GtkToggleButton *vertical_button;
  GtkMenuButton  *tool_button;
  GtkToggleButton *annotations_button;
  GtkToggleButton *enhance_button;
  GtkToggleButton *features_button;
  GtkRevealer    *features_revealer;
  AdwBin         *features_bin;
  GtkWidget      *features;
  char           *conclusion_text;
  GtkStack       *stack;
  AdwStatusPage  *loading_page;
  LkCompareView  *compare;
  GtkRevealer    *enhance_revealer;
  GtkBox         *enhance_box;
};

static inline LkImageView *
_lk_workspace_view_of (LkWorkspace *self,
                       int          which)
{
  return which == 0 ? lk_compare_view_get_probe_view (self->compare)
                    : lk_compare_view_get_candidate_view (self->compare);
}

static inline void
_lk_workspace_problem (LkWorkspace *self,
                       const char  *text)
{
  lk_toast (GTK_WIDGET (self), text);
}

/* lk-workspace.c */
const char *_lk_workspace_tool_title          (const char   *tool);
void        _lk_workspace_update_status       (LkWorkspace  *self);
gboolean    _lk_workspace_reload              (LkWorkspace  *self,
                                               GError      **error);
void        _lk_workspace_read_alignment      (LkWorkspace  *self);
void        _lk_workspace_apply_alignment     (LkWorkspace  *self);
void        _lk_workspace_show_side_panel     (LkWorkspace  *self,
                                               int           which);
void        _lk_workspace_update_movable      (LkWorkspace  *self);
void        _lk_workspace_read_conclusion     (LkWorkspace  *self);
LkAnnotation *_lk_workspace_annotation_by_id  (LkWorkspace  *self,
                                               gint64        id);
void        _lk_workspace_navigate            (LkWorkspace  *self,
                                               int           step);
void        _lk_workspace_emit_signed         (LkWorkspace  *self);

/* lk-workspace-images.c */
void        _lk_workspace_load_images         (LkWorkspace  *self);
LkEnhancementStack *_lk_workspace_stack_of    (LkWorkspace  *self,
                                               int           which);
void        _lk_workspace_on_stack_changed    (LkWorkspace  *self,
                                               LkEnhancementStack *stack,
                                               GtkWidget    *panel);
void        _lk_workspace_refresh_difference  (LkWorkspace  *self);

/* lk-workspace-actions.c */
void        _lk_workspace_class_actions_init  (GtkWidgetClass *widget_class);

/* lk-workspace-verification.c */
void        _lk_workspace_update_verification (LkWorkspace  *self);
void        _lk_workspace_class_verification_init (GtkWidgetClass *widget_class);

G_END_DECLS
