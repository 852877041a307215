/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Candidate lists: registered reference databases, JSON and CSV imports with the facts they
 * record, every malformed list refused with a message that names the place and the database
 * left exactly as it was, masking until the analysis lock, scores and ranks hidden unless
 * revealed, the seeded shuffle, triage before verification, and `candidates` in likeness-cli. */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "lk-test-util.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "governance/lk-policy.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define REVIEWER "rita"
#define REVIEWER_PASSWORD "reviewer pass"
#define CASE_NUMBER "2026-0042"
#define DATABASE "National Custody Images"

/* Scores distinctive enough to be searched for wherever they must not appear. */
static const char * const scores[] = { "0.913271", "0.877113", "0.801547", "0.756239",
                                       "0.702851" };

static const char * const some_components[] = { "eyes", "nose", "mouth", "ears", NULL };

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
  LkSession     *reviewer;
  gint64         probe;
  char          *probe_sha256;
  gint64         database;
  char          *folder;    /* the lists and their images */
  char          *data_uri;  /* an embedded PNG */
} World;

/* ---- fixtures ---------------------------------------------------------------------------- */

static LkSession *
add_and_login (World      *w,
               const char *name,
               LkRoles     roles,
               const char *password)
{
  g_autoptr(GError) error = NULL;

  lk_users_add (w->admin, name, NULL, roles, password, &error);
  g_assert_no_error (error);
  return lk_test_login (w->store, name, password);
}

static char *
in_folder (World      *w,
           const char *name)
{
  return g_build_filename (w->folder, name, NULL);
}

static void
write_text (World      *w,
            const char *name,
            const char *text)
{
  g_autofree char *path = in_folder (w, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* A small PNG of one colour with a band of another: distinct bytes for each colour. */
static void
make_png (const char *path,
          int         width,
          int         height,
          double      red,
          double      green,
          double      blue)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, red, green, blue);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1 - red, 1 - green, 1 - blue);
  cairo_rectangle (cr, width / 4.0, height / 3.0, width / 2.0, height / 6.0);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
make_images (World *w)
{
  g_autofree char *faces = in_folder (w, "faces");
  g_autofree char *a = in_folder (w, "a.png");
  g_autofree char *b = in_folder (w, "faces/b.png");
  g_autofree char *c = in_folder (w, "c.png");
  g_autofree char *d = g_build_filename (w->fixture->dir, "d.png", NULL);
  g_autofree char *hopper = in_folder (w, "hopper.jpg");
  g_autofree char *source = lk_test_demo_path ("grace_hopper.jpg");
  g_autofree char *bytes = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (faces, 0700), ==, 0);
  make_png (a, 64, 80, 0.8, 0.2, 0.2);
  make_png (b, 72, 90, 0.2, 0.8, 0.2);
  make_png (c, 80, 100, 0.2, 0.2, 0.8);
  make_png (d, 60, 60, 0.5, 0.5, 0.1);
  g_file_get_contents (source, &bytes, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (hopper, bytes, (gssize) length, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_free);
  g_file_get_contents (d, &bytes, &length, &error);
  g_assert_no_error (error);
  encoded = g_base64_encode ((const guchar *) bytes, length);
  w->data_uri = g_strdup_printf ("data:image/png;base64,%s", encoded);
}

static void
lock_analysis (World  *w,
               gint64  probe)
{
  LkAnalysis a = { "suitable", NULL, some_components, "" };
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_analysis_lock (w->examiner, probe, &a, &error));
  g_assert_no_error (error);
}

static gint64
import_probe (World *w)
{
  g_autofree char *path = lk_test_demo_path ("grace_hopper.jpg");
  LkProvenance p = { "cctv", "video-frame", "PC Ada Jones", "2026-01-15T14:32:00Z",
                     "Warrant 2026/17", "Exhibit AJ/1", FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  gint64 id = lk_probes_import_file (w->examiner, CASE_NUMBER, path, &p, &sha256, &error);

  g_assert_no_error (error);
  g_clear_pointer (&w->probe_sha256, g_free);
  w->probe_sha256 = g_steal_pointer (&sha256);
  return id;
}

/* An administrator, an examiner and a reviewer; a case with one probe (its analysis locked
 * when @lock), a registered external reference database, and a folder of images. */
static void
world_init (World         *w,
            LkTestFixture *fixture,
            gboolean       lock)
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
  w->examiner = add_and_login (w, EXAMINER, LK_ROLE_EXAMINER, EXAMINER_PASSWORD);
  w->reviewer = add_and_login (w, REVIEWER, LK_ROLE_REVIEWER, REVIEWER_PASSWORD);
  c = lk_cases_create (w->examiner, &request, &error);
  g_assert_no_error (error);
  w->probe = import_probe (w);
  if (lock)
    lock_analysis (w, w->probe);
  w->database = lk_reference_db_create (w->admin, DATABASE, "Police Act 1996, section 64A",
                                        "external", &error);
  g_assert_no_error (error);
  w->folder = lk_test_path (fixture, "lists");
  make_images (w);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->reviewer);
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
  g_clear_pointer (&w->probe_sha256, g_free);
  g_clear_pointer (&w->folder, g_free);
  g_clear_pointer (&w->data_uri, g_free);
}

/* ---- list files -------------------------------------------------------------------------- */

static char *
good_candidates (World *w)
{
  return g_strdup_printf (
    "  {\"rank\": 1, \"score\": %s, \"subject_ref\": \"SUBJ-0001\", \"image\": \"a.png\","
    " \"metadata\": {\"source\": \"custody photo 2019\"}},\n"
    "  {\"rank\": 2, \"score\": %s, \"subject_ref\": \"SUBJ-0002\", \"image\": \"faces/b.png\"},\n"
    "  {\"rank\": 3, \"score\": %s, \"subject_ref\": \"SUBJ-0003\", \"image\": \"hopper.jpg\"},\n"
    "  {\"rank\": 4, \"score\": %s, \"subject_ref\": \"SUBJ-0004\", \"image\": \"%s\"},\n"
    "  {\"rank\": 5, \"score\": %s, \"subject_ref\": \"SUBJ-0005\", \"image\": \"./c.png\"}\n",
    scores[0], scores[1], scores[2], scores[3], w->data_uri, scores[4]);
}

