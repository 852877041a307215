/* SPDX-License-Identifier: GPL-3.0-or-later */
/* argon2id password hashes through libsodium, and the policy a new password must meet (its
 * length, and libpwquality's checks and score). */
#include "config.h"

#include <pwquality.h>
#include <sodium.h>
#include <string.h>

#include "lk-error.h"
#include "people/lk-password.h"

#define DEFAULT_MIN_PASSWORD_LENGTH 8
#define DEFAULT_MIN_PASSWORD_SCORE 30

/* The cost of a new hash; a stored hash of a lower cost is replaced at the next log-in. */
#define PWHASH_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PWHASH_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

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
  if (crypto_pwhash_str_alg (out, password, strlen (password), PWHASH_OPSLIMIT, PWHASH_MEMLIMIT,
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
  /* Without libsodium nothing verifies: the log-in is refused, never let through. */
  if (hash == NULL || password == NULL || !ensure_sodium (NULL))
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

gboolean
lk_password_needs_rehash (const char *hash)
{
  g_return_val_if_fail (hash != NULL, FALSE);

  /* Not zero: weaker parameters, another algorithm, or a hash it cannot read. */
  /* Without libsodium the hash was not verified either: there is nothing to redo. */
  return ensure_sodium (NULL) &&
         crypto_pwhash_str_needs_rehash (hash, PWHASH_OPSLIMIT, PWHASH_MEMLIMIT) != 0;
}

/* A hash of a random password nobody knows, made once with the current parameters. */
static const char *
dummy_hash (void)
{
  static gsize once = 0;
  static char *hash = NULL;

  if (g_once_init_enter (&once))
    {
      unsigned char secret[32];
      g_autofree char *text = NULL;

      /* Only for timing (lk_password_burn): without it, there is nothing to burn. */
      if (ensure_sodium (NULL))
        {
          randombytes_buf (secret, sizeof secret);
          text = g_base64_encode (secret, sizeof secret);
          hash = lk_password_hash (text, NULL);
          sodium_memzero (text, strlen (text));
        }
      g_once_init_leave (&once, 1);
    }
  return hash;
}

void
lk_password_burn (const char *password)
{
  const char *hash = dummy_hash ();

  if (hash != NULL)
    (void) lk_password_verify (hash, password != NULL ? password : "");
}

/* libpwquality's checks (dictionary words, repetition, the user name in some form...) and its
 * score, against the policy's minimum. */
static gboolean
check_quality (LkStore     *store,
               const char  *user_name,
               const char  *password,
               gint64       min_length,
               GError     **error)
{
  gint64 min_score = 0;
  pwquality_settings_t *settings = NULL;
  char message[PWQ_MAX_ERROR_MESSAGE_LEN];
  void *aux = NULL;
  int score;

  if (!lk_store_get_policy_int (store, "min_password_score", DEFAULT_MIN_PASSWORD_SCORE,
                                &min_score, error))
    return FALSE;
  if ((settings = pwquality_default_settings ()) == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_FAILED, "The password could not be checked");
      return FALSE;
    }
  /* Our policy sets the length; libpwquality raises anything below 6 to 6. */
  pwquality_set_int_value (settings, PWQ_SETTING_MIN_LENGTH, (int) MIN (min_length, 128));
  score = pwquality_check (settings, password, NULL, user_name, &aux);
  pwquality_free_settings (settings);
  if (score < 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s; choose another password",
                   pwquality_strerror (message, sizeof message, score, aux));
      return FALSE;
    }
  if (score < min_score)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The password is too easy to guess: it scores %d of 100 and the policy asks "
                   "for at least %" G_GINT64_FORMAT "; a longer one of unrelated words scores "
                   "higher", score, min_score);
      return FALSE;
    }
  return TRUE;
}

gboolean
lk_password_check_policy (LkStore     *store,
                          const char  *user_name,
                          const char  *password,
                          GError     **error)
{
  gint64 min_length = 0;

  if (!lk_store_get_policy_int (store, "min_password_length", DEFAULT_MIN_PASSWORD_LENGTH,
                                &min_length, error))
    return FALSE;
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
  return check_quality (store, user_name, password, min_length, error);
}
