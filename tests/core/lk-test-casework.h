/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A whole case for the report's tests and benchmark: a probe, a list of @n_candidates (the two
 * demo portraits in turn, each its own subject), @n_examined of them retained, examined with
 * observations and annotations, aligned, signed, submitted, verified blind and countersigned,
 * so that the case closes. */
#pragma once

#include "lk-core.h"

G_BEGIN_DECLS

typedef struct
{
  LkStore   *store;
  LkSession *admin;
  LkSession *examiner;
  LkSession *reviewer;
  char      *number;
  gint64     probe;
  char      *probe_sha256;
} LkTestCase;

/* Builds it in a new database at @db_path; @folder holds the list and its images. */
void  lk_test_case_build  (LkTestCase  *c,
                           const char  *db_path,
                           const char  *folder,
                           guint        n_candidates,
                           guint        n_examined,
                           gboolean     verify);
void  lk_test_case_clear  (LkTestCase  *c);

G_END_DECLS