static char *
header_fields (const char *version,
               const char *database,
               const char *probe_sha256)
{
  g_autofree char *sha = probe_sha256 ? g_strdup_printf (", \"sha256\": \"%s\"", probe_sha256)
                                      : g_strdup ("");

  return g_strdup_printf (
    "\"format\": \"likeness-candidate-list\", \"version\": %s,\n"
    " \"engine\": {\"name\": \"AcmeFace\", \"version\": \"7.2.1\"},\n"
    " \"reference_database\": {\"name\": \"%s\"},\n"
    " \"probe\": {\"image\": \"still-0417.jpg\"%s},\n"
    " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\", \"threshold\": 0.42,"
    " \"max_candidates\": 50}", version, database, sha);
}

static char *
list_text (const char *version,
           const char *database,
           const char *probe_sha256,
           const char *candidates)
{
  g_autofree char *header = header_fields (version, database, probe_sha256);

  return g_strdup_printf ("{%s,\n \"candidates\": [\n%s]}\n", header, candidates);
}

static void
write_list (World      *w,
            const char *name,
            const char *candidates)
{
  g_autofree char *text = list_text ("1", DATABASE, NULL, candidates);

  write_text (w, name, text);
}

static void
write_good_list (World      *w,
                 const char *name)
{
  g_autofree char *candidates = good_candidates (w);

  write_list (w, name, candidates);
}

/* ---- the database as a whole ------------------------------------------------------------- */

static const char * const dump_queries[] = {
  "SELECT count(*) FROM images",
  "SELECT count(*) FROM candidate_lists",
  "SELECT count(*) FROM candidates",
  "SELECT count(*) FROM audit_event",
  "SELECT count(*) FROM score_reveals",
  "SELECT count(*) FROM list_presentations",
  "SELECT count(*) FROM reference_databases",
  "SELECT count(*) FROM candidates WHERE triage_state != 'not-reviewed'",
};

typedef struct
{
  gint64  counts[G_N_ELEMENTS (dump_queries)];
  char   *head;
} Dump;

