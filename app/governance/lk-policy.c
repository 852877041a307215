/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "reference/lk-data.h"
#include "lk-error.h"
#include "lk-util.h"
#include "governance/lk-policy.h"
#include "store/lk-store-private.h"
#include "casework/lk-vocabulary.h"
#include "people/lk-session.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

static const LkPolicyKey keys[] = {
  { "lockout_threshold", LK_POLICY_INT, "5", 3, 10,
    "Failed log-ins before an account locks" },
  { "idle_lock_max_minutes", LK_POLICY_INT, "30", 1, 30,
    "Longest idle time before a session locks (minutes); each user may choose less" },
  { "min_password_length", LK_POLICY_INT, "8", 4, 128, "Shortest password accepted (characters)" },
  { "min_password_score", LK_POLICY_INT, "30", 0, 100,
    "Lowest libpwquality score (0 to 100) a new password must reach" },
  { "refused_probe_kinds", LK_POLICY_LIST, "sketch,composite,look-alike,edited,ai-generated",
    0, 0, "Probe kinds refused at import" },
  { "max_image_megapixels", LK_POLICY_DOUBLE, "100", 1, 1000,
    "Largest image accepted (megapixels, read from the header before decoding)" },
  { "max_image_megabytes", LK_POLICY_DOUBLE, "200", 1, 2000, "Largest image file accepted (MB)" },
  { "yunet_model", LK_POLICY_STRING, "", 0, 0,
    "YuNet 2022mar face detector model file (empty: the Haar cascades)" },
  { "embedding_model", LK_POLICY_STRING, "", 0, 0,
    "ONNX face-embedding model file for the dnn engine, 1x3x112x112 in and 1xD out (empty: "
    "the classic engine)" },
  { "max_candidates", LK_POLICY_INT, "50", 1, 500, "Most candidates accepted in one list" },
  { "search_top_k", LK_POLICY_INT, "20", 1, 500, "Candidates the built-in engine returns" },
  { "show_scores", LK_POLICY_INT, "0", 0, 1,
    "Show engine scores and ranks during triage (1), or keep them hidden until a user reveals "
    "them, audited (0)" },
  { "shuffle_hidden_lists", LK_POLICY_INT, "1", 0, 1,
    "Present candidate lists in a recorded random order while scores are hidden (1), or in "
    "the engine's order (0)" },
  { "conclusion_scale", LK_POLICY_STRING, "default-7", 0, 0,
    "Conclusion scale for new conclusions: default-7 (seven levels) or enfsi (ENFSI verbal "
    "scale)" },
  { "min_reasoning_length", LK_POLICY_INT, "80", 0, 10000,
    "Shortest reasoning a conclusion needs (characters)" },
  { "require_competency", LK_POLICY_INT, "1", 0, 1,
    "Signing needs a current examiner competency record and verifying a current reviewer "
    "record (1); 0 only for a lab that keeps no records, and every output then says so" },
  { "blind_verification_levels", LK_POLICY_LIST, "supports-same,neutral,supports-different",
    0, 0, "Conclusions verified blind, by side of the scale: supports-same, neutral, "
    "supports-different, not-suitable; the others get an open review, marked as such" },
  { "verification_agreement", LK_POLICY_STRING, "same-level", 0, 0,
    "When a reviewer's own conclusion agrees with the examiner's: same-level, or "
    "same-side-within-one (same side of the scale, at most one level apart)" },
  { "strongest_level_limited", LK_POLICY_INT, "2", 0, 3,
    "Strongest level allowed when the probe's suitability is limited (0 to 3 steps of the "
    "seven-level scale; other scales map onto it)" },
  { "rules.limited_cap", LK_POLICY_SEVERITY, "refuse", 0, 0,
    "Rule: a level stronger than the strongest allowed for a probe of limited suitability, or "
    "any level for a probe analysed as not suitable (warn or refuse)" },
  { "rules.minimums", LK_POLICY_SEVERITY, "warn", 0, 0,
    "Rule: a level of strength 2 or 3 with fewer characteristics assessed than the minimums "
    "(warn or refuse)" },
  { "min_assessed_strength_2", LK_POLICY_INT, "12", 0, 1000,
    "Fewest characteristics assessed (similar, dissimilar or an explainable difference) for "
    "a level of strength 2 (+2 or -2 of seven levels)" },
  { "min_assessed_strength_3", LK_POLICY_INT, "20", 0, 1000,
    "Fewest characteristics assessed for a level of strength 3 (+3 or -3 of seven levels)" },
  { "min_individualising_strength_2", LK_POLICY_INT, "1", 0, 1000,
    "Fewest individualising characteristics assessed for a level of strength 2" },
  { "min_individualising_strength_3", LK_POLICY_INT, "3", 0, 1000,
    "Fewest individualising characteristics assessed for a level of strength 3" },
  { "rules.unexplained_dissimilar", LK_POLICY_SEVERITY, "warn", 0, 0,
    "Rule: a strong same-person level while characteristics are recorded dissimilar, not as "
    "explainable differences (warn or refuse)" },
  { "unexplained_dissimilar_strength", LK_POLICY_INT, "2", 1, 3,
    "Strength from which a same-person level counts as strong for the dissimilarity rule "
    "(1 to 3)" },
  { "training_same_cut", LK_POLICY_INT, "2", -3, 3,
    "Training scores: ratings at or above this level count as a \"same\" decision" },
  { "training_different_cut", LK_POLICY_INT, "-2", -3, 3,
    "Training scores: ratings at or below this level count as a \"different\" decision" },
  { "training_pass_auc", LK_POLICY_DOUBLE, "0.90", 0.5, 1,
    "Competency proposals: an exercise is passed with an AUC of at least this" },
  { "training_pass_false_same_rate", LK_POLICY_DOUBLE, "0.05", 0, 1,
    "Competency proposals: and a false \"same\" rate on non-mated pairs of at most this" },
  { "retention.unidentified_days", LK_POLICY_INT, "365", 0, 36500,
    "Unidentified probes (no lead came of them): days kept after import (0: without limit)" },
  { "retention.closed_case_days", LK_POLICY_INT, "3650", 0, 36500,
    "Probes of closed cases: days kept after the case closed (0: without limit)" },
  { "retention.candidate_days", LK_POLICY_INT, "365", 0, 36500,
    "Candidate images: days kept after the case closed, or after the list's import when its "
    "probe produced no lead (0: without limit)" },
  { "retention.gallery_days", LK_POLICY_INT, "0", 0, 36500,
    "Gallery images and their templates: days kept after enrolment (0: without limit)" },
  { "retention.exercise_days", LK_POLICY_INT, "0", 0, 36500,
    "Exercise material: days kept after the exercise was last used (0: without limit)" },
  { "quality.face_width.red", LK_POLICY_DOUBLE, "60", 0, 10000, "Face width: red below (pixels)" },
  { "quality.face_width.amber", LK_POLICY_DOUBLE, "120", 0, 10000, "Face width: amber below (pixels)" },
  { "quality.inter_eye.red", LK_POLICY_DOUBLE, "40", 0, 10000, "Pixels between the eyes: red below" },
  { "quality.inter_eye.amber", LK_POLICY_DOUBLE, "60", 0, 10000,
    "Pixels between the eyes: amber below" },
  { "quality.roll.red", LK_POLICY_DOUBLE, "15", 0, 90, "Roll: red above (degrees)" },
  { "quality.roll.amber", LK_POLICY_DOUBLE, "8", 0, 90, "Roll: amber above (degrees)" },
  { "quality.sharpness.red", LK_POLICY_DOUBLE, "40", 0, 100000, "Sharpness: red below (variance of the Laplacian)" },
  { "quality.sharpness.amber", LK_POLICY_DOUBLE, "200", 0, 100000, "Sharpness: amber below (variance of the Laplacian)" },
  { "quality.exposure.red", LK_POLICY_DOUBLE, "90", 0, 128,
    "Exposure: red when the mean brightness is further than this from mid-grey" },
  { "quality.exposure.amber", LK_POLICY_DOUBLE, "60", 0, 128,
    "Exposure: amber when the mean brightness is further than this from mid-grey" },
  { "quality.clipping.red", LK_POLICY_DOUBLE, "0.10", 0, 1, "Clipping: red above this fraction of face pixels" },
  { "quality.clipping.amber", LK_POLICY_DOUBLE, "0.02", 0, 1, "Clipping: amber above this fraction of face pixels" },
  { "quality.contrast.red", LK_POLICY_DOUBLE, "15", 0, 128, "Contrast: red below (standard deviation of grey)" },
  { "quality.contrast.amber", LK_POLICY_DOUBLE, "30", 0, 128, "Contrast: amber below (standard deviation of grey)" },
  { "quality.brisque.red", LK_POLICY_DOUBLE, "60", 0, 200, "BRISQUE: red above (lower is better)" },
  { "quality.brisque.amber", LK_POLICY_DOUBLE, "40", 0, 200, "BRISQUE: amber above (lower is better)" },
};

