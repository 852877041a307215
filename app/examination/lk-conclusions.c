/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Evaluate step: the draft, its consistency warnings, the signature and amendments. */
#include "config.h"

#include <sodium.h>
#include <stdarg.h>
#include <string.h>

#include "examination/lk-conclusions-private.h"
#include "lk-error.h"
#include "governance/lk-feature-lists.h"
#include "governance/lk-policy.h"
#include "lk-task.h"
#include "lk-util.h"
#include "store/lk-store-private.h"
#include "people/lk-session.h"
#include "reference/lk-data.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"
#include "verification/lk-competency.h"
#include "verification/lk-verification-gate-private.h"

void
lk_conclusion_warning_free (LkConclusionWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->id);
  g_free (warning->message);
  g_free (warning->rule);
  g_free (warning);
}

const LkScale *
lk_conclusions_scale (LkStore  *store,
                      GError  **error)
{
  g_autofree char *name = lk_policy_get_string (store, "conclusion_scale", error);

  return name != NULL ? lk_scale_lookup (name, error) : NULL;
}

/* ---- the draft ----------------------------------------------------------------------------- */

/* The level of the draft on @scale; NULL without an error for the not-suitable outcome. */
static gboolean
check_level (const LkScale             *scale,
             const LkConclusionDraft   *draft,
             const LkScaleLevel       **level,
             GError                   **error)
{
  const LkScaleLevel *first, *last;

  *level = NULL;
  if (draft->not_suitable)
    return TRUE;
  if ((*level = lk_scale_get_level (scale, draft->ordinal)) != NULL)
    return TRUE;
  first = g_ptr_array_index (scale->levels, 0);
  last = g_ptr_array_index (scale->levels, scale->levels->len - 1);
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "%+d is not a level of the conclusion scale %s (from %+d to %+d, or the outcome "
               "“%s”)", draft->ordinal, scale->name, first->ordinal, last->ordinal,
               scale->not_suitable_label);
  return FALSE;
}

static gboolean
check_texts (LkStore                  *store,
             const LkConclusionDraft  *draft,
             GError                  **error)
{
  gint64 min_length = 0;
  g_autofree char *reasoning = g_strstrip (g_strdup (draft->reasoning ? draft->reasoning : ""));
  glong length = g_utf8_strlen (reasoning, -1);

  if (!lk_policy_get_int (store, "min_reasoning_length", &min_length, error))
    return FALSE;
  if (lk_text_is_blank (reasoning) || length < min_length)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The reasoning is required and needs at least %" G_GINT64_FORMAT
                   " characters (it has %ld): say which observations lead to this level and how "
                   "differences were weighed", min_length, length);
      return FALSE;
    }
  if (lk_text_is_blank (draft->limitations))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The limitations are required: state what limits this comparison (image "
                   "quality, pose, lighting, age difference, what could not be compared)");
      return FALSE;
    }
  return TRUE;
}

static const char *
propositions_of (const LkConclusionDraft *draft)
{
  return lk_text_is_blank (draft->propositions) ? LK_DEFAULT_PROPOSITIONS : draft->propositions;
}

/* ---- consistency warnings ------------------------------------------------------------------ */

static LkConclusionWarning *add_warning (GPtrArray  *warnings,
                                         const char *id,
                                         const char *format,
                                         ...) G_GNUC_PRINTF (3, 4);

static LkConclusionWarning *
add_warning (GPtrArray  *warnings,
             const char *id,
             const char *format,
             ...)
{
  LkConclusionWarning *warning = g_new0 (LkConclusionWarning, 1);
  va_list args;

  va_start (args, format);
  warning->id = g_strdup (id);
  warning->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (warnings, warning);
  return warning;
}

/* Ties @warning to the rule of policy @rule and its current severity. */
static gboolean
set_rule (LkConclusionWarning  *warning,
          LkStore              *store,
          const char           *rule,
          GError              **error)
{
  warning->rule = g_strdup (rule);
  return lk_policy_refuses (store, rule, &warning->refused, error);
}

static const char *
member_text (JsonObject *o,
             const char *name)
{
  if (!json_object_has_member (o, name) || json_object_get_null_member (o, name))
    return NULL;
  return json_object_get_string_member (o, name);
}

/* The names of the characteristics recorded dissimilar (only the individualising ones when
 * @individualising), "; "-separated, and their number; NULL when there is none. */
