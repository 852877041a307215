/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Candidate lists: reference databases, import of JSON and CSV lists with their images and the
 * facts they record, every malformed list refused with a message that names the place, the
 * database left exactly as it was. */
#include "config.h"

#include "lk-test-candidates.h"

static void
refused_list (LkTestWorld *w,
              const char  *name,
              const char  *candidates,
              const char  *expected)
{
  write_list (w, name, candidates);
  import_refused (w, name, LK_ERROR_INVALID_INPUT, expected);
}

static char *
file_sha256 (LkTestWorld *w,
             const char  *name)
{
  g_autofree char *path = in_folder (w, name);
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &bytes, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, length);
}

/* ---- reference databases ----------------------------------------------------------------- */

static void
create_refused (LkSession  *session,
                const char *name,
                const char *legal_basis,
                const char *held_by,
                int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (lk_reference_db_create (session, name, legal_basis, held_by, &error), ==, 0);
  g_assert_error (error, LK_ERROR, code);
}

/* ---- happy paths ------------------------------------------------------------------------- */

static void
assert_list_row (LkTestWorld *w,
                 gint64       list,
                 const char  *name,
                 const char  *format,
                 gint64       length)
{
  g_autofree char *engine = lk_test_world_sql_text (w, "SELECT engine_name || ' ' || "
                                                    "engine_version FROM candidate_lists WHERE id"
                                                    " = %" G_GINT64_FORMAT, list);
  g_autofree char *performed = lk_test_world_sql_text (w, "SELECT performed_at FROM "
                                                       "candidate_lists WHERE id = %"
                                                       G_GINT64_FORMAT, list);
  g_autofree char *source = lk_test_world_sql_text (w, "SELECT source_format || ' ' || "
                                                    "source_sha256 FROM candidate_lists WHERE id"
                                                    " = %" G_GINT64_FORMAT, list);
  g_autofree char *sha = file_sha256 (w, name);
  g_autofree char *expected_source = g_strdup_printf ("%s %s", format, sha);

  g_assert_cmpstr (engine, ==, "AcmeFace 7.2.1");
  g_assert_cmpstr (performed, ==, "2026-01-16T09:30:00Z");
  g_assert_cmpstr (source, ==, expected_source);
  g_assert_cmpint (lk_test_world_sql_int (w, "SELECT reference_db_id FROM candidate_lists"
                                          " WHERE id = %" G_GINT64_FORMAT, list), ==, w->database);
  g_assert_cmpint (lk_test_world_sql_int (w, "SELECT list_length FROM candidate_lists WHERE id"
                                          " = %" G_GINT64_FORMAT, list), ==, length);
  g_assert_cmpint (lk_test_world_sql_int (w, "SELECT imported_by = (SELECT id FROM users WHERE"
                                          " name = '" LK_TEST_WORLD_EXAMINER "') AND imported_at"
                                          " IS NOT NULL FROM candidate_lists WHERE id = %"
                                          G_GINT64_FORMAT, list), ==, 1);
  g_assert_cmpint (lk_test_world_sql_int (w, "SELECT count(*) FROM candidates WHERE list_id = %"
                                          G_GINT64_FORMAT " AND display_order = rank", list), ==,
                   length);
}

/* What a view of the list shows: the recorded facts, never a score. */
static void
assert_list_json (LkTestWorld *w,
                  gint64       list,
                  const char  *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = lk_candidates_list_json (w->examiner, list, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (o, "engine_name"), ==, "AcmeFace");
  g_assert_cmpstr (json_object_get_string_member (o, "engine_version"), ==, "7.2.1");
  g_assert_cmpstr (json_object_get_string_member (o, "reference_database"), ==,
                   LK_TEST_WORLD_DATABASE);
  g_assert_cmpstr (json_object_get_string_member (o, "held_by"), ==, "external");
  g_assert_cmpfloat (json_object_get_double_member (o, "threshold"), ==, 0.42);
  g_assert_cmpint (json_object_get_int_member (o, "max_candidates"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (o, "list_length"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (o, "performed_at"), ==,
                   "2026-01-16T09:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "source_sha256"), ==, sha256);
  g_assert_cmpstr (json_object_get_string_member (o, "imported_by"), ==, LK_TEST_WORLD_EXAMINER);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (o, "presentation"), "order"), ==, "rank");
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (o, "triage"), "not-reviewed"), ==, 5);
  g_assert_false (json_object_get_boolean_member (o, "scores_visible"));
  g_assert_cmpint (lk_test_count_action (w->store, "candidate-list.viewed"), ==, 1);
}

