/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cases: the new-case form, approval, and probe import through the provenance form. */
#include "config.h"

#include "lk-case-dialog.h"
#include "lk-case-page.h"
#include "lk-cases-page.h"
#include "lk-probe-import-dialog.h"
#include "lk-test-ui.h"
#include "casework/lk-cases.h"
#include "casework/lk-vocabulary.h"
#include "demo/lk-demo.h"
#include "people/lk-session.h"
#include "people/lk-users.h"
#include "reference/lk-data.h"
#include "store/lk-store.h"

#define ADMIN_PASSWORD "amber lantern 41"
#define EXAMINER_PASSWORD "copper kettle 27"
#define ACQUIRED_AT "Acquired at (ISO 8601, with its time zone)"

typedef struct
{
  char        *folder;
  LkStore     *store;
  LkSession   *admin;
  LkSession   *examiner;
  GtkWidget   *window;
  LkCasesPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = lk_test_store_new (&f->folder, ADMIN_PASSWORD);
  f->admin = lk_session_login (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  lk_users_add (f->admin, "erin", "Erin Examiner", LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  f->examiner = lk_session_login (f->store, "erin", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  f->page = g_object_new (LK_TYPE_CASES_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (f->window), adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = lk_test_find_window (LK_TYPE_PROBE_IMPORT_DIALOG)) != NULL)
    lk_test_destroy_window (dialog, NULL);
  while ((dialog = lk_test_find_window (LK_TYPE_CASE_DIALOG)) != NULL)
    lk_test_destroy_window (dialog, NULL);
  lk_test_destroy_window (f->window, f->page, NULL);
  g_clear_object (&f->examiner);
  g_clear_object (&f->admin);
  /* No widget kept a session: the database closes. */
  lk_test_unref_finalized (g_steal_pointer (&f->store));
  lk_test_remove_folder (f->folder);
  g_free (f->folder);
}

static AdwComboRow *
offence_row (GtkWidget *dialog)
{
  return ADW_COMBO_ROW (lk_test_find (dialog, ADW_TYPE_PREFERENCES_ROW, "Offence category"));
}

/* Item 0 of the list chooses no category; the offences follow in their order. */
static void
select_offence (GtkWidget  *dialog,
                const char *code)
{
  const GPtrArray *offences = lk_offences ();
  gboolean found = FALSE;

  for (guint i = 0; i < offences->len; i++)
    if (g_str_equal (((LkOffence *) g_ptr_array_index (offences, i))->code, code))
      {
        adw_combo_row_set_selected (offence_row (dialog), i + 1);
        found = TRUE;
      }
  g_assert_true (found);
}

/* The shown text of the chosen item of the offence list. */
static const char *
chosen_offence_text (GtkWidget *dialog)
{
  GObject *item = adw_combo_row_get_selected_item (offence_row (dialog));

  g_assert_true (GTK_IS_STRING_OBJECT (item));
  return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
}

static GtkWidget *
find_text_view (GtkWidget *root)
{
  if (GTK_IS_TEXT_VIEW (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_text_view (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
fill_case (GtkWidget  *dialog,
           const char *number,
           const char *offence,
           const char *purpose)
{
  lk_test_set_text (dialog, "Case number", number);
  lk_test_set_text (dialog, "Title", "Robbery at the corner shop");
  if (offence != NULL)
    select_offence (dialog, offence);
  lk_test_set_text (dialog, "Requesting unit", "CID North");
  lk_test_set_text (dialog, "Legal basis", "Criminal Procedure Act s. 12");
  lk_test_set_text (dialog, "Authorising officer", "DI Grey");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_text_view (dialog))),
                            purpose, -1);
}

static gboolean
shows_case_page (gpointer data)
{
  return lk_test_find (data, ADW_TYPE_PREFERENCES_ROW, "Analysis") != NULL ||
         lk_test_find (data, ADW_TYPE_PREFERENCES_ROW, "Open") != NULL ||
         lk_test_find (data, ADW_TYPE_PREFERENCES_ROW, "Awaiting approval") != NULL;
}

static void
test_new_case_form (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *dialog;
  g_autoptr(LkCase) stored = NULL;
  g_auto(GStrv) visible = NULL;

  lk_cases_page_set_session (f->page, f->examiner);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "cases.new", NULL);
  dialog = lk_test_find_window (LK_TYPE_CASE_DIALOG);
  g_assert_nonnull (dialog);

  /* Without the purpose statement the core refuses and the form stays. */
  fill_case (dialog, "2026/0042", "ROB", "");
  lk_test_click (dialog, "Create");
  g_assert_nonnull (lk_test_find (dialog, GTK_TYPE_LABEL,
                                  "The purpose and necessity statement is required"));
  g_assert_nonnull (lk_test_find_window (LK_TYPE_CASE_DIALOG));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_text_view (dialog))),
                            "The robber's face is visible on the shop's CCTV.", -1);
  /* The core checks the review date as it does for likeness-cli. */
  lk_test_set_text (dialog, "Review date (YYYY-MM-DD, optional)", "1900-01-01");
  lk_test_click (dialog, "Create");
  g_assert_nonnull (lk_test_find (dialog, GTK_TYPE_LABEL, "The review date “1900-01-01” has "
                                  "passed: it must be today or later"));
  g_assert_null (lk_cases_get (f->examiner, "2026/0042", NULL));
  lk_test_set_text (dialog, "Review date (YYYY-MM-DD, optional)", "");
  lk_test_click (dialog, "Create");
  g_assert_true (lk_test_wait_closed (LK_TYPE_CASE_DIALOG, 2000));
  g_assert_true (lk_test_wait (shows_case_page, f->page, 2000));

  stored = lk_cases_get (f->examiner, "2026/0042", NULL);
  g_assert_nonnull (stored);
  g_assert_cmpstr (lk_case_get_requested_by (stored), ==, "CID North");
  g_assert_cmpstr (lk_case_get_status (stored), ==, "open");
  visible = lk_cases_page_dup_visible (f->page);
  g_assert_cmpstrv (visible, ((const char * const[]) { "2026/0042", NULL }));
}

