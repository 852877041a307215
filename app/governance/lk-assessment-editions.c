/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Editions of the self-assessment questionnaire: the shipped one (resources/data), and an
 * agency's own, installed as feature-list editions are: checked against the questionnaire's
 * JSON Schema, kept in the database under its edition name (bound to its content for good),
 * and made current; audited. Each saved assessment names the edition it answered. */
#include "config.h"

#include "governance/lk-assessment-private.h"
#include "governance/lk-editions-private.h"
#include "lk-error.h"
#include "lk-json.h"
#include "lk-util.h"
#include "people/lk-roles.h"
#include "reference/lk-data-file.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"

#define SHIPPED     "data/self-assessment.json"
#define CURRENT_KEY "assessment_edition"

static const LkEditionKind questionnaires = {
  "assessment_editions", CURRENT_KEY, "questionnaire", "questionnaire edition",
  "give the corrected questionnaire a new edition name (saved assessments name the edition they "
  "answered)", 4 * 1024 * 1024
};

/* The edition named in a checked questionnaire. */
static const char *
edition_of (JsonNode *root)
{
  return lk_json_string (json_node_get_object (root), "edition");
}

/* What the schema cannot say: every question id once. */
static gboolean
check_ids (JsonNode    *root,
           const char  *label,
           GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *principles = json_object_get_array_member (json_node_get_object (root),
                                                        "principles");

  for (guint i = 0; i < json_array_get_length (principles); i++)
    {
      JsonObject *p = json_array_get_object_element (principles, i);
      JsonArray *questions = json_object_get_array_member (p, "questions");

      for (guint j = 0; j < json_array_get_length (questions); j++)
        {
          const char *id = lk_json_string (json_array_get_object_element (questions, j), "id");

          if (!g_hash_table_add (seen, (gpointer) id))
            return lk_data_file_invalid (error, label, "the question id “%s” is used twice", id);
        }
    }
  return TRUE;
}

static JsonNode *
parse_checked (GBytes      *bytes,
               const char  *label,
               GError     **error)
{
  g_autoptr(JsonNode) root = lk_data_file_parse_checked (bytes, "self-assessment", label, error);

  if (root == NULL || !check_ids (root, label, error))
    return NULL;
  return g_steal_pointer (&root);
}

static JsonNode *
shipped (GBytes **bytes,
         GError **error)
{
  g_autoptr(GBytes) data = lk_data_file_lookup (SHIPPED, error);
  JsonNode *root = data != NULL ? parse_checked (data, "self-assessment.json", error) : NULL;

  if (root != NULL && bytes != NULL)
    *bytes = g_steal_pointer (&data);
  return root;
}

char *
lk_assessment_current_edition (LkStore  *store,
                               GError  **error)
{
  g_autofree char *current = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!lk_store_get_setting (store, CURRENT_KEY, &current, error))
    return NULL;
  if (current != NULL)
    return g_steal_pointer (&current);
  root = shipped (NULL, error);
  return root != NULL ? g_strdup (edition_of (root)) : NULL;
}

JsonNode *
lk_assessment_edition_load (LkStore     *store,
                            const char  *edition,
                            GError     **error)
{
  g_autofree char *current = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonNode *root;

  if (edition == NULL && !lk_store_get_setting (store, CURRENT_KEY, &current, error))
    return NULL;
  if (edition == NULL)
    edition = current;
  root = shipped (NULL, error);
  if (root == NULL || edition == NULL || g_str_equal (edition, edition_of (root)))
    return root;
  json_node_unref (root);
  if ((bytes = lk_editions_read_content (store, &questionnaires, edition, error)) == NULL)
    return NULL;
  return parse_checked (bytes, edition, error);
}

/* ---- installing ---------------------------------------------------------------------------- */

/* The hash the shipped questionnaire is bound to when @edition is its name, else NULL. */
static gboolean
shipped_sha256 (const char  *edition,
                char       **sha256,
                GError     **error)
{
  g_autoptr(GBytes) shipped_bytes = NULL;
  g_autoptr(JsonNode) shipped_root = shipped (&shipped_bytes, error);

  *sha256 = NULL;
  if (shipped_root == NULL)
    return FALSE;
  if (g_str_equal (edition, edition_of (shipped_root)))
    *sha256 = lk_editions_sha256 (shipped_bytes);
  return TRUE;
}

static guint
count_questions (JsonNode *root)
{
  JsonArray *principles = json_object_get_array_member (json_node_get_object (root),
                                                        "principles");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (principles); i++)
    n += json_array_get_length (json_object_get_array_member (
                                  json_array_get_object_element (principles, i), "questions"));
  return n;
}

char *
lk_assessment_install (LkSession   *session,
                       const char  *path,
                       GError     **error)
{
  LkStore *store;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *label = NULL, *sha256 = NULL, *previous = NULL, *shipped_sha = NULL;
  const char *edition;
  gboolean is_new;
  LkActor actor;

  g_return_val_if_fail (LK_IS_SESSION (session), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  store = lk_session_get_store (session);
  label = g_path_get_basename (path);
  /* everything is checked before anything is written */
  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (bytes = lk_editions_read_file (&questionnaires, path, error)) == NULL ||
      (root = parse_checked (bytes, label, error)) == NULL)
    return NULL;
  edition = edition_of (root);
  sha256 = lk_editions_sha256 (bytes);
  if ((previous = lk_assessment_current_edition (store, error)) == NULL ||
      (txn = lk_txn_begin (store, error)) == NULL ||
      !shipped_sha256 (edition, &shipped_sha, error) ||
      !lk_editions_install (store, &questionnaires, lk_session_get_user_id (session), edition,
                            bytes, sha256, shipped_sha, &is_new, error))
    return NULL;
  json_object_set_string_member (details, "edition", edition);
  lk_json_set_text (details, "previous_edition", previous);
  json_object_set_string_member (details, "file", label);
  json_object_set_string_member (details, "sha256", sha256);
  json_object_set_int_member (details, "questions", count_questions (root));
  json_object_set_boolean_member (details, "new", is_new);
  if (!lk_audit_append (store, &actor, "assessment-edition.installed", edition, details,
                        error) ||
      !lk_txn_commit (txn, error))
    return NULL;
  return g_strdup (edition);
}