static char *
dissimilar_names (JsonArray *observations,
                  gboolean   individualising,
                  guint     *count)
{
  g_autoptr(GString) names = g_string_new (NULL);

  *count = 0;
  for (guint i = 0; i < json_array_get_length (observations); i++)
    {
      JsonObject *o = json_array_get_object_element (observations, i);

      if (g_strcmp0 (member_text (o, "result"), "dissimilar") != 0 ||
          (individualising &&
           g_strcmp0 (member_text (o, "significance"), "individualising") != 0))
        continue;
      (*count)++;
      g_string_append_printf (names, "%s%s: %s", names->len > 0 ? "; " : "",
                              member_text (o, "component") ? member_text (o, "component") : "",
                              member_text (o, "name") ? member_text (o, "name")
                                                      : member_text (o, "characteristic"));
    }
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

static void
warn_dissimilar (GPtrArray          *warnings,
                 JsonArray          *observations,
                 const LkScaleLevel *level)
{
  guint count;
  g_autofree char *names = dissimilar_names (observations, TRUE, &count);

  if (level->ordinal > 0 && names != NULL)
    add_warning (warnings, LK_WARNING_DISSIMILAR_INDIVIDUALISING,
                 "The level %+d supports the same person, yet individualising characteristics "
                 "were found dissimilar (%s)", level->ordinal, names);
}

static void
warn_limited (GPtrArray          *warnings,
              const char         *suitability,
              const LkScaleLevel *level)
{
  if (g_strcmp0 (suitability, "limited") == 0 && level->strength >= 2)
    add_warning (warnings, LK_WARNING_LIMITED_PROBE_STRONG_LEVEL,
                 "The level %+d claims strength %d of 3, but the probe analysis said the probe "
                 "is of limited suitability", level->ordinal, level->strength);
}

static void
warn_nothing (GPtrArray *warnings,
              JsonArray *observations)
{
  guint with_result, compared;

  lk_observations_count (observations, &with_result, &compared);
  if (compared == 0)
    add_warning (warnings, LK_WARNING_NOTHING_ASSESSED,
                 "No characteristic was found similar, dissimilar or an explainable difference: "
                 "the level rests on no recorded comparison");
}

static gboolean
warn_policy (GPtrArray           *warnings,
             LkStore             *store,
             const char          *suitability,
             const LkScaleLevel  *level,
             GError             **error)
{
  gint64 limit = 0;
  LkConclusionWarning *w = NULL;

  if (!lk_policy_get_int (store, "strongest_level_limited", &limit, error))
    return FALSE;
  if (g_strcmp0 (suitability, "not-suitable") == 0)
    w = add_warning (warnings, LK_WARNING_ABOVE_POLICY_LIMIT,
                     "The probe analysis said the probe is not suitable: policy allows no "
                     "level, only the outcome “not suitable for comparison”");
  else if (g_strcmp0 (suitability, "limited") == 0 && level->strength > limit)
    w = add_warning (warnings, LK_WARNING_ABOVE_POLICY_LIMIT,
                     "Policy allows at most strength %" G_GINT64_FORMAT " (of 3) for a probe "
                     "of limited suitability; the level %+d has strength %d", limit,
                     level->ordinal, level->strength);
  return w == NULL || set_rule (w, store, "rules.limited_cap", error);
}

/* Characteristics compared (similar, dissimilar, explainable), and the individualising ones
 * among them. */
static void
count_compared (JsonArray *observations,
                guint     *compared,
                guint     *individualising)
{
  *compared = *individualising = 0;
  for (guint i = 0; i < json_array_get_length (observations); i++)
    {
      JsonObject *o = json_array_get_object_element (observations, i);
      const char *result = member_text (o, "result");

      if (result == NULL || g_str_equal (result, "not-assessable"))
        continue;
      (*compared)++;
      if (g_strcmp0 (member_text (o, "significance"), "individualising") == 0)
        (*individualising)++;
    }
}

/* The policy's minimum of @what for @strength into @minimum (0 where the policy sets none). */
static gboolean
minimum_for (LkStore     *store,
             const char  *what,
             int          strength,
             gint64      *minimum,
             GError     **error)
{
  g_autofree char *key = g_strdup_printf ("min_%s_strength_%d", what, strength);

  *minimum = 0;
  return lk_policy_key_lookup (key) == NULL || lk_policy_get_int (store, key, minimum, error);
}

static gboolean
warn_minimums (GPtrArray           *warnings,
               LkStore             *store,
               JsonArray           *observations,
               guint                total,
               const LkScaleLevel  *level,
               GError             **error)
{
  gint64 min_compared, min_individualising;
  guint compared, individualising;
  g_autoptr(GString) text = g_string_new (NULL);

  if (level->strength < 2)
    return TRUE;
  if (!minimum_for (store, "assessed", level->strength, &min_compared, error) ||
      !minimum_for (store, "individualising", level->strength, &min_individualising, error))
    return FALSE;
  count_compared (observations, &compared, &individualising);
  if (compared < min_compared)
    g_string_append_printf (text, "%u of %u characteristics assessed; policy asks at least %"
                            G_GINT64_FORMAT " for %+d", compared, total, min_compared,
                            level->ordinal);
  if (individualising < min_individualising)
    g_string_append_printf (text, "%s%u individualising characteristic%s assessed; policy asks "
                            "at least %" G_GINT64_FORMAT " for %+d", text->len ? "; " : "",
                            individualising, individualising == 1 ? "" : "s",
                            min_individualising, level->ordinal);
  return text->len == 0 ||
         set_rule (add_warning (warnings, LK_WARNING_BELOW_POLICY_MINIMUM, "%s", text->str),
                   store, "rules.minimums", error);
}

static gboolean
warn_unexplained (GPtrArray           *warnings,
                  LkStore             *store,
                  JsonArray           *observations,
                  const LkScaleLevel  *level,
                  GError             **error)
{
  gint64 from = 0;
  guint count;
  g_autofree char *names = NULL;

  if (!lk_policy_get_int (store, "unexplained_dissimilar_strength", &from, error))
    return FALSE;
  if (level->ordinal <= 0 || level->strength < from ||
      (names = dissimilar_names (observations, FALSE, &count)) == NULL)
    return TRUE;
  return set_rule (add_warning (warnings, LK_WARNING_UNEXPLAINED_DISSIMILAR,
                         "The level %+d is strong support for the same person, yet %u "
                         "characteristic%s recorded dissimilar, not as an explainable "
                         "difference (%s)", level->ordinal, count,
                         count == 1 ? " is" : "s are", names),
            store, "rules.unexplained_dissimilar", error);
}

/* The first item whose rule is set to refuse, as the error: no acknowledgement lets it pass. */
static gboolean
check_refused (GPtrArray  *warnings,
               GError    **error)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      LkConclusionWarning *w = g_ptr_array_index (warnings, i);

      if (!w->refused)
        continue;
      g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
                   "Policy refuses this level (rule %s): %s", w->rule, w->message);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
