/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Several likeness-cli processes writing to one database at once, and writers killed with
 * SIGKILL part-way: nothing a user was told succeeded goes missing, no "database is locked"
 * reaches a user, the database passes its integrity check and the audit chain stays intact.
 * With LIKENESS_LONG_KILLS=N in the environment (`meson test --setup long robustness`) a long run
 * adds N kills at random points of case creations and probe imports. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "demo/lk-demo.h"
#include "lk-test-util.h"

#define ADMIN_PASSWORD "correct horse battery"
#define PASSWORD "a long enough password"
#define WRITERS 4

static void
prepare (LkTestFixture *fixture)
{
  g_autoptr(LkStore) store = lk_test_store_new (fixture->db_path, "admin", ADMIN_PASSWORD);
  g_autoptr(LkSession) admin = lk_test_login (store, "admin", ADMIN_PASSWORD);
  g_autoptr(GError) error = NULL;

  g_assert_true (lk_users_add (admin, "erin", NULL, LK_ROLE_EXAMINER, PASSWORD, &error));
  g_assert_no_error (error);
  lk_test_grant_competencies (admin, "erin", LK_ROLE_EXAMINER);
}

static GSubprocess *
spawn (LkTestFixture  *fixture,
       const char    **args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "LIKENESS_PASSWORD", PASSWORD, TRUE);
  g_ptr_array_add (argv, (gpointer) g_getenv ("LIKENESS_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, fixture->db_path);
  g_ptr_array_add (argv, "--user");
  g_ptr_array_add (argv, "erin");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Waits for each and asserts it succeeded without a locking error. */
static void
wait_all_ok (GSubprocess **processes,
             guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr(GError) error = NULL;

      g_subprocess_communicate_utf8 (processes[i], NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      if (strstr (err, "locked") != NULL || g_subprocess_get_exit_status (processes[i]) != 0)
        g_error ("Writer %u failed: %s", i, err);
      g_clear_object (&processes[i]);
    }
}

static void
create_cases (LkTestFixture *fixture,
              guint          first,
              guint          n)
{
  GSubprocess *writers[WRITERS];
  char numbers[WRITERS][16];

  g_assert_cmpuint (n, <=, WRITERS);
  for (guint i = 0; i < n; i++)
    {
      const char *args[] = {
        "case", "create", "--number", numbers[i], "--title", "Robbery", "--offence", "ROB",
        "--legal-basis", "Criminal Procedure Act, section 55", "--purpose",
        "The offender's face is visible on CCTV", "--authorised-by", "Chief Inspector Ward",
        NULL,
      };

      g_snprintf (numbers[i], sizeof numbers[i], "2026-%04u", first + i);
      writers[i] = spawn (fixture, args);
    }
  wait_all_ok (writers, n);
}

static const char **
import_args (const char *number,
             const char *image)
{
  static const char *args[] = {
    "probe", "import", NULL, NULL, "--source-type", "cctv", "--kind", "video-frame",
    "--acquired-by", "PC Ada Jones", "--authority", "Warrant 2026/17", NULL,
  };

  args[2] = number;
  args[3] = image;
  return args;
}

static void
assert_sound (LkTestFixture *fixture)
{
  /* (a server checks its own pages; SQLite's file is asked) */
  g_autofree char *check = lk_test_server () != NULL
                           ? g_strdup ("ok")
                           : lk_test_sql_text (fixture->db_path, "PRAGMA integrity_check");
  g_autoptr(LkStore) store = lk_store_open (fixture->db_path, LK_STORE_OPEN_DEFAULT, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 n = 0, broken = 0;

  g_assert_cmpstr (check, ==, "ok");
  g_assert_nonnull (store);
  g_assert_true (lk_audit_verify (store, &n, &broken, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 0);
  /* each import is whole or absent: a probe row, its image and its audit event together */
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes"), ==,
                   lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM audit_event"
                                                      " WHERE action = 'probe.imported'"));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes p WHERE NOT"
                                    " EXISTS (SELECT 1 FROM images i"
                                    " WHERE i.sha256 = p.image_sha256)"), ==, 0);
}

static void
test_concurrent_writers (LkTestFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *image = lk_test_demo_path ("grace_hopper.jpg");
  GSubprocess *writers[WRITERS];
  char numbers[WRITERS][16];

  prepare (fixture);
  create_cases (fixture, 1, WRITERS);
  for (guint i = 0; i < WRITERS; i++)
    {
      g_snprintf (numbers[i], sizeof numbers[i], "2026-%04u", i + 1);
      writers[i] = spawn (fixture, import_args (numbers[i], image));
    }
  wait_all_ok (writers, WRITERS);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM cases"), ==,
                   WRITERS);
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes"), ==,
                   WRITERS);
  assert_sound (fixture);
}

