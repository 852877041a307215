/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "store/lk-audit.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 tables;
  gint64 rows;
  gint64 images;
  gint64 events; /* audit events copied (the target then holds one more: the move itself) */
} LkStoreCopyStats;

/* Moves a lab: copies every row and image of the SQLite database @source into the empty
 * PostgreSQL database @target (a URI), in one transaction. The audit chain is verified in the
 * source before and in the target after, and the target's chain must end where the source's
 * did before the move is recorded there. Refuses a target that holds users, events or cases.
 * The target's connection must be the schema's owner (it sets the triggers aside while it
 * copies rows that are already final). The move is recorded in the target as @actor's. */
gboolean lk_store_copy (LkStore           *source,
                        const char        *target,
                        const LkActor     *actor,
                        LkStoreCopyStats  *stats,
                        GError           **error);

G_END_DECLS
