/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-test-training.h"

GBytes *
portrait (const char *name,
          int         width,
          double      degrees)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat ("demo/", name, NULL);
  g_autoptr(GBytes) bytes = lk_data_file_lookup (file, &error);
  GBytes *version;

  g_assert_no_error (error);
  version = lk_cv_simulate_cctv (bytes, width, degrees, 80, &error);
  g_assert_no_error (error);
  return version;
}

static LkSession *
add_user (Fixture    *f,
          const char *name,
          LkRoles     roles,
          const char *password)
{
  g_autoptr(GError) error = NULL;
  LkSession *session;

  lk_users_add (f->admin, name, NULL, roles, password, &error);
  g_assert_no_error (error);
  session = lk_session_login (f->store, name, password, &error);
  g_assert_no_error (error);
  return session;
}

void
training_fixture_set_up (Fixture                      *f,
                         const LkTrainingExerciseSpec *spec,
                         const LkTrainingPair         *pairs,
                         guint                         n_pairs,
                         int                           width,
                         int                           height)
{
  g_autoptr(GError) error = NULL;

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  f->admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  f->trainer = add_user (f, "tara", LK_ROLE_TRAINER, TRAINER_PASSWORD);
  f->trainee = add_user (f, "tim", LK_ROLE_TRAINEE, TRAINEE_PASSWORD);
  f->exercise = lk_training_exercise_create (f->trainer, spec, pairs, n_pairs, &error);
  g_assert_no_error (error);
  g_assert_true (lk_training_assign (f->trainer, f->exercise, "tim", NULL, &error));
  g_assert_no_error (error);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  f->page = g_object_new (LK_TYPE_TRAINING_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->trainee);
  g_clear_object (&f->trainer);
  g_clear_object (&f->admin);
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}
