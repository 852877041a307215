/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "lk-progress.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

/* Who does something: the user name and the role that authorised it. */
typedef struct
{
  const char *user;
  const char *role;
} LkActor;

#define LK_ACTOR_SYSTEM ((const LkActor *) &lk_actor_system)
extern const LkActor lk_actor_system;

typedef struct
{
  gint64  seq;
  char   *at;
  char   *user;
  char   *role;
  char   *action;
  char   *object;
  char   *details; /* JSON object text */
  char   *prev_hash;
  char   *hash;
} LkAuditEvent;

void      lk_audit_event_free (LkAuditEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkAuditEvent, lk_audit_event_free)

/* Appends one event; must run inside the transaction of the change it records.
 * @details may be NULL (an empty object). */
gboolean  lk_audit_append     (LkStore        *store,
                               const LkActor  *actor,
                               const char     *action,
                               const char     *object,
                               JsonObject     *details,
                               GError        **error);

/* Appends one event in a transaction of its own (log-in failures, reads, integrity alarms). */
gboolean  lk_audit_record     (LkStore        *store,
                               const LkActor  *actor,
                               const char     *action,
                               const char     *object,
                               JsonObject     *details,
                               GError        **error);

/* Walks the chain. Returns TRUE when intact; on a break returns FALSE with @broken_seq set to
 * the first bad event and @reason describing it. @n_events counts the events read. */
gboolean  lk_audit_verify     (LkStore        *store,
                               gint64         *n_events,
                               gint64         *broken_seq,
                               char          **reason,
                               GError        **error);
/* The same, reporting progress (when @progress is not NULL) and stopping with
 * %G_IO_ERROR_CANCELLED when @cancellable is cancelled. */
gboolean  lk_audit_verify_watched (LkStore       *store,
                                   LkProgress    *progress,
                                   GCancellable  *cancellable,
                                   gint64        *n_events,
                                   gint64        *broken_seq,
                                   char         **reason,
                                   GError       **error);

/* A signed record (a conclusion, a locked analysis, a signed verification record) that no
 * longer matches the hash or the details its signing event holds. */
typedef struct
{
  char   *record;    /* as said to a person: "conclusion 3 (examination 2, revision 1)" */
  gint64  event_seq; /* its signing event; 0 when no event holds what the record should be */
} LkAuditMismatch;

LkAuditMismatch *lk_audit_mismatch_new  (gint64      event_seq,
                                         const char *format,
                                         ...) G_GNUC_PRINTF (2, 3);
void             lk_audit_mismatch_free (LkAuditMismatch *mismatch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkAuditMismatch, lk_audit_mismatch_free)

/* The canonical bytes that an event's hash covers (after the previous hash). */
void      lk_audit_canonical  (GString        *out,
                               const char     *prev_hash,
                               gint64          seq,
                               const char     *at,
                               const char     *user,
                               const char     *role,
                               const char     *action,
                               const char     *object,
                               const char     *details);

typedef gboolean (*LkAuditForeach) (const LkAuditEvent *event,
                                    gpointer            user_data,
                                    GError            **error);
gboolean  lk_audit_foreach    (LkStore        *store,
                               LkAuditForeach  func,
                               gpointer        user_data,
                               GError        **error);

G_END_DECLS
