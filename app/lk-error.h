/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LK_ERROR (lk_error_quark ())

typedef enum
{
  LK_ERROR_FAILED,
  LK_ERROR_NOT_LIKENESS_DATABASE,
  LK_ERROR_NEWER_SCHEMA,
  LK_ERROR_UNWRITABLE,
  LK_ERROR_NOT_FOUND,
  LK_ERROR_ALREADY_INITIALISED,
  LK_ERROR_NOT_INITIALISED,
  LK_ERROR_PERMISSION_DENIED,
  LK_ERROR_AUTHENTICATION_FAILED,
  LK_ERROR_ACCOUNT_LOCKED,
  LK_ERROR_ACCOUNT_DISABLED,
  LK_ERROR_INVALID_INPUT,
  LK_ERROR_EXISTS,
  LK_ERROR_INTEGRITY,
  LK_ERROR_BUSY,
  LK_ERROR_DATABASE,
  LK_ERROR_IMAGE,
  LK_ERROR_MASKED,
  LK_ERROR_REFUSED,
  LK_ERROR_PURGED, /* an image's bytes were purged under the retention policy */
} LkError;

GQuark      lk_error_quark          (void);

/* An %LK_ERROR_PURGED error says which day (YYYY-MM-DD) the image was purged and under which
 * retention rule (unidentified, closed-case, candidate, gallery, exercise); NULL for any other
 * error. lk_error_set_purge() records them, for the image store. */
const char *lk_error_get_purged_on  (const GError *error);
const char *lk_error_get_purge_rule (const GError *error);
void        lk_error_set_purge      (GError       *error,
                                     const char   *purged_on,
                                     const char   *rule);

G_END_DECLS
