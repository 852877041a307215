/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: a case's status, read and changed inside the caller's transaction. */
#pragma once

#include "lk-internal.h"
#include "store/lk-audit.h"

G_BEGIN_DECLS

/* The id of the case numbered @number and its status; 0 with %LK_ERROR_NOT_FOUND. */
gint64      lk_case_status_lookup (LkStore        *store,
                                   const char     *number,
                                   char          **status,
                                   GError        **error);
/* Moves the case to @status, with its history row and audit event. */
gboolean    lk_case_status_set    (LkStore        *store,
                                   const LkActor  *actor,
                                   gint64          user_id,
                                   gint64          case_id,
                                   const char     *number,
                                   const char     *status,
                                   const char     *reason,
                                   GError        **error);

G_END_DECLS