static void
write_csv_header (LkTestWorld *w,
                  const char  *name)
{
  write_text (w, name,
              "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
              " \"engine\": {\"name\": \"AcmeFace\", \"version\": \"7.2.1\"},"
              " \"reference_database\": {\"name\": \"" LK_TEST_WORLD_DATABASE "\"},"
              " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\"}}");
}

/* ---- malformed lists --------------------------------------------------------------------- */

static void
refuse_structure (LkTestWorld *w)
{
  g_autofree char *no_engine = NULL;
  g_autofree char *v2 = NULL;

  refused_list (w, "missing.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"a.png\"},"
                "{\"rank\": 2, \"score\": 0.8, \"image\": \"c.png\"}",
                "missing.json: candidate 2 (rank 2): subject_ref is missing");
  refused_list (w, "no-rank.json",
                "{\"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"a.png\"}",
                "no-rank.json: candidate 1: rank is missing");
  refused_list (w, "empty.json", "", "empty.json: the list has no candidates");
  no_engine = g_strdup ("{\"format\": \"likeness-candidate-list\", \"version\": 1,"
                        " \"reference_database\": {\"name\": \"" LK_TEST_WORLD_DATABASE "\"},"
                        " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\"},"
                        " \"candidates\": [{\"rank\": 1, \"score\": 1, \"subject_ref\": \"S\","
                        " \"image\": \"a.png\"}]}");
  write_text (w, "no-engine.json", no_engine);
  import_refused (w, "no-engine.json", LK_ERROR_INVALID_INPUT, "no-engine.json: engine is missing");
  v2 = list_text ("2", LK_TEST_WORLD_DATABASE, NULL,
                  "{\"rank\": 1, \"score\": 1, \"subject_ref\": \"S\", \"image\": \"a.png\"}");
  write_text (w, "v2.json", v2);
  import_refused (w, "v2.json", LK_ERROR_INVALID_INPUT, "v2.json: unknown version 2");
  write_text (w, "broken.json", "{\"format\": \"likeness-candidate-list\", ");
  import_refused (w, "broken.json", LK_ERROR_INVALID_INPUT, "broken.json: not valid JSON");
  refused_list (w, "dup.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"a.png\"},"
                "{\"rank\": 2, \"score\": 0.8, \"subject_ref\": \"S2\", \"image\": \"c.png\"},"
                "{\"rank\": 2, \"score\": 0.7, \"subject_ref\": \"S3\", \"image\": \"c.png\"}",
                "dup.json: candidate 3 (rank 2) has the same rank as candidate 2 (rank 2)");
  refused_list (w, "rank0.json",
                "{\"rank\": 0, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"a.png\"}",
                "rank0.json: candidate 1: rank 0 is not 1 or more");
}

static void
refuse_scores (LkTestWorld *w)
{
  refused_list (w, "nan.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"a.png\"},"
                "{\"rank\": 2, \"score\": \"NaN\", \"subject_ref\": \"S2\", \"image\": \"c.png\"}",
                "nan.json: candidate 2 (rank 2): score must be a finite number, not \"NaN\"");
  refused_list (w, "nan-literal.json",
                "{\"rank\": 1, \"score\": NaN, \"subject_ref\": \"S1\", \"image\": \"a.png\"}",
                "nan-literal.json: not valid JSON");
  refused_list (w, "huge.json",
                "{\"rank\": 1, \"score\": 1e999, \"subject_ref\": \"S1\", \"image\": \"a.png\"}",
                "the number 1e999 is out of range");
  write_csv_header (w, "nan.json");
  write_text (w, "nan.csv", "1,0.9,S1,a.png\n2,nan,S2,c.png\n");
  import_refused (w, "nan.csv", LK_ERROR_INVALID_INPUT,
                  "nan.csv: line 2 (rank 2): score “nan” is not a finite number");
  write_csv_header (w, "inf.json");
  write_text (w, "inf.csv", "rank,score,subject_ref,image\n1,inf,S1,a.png\n");
  import_refused (w, "inf.csv", LK_ERROR_INVALID_INPUT,
                  "inf.csv: line 2 (rank 1): score “inf” is not a finite number");
  /* Written by hand or by a sloppy export: refused, with the reason. */
  write_csv_header (w, "plus.json");
  write_text (w, "plus.csv", "1,+1,S1,a.png\n");
  import_refused (w, "plus.csv", LK_ERROR_INVALID_INPUT,
                  "plus.csv: line 1 (rank 1): score “+1” is not a finite number in plain decimal "
                  "notation, such as 0.93 (no “+”, no spaces)");
  write_csv_header (w, "space.json");
  write_text (w, "space.csv", "1, 1,S1,a.png\n");
  import_refused (w, "space.csv", LK_ERROR_INVALID_INPUT, "score “ 1” is not a finite number");
  write_csv_header (w, "rank.json");
  write_text (w, "rank.csv", "+1,0.5,S1,a.png\n");
  import_refused (w, "rank.csv", LK_ERROR_INVALID_INPUT,
                  "rank “+1” is not a whole number of 1 or more (digits only");
  write_csv_header (w, "rank-space.json");
  write_text (w, "rank-space.csv", "1 ,0.5,S1,a.png\n");
  import_refused (w, "rank-space.csv", LK_ERROR_INVALID_INPUT, "rank “1 ” is not a whole number");
}