static gboolean
offence_error_in_view (gpointer data)
{
  GtkWidget *label = lk_test_find (data, GTK_TYPE_LABEL, "The offence category is required");

  return label != NULL && gtk_widget_get_visible (label) && lk_test_in_view (label, data);
}

static gboolean
form_scrolls (gpointer data)
{
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (data);

  return gtk_adjustment_get_upper (v) > gtk_adjustment_get_page_size (v) + 1;
}

/* The form opens with no offence category chosen, and is not created until one is: the error
 * is in view though the form is scrolled to its end, where Create is pressed. */
static void
test_new_case_needs_offence (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *dialog;
  GtkScrolledWindow *form;
  GtkAdjustment *v;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = NULL;

  lk_cases_page_set_session (f->page, f->examiner);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "cases.new", NULL);
  dialog = lk_test_find_window (LK_TYPE_CASE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (chosen_offence_text (dialog), ==, "Choose a category…");

  /* A screen too short for the whole form. */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 620, 420);
  form = GTK_SCROLLED_WINDOW (lk_test_find_type (dialog, GTK_TYPE_SCROLLED_WINDOW));
  g_assert_true (lk_test_wait (form_scrolls, form, 5000));
  v = gtk_scrolled_window_get_vadjustment (form);
  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));

  fill_case (dialog, "2026/0043", NULL, "The robber's face is visible on the shop's CCTV.");
  lk_test_click (dialog, "Create");
  g_assert_true (lk_test_wait (offence_error_in_view, dialog, 5000));
  g_assert_nonnull (lk_test_find_window (LK_TYPE_CASE_DIALOG));
  cases = lk_cases_list (f->examiner, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 0);

  /* Choosing one, then going back to none, is still no choice. */
  select_offence (dialog, "THF");
  adw_combo_row_set_selected (offence_row (dialog), 0);
  lk_test_click (dialog, "Create");
  g_assert_nonnull (lk_test_find_window (LK_TYPE_CASE_DIALOG));
  g_assert_null (lk_cases_get (f->examiner, "2026/0043", NULL));
}