compute_warnings (LkStore             *store,
                  const LkExamRow     *row,
                  const LkScaleLevel  *level,
                  GError             **error)
{
  g_autoptr(GPtrArray) warnings =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lk_conclusion_warning_free);
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonArray) observations = NULL;

  /* None applies to the outcome "not suitable for comparison". */
  if (level == NULL)
    return g_steal_pointer (&warnings);
  if ((list = lk_feature_lists_for_edition (store, row->feature_list, error)) == NULL ||
      (observations = lk_observations_json (store, row->id, list, error)) == NULL)
    return NULL;
  warn_dissimilar (warnings, observations, level);
  warn_limited (warnings, row->suitability, level);
  warn_nothing (warnings, observations);
  if (!warn_policy (warnings, store, row->suitability, level, error) ||
      !warn_minimums (warnings, store, observations, lk_feature_list_count_characteristics (list),
                      level, error) ||
      !warn_unexplained (warnings, store, observations, level, error))
    return NULL;
  return g_steal_pointer (&warnings);
}

gboolean
lk_conclusions_check (LkSession                *session,
                      gint64                    examination_id,
                      const LkConclusionDraft  *draft,
                      GPtrArray               **warnings,
                      GError                  **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkExamRow) row = { 0 };
  g_autoptr(GPtrArray) found = NULL;
  const LkScale *scale;
  const LkScaleLevel *level;
  LkActor actor;

  g_return_val_if_fail (draft != NULL, FALSE);

  if (warnings != NULL)
    *warnings = NULL;
  if (!lk_exam_require_examiner (session, examination_id, &actor, &row, error) ||
      (scale = lk_conclusions_scale (store, error)) == NULL ||
      !check_level (scale, draft, &level, error) ||
      (found = compute_warnings (store, &row, level, error)) == NULL)
    return FALSE;
  if (warnings != NULL)
    *warnings = g_ptr_array_ref (found);
  return check_refused (found, error) && check_texts (store, draft, error);
}

