/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>

#include "lk-test-training.h"

LkSession *
lk_test_training_add_user (LkTrainingWorld *w,
                           const char      *name,
                           LkRoles          roles,
                           const char      *password)
{
  g_autoptr(GError) error = NULL;

  lk_users_add (w->admin, name, NULL, roles, password, &error);
  g_assert_no_error (error);
  return lk_test_login (w->store, name, password);
}

void
lk_test_training_world_init (LkTrainingWorld *w,
                             LkTestFixture   *fixture,
                             gboolean         with_examiner)
{
  w->store = lk_test_store_new (fixture->db_path, ADMIN, ADMIN_PASSWORD);
  w->admin = lk_test_login (w->store, ADMIN, ADMIN_PASSWORD);
  if (with_examiner)
    w->examiner = lk_test_training_add_user (w, EXAMINER, LK_ROLE_EXAMINER, EXAMINER_PASSWORD);
  w->trainer = lk_test_training_add_user (w, TRAINER, LK_ROLE_TRAINER, TRAINER_PASSWORD);
  w->trainee = lk_test_training_add_user (w, TRAINEE, LK_ROLE_TRAINEE, TRAINEE_PASSWORD);
  w->trainee2 = lk_test_training_add_user (w, TRAINEE2, LK_ROLE_TRAINEE, TRAINEE2_PASSWORD);
}

void
lk_test_training_world_clear (LkTrainingWorld *w)
{
  g_clear_object (&w->trainee2);
  g_clear_object (&w->trainee);
  g_clear_object (&w->trainer);
  g_clear_object (&w->examiner);
  g_clear_object (&w->admin);
  g_clear_object (&w->store);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
lk_test_training_png (guint seed)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 160, 120);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, (seed % 7) / 7.0, (seed % 5) / 5.0, (seed % 3) / 3.0);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_arc (cr, 20 + seed * 7 % 120, 60, 15, 0, 6.3);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}
