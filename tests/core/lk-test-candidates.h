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

#define ADMIN LK_TEST_WORLD_ADMIN
#define ADMIN_PASSWORD LK_TEST_WORLD_ADMIN_PASSWORD
#define EXAMINER LK_TEST_WORLD_EXAMINER
#define EXAMINER_PASSWORD LK_TEST_WORLD_EXAMINER_PASSWORD
#define REVIEWER LK_TEST_WORLD_REVIEWER
#define REVIEWER_PASSWORD LK_TEST_WORLD_REVIEWER_PASSWORD
#define CASE_NUMBER "2026-0042"
#define DATABASE LK_TEST_WORLD_DATABASE

/* The shared casework world (lk-test-casework.h), and its helpers by the short names these
 * programs call them. */
typedef LkTestWorld World;
#define add_and_login lk_test_world_add_user
#define sql_int lk_test_world_sql_int
#define sql_text lk_test_world_sql_text
#define assert_message lk_test_assert_message

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
in_folder (World      *w,
           const char *name);

void
write_text (World      *w,
            const char *name,
            const char *text);

/* A small PNG of one colour with a band of another: distinct bytes for each colour. */
void
make_png (const char *path,
          int         width,
          int         height,
          double      red,
          double      green,
          double      blue);

void
make_images (World *w);

void
lock_analysis (World  *w,
               gint64  probe);

/* An administrator, an examiner and a reviewer; a case with one probe (its analysis locked
 * when @lock), a registered external reference database, and a folder of images. */
void
world_init (World         *w,
            LkTestFixture *fixture,
            gboolean       lock);

void
world_clear (World *w);

char *
good_candidates (World *w);

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
write_list (World      *w,
            const char *name,
            const char *candidates);

void
write_good_list (World      *w,
                 const char *name);

void
dump_clear (Dump *d);

void
dump_take (World *w,
           Dump  *d);

void
assert_unchanged (World      *w,
                  const Dump *before);

gint64
import_ok (World      *w,
           const char *name);

/* Refused with @code and a message containing @expected, and nothing written at all. */
void
import_refused (World      *w,
                const char *name,
                int         code,
                const char *expected);

JsonObject *
parse_object (const char *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Dump, dump_clear)

G_END_DECLS