static LkCase *
create_case (Fixture    *f,
             const char *number,
             const char *offence)
{
  LkCaseRequest request = { number, "Test case", offence, "Statute s. 1", "Needed because.",
                            "DI Grey", "CID North", NULL };
  g_autoptr(GError) error = NULL;
  LkCase *c = lk_cases_create (f->examiner, &request, &error);

  g_assert_no_error (error);
  return c;
}

typedef struct
{
  LkCasesPage *page;
  guint        n_visible;
  const char  *first;
} Visible;

static gboolean
shows_cases (gpointer data)
{
  Visible *v = data;
  g_auto(GStrv) visible = lk_cases_page_dup_visible (v->page);

  return g_strv_length (visible) == v->n_visible &&
         (v->first == NULL || g_strcmp0 (visible[0], v->first) == 0);
}

static void
test_search_and_filter (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LkCase) a = create_case (f, "A-1", "ROB");
  g_autoptr(LkCase) b = create_case (f, "B-2", "THF");
  g_auto(GStrv) all = NULL, searched = NULL, awaiting = NULL, mine = NULL;
  Visible only_b = { f->page, 1, "B-2" }, both = { f->page, 2, NULL };
  GtkWidget *search, *status;

  lk_cases_page_set_session (f->page, f->examiner);
  all = lk_cases_page_dup_visible (f->page);
  g_assert_cmpuint (g_strv_length (all), ==, 2);

  search = lk_test_find_type (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);
  /* The entry waits a moment before searching. */
  gtk_editable_set_text (GTK_EDITABLE (search), "b-2");
  g_assert_true (lk_test_wait (shows_cases, &only_b, 5000));
  searched = lk_cases_page_dup_visible (f->page);
  g_assert_cmpstrv (searched, ((const char * const[]) { "B-2", NULL }));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_assert_true (lk_test_wait (shows_cases, &both, 5000));

  status = lk_test_find_type (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN);
  /* Item 0 is "All statuses", then the statuses in order: 1 is awaiting approval. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), 1);
  awaiting = lk_cases_page_dup_visible (f->page);
  g_assert_cmpstrv (awaiting, ((const char * const[]) { "B-2", NULL }));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), 0);

  /* The administrator created no case: "My cases" is empty for them. */
  lk_cases_page_set_session (f->page, f->admin);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_next_sibling (status)), 1);
  mine = lk_cases_page_dup_visible (f->page);
  g_assert_cmpuint (g_strv_length (mine), ==, 0);
  g_assert_nonnull (lk_test_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "No Matching Cases"));
}

/* Each examiner of the listed cases can be chosen by name, and the choice survives a reload. */
static void
test_filter_by_examiner (Fixture       *f,
                         gconstpointer  data)
{
  LkCaseRequest request = { "C-3", "Second examiner's case", "ROB", "Statute s. 1",
                            "Needed because.", "DI Grey", "CID North", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LkSession) other = NULL;
  g_autoptr(LkCase) a = create_case (f, "A-1", "ROB");
  g_autoptr(LkCase) c = NULL;
  g_auto(GStrv) by_erin = NULL, by_olga = NULL, after = NULL;
  GtkDropDown *examiners;
  GListModel *names;

  lk_users_add (f->admin, "olga", "Olga Other", LK_ROLE_EXAMINER, EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  other = lk_session_login (f->store, "olga", EXAMINER_PASSWORD, &error);
  g_assert_no_error (error);
  c = lk_cases_create (other, &request, &error);
  g_assert_no_error (error);

  lk_cases_page_set_session (f->page, f->admin);
  examiners = GTK_DROP_DOWN (gtk_widget_get_next_sibling (
    lk_test_find_type (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN)));
  names = gtk_drop_down_get_model (examiners);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 2), ==, "erin");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 3), ==, "olga");

  gtk_drop_down_set_selected (examiners, 2);
  by_erin = lk_cases_page_dup_visible (f->page);
  g_assert_cmpstrv (by_erin, ((const char * const[]) { "A-1", NULL }));
  gtk_drop_down_set_selected (examiners, 3);
  by_olga = lk_cases_page_dup_visible (f->page);
  g_assert_cmpstrv (by_olga, ((const char * const[]) { "C-3", NULL }));

  lk_cases_page_reload (f->page);
  g_assert_cmpuint (gtk_drop_down_get_selected (examiners), ==, 3);
  after = lk_cases_page_dup_visible (f->page);
  g_assert_cmpstrv (after, ((const char * const[]) { "C-3", NULL }));
}