const LkPolicyKey *
lk_policy_keys (guint *n_keys)
{
  *n_keys = G_N_ELEMENTS (keys);
  return keys;
}

const LkPolicyKey *
lk_policy_key_lookup (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_strcmp0 (keys[i].key, key) == 0)
      return &keys[i];
  return NULL;
}

char *
lk_policy_get_string (LkStore     *store,
                      const char  *key,
                      GError     **error)
{
  const LkPolicyKey *def = lk_policy_key_lookup (key);
  char *value = NULL;

  g_return_val_if_fail (def != NULL, NULL);

  if (!lk_store_get_setting (store, key, &value, error))
    return NULL;
  return value != NULL ? value : g_strdup (def->fallback);
}

gboolean
lk_policy_get_double (LkStore     *store,
                      const char  *key,
                      double      *value,
                      GError     **error)
{
  g_autofree char *text = lk_policy_get_string (store, key, error);

  g_return_val_if_fail (value != NULL, FALSE);

  *value = text != NULL ? g_ascii_strtod (text, NULL) : 0;
  return text != NULL;
}

gboolean
lk_policy_get_int (LkStore     *store,
                   const char  *key,
                   gint64      *value,
                   GError     **error)
{
  g_autofree char *text = lk_policy_get_string (store, key, error);

  g_return_val_if_fail (value != NULL, FALSE);

  *value = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
  return text != NULL;
}

