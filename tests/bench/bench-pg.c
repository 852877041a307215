/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bench-pg.h"

const char *
bench_pg_server (void)
{
  const char *server = g_getenv ("LIKENESS_TEST_PG");

  return server != NULL && *server != '\0' ? server : NULL;
}

static void
ignore_notice (void       *data,
               const char *message)
{
}

/* Without the server's notices ("database ... does not exist, skipping") on stderr. */
static PGconn *
connect_admin (const char *server)
{
  PGconn *conn = PQconnectdb (server);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to %s: %s", server, PQerrorMessage (conn));
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  return conn;
}

static void
admin_exec (PGconn     *conn,
            const char *sql)
{
  PGresult *r = PQexec (conn, sql);

  if (PQresultStatus (r) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (r);
}

char *
bench_pg_create (const char *server,
                 const char *name)
{
  PGconn *admin = connect_admin (server);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0"
                                             " LC_COLLATE 'C' LC_CTYPE 'C'", name);
  const char *slash = strrchr (server, '/');

  g_assert_nonnull (slash);
  admin_exec (admin, drop);
  admin_exec (admin, create);
  PQfinish (admin);
  return g_strdup_printf ("%.*s/%s", (int) (slash - server), server, name);
}

void
bench_pg_drop (const char *server,
               const char *name)
{
  PGconn *admin = connect_admin (server);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);

  admin_exec (admin, drop);
  PQfinish (admin);
}

char *
bench_pg_version (const char *server)
{
  PGconn *admin = connect_admin (server);
  char *version = g_strdup (PQparameterStatus (admin, "server_version"));

  PQfinish (admin);
  return version;
}

void
bench_pg_insert (PGconn             *conn,
                 const char         *sql,
                 int                 n_params,
                 const char * const *params)
{
  PGresult *r = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);

  if (PQresultStatus (r) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (r);
}
