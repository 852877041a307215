/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The self-assessment: the shipped questionnaire with Likeness's proposals, saved per day as
 * answered and compared with the assessment before it. */
#include "config.h"

#include <string.h>

#include "governance/lk-assessment-private.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-task.h"
#include "lk-util.h"
#include "reference/lk-data-file.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"

static const char * const answer_names[] = { "", "yes", "partly", "no", "not-applicable" };

const char *
lk_answer_to_string (LkAnswer answer)
{
  return answer <= LK_ANSWER_NOT_APPLICABLE ? answer_names[answer] : "";
}

gboolean
lk_answer_parse (const char  *text,
                 LkAnswer    *answer,
                 GError     **error)
{
  for (guint i = LK_ANSWER_YES; i < G_N_ELEMENTS (answer_names); i++)
    if (g_strcmp0 (text, answer_names[i]) == 0)
      {
        *answer = i;
        return TRUE;
      }
  g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
               "“%s” is not an answer (yes, partly, no or not-applicable)", text ? text : "");
  return FALSE;
}

static void
answer_free (LkAssessmentAnswer *a)
{
  g_free (a->id);
  g_free (a->principle_title);
  g_free (a->text);
  g_free (a->evidence_kind);
  g_free (a->figure);
  g_free (a->comment);
  g_free (a->evidence);
  g_free (a);
}

void
lk_assessment_free (LkAssessment *assessment)
{
  if (assessment == NULL)
    return;
  g_free (assessment->assessed_on);
  g_free (assessment->edition);
  g_free (assessment->by);
  g_free (assessment->previous_on);
  g_clear_pointer (&assessment->answers, g_ptr_array_unref);
  g_free (assessment);
}

LkAssessmentAnswer *
lk_assessment_find (LkAssessment *assessment,
                    const char   *id)
{
  for (guint i = 0; i < assessment->answers->len; i++)
    {
      LkAssessmentAnswer *a = g_ptr_array_index (assessment->answers, i);

      if (g_str_equal (a->id, id))
        return a;
    }
  return NULL;
}

/* The questionnaire of @edition (NULL: the current one), checked against its schema, as
 * unanswered rows. */
static LkAssessment *
questionnaire (LkStore     *store,
               const char  *edition,
               GError     **error)
{
  g_autoptr(JsonNode) root = lk_assessment_edition_load (store, edition, error);
  g_autoptr(LkAssessment) assessment = g_new0 (LkAssessment, 1);
  JsonArray *principles;

  if (root == NULL)
    return NULL;
  assessment->edition = g_strdup (json_object_get_string_member (json_node_get_object (root),
                                                                 "edition"));
  assessment->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
  principles = json_object_get_array_member (json_node_get_object (root), "principles");
  for (guint i = 0; i < json_array_get_length (principles); i++)
    {
      JsonObject *p = json_array_get_object_element (principles, i);
      JsonArray *questions = json_object_get_array_member (p, "questions");

      for (guint j = 0; j < json_array_get_length (questions); j++)
        {
          JsonObject *q = json_array_get_object_element (questions, j);
          LkAssessmentAnswer *a = g_new0 (LkAssessmentAnswer, 1);

          a->id = g_strdup (json_object_get_string_member (q, "id"));
          a->principle = (int) json_object_get_int_member (p, "number");
          a->principle_title = g_strdup (json_object_get_string_member (p, "title"));
          a->text = g_strdup (json_object_get_string_member (q, "text"));
          a->evidence_kind = g_strdup (json_object_get_string_member_with_default (q, "evidence",
                                                                                    NULL));
          g_ptr_array_add (assessment->answers, a);
        }
    }
  return g_steal_pointer (&assessment);
}

/* The answer saved under @member of @saved into @answer: LK_ANSWER_NONE when none was given,
 * FALSE with @error when what was saved is not an answer. */
