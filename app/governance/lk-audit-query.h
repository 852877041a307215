/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The audit trail to browse: events filtered by case, user, action, object and period,
 * answered by indexed queries, read a page at a time. */
#pragma once

#include <gio/gio.h>

#include "governance/lk-audit-log.h"
#include "people/lk-session.h"

G_BEGIN_DECLS

/* Every member may be NULL or blank (no filter). @action ending in "*" matches a prefix
 * ("probe.*"); @from and @to are days (YYYY-MM-DD, UTC), both included. */
typedef struct
{
  char *case_number;
  char *user;
  char *action;
  char *object;
  char *from;
  char *to;
} LkAuditFilter;

void      lk_audit_filter_clear  (LkAuditFilter        *filter);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LkAuditFilter, lk_audit_filter_clear)
void      lk_audit_filter_copy   (LkAuditFilter        *to,
                                  const LkAuditFilter  *from);
/* Checks the days; an %LK_ERROR_INVALID_INPUT error names the bad one. */
gboolean  lk_audit_filter_check  (const LkAuditFilter  *filter,
                                  GError              **error);
/* The filter as said to a person: "case 2026/17, user bob, 2026-01-01 to 2026-01-31". */
char     *lk_audit_filter_describe (const LkAuditFilter *filter);

/* Administrators (never a reviewer with blind work pending). The sequence numbers of the
 * matching events, oldest first (a GArray of gint64). Audited as "audit.listed" with the
 * filter. */
GArray   *lk_audit_log_select    (LkSession            *session,
                                  const LkAuditFilter  *filter,
                                  GError              **error);
/* The matching events with @first_seq <= seq <= @last_seq, oldest first (of LkAuditEvent). A
 * page of what lk_audit_log_select() found; not audited again. */
GPtrArray *lk_audit_log_fetch    (LkSession            *session,
                                  const LkAuditFilter  *filter,
                                  gint64                first_seq,
                                  gint64                last_seq,
                                  GError              **error);
/* Writes the matching events as `audit export` does (CSV with its header line, or JSON
 * lines); audited as "audit.exported" with the filter. */
gboolean  lk_audit_log_export_filtered (LkSession           *session,
                                        const LkAuditFilter *filter,
                                        LkAuditFormat        format,
                                        GOutputStream       *out,
                                        GCancellable        *cancellable,
                                        GError             **error);
void      lk_audit_log_export_filtered_async  (LkSession            *session,
                                               const LkAuditFilter  *filter,
                                               LkAuditFormat         format,
                                               GFile                *file,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean  lk_audit_log_export_filtered_finish (GAsyncResult         *result,
                                               GError              **error);

/* One event as a typed record for views. An entry of a list whose pages are read in the
 * background may know only its number at first ("loaded" FALSE, the texts NULL); the rest
 * arrives once, with a notify of each property. */
#define LK_TYPE_AUDIT_ENTRY (lk_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (LkAuditEntry, lk_audit_entry, LK, AUDIT_ENTRY, GObject)

LkAuditEntry *lk_audit_entry_new           (const LkAuditEvent *event);
gint64        lk_audit_entry_get_seq       (LkAuditEntry       *self);
const char   *lk_audit_entry_get_at        (LkAuditEntry       *self);
const char   *lk_audit_entry_get_user      (LkAuditEntry       *self);
const char   *lk_audit_entry_get_role      (LkAuditEntry       *self);
const char   *lk_audit_entry_get_action    (LkAuditEntry       *self);
const char   *lk_audit_entry_get_object    (LkAuditEntry       *self);
/* The details as stored (a JSON object's text) and as readable lines "key: value". */
const char   *lk_audit_entry_get_details   (LkAuditEntry       *self);
char         *lk_audit_entry_dup_details_text (LkAuditEntry    *self);
const char   *lk_audit_entry_get_prev_hash (LkAuditEntry       *self);
const char   *lk_audit_entry_get_hash      (LkAuditEntry       *self);
gboolean      lk_audit_entry_get_loaded    (LkAuditEntry       *self);

/* The matching events as a list model of LkAuditEntry that holds only their sequence numbers
 * and reads the events a page at a time (an indexed range query) as rows are asked for, so
 * that a million events never become a million objects. A list made by
 * lk_audit_event_list_new() reads a page when a row of it is asked for; one made by
 * lk_audit_event_list_new_async() hands out entries that know their number only, reads their
 * page in a worker thread and fills them in place (no items-changed: the rows, the scroll
 * position and the selection stay where they are). Its "loading" property is TRUE while a
 * page is being read. */
#define LK_TYPE_AUDIT_EVENT_LIST (lk_audit_event_list_get_type ())
G_DECLARE_FINAL_TYPE (LkAuditEventList, lk_audit_event_list, LK, AUDIT_EVENT_LIST, GObject)

#define LK_AUDIT_EVENT_LIST_PAGE 256

LkAuditEventList *lk_audit_event_list_new          (LkSession            *session,
                                                    const LkAuditFilter  *filter,
                                                    GError              **error);
/* The selection in a worker thread; the pages are read as rows are shown. */
void              lk_audit_event_list_new_async    (LkSession            *session,
                                                    const LkAuditFilter  *filter,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
LkAuditEventList *lk_audit_event_list_new_finish   (GAsyncResult         *result,
                                                    GError              **error);
/* Whether a page is being read in the background. */
gboolean          lk_audit_event_list_get_loading  (LkAuditEventList     *self);
/* The position of event @seq among the matches, or G_MAXUINT when it is not one of them. */
guint             lk_audit_event_list_find         (LkAuditEventList     *self,
                                                    gint64                seq);
/* Pages read so far (for tests and the benchmark). */
guint             lk_audit_event_list_pages_read   (LkAuditEventList     *self);
/* The first error of a page read, if any (the row then shows as missing). */
const GError     *lk_audit_event_list_get_error    (LkAuditEventList     *self);

G_END_DECLS
