/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* lk_migrations[i] takes a database from schema version i to i + 1. */
extern const char * const lk_migrations[];
extern const guint lk_n_migrations;

G_END_DECLS