/* ---- acknowledgements ---------------------------------------------------------------------- */

static gboolean
has_warning (GPtrArray  *warnings,
             const char *id)
{
  for (guint i = 0; i < warnings->len; i++)
    if (g_str_equal (((LkConclusionWarning *) g_ptr_array_index (warnings, i))->id, id))
      return TRUE;
  return FALSE;
}

static gboolean
check_unknown (GPtrArray   *warnings,
               GHashTable  *acknowledgements,
               GError     **error)
{
  GHashTableIter iter;
  gpointer key;

  if (acknowledgements == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, acknowledgements);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!has_warning (warnings, key))
      {
        g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                     "There is no warning “%s” to acknowledge for this conclusion",
                     (const char *) key);
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_acknowledged (GPtrArray   *warnings,
                    GHashTable  *acknowledgements,
                    GError     **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) short_ones = g_string_new (NULL);

  for (guint i = 0; i < warnings->len; i++)
    {
      LkConclusionWarning *w = g_ptr_array_index (warnings, i);
      const char *text = acknowledgements ? g_hash_table_lookup (acknowledgements, w->id) : NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

      if (lk_text_is_blank (text))
        g_string_append_printf (missing, "%s%s (%s)", missing->len ? "; " : "", w->id,
                                w->message);
      else if (g_utf8_strlen (stripped, -1) < LK_ACKNOWLEDGEMENT_MIN_LENGTH)
        g_string_append_printf (short_ones, "%s%s", short_ones->len ? "; " : "", w->message);
    }
  if (missing->len > 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
                   "Acknowledge each warning in writing before signing: %s", missing->str);
      return FALSE;
    }
  /* In words: the examiner has already written beside each of these warnings, so its text
   * tells which one is meant better than its id. */
  if (short_ones->len > 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_REFUSED,
                   "Say in a sentence (at least %d characters) why the conclusion stands "
                   "despite: %s", LK_ACKNOWLEDGEMENT_MIN_LENGTH, short_ones->str);
      return FALSE;
    }
  return check_unknown (warnings, acknowledgements, error);
}

static char *
warnings_text (GPtrArray  *warnings,
               GHashTable *acknowledgements)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < warnings->len; i++)
    {
      LkConclusionWarning *w = g_ptr_array_index (warnings, i);
      JsonObject *o = json_object_new ();
      g_autofree char *text = g_strstrip (g_strdup (g_hash_table_lookup (acknowledgements,
                                                                         w->id)));

      json_object_set_string_member (o, "id", w->id);
      json_object_set_string_member (o, "message", w->message);
      json_object_set_string_member (o, "acknowledgement", text);
      json_array_add_object_element (array, o);
    }
  node = json_node_init_array (json_node_alloc (), array);
  return json_to_string (node, FALSE);
}

/* ---- signing ------------------------------------------------------------------------------- */

typedef struct
{
  const LkConclusionDraft *draft;
  GHashTable              *acknowledgements;
  const char              *reason; /* NULL: the first signature; else an amendment */
} Signing;

typedef struct
{
  const LkScale      *scale;
  const LkScaleLevel *level; /* NULL: not suitable for comparison */
  GPtrArray          *warnings;
  gint64              latest_id;
  int                 latest_revision;
} Evaluation;

static void
evaluation_clear (Evaluation *e)
{
  g_clear_pointer (&e->warnings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Evaluation, evaluation_clear)

static gboolean
check_revision_state (const LkExamRow  *row,
                      const Signing    *s,
                      int               latest,
                      GError          **error)
{
  if (latest > 0 && s->reason == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_EXISTS,
                   "Examination %" G_GINT64_FORMAT " already has a signed conclusion; a signed "
                   "conclusion never changes: amend it with a reason", row->id);
      return FALSE;
    }
  if (latest == 0 && s->reason != NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_NOT_FOUND,
                   "Examination %" G_GINT64_FORMAT " has no signed conclusion to amend", row->id);
      return FALSE;
    }
  return TRUE;
}

/* Everything a signature needs, in the order a form shows it. Runs before the password is
 * asked for and again inside the transaction that writes. */
