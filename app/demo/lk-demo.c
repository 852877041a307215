/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo workspace: marked as demo for ever, with one user per role, password "demo". */
#include "config.h"

#include <errno.h>

#include "imaging/lk-cv.h"
#include "casework/lk-cases.h"
#include "reference/lk-data.h"
#include "demo/lk-demo.h"
#include "lk-task.h"
#include "candidates/lk-candidates.h"
#include "examination/lk-conclusions.h"
#include "examination/lk-examinations.h"
#include "engine/lk-gallery.h"
#include "casework/lk-probes.h"
#include <glib/gstdio.h>
#include "lk-error.h"
#include "people/lk-password.h"
#include "store/lk-audit.h"
#include "store/lk-store-private.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-user-private.h"
#include "store/lk-store.h"
#include "candidates/lk-reference-db.h"
#include "casework/lk-analysis.h"
#include "demo/lk-demo-private.h"

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
seed (LkStore     *store,
      const char  *path,
      GError     **error)
{
  g_autofree char *hash = lk_password_hash (LK_DEMO_PASSWORD, error);
  g_autoptr(LkTxn) txn = NULL;
  g_autoptr(JsonObject) details = json_object_new ();

  /* One hash serves all demo users: the password is public anyway. */
  if (hash == NULL || (txn = lk_txn_begin (store, error)) == NULL)
    return FALSE;
  if (!lk_store_set_setting (store, "min_password_length", "4", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    if (!lk_user_insert (store, demo_users[i].name, demo_users[i].display_name,
                          demo_users[i].roles, hash, error))
      return FALSE;
  json_object_set_int_member (details, "users", G_N_ELEMENTS (demo_users));
  json_object_set_string_member (details, "note", "demo workspace, not for casework");
  return lk_audit_append (store, LK_ACTOR_SYSTEM, "demo.created", path,
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

static const LkCaseRequest demo_case_waiting = {
  "DEMO-2026-004",
  "Robbery of a pharmacy (demo)",
  "ROB",
  "Demo only: no legal basis.",
  "Demo only. The examiner's conclusion waits for demo-reviewer's blind verification: log in "
  "as demo-reviewer to do it.",
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
  g_autoptr(GBytes) bytes = lk_data_file_lookup (name, error);

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
  g_autoptr(GBytes) bytes = lk_data_file_lookup (name, error);

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

  return lk_analysis_lock (session, probe, &analysis, error) &&
         lk_gallery_search (session, probe, DEMO_GALLERY, 20, error) != 0;
}

/* ---- the demo examination: triage, comparison, a signed conclusion ------------------------- */

#define DEMO_MATED "DEMO-SUBJ-0417"

/* Eye centres as the detector finds them in the simulated still (240 x 281) and in the
 * portrait (512 x 600); the annotations are placed from them, for illustration. */
static const LkPoint demo_probe_eyes[2] = { { 104.6, 88.2 }, { 146.8, 88.7 } };
static const LkPoint demo_candidate_eyes[2] = { { 222.6, 190.7 }, { 305.5, 187.8 } };

/* Retains the mated candidate, and the other one the demo search returns when @other is not
 * NULL (else eliminates it). */
static gboolean
triage_demo (LkSession  *session,
             gint64      probe,
             const char *mated_ref,
             gint64     *mated,
             gint64     *other,
             GError    **error)
{
  gint64 unused = 0;
  gboolean keep_other = other != NULL;

  if (other == NULL)
    other = &unused;
  g_autoptr(GListModel) candidates = lk_candidates_for_probe (session, probe, error);
  guint n = candidates != NULL ? g_list_model_get_n_items (candidates) : 0;

  *mated = *other = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkCandidate) c = g_list_model_get_item (candidates, i);
      const char *ref = lk_candidate_get_subject_ref (c);
      gboolean keep = keep_other || g_str_equal (ref, mated_ref);

      if (!lk_candidates_set_triage (session, lk_candidate_get_id (c),
                                     keep ? "retained" : "eliminated",
                                     keep ? NULL : "Demo: a different face shape and hairline "
                                     "at first sight; no need to compare feature by feature",
                                     error))
        return FALSE;
      if (g_str_equal (ref, mated_ref))
        *mated = lk_candidate_get_id (c);
      else
        *other = lk_candidate_get_id (c);
    }
  if (candidates != NULL && (*mated == 0 || *other == 0))
    g_set_error (error, LK_ERROR, LK_ERROR_FAILED, "The demo search did not return %s and "
                 "one other", mated_ref);
  return candidates != NULL && *mated != 0 && *other != 0;
}

typedef struct
{
  const char *image;
  const char *kind;
  int         pair;
  LkPoint     points[2];
  int         n_points;
  const char *label;
  const char *characteristic;
} DemoAnnotation;

static const DemoAnnotation demo_annotations[] = {
  { "probe", "marker", 1, { { 125.7, 124.0 } }, 1, NULL, "nose.tip" },
  { "candidate", "marker", 1, { { 264.0, 260.0 } }, 1, NULL, "nose.tip" },
  { "probe", "marker", 2, { { 106.7, 149.7 } }, 1, NULL, "mouth.corners" },
  { "candidate", "marker", 2, { { 226.6, 309.0 } }, 1, NULL, "mouth.corners" },
  { "probe", "ellipse", 0, { { 88, 66 }, { 121, 80 } }, 2, NULL, "eyebrows.shape" },
  { "candidate", "ellipse", 0, { { 190, 148 }, { 255, 172 } }, 2, NULL, "eyebrows.shape" },
  { "candidate", "text", 0, { { 330, 90 } }, 1,
    "Demo: annotations placed by the demo to show charting", NULL },
};

static JsonArray *
demo_geometry (const DemoAnnotation *a)
{
  JsonArray *geometry = json_array_new ();

  for (int i = 0; i < a->n_points; i++)
    {
      JsonArray *point = json_array_new ();

      json_array_add_double_element (point, a->points[i].x);
      json_array_add_double_element (point, a->points[i].y);
      json_array_add_array_element (geometry, point);
    }
  return geometry;
}

/* Adds the annotations; @ids gets their ids in the order of demo_annotations. */
static gboolean
annotate_demo (LkSession  *session,
               gint64      examination,
               gint64     *ids,
               GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_annotations); i++)
    {
      const DemoAnnotation *a = &demo_annotations[i];
      g_autoptr(JsonArray) geometry = demo_geometry (a);
      LkAnnotationSpec spec = { a->image, a->kind, a->pair, geometry, a->label,
                                a->characteristic };

      if ((ids[i] = lk_examinations_add_annotation (session, examination, &spec, error)) == 0)
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *characteristic;
  const char *visibility_probe;
  const char *visibility_candidate;
  const char *result;
  const char *significance;
  const char *note;
  int         first_annotation; /* index into demo_annotations, -1: none; links two */
} DemoObservation;

static const DemoObservation demo_observations[] = {
  { "face-outline.frontal-shape", "visible", "visible", "similar", "class",
    "Oval outline with a rounded chin in both images", -1 },
  { "hair.hairline", "partly", "visible", "explainable-difference", "class",
    "Covered by the cap in the probe; what shows is consistent", -1 },
  { "eyebrows.shape", "visible", "visible", "similar", "class",
    "Arched, thin towards the outer ends", 4 },
  { "eyes.fissure", "partly", "visible", "similar", "class",
    "Almond shape; detail limited by the resolution of the probe", -1 },
  { "nose.tip", "visible", "visible", "similar", "class",
    "Rounded tip, same height relative to the eyes", 0 },
  { "mouth.corners", "visible", "visible", "similar", "class",
    "Corners level, same width relative to the eyes", 2 },
  { "ears.shape", "not-visible", "visible", "not-assessable", NULL,
    "Covered by the cap in the probe", -1 },
};

static gboolean
observe_demo (LkSession     *session,
              gint64         examination,
              const gint64  *annotation_ids,
              GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_observations); i++)
    {
      const DemoObservation *d = &demo_observations[i];
      gint64 links[2] = { 0, 0 };
      LkObservationSpec o = { d->characteristic, d->visibility_probe, d->visibility_candidate,
                              d->result, d->significance, d->note, links, 0 };

      if (d->first_annotation >= 0)
        {
          links[0] = annotation_ids[d->first_annotation];
          links[1] = annotation_ids[d->first_annotation + 1];
          o.n_annotation_ids = 2;
        }
      if (!lk_observations_set (session, examination, &o, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
conclude_demo (LkSession  *session,
               gint64      examination,
               GError    **error)
{
  LkConclusionDraft draft = {
    NULL, FALSE, 2,
    "DEMO ONLY, not casework. Face outline, eyebrows, eyes, nose tip and mouth correspond in "
    "form and in their positions relative to each other; no dissimilar feature was found. The "
    "hairline difference is explained by the cap. The ears could not be compared.",
    "DEMO ONLY: the probe is a simulated CCTV still made by Likeness from the candidate's own "
    "portrait, so the agreement is built in. Low resolution and JPEG blocking limit fine "
    "detail; the ears and most of the hair are covered by the cap.",
  };
  g_autoptr(GHashTable) acknowledgements = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (acknowledgements, (gpointer) LK_WARNING_LIMITED_PROBE_STRONG_LEVEL,
                       (gpointer) "Demo: the face is frontal and the nose, mouth and eyebrows "
                       "are clear despite the compression; I stay at +2, below the strongest "
                       "level.");
  g_hash_table_insert (acknowledgements, (gpointer) LK_WARNING_BELOW_POLICY_MINIMUM,
                       (gpointer) "Demo: the cap and the resolution leave few characteristics "
                       "to compare, and none of them individualising; the demonstration shows "
                       "this warning on purpose.");
  return lk_conclusions_sign (session, examination, &draft, acknowledgements, LK_DEMO_PASSWORD,
                              error) != 0;
}

/* The first case shows the whole path: triage, an examination with alignment, annotations and
 * feature observations, and a signed conclusion; then the other candidate, examined more
 * briefly. @examinations gets both, the mated one first. */
static gboolean
examine_demo (LkSession  *session,
              gint64      probe,
              gint64      examinations[2],
              GError    **error)
{
  gint64 annotation_ids[G_N_ELEMENTS (demo_annotations)];
  gint64 candidate, other;
  gint64 examination;

  return triage_demo (session, probe, DEMO_MATED, &candidate, &other, error) &&
         (examination = examinations[0] = lk_examinations_open (session, candidate, error)) != 0 &&
         lk_examinations_set_alignment (session, examination, demo_probe_eyes,
                                        demo_candidate_eyes, error) &&
         annotate_demo (session, examination, annotation_ids, error) &&
         observe_demo (session, examination, annotation_ids, error) &&
         conclude_demo (session, examination, error) &&
         lk_demo_examine_other (session, other, FALSE, &examinations[1], error);
}

/* A fourth case whose examined candidate waits in demo-reviewer's queue. */
static gboolean
waiting_demo (LkSession  *session,
              gint64     *examination,
              GError    **error)
{
  g_autoptr(LkCase) waiting = lk_cases_create (session, &demo_case_waiting, error);
  gint64 probe, mated;

  return waiting != NULL &&
         (probe = import_still (session, demo_case_waiting.number, "astronaut.png",
                                "NASA portrait of Eileen Collins", 2.5, error)) != 0 &&
         analyse_and_search (session, probe, error) &&
         triage_demo (session, probe, "DEMO-SUBJ-1092", &mated, NULL, error) &&
         lk_demo_examine_other (session, mated, TRUE, examination, error);
}

static gboolean
seed_casework (LkStore  *store,
               GError  **error)
{
  g_autoptr(LkSession) session = NULL;
  g_autoptr(LkCase) first = NULL;
  g_autoptr(LkCase) second = NULL;
  g_autoptr(LkCase) third = NULL;
  gint64 probe, examinations[3];

  if (!seed_gallery (store, error) || !lk_demo_record_competencies (store, error) ||
      (session = lk_session_login (store, "demo-examiner", LK_DEMO_PASSWORD, error)) == NULL ||
      (first = lk_cases_create (session, &demo_case, error)) == NULL ||
      (probe = import_still (session, demo_case.number, "grace_hopper.jpg",
                             "US Navy photograph of Grace Hopper", 3.0, error)) == 0 ||
      !analyse_and_search (session, probe, error) ||
      !examine_demo (session, probe, examinations, error) ||
      (second = lk_cases_create (session, &demo_case_approval, error)) == NULL ||
      (third = lk_cases_create (session, &demo_case_fresh, error)) == NULL ||
      import_still (session, demo_case_fresh.number, "astronaut.png",
                    "NASA portrait of Eileen Collins", -2.0, error) == 0 ||
      !waiting_demo (session, &examinations[2], error) ||
      !lk_session_log_out (session, error))
    return FALSE;
  return lk_demo_verify (store, examinations, error) && lk_demo_training (store, error);
}

/* The whole demo in one transaction, so that a build killed half-way leaves none of it: on a
 * server, where it is filled in place, the next open finds the database still empty and fills
 * it again. Each action of the demo is a savepoint inside it. A workspace that another
 * workstation finished meanwhile (it held the writers' lock) is left as it is. */
static gboolean
fill (LkStore     *store,
      const char  *path,
      GError     **error)
{
  g_autoptr(LkTxn) txn = lk_txn_begin_enclosing (store, error);
  gboolean initialised = FALSE;

  if (txn == NULL || !lk_store_is_initialised (store, &initialised, error))
    return FALSE;
  if (initialised)
    return lk_txn_commit (txn, error);
  return seed (store, path, error) && seed_casework (store, error) && lk_txn_commit (txn, error);
}

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* Builds a new demo workspace in a sibling file and moves it into place only once it is
 * complete, so that an interrupted build (a killed process, a full disk) never leaves a half
 * demo that would later open as if it were whole. */
static gboolean
build (const char  *path,
       GError     **error)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  gboolean built;

  remove_database_files (partial);
  {
    g_autoptr(LkStore) store = lk_store_open (partial,
                                              LK_STORE_OPEN_CREATE | LK_STORE_OPEN_DEMO, error);

    built = store != NULL && fill (store, path, error);
  }
  if (built && g_rename (partial, path) != 0)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_UNWRITABLE, "Cannot move the demo workspace to %s: %s",
                   path, g_strerror (errno));
      built = FALSE;
    }
  remove_database_files (partial);
  return built;
}