static void
dump_clear (Dump *d)
{
  g_clear_pointer (&d->head, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Dump, dump_clear)

static void
dump_take (World *w,
           Dump  *d)
{
  for (guint i = 0; i < G_N_ELEMENTS (dump_queries); i++)
    d->counts[i] = lk_test_sql_int (w->fixture->db_path, dump_queries[i]);
  g_clear_pointer (&d->head, g_free);
  d->head = lk_test_sql_text (w->fixture->db_path,
                              "SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1");
}

static void
assert_unchanged (World      *w,
                  const Dump *before)
{
  g_auto(Dump) after = { { 0 } };

  dump_take (w, &after);
  for (guint i = 0; i < G_N_ELEMENTS (dump_queries); i++)
    if (after.counts[i] != before->counts[i])
      g_error ("%s: %" G_GINT64_FORMAT " before, %" G_GINT64_FORMAT " after", dump_queries[i],
               before->counts[i], after.counts[i]);
  g_assert_cmpstr (after.head, ==, before->head);
}

static gint64
sql_int (World      *w,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gint64
sql_int (World      *w,
         const char *format,
         ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return lk_test_sql_int (w->fixture->db_path, sql);
}

static char *
sql_text (World      *w,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static char *
sql_text (World      *w,
          const char *format,
          ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return lk_test_sql_text (w->fixture->db_path, sql);
}

static void
assert_message (const GError *error,
                const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, error->message);
}

/* ---- imports ----------------------------------------------------------------------------- */

static gint64
import_ok (World      *w,
           const char *name)
{
  g_autofree char *path = in_folder (w, name);
  g_autoptr(GError) error = NULL;
  gint64 id = lk_candidates_import (w->examiner, w->probe, path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Refused with @code and a message containing @expected, and nothing written at all. */
static void
import_refused (World      *w,
                const char *name,
                int         code,
                const char *expected)
{
  g_autofree char *path = in_folder (w, name);
  g_autoptr(GError) error = NULL;
  g_auto(Dump) before = { { 0 } };

  dump_take (w, &before);
  g_assert_cmpint (lk_candidates_import (w->examiner, w->probe, path, &error), ==, 0);
  g_assert_error (error, LK_ERROR, code);
  assert_message (error, expected);
  g_test_message ("refused: %s", error->message);
  assert_unchanged (w, &before);
}

static void
refused_list (World      *w,
              const char *name,
              const char *candidates,
              const char *expected)
{
  write_list (w, name, candidates);
  import_refused (w, name, LK_ERROR_INVALID_INPUT, expected);
}

static char *
file_sha256 (World      *w,
             const char *name)
{
  g_autofree char *path = in_folder (w, name);
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &bytes, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, length);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static GPtrArray *
candidates_ok (LkSession *session,
               gint64     probe)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *candidates = lk_candidates_for_probe (session, probe, &error);

  g_assert_no_error (error);
  g_assert_nonnull (candidates);
  return candidates;
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

static void
test_reference_databases (LkTestFixture *fixture,
                          gconstpointer  data)
{
  World w = { 0 };
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
  create_refused (w.admin, DATABASE, "Act", "external", LK_ERROR_EXISTS);
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
  g_assert_cmpstr (((LkReferenceDb *) dbs->pdata[0])->name, ==, DATABASE);
  g_assert_cmpstr (((LkReferenceDb *) dbs->pdata[0])->held_by, ==, "external");
  g_assert_cmpstr (((LkReferenceDb *) dbs->pdata[1])->legal_basis, ==, "Consent forms 2025");
  g_assert_cmpint (((LkReferenceDb *) dbs->pdata[1])->n_images, ==, 0);
  trainee = add_and_login (&w, "tim", LK_ROLE_TRAINEE, "trainee pass");
  g_assert_null (lk_reference_db_list (trainee, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  world_clear (&w);
}

/* ---- happy paths ------------------------------------------------------------------------- */

static void
assert_list_row (World      *w,
                 gint64      list,
                 const char *name,
                 const char *format,
                 gint64      length)
{
  g_autofree char *engine = sql_text (w, "SELECT engine_name || ' ' || engine_version FROM"
                                      " candidate_lists WHERE id = %" G_GINT64_FORMAT, list);
  g_autofree char *performed = sql_text (w, "SELECT performed_at FROM candidate_lists WHERE"
                                         " id = %" G_GINT64_FORMAT, list);
  g_autofree char *source = sql_text (w, "SELECT source_format || ' ' || source_sha256 FROM"
                                      " candidate_lists WHERE id = %" G_GINT64_FORMAT, list);
  g_autofree char *sha = file_sha256 (w, name);
  g_autofree char *expected_source = g_strdup_printf ("%s %s", format, sha);

  g_assert_cmpstr (engine, ==, "AcmeFace 7.2.1");
  g_assert_cmpstr (performed, ==, "2026-01-16T09:30:00Z");
  g_assert_cmpstr (source, ==, expected_source);
  g_assert_cmpint (sql_int (w, "SELECT reference_db_id FROM candidate_lists WHERE id = %"
                           G_GINT64_FORMAT, list), ==, w->database);
  g_assert_cmpint (sql_int (w, "SELECT list_length FROM candidate_lists WHERE id = %"
                           G_GINT64_FORMAT, list), ==, length);
  g_assert_cmpint (sql_int (w, "SELECT imported_by = (SELECT id FROM users WHERE name = '"
                           EXAMINER "') AND imported_at IS NOT NULL FROM candidate_lists"
                           " WHERE id = %" G_GINT64_FORMAT, list), ==, 1);
  g_assert_cmpint (sql_int (w, "SELECT count(*) FROM candidates WHERE list_id = %" G_GINT64_FORMAT
                           " AND display_order = rank", list), ==, length);
}

/* What a view of the list shows: the recorded facts, never a score. */
static void
assert_list_json (World      *w,
                  gint64      list,
                  const char *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = lk_candidates_list_json (w->examiner, list, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (o, "engine_name"), ==, "AcmeFace");
  g_assert_cmpstr (json_object_get_string_member (o, "engine_version"), ==, "7.2.1");
  g_assert_cmpstr (json_object_get_string_member (o, "reference_database"), ==, DATABASE);
  g_assert_cmpstr (json_object_get_string_member (o, "held_by"), ==, "external");
  g_assert_cmpfloat (json_object_get_double_member (o, "threshold"), ==, 0.42);
  g_assert_cmpint (json_object_get_int_member (o, "max_candidates"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (o, "list_length"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (o, "performed_at"), ==,
                   "2026-01-16T09:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "source_sha256"), ==, sha256);
  g_assert_cmpstr (json_object_get_string_member (o, "imported_by"), ==, EXAMINER);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (o, "presentation"), "order"), ==, "rank");
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (o, "triage"), "not-reviewed"), ==, 5);
  g_assert_false (json_object_get_boolean_member (o, "scores_visible"));
  g_assert_cmpint (lk_test_count_action (w->store, "candidate-list.viewed"), ==, 1);
}

static void
test_import_json (LkTestFixture *fixture,
                  gconstpointer  data)
{
  World w = { 0 };
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
  images = sql_int (&w, "SELECT count(*) FROM images");
  list = import_ok (&w, "candidates.json");

  assert_list_row (&w, list, "candidates.json", "json", 5);
  g_assert_cmpint (sql_int (&w, "SELECT threshold = 0.42 AND max_candidates = 50 FROM"
                            " candidate_lists"), ==, 1);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM candidates"), ==, 5);
  /* Four new images: the copy of the portrait is the probe's own bytes, stored once. */
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM images"), ==, images + 4);
  sha = sql_text (&w, "SELECT image_sha256 FROM candidates WHERE rank = 3");
  g_assert_cmpstr (sha, ==, w.probe_sha256);
  metadata = sql_text (&w, "SELECT metadata FROM candidates WHERE rank = 1");
  g_assert_nonnull (strstr (metadata, "custody photo 2019"));
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM candidates WHERE rank = 2 AND"
                            " score = 0.877113 AND subject_ref = 'SUBJ-0002'"), ==, 1);

  g_assert_cmpint (lk_test_count_action (w.store, "candidates.imported"), ==, 1);
  event = lk_test_last_event (w.store);
  object = g_strdup_printf ("candidate-list:%" G_GINT64_FORMAT, list);
  g_assert_cmpstr (event->action, ==, "candidates.imported");
  g_assert_cmpstr (event->object, ==, object);
  g_assert_cmpstr (event->user, ==, EXAMINER);
  details = parse_object (event->details);
  g_assert_cmpstr (json_object_get_string_member (details, "engine_name"), ==, "AcmeFace");
  g_assert_cmpstr (json_object_get_string_member (details, "engine_version"), ==, "7.2.1");
  g_assert_cmpstr (json_object_get_string_member (details, "reference_database"), ==, DATABASE);
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
  image = lk_candidates_read_image (w.examiner, sql_int (&w, "SELECT id FROM candidates WHERE"
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
  World w = { 0 };
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

static const char csv_text[] =
  "rank,score,subject_ref,image\n"
  "1,0.66,\"Doe, Jane\",a.png,source=custody,\"note=said \"\"hi\"\", twice\"\r\n"
  "\n"
  "2,0.61,SUBJ-0102,faces/b.png\n"
  "3,0.58,SUBJ-0103,c.png";

static void
write_csv_header (World      *w,
                  const char *name)
{
  write_text (w, name,
              "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
              " \"engine\": {\"name\": \"AcmeFace\", \"version\": \"7.2.1\"},"
              " \"reference_database\": {\"name\": \"" DATABASE "\"},"
              " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\"}}");
}

static void
test_import_csv (LkTestFixture *fixture,
                 gconstpointer  data)
{
  World w = { 0 };
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
  g_assert_cmpint (sql_int (&w, "SELECT threshold IS NULL AND max_candidates IS NULL FROM"
                            " candidate_lists"), ==, 1);
  subject = sql_text (&w, "SELECT subject_ref FROM candidates WHERE rank = 1");
  g_assert_cmpstr (subject, ==, "Doe, Jane");
  metadata_text = sql_text (&w, "SELECT metadata FROM candidates WHERE rank = 1");
  metadata = parse_object (metadata_text);
  g_assert_cmpstr (json_object_get_string_member (metadata, "source"), ==, "custody");
  g_assert_cmpstr (json_object_get_string_member (metadata, "note"), ==, "said \"hi\", twice");
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM candidates WHERE rank = 3 AND"
                            " score = 0.58"), ==, 1);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "candidates.imported");
  details = parse_object (event->details);
  sidecar = file_sha256 (&w, "engine-b.json");
  g_assert_cmpstr (json_object_get_string_member (details, "sidecar_sha256"), ==, sidecar);
  g_assert_cmpstr (json_object_get_string_member (details, "source_format"), ==, "csv");
  world_clear (&w);
}

/* ---- malformed lists --------------------------------------------------------------------- */

static void
refuse_structure (World *w)
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
                        " \"reference_database\": {\"name\": \"" DATABASE "\"},"
                        " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\"},"
                        " \"candidates\": [{\"rank\": 1, \"score\": 1, \"subject_ref\": \"S\","
                        " \"image\": \"a.png\"}]}");
  write_text (w, "no-engine.json", no_engine);
  import_refused (w, "no-engine.json", LK_ERROR_INVALID_INPUT, "no-engine.json: engine is missing");
  v2 = list_text ("2", DATABASE, NULL,
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
refuse_scores (World *w)
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
refuse_paths (World *w)
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
refuse_images (World *w)
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
refuse_policy_limit (World *w)
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
refuse_image_limit (World *w)
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
refuse_encoding_and_csv (World *w)
{
  g_autofree char *path = in_folder (w, "latin1.json");
  g_autofree char *text = list_text ("1", DATABASE, NULL,
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
                                " \"reference_database\": {\"name\": \"" DATABASE "\"},"
                                " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\"}}");
  write_text (w, "escape.csv", "1,0.9,S1,a.png\n2,0.8,S2,../../etc/passwd\n");
  import_refused (w, "escape.csv", LK_ERROR_INVALID_INPUT,
                  "escape.csv: line 2 (rank 2): image ../../etc/passwd leaves the list's folder");
  write_text (w, "notime.json", "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
                                " \"engine\": {\"name\": \"A\", \"version\": \"1\"},"
                                " \"reference_database\": {\"name\": \"" DATABASE "\"},"
                                " \"search\": {\"performed_at\": \"2026-01-16 09:30\"},"
                                " \"candidates\": [{\"rank\": 1, \"score\": 1,"
                                " \"subject_ref\": \"S\", \"image\": \"a.png\"}]}");
  import_refused (w, "notime.json", LK_ERROR_INVALID_INPUT,
                  "search.performed_at “2026-01-16 09:30” is not an ISO 8601 date and time");
}

static void
refuse_context (World *w)
{
  g_autofree char *unknown = list_text ("1", "Nowhere Images", NULL,
                                        "{\"rank\": 1, \"score\": 1, \"subject_ref\": \"S\","
                                        " \"image\": \"a.png\"}");
  g_autofree char *other = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "another image", -1);
  g_autofree char *wrong_probe = list_text ("1", DATABASE, other,
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
test_malformed (LkTestFixture *fixture,
                gconstpointer  data)
{
  World w = { 0 };
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
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM candidate_lists"), ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.imported"), ==, 0);

  /* The same list naming the right probe goes in. */
  matching = list_text ("1", DATABASE, w.probe_sha256,
                        "{\"rank\": 1, \"score\": 1, \"subject_ref\": \"S\","
                        " \"image\": \"a.png\"}");
  write_text (&w, "right-probe.json", matching);
  import_ok (&w, "right-probe.json");
  world_clear (&w);
}

/* ---- masking ----------------------------------------------------------------------------- */

/* A list recorded for a probe whose analysis is not locked, as no core call would allow: the
 * read paths must still refuse it. */
static gint64
insert_list_behind_the_gate (World  *w,
                             gint64  probe)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO candidate_lists (probe_id, engine_name, engine_version,"
                     " reference_db_id, list_length, performed_at, source_format, source_sha256,"
                     " imported_by, imported_at) VALUES (%" G_GINT64_FORMAT ", 'X', '1', %"
                     G_GINT64_FORMAT ", 1, '2026-01-16T09:30:00Z', 'json', 'x', 1, 'now');"
                     "INSERT INTO candidates (list_id, rank, score, subject_ref, image_sha256,"
                     " metadata, display_order) SELECT max (id), 1, 0.5, 'S1', '%s', '{}', 1"
                     " FROM candidate_lists;", probe, w->database, w->probe_sha256);

  lk_test_sql (w->fixture->db_path, sql);
  return sql_int (w, "SELECT max(id) FROM candidates");
}

static void
assert_masked (World  *w,
               gint64  candidate)
{
  g_autoptr(GError) error = NULL;
  gint64 list = sql_int (w, "SELECT list_id FROM candidates WHERE id = %" G_GINT64_FORMAT,
                         candidate);

  g_assert_null (lk_candidates_for_probe (w->examiner, w->probe, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);
  g_assert_null (lk_candidates_read_image (w->examiner, candidate, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);
  g_assert_null (lk_candidates_list_json (w->reviewer, list, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);
  g_assert_false (lk_candidates_reveal_scores (w->examiner, list, "curious", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);
  g_assert_false (lk_candidates_shuffle (w->examiner, list, 3, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
  g_clear_error (&error);
  g_assert_false (lk_candidates_set_triage (w->examiner, candidate, "retained", NULL, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_MASKED);
}

static void
test_masked_until_locked (LkTestFixture *fixture,
                          gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GBytes) image = NULL;
  gint64 hidden;
  g_auto(Dump) before = { { 0 } };

  world_init (&w, fixture, FALSE);
  write_good_list (&w, "candidates.json");
  import_refused (&w, "candidates.json", LK_ERROR_MASKED, "masked until its analysis is locked");
  hidden = insert_list_behind_the_gate (&w, w.probe);
  dump_take (&w, &before);
  assert_masked (&w, hidden);
  assert_unchanged (&w, &before);

  lock_analysis (&w, w.probe);
  import_ok (&w, "candidates.json");
  candidates = candidates_ok (w.examiner, w.probe);
  g_assert_cmpuint (candidates->len, ==, 6);
  image = lk_candidates_read_image (w.examiner, hidden, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (w.store, "candidate.image-viewed"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.viewed"), ==, 1);
  world_clear (&w);
}

static void
test_not_suitable_masks (LkTestFixture *fixture,
                         gconstpointer  data)
{
  World w = { 0 };
  LkAnalysis not_suitable = { "not-suitable", NULL, NULL, "Face turned away in every frame" };
  g_autoptr(GError) error = NULL;
  gint64 candidate;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  import_ok (&w, "candidates.json");
  g_assert_true (lk_analysis_amend (w.examiner, w.probe, &not_suitable,
                                           "second look at the footage", &error));
  g_assert_no_error (error);
  candidate = sql_int (&w, "SELECT id FROM candidates WHERE rank = 1");
  assert_masked (&w, candidate);
  world_clear (&w);
}

/* ---- hidden scores ----------------------------------------------------------------------- */

static char *
order_of (GPtrArray *candidates)
{
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = 0; i < candidates->len; i++)
    g_string_append_printf (order, "%s ", ((LkCandidate *) candidates->pdata[i])->subject_ref);
  return g_string_free (g_steal_pointer (&order), FALSE);
}

/* The documented algorithm, written out again: Fisher-Yates over rank order with GRand seeded
 * from the two 32-bit halves of the seed. */
static char *
expected_order (guint64 seed)
{
  const char *refs[] = { "SUBJ-0001", "SUBJ-0002", "SUBJ-0003", "SUBJ-0004", "SUBJ-0005" };
  guint32 words[2] = { (guint32) seed, (guint32) (seed >> 32) };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (words, 2);
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = G_N_ELEMENTS (refs); i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      const char *swap = refs[i - 1];

      refs[i - 1] = refs[j];
      refs[j] = swap;
    }
  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    g_string_append_printf (order, "%s ", refs[i]);
  return g_string_free (g_steal_pointer (&order), FALSE);
}


static void
assert_hidden (GPtrArray *candidates)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      const LkCandidate *c = g_ptr_array_index (candidates, i);

      g_assert_false (c->scores_visible);
      g_assert_cmpint (c->rank, ==, 0);
      g_assert_true (isnan (c->score));
      g_assert_cmpint (c->position, ==, (int) i + 1);
    }
}

static void
assert_visible (GPtrArray *candidates)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      const LkCandidate *c = g_ptr_array_index (candidates, i);

      g_autofree char *subject = NULL;

      g_assert_true (c->scores_visible);
      g_assert_cmpint (c->position, ==, (int) i + 1);
      g_assert_cmpint (c->rank, >=, 1);
      g_assert_cmpint (c->rank, <=, (int) G_N_ELEMENTS (scores));
      subject = g_strdup_printf ("SUBJ-%04d", c->rank);
      g_assert_cmpstr (c->subject_ref, ==, subject);
      g_assert_cmpfloat_with_epsilon (c->score, g_ascii_strtod (scores[c->rank - 1], NULL),
                                      1e-12);
    }
}

/* The seed of the newest recorded order of @list, 0 when none is recorded. */
static guint64
recorded_seed (World  *w,
               gint64  list)
{
  return (guint64) sql_int (w, "SELECT coalesce ((SELECT seed FROM list_presentations WHERE"
                            " list_id = %" G_GINT64_FORMAT " ORDER BY id DESC LIMIT 1), 0)",
                            list);
}

static gboolean
collect_details (const LkAuditEvent  *event,
                 gpointer             user_data,
                 GError             **error)
{
  g_string_append_printf (user_data, "%s %s %s\n", event->action, event->object, event->details);
  return TRUE;
}

/* Nothing outside the candidates table carries a score: not the list's details, not the
 * audit log. */
static void
assert_no_scores_outside (World  *w,
                          gint64  list)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(JsonObject) o = lk_candidates_list_json (w->reviewer, list, &error);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (o, "scores_visible"));
  node = json_node_init_object (json_node_alloc (), o);
  text = json_to_string (node, FALSE);
  lk_audit_foreach (w->store, collect_details, log, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      g_assert_null (strstr (text, scores[i]));
      g_assert_null (strstr (log->str, scores[i]));
    }
}

static void
test_hidden_scores (LkTestFixture *fixture,
                    gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) by_policy = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autofree char *order = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *after_order = NULL;
  g_autofree char *other_order = NULL;
  g_autofree char *policy_order = NULL;
  gint64 list;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  list = import_ok (&w, "candidates.json");
  before = candidates_ok (w.examiner, w.probe);
  g_assert_cmpuint (before->len, ==, 5);
  assert_hidden (before);
  /* Not even the order tells the ranks: it is the recorded shuffle, not the engine's. */
  order = order_of (before);
  expected = expected_order (recorded_seed (&w, list));
  g_assert_cmpstr (order, ==, expected);
  assert_no_scores_outside (&w, list);

  g_assert_false (lk_candidates_reveal_scores (w.examiner, list, "  ", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (lk_test_count_action (w.store, "scores.revealed"), ==, 0);
  g_assert_true (lk_candidates_reveal_scores (w.examiner, list, "checking the engine's margin",
                                              &error));
  g_assert_no_error (error);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "scores.revealed");
  g_assert_cmpstr (event->user, ==, EXAMINER);
  g_assert_nonnull (strstr (event->details, "checking the engine's margin"));

  /* A reveal adds rank and score to each candidate; the order, and so "Candidate N", stays. */
  after = candidates_ok (w.examiner, w.probe);
  assert_visible (after);
  after_order = order_of (after);
  g_assert_cmpstr (after_order, ==, order);
  other = candidates_ok (w.reviewer, w.probe);
  assert_hidden (other);
  other_order = order_of (other);
  g_assert_cmpstr (other_order, ==, order);

  g_assert_true (lk_policy_set (w.admin, "show_scores", "1", "agency shows scores", &error));
  g_assert_no_error (error);
  by_policy = candidates_ok (w.reviewer, w.probe);
  assert_visible (by_policy);
  policy_order = order_of (by_policy);
  g_assert_cmpstr (policy_order, ==, order);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 1);
  world_clear (&w);
}

