/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's interface to the rest of app/: queries, typed reads, transactions and locking.
 * Nothing here names the database engine, so a second backend implements these functions and
 * no model file changes. Internal to app/: ui/ and cli/ cannot include it (checked in meson). */
#pragma once

#include "lk-internal.h"

#include "store/lk-store.h"

G_BEGIN_DECLS

/* A prepared query. While one is held the store is locked for the calling thread; releasing
 * it (g_autoptr does) resets it and unlocks. Queries are cached by their SQL text, so the same
 * text must not be held twice at once. */
typedef struct _LkStmt LkStmt;

LkStmt       *lk_store_stmt          (LkStore      *self,
                                      const char   *sql,
                                      GError      **error);
void          lk_stmt_release        (LkStmt       *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkStmt, lk_stmt_release)

/* Parameters count from 1; text and blobs are copied. */
void          lk_stmt_bind_text      (LkStmt       *stmt,
                                      int           index,
                                      const char   *value);
void          lk_stmt_bind_text_len  (LkStmt       *stmt,
                                      int           index,
                                      const char   *value,
                                      gsize         length);
void          lk_stmt_bind_int       (LkStmt       *stmt,
                                      int           index,
                                      int           value);
void          lk_stmt_bind_int64     (LkStmt       *stmt,
                                      int           index,
                                      gint64        value);
void          lk_stmt_bind_double    (LkStmt       *stmt,
                                      int           index,
                                      double        value);
void          lk_stmt_bind_null      (LkStmt       *stmt,
                                      int           index);
void          lk_stmt_bind_blob      (LkStmt       *stmt,
                                      int           index,
                                      gconstpointer data,
                                      gsize         size);

/* Steps to the next row: TRUE with a row to read; FALSE when there is none (error unset) or
 * the query failed (error set). A violated UNIQUE constraint is %LK_ERROR_EXISTS. */
gboolean      lk_stmt_next           (LkStmt       *stmt,
                                      GError      **error);
/* TRUE when the last step of @stmt failed (its error was reported by that step): the check
 * after a `while (lk_stmt_next (stmt, error))` loop. */
gboolean      lk_stmt_failed         (LkStmt       *stmt);
/* Steps to the one row a query must find: FALSE with @error set when it failed, or when there
 * is no row, to %LK_ERROR_NOT_FOUND with the message @not_found. */
gboolean      lk_stmt_row            (LkStmt       *stmt,
                                      GError      **error,
                                      const char   *not_found,
                                      ...) G_GNUC_PRINTF (3, 4);
/* Runs a statement that returns no rows. */
gboolean      lk_stmt_done           (LkStmt       *stmt,
                                      GError      **error);
/* Runs an INSERT and returns the new row's id, or 0 with @error set. */
gint64        lk_stmt_insert         (LkStmt       *stmt,
                                      GError      **error);
/* The same, where a row that breaks a UNIQUE constraint is %LK_ERROR_EXISTS with the message
 * @exists (a name or number already taken). */
gint64        lk_stmt_insert_unique  (LkStmt       *stmt,
                                      GError      **error,
                                      const char   *exists,
                                      ...) G_GNUC_PRINTF (3, 4);
/* Rows changed by the last statement run on this query's connection. */
gint64        lk_stmt_changes        (LkStmt       *stmt);

/* Columns count from 0; text is NULL for SQL NULL and valid until the next step. */
const char   *lk_stmt_text           (LkStmt       *stmt,
                                      int           column);
char         *lk_stmt_dup_text       (LkStmt       *stmt,
                                      int           column);
int           lk_stmt_int            (LkStmt       *stmt,
                                      int           column);
gint64        lk_stmt_int64          (LkStmt       *stmt,
                                      int           column);
double        lk_stmt_double         (LkStmt       *stmt,
                                      int           column);
gboolean      lk_stmt_is_null        (LkStmt       *stmt,
                                      int           column);
/* A column stored as an integer (as opposed to text or a real). */
gboolean      lk_stmt_is_integer     (LkStmt       *stmt,
                                      int           column);
/* A column stored as a real (a floating-point number). */
gboolean      lk_stmt_is_real        (LkStmt       *stmt,
                                      int           column);
gconstpointer lk_stmt_blob           (LkStmt       *stmt,
                                      int           column,
                                      gsize        *size);
GBytes       *lk_stmt_bytes          (LkStmt       *stmt,
                                      int           column);

/* Runs one or more statements that return nothing (schema, pragmas, test fixtures). */
gboolean      lk_store_exec          (LkStore      *self,
                                      const char   *sql,
                                      GError      **error);
/* The stored text of the setting @key into @value, NULL when it was never set; FALSE with
 * @error when it cannot be read. */
gboolean      lk_store_get_setting   (LkStore      *self,
                                      const char   *key,
                                      char        **value,
                                      GError      **error);
/* Sets the setting @key (policy values, the editions in use) to @value, adding it when new. */
gboolean      lk_store_set_setting   (LkStore      *self,
                                      const char   *key,
                                      const char   *value,
                                      GError      **error);
/* A scope in which no other thread uses the store: several reads that must agree. */
typedef struct _LkStoreLock LkStoreLock;
LkStoreLock  *lk_store_lock          (LkStore      *self);
void          lk_store_unlock        (LkStoreLock  *lock);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkStoreLock, lk_store_unlock)
/* TRUE inside a transaction of this thread (functions that must run in the caller's
 * transaction check it). */
gboolean      lk_store_in_transaction (LkStore     *self);

/* One user action is one transaction: BEGIN IMMEDIATE on creation, ROLLBACK on free unless
 * committed. The store lock is held for the transaction's lifetime. */
typedef struct _LkTxn LkTxn;
LkTxn        *lk_txn_begin           (LkStore      *store,
                                      GError      **error);
gboolean      lk_txn_commit          (LkTxn        *txn,
                                      GError      **error);
void          lk_txn_free            (LkTxn        *txn);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTxn, lk_txn_free)

/* After a statement run outside a transaction that wrote (it was its own transaction, as an
 * audit event alone is on a server): returns once it is on disk, as a commit does. */
gboolean      lk_store_wait_durable  (LkStore      *self,
                                      GError      **error);

/* One transaction around several actions that must land together or not at all (a demo
 * workspace filled on a server, where there is no file to build aside and rename): inside it
 * each lk_txn_begin() opens a savepoint, whose commit releases it and whose free without a
 * commit rolls back to it; only the commit of the enclosing transaction commits. */
LkTxn        *lk_txn_begin_enclosing (LkStore      *store,
                                      GError      **error);

/* A step inside the caller's transaction that may fail without failing the action: on
 * PostgreSQL a failed statement aborts the whole transaction (every later statement is
 * refused) unless it ran inside a savepoint that is rolled back to; SQLite carries on either
 * way. lk_savepoint_begin() opens one (in a transaction only); lk_savepoint_release() keeps what
 * the step wrote; freeing it unreleased (g_autoptr does) undoes the step and leaves the
 * transaction usable. */
typedef struct _LkSavepoint LkSavepoint;
LkSavepoint  *lk_savepoint_begin     (LkStore      *store,
                                      GError      **error);
gboolean      lk_savepoint_release   (LkSavepoint  *savepoint,
                                      GError      **error);
void          lk_savepoint_free      (LkSavepoint  *savepoint);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkSavepoint, lk_savepoint_free)

G_END_DECLS