static gboolean
evaluate (LkStore          *store,
          const LkExamRow  *row,
          const Signing    *s,
          Evaluation       *e,
          GError          **error)
{
  g_clear_pointer (&e->warnings, g_ptr_array_unref);
  if ((e->scale = lk_conclusions_scale (store, error)) == NULL ||
      !check_level (e->scale, s->draft, &e->level, error) ||
      (e->warnings = compute_warnings (store, row, e->level, error)) == NULL ||
      !check_refused (e->warnings, error) ||
      !check_texts (store, s->draft, error) ||
      !check_acknowledged (e->warnings, s->acknowledgements, error))
    return FALSE;
  e->latest_revision = lk_conclusions_latest (store, row->id, &e->latest_id, error);
  return e->latest_revision >= 0 && check_revision_state (row, s, e->latest_revision, error) &&
         lk_verification_check_not_in_review (store, row->id, error);
}

static char *
observation_snapshot (LkStore          *store,
                      const LkExamRow  *row,
                      GError          **error)
{
  g_autoptr(JsonObject) list = lk_feature_lists_for_edition (store, row->feature_list, error);
  g_autoptr(JsonArray) observations = NULL;
  g_autoptr(JsonObject) snapshot = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  guint with_result, compared;

  if (list == NULL ||
      (observations = lk_observations_json (store, row->id, list, error)) == NULL)
    return NULL;
  lk_observations_count (observations, &with_result, &compared);
  json_object_set_string_member (snapshot, "feature_list", row->feature_list);
  json_object_set_int_member (snapshot, "assessed", with_result);
  json_object_set_int_member (snapshot, "total", lk_feature_list_count_characteristics (list));
  json_object_set_array_member (snapshot, "observations", json_array_ref (observations));
  node = json_node_init_object (json_node_alloc (), snapshot);
  return json_to_string (node, FALSE);
}

static void
bind_content (LkStmt                    *stmt,
              const LkConclusionContent *c,
              const char                *sha256,
              gint64                     user_id)
{
  lk_stmt_bind_int64 (stmt, 1, c->examination_id);
  lk_stmt_bind_int (stmt, 2, c->revision);
  lk_stmt_bind_text (stmt, 3, c->scale);
  lk_stmt_bind_text (stmt, 4, c->scale_version);
  lk_stmt_bind_text (stmt, 5, c->outcome);
  if (c->has_ordinal)
    lk_stmt_bind_int (stmt, 6, c->ordinal);
  lk_stmt_bind_text (stmt, 7, c->level_label);
  lk_stmt_bind_text (stmt, 8, c->propositions);
  lk_stmt_bind_text (stmt, 9, c->reasoning);
  lk_stmt_bind_text (stmt, 10, c->limitations);
  lk_stmt_bind_text (stmt, 11, c->warnings);
  lk_stmt_bind_text (stmt, 12, c->observations);
  lk_stmt_bind_int64 (stmt, 13, user_id);
  lk_stmt_bind_text (stmt, 14, c->signed_at);
  if (c->amends > 0)
    lk_stmt_bind_int64 (stmt, 15, c->amends);
  if (c->amendment_reason != NULL)
    lk_stmt_bind_text (stmt, 16, c->amendment_reason);
  lk_stmt_bind_text (stmt, 17, sha256);
}

static gint64
insert_conclusion (LkStore                    *store,
                   const LkConclusionContent  *content,
                   const char                 *sha256,
                   gint64                      user_id,
                   GError                    **error)
{
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "INSERT INTO conclusions (examination_id, revision, scale,"
                          " scale_version, outcome, ordinal, level_label, propositions,"
                          " reasoning, limitations, warnings, observations, signed_by,"
                          " signed_at, amends, amendment_reason, content_sha256,"
                          " examination_revision)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                          " ?16, ?17, (SELECT revision FROM examinations WHERE id = ?1))", error);

  if (stmt == NULL)
    return 0;
  bind_content (stmt, content, sha256, user_id);
  return lk_stmt_insert (stmt, error);
}