static void
refuse_paths (LkTestWorld *w)
{
  g_autofree char *link = in_folder (w, "outside.jpg");
  g_autofree char *target = lk_test_demo_path ("grace_hopper.jpg");

  refused_list (w, "passwd.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"a.png\"},"
                "{\"rank\": 2, \"score\": 0.8, \"subject_ref\": \"S2\","
                " \"image\": \"../../etc/passwd\"}",
                "passwd.json: candidate 2 (rank 2): image ../../etc/passwd leaves the list's "
                "folder");
  refused_list (w, "absolute.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\","
                " \"image\": \"/etc/passwd\"}",
                "absolute.json: candidate 1 (rank 1): image /etc/passwd is an absolute path");
  refused_list (w, "backslash.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\","
                " \"image\": \"..\\\\..\\\\etc\\\\passwd\"}",
                "contains a backslash");
  g_assert_cmpint (symlink (target, link), ==, 0);
  refused_list (w, "symlink.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\","
                " \"image\": \"outside.jpg\"}",
                "symlink.json: candidate 1 (rank 1): image outside.jpg leaves the list's folder "
                "(a symbolic link");
  refused_list (w, "missing-image.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"a.png\"},"
                "{\"rank\": 7, \"score\": 0.8, \"subject_ref\": \"S2\", \"image\": \"nobody.png\"}",
                "missing-image.json: candidate 2 (rank 7): image nobody.png is missing");
  refused_list (w, "folder.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"faces\"}",
                "image faces is not a regular file");
}

static void
refuse_images (LkTestWorld *w)
{
  write_text (w, "corrupt.jpg", "This is a text file, not a photograph.\n");
  refused_list (w, "corrupt.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"a.png\"},"
                "{\"rank\": 2, \"score\": 0.8, \"subject_ref\": \"S2\","
                " \"image\": \"corrupt.jpg\"}",
                "corrupt.json: candidate 2 (rank 2): image corrupt.jpg cannot be read");
  refused_list (w, "bad-uri.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\","
                " \"image\": \"data:text/plain;base64,aGVsbG8=\"}",
                "bad-uri.json: candidate 1 (rank 1): an embedded image must be a data:image/");
  refused_list (w, "bad-base64.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\","
                " \"image\": \"data:image/png;base64,@@@@\"}",
                "the embedded image is not valid base64");
}

static void
refuse_policy_limit (LkTestWorld *w)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_policy_set (w->admin, "max_candidates", "2", "test of the limit", &error));
  g_assert_no_error (error);
  write_good_list (w, "five.json");
  import_refused (w, "five.json", LK_ERROR_INVALID_INPUT,
                  "five.json: 5 candidates, more than the 2 allowed by policy (max_candidates)");
  write_csv_header (w, "three.json");
  write_text (w, "three.csv", "1,0.9,S1,a.png\n2,0.8,S2,c.png\n3,0.7,S3,c.png\n");
  import_refused (w, "three.csv", LK_ERROR_INVALID_INPUT,
                  "three.csv: line 3: more than the 2 candidates allowed by policy");
  g_assert_true (lk_policy_set (w->admin, "max_candidates", "50", "end of the test", &error));
  g_assert_no_error (error);
}

