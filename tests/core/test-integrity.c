/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile input and direct edits of the database (a file or a server), against the demo
 * workspace (a case with a probe, a candidate list, an examination and a signed conclusion) and
 * through likeness-cli. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "candidates/lk-reference-db.h"
#include "casework/lk-analysis.h"
#include "demo/lk-demo.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "store/lk-store.h"

#define EXAMINER "demo-examiner"
#define ADMIN "demo-admin"

static void
make_demo (LkTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_demo_create (fixture->db_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* The demo's first case is closed and verified; the third one's probe (id 2) awaits its
 * analysis. Locks it, which moves that case on to examination, where lists are imported. */
#define OPEN_PROBE "2"

static void
lock_open_probe (LkTestFixture *fixture)
{
  g_autoptr(LkCliRun) run = lk_test_cli (LK_DEMO_PASSWORD, NULL, NULL, "--db", fixture->db_path,
                                         "--user", "demo-examiner", "probe", "analyse",
                                         OPEN_PROBE, "--suitability", "suitable",
                                         "--components", "eyes,nose,mouth", "--lock", NULL);

  lk_test_cli_assert_ok (run);
}

static char *
write_text (LkTestFixture *fixture,
            const char    *name,
            const char    *text)
{
  char *path = lk_test_path (fixture, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* {"a": [[[ ... ]]]} nested @depth levels deep. */
static char *
deep_json (guint depth)
{
  GString *text = g_string_new ("{\"a\":");

  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "}\n");
  return g_string_free (text, FALSE);
}

static LkCliRun *
cli_as (LkTestFixture *fixture,
        const char    *user,
        const char    *arg1,
        const char    *arg2,
        const char    *arg3,
        const char    *arg4)
{
  return lk_test_cli (LK_DEMO_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", user,
                      arg1, arg2, arg3, arg4, NULL);
}

/* Failed as every command fails, after the note that the workspace is a demo when it got as
 * far as opening it. */
static void
assert_failed (LkCliRun   *run,
               const char *expected)
{
  const char *note = strstr (run->err, "is a demo workspace, not for casework\n");

  if (note != NULL)
    {
      g_autofree char *err = g_steal_pointer (&run->err);

      note = strstr (err, "is a demo workspace, not for casework\n");
      run->err = g_strdup (strchr (note, '\n') + 1);
    }
  lk_test_cli_assert_failed (run, expected);
}

/* ---- 1: deeply nested JSON ---------------------------------------------------------------- */

static void
test_deep_json (LkTestFixture *fixture,
                gconstpointer  data)
{
  g_autofree char *deep = deep_json (100000);
  g_autofree char *list = write_text (fixture, "deep.json", deep);
  g_autofree char *csv = write_text (fixture, "deep.csv", "rank,score,subject_ref,image\n");
  g_autofree char *sidecar = write_text (fixture, "deep.json", deep);
  g_autofree char *edition = write_text (fixture, "edition.json", deep);
  gint64 lists;

  make_demo (fixture);
  lock_open_probe (fixture);
  lists = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM candidate_lists");

  /* A candidate list, the JSON header of a CSV list and a feature-list edition: each refused
   * with one line, where the parser used to overflow its stack. */
  {
    g_autoptr(LkCliRun) run = cli_as (fixture, EXAMINER, "candidates", "import", OPEN_PROBE, list);

    assert_failed (run, "deep.json: not valid JSON: line 1: nested more than 64");
  }
  {
    g_autoptr(LkCliRun) run = cli_as (fixture, EXAMINER, "candidates", "import", OPEN_PROBE, csv);

    assert_failed (run, "nested more than 64 levels deep");
  }
  {
    g_autoptr(LkCliRun) run = cli_as (fixture, ADMIN, "feature-list", "install", edition, NULL);

    assert_failed (run, "edition.json is not valid JSON: line 1: nested more than");
  }
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM candidate_lists"),
                   ==, lists);
}

/* ---- 2: evidence refuses deletion ------------------------------------------------------ */

static void
test_no_delete (LkTestFixture *fixture,
                gconstpointer  data)
{
  static const char * const tables[] = {
    "images", "cases", "probes", "reference_databases", "candidate_lists", "candidates",
    "examinations", "users",
  };
  g_autoptr(LkCliRun) verify = NULL;

  make_demo (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      g_autofree char *delete = g_strdup_printf ("DELETE FROM %s", tables[i]);
      gint64 before = lk_test_sql_int (fixture->db_path, count);
      g_autofree char *message = NULL;

      g_assert_cmpint (before, >, 0);
      /* Foreign keys are off in a plain SQLite connection: only the trigger stands between a
       * tamperer and the rows. A server always checks them, but the trigger refuses first. */
      message = lk_test_sql_error (fixture->db_path, delete);
      g_assert_nonnull (message);
      g_test_message ("%s: %s", tables[i], message);
      g_assert_nonnull (strstr (message, "cannot be deleted"));
      g_assert_cmpint (lk_test_sql_int (fixture->db_path, count), ==, before);
    }

  verify = cli_as (fixture, ADMIN, "audit", "verify", NULL, NULL);
  lk_test_cli_assert_ok (verify);
}

/* ---- 4: times and dates ------------------------------------------------------------------ */

#define FRESH_CASE "DEMO-2026-003"

static LkCliRun *
import_at (LkTestFixture *fixture,
           const char    *acquired_at)
{
  g_autofree char *image = lk_test_demo_path ("grace_hopper.jpg");

  return lk_test_cli (LK_DEMO_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", EXAMINER,
                      "probe", "import", FRESH_CASE, image, "--source-type", "cctv",
                      "--kind", "video-frame", "--acquired-by", "PC Jones", "--authority",
                      "Warrant 7", "--acquired-at", acquired_at, NULL);
}

static void
test_acquired_at (LkTestFixture *fixture,
                  gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (100000, '2');
  const char *bad[] = { "2026-02-30T25:61Z", "-1", huge, "2026-01-15T14:32:00Z\x1b[2J",
                        "2999-01-01T00:00:00Z", "2026-01-15T14:32:00", "2026-01-15" };
  g_autoptr(LkCliRun) good = NULL;
  gint64 probes;

  make_demo (fixture);
  probes = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(LkCliRun) run = import_at (fixture, bad[i]);

      assert_failed (run, "The time of acquisition");
      g_assert_null (strchr (run->err, '\x1b'));
      g_assert_cmpuint (strlen (run->err), <, 400);
    }
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes"), ==, probes);

  good = import_at (fixture, "2026-01-15T15:32:00+01:00");
  lk_test_cli_assert_ok (good);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes"), ==,
                   probes + 1);
}

