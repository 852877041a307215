/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile input and direct edits of the database file, against the demo workspace (a case with
 * a probe, a candidate list, an examination and a signed conclusion) and through likeness-cli. */
#include "config.h"

#include <string.h>

#include "lk-test-util.h"
#include "demo/lk-demo.h"
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

/* Failed as every command fails, after the note that the workspace is a demo. */
static void
assert_failed (LkCliRun   *run,
               const char *expected)
{
  g_autofree char *err = g_steal_pointer (&run->err);
  const char *note = strstr (err, "is a demo workspace, not for casework\n");

  g_assert_nonnull (note);
  run->err = g_strdup (strchr (note, '\n') + 1);
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
  lists = lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM candidate_lists");

  /* A candidate list, the JSON header of a CSV list and a feature-list edition: each refused
   * with one line, where the parser used to overflow its stack. */
  {
    g_autoptr(LkCliRun) run = cli_as (fixture, EXAMINER, "candidates", "import", "1", list);

    assert_failed (run, "deep.json: not valid JSON: line 1: nested more than 64");
  }
  {
    g_autoptr(LkCliRun) run = cli_as (fixture, EXAMINER, "candidates", "import", "1", csv);

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
  sqlite3 *db;

  make_demo (fixture);
  db = lk_test_sqlite_open (fixture->db_path);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      g_autofree char *delete = g_strdup_printf ("DELETE FROM %s", tables[i]);
      gint64 before = lk_test_sql_int (fixture->db_path, count);
      char *message = NULL;

      g_assert_cmpint (before, >, 0);
      /* Foreign keys are off in a plain SQLite connection: only the trigger stands between a
       * tamperer and the rows. */
      g_assert_cmpint (sqlite3_exec (db, delete, NULL, NULL, &message), !=, SQLITE_OK);
      g_test_message ("%s: %s", tables[i], message);
      g_assert_nonnull (strstr (message, "cannot be deleted"));
      sqlite3_free (message);
      g_assert_cmpint (lk_test_sql_int (fixture->db_path, count), ==, before);
    }
  sqlite3_close (db);

  verify = cli_as (fixture, ADMIN, "audit", "verify", NULL, NULL);
  lk_test_cli_assert_ok (verify);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/integrity/deep-json", test_deep_json);
  LK_TEST_ADD ("/likeness/integrity/no-delete", test_no_delete);

  return g_test_run ();
}
