/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the Training section's tests: the trainee's path and the trainer's dashboard
 * (test-training.c) and annotating a training item (test-training-annotations.c): an
 * administrator, a trainer (tara) and a trainee (tim), an exercise of portrait pairs assigned
 * to the trainee, a window showing the Training page. */
#pragma once

#include "lk-test-ui.h"
#include "lk-training-page.h"

G_BEGIN_DECLS

#define ADMIN_PASSWORD "amber lantern 41"
#define TRAINER_PASSWORD "copper kettle 27"
#define TRAINEE_PASSWORD "silver meadow 63"

typedef struct
{
  char           *folder;
  LkStore        *store;
  LkSession      *admin;
  LkSession      *trainer;
  LkSession      *trainee;
  gint64          exercise;
  GtkWidget      *window;
  LkTrainingPage *page;
} Fixture;

/* A demo portrait (data/demo/@name) as a CCTV still @width pixels wide, turned by @degrees. */
GBytes *portrait                (const char                   *name,
                                 int                           width,
                                 double                        degrees);
/* The users; the exercise of @spec with its @n_pairs @pairs, made by the trainer and assigned to
 * the trainee; a window of @width × @height showing a Training page without a session. */
void    training_fixture_set_up (Fixture                      *f,
                                 const LkTrainingExerciseSpec *spec,
                                 const LkTrainingPair         *pairs,
                                 guint                         n_pairs,
                                 int                           width,
                                 int                           height);
void    fixture_tear_down       (Fixture                      *f,
                                 gconstpointer                 data);

G_END_DECLS
