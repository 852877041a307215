/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The core's one error domain. It is an extended domain: an %LK_ERROR_PURGED error carries the
 * day and the rule of its purge, so that views say them without reading the message. */
#include "config.h"

#include "lk-error.h"

typedef struct
{
  char *purged_on;
  char *purge_rule;
} LkErrorPrivate;

static void
lk_error_private_init (LkErrorPrivate *priv)
{
}

static void
lk_error_private_copy (const LkErrorPrivate *src,
                       LkErrorPrivate       *dest)
{
  dest->purged_on = g_strdup (src->purged_on);
  dest->purge_rule = g_strdup (src->purge_rule);
}

static void
lk_error_private_clear (LkErrorPrivate *priv)
{
  g_clear_pointer (&priv->purged_on, g_free);
  g_clear_pointer (&priv->purge_rule, g_free);
}

G_DEFINE_EXTENDED_ERROR (LkError, lk_error)

void
lk_error_set_purge (GError     *error,
                    const char *purged_on,
                    const char *rule)
{
  LkErrorPrivate *priv;

  g_return_if_fail (g_error_matches (error, LK_ERROR, LK_ERROR_PURGED));

  priv = lk_error_get_private (error);
  g_free (priv->purged_on);
  priv->purged_on = g_strndup (purged_on, 10);
  g_free (priv->purge_rule);
  priv->purge_rule = g_strdup (rule);
}

const char *
lk_error_get_purged_on (const GError *error)
{
  if (!g_error_matches (error, LK_ERROR, LK_ERROR_PURGED))
    return NULL;
  return lk_error_get_private (error)->purged_on;
}

const char *
lk_error_get_purge_rule (const GError *error)
{
  if (!g_error_matches (error, LK_ERROR, LK_ERROR_PURGED))
    return NULL;
  return lk_error_get_private (error)->purge_rule;
}
