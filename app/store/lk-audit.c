/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The append-only, hash-chained audit log.
 *
 * Each event stores the previous event's hash and
 *   hash = SHA-256 (prev_hash || canonical (seq, at, user, role, action, object, details))
 * where canonical() writes every field as "<byte length>:<bytes>\n". Changing, inserting or
 * removing any event breaks the chain at that event. */
#include "config.h"

#include <string.h>

#include "store/lk-audit.h"
#include "store/lk-store-private.h"
#include "store/lk-store.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define HASH_HEX_LEN 64

const LkActor lk_actor_system = { "system", "system" };

void
lk_audit_event_free (LkAuditEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->at);
  g_free (event->user);
  g_free (event->role);
  g_free (event->action);
  g_free (event->object);
  g_free (event->details);
  g_free (event->prev_hash);
  g_free (event->hash);
  g_free (event);
}

LkAuditMismatch *
lk_audit_mismatch_new (gint64      event_seq,
                       const char *format,
                       ...)
{
  LkAuditMismatch *mismatch = g_new0 (LkAuditMismatch, 1);
  va_list args;

  va_start (args, format);
  mismatch->record = g_strdup_vprintf (format, args);
  va_end (args);
  mismatch->event_seq = event_seq;
  return mismatch;
}

void
lk_audit_mismatch_free (LkAuditMismatch *mismatch)
{
  if (mismatch == NULL)
    return;
  g_free (mismatch->record);
  g_free (mismatch);
}

/* The longest decimal number: "-9223372036854775808". */
#define MAX_DECIMAL 20

/* Writes @value in decimal at @p and returns the end. No printf: verification formats every
 * field of every event. */
static char *
put_decimal (char     *p,
             guint64   value,
             gboolean  negative)
{
  char digits[MAX_DECIMAL + 4];
  gsize i = sizeof digits;

  do
    {
      digits[--i] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  if (negative)
    digits[--i] = '-';
  memcpy (p, digits + i, sizeof digits - i);
  return p + (sizeof digits - i);
}

/* Writes "<byte length>:<bytes>\n" at @p and returns the end. */
static char *
put_field (char       *p,
           const char *value,
           gsize       len)
{
  p = put_decimal (p, len, FALSE);
  *p++ = ':';
  memcpy (p, value, len);
  p += len;
  *p++ = '\n';
  return p;
}

static char *
put_int_field (char   *p,
               gint64  value)
{
  char text[MAX_DECIMAL + 4];
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;
  char *end = put_decimal (text, magnitude, value < 0);

  return put_field (p, text, (gsize) (end - text));
}

/* Sizes @out for the worst case once, then writes into it directly. */
void
lk_audit_canonical (GString    *out,
                    const char *prev_hash,
                    gint64      seq,
                    const char *at,
                    const char *user,
                    const char *role,
                    const char *action,
                    const char *object,
                    const char *details)
{
  const char *fields[] = { at, user, role, action, object, details };
  gsize lens[G_N_ELEMENTS (fields)];
  gsize prev_len = strlen (prev_hash);
  gsize size = prev_len + 2 * (MAX_DECIMAL + 2);
  char *p;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      lens[i] = fields[i] != NULL ? strlen (fields[i]) : 0;
      size += MAX_DECIMAL + 2 + lens[i];
    }
  g_string_set_size (out, size);
  p = out->str;
  memcpy (p, prev_hash, prev_len);
  p = put_int_field (p + prev_len, seq);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    p = put_field (p, fields[i] != NULL ? fields[i] : "", lens[i]);
  g_string_truncate (out, (gsize) (p - out->str));
}

static char *
details_to_text (JsonObject *details)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) empty = json_object_new ();

  json_node_set_object (node, details != NULL ? details : empty);
  return json_to_string (node, FALSE);
}

static gboolean
read_head (LkStore  *store,
           gint64   *seq,
           char    **hash,
           GError  **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  if (lk_stmt_next (stmt, error))
    {
      *seq = lk_stmt_int64 (stmt, 0);
      *hash = lk_stmt_dup_text (stmt, 1);
      return TRUE;
    }
  if (lk_stmt_failed (stmt))
    return FALSE;
  *seq = 0;
  *hash = g_strdup (GENESIS_HASH);
  return TRUE;
}

/* On a server the event is chained by lk_audit_append () inside the server (lk-schema.c): one
 * round trip that takes the writers' lock, reads the head and inserts, with the same canonical
 * form and hash as append_here() below, so that verification reads both alike. */