static gboolean
row_subtitle_contains (GtkWidget  *root,
                       const char *text)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      if (ADW_IS_ACTION_ROW (w) && adw_action_row_get_subtitle (ADW_ACTION_ROW (w)) != NULL &&
          strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (w)), text) != NULL)
        return TRUE;
      if (row_subtitle_contains (w, text))
        return TRUE;
    }
  return FALSE;
}

/* The case page says how far the work on each probe has come: the demo's fourth case has one
 * examination with a signed conclusion, waiting for its reviewer. */
static void
test_case_page_shows_examinations (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->folder, "demo.db", NULL);
  g_autoptr(LkStore) demo = lk_demo_open (path, &error);
  g_autoptr(LkSession) examiner = NULL;
  LkCasePage *page;

  g_assert_no_error (error);
  examiner = lk_session_login (demo, "demo-examiner", "demo", &error);
  g_assert_no_error (error);
  page = lk_case_page_new (examiner, "DEMO-2026-004");
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (f->window))),
                               GTK_WIDGET (page));
  g_assert_true (row_subtitle_contains (GTK_WIDGET (page),
                                        "1 examination, 1 with a signed conclusion"));
}

typedef struct
{
  LkSession  *session;
  const char *number;
  int         n_probes;
} ProbeCount;

static gboolean
has_probes (gpointer data)
{
  ProbeCount *count = data;
  g_autoptr(LkCase) c = lk_cases_get (count->session, count->number, NULL);

  return c != NULL && lk_case_get_n_probes (c) == count->n_probes;
}

static GFile *
demo_image (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("LIKENESS_SOURCE_DIR"), "data", "demo",
                                            "grace_hopper.jpg", NULL);

  return g_file_new_for_path (path);
}

static void
select_kind (GtkWidget  *dialog,
             const char *kind)
{
  AdwComboRow *row = ADW_COMBO_ROW (lk_test_find (dialog, ADW_TYPE_PREFERENCES_ROW,
                                                  "Probe kind"));
  const char * const *kinds = lk_vocabulary_probe_kinds ();

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i], kind))
      adw_combo_row_set_selected (row, i);
}

