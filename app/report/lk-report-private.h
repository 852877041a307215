/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/report: what the sections are written from, and the sections. */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-internal.h"
#include "report/lk-report.h"
#include "report/lk-report-layout-private.h"
#include "store/lk-audit.h"

G_BEGIN_DECLS

typedef struct
{
  LkSession  *session;
  LkStore    *store;
  gint64      case_id;
  JsonObject *record;     /* `case show --json` */
  JsonArray  *lists;      /* per candidate list: provenance, reveals, candidates with triage */
  GPtrArray  *events;     /* LkAuditEvent of the case, oldest first */
  gint64      head_seq;   /* the chain head when the report was made */
  char       *head_hash;
  gboolean    draft;
  gboolean    demo;
  char       *generated_by;
  char       *generated_at;
} LkReportData;

void      lk_report_data_clear  (LkReportData  *data);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkReportData, lk_report_data_clear)

/* The id of case @number, or 0 with @error when there is none. */
gint64    lk_report_case_id     (LkStore       *store,
                                 const char    *number,
                                 GError       **error);
/* Reads everything but the images. */
gboolean  lk_report_data_read   (LkSession     *session,
                                 const char    *number,
                                 LkReportData  *data,
                                 GError       **error);

/* Refuses a reviewer whose blind verification in the case waits for their own conclusion. */
gboolean  lk_report_check_unblinded (const LkReportData  *data,
                                     const char          *what,
                                     GError             **error);

/* The sections, in order. The examinations section decodes images only while drawing. */
void      lk_report_title       (LkLayout *layout, const LkReportData *data);
void      lk_report_request     (LkLayout *layout, const LkReportData *data);
void      lk_report_items       (LkLayout *layout, const LkReportData *data);
void      lk_report_lists       (LkLayout *layout, const LkReportData *data);
gboolean  lk_report_examinations (LkLayout      *layout,
                                  const LkReportData *data,
                                  GCancellable  *cancellable,
                                  GError       **error);
void      lk_report_audit       (LkLayout *layout, const LkReportData *data);

/* The plates of one examination (side by side after alignment, overlay, annotations). */
gboolean  lk_report_plates      (LkLayout            *layout,
                                 const LkReportData  *data,
                                 gint64               examination_id,
                                 GError             **error);

/* JSON helpers that tolerate absent members. */
const char *lk_report_str       (JsonObject  *o,
                                 const char  *name);
char       *lk_report_words     (JsonObject  *o,
                                 const char  *name);

G_END_DECLS
