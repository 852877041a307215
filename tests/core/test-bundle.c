/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The disclosure bundle: a countersigned case exported and checked; a changed byte, a removed
 * and an added file each caught by name; no bundle before countersigning but a draft marked as
 * such; the original images byte for byte; case.json against its schema; no template data;
 * the folder rules; `export` and `export verify` through likeness-cli. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lk-test-util.h"
#include "lk-core.h"
#include "reference/lk-data-file.h"
#include "report/lk-bundle-private.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define REVIEWER "rita"
#define PASSWORD "a long enough password"
#define CASE_NUMBER "2026-0077"
#define DATABASE "Custody images 2019-2025"
#define GALLERY "Custody photographs"

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
  LkSession     *reviewer;
  gint64         probe;
  char          *probe_sha256;
  gint64         candidates[2];
  gint64         examination;
  gint64         verification;
} World;

static const char list_json[] =
  "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
  " \"engine\": {\"name\": \"AcmeFace\", \"version\": \"7.2.1\"},"
  " \"reference_database\": {\"name\": \"" DATABASE "\"},"
  " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\", \"threshold\": 0.5,"
  "  \"max_candidates\": 20},"
  " \"candidates\": ["
  "  {\"rank\": 1, \"score\": 0.91, \"subject_ref\": \"SUBJ-0001\", \"image\": \"a.jpg\"},"
  "  {\"rank\": 2, \"score\": 0.55, \"subject_ref\": \"SUBJ-0002\", \"image\": \"b.png\"}]}";

/* ---- the world ----------------------------------------------------------------------------- */

static LkSession *
add_user (World      *w,
          const char *name,
          LkRoles     roles)
{
  g_autoptr(GError) error = NULL;

  lk_users_add (w->admin, name, NULL, roles, PASSWORD, &error);
  g_assert_no_error (error);
  lk_test_grant_competencies (w->admin, name, roles);
  return lk_test_login (w->store, name, PASSWORD);
}

static void
copy_demo (World      *w,
           const char *demo_name,
           const char *name)
{
  g_autofree char *from = lk_test_demo_path (demo_name);
  g_autofree char *to = lk_test_path (w->fixture, name);
  g_autoptr(GBytes) bytes = lk_test_read_bytes (from);

  lk_test_write_bytes (to, bytes);
}

static void
import_list (World *w)
{
  g_autofree char *path = lk_test_path (w->fixture, "list.json");
  g_autoptr(GListModel) candidates = NULL;
  g_autoptr(GError) error = NULL;

  copy_demo (w, "grace_hopper.jpg", "a.jpg");
  copy_demo (w, "astronaut.png", "b.png");
  g_file_set_contents (path, list_json, -1, &error);
  g_assert_no_error (error);
  lk_reference_db_create (w->admin, DATABASE, "Police Act 1996, section 64A", "external",
                          &error);
  g_assert_no_error (error);
  lk_candidates_import (w->examiner, w->probe, path, &error);
  g_assert_no_error (error);
  candidates = lk_candidates_for_probe (w->examiner, w->probe, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      LkCandidate *c = lk_test_item_at (candidates, i);

      w->candidates[g_str_equal (lk_candidate_get_subject_ref (c), "SUBJ-0001") ? 0 : 1] =
        lk_candidate_get_id (c);
    }
  lk_candidates_set_triage (w->examiner, w->candidates[0], "retained", NULL, &error);
  g_assert_no_error (error);
  lk_candidates_set_triage (w->examiner, w->candidates[1], "eliminated", "Different ear shape",
                            &error);
  g_assert_no_error (error);
}

static void
observe (LkSession *session,
         gint64     examination)
{
  static const char * const characteristics[] = {
    "face-outline.frontal-shape", "nose.tip", "mouth.corners",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (characteristics); i++)
    {
      LkObservationSpec o = { characteristics[i], "visible", "visible", "similar", "class", NULL,
                              NULL, 0 };

      g_assert_true (lk_observations_set (session, examination, &o, &error));
      g_assert_no_error (error);
    }
}

