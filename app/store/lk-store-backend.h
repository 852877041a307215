/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a database engine provides to the store: lk-store.c holds what every backend shares
 * (the object, the query cache, locking, transactions, migrations) and calls a backend through
 * this table. lk-store-sqlite.c is the embedded default, lk-store-pg.c a PostgreSQL server.
 * Private to app/store/. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* As declared in lk-store.h and lk-store-private.h, which this header does not include (they
 * include nothing of it either way: lk-store.c includes both). */
typedef struct _LkStore LkStore;
typedef struct _LkStmt LkStmt;

typedef enum
{
  LK_VALUE_NULL,
  LK_VALUE_INTEGER,
  LK_VALUE_REAL,
  LK_VALUE_TEXT,
  LK_VALUE_BLOB,
} LkValueType;

/* One bound parameter; text and blobs are copied by the backend. */
typedef struct
{
  LkValueType   type;
  gint64        integer;
  double        real;
  gconstpointer data; /* text or blob */
  gsize         size; /* bytes of data; text need not end in a NUL */
} LkValue;

/* Every backend's statement starts with this. */
struct _LkStmt
{
  LkStore  *store; /* unowned: the store owns its statements */
  gboolean  failed; /* the last step since the statement was taken failed */
};

typedef struct _LkStoreBackend LkStoreBackend;

/* How often an SQLite store looks for commits of other processes (lk_store_watch_changes). */
#define LK_STORE_POLL_MS 500

struct _LkStore
{
  GObject               parent_instance;
  const LkStoreBackend *backend;
  gpointer              conn; /* the backend's connection */
  char                 *path; /* a file path or a connection URI without its password */
  GHashTable           *statements; /* SQL text -> LkStmt */
  GRecMutex             mutex;
  gboolean              demo;
  GMainContext         *context; /* where "changed" is emitted */
  /* SQLite: the timer that looks for other processes' commits, PRAGMA data_version and the
   * change_marks of "case", "verification" and "conclusion" when it last looked. */
  GSource              *poll_source;
  gint64                poll_version;
  gint64                poll_marks[3];
  /* Inside lk_txn_begin_enclosing(): lk_txn_begin() makes savepoints. */
  gboolean              enclosing;
  guint                 savepoints; /* savepoints open now, to name the next one */
};

struct _LkStoreBackend
{
  const char *name;
  /* Connects (creating a missing file with %LK_STORE_OPEN_CREATE). */
  gboolean     (*open)            (LkStore *self, int flags, GError **error);
  void         (*close)           (LkStore *self);
  /* Refuses what is not a Likeness database or is newer; *version 0 is an empty database. */
  gboolean     (*check_identity)  (LkStore *self, gint64 *version, GError **error);
  gboolean     (*configure)       (LkStore *self, GError **error);
  /* The script that makes an empty database, and the version it leaves it at. */
  const char * (*initial_schema)  (gint64 *version);
  /* The script of migration @index (from version @index to @index + 1). */
  const char * (*migration)       (guint index);
  gboolean     (*write_identity)  (LkStore *self, GError **error);
  gboolean     (*read_version)    (LkStore *self, gint64 *version, GError **error);
  gboolean     (*write_version)   (LkStore *self, gint64 version, GError **error);
  gboolean     (*exec)            (LkStore *self, const char *sql, GError **error);
  gboolean     (*in_transaction)  (LkStore *self);
  /* Begins a write transaction that no other writer runs alongside. */
  gboolean     (*begin)           (LkStore *self, GError **error);
  gboolean     (*commit)          (LkStore *self, GError **error);
  void         (*rollback)        (LkStore *self);
  /* After a statement that was its own transaction: waits until it is durable (NULL: its
   * commit waited already). */
  gboolean     (*wait_durable)    (LkStore *self, GError **error);
  void         (*set_busy_timeout) (LkStore *self, int milliseconds);
  /* Starts announcing other connections' changes (NULL: the backend cannot). */
  gboolean     (*watch)           (LkStore *self, GError **error);

  LkStmt *     (*prepare)         (LkStore *self, const char *sql, GError **error);
  void         (*stmt_free)       (LkStmt *stmt);
  /* Back to before the first step, parameters cleared. */
  void         (*stmt_reset)      (LkStmt *stmt);
  void         (*bind)            (LkStmt *stmt, int index, const LkValue *value);
  /* 1 with a row, 0 when there is none, -1 with @error set. */
  int          (*step)            (LkStmt *stmt, GError **error);
  /* Runs an INSERT and returns the new row's id, or 0 with @error set. */
  gint64       (*insert)          (LkStmt *stmt, GError **error);
  gint64       (*changes)         (LkStmt *stmt);
  LkValueType  (*column_type)     (LkStmt *stmt, int column);
  const char * (*column_text)     (LkStmt *stmt, int column);
  gint64       (*column_int64)    (LkStmt *stmt, int column);
  double       (*column_double)   (LkStmt *stmt, int column);
  gconstpointer (*column_blob)    (LkStmt *stmt, int column, gsize *size);
};

extern const LkStoreBackend lk_store_sqlite_backend;
extern const LkStoreBackend lk_store_pg_backend;

const char *lk_store_sqlite_version (void);
/* From any thread: emits LkStore::changed with @topic on the store's main context. */
void lk_store_announce_change (LkStore *self, const char *topic);
const char *lk_store_pg_version     (void);

G_END_DECLS