/* ---- the first presentation ------------------------------------------------------------- */

#define RANK_ORDER "SUBJ-0001 SUBJ-0002 SUBJ-0003 SUBJ-0004 SUBJ-0005 "

static JsonObject *
last_shuffle (World *w)
{
  g_autofree char *details = sql_text (w, "SELECT details FROM audit_event WHERE action ="
                                       " 'candidates.shuffled' ORDER BY seq DESC LIMIT 1");

  return parse_object (details);
}

static char *
presentation_order (World  *w,
                    gint64  list)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) facts = lk_candidates_list_json (w->examiner, list, &error);

  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (
                     json_object_get_object_member (facts, "presentation"), "order"));
}

/* By default a list is first shown, to whoever cannot see its scores, in a random order whose
 * seed is recorded and audited as a shuffle; every later reading gives that order again. */
static void
test_first_presentation_shuffled (LkTestFixture *fixture,
                                  gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autofree char *first_order = NULL;
  g_autofree char *again_order = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint64 seed;
  gint64 list;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  list = import_ok (&w, "candidates.json");
  /* Import alone decides nothing: the order is chosen when the list is first presented. */
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 0);
  before = presentation_order (&w, list);
  g_assert_cmpstr (before, ==, "rank");

  first = candidates_ok (w.reviewer, w.probe);
  assert_hidden (first);
  seed = recorded_seed (&w, list);
  g_assert_cmpuint (seed, >, 0);
  g_assert_cmpint (sql_int (&w, "SELECT user_id = (SELECT id FROM users WHERE name = '"
                            REVIEWER "') FROM list_presentations"), ==, 1);
  first_order = order_of (first);
  expected = expected_order (seed);
  g_assert_cmpstr (first_order, ==, expected);

  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "candidates.viewed");
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.shuffled"), ==, 1);
  details = last_shuffle (&w);
  g_assert_cmpint (json_object_get_int_member (details, "seed"), ==, (gint64) seed);
  g_assert_cmpint (json_object_get_int_member (details, "probe"), ==, w.probe);
  g_assert_cmpstr (json_object_get_string_member (details, "cause"), ==,
                   "first presentation with scores hidden");

  again = candidates_ok (w.examiner, w.probe);
  again_order = order_of (again);
  g_assert_cmpstr (again_order, ==, first_order);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.shuffled"), ==, 1);
  after = presentation_order (&w, list);
  g_assert_cmpstr (after, ==, "shuffled");
  assert_no_scores_outside (&w, list);
  world_clear (&w);
}

