/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Forward migrations. Never edit a released step: add a new one. */
#include "config.h"

#include "lk-schema.h"

static const char migration_1[] =
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  /* The workspace kind (casework or demo) is fixed at creation. */
  "CREATE TRIGGER meta_kind_no_update BEFORE UPDATE ON meta WHEN OLD.key = 'kind'"
  "  BEGIN SELECT RAISE (ABORT, 'the workspace kind cannot change'); END;"
  "CREATE TRIGGER meta_kind_no_delete BEFORE DELETE ON meta WHEN OLD.key = 'kind'"
  "  BEGIN SELECT RAISE (ABORT, 'the workspace kind cannot change'); END;"

  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"

  "CREATE TABLE users ("
  "  id            INTEGER PRIMARY KEY,"
  "  name          TEXT NOT NULL UNIQUE,"
  "  display_name  TEXT NOT NULL,"
  "  password_hash TEXT NOT NULL,"
  "  roles         INTEGER NOT NULL CHECK (roles > 0),"
  "  disabled      INTEGER NOT NULL DEFAULT 0,"
  "  failed_logins INTEGER NOT NULL DEFAULT 0,"
  "  locked        INTEGER NOT NULL DEFAULT 0,"
  "  created_at    TEXT NOT NULL,"
  "  password_changed_at TEXT NOT NULL);"

  "CREATE TABLE images ("
  "  sha256     TEXT PRIMARY KEY CHECK (length (sha256) = 64),"
  "  bytes      BLOB NOT NULL,"
  "  size       INTEGER NOT NULL,"
  "  media_type TEXT NOT NULL,"
  "  stored_at  TEXT NOT NULL);"
  "CREATE TRIGGER images_immutable BEFORE UPDATE ON images"
  "  BEGIN SELECT RAISE (ABORT, 'stored images are immutable'); END;"

  "CREATE TABLE audit_event ("
  "  seq       INTEGER PRIMARY KEY,"
  "  at        TEXT NOT NULL,"
  "  user      TEXT NOT NULL,"
  "  role      TEXT NOT NULL,"
  "  action    TEXT NOT NULL,"
  "  object    TEXT NOT NULL,"
  "  details   TEXT NOT NULL,"
  "  prev_hash TEXT NOT NULL,"
  "  hash      TEXT NOT NULL);"
  "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;";

const char * const lk_migrations[] = {
  migration_1,
};

const guint lk_n_migrations = G_N_ELEMENTS (lk_migrations);
