/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the tests of observations, drafts, warnings and signing (test-conclusions.c) and
 * of what a signed conclusion rests on, revisions and policy rules (test-conclusions-signed.c):
 * their world, fixtures and helpers. */
#pragma once

#include <string.h>

#include "lk-test-util.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "examination/lk-conclusions.h"
#include "examination/lk-examinations.h"
#include "examination/lk-observation-summary.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "reference/lk-data.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define OTHER "olga"
#define OTHER_PASSWORD "other examiner"
#define REVIEWER "rita"
#define REVIEWER_PASSWORD "reviewer pass"
#define CASE_NUMBER "2026-0042"
#define DATABASE "Custody images 2019-2025"
#define REASONING \
  "Nose tip, ear lobes and eyebrow shape correspond in form and position; the differences " \
  "in the hairline are explained by the years between the images."

#define LIMITATIONS "Low resolution and JPEG blocking; the ears are partly covered."

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
  LkSession     *other;
  LkSession     *reviewer;
  gint64         probe;
  gint64         candidate;
  gint64         examination;
} World;

extern const char * const some_components[5];

extern const char * const some_factors[3];

extern const char list_json[];

#define FROZEN "is signed: its annotations, alignment and enhancements are frozen with it"

extern const LkPoint probe_eyes[2];

extern const LkPoint candidate_eyes[2];

#define CAP_MESSAGE(ordinal) \
  "Policy allows at most strength 2 (of 3) for a probe of limited suitability; the level " \
  ordinal " has strength 3"

/* Eleven characteristics of the shipped feature list besides nose.tip. */
extern const char * const eleven[11];

LkSession *
add_and_login (World      *w,
               const char *name,
               LkRoles     roles,
               const char *password);

char *
demo_file (const char *name);

void
copy_demo (World      *w,
           const char *demo_name,
           const char *name);

void
analyse (World      *w,
         const char *suitability);

void
import_probe (World *w);

/* A list of two candidates; the first retained and its examination opened by the examiner. */
void
open_examination (World *w);

/* The rule of minimums has tests of its own: the others observe a few characteristics only. */
void
minimums (World *w,
          int    assessed_2,
          int    assessed_3,
          int    individualising_2,
          int    individualising_3);

void
world_init (World         *w,
            LkTestFixture *fixture,
            const char    *suitability);

void
world_clear (World *w);

void
observe (World      *w,
         const char *characteristic,
         const char *result,
         const char *significance);

LkConclusionDraft
draft_at (int ordinal);

/* id, text, id, text, ..., NULL */
GHashTable *
acknowledge (const char *first_id,
             ...);

int
compare_strings (gconstpointer a,
                 gconstpointer b);

/* The warning ids of a draft, sorted and joined with commas ("" for none). */
char *
warning_ids (World                   *w,
             const LkConclusionDraft *draft);

void
assert_warnings (World      *w,
                 int         ordinal,
                 const char *expected);

void
set_policy (World      *w,
            const char *key,
            const char *value);

gint64
sign_ok (World                   *w,
         const LkConclusionDraft *draft,
         GHashTable              *acknowledgements);

JsonArray *
conclusions (World *w);

gint64
sql_int (World      *w,
         const char *sql);

void
assert_message (const GError *error,
                const char   *expected);

gint64
add_marker (World *w);

/* @sql, on a connection of its own to @path (a file or a server database), is refused with a
 * message containing @expected (on a file, as a constraint). */
void
assert_sql_refused (const char *path,
                    const char *sql,
                    const char *expected);

G_END_DECLS
