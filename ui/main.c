/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lk-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(LkApplication) app = NULL;

  lk_ui_init ();
  app = lk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