static gboolean
saved_answer (JsonObject  *saved,
              const char  *member,
              LkAnswer    *answer,
              GError     **error)
{
  const char *text = json_object_get_string_member_with_default (saved, member, "");
  g_autoptr(GError) local = NULL;

  *answer = LK_ANSWER_NONE;
  if (text[0] == '\0' || lk_answer_parse (text, answer, &local))
    return TRUE;
  g_set_error_literal (error, LK_ERROR, LK_ERROR_INTEGRITY, local->message);
  return FALSE;
}

/* The saved rows of @answers_json, an object; NULL with @error when it no longer parses. */
static JsonNode *
load_saved (const char  *answers_json,
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) root = lk_json_load_stored (answers_json, &local);

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return g_steal_pointer (&root);
  g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY,
               "The saved answers of the assessment are damaged: %s",
               local != NULL ? local->message : "they are not an object");
  return NULL;
}

/* One saved row @saved onto @a: into its answer (@as_previous FALSE) or its previous answer. */
static gboolean
apply_saved_answer (LkAssessmentAnswer  *a,
                    JsonObject          *saved,
                    gboolean             as_previous,
                    GError             **error)
{
  LkAnswer answer;

  if (!saved_answer (saved, "answer", &answer, error))
    return FALSE;
  if (as_previous)
    {
      a->previous = answer;
      return TRUE;
    }
  a->answer = answer;
  g_free (a->comment);
  a->comment = g_strdup (json_object_get_string_member_with_default (saved, "comment", ""));
  g_free (a->evidence);
  a->evidence = g_strdup (json_object_get_string_member_with_default (saved, "evidence", ""));
  g_free (a->figure);
  a->figure = g_strdup (json_object_get_string_member_with_default (saved, "figure", NULL));
  return saved_answer (saved, "proposed", &a->proposed, error);
}

/* The answers of the saved assessment that @stmt's row holds, onto the questionnaire's rows:
 * into their answers (@as_previous FALSE) or their previous answers; FALSE with @error when
 * they are damaged. */
static gboolean
apply_saved (LkAssessment  *assessment,
             const char    *answers_json,
             gboolean       as_previous,
             GError       **error)
{
  g_autoptr(JsonNode) root = load_saved (answers_json, error);
  JsonObject *o;

  if (root == NULL)
    return FALSE;
  o = json_node_get_object (root);
  for (guint i = 0; i < assessment->answers->len; i++)
    {
      LkAssessmentAnswer *a = g_ptr_array_index (assessment->answers, i);
      JsonNode *saved = json_object_get_member (o, a->id);

      if (saved == NULL)
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (saved))
        {
          g_set_error (error, LK_ERROR, LK_ERROR_INTEGRITY,
                       "The saved answer to question %s is damaged", a->id);
          return FALSE;
        }
      if (!apply_saved_answer (a, json_node_get_object (saved), as_previous, error))
        {
          g_prefix_error (error, "The saved answer to question %s is damaged: ", a->id);
          return FALSE;
        }
    }
  return TRUE;
}