/* Dimensions come from the header, before any decoding. */
static void
refuse_image_limit (LkTestWorld *w)
{
  g_autofree char *big = in_folder (w, "big.png");
  g_autoptr(GError) error = NULL;

  make_png (big, 1500, 1000, 0.3, 0.3, 0.3);
  g_assert_true (lk_policy_set (w->admin, "max_image_megapixels", "1", "test of the limit",
                                &error));
  g_assert_no_error (error);
  refused_list (w, "big.json",
                "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"S1\", \"image\": \"big.png\"}",
                "big.json: candidate 1 (rank 1): image big.png has 1500 × 1000 pixels (1.5 "
                "megapixels), over the limit of 1 megapixels");
  g_assert_true (lk_policy_set (w->admin, "max_image_megapixels", "100", "end of the test",
                                &error));
  g_assert_no_error (error);
}

static void
refuse_encoding_and_csv (LkTestWorld *w)
{
  g_autofree char *path = in_folder (w, "latin1.json");
  g_autofree char *text = list_text ("1", LK_TEST_WORLD_DATABASE, NULL,
                                     "{\"rank\": 1, \"score\": 0.9, \"subject_ref\": \"M\xfcller\","
                                     " \"image\": \"a.png\"}");
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  import_refused (w, "latin1.json", LK_ERROR_INVALID_INPUT,
                  "latin1.json: the file is not valid UTF-8 text (line 7");
  write_text (w, "orphan.csv", "1,0.9,S1,a.png\n");
  import_refused (w, "orphan.csv", LK_ERROR_INVALID_INPUT,
                  "orphan.csv: the header fields belong in orphan.json beside it, which is "
                  "missing");
  write_csv_header (w, "quote.json");
  write_text (w, "quote.csv", "1,0.9,S1,a.png\n2,0.8,\"S2,c.png\n");
  import_refused (w, "quote.csv", LK_ERROR_INVALID_INPUT,
                  "quote.csv: line 2: a quoted field is not closed");
  write_csv_header (w, "short.json");
  write_text (w, "short.csv", "1,0.9,S1,a.png\n2,0.8,S2\n");
  import_refused (w, "short.csv", LK_ERROR_INVALID_INPUT,
                  "short.csv: line 2: expected rank,score,subject_ref,image but found 3 field(s)");
  write_text (w, "escape.json", "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
                                " \"engine\": {\"name\": \"A\", \"version\": \"1\"},"
                                " \"reference_database\": {\"name\": \""
                                LK_TEST_WORLD_DATABASE "\"},"
                                " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\"}}");
  write_text (w, "escape.csv", "1,0.9,S1,a.png\n2,0.8,S2,../../etc/passwd\n");
  import_refused (w, "escape.csv", LK_ERROR_INVALID_INPUT,
                  "escape.csv: line 2 (rank 2): image ../../etc/passwd leaves the list's folder");
  write_text (w, "notime.json", "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
                                " \"engine\": {\"name\": \"A\", \"version\": \"1\"},"
                                " \"reference_database\": {\"name\": \""
                                LK_TEST_WORLD_DATABASE "\"},"
                                " \"search\": {\"performed_at\": \"2026-01-16 09:30\"},"
                                " \"candidates\": [{\"rank\": 1, \"score\": 1,"
                                " \"subject_ref\": \"S\", \"image\": \"a.png\"}]}");
  import_refused (w, "notime.json", LK_ERROR_INVALID_INPUT,
                  "search.performed_at “2026-01-16 09:30” is not an ISO 8601 date and time");
}

static void
refuse_context (LkTestWorld *w)
{
  g_autofree char *unknown = list_text ("1", "Nowhere Images", NULL,
                                        "{\"rank\": 1, \"score\": 1, \"subject_ref\": \"S\","
                                        " \"image\": \"a.png\"}");
  g_autofree char *other = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "another image", -1);
  g_autofree char *wrong_probe = list_text ("1", LK_TEST_WORLD_DATABASE, other,
                                            "{\"rank\": 1, \"score\": 1, \"subject_ref\": \"S\","
                                            " \"image\": \"a.png\"}");

  write_text (w, "unregistered.json", unknown);
  import_refused (w, "unregistered.json", LK_ERROR_INVALID_INPUT,
                  "unregistered.json: the reference database “Nowhere Images” is not registered");
  import_refused (w, "unregistered.json", LK_ERROR_INVALID_INPUT,
                  "likeness-cli gallery create 'Nowhere Images' --legal-basis TEXT --external");
  write_text (w, "wrong-probe.json", wrong_probe);
  import_refused (w, "wrong-probe.json", LK_ERROR_INVALID_INPUT,
                  "wrong-probe.json: the list was made for the probe image");
  import_refused (w, "nothing.json", LK_ERROR_INVALID_INPUT, "nothing.json: cannot be read");
  write_text (w, "list.txt", "1,0.9,S1,a.png\n");
  import_refused (w, "list.txt", LK_ERROR_INVALID_INPUT, "list.txt: a candidate list is a .json");
}