static LkCliRun *
create_case (LkTestFixture *fixture,
             const char    *number,
             const char    *review_date)
{
  return lk_test_cli (LK_DEMO_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", EXAMINER,
                      "case", "create", "--number", number, "--title", "Burglary",
                      "--offence", "ROB", "--legal-basis", "PACE s.64A", "--purpose", "Lead",
                      "--authorised-by", "DI Ward", "--review-date", review_date, NULL);
}

static void
test_review_date (LkTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *next_year = g_strdup_printf ("%d-03-01", g_date_time_get_year (now) + 1);
  g_autoptr(LkCliRun) old = NULL;
  g_autoptr(LkCliRun) far = NULL;
  g_autoptr(LkCliRun) good = NULL;

  make_demo (fixture);
  old = create_case (fixture, "2026-0100", "1900-01-01");
  assert_failed (old, "The review date “1900-01-01” has passed");
  far = create_case (fixture, "2026-0100", "2999-01-01");
  assert_failed (far, "more than 10 years ahead");
  good = create_case (fixture, "2026-0100", next_year);
  lk_test_cli_assert_ok (good);
}

/* ---- 5: control characters in names; user text escaped in messages ---------------------- */

static void
assert_one_clean_line (LkCliRun   *run,
                       const char *expected)
{
  assert_failed (run, expected);
  for (const char *p = run->err; *p != '\0'; p++)
    g_assert_true (*p == '\n' || !g_ascii_iscntrl (*p));
}

static void
test_control_characters (LkTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *review = g_strdup_printf ("%d-03-01", g_date_time_get_year (now) + 1);
  g_autoptr(LkCliRun) number = NULL;
  g_autoptr(LkCliRun) gallery = NULL;
  g_autoptr(LkCliRun) show = NULL;

  make_demo (fixture);
  number = create_case (fixture, "2026\n0100", review);
  assert_one_clean_line (number, "The case number “2026\\n0100” contains a control character");
  gallery = lk_test_cli (LK_DEMO_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                         "gallery", "create", "\x1b[31mMugshots", "--legal-basis", "Act",
                         NULL);
  assert_one_clean_line (gallery, "“\\x1b[31mMugshots” contains a control character");
  /* Whatever a message quotes reaches the terminal escaped. */
  show = cli_as (fixture, EXAMINER, "case", "show", "\x1b]0;owned\x07\nX", NULL);
  assert_one_clean_line (show, "\\x1b]0;owned\\x07\\nX");
  g_assert_cmpint (lk_test_sql_int (fixture->db_path,
                                    "SELECT count(*) FROM cases WHERE number LIKE '2026%'"), ==, 0);
}