static void
conclude (LkSession *session,
          gint64     examination)
{
  LkConclusionDraft draft = { NULL, FALSE, 2, "The outline, the nose tip and the mouth "
                              "correspond; no dissimilar feature was found.",
                              "Low resolution and JPEG blocking." };
  g_autoptr(GError) error = NULL;

  observe (session, examination);
  g_assert_cmpint (lk_conclusions_sign (session, examination, &draft, NULL, PASSWORD, &error),
                   >, 0);
  g_assert_no_error (error);
}

/* A case with a probe, a list of two candidates triaged and the first one's examination. */
static void
world_build (World         *w,
            LkTestFixture *fixture)
{
  LkCaseRequest request = {
    CASE_NUMBER, "Robbery at the petrol station", "ROB", "Criminal Procedure Act, section 55",
    "The offender's face is visible on CCTV", "Chief Inspector Ward", "Robbery Squad", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCase) c = NULL;

  w->fixture = fixture;
  w->store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  w->admin = lk_test_login (w->store, ADMIN, ADMIN_PASSWORD);
  lk_test_no_minimums (w->admin);
  w->examiner = add_user (w, EXAMINER, LK_ROLE_EXAMINER);
  w->reviewer = add_user (w, REVIEWER, LK_ROLE_REVIEWER);
  c = lk_cases_create (w->examiner, &request, &error);
  g_assert_no_error (error);
  w->probe = lk_test_import_portrait (w->examiner, CASE_NUMBER, &w->probe_sha256);
  lk_test_lock_suitable (w->examiner, w->probe);
  import_list (w);
  w->examination = lk_examinations_open (w->examiner, w->candidates[0], &error);
  g_assert_no_error (error);
}

/* The examiner's conclusion signed and submitted, the reviewer assigned. */
static void
world_submit (World *w)
{
  g_autoptr(GError) error = NULL;

  conclude (w->examiner, w->examination);
  w->verification = lk_verifications_submit (w->examiner, w->examination, &error);
  g_assert_no_error (error);
  g_assert_true (lk_verifications_assign (w->admin, w->verification, REVIEWER, &error));
  g_assert_no_error (error);
}

/* A case whose one conclusion is signed and submitted, waiting for the reviewer (blind). */
static void
world_init (World         *w,
            LkTestFixture *fixture)
{
  world_build (w, fixture);
  world_submit (w);
}

/* The reviewer examines blind, agrees and countersigns: every conclusion is verified. */
static void
world_countersign (World *w)
{
  g_autoptr(GError) error = NULL;
  gint64 own = lk_verifications_open (w->reviewer, w->verification, &error);

  g_assert_no_error (error);
  conclude (w->reviewer, own);
  g_assert_true (lk_verifications_countersign (w->reviewer, w->verification, "Agreed", PASSWORD,
                                               &error));
  g_assert_no_error (error);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->reviewer);
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
  g_clear_pointer (&w->probe_sha256, g_free);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static LkBundle *
export_ok (World      *w,
           const char *name,
           gboolean    draft)
{
  g_autofree char *dir = lk_test_path (w->fixture, name);
  LkReportOptions options = { LK_PAPER_A4, draft };
  g_autoptr(GError) error = NULL;
  LkBundle *bundle = lk_bundle_export (w->examiner, CASE_NUMBER, dir, &options, NULL, NULL,
                                       &error);

  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  return bundle;
}

static char *
bundle_file (const LkBundle *bundle,
             const char     *name)
{
  return g_build_filename (bundle->path, name, NULL);
}

static JsonObject *
read_case_json (const LkBundle *bundle)
{
  g_autofree char *path = bundle_file (bundle, "case.json");
  g_autoptr(GBytes) bytes = lk_test_read_bytes (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = lk_data_file_parse_checked (bytes, "case-bundle", "case.json",
                                                         &error);

  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (root));
}

