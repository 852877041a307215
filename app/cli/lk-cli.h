/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs likeness-cli; returns the process exit status. */
int lk_cli_run (int    argc,
                char **argv);

G_END_DECLS
