/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A modal message about a failure, attached to @widget's window. */
void lk_show_error       (GtkWidget      *widget,
                          const char     *heading,
                          const char     *body);
/* GTK 4.8 names a drop-down's inner button by its class ("GtkToggleButton") and a stack's
 * pages likewise ("GtkStackPage"): these give them @label, and each page its title. */
void lk_label_drop_down  (GtkDropDown    *drop_down,
                          const char     *label);
void lk_label_stack_pages (GtkStack      *stack);
/* GTK 4.8 names a button with a text twice ("_Log In Log In"): the label it sets on the button
 * and the text of the label inside, run together. Under @root (and for every later change of a
 * button's text), the text inside alone names each such button; a button that needs more says
 * it in its accessible description. A stack switcher's tabs, which GTK 4.8 names by their class
 * ("GtkToggleButton"), are named by their text; the lists of a preferences group (read as
 * "GtkListBox" otherwise) by the group's title, or its description when it has no title, and
 * those of an expander row by its title. */
void lk_fix_button_names (GtkWidget      *root);
/* Presents a message dialog with its buttons named as lk_fix_button_names() names them. */
void lk_present_dialog   (GtkWindow      *dialog);
/* A button built in code showing @mnemonic (its access key underlined), named by that text
 * alone (see lk_fix_button_names), with @description saying what it acts on. */
GtkWidget *lk_mnemonic_button_new (const char *mnemonic,
                                   const char *description);
/* The same for @error: a refusal for want of a role is headed "Not Allowed", not as if the
 * thing itself had failed (@heading otherwise). */
void lk_show_failure     (GtkWidget      *widget,
                          const char     *heading,
                          const GError   *error);
/* A failure with no window to attach to: the application quits once it is read. */
void lk_show_fatal_error (GtkApplication *app,
                          const char     *heading,
                          const char     *body);
/* A toast showing @text as written: a toast's title is Pango markup, and messages carry user
 * text (case numbers, names, notes, a list's engine name) that must not be read as markup. */
AdwToast *lk_toast_new   (const char     *text);
/* A short notice in the nearest toast overlay above @widget (made with lk_toast_new()). */
void lk_toast            (GtkWidget      *widget,
                          const char     *text);
/* Sets @page's description to @text as written: a status page's description is Pango markup,
 * and what is shown there (core error messages, paths) carries user text. */
void lk_status_page_set_text (AdwStatusPage  *page,
                              const char     *text);
/* Sets @label's text and shows it, or hides it when @text is NULL. */
void lk_label_set_message (GtkLabel      *label,
                           const char    *text);
/* A stored ISO 8601 time as people read it, in UTC: "2026-01-15 14:32 UTC"; a plain date or
 * other text as written; NULL as "Not recorded". */
char *lk_format_utc       (const char    *iso);
/* Why an image is not shown, in a few words: "Image purged on 2027-01-20 under rule
 * “candidate”" for an %LK_ERROR_PURGED error (read from the error's purge, not its message),
 * "Image failed its integrity check", else "Image cannot be shown". */
char *lk_image_error_text (const GError  *error);

/* Where the user is in a list box of titled rows (the focused and the selected row, by title),
 * kept across a refill of its rows so that a refresh does not move them. */
typedef struct
{
  char *focused;
  char *selected;
} LkListPlace;

LkListPlace *lk_list_place_save    (GtkListBox  *list);
void         lk_list_place_restore (LkListPlace *place,
                                    GtkListBox  *list);
void         lk_list_place_free    (LkListPlace *place);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkListPlace, lk_list_place_free)

G_END_DECLS