gboolean
lk_policy_list_contains (LkStore     *store,
                         const char  *key,
                         const char  *word,
                         gboolean    *contains,
                         GError     **error)
{
  g_autofree char *value = lk_policy_get_string (store, key, error);
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (contains != NULL, FALSE);

  *contains = FALSE;
  if (value == NULL)
    return FALSE;
  words = g_strsplit (value, ",", -1);
  for (guint i = 0; words[i] != NULL && !*contains; i++)
    *contains = g_strcmp0 (g_strstrip (words[i]), word) == 0;
  return TRUE;
}

gboolean
lk_policy_refuses (LkStore     *store,
                   const char  *key,
                   gboolean    *refuses,
                   GError     **error)
{
  g_autofree char *value = lk_policy_get_string (store, key, error);

  g_return_val_if_fail (refuses != NULL, FALSE);

  *refuses = g_strcmp0 (value, LK_SEVERITY_REFUSE) == 0;
  return value != NULL;
}

/* A misspelt word in a list would silently let it through (a refused kind, a blind side). */
static const char * const blind_level_words[] = {
  "supports-same", "neutral", "supports-different", "not-suitable", NULL,
};

static gboolean
validate_words (const LkPolicyKey   *def,
                char               **words,
                const char * const  *allowed,
                const char          *what,
                GError             **error)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (*g_strstrip (words[i]) != '\0' && !g_strv_contains (allowed, words[i]))
      {
        g_autofree char *all = g_strjoinv (", ", (char **) allowed);

        g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s: “%s” is not %s (one of: %s)",
                     def->key, words[i], what, all);
        return FALSE;
      }
  return TRUE;
}

static gboolean
validate_list (const LkPolicyKey  *def,
               const char         *value,
               GError            **error)
{
  g_auto(GStrv) words = g_strsplit (value, ",", -1);

  if (g_str_equal (def->key, "blind_verification_levels"))
    return validate_words (def, words, blind_level_words, "a side of the scale", error);
  if (g_str_equal (def->key, "refused_probe_kinds"))
    return validate_words (def, words, lk_vocabulary_probe_kinds (), "a probe kind", error);
  return TRUE;
}

static gboolean
validate_string (const LkPolicyKey  *def,
                 const char         *value,
                 GError            **error)
{
  g_autofree char *all = NULL;

  if (g_str_equal (def->key, "verification_agreement"))
    {
      if (g_str_equal (value, "same-level") || g_str_equal (value, "same-side-within-one"))
        return TRUE;
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "%s: “%s” is not a rule (same-level or same-side-within-one)", def->key, value);
      return FALSE;
    }
  /* An unknown scale is reported below, with the names of every scale. */
  if (!g_str_equal (def->key, "conclusion_scale") || lk_scale_lookup (value, NULL) != NULL)
    return TRUE;
  all = g_strjoinv (", ", (char **) lk_scale_names ());
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "%s: “%s” is not a conclusion scale (one of: %s)", def->key, value, all);
  return FALSE;
}

