/* SPDX-License-Identifier: GPL-3.0-or-later */
/* argon2id password hashes through libsodium, and the policy a new password must meet. */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "lk-error.h"
#include "people/lk-password.h"

#define DEFAULT_MIN_PASSWORD_LENGTH 8

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () >= 0)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_FAILED, "libsodium could not be initialised");
  return FALSE;
}

char *
lk_password_hash (const char  *password,
                  GError     **error)
{
  char out[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;
  if (crypto_pwhash_str_alg (out, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED, "Out of memory while hashing a password");
      return NULL;
    }
  return g_strdup (out);
}

gboolean
lk_password_verify (const char *hash,
                    const char *password)
{
  if (hash == NULL || password == NULL || !ensure_sodium (NULL))
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

void
lk_password_burn (const char *password)
{
  g_autofree char *hash = lk_password_hash (password != NULL ? password : "", NULL);
}

gboolean
lk_password_check_policy (LkStore     *store,
                          const char  *user_name,
                          const char  *password,
                          GError     **error)
{
  gint64 min_length = lk_store_get_policy_int (store, "min_password_length",
                                               DEFAULT_MIN_PASSWORD_LENGTH);

  if (password == NULL || (gint64) g_utf8_strlen (password, -1) < min_length)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The password must be at least %" G_GINT64_FORMAT " characters long",
                   min_length);
      return FALSE;
    }
  if (user_name != NULL && g_ascii_strcasecmp (password, user_name) == 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The password must not be the user name");
      return FALSE;
    }
  return TRUE;
}