static char *
sha256_of_file (const char *path)
{
  g_autoptr(GBytes) bytes = lk_test_read_bytes (path);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* The problems lk_bundle_verify() finds, as "kind: file" lines. */
static char *
problems_of (const LkBundle *bundle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = lk_bundle_verify (bundle->path, NULL, NULL, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    {
      const LkBundleProblem *p = g_ptr_array_index (problems, i);

      g_string_append_printf (out, "%s: %s\n", lk_bundle_problem_kind_to_string (p->kind),
                              p->file);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static guint
count_partial_folders (World *w)
{
  g_autoptr(GDir) dir = g_dir_open (w->fixture->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    n += strstr (name, ".partial-") != NULL;
  return n;
}

static LkCliRun *
cli_as (World      *w,
        const char *user,
        const char *a,
        const char *b,
        const char *c,
        const char *d)
{
  return lk_test_cli (PASSWORD, NULL, NULL, "--db", w->fixture->db_path, "--user", user, a, b,
                      c, d, NULL);
}

/* ---- a countersigned case ------------------------------------------------------------------ */

static void
assert_image (JsonObject *image,
              const char *role,
              const char *sha256)
{
  g_assert_cmpstr (json_object_get_string_member (image, "role"), ==, role);
  g_assert_cmpstr (json_object_get_string_member (image, "sha256"), ==, sha256);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (image, "file"), "images/"));
}

static void
test_export (LkTestFixture *fixture,
             gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(LkBundle) bundle = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(JsonNode) details = NULL;
  g_autofree char *sums_path = NULL, *sums_sha256 = NULL, *problems = NULL;
  g_autofree char *a_sha256 = NULL, *b_sha256 = NULL, *a_path = NULL, *b_path = NULL;
  g_autofree char *probe_file = NULL, *sums = NULL;
  JsonArray *images;

  world_init (&w, fixture);
  world_countersign (&w);
  bundle = export_ok (&w, "bundle", FALSE);
  g_assert_false (bundle->draft);
  g_assert_true (g_str_has_suffix (bundle->path, "/bundle"));
  /* three images, the report, case.json and audit.jsonl */
  g_assert_cmpuint (bundle->n_files, ==, 6);
  g_assert_cmpstr ((problems = problems_of (bundle)), ==, "");
  g_assert_cmpuint (count_partial_folders (&w), ==, 0);

  /* SHA256SUMS in sha256sum's format, and its hash in the audit log */
  sums_path = bundle_file (bundle, "SHA256SUMS");
  g_assert_cmpstr ((sums_sha256 = sha256_of_file (sums_path)), ==, bundle->sums_sha256);
  g_assert_true (g_file_get_contents (sums_path, &sums, NULL, NULL));
  g_assert_cmpuint (lk_test_count_lines (sums), ==, 6);
  g_assert_nonnull (strstr (sums, "  case.json\n"));
  g_assert_nonnull (strstr (sums, "  report.pdf\n"));
  event = lk_test_last_event_of (w.store, "export.created");
  g_assert_cmpstr (event->object, ==, CASE_NUMBER);
  details = json_from_string (event->details, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (details), "sha256sums"),
                   ==, bundle->sums_sha256);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (details), "files"), ==, 6);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (details), "draft"));

  /* the originals byte for byte as imported */
  record = read_case_json (bundle);
  g_assert_false (json_object_get_boolean_member (record, "draft"));
  images = json_object_get_array_member (record, "images");
  g_assert_cmpuint (json_array_get_length (images), ==, 3);
  a_path = lk_test_path (fixture, "a.jpg");
  b_path = lk_test_path (fixture, "b.png");
  a_sha256 = sha256_of_file (a_path);
  b_sha256 = sha256_of_file (b_path);
  assert_image (json_array_get_object_element (images, 0), "probe", w.probe_sha256);
  assert_image (json_array_get_object_element (images, 1), "candidate", a_sha256);
  assert_image (json_array_get_object_element (images, 2), "candidate", b_sha256);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *image = json_array_get_object_element (images, i);
      g_autofree char *path = bundle_file (bundle, json_object_get_string_member (image, "file"));
      g_autofree char *sha256 = sha256_of_file (path);

      g_assert_cmpstr (sha256, ==, json_object_get_string_member (image, "sha256"));
      g_assert_nonnull (strstr (path, sha256));
    }
  probe_file = g_strdup_printf ("images/probe-%" G_GINT64_FORMAT "-%s.jpg", w.probe,
                                w.probe_sha256);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (images, 0),
                                                  "file"), ==, probe_file);
  world_clear (&w);
}

