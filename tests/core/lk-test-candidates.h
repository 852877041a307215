/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the tests of candidate-list import (test-candidates.c) and of masking,
 * presentation and triage (test-candidates-triage.c): their world, fixtures and helpers. */
#pragma once

#include <cairo.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "lk-test-casework.h"
#include "lk-test-util.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "governance/lk-policy.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

#define CASE_NUMBER "2026-0042"

/* Scores distinctive enough to be searched for wherever they must not appear. */
extern const char * const scores[5];

extern const char * const some_components[5];

extern const char * const dump_queries[8];

typedef struct
{
  gint64  counts[G_N_ELEMENTS (dump_queries)];
  char   *head;
} Dump;

extern const char csv_text[];

#define RANK_ORDER "SUBJ-0001 SUBJ-0002 SUBJ-0003 SUBJ-0004 SUBJ-0005 "

char *
in_folder (LkTestWorld *w,
           const char  *name);

void
write_text (LkTestWorld *w,
            const char  *name,
            const char  *text);

/* A small PNG of one colour with a band of another: distinct bytes for each colour. */
void
make_png (const char *path,
          int         width,
          int         height,
          double      red,
          double      green,
          double      blue);

void
make_images (LkTestWorld *w);

void
lock_analysis (LkTestWorld *w,
               gint64       probe);

/* An administrator, an examiner and a reviewer; a case with one probe (its analysis locked
 * when @lock), a registered external reference database, and a folder of images. */
void
world_init (LkTestWorld   *w,
            LkTestFixture *fixture,
            gboolean       lock);

void
world_clear (LkTestWorld *w);

char *
good_candidates (LkTestWorld *w);

char *
header_fields (const char *version,
               const char *database,
               const char *probe_sha256);

char *
list_text (const char *version,
           const char *database,
           const char *probe_sha256,
           const char *candidates);

void
write_list (LkTestWorld *w,
            const char  *name,
            const char  *candidates);

void
write_good_list (LkTestWorld *w,
                 const char  *name);

void
dump_clear (Dump *d);

void
dump_take (LkTestWorld *w,
           Dump        *d);

void
assert_unchanged (LkTestWorld *w,
                  const Dump  *before);

gint64
import_ok (LkTestWorld *w,
           const char  *name);

/* Refused with @code and a message containing @expected, and nothing written at all. */
void
import_refused (LkTestWorld *w,
                const char  *name,
                int          code,
                const char  *expected);

JsonObject *
parse_object (const char *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Dump, dump_clear)

G_END_DECLS