/* The saved assessment @id (0: the latest) before @before_day (NULL: any): its row. */
static gboolean
read_saved (LkStore     *store,
            gint64       id,
            const char  *before_day,
            gint64      *found,
            char       **day,
            char       **by,
            char       **answers,
            char       **edition,
            GError     **error)
{
  g_autoptr(LkStoreLock) locker = lk_store_lock (store);
  g_autoptr(LkStmt) stmt =
    lk_store_stmt (store, "SELECT a.id, a.assessed_on, u.name, a.answers, a.edition"
                          " FROM assessments a"
                          " JOIN users u ON u.id = a.created_by"
                          " WHERE (?1 = 0 OR a.id = ?1)"
                          " AND (CAST (?2 AS TEXT) IS NULL OR a.assessed_on < ?2)"
                          " ORDER BY a.assessed_on DESC LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  lk_stmt_bind_int64 (stmt, 1, id);
  if (before_day != NULL)
    lk_stmt_bind_text (stmt, 2, before_day);
  else
    lk_stmt_bind_null (stmt, 2);
  if (!lk_stmt_next (stmt, error))
    return FALSE;
  *found = lk_stmt_int64 (stmt, 0);
  *day = lk_stmt_dup_text (stmt, 1);
  if (by != NULL)
    *by = lk_stmt_dup_text (stmt, 2);
  *answers = lk_stmt_dup_text (stmt, 3);
  if (edition != NULL)
    *edition = lk_stmt_dup_text (stmt, 4);
  return TRUE;
}

/* Fills the previous answers from the latest assessment before @day (NULL: the latest), when
 * there is one; FALSE with @error when it cannot be read. */
static gboolean
compare_with_previous (LkStore       *store,
                       LkAssessment  *assessment,
                       const char    *day,
                       GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *answers = NULL;
  g_autofree char *previous_on = NULL;
  gint64 id = 0;

  if (!read_saved (store, 0, day, &id, &previous_on, NULL, &answers, NULL, &local))
    {
      if (local == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  assessment->previous_on = g_steal_pointer (&previous_on);
  return apply_saved (assessment, answers, TRUE, error);
}

LkAssessment *
lk_assessment_propose (LkSession  *session,
                       GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkAssessment) assessment = NULL;
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (assessment = questionnaire (store, NULL, error)) == NULL)
    return NULL;
  for (guint i = 0; i < assessment->answers->len; i++)
    {
      LkAssessmentAnswer *a = g_ptr_array_index (assessment->answers, i);

      if (!lk_assessment_figure (store, a, error))
        return NULL;
      a->answer = a->proposed;
    }
  assessment->by = g_strdup (lk_session_get_user_name (session));
  if (!compare_with_previous (store, assessment, NULL, error))
    return NULL;
  return g_steal_pointer (&assessment);
}

static JsonObject *
answers_to_json (const LkAssessment *assessment)
{
  JsonObject *o = json_object_new ();

  for (guint i = 0; i < assessment->answers->len; i++)
    {
      const LkAssessmentAnswer *a = g_ptr_array_index (assessment->answers, i);
      JsonObject *saved = json_object_new ();

      json_object_set_string_member (saved, "answer", lk_answer_to_string (a->answer));
      json_object_set_string_member (saved, "comment", a->comment ? a->comment : "");
      json_object_set_string_member (saved, "evidence", a->evidence ? a->evidence : "");
      if (a->figure != NULL)
        json_object_set_string_member (saved, "figure", a->figure);
      json_object_set_string_member (saved, "proposed", lk_answer_to_string (a->proposed));
      json_object_set_object_member (o, a->id, saved);
    }
  return o;
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%d");
}

gint64
lk_assessment_save (LkSession     *session,
                    LkAssessment  *assessment,
                    const char    *assessed_on,
                    GError       **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autofree char *day = assessed_on != NULL ? g_strdup (assessed_on) : today ();
  g_autofree char *now = lk_now_utc ();
  g_autoptr(JsonObject) answers = answers_to_json (assessment);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), answers);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *midnight = g_strconcat (day, "T00:00:00Z", NULL);
  g_autofree char *object = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  LkActor actor;
  gint64 id;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error))
    return 0;
  if (strlen (day) != 10 || (parsed = g_date_time_new_from_iso8601 (midnight, NULL)) == NULL)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT,
                   "The assessment date “%s” is not a day (YYYY-MM-DD)", day);
      return 0;
    }
  if ((txn = lk_txn_begin (store, error)) == NULL ||
      (stmt = lk_store_stmt (store, "INSERT INTO assessments (assessed_on, edition, answers,"
                                    " created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                             error)) == NULL)
    return 0;
  lk_stmt_bind_text (stmt, 1, day);
  lk_stmt_bind_text (stmt, 2, assessment->edition);
  lk_stmt_bind_text (stmt, 3, text);
  lk_stmt_bind_int64 (stmt, 4, lk_session_get_user_id (session));
  lk_stmt_bind_text (stmt, 5, now);
  if ((id = lk_stmt_insert_unique (stmt, error, "There is already an assessment of %s",
                                   day)) == 0)
    return 0;
  object = lk_object_name ("assessment", id);
  json_object_set_string_member (details, "assessed_on", day);
  json_object_set_string_member (details, "edition", assessment->edition);
  json_object_set_string_member (details, "answers_sha256", sha256);
  if (!lk_audit_append (store, &actor, "assessment.saved", object, details, error) ||
      !lk_txn_commit (txn, error))
    return 0;
  assessment->id = id;
  g_free (assessment->assessed_on);
  assessment->assessed_on = g_steal_pointer (&day);
  return id;
}

LkAssessment *
lk_assessment_load (LkSession  *session,
                    gint64      id,
                    GError    **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autoptr(LkAssessment) assessment = NULL;
  g_autofree char *answers = NULL, *edition = NULL, *assessed_on = NULL, *by = NULL;
  g_autoptr(GError) local = NULL;
  gint64 saved_id = 0;
  LkActor actor;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error))
    return NULL;
  /* the saved assessment, read in the edition it answered */
  if (!read_saved (store, id, NULL, &saved_id, &assessed_on, &by, &answers, &edition, &local))
    {
      if (local == NULL && id > 0)
        g_set_error (&local, LK_ERROR, LK_ERROR_NOT_FOUND,
                     "There is no assessment %" G_GINT64_FORMAT, id);
      else if (local == NULL)
        g_set_error (&local, LK_ERROR, LK_ERROR_NOT_FOUND, "No assessment has been saved yet");
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if ((assessment = questionnaire (store, edition, error)) == NULL)
    return NULL;
  assessment->id = saved_id;
  assessment->assessed_on = g_steal_pointer (&assessed_on);
  assessment->by = g_steal_pointer (&by);
  if (!apply_saved (assessment, answers, FALSE, error) ||
      !compare_with_previous (store, assessment, assessment->assessed_on, error))
    return NULL;
  return g_steal_pointer (&assessment);
}

JsonObject *
lk_assessment_to_json (const LkAssessment *assessment)
{
  JsonObject *o = json_object_new ();
  JsonArray *questions = json_array_new ();

  if (assessment->id > 0)
    json_object_set_int_member (o, "id", assessment->id);
  json_object_set_string_member (o, "assessed_on", assessment->assessed_on);
  json_object_set_string_member (o, "edition", assessment->edition);
  json_object_set_string_member (o, "by", assessment->by);
  json_object_set_string_member (o, "previous_on", assessment->previous_on);
  for (guint i = 0; i < assessment->answers->len; i++)
    {
      const LkAssessmentAnswer *a = g_ptr_array_index (assessment->answers, i);
      JsonObject *q = json_object_new ();

      json_object_set_string_member (q, "id", a->id);
      json_object_set_int_member (q, "principle", a->principle);
      json_object_set_string_member (q, "text", a->text);
      json_object_set_string_member (q, "answer", lk_answer_to_string (a->answer));
      json_object_set_string_member (q, "proposed", lk_answer_to_string (a->proposed));
      json_object_set_string_member (q, "figure", a->figure);
      json_object_set_string_member (q, "comment", a->comment);
      json_object_set_string_member (q, "evidence", a->evidence);
      json_object_set_string_member (q, "previous", lk_answer_to_string (a->previous));
      json_array_add_object_element (questions, q);
    }
  json_object_set_array_member (o, "questions", questions);
  return o;
}

static gpointer
propose_job (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return lk_assessment_propose (data, error);
}

void
lk_assessment_propose_async (LkSession            *session,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  lk_task_run (session, cancellable, callback, user_data, lk_assessment_propose_async,
               propose_job, g_object_ref (session), g_object_unref,
               (GDestroyNotify) lk_assessment_free);
}

LkAssessment *
lk_assessment_propose_finish (GAsyncResult  *result,
                              GError       **error)
{
  return lk_task_finish (result, lk_assessment_propose_async, error);
}
