/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the workspace's files share: the instance and the functions they call in each other.
 * lk-workspace.c has the object, the status line and the annotations on the images (their
 * tools are LkAnnotator's, shared with the training item view);
 * lk-workspace-images.c loads, enhances and compares the images off the main loop;
 * lk-workspace-actions.c has the handlers of the workspace.* actions;
 * lk-workspace-verification.c submits and reopens for verification. */
#pragma once

#include "lk-annotator.h"
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
  LkPyramid      *originals[2];     /* probe, candidate: shown when nothing is enhanced */
  LkProgress     *load_progress;    /* while the images load */
  guint           enhance_generation[2];  /* of the newest stack applied */
  guint           enhance_shown[2];       /* generation whose full result is shown */
  gboolean        have_eyes[2];
  LkPoint         eyes[2][2];
  gboolean        have_face[2];     /* the detected face boxes: probe, candidate */
  LkFrame         faces[2];
  gboolean        matched;          /* not aligned, but shown at the probe's face size */
  LkSimilarity    match;
  gboolean        aligned;
  LkSimilarity    alignment;
  int             before_step[2];   /* shown before this enhancement step; -1 the whole stack */
  LkExamination  *examination;
  double          flushed_seconds;  /* recorded since the examination was read */
  LkEnhancementStack *stacks[2];  /* stored: probe, candidate */
  LkAnnotator    *annotator;        /* the annotation tools of the compare view */
  guint           clock;
  double          unsaved_seconds;
  gint64          last_activity;    /* monotonic, of the last input in the workspace */
  guint           idle_seconds;     /* without input for this long, time stops counting */
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
  GtkLabel       *zoom_label;
  guint           zoom_idle;
  GtkMenuButton  *zoom_button;
  GtkWidget      *difference_box;
  GtkAdjustment  *gain_adjustment;
  GtkLabel       *legend_label;
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
  GtkScrolledWindow *toolbar_scroll;
  GtkScrolledWindow *enhance_scroll;
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
void        _lk_workspace_update_status       (LkWorkspace  *self);
gboolean    _lk_workspace_reload              (LkWorkspace  *self,
                                               GError      **error);
/* Reads the examination again after a change, and says so when it cannot. */
void        _lk_workspace_refresh             (LkWorkspace  *self);
void        _lk_workspace_read_alignment      (LkWorkspace  *self);
void        _lk_workspace_apply_alignment     (LkWorkspace  *self);
void        _lk_workspace_show_side_panel     (LkWorkspace  *self,
                                               int           which,
                                               gboolean      shown);
void        _lk_workspace_update_movable      (LkWorkspace  *self);
void        _lk_workspace_read_conclusion     (LkWorkspace  *self);
void        _lk_workspace_navigate            (LkWorkspace  *self,
                                               int           step);
void        _lk_workspace_emit_signed         (LkWorkspace  *self);
void        _lk_workspace_frame_faces         (LkWorkspace  *self);
void        _lk_workspace_update_zoom         (LkWorkspace  *self);
/* Enables what can work now: removing the newest annotation, aligning, resetting. */
void        _lk_workspace_update_actions      (LkWorkspace  *self);

/* lk-workspace-images.c */
void        _lk_workspace_load_images         (LkWorkspace  *self);
LkEnhancementStack *_lk_workspace_stack_of    (LkWorkspace  *self,
                                               int           which);
void        _lk_workspace_on_stack_changed    (LkWorkspace  *self,
                                               LkEnhancementStack *stack,
                                               GtkWidget    *panel);
void        _lk_workspace_refresh_difference  (LkWorkspace  *self);
void        _lk_workspace_on_before_step      (LkWorkspace  *self,
                                               int           step,
                                               GtkWidget    *panel);
/* The transform the candidate is shown with: the alignment, the match of the face boxes or
 * none (identity). */
void        _lk_workspace_display_transform   (LkWorkspace  *self,
                                               LkSimilarity *transform);

/* lk-workspace-view.c */
void        _lk_workspace_set_faces           (LkWorkspace   *self,
                                               const LkFrame *candidate);
void        _lk_workspace_watch_zoom          (LkWorkspace   *self);
void        _lk_workspace_flush_time          (LkWorkspace   *self);
void        _lk_workspace_start_clock         (LkWorkspace   *self);
void        _lk_workspace_class_view_init     (GtkWidgetClass *widget_class);

/* lk-workspace-actions.c */
void        _lk_workspace_class_actions_init  (GtkWidgetClass *widget_class);

/* lk-workspace-verification.c */
void        _lk_workspace_update_verification (LkWorkspace  *self);
void        _lk_workspace_class_verification_init (GtkWidgetClass *widget_class);

G_END_DECLS