static JsonObject *
signed_details (const LkExamRow            *row,
                const LkConclusionContent  *c,
                GPtrArray                  *warnings,
                const char                 *sha256)
{
  JsonObject *details = json_object_new ();
  JsonArray *ids = json_array_new ();

  for (guint i = 0; i < warnings->len; i++)
    json_array_add_string_element (ids,
                                   ((LkConclusionWarning *) g_ptr_array_index (warnings, i))->id);
  json_object_set_string_member (details, "case", row->case_number);
  json_object_set_int_member (details, "revision", c->revision);
  json_object_set_string_member (details, "scale", c->scale);
  json_object_set_string_member (details, "scale_version", c->scale_version);
  json_object_set_string_member (details, "outcome", c->outcome);
  if (c->has_ordinal)
    json_object_set_int_member (details, "ordinal", c->ordinal);
  json_object_set_string_member (details, "level", c->level_label);
  json_object_set_array_member (details, "acknowledged_warnings", ids);
  if (c->amendment_reason != NULL)
    json_object_set_string_member (details, "reason", c->amendment_reason);
  json_object_set_string_member (details, "content_sha256", sha256);
  json_object_set_string_member (details, "result_use", LK_CONCLUSION_RESULT_USE);
  return details;
}

typedef struct
{
  char *propositions;
  char *reasoning;
  char *limitations;
  char *warnings;
  char *observations;
  char *signed_at;
} ContentTexts;

static void
content_texts_clear (ContentTexts *t)
{
  g_free (t->propositions);
  g_free (t->reasoning);
  g_free (t->limitations);
  g_free (t->warnings);
  g_free (t->observations);
  g_free (t->signed_at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ContentTexts, content_texts_clear)

static void
fill_content (LkConclusionContent  *c,
              const LkExamRow      *row,
              const Signing        *s,
              const Evaluation     *e,
              const ContentTexts   *t,
              const char           *signer)
{
  c->examination_id = row->id;
  c->revision = e->latest_revision + 1;
  c->amends = e->latest_id;
  c->amendment_reason = s->reason;
  c->scale = e->scale->name;
  c->scale_version = e->scale->edition;
  c->outcome = e->level ? "level" : "not-suitable";
  c->has_ordinal = e->level != NULL;
  c->ordinal = e->level ? e->level->ordinal : 0;
  c->level_label = e->level ? e->level->label : e->scale->not_suitable_label;
  c->propositions = t->propositions;
  c->reasoning = t->reasoning;
  c->limitations = t->limitations;
  c->warnings = t->warnings;
  c->observations = t->observations;
  c->signed_by = signer;
  c->signed_at = t->signed_at;
}

static gint64
write_conclusion (LkSession        *session,
                  const LkActor    *actor,
                  const LkExamRow  *row,
                  const Signing    *s,
                  GError          **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkTxn) txn = lk_txn_begin (store, error);
  g_auto(Evaluation) e = { 0 };
  g_auto(ContentTexts) t = { 0 };
  LkConclusionContent content = { 0 };
  g_autofree char *sha256 = NULL;
  g_autofree char *object = lk_exam_object (row->id);
  g_autoptr(JsonObject) details = NULL;
  gint64 id;

  if (txn == NULL || !evaluate (store, row, s, &e, error) ||
      (t.observations = observation_snapshot (store, row, error)) == NULL)
    return 0;
  t.propositions = g_strstrip (g_strdup (propositions_of (s->draft)));
  t.reasoning = g_strstrip (g_strdup (s->draft->reasoning));
  t.limitations = g_strstrip (g_strdup (s->draft->limitations));
  t.warnings = warnings_text (e.warnings, s->acknowledgements);
  t.signed_at = lk_now_utc ();
  fill_content (&content, row, s, &e, &t, lk_session_get_user_name (session));
  sha256 = lk_conclusion_sha256 (&content);
  details = signed_details (row, &content, e.warnings, sha256);
  if ((id = insert_conclusion (store, &content, sha256, lk_session_get_user_id (session),
                               error)) == 0 ||
      !lk_audit_append (store, actor, s->reason ? "conclusion.amended" : "conclusion.signed",
                        object, details, error) ||
      !lk_txn_commit (txn, error))
    return 0;
  return id;
}

/* Checks first, so that a refused draft never costs a password attempt; then the password
 * (outside any transaction: a wrong one is counted in a transaction of its own); then writes,
 * checking again under the write lock. */