static void
test_subject_ref (LkTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = NULL;
  g_autoptr(LkSession) admin = NULL;
  g_autoptr(GBytes) png = lk_test_gradient_png ();
  g_autofree char *image = lk_test_path (fixture, "a.png");
  g_autofree char *list = write_text (fixture, "list.json",
    "{\"format\": \"likeness-candidate-list\", \"version\": 1,"
    " \"engine\": {\"name\": \"AcmeFace\", \"version\": \"7.2.1\"},"
    " \"reference_database\": {\"name\": \"Custody Images\"},"
    " \"probe\": {\"image\": \"still.jpg\"},"
    " \"search\": {\"performed_at\": \"2026-01-16T09:30:00Z\"},"
    " \"candidates\": [{\"rank\": 1, \"score\": 0.9,"
    " \"subject_ref\": \"SUBJ\\u001b[2J\\r\\n-0001\", \"image\": \"a.png\"}]}");
  g_autoptr(LkCliRun) run = NULL;
  gint64 lists;

  make_demo (fixture);
  store = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  admin = lk_test_login (store, ADMIN, LK_DEMO_PASSWORD);
  g_assert_cmpint (lk_reference_db_create (admin, "Custody Images", "Act", "external", &error),
                   >, 0);
  g_assert_no_error (error);
  lk_test_write_bytes (image, png);
  lock_open_probe (fixture);
  lists = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM candidate_lists");

  run = cli_as (fixture, EXAMINER, "candidates", "import", OPEN_PROBE, list);
  assert_one_clean_line (run, "subject_ref “SUBJ\\x1b[2J\\r\\n-0001” contains a control");
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM candidate_lists"),
                   ==, lists);
}

/* A gallery folder whose subject folder's name would rewrite the terminal. */
static void
test_enrol_subject (LkTestFixture *fixture,
                    gconstpointer  data)
{
  g_autofree char *portrait = lk_test_demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) bytes = lk_test_read_bytes (portrait);
  g_autofree char *folder = lk_test_path (fixture, "gallery");
  g_autofree char *image = g_build_filename (folder, "SUBJ\x1b[2J-7", "face.jpg", NULL);
  g_autoptr(LkCliRun) run = NULL;
  gint64 enrolled;

  make_demo (fixture);
  lk_test_write_bytes (image, bytes);
  enrolled = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM gallery_images");
  run = lk_test_cli (LK_DEMO_PASSWORD, NULL, NULL, "--db", fixture->db_path, "--user", ADMIN,
                     "gallery", "enrol", folder, "--database", "DEMO public-domain portraits",
                     NULL);
  g_test_message ("%s%s", run->out, run->err);
  g_assert_nonnull (strstr (run->out, "rejected: SUBJ\\x1b[2J-7: The subject reference "
                                      "“SUBJ\\x1b[2J-7” contains a control character"));
  g_assert_null (strchr (run->out, '\x1b'));
  g_assert_null (strchr (run->err, '\x1b'));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM gallery_images"), ==,
                   enrolled);
}

/* ---- 8: where the database goes --------------------------------------------------------- */

static LkCliRun *
init_at (const char *path)
{
  return lk_test_cli ("correct horse battery", NULL, NULL, "--db", path, "init", "--admin",
                      "admin", NULL);
}

static void
test_db_path (LkTestFixture *fixture,
              gconstpointer  data)
{
  g_autofree char *one_byte = write_text (fixture, "one-byte.db", "x");
  g_autofree char *empty = write_text (fixture, "empty.db", "");
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(LkCliRun) blank = init_at ("");
  g_autoptr(LkCliRun) memory = init_at (":memory:");
  g_autoptr(LkCliRun) overwrite = init_at (one_byte);
  g_autoptr(LkCliRun) fresh = init_at (empty);
  g_autoptr(GError) error = NULL;
  g_autoptr(LkStore) store = lk_store_open ("", LK_STORE_OPEN_CREATE, &error);

  /* Nothing would be saved: SQLite's temporary and in-memory databases. */
  lk_test_cli_assert_failed (blank, "“” is not a file name");
  lk_test_cli_assert_failed (memory, "“:memory:” is not a file name");
  g_assert_null (store);
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);

  /* A file that is not a database stays as it was. */
  lk_test_cli_assert_failed (overwrite, "is not a Likeness database (it is not an SQLite file)");
  kept = lk_test_read_bytes (one_byte);
  g_assert_cmpuint (g_bytes_get_size (kept), ==, 1);

  /* An empty file is still a place for a new database. */
  lk_test_cli_assert_ok (fresh);
  g_assert_cmpint (lk_test_sql_int (empty, "SELECT count(*) FROM users"), ==, 1);
}