static void
test_killed_writers (LkTestFixture *fixture,
                     gconstpointer  data)
{
  g_autofree char *image = lk_test_demo_path ("grace_hopper.jpg");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  guint kills = 8, succeeded = 0;

  prepare (fixture);
  create_cases (fixture, 1, 1);
  for (guint i = 0; i < kills; i++)
    {
      g_autoptr(GSubprocess) writer = spawn (fixture, import_args ("2026-0001", image));
      g_autoptr(GError) error = NULL;

      /* somewhere between start-up and the commit of a decode, face search and write */
      g_usleep (g_rand_int_range (rand, 0, 2000) * 1000);
      g_subprocess_send_signal (writer, SIGKILL);
      g_subprocess_wait (writer, NULL, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_if_exited (writer) && g_subprocess_get_exit_status (writer) == 0)
        succeeded++;
      assert_sound (fixture);
      g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes"), >=,
                       succeeded);
    }
  g_test_message ("%u writers killed, %u finished before the signal", kills, succeeded);
}

/* What a killed demo build left: the whole demo or nothing of it. On a file nothing is there
 * until the finished file is renamed into place; on a server, where it is filled in place in
 * one transaction, the schema may be there (each migration commits on its own) but no user,
 * case or event of the demo. TRUE when the kill left nothing of the demo. */
static gboolean
whole_or_nothing (const char *location)
{
  gint64 users;

  if (lk_test_server () == NULL)
    return !g_file_test (location, G_FILE_TEST_EXISTS);
  if (lk_test_sql_int (location, "SELECT count(*) FROM pg_catalog.pg_tables"
                                 " WHERE tablename = 'users'") == 0)
    return TRUE;
  users = lk_test_sql_int (location, "SELECT count(*) FROM users");
  if (users == 0)
    {
      g_assert_cmpint (lk_test_sql_int (location, "SELECT count(*) FROM audit_event"), ==, 0);
      g_assert_cmpint (lk_test_sql_int (location, "SELECT count(*) FROM cases"), ==, 0);
      g_assert_cmpint (lk_test_sql_int (location, "SELECT count(*) FROM images"), ==, 0);
      return TRUE;
    }
  /* finished before the signal: every story is there, to the last one (training) */
  g_assert_cmpint (lk_test_sql_int (location, "SELECT count(*) FROM cases"), ==, 4);
  g_assert_cmpint (lk_test_sql_int (location, "SELECT count(*) FROM training_exercises"), >, 0);
  return FALSE;
}

/* A demo workspace killed while it is being built is never left half made: the next start
 * builds it whole. */
static void
test_killed_demo (LkTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(LkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  guint killed = 0;

  for (guint i = 0; i < 3 && whole_or_nothing (fixture->db_path); i++)
    {
      const char *argv[] = { g_getenv ("LIKENESS_CLI"), "--db", fixture->db_path, "demo", NULL };
      g_autoptr(GSubprocess) builder =
        g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                 G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);

      g_assert_no_error (error);
      g_usleep (g_rand_int_range (rand, 200, 3000) * 1000);
      g_subprocess_send_signal (builder, SIGKILL);
      g_subprocess_wait (builder, NULL, &error);
      g_assert_no_error (error);
      killed += g_subprocess_get_if_signaled (builder) ? 1 : 0;
    }
  g_test_message ("%u demo builds killed part-way", killed);
  /* whatever the kills left, the demo opens whole: its stories are all there */
  store = lk_demo_open (fixture->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lk_test_count_action (store, "demo.created"), ==, 1);
  status = lk_test_sql_text (fixture->db_path,
                             "SELECT status FROM cases WHERE number = 'DEMO-2026-001'");
  g_assert_cmpstr (status, ==, "closed");
  g_assert_false (whole_or_nothing (fixture->db_path));
  g_assert_cmpint (lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM audit_event"
                                                      " WHERE object LIKE '%.partial'"), ==, 0);
}

/* One write of the long run: what it was and, once it reported success, what it wrote. */
typedef struct
{
  gboolean  probe;   /* a probe import, else a case creation */
  char     *written; /* the probe's id or the case's number, from its output */
} LongWrite;

/* Runs @writer to its end or kills it after @delay_ms; the first word of its output when it
 * reported success, else NULL. */
