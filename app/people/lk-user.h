/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A user account: who someone is in Likeness and which roles they hold. */
#pragma once

#include <glib-object.h>

#include "people/lk-roles.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *name;
  char     *display_name;
  LkRoles   roles;
  gboolean  disabled;
  gboolean  locked;
  int       failed_logins;
  char     *created_at;
} LkUser;

#define LK_TYPE_USER (lk_user_get_type ())
GType      lk_user_get_type   (void) G_GNUC_CONST;
LkUser    *lk_user_copy       (const LkUser *user);
void       lk_user_free       (LkUser       *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkUser, lk_user_free)

G_END_DECLS
