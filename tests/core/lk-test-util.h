/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the core tests: a fresh folder per test, raw SQLite access (a second process or a
 * tamperer), and likeness-cli runs. */
#pragma once

#include <sqlite3.h>

#include "lk-core.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;     /* a fresh temporary folder, removed with everything in it */
  char *db_path; /* dir/likeness.db, not yet created; on a test server (LIKENESS_TEST_PG) the
                  * URI of a new empty database, dropped afterwards */
} LkTestFixture;

/* The test server's URI when the suite runs against PostgreSQL (tests/pg-server sets
 * LIKENESS_TEST_PG), else NULL. */
const char *lk_test_server       (void);
/* On a test server: skips the test case with @reason (a test of the SQLite file itself) and
 * returns TRUE. */
gboolean  lk_test_skip_on_server (const char    *reason);
/* A new empty database on the test server (its URI), and its removal. */
char     *lk_test_server_database_new  (void);
void      lk_test_server_database_drop (const char *uri);

void      lk_test_fixture_setup    (LkTestFixture *fixture,
                                    gconstpointer  data);
void      lk_test_fixture_teardown (LkTestFixture *fixture,
                                    gconstpointer  data);

#define LK_TEST_ADD(path, func) \
  g_test_add ((path), LkTestFixture, NULL, lk_test_fixture_setup, (func), \
              lk_test_fixture_teardown)

/* Item @i of a model of records, borrowed: the model keeps it alive. */
gpointer  lk_test_item_at          (GListModel    *model,
                                    guint          i);

char     *lk_test_path             (LkTestFixture *fixture,
                                    const char    *name);
void      lk_test_remove_tree      (const char    *path);

/* A connection of its own, as another process would have. */
sqlite3  *lk_test_sqlite_open      (const char    *path);
void      lk_test_sqlite_exec      (sqlite3       *db,
                                    const char    *sql);
/* Opens @path (a file, or a server database's URI), runs @sql (which must succeed) and closes
 * it again. */
void      lk_test_sql              (const char    *path,
                                    const char    *sql);
gint64    lk_test_sql_int          (const char    *path,
                                    const char    *sql);
/* Runs @sql on a connection of its own (file or server) and returns why it was refused, or
 * NULL when it ran. */
char     *lk_test_sql_error        (const char    *path,
                                    const char    *sql);
/* "PRAGMA foreign_keys = ON; " on SQLite (off by default on a connection of its own), "" on a
 * server, which always checks them: the start of a deletion that cascades. */
const char *lk_test_foreign_keys   (void);
char     *lk_test_sql_text         (const char    *path,
                                    const char    *sql);
/* The first value of the one row of @sql as bytes (a BLOB on a file, bytea on a server). */
GBytes   *lk_test_sql_blob         (const char    *path,
                                    const char    *sql);

/* Another Likeness process in the middle of an action on @path: a store of its own with a
 * write transaction open (BEGIN IMMEDIATE on a file, the writers' advisory lock on a server),
 * so that every other writer waits for it until lk_test_writer_free, which rolls it back. */
typedef struct _LkTestWriter LkTestWriter;
LkTestWriter *lk_test_writer_new   (const char    *path);
void      lk_test_writer_free      (LkTestWriter  *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkTestWriter, lk_test_writer_free)

/* A new casework database with one administrator. */
LkStore  *lk_test_store_new        (const char    *path,
                                    const char    *admin,
                                    const char    *password);
/* The newest event of the audit log (NULL when it is empty). */
LkAuditEvent *lk_test_last_event   (LkStore       *store);
/* The newest event of @action; asserts there is one. */
LkAuditEvent *lk_test_last_event_of (LkStore      *store,
                                     const char   *action);
gint64    lk_test_count_action     (LkStore       *store,
                                    const char    *action);
/* Whether @store has its first user; asserts the question could be answered. */
gboolean  lk_test_store_initialised (LkStore      *store);

