/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A gallery's CSV list of images (likeness-cli gallery enrol --csv): lines of image,subject_ref
 * with quoting, each line either an image of a subject or one rejection that names it. */
#include "config.h"

#include "engine/lk-gallery-private.h"
#include "lk-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lk_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  /* As g_file_get_contents() hands it over: a NUL after the last byte. */
  g_autofree char *text = lk_fuzz_text (data, size);
  g_autoptr(GPtrArray) items = lk_gallery_items_from_csv_text ("/lab/gallery/list.csv", text,
                                                               size, rejected, &error);

  lk_fuzz_check_answer (items != NULL, error);
  if (items == NULL)
    return 0;
  for (guint i = 0; i < items->len; i++)
    {
      const LkGalleryItem *item = g_ptr_array_index (items, i);

      g_assert_true (g_path_is_absolute (item->path));
      g_assert_true (g_utf8_validate (item->subject_ref, -1, NULL));
      g_assert_true (*item->subject_ref != '\0');
      g_assert_nonnull (item->label);
    }
  /* A rejection is one line a terminal shows as it is. */
  for (guint i = 0; i < rejected->len; i++)
    for (const char *p = g_ptr_array_index (rejected, i); *p != '\0'; p++)
      g_assert_false (g_ascii_iscntrl (*p));
  return 0;
}
