/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the tests of opening, alignment and enhancement stacks (test-examinations.c) and
 * of annotations, time, navigation and likeness-cli (test-examinations-annotations.c): their
 * world, fixtures and helpers. */
#pragma once

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "lk-test-casework.h"
#include "lk-test-util.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "examination/lk-similarity.h"
#include "examination/lk-examinations.h"
#include "imaging/lk-cv.h"
#include "people/lk-roles.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "reference/lk-data.h"
#include "store/lk-audit.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

#define CASE_NUMBER "2026-0077"

#define CANDIDATE_WIDTH 120
#define CANDIDATE_HEIGHT 150

/* Scores distinctive enough to be searched for wherever they must not appear. */
extern const char * const scores[4];

extern const char * const some_components[4];

extern const char candidate_stack[];

extern const char probe_stack[];

/* A face-like drawing: a skin-toned oval with two dark eyes and a mouth, in shades that the
 * enhancements visibly change. */
void
make_png (const char *path,
          double      shade);

void
write_list (LkTestWorld *w);

void
import_and_triage (LkTestWorld *w);

/* Administrator, two examiners and a reviewer; a case with one analysed probe; a list of four
 * candidates: rank 1 and 3 retained, 2 eliminated, 4 not reviewed. */
void
world_init (LkTestWorld   *w,
            LkTestFixture *fixture);

void
world_clear (LkTestWorld *w);

gint64
open_ok (LkTestWorld *w,
         gint64       candidate);

JsonObject *
get_ok (LkTestWorld *w,
        gint64       id);

char *
object_to_text (JsonObject *o);

JsonArray *
array_from (const char *text);

JsonObject *
last_details (LkTestWorld *w,
              const char  *action);

G_END_DECLS
