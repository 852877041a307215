/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lk-progress.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"

G_BEGIN_DECLS

typedef enum
{
  LK_AUDIT_FORMAT_JSONL,
  LK_AUDIT_FORMAT_CSV,
} LkAuditFormat;

gboolean lk_audit_log_format_parse (const char     *text,
                                LkAuditFormat  *format,
                                GError        **error);

/* Administrators and reviewers may verify the chain; the check itself is audited. */
gboolean lk_audit_log_verify   (LkSession      *session,
                                gint64         *n_events,
                                gint64         *broken_seq,
                                char          **reason,
                                GError        **error);

/* The chain alone cannot show that events were cut from its end, or that someone with write
 * access rewrote it from some event on and computed the hashes afresh. An anchor can: the
 * sequence number and hash of an event, written down outside Likeness (a case file, a
 * quality manager's mail). The newest event is the head (administrators and reviewers). */
gboolean lk_audit_log_head     (LkSession      *session,
                                gint64         *seq,
                                char          **hash,
                                GError        **error);
/* Parses "SEQ:HASH" (HASH: 64 hexadecimal digits). */
gboolean lk_audit_log_anchor_parse (const char     *text,
                                gint64         *seq,
                                char          **hash,
                                GError        **error);
/* As lk_audit_log_verify(), and the chain must still hold event @anchor_seq with
 * @anchor_hash: a missing event or another hash is a break at @anchor_seq. */
gboolean lk_audit_log_verify_anchored (LkSession  *session,
                                       gint64      anchor_seq,
                                       const char *anchor_hash,
                                       gint64     *n_events,
                                       gint64     *broken_seq,
                                       char      **reason,
                                       GError    **error);

/* Administrators only: writes every event (a disclosure, audited before it is written). */
gboolean lk_audit_log_export   (LkSession      *session,
                                LkAuditFormat   format,
                                GOutputStream  *out,
                                GError        **error);

/* The same as lk_audit_log_verify_anchored() and lk_audit_log_export(), with progress (may be
 * NULL) and a @cancellable that stops the work part-way with %G_IO_ERROR_CANCELLED.
 *
 * Once the chain holds, verification also holds every signed record (conclusions, locked
 * analyses, signed verification records) to the hash or details its signing event holds; each
 * that differs is added to @mismatches (of LkAuditMismatch; may be NULL), and the verdict is a
 * break at the first one's signing event, @reason naming them all. */
gboolean lk_audit_log_verify_watched     (LkSession      *session,
                                          gint64          anchor_seq,
                                          const char     *anchor_hash,
                                          LkProgress     *progress,
                                          GCancellable   *cancellable,
                                          gint64         *n_events,
                                          gint64         *broken_seq,
                                          char          **reason,
                                          GPtrArray      *mismatches,
                                          GError        **error);
gboolean lk_audit_log_export_cancellable (LkSession      *session,
                                          LkAuditFormat   format,
                                          GOutputStream  *out,
                                          GCancellable   *cancellable,
                                          GError        **error);

/* ---- for the application: each in a worker thread ------------------------------------- */

/* What a check of the chain found. */
typedef struct
{
  gint64  n_events;
  gint64  broken_seq;  /* 0: intact */
  char   *reason;      /* why it broke; NULL when intact */
  gint64  anchor_seq;  /* the anchor checked against; 0: none */
  char   *head;        /* the newest event after the check, as SEQ:HASH; NULL if unreadable */
  GPtrArray *mismatches; /* of LkAuditMismatch: the signed records that differ; never NULL */
} LkAuditLogVerdict;

void               lk_audit_log_verdict_free  (LkAuditLogVerdict *verdict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkAuditLogVerdict, lk_audit_log_verdict_free)

/* Checks the chain and, when @anchor ("SEQ:HASH", as typed; blank or NULL for none) is given,
 * that it still holds that event. A malformed anchor is an error; a break is a verdict. */
void               lk_audit_log_check_async   (LkSession           *session,
                                               const char          *anchor,
                                               LkProgress          *progress,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
LkAuditLogVerdict *lk_audit_log_check_finish  (GAsyncResult        *result,
                                               GError             **error);
/* The newest event as SEQ:HASH, the anchor to write down. */
char              *lk_audit_log_anchor        (LkSession           *session,
                                               GError             **error);
void               lk_audit_log_anchor_async  (LkSession           *session,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char              *lk_audit_log_anchor_finish (GAsyncResult        *result,
                                               GError             **error);
/* Exports to @file, replacing it only once the whole log is written: a failed or cancelled
 * export leaves an existing file as it was. */
void               lk_audit_log_export_file_async  (LkSession           *session,
                                                    LkAuditFormat        format,
                                                    GFile               *file,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean           lk_audit_log_export_file_finish (GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