typedef struct
{
  int   status; /* exit status, or -1 when the process did not exit normally */
  char *out;
  char *err;
} LkCliRun;

void      lk_cli_run_free          (LkCliRun      *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkCliRun, lk_cli_run_free)
/* A file's bytes (the test stops when it cannot be read). */
GBytes   *lk_test_read_bytes       (const char    *path);
/* Writes @bytes to @path, making its folder first. */
void      lk_test_write_bytes      (const char    *path,
                                    GBytes        *bytes);
/* A 320 x 240 PNG of a smooth gradient: an image without any face. */
GBytes   *lk_test_gradient_png     (void);

/* The command succeeded (or the test stops with its standard error). */
void      lk_test_cli_assert_ok    (LkCliRun      *run);
/* It failed as every command fails: a non-zero status, nothing on standard output, and one
 * line on standard error, "likeness-cli: ..." containing @expected (when not NULL). */
void      lk_test_cli_assert_failed (LkCliRun     *run,
                                     const char   *expected);

/* Runs likeness-cli (LIKENESS_CLI) with the given arguments. @password and @new_password go to
 * LIKENESS_PASSWORD and LIKENESS_NEW_PASSWORD (unset when NULL); @input is written to its
 * standard input, which is then closed. */
LkCliRun *lk_test_cli              (const char    *password,
                                    const char    *new_password,
                                    const char    *input,
                                    const char    *first_arg,
                                    ...) G_GNUC_NULL_TERMINATED;
guint     lk_test_count_lines      (const char    *text);

/* Logs in and asserts that it worked. */
LkSession *lk_test_login     (LkStore    *store,
                              const char *name,
                              const char *password);
/* A file of data/demo in the source tree (LIKENESS_SOURCE_DIR). */
char      *lk_test_demo_path (const char *name);
/* Imports the demo portrait of Grace Hopper as a CCTV still into case @number with complete
 * provenance; returns the probe id (and its SHA-256 when @sha256 is not NULL). */
gint64     lk_test_import_portrait (LkSession  *examiner,
                                    const char *number,
                                    char      **sha256);
/* Records a current competency record of @kind ("examiner" or "reviewer") for @user, valid from
 * a year ago to a year ahead, as the administrator @admin. */
void       lk_test_grant_competency (LkSession  *admin,
                                     const char *user,
                                     const char *kind);
/* The same for each kind the roles call for: examiner for examiners, reviewer for reviewers. */
void       lk_test_grant_competencies (LkSession  *admin,
                                       const char *user,
                                       LkRoles     roles);
/* Sets the policy's minimums of assessed characteristics to 0, for tests whose subject is not
 * that rule and that observe a few characteristics only. */
void       lk_test_no_minimums       (LkSession  *admin);
/* Locks a "suitable" analysis of eyes, nose and mouth. */
void       lk_test_lock_suitable   (LkSession  *examiner,
                                    gint64      probe_id);

/* Every value of every row @sql returns, row after row (@n_columns to a row), each as its bytes:
 * a blob's own, or the text of any other value. */
GPtrArray *lk_test_sql_values      (const char    *path,
                                    const char    *sql,
                                    guint         *n_columns);

/* ---- Tampering ---------------------------------------------------------------------------- */

/* Someone with full access to the database edits it behind Likeness's back, past the triggers
 * that guard the evidence: runs @sql (one statement when @blob is not NULL, which is then bound
 * to its one parameter, written `?`) on a connection of its own on which no trigger fires
 * (SQLITE_DBCONFIG_ENABLE_TRIGGER off on a file; on a server, whose test user is a superuser,
 * a session with session_replication_role = replica). Returns the number of rows the (last)
 * statement changed; the test stops when @sql fails. */
gint64    lk_test_sql_tamper       (const char    *path,
                                    const char    *sql,
                                    GBytes        *blob);

G_END_DECLS
