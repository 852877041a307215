/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the tests of probe intake (hash and store, provenance, bad files: test-probes.c)
 * and of integrity, metadata, faces, quality and access (test-probes-records.c): their world,
 * fixtures and helpers. */
#pragma once

#include <gexiv2/gexiv2.h>
#include <math.h>
#include <string.h>

#include "lk-test-util.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "casework/lk-vocabulary.h"
#include "governance/lk-policy.h"
#include "imaging/lk-cv.h"
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

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
} World;

typedef struct
{
  gint64 images;
  gint64 probes;
  gint64 audit;
  gint64 history;
} Counts;

LkSession *
add_and_login (World      *w,
               const char *name,
               LkRoles     roles,
               const char *password);

void
create_case (LkSession  *session,
             const char *number);

/* A store with an administrator and an examiner, and one open robbery case. */
void
world_init (World         *w,
            LkTestFixture *fixture);

void
world_clear (World *w);

LkProvenance
provenance_of_kind (const char *kind);

char *
demo_path (const char *name);

char *
write_fixture (World        *w,
               const char   *name,
               const guint8 *data,
               gsize         length);

char *
write_bytes (World      *w,
             const char *name,
             GBytes     *bytes);

gint64
import_ok (World              *w,
           const char         *path,
           const LkProvenance *provenance,
           char              **sha256);

gint64
import_portrait (World  *w,
                 char  **sha256);

JsonObject *
probe_json (World  *w,
            gint64  probe_id);

gint64
count_rows (World      *w,
            const char *table);

Counts
counts (World *w);

void
assert_unchanged (World        *w,
                  const Counts *before);

void
assert_message (const GError *error,
                const char   *expected);

GBytes *
stored_blob (World      *w,
             const char *sha256);

guint32
crc32_of (const guint8 *data,
          gsize         length);

void
put_be32 (guint8  *p,
          guint32  v);

/* A PNG signature and a valid IHDR chunk declaring @width × @height RGB, and no pixels. */
GBytes *
png_header_only (guint32 width,
                 guint32 height);

G_END_DECLS
