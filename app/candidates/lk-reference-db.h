/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reference databases: every database a candidate list may come from, with its legal basis. */
#pragma once

#include "people/lk-session.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *name;
  char   *legal_basis;
  char   *held_by;     /* "likeness" (a gallery of the built-in engine) or "external" */
  char   *created_at;
  int     n_images;    /* gallery images held by Likeness */
} LkReferenceDb;

void           lk_reference_db_free   (LkReferenceDb *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkReferenceDb, lk_reference_db_free)

/* Administrators register every reference database a list may come from, with its legal
 * basis; @held_by is "likeness" or "external". */
gint64         lk_reference_db_create (LkSession    *session,
                                       const char   *name,
                                       const char   *legal_basis,
                                       const char   *held_by,
                                       GError      **error);
GPtrArray     *lk_reference_db_list   (LkSession    *session,
                                       GError      **error);

G_END_DECLS