/* With shuffle_hidden_lists 0 the engine's order is shown and nothing is recorded; a shuffle
 * can still be asked for. */
static void
test_rank_order_by_policy (LkTestFixture *fixture,
                           gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) shuffled = NULL;
  g_autofree char *order = NULL;
  g_autofree char *shuffled_text = NULL;
  g_autofree char *expected = expected_order (42);
  gint64 list;

  world_init (&w, fixture, TRUE);
  g_assert_true (lk_policy_set (w.admin, "shuffle_hidden_lists", "0", "engine order wanted",
                                &error));
  g_assert_no_error (error);
  write_good_list (&w, "candidates.json");
  list = import_ok (&w, "candidates.json");
  candidates = candidates_ok (w.examiner, w.probe);
  assert_hidden (candidates);
  order = order_of (candidates);
  g_assert_cmpstr (order, ==, RANK_ORDER);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 0);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.shuffled"), ==, 0);

  g_assert_true (lk_candidates_shuffle (w.examiner, list, 42, &error));
  g_assert_no_error (error);
  shuffled = candidates_ok (w.reviewer, w.probe);
  shuffled_text = order_of (shuffled);
  g_assert_cmpstr (shuffled_text, ==, expected);
  world_clear (&w);
}

/* A user who revealed the scores before the list was ever presented sees the engine's order
 * with the ranks, and nothing is recorded for that; the first presentation to someone for
 * whom they are hidden shuffles it, and from then on everyone, the revealer too, sees that
 * order. */