/* An event alone (outside a transaction) is its own transaction: it commits without waiting
 * for the disk, so that the writers' lock it takes is free at once, and the store then waits
 * for its flush outside the lock (see lk-store-pg-commit.c). */
#define APPEND_ALONE "SELECT lk_audit_append (?, ?, ?, ?, ?)" \
                     " FROM (SELECT set_config ('synchronous_commit', 'off', true)) AS unflushed"

/* The server times the event itself, once it holds the writers' lock (schema version 21). */
static gboolean
append_on_server (LkStore        *store,
                  const LkActor  *actor,
                  const char     *action,
                  const char     *object,
                  const char     *details_text,
                  GError        **error)
{
  gboolean alone = !lk_store_in_transaction (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, alone ? APPEND_ALONE : "SELECT lk_audit_append (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_text (stmt, 1, actor->user);
  lk_stmt_bind_text (stmt, 2, actor->role);
  lk_stmt_bind_text (stmt, 3, action);
  lk_stmt_bind_text (stmt, 4, object);
  lk_stmt_bind_text (stmt, 5, details_text);
  return lk_stmt_next (stmt, error);
}

/* Inside the write transaction, which holds the file's lock: the time follows the number. */
static gboolean
append_here (LkStore        *store,
             const LkActor  *actor,
             const char     *action,
             const char     *object,
             const char     *details_text,
             GError        **error)
{
  g_autofree char *at = lk_now_utc ();
  g_autofree char *prev_hash = NULL;
  g_autoptr(GString) canonical = g_string_sized_new (256);
  g_autoptr(LkStmt) stmt = NULL;
  g_autofree char *hash = NULL;
  gint64 seq;

  if (!read_head (store, &seq, &prev_hash, error))
    return FALSE;
  seq++;
  lk_audit_canonical (canonical, prev_hash, seq, at, actor->user, actor->role, action, object,
                      details_text);
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) canonical->str,
                                      canonical->len);

  stmt = lk_store_stmt (store,
                        "INSERT INTO audit_event (seq, at, \"user\", role, action, object, details,"
                        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, seq);
  lk_stmt_bind_text (stmt, 2, at);
  lk_stmt_bind_text (stmt, 3, actor->user);
  lk_stmt_bind_text (stmt, 4, actor->role);
  lk_stmt_bind_text (stmt, 5, action);
  lk_stmt_bind_text (stmt, 6, object);
  lk_stmt_bind_text (stmt, 7, details_text);
  lk_stmt_bind_text (stmt, 8, prev_hash);
  lk_stmt_bind_text (stmt, 9, hash);
  return lk_stmt_done (stmt, error);
}

static gboolean
append (LkStore        *store,
        const LkActor  *actor,
        const char     *action,
        const char     *object,
        JsonObject     *details,
        GError        **error)
{
  g_autofree char *details_text = details_to_text (details);

  if (object == NULL)
    object = "";
  if (lk_store_is_server (store))
    return append_on_server (store, actor, action, object, details_text, error);
  return append_here (store, actor, action, object, details_text, error);
}

gboolean
lk_audit_append (LkStore        *store,
                 const LkActor  *actor,
                 const char     *action,
                 const char     *object,
                 JsonObject     *details,
                 GError        **error)
{
  g_return_val_if_fail (LK_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL && action != NULL, FALSE);
  /* An event belongs to the transaction of the change it records. */
  g_return_val_if_fail (lk_store_in_transaction (store), FALSE);

  return append (store, actor, action, object, details, error);
}

gboolean
lk_audit_record (LkStore        *store,
                 const LkActor  *actor,
                 const char     *action,
                 const char     *object,
                 JsonObject     *details,
                 GError        **error)
{
  g_autoptr(LkStoreLock) locker = NULL;
  g_autoptr(LkTxn) txn = NULL;

  g_return_val_if_fail (LK_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL && action != NULL, FALSE);

  /* An event alone is one statement on a server, a transaction of its own (it takes the
   * writers' lock inside): no BEGIN, no COMMIT to wait for. Inside an enclosing transaction
   * it is a step of that one (lk_txn_begin() below makes a savepoint). */
  locker = lk_store_lock (store);

  if (lk_store_is_server (store) && !lk_store_in_transaction (store))
    return append (store, actor, action, object, details, error) &&
           lk_store_wait_durable (store, error);
  txn = lk_txn_begin (store, error);
  return txn != NULL &&
         lk_audit_append (store, actor, action, object, details, error) &&
         lk_txn_commit (txn, error);
}

#define COL(i) (lk_stmt_text (stmt, (i)))

