/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the benchmarks share for a PostgreSQL server (LIKENESS_TEST_PG, set by tests/pg-server):
 * throwaway databases on it, and the raw one-row INSERT transaction that is their baseline. */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* The server's URI (a superuser's, to its maintenance database), or NULL when there is none. */
const char *bench_pg_server  (void);

/* Drops and creates database @name on @server; returns its URI. */
char       *bench_pg_create  (const char *server,
                              const char *name);
void        bench_pg_drop    (const char *server,
                              const char *name);
/* The server's version ("15.x"), newly allocated. */
char       *bench_pg_version (const char *server);

/* One INSERT (or any command) as a transaction of its own over @conn, with @n_params text
 * parameters ($1, $2, ...): the server's raw rate, without any of the core around it. */
void        bench_pg_insert  (PGconn             *conn,
                              const char         *sql,
                              int                 n_params,
                              const char * const *params);

G_END_DECLS
