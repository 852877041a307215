/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo workspace: marked as demo for ever, with one user per role, password "demo". */
#include "config.h"

#include "imaging/lk-cv.h"
#include "lk-cases.h"
#include "lk-data.h"
#include "lk-demo.h"
#include "lk-candidates.h"
#include "lk-gallery.h"
#include "lk-probes.h"
#include <glib/gstdio.h>
#include "lk-error.h"
#include "lk-password.h"
#include "lk-users.h"
#include "store/lk-audit.h"

static const struct
{
  const char *name;
  const char *display_name;
  LkRoles     roles;
} demo_users[] = {
  { "demo-admin", "Demo Administrator", LK_ROLE_ADMINISTRATOR },
  { "demo-examiner", "Demo Examiner", LK_ROLE_EXAMINER },
  { "demo-reviewer", "Demo Reviewer", LK_ROLE_REVIEWER },
  { "demo-reviewer2", "Second Demo Reviewer", LK_ROLE_REVIEWER | LK_ROLE_EXAMINER },
  { "demo-trainer", "Demo Trainer", LK_ROLE_TRAINER },
  { "demo-trainee", "Demo Trainee", LK_ROLE_TRAINEE },
};

static const char * const demo_user_names[] = {
  "demo-admin", "demo-examiner", "demo-reviewer", "demo-reviewer2", "demo-trainer",
  "demo-trainee", NULL,
};

const char * const *
lk_demo_user_names (void)
{
  return demo_user_names;
}

LkRoles
lk_demo_user_roles (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    if (g_strcmp0 (demo_users[i].name, name) == 0)
      return demo_users[i].roles;
  return 0;
}

