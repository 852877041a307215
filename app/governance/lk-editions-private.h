/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal to app/: what the kinds of edition an administrator installs into a database (the
 * feature list, the self-assessment questionnaire) do alike (lk-editions.c). Each kind keeps its
 * editions in a table of its own (edition, content, sha256, installed_by, installed_at), a name
 * bound to its first content for good, and the current one in a setting. */
#pragma once

#include "lk-internal.h"

#include "store/lk-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  const char *table;         /* "feature_lists" */
  const char *setting;       /* naming the current edition: "feature_list_edition" */
  const char *what;          /* in messages: "feature list" */
  const char *edition_noun;  /* for a name taken: "The edition “x” already exists ..." */
  const char *advice;        /* ... "with different content; " and what to do then */
  gsize       max_size;      /* of a file to install; 0 for no limit */
} LkEditionKind;

char     *lk_editions_sha256         (GBytes               *bytes);

/* The file at @path, to install. */
GBytes   *lk_editions_read_file      (const LkEditionKind  *kind,
                                      const char           *path,
                                      GError              **error);
/* The content of installed edition @edition; LK_ERROR_NOT_FOUND when it is not installed. */
GBytes   *lk_editions_read_content   (LkStore              *store,
                                      const LkEditionKind  *kind,
                                      const char           *edition,
                                      GError              **error);
/* Inside the caller's transaction: binds @edition to @bytes (hash @sha256) unless it is bound
 * already (@is_new tells), and makes it current. @shipped_sha256 is the shipped file's hash when
 * @edition is the shipped edition's name, else NULL. A name bound to other content is
 * LK_ERROR_EXISTS. */
gboolean  lk_editions_install        (LkStore              *store,
                                      const LkEditionKind  *kind,
                                      gint64                user_id,
                                      const char           *edition,
                                      GBytes               *bytes,
                                      const char           *sha256,
                                      const char           *shipped_sha256,
                                      gboolean             *is_new,
                                      GError              **error);

G_END_DECLS