/* Asking for a demo workspace on a server is asking to create one in an empty database. */
static LkStoreOpenFlags
demo_flags (const char *path)
{
  return LK_STORE_OPEN_DEMO | (lk_store_location_is_uri (path) ? LK_STORE_OPEN_CREATE : 0);
}

LkStore *
lk_demo_open (const char  *path,
              GError     **error)
{
  g_autoptr(LkStore) store = NULL;
  gboolean initialised = FALSE;

  /* A server database has no sibling to build in: it is filled in place, in one transaction
   * (below). */
  if (!lk_store_location_is_uri (path) && !g_file_test (path, G_FILE_TEST_EXISTS) &&
      !build (path, error))
    return NULL;
  store = lk_store_open (path, demo_flags (path), error);
  if (store == NULL)
    return NULL;
  /* An empty file someone made for it, or an empty server database: fill it in place. */
  if (!lk_store_is_initialised (store, &initialised, error) ||
      (!initialised && !fill (store, lk_store_get_path (store), error)))
    return NULL;
  return g_steal_pointer (&store);
}

/* On a server: only into a database that holds no workspace yet. */
static LkStore *
create_on_server (const char  *path,
                  GError     **error)
{
  g_autoptr(LkStore) store = lk_store_open (path, demo_flags (path), error);
  gboolean initialised = FALSE;

  if (store == NULL || !lk_store_is_initialised (store, &initialised, error))
    return NULL;
  if (initialised)
    {
      g_set_error (error, LK_ERROR, LK_ERROR_EXISTS,
                   "A demo workspace already exists in %s; use an empty database to start "
                   "a fresh one",
                   lk_store_get_path (store));
      return NULL;
    }
  if (!fill (store, lk_store_get_path (store), error))
    return NULL;
  return g_steal_pointer (&store);
}

LkStore *
lk_demo_create (const char  *path,
                GError     **error)
{
  if (lk_store_location_is_uri (path))
    return create_on_server (path, error);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LK_ERROR, LK_ERROR_EXISTS,
                   "%s already exists; remove it first to start a fresh demo workspace", path);
      return NULL;
    }
  return lk_demo_open (path, error);
}

static gpointer
open_job (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return lk_demo_open (data, error);
}

void
lk_demo_open_async (const char          *path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  lk_task_run (NULL, cancellable, callback, user_data, lk_demo_open_async, open_job,
               g_strdup (path), g_free, g_object_unref);
}

LkStore *
lk_demo_open_finish (GAsyncResult  *result,
                     GError       **error)
{
  return lk_task_finish (result, lk_demo_open_async, error);
}