static void
test_import_probe (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LkCase) c = create_case (f, "C-3", "ROB");
  g_autoptr(GFile) file = demo_image ();
  ProbeCount one = { f->examiner, "C-3", 1 };
  GtkWidget *dialog, *import;
  LkCasePage *page;

  lk_cases_page_set_session (f->page, f->examiner);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "cases.open", "s", "C-3");
  page = LK_CASE_PAGE (lk_test_find_type (GTK_WIDGET (f->page), LK_TYPE_CASE_PAGE));
  g_assert_nonnull (page);
  lk_case_page_import (page, file);
  dialog = lk_test_find_window (LK_TYPE_PROBE_IMPORT_DIALOG);
  g_assert_nonnull (dialog);

  /* A sketch is refused by policy before anything is read. */
  select_kind (dialog, "sketch");
  import = lk_test_find (dialog, GTK_TYPE_BUTTON, "Import");
  g_assert_false (gtk_widget_get_sensitive (import));
  select_kind (dialog, "video-frame");
  g_assert_true (gtk_widget_get_sensitive (import));

  /* A time without its zone is refused by the core, as it is for likeness-cli. */
  lk_test_set_text (dialog, ACQUIRED_AT, "2026-11-20 21:40");
  lk_test_set_text (dialog, "Legal authority reference", "");
  lk_test_set_text (dialog, "Chain-of-custody note", "Exhibit JD/1, received sealed");
  lk_test_click (dialog, "Import");
  g_assert_true (lk_test_wait_shown (dialog, "The time of acquisition “2026-11-20 21:40” is not a "
                                     "date and time with a time zone in ISO 8601, such as "
                                     "2026-01-15T14:32:00Z or 2026-01-15T15:32:00+01:00", 15000));

  /* Missing provenance: once the core has answered, its message, and nothing stored. */
  lk_test_set_text (dialog, ACQUIRED_AT, "2026-11-20T21:40+01:00");
  lk_test_click (dialog, "Import");
  g_assert_true (lk_test_wait_shown (dialog, "The provenance needs the legal authority reference",
                                     15000));
  g_assert_nonnull (lk_test_find_window (LK_TYPE_PROBE_IMPORT_DIALOG));
  g_assert_false (has_probes (&one));

  lk_test_set_text (dialog, "Legal authority reference", "Warrant 2026/77");
  lk_test_click (dialog, "Import");
  g_assert_true (lk_test_wait (has_probes, &one, 15000));
  g_assert_true (lk_test_wait_closed (LK_TYPE_PROBE_IMPORT_DIALOG, 5000));
  g_assert_nonnull (lk_test_find (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_ROW,
                                  "Probe 1: grace_hopper.jpg"));
  /* The first probe moved the case into analysis. */
  g_assert_nonnull (lk_test_find (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_ROW, "Analysis"));
}

static void
test_approval (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LkCase) c = create_case (f, "T-9", "THF");
  g_autoptr(LkCase) after = NULL;
  GtkWidget *page, *confirm, *reason;

  g_assert_cmpstr (lk_case_get_status (c), ==, "awaiting-approval");
  lk_cases_page_set_session (f->page, f->admin);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "cases.open", "s", "T-9");
  page = lk_test_find_type (GTK_WIDGET (f->page), LK_TYPE_CASE_PAGE);
  g_assert_false (gtk_widget_is_sensitive (lk_test_find (page, ADW_TYPE_BUTTON_CONTENT,
                                                         "Import Probe…")));
  gtk_widget_activate_action (page, "case.approve", NULL);
  confirm = lk_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  reason = lk_test_find (confirm, ADW_TYPE_PREFERENCES_ROW, "Reason");
  gtk_editable_set_text (GTK_EDITABLE (reason), "Series of thefts from a pharmacy");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "approve");

  after = lk_cases_get (f->admin, "T-9", NULL);
  g_assert_cmpstr (lk_case_get_status (after), ==, "open");
  g_assert_cmpstr (lk_case_get_decision_note (after), ==, "Series of thefts from a pharmacy");
  g_assert_nonnull (lk_test_find (page, ADW_TYPE_PREFERENCES_ROW, "Open"));
}

#define ADD(path, func) \
  g_test_add ("/likeness/cases/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  lk_test_ui_init (&argc, &argv);
  ADD ("new-case-form", test_new_case_form);
  ADD ("new-case-needs-offence", test_new_case_needs_offence);
  ADD ("search-and-filter", test_search_and_filter);
  ADD ("filter-by-examiner", test_filter_by_examiner);
  ADD ("case-page-shows-examinations", test_case_page_shows_examinations);
  ADD ("import-probe", test_import_probe);
  ADD ("approval", test_approval);
  return g_test_run ();
}
