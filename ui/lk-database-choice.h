/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_DATABASE_CHOICE (lk_database_choice_get_type ())
G_DECLARE_FINAL_TYPE (LkDatabaseChoice, lk_database_choice, LK, DATABASE_CHOICE,
                      AdwPreferencesGroup)

/* Where this workstation's casework lives: "This computer (a database file)" or "A lab server"
 * (a postgresql:// address, with Test Connection run in a worker). The choice is the
 * "database-path" setting of @settings (a file path, empty for the usual place, or the
 * server's address), applied when Likeness starts again; an address with a password in it is
 * refused, since passwords come from ~/.pgpass or a service file. @current is the location
 * open now (NULL when none), so that the group can say when a restart is needed. */
LkDatabaseChoice *lk_database_choice_new     (GSettings        *settings,
                                              const char       *current);
/* The message shown under the choices (saved, refused, the connection test's answer), or
 * NULL. */
const char       *lk_database_choice_get_status (LkDatabaseChoice *self);

G_END_DECLS