static char *
run_or_kill (GSubprocess *writer,
             guint        delay_ms,
             gboolean    *killed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_usleep (delay_ms * 1000);
  g_subprocess_send_signal (writer, SIGKILL);
  g_subprocess_communicate_utf8 (writer, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *killed = g_subprocess_get_if_signaled (writer);
  if (*killed || g_subprocess_get_exit_status (writer) != 0)
    {
      g_assert_null (strstr (err != NULL ? err : "", "locked"));
      return NULL;
    }
  return g_strndup (out, strcspn (out, "\t\n"));
}

static void
assert_written (LkTestFixture *fixture,
                GPtrArray     *written)
{
  for (guint i = 0; i < written->len; i++)
    {
      const LongWrite *w = g_ptr_array_index (written, i);
      g_autofree char *sql = w->probe
        ? g_strdup_printf ("SELECT count(*) FROM probes WHERE id = %s", w->written)
        : g_strdup_printf ("SELECT count(*) FROM cases WHERE number = '%s'", w->written);

      if (lk_test_sql_int (fixture->db_path, sql) != 1)
        g_error ("The %s %s reported success and is missing", w->probe ? "probe" : "case",
                 w->written);
    }
}

static void
long_write_free (LongWrite *w)
{
  g_free (w->written);
  g_free (w);
}

/* How long @args takes when left alone, in milliseconds: the range the kills are spread over. */
static guint
time_writer (LkTestFixture  *fixture,
             const char    **args)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  GSubprocess *writer = spawn (fixture, args);

  wait_all_ok (&writer, 1);
  return (guint) (g_timer_elapsed (timer, NULL) * 1000);
}

static void
test_killed_writers_long (LkTestFixture *fixture,
                          gconstpointer  data)
{
  g_autofree char *image = lk_test_demo_path ("grace_hopper.jpg");
  guint kills = (guint) g_ascii_strtoull (g_getenv ("LIKENESS_LONG_KILLS"), NULL, 10);
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) long_write_free);
  g_autoptr(GTimer) timer = g_timer_new ();
  const char *timed_case[] = {
    "case", "create", "--number", "2026-T0001", "--title", "Robbery", "--offence", "ROB",
    "--legal-basis", "Criminal Procedure Act, section 55", "--purpose",
    "The offender's face is visible on CCTV", "--authorised-by", "Chief Inspector Ward", NULL,
  };
  guint killed_n = 0, attempts = 0, probes = 0, case_ms, probe_ms;

  g_assert_cmpuint (kills, >, 0);
  prepare (fixture);
  create_cases (fixture, 1, 1);
  /* Kills spread from start-up to a little past the usual end, so that some writers finish and
   * some die before, during or after their commit. */
  case_ms = time_writer (fixture, timed_case) * 13 / 10 + 1;
  probe_ms = time_writer (fixture, import_args ("2026-0001", image)) * 13 / 10 + 1;
  while (killed_n < kills)
    {
      g_autofree char *number = g_strdup_printf ("2026-L%05u", attempts);
      const char *case_args[] = {
        "case", "create", "--number", number, "--title", "Robbery", "--offence", "ROB",
        "--legal-basis", "Criminal Procedure Act, section 55", "--purpose",
        "The offender's face is visible on CCTV", "--authorised-by", "Chief Inspector Ward",
        NULL,
      };
      gboolean probe = g_rand_boolean (rand), killed = FALSE;
      g_autoptr(GSubprocess) writer = spawn (fixture, probe ? import_args ("2026-0001", image)
                                                            : case_args);
      char *out = run_or_kill (writer, g_rand_int_range (rand, 0, probe ? probe_ms : case_ms),
                               &killed);

      attempts++;
      killed_n += killed ? 1 : 0;
      if (out != NULL)
        {
          LongWrite *w = g_new0 (LongWrite, 1);

          w->probe = probe;
          w->written = out;
          probes += probe ? 1 : 0;
          g_ptr_array_add (written, w);
        }
      assert_sound (fixture);
      assert_written (fixture, written);
    }
  g_test_message ("seed %u: %u writers started, %u killed with SIGKILL at random points up to "
                  "%u ms (case) and %u ms (probe), %u reported success (%u probe imports, %u "
                  "case creations) and all are present; %" G_GINT64_FORMAT " probes and %"
                  G_GINT64_FORMAT " cases in the end; integrity_check ok and audit chain intact "
                  "after each; %.0f s", seed, attempts, killed_n, case_ms, probe_ms, written->len,
                  probes, written->len - probes,
                  lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM probes"),
                  lk_test_sql_int (fixture->db_path, "SELECT count(*) FROM cases"),
                  g_timer_elapsed (timer, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  LK_TEST_ADD ("/likeness/robustness/concurrent-writers", test_concurrent_writers);
  LK_TEST_ADD ("/likeness/robustness/killed-writers", test_killed_writers);
  LK_TEST_ADD ("/likeness/robustness/killed-demo", test_killed_demo);
  if (g_getenv ("LIKENESS_LONG_KILLS") != NULL)
    LK_TEST_ADD ("/likeness/robustness/killed-writers-long", test_killed_writers_long);

  return g_test_run ();
}
