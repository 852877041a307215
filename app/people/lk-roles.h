/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LK_ROLE_ADMINISTRATOR = 1 << 0,
  LK_ROLE_EXAMINER      = 1 << 1,
  LK_ROLE_REVIEWER      = 1 << 2,
  LK_ROLE_TRAINER       = 1 << 3,
  LK_ROLE_TRAINEE       = 1 << 4,
} LkRoles;

#define LK_ROLES_ALL (LK_ROLE_ADMINISTRATOR | LK_ROLE_EXAMINER | LK_ROLE_REVIEWER | \
                      LK_ROLE_TRAINER | LK_ROLE_TRAINEE)
#define LK_N_ROLES 5
/* Who may see casework: everyone but trainers and trainees. */
#define LK_CASEWORK_ROLES (LK_ROLE_EXAMINER | LK_ROLE_REVIEWER | LK_ROLE_ADMINISTRATOR)

const char *lk_role_name        (LkRoles      role);
const char *lk_role_label       (LkRoles      role);
LkRoles     lk_role_nth         (guint        index);
char       *lk_roles_to_string  (LkRoles      roles);
char       *lk_roles_to_label   (LkRoles      roles);
/* The roles as people are named in a sentence: "an administrator", "an examiner or a
 * reviewer". */
char       *lk_roles_to_phrase  (LkRoles      roles);
gboolean    lk_roles_parse      (const char  *text,
                                 LkRoles     *roles,
                                 GError     **error);

G_END_DECLS