static void
test_reveal_before_first_presentation (LkTestFixture *fixture,
                                       gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revealed = NULL;
  g_autoptr(GPtrArray) hidden = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autofree char *revealed_order = NULL;
  g_autofree char *hidden_order = NULL;
  g_autofree char *later_order = NULL;
  g_autofree char *expected = NULL;
  gint64 list;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  list = import_ok (&w, "candidates.json");
  g_assert_true (lk_candidates_reveal_scores (w.examiner, list, "engine margin", &error));
  g_assert_no_error (error);
  revealed = candidates_ok (w.examiner, w.probe);
  assert_visible (revealed);
  revealed_order = order_of (revealed);
  g_assert_cmpstr (revealed_order, ==, RANK_ORDER);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 0);

  hidden = candidates_ok (w.reviewer, w.probe);
  assert_hidden (hidden);
  hidden_order = order_of (hidden);
  expected = expected_order (recorded_seed (&w, list));
  g_assert_cmpstr (hidden_order, ==, expected);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.shuffled"), ==, 1);

  later = candidates_ok (w.examiner, w.probe);
  assert_visible (later);
  later_order = order_of (later);
  g_assert_cmpstr (later_order, ==, hidden_order);
  world_clear (&w);
}

/* ---- shuffle ----------------------------------------------------------------------------- */

static char *
shuffled_order (World   *w,
                gint64   list,
                guint64  seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = NULL;

  g_assert_true (lk_candidates_shuffle (w->examiner, list, seed, &error));
  g_assert_no_error (error);
  candidates = candidates_ok (w->reviewer, w->probe);
  assert_hidden (candidates);
  return order_of (candidates);
}

