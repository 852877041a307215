/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Editions of the feature list per database: the shipped one, and a lab's own editions that an
 * administrator installs. Every examination records the edition it was opened with. */
#pragma once

#include <json-glib/json-glib.h>

#include "people/lk-session.h"
#include "reference/lk-feature-component.h"

G_BEGIN_DECLS

/* Installs a lab's own edition of the feature list from the JSON file at @path (administrators
 * only; audited as feature-list.installed) and makes it the edition that new examinations use.
 * The file must pass feature-list.schema.json and the checks of lk_feature_list_parse (); errors
 * name the file and the JSON path. An edition name, once used, is bound to its content:
 * installing different content under an installed or the shipped edition name is refused,
 * installing the same content again only makes it current. Returns the edition name. */
char       *lk_feature_lists_install         (LkSession    *session,
                                              const char   *path,
                                              GError      **error);
/* The edition new examinations use: the installed current edition, else the shipped one; NULL
 * with @error when the database cannot be read. */
char       *lk_feature_lists_current_edition (LkStore      *store,
                                              GError      **error);
/* The list of @edition, shipped or installed (a new reference); LK_ERROR_NOT_FOUND when the
 * database does not know it. */
JsonObject *lk_feature_lists_for_edition     (LkStore      *store,
                                              const char   *edition,
                                              GError      **error);
/* The same edition's components with their characteristics: a GListModel of
 * LkFeatureComponent, for the feature panel. */
GListModel *lk_feature_lists_components      (LkStore      *store,
                                              const char   *edition,
                                              GError      **error);

/* lk_feature_lists_install() in a worker thread; the result is the installed edition. */
void        lk_feature_lists_install_async   (LkSession           *session,
                                              const char          *path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char       *lk_feature_lists_install_finish  (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
