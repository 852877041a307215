/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: finding a registered reference database inside a transaction. */
#pragma once

#include "lk-internal.h"
#include "candidates/lk-reference-db.h"
#include "store/lk-store-private.h"

G_BEGIN_DECLS

/* The id of a registered reference database (and its legal basis), or 0 with
 * LK_ERROR_NOT_FOUND. */
gint64      lk_reference_db_lookup      (LkStore      *store,
                                         const char   *name,
                                         char        **legal_basis,
                                         GError      **error);
G_END_DECLS
