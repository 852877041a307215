/* SPDX-License-Identifier: GPL-3.0-or-later */
/* argon2id password hashes through libsodium. */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "lk-error.h"
#include "people/lk-password.h"

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
