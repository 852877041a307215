/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lk-fuzz-candidates.h"

/* A 2 x 2 RGB PNG. */
static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
  0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38, 0x31, 0xad, 0x02,
  0x88, 0x18, 0x20, 0x14, 0x00, 0x34, 0xb6, 0x07, 0x59, 0x33, 0x47, 0x6a, 0x96, 0x00, 0x00, 0x00,
  0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
};

static char *folder;
static char *image_path;

static void
remove_folder (void)
{
  g_unlink (image_path);
  g_rmdir (folder);
}

const char *
lk_fuzz_candidates_folder (void)
{
  g_autoptr(GError) error = NULL;

  if (folder != NULL)
    return folder;
  folder = g_dir_make_tmp ("lk-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  image_path = g_build_filename (folder, "a.png", NULL);
  g_file_set_contents (image_path, (const char *) tiny_png, sizeof tiny_png, &error);
  g_assert_no_error (error);
  atexit (remove_folder);
  return folder;
}

void
lk_fuzz_candidates_check (const LkCandidateList *list)
{
  g_assert_nonnull (list->engine_name);
  g_assert_nonnull (list->reference_db_name);
  g_assert_nonnull (list->performed_at);
  g_assert_cmpuint (strlen (list->source_sha256), ==, 64);
  g_assert_cmpuint (list->entries->len, >, 0);
  for (guint i = 0; i < list->entries->len; i++)
    {
      const LkCandidateEntry *e = g_ptr_array_index (list->entries, i);

      g_assert_cmpint (e->rank, >=, 1);
      if (i > 0)
        g_assert_cmpint (e->rank, >, ((LkCandidateEntry *) g_ptr_array_index (list->entries,
                                                                              i - 1))->rank);
      g_assert_true (isfinite (e->score));
      g_assert_true (e->subject_ref != NULL && *e->subject_ref != '\0');
      g_assert_nonnull (e->image);
      g_assert_cmpuint (e->width, >, 0);
      g_assert_cmpuint (e->height, >, 0);
      g_assert_nonnull (e->metadata);
    }
}