static void
test_reference_databases (LkTestFixture *fixture,
                          gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dbs = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(LkSession) trainee = NULL;
  gint64 id;

  world_init (&w, fixture, FALSE);
  create_refused (w.examiner, "Gallery", "Act", "likeness", LK_ERROR_PERMISSION_DENIED);
  create_refused (w.admin, "  ", "Act", "likeness", LK_ERROR_INVALID_INPUT);
  create_refused (w.admin, "Gallery", "", "likeness", LK_ERROR_INVALID_INPUT);
  create_refused (w.admin, "Gallery", "Act", "elsewhere", LK_ERROR_INVALID_INPUT);
  create_refused (w.admin, LK_TEST_WORLD_DATABASE, "Act", "external", LK_ERROR_EXISTS);
  id = lk_reference_db_create (w.admin, "Training gallery", "Consent forms 2025", "likeness",
                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, w.database);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "reference-db.created");
  g_assert_nonnull (strstr (event->details, "Consent forms 2025"));
  g_assert_cmpint (lk_test_count_action (w.store, "reference-db.created"), ==, 2);

  dbs = lk_reference_db_list (w.reviewer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dbs->len, ==, 2);
  g_assert_cmpstr (((LkReferenceDb *) dbs->pdata[0])->name, ==, LK_TEST_WORLD_DATABASE);
  g_assert_cmpstr (((LkReferenceDb *) dbs->pdata[0])->held_by, ==, "external");
  g_assert_cmpstr (((LkReferenceDb *) dbs->pdata[1])->legal_basis, ==, "Consent forms 2025");
  g_assert_cmpint (((LkReferenceDb *) dbs->pdata[1])->n_images, ==, 0);
  trainee = lk_test_world_add_user (&w, "tim", LK_ROLE_TRAINEE, "trainee pass");
  g_assert_null (lk_reference_db_list (trainee, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  world_clear (&w);
}

static void
test_import_json (LkTestFixture *fixture,
                  gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree char *a_png = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *object = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sha = NULL;
  gint64 images, list;
  gsize length;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  images = lk_test_world_sql_int (&w, "SELECT count(*) FROM images");
  list = import_ok (&w, "candidates.json");

  assert_list_row (&w, list, "candidates.json", "json", 5);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT threshold = 0.42 AND max_candidates = 50 FROM"
                                          " candidate_lists"), ==, 1);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM candidates"), ==, 5);
  /* Four new images: the copy of the portrait is the probe's own bytes, stored once. */
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM images"), ==, images + 4);
  sha = lk_test_world_sql_text (&w, "SELECT image_sha256 FROM candidates WHERE rank = 3");
  g_assert_cmpstr (sha, ==, w.probe_sha256);
  metadata = lk_test_world_sql_text (&w, "SELECT metadata FROM candidates WHERE rank = 1");
  g_assert_nonnull (strstr (metadata, "custody photo 2019"));
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM candidates WHERE rank = 2"
                                          " AND score = 0.877113 AND subject_ref = 'SUBJ-0002'"),
                   ==, 1);

  g_assert_cmpint (lk_test_count_action (w.store, "candidates.imported"), ==, 1);
  event = lk_test_last_event (w.store);
  object = g_strdup_printf ("candidate-list:%" G_GINT64_FORMAT, list);
  g_assert_cmpstr (event->action, ==, "candidates.imported");
  g_assert_cmpstr (event->object, ==, object);
  g_assert_cmpstr (event->user, ==, LK_TEST_WORLD_EXAMINER);
  details = parse_object (event->details);
  g_assert_cmpstr (json_object_get_string_member (details, "engine_name"), ==, "AcmeFace");
  g_assert_cmpstr (json_object_get_string_member (details, "engine_version"), ==, "7.2.1");
  g_assert_cmpstr (json_object_get_string_member (details, "reference_database"), ==,
                   LK_TEST_WORLD_DATABASE);
  g_assert_cmpfloat (json_object_get_double_member (details, "threshold"), ==, 0.42);
  g_assert_cmpint (json_object_get_int_member (details, "list_length"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (details, "performed_at"), ==,
                   "2026-01-16T09:30:00Z");
  g_clear_pointer (&sha, g_free);
  sha = file_sha256 (&w, "candidates.json");
  g_assert_cmpstr (json_object_get_string_member (details, "source_sha256"), ==, sha);
  g_assert_cmpstr (json_object_get_string_member (details, "legal_basis"), ==,
                   "Police Act 1996, section 64A");

  /* The bytes come back verified, and the same list cannot be imported twice. */
  image = lk_candidates_read_image (w.examiner,
                                    lk_test_world_sql_int (&w, "SELECT id FROM candidates WHERE"
                                                           " rank = 1"), &error);
  g_assert_no_error (error);
  path = in_folder (&w, "a.png");
  g_file_get_contents (path, &a_png, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (image, NULL), g_bytes_get_size (image), a_png, length);
  import_refused (&w, "candidates.json", LK_ERROR_EXISTS, "already imported");
  assert_list_json (&w, list, sha);
  world_clear (&w);
}

