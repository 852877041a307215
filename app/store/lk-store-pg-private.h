/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What lk-store-pg.c shares with the other files of the PostgreSQL backend
 * (lk-store-pg-commit.c). Private to app/store/. */
#pragma once

#include <libpq-fe.h>

#include "store/lk-store-backend.h"

G_BEGIN_DECLS

typedef struct
{
  PGconn   *conn;
  char     *uri;
  gint64    changes;
  int       lock_timeout; /* milliseconds */
  gboolean  wait_flush;   /* the server's synchronous_commit is not off: see "durable commits" */
  PGconn   *listener;     /* LISTENs for other workstations' changes (lk_store_watch_changes) */
  GSource  *listen_source;
  guint     relisten_id;
} PgConn;

#define PG(self) ((PgConn *) (self)->conn)

/* Sets @error from a failed result (or, with @result NULL, from the connection). */
void     lk_store_pg_set_error          (LkStore     *self,
                                         GError     **error,
                                         const char  *what,
                                         PGresult    *result);

/* lk-store-pg-commit.c: commits that wait for the disk outside the writers' lock. */
gboolean lk_store_pg_read_flush_setting (LkStore     *self,
                                         GError     **error);
gboolean lk_store_pg_commit             (LkStore     *self,
                                         GError     **error);
gboolean lk_store_pg_wait_durable       (LkStore     *self,
                                         GError     **error);

G_END_DECLS