static gboolean
validate_severity (const LkPolicyKey  *def,
                   const char         *value,
                   GError            **error)
{
  if (g_str_equal (value, LK_SEVERITY_WARN) || g_str_equal (value, LK_SEVERITY_REFUSE))
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "%s: “%s” is not a severity (warn: an acknowledgement in writing lets the "
               "conclusion be signed; refuse: nothing does)", def->key, value);
  return FALSE;
}

static gboolean
validate (const LkPolicyKey  *def,
          const char         *value,
          GError            **error)
{
  char *end = NULL;
  double number;

  if (def->type == LK_POLICY_SEVERITY)
    return validate_severity (def, value, error);
  if (def->type == LK_POLICY_STRING)
    return validate_string (def, value, error);
  if (def->type == LK_POLICY_LIST)
    return validate_list (def, value, error);
  number = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (number) ||
      (def->type == LK_POLICY_INT && number != floor (number)))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s needs a %s, not “%s”", def->key,
                   def->type == LK_POLICY_INT ? "whole number" : "number", value);
      return FALSE;
    }
  if (number < def->min || number > def->max)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s must lie between %g and %g",
                   def->key, def->min, def->max);
      return FALSE;
    }
  return TRUE;
}

char *
lk_policy_pair_key (const char *key)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  parts = g_strsplit (key, ".", 3);
  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], "quality") ||
      (!g_str_equal (parts[2], "red") && !g_str_equal (parts[2], "amber")))
    return NULL;
  return g_strdup_printf ("quality.%s.%s", parts[1],
                          g_str_equal (parts[2], "red") ? "amber" : "red");
}

/* Quality thresholds come in pairs, and red must lie beyond amber: below it for measures where
 * less is worse (face width, pixels between the eyes, sharpness, contrast), above it for the
 * others (roll, exposure, clipping, BRISQUE). */
static gboolean
check_threshold_pair (const char  *key,
                      const char  *value,
                      const char  *other_text,
                      GError     **error)
{
  static const char * const less_is_worse[] = {
    "face_width", "inter_eye", "sharpness", "contrast", NULL,
  };
  g_auto(GStrv) parts = g_strsplit (key, ".", 3);
  gboolean red, lower, ok;
  double mine, other;

  red = g_str_equal (parts[2], "red");
  mine = g_ascii_strtod (value, NULL);
  other = g_ascii_strtod (other_text, NULL);
  lower = g_strv_contains (less_is_worse, parts[1]);
  /* (red, amber) must satisfy red <= amber when less is worse, red >= amber otherwise. */
  ok = red ? (lower ? mine <= other : mine >= other) : (lower ? other <= mine : other >= mine);
  if (ok)
    return TRUE;
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "%s would be %s the %s threshold (%s): red must lie %s amber", key,
               (mine < other) ? "below" : "above", red ? "amber" : "red", other_text,
               lower ? "at or below" : "at or above");
  return FALSE;
}

gboolean
lk_policy_check_value (const char  *key,
                       const char  *value,
                       const char  *other_value,
                       GError     **error)
{
  const LkPolicyKey *def;
  g_autofree char *pair = NULL;

  g_return_val_if_fail (key != NULL, FALSE);

  if ((def = lk_policy_key_lookup (key)) == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "There is no policy setting “%s”",
                   key);
      return FALSE;
    }
  if (value == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT, "%s needs a value", key);
      return FALSE;
    }
  if (!validate (def, value, error))
    return FALSE;
  pair = lk_policy_pair_key (key);
  return pair == NULL || other_value == NULL ||
         check_threshold_pair (key, value, other_value, error);
}

gboolean
lk_policy_set (LkSession   *session,
               const char  *key,
               const char  *value,
               const char  *reason,
               GError     **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autofree char *pair = NULL;
  g_autofree char *other = NULL;
  g_autofree char *old = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error))
    return FALSE;
  if (key != NULL && (pair = lk_policy_pair_key (key)) != NULL &&
      lk_policy_key_lookup (pair) != NULL &&
      (other = lk_policy_get_string (store, pair, error)) == NULL)
    return FALSE;
  if (!lk_policy_check_value (key, value, other, error))
    return FALSE;
  if (lk_text_is_blank (reason))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "A policy change needs a reason for the audit trail");
      return FALSE;
    }
  if ((old = lk_policy_get_string (store, key, error)) == NULL ||
      (txn = lk_txn_begin (store, error)) == NULL)
    return FALSE;
  json_object_set_string_member (details, "old", old);
  json_object_set_string_member (details, "new", value);
  json_object_set_string_member (details, "reason", reason);
  return lk_store_set_setting (store, key, value, error) &&
         lk_audit_append (store, &actor, "policy.changed", key, details, error) &&
         lk_txn_commit (txn, error);
}