/* ---- 9: strict options ------------------------------------------------------------------- */

static void
test_strict_options (LkTestFixture *fixture,
                     gconstpointer  data)
{
  static const struct
  {
    const char *args[10];
    const char *expected;
  } cases[] = {
    { { ADMIN, "user", "add", "erin", "--roles", "examiner,examiner" },
      "The role “examiner” is named twice" },
    { { ADMIN, "user", "add", "erin", "--roles", "examiner," }, "has an empty item" },
    { { ADMIN, "user", "add", "erin", "--roles", ",examiner" }, "has an empty item" },
    { { EXAMINER, "case", "list", "--status", "nonsense" },
      "Unknown case status “nonsense” (one of: awaiting-approval, rejected, open," },
    { { EXAMINER, "probe", "analyse", "2", "--suitability", "limited", "--factors",
        "resolution, resolution", "--draft" }, "--factors names “resolution” twice" },
    { { EXAMINER, "probe", "analyse", "2", "--suitability", "limited", "--factors",
        "resolution,", "--draft" }, "--factors has an empty item" },
    { { EXAMINER, "probe", "analyse", "2", "--suitability", "limited", "--factors", "",
        "--draft" }, "--factors has an empty item" },
    { { EXAMINER, "probe", "analyse", "2", "--suitability", "suitable", "--components",
        "eyes,,nose", "--draft" }, "--components has an empty item" },
    { { EXAMINER, "probe", "analyse", "2", "--suitability", "suitable", "--components",
        "eyes,nose,eyes", "--draft" }, "--components names “eyes” twice" },
  };
  gint64 rows;

  make_demo (fixture);
  rows = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM analysis_drafts") +
         lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const *a = cases[i].args;
      g_autoptr(LkCliRun) run = lk_test_cli (LK_DEMO_PASSWORD, "a long new password 1", NULL,
                                             "--db", fixture->db_path, "--user", a[0], a[1],
                                             a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
                                             NULL);

      assert_failed (run, cases[i].expected);
    }
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM analysis_drafts") +
                   lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM users"), ==, rows);
}

/* The core refuses a factor or component named twice, whoever asks. */
static void
test_analysis_twice (void)
{
  const char * const factors[] = { "resolution", "resolution", NULL };
  const char * const components[] = { "eyes", "nose", "eyes", NULL };
  const char * const none[] = { NULL };
  LkAnalysis twice_factors = { "limited", factors, none, NULL };
  LkAnalysis twice_components = { "suitable", none, components, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  g_assert_false (lk_analysis_check (&twice_factors, &error));
  g_assert_error (error, LK_ERROR, LK_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "The affecting factor “resolution” is named twice");
  g_assert_false (lk_analysis_check (&twice_components, &error2));
  g_assert_cmpstr (error2->message, ==, "The component “eyes” is named twice");
}

/* ---- 6 and 7: damaged images ------------------------------------------------------------- */

static guint8 *
find (guint8     *data,
      gsize       size,
      const char *needle,
      gsize       length)
{
  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (data + i, needle, length) == 0)
      return data + i;
  return NULL;
}

/* The demo portrait (baseline JPEG, 512 x 600) with its frame header claiming twice the size:
 * the data ends long before the image does. */
static GBytes *
jpeg_claiming_more (void)
{
  g_autofree char *path = lk_test_demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) good = lk_test_read_bytes (path);
  gsize size = g_bytes_get_size (good);
  guint8 *data = g_memdup2 (g_bytes_get_data (good, NULL), size);
  guint8 *sof = find (data, size, "\xff\xc0", 2);

  g_assert_nonnull (sof);
  g_assert_cmpint ((sof[5] << 8) | sof[6], ==, 600);
  sof[5] = 1200 >> 8, sof[6] = 1200 & 0xff;
  sof[7] = 1024 >> 8, sof[8] = 1024 & 0xff;
  return g_bytes_new_take (data, size);
}