/* case.json: the case record, the lists with provenance and triage, and the audit summary. */
static void
test_case_json (LkTestFixture *fixture,
                gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(LkBundle) bundle = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonNode) schema = NULL;
  g_autoptr(JsonNode) instance = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_path = NULL, *audit_path = NULL, *audit = NULL;
  g_autofree char *report_path = NULL, *report_sha256 = NULL;
  JsonObject *list, *candidate, *head;
  g_auto(GStrv) lines = NULL;
  guint n;

  world_init (&w, fixture);
  world_countersign (&w);
  bundle = export_ok (&w, "bundle", FALSE);
  record = read_case_json (bundle);

  /* the schema in resources/ is the one the data resource ships */
  schema_path = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "resources",
                                  "case-bundle.schema.json", NULL);
  schema = json_from_string (g_bytes_get_data (lk_test_read_bytes (schema_path), NULL), &error);
  g_assert_no_error (error);
  instance = json_node_init_object (json_node_alloc (), record);
  g_assert_true (lk_schema_check (schema, instance, &error));
  g_assert_no_error (error);
  /* and the schema bites: a draft flag that is not a boolean, an image outside images/ */
  json_object_set_string_member (record, "draft", "no");
  g_assert_false (lk_schema_check (schema, instance, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "$.draft"));
  g_clear_error (&error);
  json_object_set_boolean_member (record, "draft", FALSE);
  json_object_set_string_member (json_array_get_object_element (
                                   json_object_get_array_member (record, "images"), 0),
                                 "file", "../probe.jpg");
  g_assert_false (lk_schema_check (schema, instance, &error));
  g_clear_error (&error);
  g_clear_pointer (&record, json_object_unref);
  record = read_case_json (bundle);

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record, "case"),
                                                  "number"), ==, CASE_NUMBER);
  list = json_array_get_object_element (json_object_get_array_member (record,
                                                                      "candidate_lists"), 0);
  g_assert_cmpstr (json_object_get_string_member (list, "engine"), ==, "AcmeFace");
  g_assert_cmpstr (json_object_get_string_member (list, "legal_basis"), ==,
                   "Police Act 1996, section 64A");
  g_assert_cmpfloat (json_object_get_double_member (list, "threshold"), ==, 0.5);
  g_assert_cmpint (json_object_get_int_member (list, "max_candidates"), ==, 20);
  candidate = json_array_get_object_element (json_object_get_array_member (list, "candidates"),
                                             1);
  g_assert_cmpstr (json_object_get_string_member (candidate, "triage_state"), ==, "eliminated");
  g_assert_cmpstr (json_object_get_string_member (candidate, "triage_reason"), ==,
                   "Different ear shape");

  /* the report's hash, and audit.jsonl: the case's events with their hashes, then the head */
  report_path = bundle_file (bundle, "report.pdf");
  report_sha256 = sha256_of_file (report_path);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record,
                                                                                 "report"),
                                                  "sha256"), ==, report_sha256);
  audit_path = bundle_file (bundle, "audit.jsonl");
  g_assert_true (g_file_get_contents (audit_path, &audit, NULL, NULL));
  lines = g_strsplit (g_strchomp (audit), "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, ==, json_object_get_int_member (json_object_get_object_member (record,
                                                                                      "audit"),
                                                       "events") + 1);
  g_assert_nonnull (strstr (audit, "\"action\":\"verification.countersigned\""));
  g_assert_nonnull (strstr (audit, "\"action\":\"report.generated\""));
  g_assert_nonnull (strstr (lines[0], "\"prev_hash\":"));
  g_assert_true (g_str_has_prefix (lines[n - 1], "{\"chain_head\":"));
  head = json_object_get_object_member (json_object_get_object_member (record, "audit"),
                                        "chain_head");
  g_assert_nonnull (strstr (lines[n - 1], json_object_get_string_member (head, "hash")));
  world_clear (&w);
}

/* ---- tampering ----------------------------------------------------------------------------- */

