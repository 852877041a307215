/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The normal build's stand-in for libFuzzer: every file in the folders named on the command line
 * (a target's seed corpus and its past crashes) goes through the target's entry function, one
 * test case a file, so that the core suite replays them with any compiler. */
#include "config.h"

#include "lk-fuzz.h"

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) contents, length), ==, 0);
}

static void
skip_empty (gconstpointer data)
{
  g_autofree char *why = g_strdup_printf ("%s holds no files yet", (const char *) data);

  g_test_skip (why);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
add_folder (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *parent = g_path_get_dirname (folder);
  g_autofree char *kind = g_path_get_basename (parent);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test = g_strdup_printf ("/fuzz/%s/%s/%s", LK_FUZZ_TARGET, kind, file);

      g_test_add_data_func_full (test, g_build_filename (folder, file, NULL), replay_file,
                                 g_free);
    }
  if (names->len == 0)
    {
      g_autofree char *test = g_strdup_printf ("/fuzz/%s/%s", LK_FUZZ_TARGET, kind);

      g_test_add_data_func_full (test, g_strdup (folder), skip_empty, g_free);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);
  /* The folders: every argument after the test options. */
  for (int i = 1; i < argc; i++)
    add_folder (argv[i]);
  return g_test_run ();
}
