/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the files of the probe page: lk-probe-page.c (header, image, analysis, actions) and
 * lk-probe-page-facts.c (provenance, metadata, quality). */
#pragma once

#include "lk-analysis-form.h"
#include "lk-face-view.h"
#include "lk-probe-page.h"

G_BEGIN_DECLS

typedef enum
{
  FORM_NONE,    /* no form: locked, or the user cannot analyse */
  FORM_ANALYSE, /* the first analysis, while the probe awaits it */
  FORM_AMEND,   /* a new revision of a locked analysis */
} FormMode;

struct _LkProbePage
{
  AdwBin          parent_instance;

  LkSession      *session;
  gint64          probe_id;
  GCancellable   *cancellable;
  LkProbe        *probe;
  FormMode        mode;
  gboolean        image_failed;

  GtkStack       *page_stack;
  AdwStatusPage  *failed_page;
  GtkLabel       *file_label;
  GtkLabel       *details_label;
  GtkLabel       *simulated_label;
  GtkLabel       *status_label;
  GtkLabel       *hint_label;
  GtkStack       *image_stack;
  GtkSpinner     *image_spinner;
  LkFaceView     *face_view;
  AdwStatusPage  *image_error_page;
  GtkLabel       *analysis_intro;
  GtkStack       *analysis_stack;
  LkAnalysisForm *analysis_form;
  GtkListBox     *locked_list;
  GtkWidget      *amend_button;
  GtkListBox     *quality_list;
  GtkListBox     *provenance_list;
  GtkLabel       *sha_label;
  AdwActionRow   *integrity_row;
  GtkImage       *integrity_icon;
  GtkListBox     *metadata_list;
};

const char *
_lk_probe_page_text (const char *text);
void
_lk_probe_page_clear_list (GtkListBox *list);
GtkWidget *
_lk_probe_page_info_row (const char *title,
                         const char *value);
GtkWidget *
_lk_probe_page_notice_row (const char *title,
                           const char *explanation);
void
_lk_probe_page_add_icon (GtkWidget  *row,
                         const char *icon_name,
                         const char *css_class);
void
_lk_probe_page_changed (LkProbePage *self,
                        const char  *message);
void
_lk_probe_page_show_provenance (LkProbePage *self);
void
_lk_probe_page_show_metadata (LkProbePage *self);
void
_lk_probe_page_show_quality (LkProbePage *self);

G_END_DECLS
