/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the tests of candidate-list import (test-candidates.c) and of masking,
 * presentation and triage (test-candidates-triage.c): their world, fixtures and helpers. */
#pragma once

#include <cairo.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

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

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define REVIEWER "rita"
#define REVIEWER_PASSWORD "reviewer pass"
#define CASE_NUMBER "2026-0042"
#define DATABASE "National Custody Images"

/* Scores distinctive enough to be searched for wherever they must not appear. */
extern const char * const scores[5];

extern const char * const some_components[5];

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
  LkSession     *reviewer;
  gint64         probe;
  char          *probe_sha256;
  gint64         database;
  char          *folder;    /* the lists and their images */
  char          *data_uri;  /* an embedded PNG */
} World;

extern const char * const dump_queries[8];

typedef struct
{
  gint64  counts[G_N_ELEMENTS (dump_queries)];
  char   *head;
} Dump;

extern const char csv_text[];

#define RANK_ORDER "SUBJ-0001 SUBJ-0002 SUBJ-0003 SUBJ-0004 SUBJ-0005 "

LkSession *
add_and_login (World      *w,
               const char *name,
               LkRoles     roles,
               const char *password);

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

gint64
import_probe (World *w);

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
sql_int (World      *w,
         const char *format,
         ...);

char *
sql_text (World      *w,
          const char *format,
          ...);

void
assert_message (const GError *error,
                const char   *expected);

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
