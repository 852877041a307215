/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the compare view's files share: lk-compare-view.c has the modes, the settings, the
 * geometry of eye markers and annotations, and the object; lk-compare-view-snapshot.c draws;
 * lk-compare-view-input.c finds what is under the pointer and handles drags and keys. */
#pragma once

#include "lk-compare-view.h"

G_BEGIN_DECLS

/* What a composed frame of two images depends on. */
typedef struct
{
  const char  *mode;
  guint        serials[2];    /* the probe's and the candidate's draw serials */
  double       opacity;
  double       wipe_position;
  gboolean     wipe_vertical;
  int          width;
  int          height;
  int          scale_factor;
  GskRenderer *renderer;
} BlendKey;

struct _LkCompareView
{
  GtkWidget    parent_instance;

  LkImageView *probe;
  LkImageView *candidate;
  LkImageView *difference;
  GtkWidget   *hbars[2];     /* scroll bars of the left (or only) pane and the right pane */
  GtkWidget   *vbars[2];
  char        *mode;
  double       opacity;
  double       wipe_position;
  gboolean     wipe_vertical;
  double       flicker_rate;
  double       gain;         /* of the difference image */
  gboolean     flicker_phase;
  guint        flicker_source;
  gboolean     locked;
  gboolean     show_annotations;
  gboolean     syncing;
  gboolean     dragging_wipe;
  GListModel  *annotations;  /* LkAnnotation */
  GArray      *selected;     /* gint64 ids of the annotations drawn highlighted */
  gboolean     show_eyes;
  LkPoint      eyes[2][2];   /* probe, candidate; original image coordinates */
  int          dragging_eye; /* -1 none, else image * 2 + index */
  gboolean     movable;      /* annotations may be dragged to a new place */
  gint64       moving;       /* the annotation being dragged, 0 none */
  double       move_dx;      /* how far, in its image's pixels */
  double       move_dy;
  double       drag_x;       /* where the drag started, widget pixels */
  double       drag_y;
  gboolean     holding;      /* flicker held on the candidate by a key */
  BlendKey     last_key;     /* of the last frame composed */
  BlendKey     blend_key;    /* of the composed frame kept */
  GdkTexture  *blend;        /* the overlay or wipe composed once, while nothing changes */
  graphene_rect_t blend_area; /* where it goes: the part the images cover */
};

static inline gboolean
_lk_compare_view_is_mode (LkCompareView *self,
                          const char    *mode)
{
  return g_strcmp0 (self->mode, mode) == 0;
}

/* lk-compare-view.c */
void         _lk_compare_view_update_flicker (LkCompareView *self);
gboolean     _lk_compare_view_is_selected    (LkCompareView *self,
                                              gint64         id);
/* Eye marker @which (image * 2 + index) in widget coordinates. */
gboolean     _lk_compare_view_eye_on_widget  (LkCompareView *self,
                                              int            which,
                                              double        *x,
                                              double        *y);
/* The eye marker within reach of (x, y), or -1. */
int          _lk_compare_view_eye_near       (LkCompareView *self,
                                              double         x,
                                              double         y);
LkImageView *_lk_compare_view_view_for       (LkCompareView *self,
                                              const char    *image);
/* Whether @image is on screen now (flicker shows one at a time). */
gboolean     _lk_compare_view_image_drawn    (LkCompareView *self,
                                              const char    *image);
/* Point @i of annotation @a in widget coordinates, through @view. */
gboolean     _lk_compare_view_point_at       (LkCompareView *self,
                                              LkImageView   *view,
                                              LkAnnotation  *a,
                                              guint          i,
                                              double        *x,
                                              double        *y);

/* lk-compare-view-snapshot.c */
void         _lk_compare_view_snapshot       (GtkWidget     *widget,
                                              GtkSnapshot   *snapshot);

/* lk-compare-view-input.c */
void         _lk_compare_view_add_controllers (LkCompareView *self);

G_END_DECLS
