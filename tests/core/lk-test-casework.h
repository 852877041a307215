/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Casework worlds for the core tests.
 *
 * LkTestWorld: the users, the case and its probe that the candidate-list and examination tests
 * start from (each theme adds its own lists and images on top); or, for the tests of the typed
 * case and probe records, only the administrator, the examiner and the case.
 *
 * LkTestCase: a whole case for the report's tests and benchmark: a probe, a list of
 * @n_candidates (the two demo portraits in turn, each its own subject), @n_examined of them
 * retained, examined with observations and annotations, aligned, signed, submitted, verified
 * blind and countersigned, so that the case closes. */
#pragma once

#include "lk-core.h"
#include "lk-test-util.h"

G_BEGIN_DECLS

#define LK_TEST_WORLD_ADMIN "admin"
#define LK_TEST_WORLD_ADMIN_PASSWORD "correct horse"
#define LK_TEST_WORLD_EXAMINER "erin"
#define LK_TEST_WORLD_EXAMINER_PASSWORD "battery staple"
#define LK_TEST_WORLD_OTHER "ezra"
#define LK_TEST_WORLD_OTHER_PASSWORD "second examiner"
#define LK_TEST_WORLD_REVIEWER "rita"
#define LK_TEST_WORLD_REVIEWER_PASSWORD "reviewer pass"
#define LK_TEST_WORLD_DATABASE "National Custody Images"

typedef struct
{
  const char         *case_number;
  const char         *case_title;
  gboolean            other_examiner; /* a second examiner, LK_TEST_WORLD_OTHER */
  gboolean            lock;           /* the probe's analysis locked as suitable */
  const char * const *components;     /* what the locked analysis says can be compared */
} LkTestWorldSpec;

typedef struct
{
  LkTestFixture *fixture;
  LkStore       *store;
  LkSession     *admin;
  LkSession     *examiner;
  LkSession     *other;         /* NULL unless asked for */
  LkSession     *reviewer;
  gint64         probe;
  char          *probe_sha256;
  gint64         database;      /* LK_TEST_WORLD_DATABASE, held by an external engine */
  char          *folder;        /* fixture/lists, created: the lists and their images */
  /* what a theme adds */
  char          *data_uri;      /* an image embedded in a list */
  gint64         list;
  gint64         candidates[4];
} LkTestWorld;

/* An administrator, an examiner (and another when asked), a reviewer; the case of @spec with
 * one probe (the demo portrait, from CCTV), its analysis locked when asked; the reference
 * database registered; an empty folder for lists. */
void       lk_test_world_init     (LkTestWorld            *w,
                                   LkTestFixture          *fixture,
                                   const LkTestWorldSpec  *spec);
/* Only the administrator, the examiner and the case of @spec (its number and title), without
 * a probe; the other fields are left as they are (zero in a new world). */
void       lk_test_world_init_case (LkTestWorld           *w,
                                    LkTestFixture         *fixture,
                                    const LkTestWorldSpec *spec);
void       lk_test_world_clear    (LkTestWorld            *w);
/* Logs everyone out and closes the database; lk_test_world_reopen() opens it again and logs
 * them back in, as the next working day would. */
void       lk_test_world_close_sessions (LkTestWorld      *w);
void       lk_test_world_reopen   (LkTestWorld            *w);
LkSession *lk_test_world_add_user (LkTestWorld            *w,
                                   const char             *name,
                                   LkRoles                 roles,
                                   const char             *password);
/* The demo portrait as a new probe of case @number; its hash into w->probe_sha256. */
gint64     lk_test_world_import_probe (LkTestWorld        *w,
                                       const char         *number);
void       lk_test_world_lock_analysis (LkTestWorld       *w,
                                        gint64             probe,
                                        const char * const *components);
/* A query on a connection of its own (as another process or a tamperer would have). */
gint64     lk_test_world_sql_int  (LkTestWorld            *w,
                                   const char             *format,
                                   ...) G_GNUC_PRINTF (2, 3);
char      *lk_test_world_sql_text (LkTestWorld            *w,
                                   const char             *format,
                                   ...) G_GNUC_PRINTF (2, 3);
void       lk_test_world_sql      (LkTestWorld            *w,
                                   const char             *format,
                                   ...) G_GNUC_PRINTF (2, 3);
/* @error is set and its message contains @expected (logged for the reader of the test). */
void       lk_test_assert_message (const GError           *error,
                                   const char             *expected);

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
