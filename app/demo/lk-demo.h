/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "people/lk-roles.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

#define LK_DEMO_PASSWORD "demo"

/* The demo users, NULL-terminated, in the order the log-in screen shows them. */
const char * const *lk_demo_user_names (void);
/* The roles of a demo user, or 0 for another name. */
LkRoles             lk_demo_user_roles (const char *name);

/* Opens the demo workspace at @path, creating and seeding it when new. A casework database is
 * refused: a demo never becomes casework and casework never becomes a demo. */
LkStore *lk_demo_open   (const char  *path,
                         GError     **error);

/* Like lk_demo_open() but refuses a database that already exists. */
LkStore *lk_demo_create (const char  *path,
                         GError     **error);

/* lk_demo_open() in a worker thread: making a new demo workspace decodes and searches images. */
void     lk_demo_open_async  (const char           *path,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
LkStore *lk_demo_open_finish (GAsyncResult         *result,
                              GError              **error);

G_END_DECLS