/* Verification state, kept on the stack: no allocation per event. */
typedef struct
{
  GString   *canonical;
  GChecksum *checksum;
  char       prev[HASH_HEX_LEN + 1]; /* the hash of the last event that checked out */
  char       hash[HASH_HEX_LEN + 1]; /* the hash computed for the current event */
} Verifier;

/* Hashes the canonical bytes into lower-case hex, as g_checksum_get_string() would. */
static void
compute_hash (Verifier *v)
{
  static const char hex[] = "0123456789abcdef";
  guint8 digest[HASH_HEX_LEN / 2];
  gsize len = sizeof digest;

  g_checksum_reset (v->checksum);
  g_checksum_update (v->checksum, (const guchar *) v->canonical->str, v->canonical->len);
  g_checksum_get_digest (v->checksum, digest, &len);
  g_assert (len == sizeof digest);
  for (gsize i = 0; i < len; i++)
    {
      v->hash[2 * i] = hex[digest[i] >> 4];
      v->hash[2 * i + 1] = hex[digest[i] & 0xf];
    }
  v->hash[HASH_HEX_LEN] = '\0';
}

static const char *
check_event (LkStmt   *stmt,
             gint64    expected_seq,
             Verifier *v)
{
  gint64 seq = lk_stmt_int64 (stmt, 0);

  if (seq != expected_seq)
    return seq > expected_seq ? "events before it are missing" : "sequence out of order";
  if (g_strcmp0 (COL (7), v->prev) != 0)
    return "its previous-event hash does not match the event before it";

  lk_audit_canonical (v->canonical, v->prev, seq, COL (1), COL (2), COL (3), COL (4),
                      COL (5), COL (6));
  compute_hash (v);
  if (g_strcmp0 (v->hash, COL (8)) != 0)
    return "its content does not match its hash (the event was altered)";
  memcpy (v->prev, v->hash, sizeof v->prev);
  return NULL;
}

static gint64
count_events (LkStore  *store,
              GError  **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "SELECT count(*) FROM audit_event", error);

  if (stmt == NULL || !lk_stmt_next (stmt, error))
    return -1;
  return lk_stmt_int64 (stmt, 0);
}

gboolean
lk_audit_verify_watched (LkStore       *store,
                         LkProgress    *progress,
                         GCancellable  *cancellable,
                         gint64        *n_events,
                         gint64        *broken_seq,
                         char         **reason,
                         GError       **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(GString) canonical = g_string_sized_new (512);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gint64 total = progress != NULL ? count_events (store, error) : 0;
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT seq, at, \"user\", role, action, object, details, prev_hash, hash"
                          " FROM audit_event ORDER BY seq", error);
  Verifier v = { canonical, checksum, GENESIS_HASH, "" };
  gint64 count = 0;

  if (stmt == NULL || total < 0)
    return FALSE;
  while (lk_stmt_next (stmt, error))
    {
      const char *problem = check_event (stmt, count + 1, &v);

      if (problem != NULL)
        {
          *n_events = count;
          *broken_seq = count + 1;
          *reason = g_strdup (problem);
          return FALSE;
        }
      count++;
      if (count % 4096 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            lk_progress_report (progress, (guint) MIN (count, G_MAXUINT),
                                (guint) MIN (total, G_MAXUINT), "Checking the audit chain");
        }
    }
  if (lk_stmt_failed (stmt))
    return FALSE;
  if (progress != NULL)
    lk_progress_report (progress, (guint) MIN (count, G_MAXUINT), (guint) MIN (count, G_MAXUINT),
                        "Checking the audit chain");
  *n_events = count;
  *broken_seq = 0;
  *reason = NULL;
  return TRUE;
}

gboolean
lk_audit_verify (LkStore  *store,
                 gint64   *n_events,
                 gint64   *broken_seq,
                 char    **reason,
                 GError  **error)
{
  return lk_audit_verify_watched (store, NULL, NULL, n_events, broken_seq, reason, error);
}

gboolean
lk_audit_foreach (LkStore        *store,
                  LkAuditForeach  func,
                  gpointer        user_data,
                  GError        **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT seq, at, \"user\", role, action, object, details, prev_hash, hash"
                          " FROM audit_event ORDER BY seq", error);

  if (stmt == NULL)
    return FALSE;
  while (lk_stmt_next (stmt, error))
    {
      LkAuditEvent event = {
        lk_stmt_int64 (stmt, 0), (char *) COL (1), (char *) COL (2), (char *) COL (3),
        (char *) COL (4), (char *) COL (5), (char *) COL (6), (char *) COL (7), (char *) COL (8),
      };

      if (!func (&event, user_data, error))
        return FALSE;
    }
  return !lk_stmt_failed (stmt);
}
