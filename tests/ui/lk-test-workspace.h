/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the workspace's tests: comparing, aligning and annotating (test-workspace.c),
 * evaluating, signing and feature keys (test-workspace-conclusion.c), and how it opens and fits
 * the work (test-workspace-view.c): a case whose probe has a list of two retained candidates
 * (the probe's own portrait, subject S-1, and another face, S-2), a window, helpers. */
#pragma once

#include <string.h>
#include <glib/gstdio.h>
#include <math.h>

#include "lk-test-ui.h"
#include "lk-enhance-panel.h"
#include "lk-evaluate-dialog.h"
#include "lk-feature-panel.h"
#include "lk-workspace.h"
#include "store/lk-store-private.h"
#include "candidates/lk-candidates.h"
#include "casework/lk-cases.h"
#include "casework/lk-probes.h"
#include "examination/lk-conclusions.h"
#include "examination/lk-examinations.h"
#include "imaging/lk-cv.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "store/lk-store.h"
#include "verification/lk-competency.h"

G_BEGIN_DECLS

#define ADMIN_PASSWORD "amber lantern 41"
#define EXAMINER_PASSWORD "copper kettle 27"

typedef struct
{
  char        *folder;
  LkStore     *store;
  LkSession   *examiner;
  gint64       probe;
  gint64       candidates[2];     /* in the order the list is presented */
  gint64       by_subject[2];     /* S-1, S-2 */
  GtkWidget   *window;
  LkWorkspace *workspace;
} Fixture;

typedef struct
{
  LkCompareView *compare;
  gboolean       start;
} Phase;

typedef struct
{
  GtkWidget  *dialog;
  const char *text;
} Message;

#define ADD(path, func) \
  g_test_add ("/likeness/workspace/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

char *
demo_path (const char *name);

void
copy_file (const char *from,
           const char *to);

char *
write_list (Fixture *f);

void
fixture_set_up (Fixture       *f,
                gconstpointer  data);

gboolean
loaded (gpointer data);

/* Opens the workspace on @candidate and waits until its images are loaded. */
void
open_candidate (Fixture *f,
                gint64   candidate);

void
open_workspace (Fixture *f,
                int      which);

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data);

gint64
add_marker (Fixture    *f,
            gint64      exam,
            const char *image,
            double      x,
            double      y,
            const char *characteristic);

/* Both images are laid out on screen, so that a point of an image has its place in the view. */
gboolean
laid_out (gpointer data);

/* Where the original point (x, y) of @image lies in the compare view. */
graphene_point_t
compare_point (Fixture    *f,
               const char *image,
               double      x,
               double      y);

/* A click of the compare view at an original point of @image, as the user would make it with
 * no tool chosen. */
void
click_image_point (Fixture    *f,
                   const char *image,
                   double      x,
                   double      y);

gboolean
is_selected (LkCompareView *compare,
             gint64         id);

/* The text views of the Evaluate step in order: propositions, reasoning, limitations. */
void
collect_text_views (GtkWidget *root,
                    GPtrArray *views);

void
set_text (GtkTextView *view,
          const char  *text);

void
on_signed (LkEvaluateDialog *dialog,
           gint64            id,
           gint64           *out);

gboolean
has_signed (gpointer data);

/* The entry rows where a consistency warning is acknowledged, each under its warning's text. */
void
collect_acknowledgement_rows (GtkWidget *root,
                              GPtrArray *rows);

/* The first visible label under @root whose text contains @text. */
GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text);

gboolean
message_in_view (gpointer data);

gboolean
page_scrolls (gpointer data);

/* Where the examiner is when pressing Sign: at the signature, the bottom of the page. */
void
scroll_to_bottom (GtkWidget *dialog);

const char *
password_of (GtkWidget *dialog);

/* Chooses a level in the Evaluate step as a user does: its radio button, found by the row
 * that shows the level in full. */
void
choose_level (GtkWidget  *dialog,
              const char *title);

G_END_DECLS