static GBytes *
truncated (GBytes *bytes,
           gsize   keep)
{
  return g_bytes_new_from_bytes (bytes, 0, keep);
}

/* The gradient PNG with one byte of its image data changed: its checksum fails. */
static GBytes *
png_with_bad_crc (void)
{
  g_autoptr(GBytes) good = lk_test_gradient_png ();
  gsize size = g_bytes_get_size (good);
  guint8 *data = g_memdup2 (g_bytes_get_data (good, NULL), size);
  guint8 *idat = find (data, size, "IDAT", 4);

  g_assert_nonnull (idat);
  idat[20] ^= 0x55;
  return g_bytes_new_take (data, size);
}

static void
assert_damaged (GBytes     *bytes,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  LkCvImage *image = lk_cv_image_decode (bytes, &error);

  g_assert_null (image);
  g_assert_error (error, LK_ERROR, LK_ERROR_IMAGE);
  g_test_message ("%s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);
}

static void
test_damaged_decode (void)
{
  g_autofree char *path = lk_test_demo_path ("grace_hopper.jpg");
  g_autoptr(GBytes) good = lk_test_read_bytes (path);
  g_autoptr(GBytes) png = lk_test_gradient_png ();
  g_autoptr(GBytes) more = jpeg_claiming_more ();
  g_autoptr(GBytes) half = truncated (good, g_bytes_get_size (good) / 2);
  g_autoptr(GBytes) bad_crc = png_with_bad_crc ();
  g_autoptr(GBytes) short_png = truncated (png, g_bytes_get_size (png) - 40);
  g_autoptr(GError) error = NULL;
  LkCvImage *image = lk_cv_image_decode (good, &error);
  LkCvImage *image_png = lk_cv_image_decode (png, &error);

  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_assert_nonnull (image_png);
  lk_cv_image_free (image);
  lk_cv_image_free (image_png);
  assert_damaged (more, "The JPEG image is damaged and would decode with parts missing");
  assert_damaged (half, "The JPEG image is damaged");
  assert_damaged (bad_crc, "The PNG image is damaged and would decode with parts missing");
  assert_damaged (short_png, "The PNG image is damaged");
}

static void
test_damaged_probe (LkTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) more = jpeg_claiming_more ();
  g_autoptr(GBytes) bad_crc = png_with_bad_crc ();
  g_autofree char *jpeg_path = lk_test_path (fixture, "still.jpg");
  g_autofree char *png_path = lk_test_path (fixture, "still.png");
  const char *paths[] = { jpeg_path, png_path };
  gint64 probes;

  make_demo (fixture);
  lk_test_write_bytes (jpeg_path, more);
  lk_test_write_bytes (png_path, bad_crc);
  probes = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes");
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(LkCliRun) run = lk_test_cli (LK_DEMO_PASSWORD, NULL, NULL, "--db",
                                             fixture->db_path, "--user", EXAMINER, "probe",
                                             "import", FRESH_CASE, paths[i], "--source-type",
                                             "cctv", "--kind", "video-frame", "--acquired-by",
                                             "PC Jones", "--authority", "Warrant 7", NULL);

      /* Likeness's one line, and no decoder's besides it. */
      assert_failed (run, "image is damaged and would decode with parts missing");
      g_assert_true (g_str_has_prefix (run->err, "likeness-cli: "));
    }
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes"), ==, probes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/integrity/deep-json", test_deep_json);
  LK_TEST_ADD ("/likeness/integrity/no-delete", test_no_delete);
  LK_TEST_ADD ("/likeness/integrity/acquired-at", test_acquired_at);
  LK_TEST_ADD ("/likeness/integrity/review-date", test_review_date);
  LK_TEST_ADD ("/likeness/integrity/control-characters", test_control_characters);
  LK_TEST_ADD ("/likeness/integrity/subject-ref", test_subject_ref);
  LK_TEST_ADD ("/likeness/integrity/enrol-subject", test_enrol_subject);
  LK_TEST_ADD ("/likeness/integrity/db-path", test_db_path);
  LK_TEST_ADD ("/likeness/integrity/strict-options", test_strict_options);
  g_test_add_func ("/likeness/integrity/analysis-twice", test_analysis_twice);
  g_test_add_func ("/likeness/integrity/damaged-decode", test_damaged_decode);
  LK_TEST_ADD ("/likeness/integrity/damaged-probe", test_damaged_probe);

  return g_test_run ();
}
