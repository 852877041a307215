/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The people of a training test: an administrator, an optional examiner, a trainer and two
 * trainees, each logged in on one store; and distinct small PNGs for exercise pairs. */
#pragma once

#include "lk-test-util.h"

G_BEGIN_DECLS

#define ADMIN "ada"
#define ADMIN_PASSWORD "correct horse"
#define EXAMINER "erin"
#define EXAMINER_PASSWORD "battery staple"
#define TRAINER "tara"
#define TRAINER_PASSWORD "trainer pass"
#define TRAINEE "tim"
#define TRAINEE_PASSWORD "trainee pass"
#define TRAINEE2 "tess"
#define TRAINEE2_PASSWORD "second trainee"

typedef struct
{
  LkStore   *store;
  LkSession *admin;
  LkSession *examiner; /* NULL unless asked for */
  LkSession *trainer;
  LkSession *trainee;
  LkSession *trainee2;
} LkTrainingWorld;

void    lk_test_training_world_init  (LkTrainingWorld *w,
                                      LkTestFixture   *fixture,
                                      gboolean         with_examiner);
void    lk_test_training_world_clear (LkTrainingWorld *w);
/* Adds a user with @roles (through the administrator) and logs them in. */
LkSession *lk_test_training_add_user (LkTrainingWorld *w,
                                      const char      *name,
                                      LkRoles          roles,
                                      const char      *password);
/* A distinct 160 x 120 PNG for each @seed. */
GBytes *lk_test_training_png         (guint            seed);

G_END_DECLS