static void
test_tamper (LkTestFixture *fixture,
             gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(LkBundle) bundle = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *image = NULL, *image_path = NULL, *report = NULL, *added = NULL;
  g_autofree char *problems = NULL, *expected = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(LkCliRun) run = NULL;
  guint8 *copy;
  gsize size;

  world_init (&w, fixture);
  world_countersign (&w);
  bundle = export_ok (&w, "bundle", FALSE);
  record = read_case_json (bundle);
  image = g_strdup (json_object_get_string_member (
                      json_array_get_object_element (json_object_get_array_member (record,
                                                                                   "images"),
                                                     1), "file"));

  /* one byte of a candidate's image */
  image_path = bundle_file (bundle, image);
  bytes = lk_test_read_bytes (image_path);
  size = g_bytes_get_size (bytes);
  copy = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  copy[size / 2] ^= 0x01;
  changed = g_bytes_new_take (copy, size);
  lk_test_write_bytes (image_path, changed);
  expected = g_strdup_printf ("changed: %s\n", image);
  g_assert_cmpstr ((problems = problems_of (bundle)), ==, expected);

  /* and a removed report, and an added file in a new folder */
  report = bundle_file (bundle, "report.pdf");
  g_assert_cmpint (g_unlink (report), ==, 0);
  added = bundle_file (bundle, "notes/extra.txt");
  lk_test_write_bytes (added, g_bytes_new_static ("x", 1));
  g_clear_pointer (&problems, g_free);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("changed: %s\nadded: notes/extra.txt\nmissing: report.pdf\n",
                              image);
  g_assert_cmpstr ((problems = problems_of (bundle)), ==, expected);

  /* the same through likeness-cli, with no database and no log-in */
  run = lk_test_cli (NULL, NULL, NULL, "export", "verify", bundle->path, NULL);
  g_assert_cmpint (run->status, !=, 0);
  g_assert_nonnull (strstr (run->out, expected));
  g_assert_nonnull (strstr (run->err, "does not match its SHA256SUMS: 2 of 6 files changed or "
                            "missing, 1 added"));
  world_clear (&w);
}

/* ---- the rules ----------------------------------------------------------------------------- */

static void
test_draft (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *dir = lk_test_path (fixture, "bundle");
  g_autofree char *draft_dir = lk_test_path (fixture, "bundle-DRAFT");
  g_autofree char *report = NULL, *report_sha256 = NULL;
  g_autoptr(LkBundle) bundle = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCliRun) refused = NULL;
  g_autoptr(LkCliRun) made = NULL;
  g_autoptr(LkCliRun) verified = NULL;
  LkReportOptions options = { LK_PAPER_A4, FALSE };

  world_init (&w, fixture);
  /* before countersigning: refused, and nothing left behind */
  g_assert_null (lk_bundle_export (w.examiner, CASE_NUMBER, dir, &options, NULL, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "only after countersigning"));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_partial_folders (&w), ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "export.created"), ==, 0);
  refused = cli_as (&w, EXAMINER, "export", CASE_NUMBER, "-o", dir);
  lk_test_cli_assert_failed (refused, "only after countersigning");

  /* a draft, marked in its name, its case.json and its report */
  made = lk_test_cli (PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", EXAMINER,
                      "export", CASE_NUMBER, "-o", dir, "--draft", NULL);
  lk_test_cli_assert_ok (made);
  g_assert_true (g_str_has_prefix (made->out, draft_dir));
  g_assert_nonnull (strstr (made->out, "DRAFT"));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  bundle = g_new0 (LkBundle, 1);
  bundle->path = g_strdup (draft_dir);
  record = read_case_json (bundle);
  g_assert_true (json_object_get_boolean_member (record, "draft"));
  event = lk_test_last_event_of (w.store, "report.generated");
  report = bundle_file (bundle, "report.pdf");
  report_sha256 = sha256_of_file (report);
  g_assert_nonnull (strstr (event->details, report_sha256));
  g_assert_nonnull (strstr (event->details, "\"draft\":true"));
  g_clear_pointer (&event, lk_audit_event_free);
  event = lk_test_last_event_of (w.store, "export.created");
  g_assert_nonnull (strstr (event->details, "\"draft\":true"));

  verified = lk_test_cli (NULL, NULL, NULL, "export", "verify", draft_dir, NULL);
  lk_test_cli_assert_ok (verified);
  g_assert_nonnull (strstr (verified->out, "bundle intact: 6 files"));
  world_clear (&w);
}