static gboolean
set_setting (LkStore     *store,
             const char  *key,
             const char  *value,
             GError     **error)
{
  g_autoptr(LkStmt) stmt = lk_store_stmt (store, "INSERT OR REPLACE INTO settings (key, value)"
                                                 " VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return lk_store_step_done (store, stmt, error);
}

static gboolean
seed (LkStore  *store,
      GError  **error)
{
  g_autofree char *hash = lk_password_hash (LK_DEMO_PASSWORD, error);
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = json_object_new ();

  /* One hash serves all demo users: the password is public anyway. */
  if (hash == NULL || (txn = lk_txn_begin (store, error)) == NULL)
    return FALSE;
  if (!set_setting (store, "min_password_length", "4", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    if (!lk_users_insert (store, demo_users[i].name, demo_users[i].display_name,
                          demo_users[i].roles, hash, error))
      return FALSE;
  json_object_set_int_member (details, "users", G_N_ELEMENTS (demo_users));
  json_object_set_string_member (details, "note", "demo workspace, not for casework");
  return lk_audit_append (store, LK_ACTOR_SYSTEM, "demo.created", lk_store_get_path (store),
                          details, error) &&
         lk_txn_commit (txn, error);
}

/* ---- demo casework ------------------------------------------------------------------------- */

static const LkCaseRequest demo_case = {
  "DEMO-2026-001",
  "Armed robbery at a petrol station (demo)",
  "ROB",
  "Demo only: no legal basis. In casework: the statute and section that allow this search.",
  "Demo only. In casework: why a face comparison is necessary and proportionate here, e.g. "
  "the offender's face is visible on CCTV and other lines of enquiry are exhausted.",
  "Demo Supervisor",
  "Demo Investigations Unit",
  NULL,
};

static const LkCaseRequest demo_case_approval = {
  "DEMO-2026-002",
  "Shop theft (demo, needs approval)",
  "THF",
  "Demo only: no legal basis.",
  "Demo only. Theft is a category that needs an administrator's approval before any search.",
  "Demo Supervisor",
  "Demo Investigations Unit",
  NULL,
};

static const LkProvenance demo_provenance = {
  "cctv",
  "video-frame",
  "Demo Examiner",
  "2026-01-15T14:32:00Z",
  "DEMO: simulated material, no authority",
  NULL, /* set per still */
  TRUE,
};

static const LkCaseRequest demo_case_fresh = {
  "DEMO-2026-003",
  "Assault outside a night club (demo)",
  "ASL",
  "Demo only: no legal basis.",
  "Demo only. A probe awaits its analysis: start here to try the analysis form.",
  "Demo Supervisor",
  "Demo Investigations Unit",
  NULL,
};

#define DEMO_GALLERY "DEMO public-domain portraits"

static GBytes *
demo_still (const char  *portrait,
            int          width,
            double       degrees,
            GError     **error)
{
  g_autofree char *name = g_strconcat ("demo/", portrait, NULL);
  g_autoptr(GBytes) bytes = lk_data_lookup (name, error);

  return bytes ? lk_cv_simulate_cctv (bytes, width, degrees, 40, error) : NULL;
}

static gint64
import_still (LkSession   *session,
              const char  *number,
              const char  *portrait,
              const char  *description,
              double       degrees,
              GError     **error)
{
  g_autoptr(GBytes) still = demo_still (portrait, 240, degrees, error);
  g_autofree char *custody = g_strdup_printf ("Simulated CCTV still made by Likeness from a "
                                              "public-domain portrait (%s): down-scaled, "
                                              "blurred, rotated and JPEG-compressed. Not "
                                              "evidence.", description);
  LkProvenance p = demo_provenance;

  p.custody_note = custody;
  return still ? lk_probes_import (session, number, still, "cctv-still-simulated.jpg", &p, NULL,
                                   error) : 0;
}

/* Enrols the demo portraits through the ordinary enrolment, from a temporary folder. */
static gboolean
write_subject (const char  *root,
               const char  *subject,
               const char  *portrait,
               GError     **error)
{
  g_autofree char *folder = g_build_filename (root, subject, NULL);
  g_autofree char *file = g_build_filename (folder, portrait, NULL);
  g_autofree char *name = g_strconcat ("demo/", portrait, NULL);
  g_autoptr(GBytes) bytes = lk_data_lookup (name, error);

  if (bytes == NULL || g_mkdir_with_parents (folder, 0700) != 0)
    return FALSE;
  return g_file_set_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gboolean
seed_gallery (LkStore  *store,
              GError  **error)
{
  g_autoptr(LkSession) admin = lk_session_login (store, "demo-admin", LK_DEMO_PASSWORD, error);
  g_autofree char *root = g_dir_make_tmp ("likeness-demo-XXXXXX", error);
  LkEnrolReport report = { 0 };
  gboolean ok;

  if (admin == NULL || root == NULL ||
      lk_reference_db_create (admin, DEMO_GALLERY, "Demo only: public-domain portraits from "
                              "Debian packages; no legal basis, not a reference database",
                              "likeness", error) == 0)
    return FALSE;
  ok = write_subject (root, "DEMO-SUBJ-0417", "grace_hopper.jpg", error) &&
       write_subject (root, "DEMO-SUBJ-1092", "astronaut.png", error) &&
       lk_gallery_enrol (admin, DEMO_GALLERY, root, NULL, NULL, NULL, &report, error);
  lk_enrol_report_clear (&report);
  remove_tree (root);
  return ok && lk_session_log_out (admin, error);
}

static const char * const demo_components[] = {
  "face-outline", "hair", "eyebrows", "eyes", "nose", "mouth", "chin-jaw", NULL,
};

static const char * const demo_factors[] = { "resolution", "compression", NULL };

static gboolean
analyse_and_search (LkSession  *session,
                    gint64      probe,
                    GError    **error)
{
  LkAnalysis analysis = {
    "limited", demo_factors, demo_components,
    "Demo analysis: low resolution and JPEG blocking; the face is frontal and unobstructed, the "
    "ears are covered by the cap.",
  };

  return lk_probes_lock_analysis (session, probe, &analysis, error) &&
         lk_gallery_search (session, probe, DEMO_GALLERY, 20, error) != 0;
}

static gboolean
seed_casework (LkStore  *store,
               GError  **error)
{
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkCase) first = NULL;
  g_autoptr(LkCase) second = NULL;
  g_autoptr(LkCase) third = NULL;
  gint64 probe;

  if (!seed_gallery (store, error) ||
      (session = lk_session_login (store, "demo-examiner", LK_DEMO_PASSWORD, error)) == NULL ||
      (first = lk_cases_create (session, &demo_case, error)) == NULL ||
      (probe = import_still (session, demo_case.number, "grace_hopper.jpg",
                             "US Navy photograph of Grace Hopper", 3.0, error)) == 0 ||
      !analyse_and_search (session, probe, error) ||
      (second = lk_cases_create (session, &demo_case_approval, error)) == NULL ||
      (third = lk_cases_create (session, &demo_case_fresh, error)) == NULL ||
      import_still (session, demo_case_fresh.number, "astronaut.png",
                    "NASA portrait of Eileen Collins", -2.0, error) == 0)
    return FALSE;
  return lk_session_log_out (session, error);
}

LkStore *
lk_demo_open (const char  *path,
              GError     **error)
{
  g_autoptr(LkStore) store = lk_store_open (path, LK_STORE_OPEN_CREATE | LK_STORE_OPEN_DEMO,
                                            error);

  if (store == NULL)
    return NULL;
  if (!lk_store_is_initialised (store) &&
      (!seed (store, error) || !seed_casework (store, error)))
    return NULL;
  return g_steal_pointer (&store);
}

LkStore *
lk_demo_create (const char  *path,
                GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_EXISTS,
                   "%s already exists; remove it first to start a fresh demo workspace", path);
      return NULL;
    }
  return lk_demo_open (path, error);
}