static void
test_preview (LkTestFixture *fixture,
              gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) facts = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(Dump) before = { { 0 } };

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  path = in_folder (&w, "candidates.json");
  dump_take (&w, &before);
  facts = lk_candidates_preview (w.examiner, w.probe, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (facts, "list_length"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (facts, "file"), ==, "candidates.json");
  node = json_node_init_object (json_node_alloc (), facts);
  text = json_to_string (node, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    g_assert_null (strstr (text, scores[i]));
  assert_unchanged (&w, &before);
  g_assert_null (lk_candidates_preview (w.reviewer, w.probe, path, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  world_clear (&w);
}

static void
test_import_csv (LkTestFixture *fixture,
                 gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonObject) metadata = NULL;
  g_autofree char *metadata_text = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *sidecar = NULL;
  gint64 list;

  world_init (&w, fixture, TRUE);
  write_text (&w, "engine-b.csv", csv_text);
  write_csv_header (&w, "engine-b.json");
  list = import_ok (&w, "engine-b.csv");

  assert_list_row (&w, list, "engine-b.csv", "csv", 3);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT threshold IS NULL AND max_candidates IS"
                                          " NULL FROM candidate_lists"), ==, 1);
  subject = lk_test_world_sql_text (&w, "SELECT subject_ref FROM candidates WHERE rank = 1");
  g_assert_cmpstr (subject, ==, "Doe, Jane");
  metadata_text = lk_test_world_sql_text (&w, "SELECT metadata FROM candidates WHERE rank = 1");
  metadata = parse_object (metadata_text);
  g_assert_cmpstr (json_object_get_string_member (metadata, "source"), ==, "custody");
  g_assert_cmpstr (json_object_get_string_member (metadata, "note"), ==, "said \"hi\", twice");
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM candidates WHERE rank = 3 AND"
                                          " score = 0.58"), ==, 1);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "candidates.imported");
  details = parse_object (event->details);
  sidecar = file_sha256 (&w, "engine-b.json");
  g_assert_cmpstr (json_object_get_string_member (details, "sidecar_sha256"), ==, sidecar);
  g_assert_cmpstr (json_object_get_string_member (details, "source_format"), ==, "csv");
  world_clear (&w);
}

static void
test_malformed (LkTestFixture *fixture,
                gconstpointer  data)
{
  LkTestWorld w = { 0 };
  g_autofree char *matching = NULL;

  world_init (&w, fixture, TRUE);
  refuse_structure (&w);
  refuse_scores (&w);
  refuse_paths (&w);
  refuse_images (&w);
  refuse_policy_limit (&w);
  refuse_image_limit (&w);
  refuse_encoding_and_csv (&w);
  refuse_context (&w);
  g_assert_cmpint (lk_test_world_sql_int (&w, "SELECT count(*) FROM candidate_lists"), ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.imported"), ==, 0);

  /* The same list naming the right probe goes in. */
  matching = list_text ("1", LK_TEST_WORLD_DATABASE, w.probe_sha256,
                        "{\"rank\": 1, \"score\": 1, \"subject_ref\": \"S\","
                        " \"image\": \"a.png\"}");
  write_text (&w, "right-probe.json", matching);
  import_ok (&w, "right-probe.json");
  world_clear (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/candidates/reference-databases", test_reference_databases);
  LK_TEST_ADD ("/likeness/candidates/import-json", test_import_json);
  LK_TEST_ADD ("/likeness/candidates/import-csv", test_import_csv);
  LK_TEST_ADD ("/likeness/candidates/preview", test_preview);
  LK_TEST_ADD ("/likeness/candidates/malformed", test_malformed);
  return g_test_run ();
}
