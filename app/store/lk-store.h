/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schema version this build writes; older databases are migrated forward. */
#define LK_SCHEMA_VERSION 21
/* PRAGMA application_id of every Likeness database: "LkNs". */
#define LK_APPLICATION_ID 0x4c6b4e73

typedef enum
{
  LK_STORE_OPEN_DEFAULT = 0,
  /* create the file (and its folder) when missing, or the schema in an empty server database */
  LK_STORE_OPEN_CREATE  = 1 << 0,
  LK_STORE_OPEN_DEMO    = 1 << 1, /* a new database becomes a demo workspace */
} LkStoreOpenFlags;

#define LK_TYPE_STORE (lk_store_get_type ())
G_DECLARE_FINAL_TYPE (LkStore, lk_store, LK, STORE, GObject)

char       *lk_store_default_path      (void);
char       *lk_store_default_demo_path (void);
LkStore    *lk_store_open              (const char        *path,
                                        LkStoreOpenFlags   flags,
                                        GError           **error);
/* lk_store_open() in a worker thread: a migration can take a while. */
void        lk_store_open_async        (const char          *path,
                                        LkStoreOpenFlags     flags,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
LkStore    *lk_store_open_finish       (GAsyncResult        *result,
                                        GError             **error);
const char *lk_store_get_path          (LkStore           *self);
gboolean    lk_store_is_demo           (LkStore           *self);
/* Emits LkStore::changed ("case", "verification", "conclusion"; "connection-lost" when the
 * server goes away, "connection" when it is reachable again) on the main context for changes by
 * other workstations: LISTEN/NOTIFY on a server; on an SQLite file, the change marks that
 * another process moved (looked at twice a second). */
gboolean    lk_store_watch_changes     (LkStore           *self,
                                        GError           **error);
/* TRUE when @location is a PostgreSQL connection URI (postgresql://… or postgres://…) rather
 * than a file. */
gboolean    lk_store_location_is_server (const char       *location);
/* Connects to @location without writing anything: a sentence saying it is a Likeness
 * database, or the error that stops Likeness from using it (for "Test Connection"). The async
 * form runs in a worker thread. */
char       *lk_store_check_location    (const char          *location,
                                        GError             **error);
void        lk_store_check_location_async (const char          *location,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char       *lk_store_check_location_finish (GAsyncResult     *result,
                                            GError          **error);
/* TRUE for a database on a PostgreSQL server (the location was a postgresql:// URI). */
gboolean    lk_store_is_server         (LkStore           *self);
/* TRUE when @location names a PostgreSQL database (postgresql:// or postgres://). */
gboolean    lk_store_location_is_uri   (const char        *location);
/* FALSE for a database file that is not there yet: a first start creates it only when its
 * administrator is created, so that choosing a lab server instead leaves nothing behind on this
 * computer. TRUE for a file that is there, and for a server address (a workstation never
 * creates a server's database). */
gboolean    lk_store_location_exists   (const char        *location);
/* Whether the database has its first user yet, into @initialised; FALSE with @error when that
 * cannot be read (a damaged or foreign database is not a fresh one). */
gboolean    lk_store_is_initialised    (LkStore           *self,
                                        gboolean          *initialised,
                                        GError           **error);
int         lk_store_get_schema_version (LkStore          *self);
/* The integer setting @key into @value, or @fallback when it was never set; FALSE with @error
 * when the database cannot be read (a broken database must not pass for the default policy). */
gboolean    lk_store_get_policy_int    (LkStore           *self,
                                        const char        *key,
                                        gint64             fallback,
                                        gint64            *value,
                                        GError           **error);
void        lk_store_set_busy_timeout  (LkStore           *self,
                                        int                milliseconds);

/* The database engine's name and version, for "likeness-cli version". */
const char *lk_store_engine_version   (void);

char       *lk_now_utc                 (void);

G_END_DECLS
