/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for widget tests: find widgets the way a user sees them, wait for the main loop. */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

typedef gboolean (*LkTestCondition) (gpointer data);

void       lk_test_ui_init       (int              *argc,
                                  char           ***argv);
/* Iterates the main loop until @condition holds or @timeout_ms pass; returns the condition. */
gboolean   lk_test_wait          (LkTestCondition   condition,
                                  gpointer          data,
                                  guint             timeout_ms);
void       lk_test_spin          (guint             milliseconds);
/* Waits until a visible label under @root reads @text; returns whether one did. A refusal is
 * asserted by waiting for its message, never by a fixed wait in which nothing happened. */
gboolean   lk_test_wait_shown    (GtkWidget        *root,
                                  const char       *text,
                                  guint             timeout_ms);
/* The same for a visible label whose text contains @part. */
gboolean   lk_test_wait_shown_containing (GtkWidget *root,
                                          const char *part,
                                          guint       timeout_ms);
/* Waits until no toplevel window of @type is left; returns whether none is. */
gboolean   lk_test_wait_closed   (GType             type,
                                  guint             timeout_ms);
/* Destroys @window and waits until it and each object of the NULL-terminated list after it
 * (its pages, say) are finalized; fails the test, naming the survivor, when one is kept alive:
 * a reference cycle, a signal handler or an unfinished job that holds it. */
void       lk_test_destroy_window (gpointer         window,
                                   ...) G_GNUC_NULL_TERMINATED;
/* Drops the caller's reference to @object and waits until it is finalized, as the jobs that
 * still hold it finish; fails the test when something keeps it alive. */
void       lk_test_unref_finalized (gpointer        object);
/* The first widget under @root of @type whose visible text is @text: a row's title, a
 * button's label (mnemonic underscores ignored), a label's text or an image's icon name. */
GtkWidget *lk_test_find          (GtkWidget        *root,
                                  GType             type,
                                  const char       *text);
/* The first widget under @root of @type, whatever its text. */
GtkWidget *lk_test_find_type     (GtkWidget        *root,
                                  GType             type);
/* Whether @widget is drawn inside @window and inside every scrolled window around it, as it
 * stands scrolled: seen without having to look for it. */
gboolean   lk_test_in_view       (GtkWidget        *widget,
                                  GtkWidget        *window);
/* Fails unless @widget's accessible @property (a text one) is @expected; the program must run
 * with GTK_A11Y=test, which keeps the properties where they can be read. */
void       lk_test_assert_accessible (GtkWidget            *widget,
                                      GtkAccessibleProperty property,
                                      const char           *expected);
/* The first toplevel window of @type. */
GtkWidget *lk_test_find_window   (GType             type);
void       lk_test_set_text      (GtkWidget        *root,
                                  const char       *row_title,
                                  const char       *text);
void       lk_test_click         (GtkWidget        *root,
                                  const char       *button_label);
/* A fresh database in a temporary folder; @admin_password may be NULL for an empty one. */
LkStore   *lk_test_store_new     (char            **folder,
                                  const char       *admin_password);
void       lk_test_remove_folder (const char       *folder);
/* The first column of the first row of @sql, run on @store (a count, an id). */
gint64     lk_test_sql_int64     (LkStore          *store,
                                  const char       *sql);

/* Saves what @window shows as @name (a PNG) in the folder LIKENESS_TEST_SHOTS names, to look
 * at; does nothing without it. */
void       lk_test_shoot         (GtkWidget        *window,
                                  const char       *name);

G_END_DECLS
