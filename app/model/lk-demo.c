/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo workspace: marked as demo for ever, with one user per role, password "demo". */
#include "config.h"

#include "imaging/lk-cv.h"
#include "lk-cases.h"
#include "lk-data.h"
#include "lk-demo.h"
#include "lk-probes.h"
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
  "Simulated CCTV still made by Likeness from a public-domain portrait (US Navy photograph of "
  "Grace Hopper, from Debian's python-matplotlib-data): down-scaled, blurred, rotated 3 degrees "
  "and JPEG-compressed. Not evidence.",
  TRUE,
};

static gboolean
seed_casework (LkStore  *store,
               GError  **error)
{
  g_autoptr(LkSession) session = lk_session_login (store, "demo-examiner", LK_DEMO_PASSWORD,
                                                   error);
  g_autoptr(GBytes) portrait = NULL;
  g_autoptr(GBytes) still = NULL;
  g_autoptr(LkCase) first = NULL;
  g_autoptr(LkCase) second = NULL;

  if (session == NULL ||
      (portrait = lk_data_lookup ("demo/grace_hopper.jpg", error)) == NULL ||
      (still = lk_cv_simulate_cctv (portrait, 240, 3.0, 40, error)) == NULL ||
      (first = lk_cases_create (session, &demo_case, error)) == NULL ||
      lk_probes_import (session, demo_case.number, still, "cctv-still-simulated.jpg",
                        &demo_provenance, NULL, error) == 0 ||
      (second = lk_cases_create (session, &demo_case_approval, error)) == NULL)
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
