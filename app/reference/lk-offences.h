/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The offence categories that ship inside Likeness (data/offences.json). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *code;
  char     *name;
  int       seriousness; /* 1 (least) .. 5 (most serious) */
  gboolean  approval;    /* needs an administrator's approval */
} LkOffence;

/* Borrowed, valid for the life of the process. */
const GPtrArray *lk_offences        (void);
/* The category with @code (compared without case), or NULL. */
const LkOffence *lk_offences_lookup (const char *code);

G_END_DECLS
