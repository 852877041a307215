/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One forward migration with its twin for each backend. A PostgreSQL database starts at
 * %LK_PG_BASE_VERSION from one cumulative script (data/postgresql/schema.sql); each migration
 * after that needs its own PostgreSQL text, which a test checks. */
typedef struct
{
  const char *sqlite;
  const char *postgresql; /* NULL before the cumulative script's version */
} LkMigration;

/* lk_migrations[i] takes a database from schema version i to i + 1. */
extern const LkMigration lk_migrations[];
extern const guint lk_n_migrations;

#define LK_PG_BASE_VERSION 11
/* The PostgreSQL schema at LK_PG_BASE_VERSION (generated from data/postgresql/schema.sql). */
extern const char lk_pg_schema[];

G_END_DECLS
