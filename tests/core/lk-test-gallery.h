/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the tests of galleries (files, enrolment, templates, evaluation: test-gallery.c)
 * and of the engine's alignment, YuNet, thumbnails and ORL (test-gallery-engine.c): their
 * world, fixtures and helpers. */
#pragma once

#include <cairo.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "lk-test-util.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "engine/lk-gallery.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

#define ADMIN "admin"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define CASE_NUMBER "2026-0077"
#define GALLERY "demo-gallery"
#define CLASSIC_DIMENSION (7 * 7 * 59)

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
} World;

typedef struct
{
  guint calls;
  guint last_done;
  guint total;
} ProgressLog;

void
world_init (World         *w,
            LkTestFixture *fixture);

void
world_clear (World *w);

char *
demo_path (const char *name);

void
write_text (const char *path,
            const char *text);

void
copy_demo (const char *demo,
           const char *path);

/* A simulated CCTV still of a demo portrait: another image of the same person. */
GBytes *
cctv_still (const char *demo,
            double      degrees);

/* hopper/ and collins/ with one portrait each, plus a duplicate, a picture without a face, a
 * text file and a file outside any subject's folder. */
char *
make_demo_folder (LkTestFixture *fixture,
                  const char    *name);

gint64
sql_int (World      *w,
         const char *sql);

void
enrol_ok (World         *w,
          const char    *source,
          LkEnrolReport *report);

gint64
import_probe (World  *w,
              GBytes *bytes);

void
lock_analysis (World  *w,
               gint64  probe);

/* A gallery of the two demo people and a locked probe of Grace Hopper. */
gint64
searchable_world (World         *w,
                  LkTestFixture *fixture);

char *
make_probe_folder (LkTestFixture *fixture);

G_END_DECLS