static void
test_refusals (LkTestFixture *fixture,
               gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *full = lk_test_path (fixture, "full");
  g_autofree char *inside = lk_test_path (fixture, "full/letter.txt");
  g_autofree char *empty = lk_test_path (fixture, "empty");
  g_autoptr(GError) error = NULL;
  g_autoptr(LkBundle) bundle = NULL;
  LkReportOptions draft = { LK_PAPER_A4, TRUE };

  world_init (&w, fixture);
  /* the blind reviewer, whose own conclusion is not signed yet */
  g_assert_null (lk_bundle_export (w.reviewer, CASE_NUMBER, empty, &draft, NULL, NULL,
                                   &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  world_countersign (&w);
  draft.draft = FALSE;
  /* a folder with files in it, or a file */
  lk_test_write_bytes (inside, g_bytes_new_static ("x", 1));
  g_assert_null (lk_bundle_export (w.examiner, CASE_NUMBER, full, &draft, NULL, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (lk_bundle_export (w.examiner, CASE_NUMBER, inside, &draft, NULL, NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (lk_bundle_export (w.examiner, "2099-0001", empty, &draft, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_partial_folders (&w), ==, 0);

  /* an empty folder is fine, and the bundle lands in it */
  g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);
  bundle = lk_bundle_export (w.examiner, CASE_NUMBER, empty, &draft, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bundle->n_files, ==, 6);
  g_assert_cmpint (lk_test_count_action (w.store, "export.created"), ==, 1);
  world_clear (&w);
}

/* ---- no templates -------------------------------------------------------------------------- */

static gboolean
file_contains (const char   *path,
               gconstpointer needle,
               gsize         length)
{
  g_autoptr(GBytes) bytes = lk_test_read_bytes (path);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  for (gsize at = 0; length > 0 && at + length <= size; at++)
    if (memcmp (data + at, needle, length) == 0)
      return TRUE;
  return FALSE;
}

/* A candidate list from the built-in engine: its gallery images have templates. */
static void
search_gallery (World *w)
{
  g_autofree char *dir = lk_test_path (w->fixture, "gallery");
  g_autofree char *image = g_build_filename (dir, "collins", "astronaut.png", NULL);
  g_autofree char *from = lk_test_demo_path ("astronaut.png");
  g_autoptr(GBytes) bytes = lk_test_read_bytes (from);
  g_auto(LkEnrolReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 list;

  lk_test_write_bytes (image, bytes);
  lk_reference_db_create (w->admin, GALLERY, "Custody photographs, PACE s.64A", "likeness",
                          &error);
  g_assert_no_error (error);
  g_assert_true (lk_gallery_enrol (w->admin, GALLERY, dir, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.enrolled, ==, 1);
  list = lk_gallery_search (w->examiner, w->probe, GALLERY, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (list, >, 0);
}

static void
test_no_templates (LkTestFixture *fixture,
                   gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(LkBundle) bundle = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) images = NULL;
  g_autoptr(GPtrArray) vectors = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  guint n_columns = 0;
  const char *name;
  guint n_templates = 0;

  world_build (&w, fixture);
  search_gallery (&w);
  world_submit (&w);
  world_countersign (&w);
  bundle = export_ok (&w, "bundle", FALSE);
  g_ptr_array_add (files, bundle_file (bundle, "case.json"));
  g_ptr_array_add (files, bundle_file (bundle, "audit.jsonl"));
  g_ptr_array_add (files, bundle_file (bundle, "report.pdf"));
  {
    g_autofree char *folder = bundle_file (bundle, "images");

    images = g_dir_open (folder, 0, NULL);
    while ((name = g_dir_read_name (images)) != NULL)
      g_ptr_array_add (files, g_build_filename (folder, name, NULL));
  }
  g_assert_cmpuint (files->len, ==, 7); /* three images from the list, one from the gallery */

  vectors = lk_test_sql_values (fixture->db_path, "SELECT vector FROM templates", &n_columns);
  for (guint row = 0; row < vectors->len; row++)
    {
      gsize length = 0;
      const guint8 *vector = g_bytes_get_data (g_ptr_array_index (vectors, row), &length);

      n_templates++;
      /* neither the whole template nor any 32-byte stretch of it */
      for (guint i = 0; i < files->len; i++)
        for (gsize at = 0; at + 32 <= length; at += 32)
          g_assert_false (file_contains (g_ptr_array_index (files, i), vector + at, 32));
    }
  /* Nor the scan store's int8 codes (after each block's ids and scales, 12 bytes a row). */
  blocks = lk_test_sql_values (fixture->db_path, "SELECT rows, data FROM template_blocks",
                               &n_columns);
  g_assert_cmpuint (n_columns, ==, 2);
  for (guint row = 0; row + 1 < blocks->len; row += 2)
    {
      g_autofree char *rows = g_strndup (g_bytes_get_data (g_ptr_array_index (blocks, row), NULL),
                                         g_bytes_get_size (g_ptr_array_index (blocks, row)));
      gsize codes = g_ascii_strtoull (rows, NULL, 10) * 12, length = 0;
      const guint8 *blob = g_bytes_get_data (g_ptr_array_index (blocks, row + 1), &length);

      n_templates++;
      for (guint i = 0; i < files->len; i++)
        for (gsize at = codes; at + 32 <= length; at += 32)
          g_assert_false (file_contains (g_ptr_array_index (files, i), blob + at, 32));
    }
  g_assert_cmpuint (n_templates, >, 1);
  world_clear (&w);
}

/* ---- in a worker thread -------------------------------------------------------------------- */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_async (LkTestFixture *fixture,
            gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *dir = lk_test_path (fixture, "bundle");
  g_autofree char *stopped = lk_test_path (fixture, "stopped");
  g_autoptr(LkProgress) progress = lk_progress_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) exported = NULL;
  g_autoptr(GAsyncResult) checked = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(LkBundle) bundle = NULL;
  g_autoptr(LkBundle) none = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  LkReportOptions options = { LK_PAPER_LETTER, FALSE };

  world_init (&w, fixture);
  world_countersign (&w);
  lk_bundle_export_async (w.examiner, CASE_NUMBER, dir, &options, progress, NULL, store_result,
                          &exported);
  bundle = lk_bundle_export_finish (wait_for (&exported), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bundle->n_files, ==, 6);
  /* the coalesced progress reaches its end on this thread's main context */
  while (lk_progress_get_total (progress) == 0 ||
         lk_progress_get_done (progress) < lk_progress_get_total (progress))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (lk_progress_get_total (progress), ==, 3 + 4);

  lk_bundle_verify_async (bundle->path, NULL, store_result, &checked);
  problems = lk_bundle_verify_finish (wait_for (&checked), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* cancelled: an error, and no folder, finished or partial */
  g_cancellable_cancel (cancellable);
  lk_bundle_export_async (w.examiner, CASE_NUMBER, stopped, &options, NULL, cancellable,
                          store_result, &cancelled);
  none = lk_bundle_export_finish (wait_for (&cancelled), &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (stopped, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_partial_folders (&w), ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "export.created"), ==, 1);
  world_clear (&w);
}

/* SHA256SUMS as text: each line read, and a NUL byte refused, which would otherwise end the
 * text early and hide every line after it from the check. */
static void
test_sums_text (void)
{
  static const char sums[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  report.pdf\n"
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 *images/probe.jpg\n"
    "\0"
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  case.json\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = lk_bundle_parse_sums (sums, strlen (sums), &error);
  g_autoptr(GHashTable) all = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (before), ==, 2);
  g_assert_true (g_hash_table_contains (before, "images/probe.jpg"));
  all = lk_bundle_parse_sums (sums, sizeof sums - 1, &error);
  g_assert_null (all);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "NUL"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/bundle/export", test_export);
  LK_TEST_ADD ("/likeness/bundle/case-json", test_case_json);
  LK_TEST_ADD ("/likeness/bundle/tamper", test_tamper);
  LK_TEST_ADD ("/likeness/bundle/draft", test_draft);
  LK_TEST_ADD ("/likeness/bundle/refusals", test_refusals);
  LK_TEST_ADD ("/likeness/bundle/no-templates", test_no_templates);
  LK_TEST_ADD ("/likeness/bundle/async", test_async);
  g_test_add_func ("/likeness/bundle/sums-text", test_sums_text);

  return g_test_run ();
}