static void
test_shuffle (LkTestFixture *fixture,
              gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autoptr(JsonObject) facts = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *other = NULL;
  g_autofree char *expected = expected_order (42);
  g_autofree char *again_order = NULL;
  gint64 list;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  list = import_ok (&w, "candidates.json");
  first = shuffled_order (&w, list, 42);
  g_assert_cmpstr (first, ==, expected);
  g_assert_cmpstr (first, !=, RANK_ORDER);
  details = last_shuffle (&w);
  g_assert_cmpint (json_object_get_int_member (details, "seed"), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (details, "cause"), ==, "requested");

  /* Every later view keeps the order; the same seed gives it again; another seed another. */
  again = candidates_ok (w.examiner, w.probe);
  again_order = order_of (again);
  g_assert_cmpstr (again_order, ==, first);
  other = shuffled_order (&w, list, 7);
  g_assert_cmpstr (other, !=, first);
  second = shuffled_order (&w, list, 42);
  g_assert_cmpstr (second, ==, first);
  facts = lk_candidates_list_json (w.examiner, list, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (facts, "presentation"), "order"), ==,
                   "shuffled");

  g_assert_false (lk_candidates_shuffle (w.reviewer, list, 9, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_true (lk_candidates_shuffle (w.examiner, list, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&details, json_object_unref);
  details = last_shuffle (&w);
  g_assert_cmpint (json_object_get_int_member (details, "seed"), >, 0);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM list_presentations"), ==, 4);
  world_clear (&w);
}

/* ---- triage ------------------------------------------------------------------------------ */

static void
triage_refused (World      *w,
                LkSession  *session,
                gint64      candidate,
                const char *state,
                const char *reason,
                int         code,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(Dump) before = { { 0 } };

  dump_take (w, &before);
  g_assert_false (lk_candidates_set_triage (session, candidate, state, reason, &error));
  g_assert_error (error, LK_ERROR, code);
  assert_message (error, expected);
  if (code != LK_ERROR_PERMISSION_DENIED) /* a refusal of the role is itself audited */
    assert_unchanged (w, &before);
}

static void
triage_ok (World      *w,
           gint64      candidate,
           const char *state,
           const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_candidates_set_triage (w->examiner, candidate, state, reason, &error));
  g_assert_no_error (error);
}

static void
move_refused (World      *w,
              const char *status,
              const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lk_cases_move (w->admin, CASE_NUMBER, status, "Test: move on", &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  assert_message (error, expected);
}

static void
move_ok (World      *w,
         const char *status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_cases_move (w->admin, CASE_NUMBER, status, "Test: move on", &error));
  g_assert_no_error (error);
}

static void
test_triage (LkTestFixture *fixture,
             gconstpointer  data)
{
  World w = { 0 };
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(LkAuditEvent) event = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *reason = NULL;
  gint64 ids[5];

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  import_ok (&w, "candidates.json");
  for (int i = 0; i < 5; i++)
    ids[i] = sql_int (&w, "SELECT id FROM candidates WHERE rank = %d", i + 1);
  /* the locked analysis moved the case on to examination by itself */
  g_assert_cmpint (sql_int (&w, "SELECT status = 'examination' FROM cases"), ==, 1);

  triage_refused (&w, w.examiner, ids[0], "eliminated", NULL, LK_ERROR_INVALID_INPUT,
                  "needs a reason");
  triage_refused (&w, w.examiner, ids[0], "eliminated", " ", LK_ERROR_INVALID_INPUT,
                  "needs a reason");
  triage_refused (&w, w.examiner, ids[0], "not-reviewed", NULL, LK_ERROR_INVALID_INPUT,
                  "cannot go back to not reviewed");
  triage_refused (&w, w.examiner, ids[0], "maybe", NULL, LK_ERROR_INVALID_INPUT,
                  "Unknown triage state");
  triage_refused (&w, w.reviewer, ids[0], "retained", NULL, LK_ERROR_PERMISSION_DENIED, "");
  triage_refused (&w, w.examiner, 999, "retained", NULL, LK_ERROR_NOT_FOUND, "no candidate");

  triage_ok (&w, ids[0], "retained", NULL);
  triage_ok (&w, ids[1], "eliminated", "different ear shape");
  triage_ok (&w, ids[2], "eliminated", "scar on the left cheek absent");
  triage_ok (&w, ids[3], "retained", "worth a closer look");
  move_refused (&w, "verification", "1 candidate(s) have not been triaged");

  /* A decision may change, with its own audit event; the last one stands. */
  triage_ok (&w, ids[2], "retained", NULL);
  event = lk_test_last_event (w.store);
  g_assert_cmpstr (event->action, ==, "candidate.triaged");
  details = parse_object (event->details);
  g_assert_cmpstr (json_object_get_string_member (details, "previous"), ==, "eliminated");
  g_assert_cmpstr (json_object_get_string_member (details, "state"), ==, "retained");
  reason = sql_text (&w, "SELECT triage_reason FROM candidates WHERE id = %" G_GINT64_FORMAT,
                     ids[1]);
  g_assert_cmpstr (reason, ==, "different ear shape");
  g_assert_cmpint (sql_int (&w, "SELECT triage_reason IS NULL FROM candidates WHERE id = %"
                           G_GINT64_FORMAT, ids[2]), ==, 1);

  triage_ok (&w, ids[4], "eliminated", "different age group");
  g_assert_cmpint (lk_test_count_action (w.store, "candidate.triaged"), ==, 6);
  candidates = candidates_ok (w.examiner, w.probe);
  for (guint i = 0; i < candidates->len; i++)
    {
      const LkCandidate *c = g_ptr_array_index (candidates, i);

      if (c->id != ids[1])
        continue;
      g_assert_cmpstr (c->triage_state, ==, "eliminated");
      g_assert_cmpstr (c->triage_reason, ==, "different ear shape");
    }
  move_ok (&w, "verification");
  triage_refused (&w, w.examiner, ids[0], "eliminated", "second thoughts",
                  LK_ERROR_INVALID_INPUT, "triage happens while a case is in analysis or "
                  "examination");
  world_clear (&w);
}

/* ---- likeness-cli ------------------------------------------------------------------------ */

static LkCliRun *
cli_as_examiner (World      *w,
                 const char *a0,
                 const char *a1,
                 const char *a2,
                 const char *a3,
                 const char *a4,
                 const char *a5)
{
  return lk_test_cli (EXAMINER_PASSWORD, NULL, NULL, "--db", w->fixture->db_path, "--user",
                      EXAMINER, a0, a1, a2, a3, a4, a5, NULL);
}

static void
assert_cli_ok (LkCliRun *run)
{
  if (run->status != 0)
    g_error ("likeness-cli failed (%d): %s", run->status, run->err);
}

static void
assert_cli_failed (LkCliRun   *run,
                   const char *expected)
{
  g_assert_cmpint (run->status, >, 0);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpuint (lk_test_count_lines (run->err), ==, 1);
  if (strstr (run->err, expected) == NULL)
    g_error ("Expected “%s” in: %s", expected, run->err);
}

static void
assert_fields (const char *out,
               guint       n_lines,
               guint       n_fields)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  g_assert_cmpuint (lk_test_count_lines (out), ==, n_lines);
  for (guint i = 0; i < n_lines; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, n_fields);
    }
}