static gint64
sign (LkSession      *session,
      gint64          examination_id,
      const Signing  *s,
      const char     *password,
      GError        **error)
{
  LkStore *store = lk_session_get_store (session);
  g_auto(LkExamRow) row = { 0 };
  g_auto(Evaluation) e = { 0 };
  LkActor actor;

  if (!lk_exam_require_examiner (session, examination_id, &actor, &row, error) ||
      !evaluate (store, &row, s, &e, error) ||
      !lk_competencies_check (store, lk_session_get_user_name (session),
                              g_str_equal (row.purpose, "verification") ? "reviewer" : "examiner",
                              error))
    return 0;
  if (password == NULL || !lk_session_verify_password (session, password, error))
    {
      if (password == NULL)
        g_set_error (error, LK_ERROR, LK_ERROR_AUTHENTICATION_FAILED,
                     "Signing needs the examiner's password");
      return 0;
    }
  return write_conclusion (session, &actor, &row, s, error);
}

gint64
lk_conclusions_sign (LkSession                *session,
                     gint64                    examination_id,
                     const LkConclusionDraft  *draft,
                     GHashTable               *acknowledgements,
                     const char               *password,
                     GError                  **error)
{
  Signing s = { draft, acknowledgements, NULL };

  g_return_val_if_fail (LK_IS_SESSION (session), 0);
  g_return_val_if_fail (draft != NULL, 0);

  return sign (session, examination_id, &s, password, error);
}

gint64
lk_conclusions_amend (LkSession                *session,
                      gint64                    examination_id,
                      const LkConclusionDraft  *draft,
                      GHashTable               *acknowledgements,
                      const char               *reason,
                      const char               *password,
                      GError                  **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason ? reason : ""));
  Signing s = { draft, acknowledgements, stripped };

  g_return_val_if_fail (LK_IS_SESSION (session), 0);
  g_return_val_if_fail (draft != NULL, 0);

  if (lk_text_is_blank (stripped))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "An amendment needs a reason: say what changed and why");
      return 0;
    }
  return sign (session, examination_id, &s, password, error);
}

/* ---- in a worker thread -------------------------------------------------------------------- */

typedef struct
{
  LkSession  *session;
  gint64      examination_id;
  char       *propositions;
  gboolean    not_suitable;
  int         ordinal;
  char       *reasoning;
  char       *limitations;
  GHashTable *acknowledgements;
  char       *reason;
  char       *password;
} SignJob;

static void
sign_job_free (SignJob *job)
{
  g_clear_object (&job->session);
  g_free (job->propositions);
  g_free (job->reasoning);
  g_free (job->limitations);
  g_clear_pointer (&job->acknowledgements, g_hash_table_unref);
  g_free (job->reason);
  if (job->password != NULL)
    sodium_memzero (job->password, strlen (job->password));
  g_free (job->password);
  g_free (job);
}

static GHashTable *
copy_acknowledgements (GHashTable *acknowledgements)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (acknowledgements == NULL)
    return copy;
  g_hash_table_iter_init (&iter, acknowledgements);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

static gpointer
sign_job (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SignJob *job = data;
  LkConclusionDraft draft = { job->propositions, job->not_suitable, job->ordinal,
                              job->reasoning, job->limitations };
  gint64 id = job->reason != NULL
              ? lk_conclusions_amend (job->session, job->examination_id, &draft,
                                      job->acknowledgements, job->reason, job->password, error)
              : lk_conclusions_sign (job->session, job->examination_id, &draft,
                                     job->acknowledgements, job->password, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

void
lk_conclusions_sign_async (LkSession                *session,
                           gint64                    examination_id,
                           const LkConclusionDraft  *draft,
                           GHashTable               *acknowledgements,
                           const char               *reason,
                           const char               *password,
                           GCancellable             *cancellable,
                           GAsyncReadyCallback       callback,
                           gpointer                  user_data)
{
  SignJob *job = g_new0 (SignJob, 1);

  g_return_if_fail (LK_IS_SESSION (session));
  g_return_if_fail (draft != NULL);

  job->session = g_object_ref (session);
  job->examination_id = examination_id;
  job->propositions = g_strdup (draft->propositions);
  job->not_suitable = draft->not_suitable;
  job->ordinal = draft->ordinal;
  job->reasoning = g_strdup (draft->reasoning);
  job->limitations = g_strdup (draft->limitations);
  job->acknowledgements = copy_acknowledgements (acknowledgements);
  job->reason = g_strdup (reason);
  job->password = g_strdup (password);
  lk_task_run (session, cancellable, callback, user_data, lk_conclusions_sign_async, sign_job,
               job, (GDestroyNotify) sign_job_free, g_free);
}

gint64
lk_conclusions_sign_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_autofree gint64 *id = lk_task_finish (result, lk_conclusions_sign_async, error);

  return id != NULL ? *id : 0;
}
