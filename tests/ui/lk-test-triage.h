/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the triage page's tests: the grid and its actions (test-triage.c), keyboard triage
 * with real key events (test-triage-keys.c) and the probe beside the list (test-triage-probe.c):
 * a case with one probe (the demo portrait of Grace Hopper), a candidate list, a window. */
#pragma once

#include "lk-candidate-cell.h"
#include "lk-candidate-item.h"
#include "lk-candidates-page.h"
#include "lk-test-ui.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-store.h"

G_BEGIN_DECLS

#define ADMIN_PASSWORD "amber lantern 41"
#define EXAMINER_PASSWORD "copper kettle 27"

typedef struct
{
  char             *folder;
  LkStore          *store;
  LkSession        *admin;
  LkSession        *examiner;
  gint64            probe_id;
  GtkWidget        *window;
  LkCandidatesPage *page;
} Fixture;

/* A place in the grid, for the conditions waited on. */
typedef struct
{
  Fixture *f;
  guint    position;
} Place;

/* A file of the demo workspace's portraits (data/demo). */
char             *demo_path          (const char *name);
void              fixture_set_up     (Fixture       *f,
                                      gconstpointer  data);
void              fixture_tear_down  (Fixture       *f,
                                      gconstpointer  data);
void              show_page          (Fixture *f);
/* Locks the probe's analysis and imports a list of three drawn candidates (no face in them). */
void              lock_and_import    (Fixture *f);
/* The same with a list of the images at @paths (NULL-terminated), ranked in that order. */
void              lock_and_import_images (Fixture           *f,
                                          const char * const *paths);
LkCandidateItem  *item_at            (Fixture *f,
                                      guint    i);
/* The core's record the item at @i shows. */
LkCandidate      *record_at          (Fixture *f,
                                      guint    i);
const char       *state_of           (Fixture *f,
                                      guint    position);
GtkGridView      *grid_of            (Fixture *f);
guint             selected_position  (Fixture *f);
/* The grid's tile showing the candidate at @position (the widget that takes the focus), once
 * the grid made it; NULL before. */
GtkWidget        *tile_at            (Fixture *f,
                                      guint    position);
/* Every tile of the three candidates is made (a Fixture). */
gboolean          tiles_made         (gpointer data);
/* The tile at the Place has the keyboard focus. */
gboolean          tile_focused       (gpointer data);
/* Chooses @reason in the elimination dialog: none is chosen before. */
void              choose_reason      (GtkWidget  *dialog,
                                      const char *reason);

G_END_DECLS