static void
test_cli (LkTestFixture *fixture,
          gconstpointer  data)
{
  World w = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *probe = NULL;
  g_autofree char *list = NULL;
  g_autofree char *candidate = NULL;
  g_autoptr(LkCliRun) import = NULL;
  g_autoptr(LkCliRun) refused = NULL;
  g_autoptr(LkCliRun) hidden = NULL;
  g_autoptr(LkCliRun) reveal = NULL;
  g_autoptr(LkCliRun) shown = NULL;
  g_autoptr(LkCliRun) shuffle = NULL;
  g_autoptr(LkCliRun) no_reason = NULL;
  g_autoptr(LkCliRun) triage = NULL;

  world_init (&w, fixture, TRUE);
  write_good_list (&w, "candidates.json");
  write_list (&w, "bad.json", "{\"rank\": 1, \"score\": \"NaN\", \"subject_ref\": \"S\","
                              " \"image\": \"a.png\"}");
  path = in_folder (&w, "candidates.json");
  bad = in_folder (&w, "bad.json");
  probe = g_strdup_printf ("%" G_GINT64_FORMAT, w.probe);

  refused = cli_as_examiner (&w, "candidates", "import", probe, bad, NULL, NULL);
  assert_cli_failed (refused, "bad.json: candidate 1 (rank 1): score must be a finite number");
  import = cli_as_examiner (&w, "candidates", "import", probe, path, NULL, NULL);
  assert_cli_ok (import);
  list = g_strdup_printf ("%" G_GINT64_FORMAT, sql_int (&w, "SELECT id FROM candidate_lists"));
  g_assert_true (g_str_has_prefix (import->out, list));
  g_assert_true (g_str_has_suffix (import->out, "\t5 candidates\n"));

  hidden = cli_as_examiner (&w, "candidates", "list", probe, NULL, NULL, NULL);
  assert_cli_ok (hidden);
  assert_fields (hidden->out, 5, 4);
  g_assert_true (g_str_has_prefix (hidden->out, "1\t"));
  g_assert_nonnull (strstr (hidden->out, "\tSUBJ-0001\tnot-reviewed\n"));
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    g_assert_null (strstr (hidden->out, scores[i]));

  reveal = cli_as_examiner (&w, "candidates", "reveal", list, "--reason", "engine margin", NULL);
  assert_cli_ok (reveal);
  shown = cli_as_examiner (&w, "candidates", "list", probe, NULL, NULL, NULL);
  assert_cli_ok (shown);
  assert_fields (shown->out, 5, 6);
  g_assert_nonnull (strstr (shown->out, "\tSUBJ-0002\tnot-reviewed\t2\t0.877113\n"));

  shuffle = cli_as_examiner (&w, "candidates", "shuffle", list, "--seed", "42", NULL);
  assert_cli_ok (shuffle);
  g_assert_nonnull (strstr (shuffle->out, "seed 42"));
  candidate = g_strdup_printf ("%" G_GINT64_FORMAT,
                               sql_int (&w, "SELECT id FROM candidates WHERE rank = 2"));
  no_reason = cli_as_examiner (&w, "candidates", "triage", candidate, "eliminated", NULL, NULL);
  assert_cli_failed (no_reason, "needs a reason");
  triage = cli_as_examiner (&w, "candidates", "triage", candidate, "eliminated", "--reason",
                            "different chin");
  assert_cli_ok (triage);
  g_assert_cmpint (sql_int (&w, "SELECT count(*) FROM candidates WHERE triage_state ="
                            " 'eliminated' AND triage_reason = 'different chin'"), ==, 1);
  g_assert_cmpint (lk_test_count_action (w.store, "candidates.imported"), ==, 1);
  world_clear (&w);
}

/* ---- the published schema ---------------------------------------------------------------- */

static gboolean
array_holds (JsonArray  *array,
             const char *word)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), word) == 0)
      return TRUE;
  return FALSE;
}

/* The JSON Schema in resources/ says what the loader enforces. */
static void
test_schema (void)
{
  const char *source = g_getenv ("LIKENESS_SOURCE_DIR");
  g_autofree char *path = g_build_filename (source, "resources", "candidate-list.schema.json",
                                            NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) schema = NULL;
  JsonObject *properties, *candidate;
  const char *required[] = { "format", "version", "engine", "reference_database", "search",
                             "candidates" };
  const char *candidate_required[] = { "rank", "score", "subject_ref", "image" };

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  schema = parse_object (text);
  g_assert_cmpstr (json_object_get_string_member (schema, "$schema"), ==,
                   "https://json-schema.org/draft/2020-12/schema");
  properties = json_object_get_object_member (schema, "properties");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (properties, "format"), "const"), ==,
                   "likeness-candidate-list");
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (properties, "version"), "const"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_true (array_holds (json_object_get_array_member (schema, "required"), required[i]));
  candidate = json_object_get_object_member (json_object_get_object_member (schema, "$defs"),
                                             "candidate");
  for (guint i = 0; i < G_N_ELEMENTS (candidate_required); i++)
    g_assert_true (array_holds (json_object_get_array_member (candidate, "required"),
                                candidate_required[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/likeness/candidates/schema", test_schema);
  LK_TEST_ADD ("/likeness/candidates/reference-databases", test_reference_databases);
  LK_TEST_ADD ("/likeness/candidates/import-json", test_import_json);
  LK_TEST_ADD ("/likeness/candidates/import-csv", test_import_csv);
  LK_TEST_ADD ("/likeness/candidates/preview", test_preview);
  LK_TEST_ADD ("/likeness/candidates/malformed", test_malformed);
  LK_TEST_ADD ("/likeness/candidates/masked-until-locked", test_masked_until_locked);
  LK_TEST_ADD ("/likeness/candidates/not-suitable-masks", test_not_suitable_masks);
  LK_TEST_ADD ("/likeness/candidates/hidden-scores", test_hidden_scores);
  LK_TEST_ADD ("/likeness/candidates/first-presentation-shuffled",
               test_first_presentation_shuffled);
  LK_TEST_ADD ("/likeness/candidates/rank-order-by-policy", test_rank_order_by_policy);
  LK_TEST_ADD ("/likeness/candidates/reveal-before-first-presentation",
               test_reveal_before_first_presentation);
  LK_TEST_ADD ("/likeness/candidates/shuffle", test_shuffle);
  LK_TEST_ADD ("/likeness/candidates/triage", test_triage);
  LK_TEST_ADD ("/likeness/candidates/cli", test_cli);
  return g_test_run ();
}
