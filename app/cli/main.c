/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "lk-cli.h"
#include "lk-core.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  if (!lk_data_check (&error))
    {
      g_printerr ("likeness-cli: the built-in data is broken: %s\n", error->message);
      return 1;
    }
  return lk_cli_run (argc, argv);
}
