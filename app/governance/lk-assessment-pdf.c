/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The self-assessment as a PDF, laid out by the report's own layout code: principle by
 * principle, each question with its answer, what Likeness proposed from which figure, the
 * comment and evidence, and the answer of the assessment before. */
#include "config.h"

#include "governance/lk-assessment-private.h"
#include "lk-build-id.h"
#include "report/lk-report-layout-private.h"
#include "lk-util.h"
#include "store/lk-audit.h"

static const char *
shown (LkAnswer answer)
{
  return answer == LK_ANSWER_NONE ? "—" : lk_answer_to_string (answer);
}

static void
lay_out_principle (LkLayout           *layout,
                   const LkAssessment *assessment,
                   guint              *i)
{
  const LkAssessmentAnswer *first = g_ptr_array_index (assessment->answers, *i);
  g_autofree char *heading = g_strdup_printf ("%d. %s", first->principle,
                                              first->principle_title);

  lk_layout_heading (layout, 2, heading);
  for (; *i < assessment->answers->len; (*i)++)
    {
      const LkAssessmentAnswer *a = g_ptr_array_index (assessment->answers, *i);
      g_autofree char *question = NULL;
      g_autofree char *answer = NULL;

      if (a->principle != first->principle)
        break;
      question = g_strdup_printf ("%s %s", a->id, a->text);
      answer = assessment->previous_on != NULL
               ? g_strdup_printf ("%s (on %s: %s)", shown (a->answer), assessment->previous_on,
                                  shown (a->previous))
               : g_strdup (shown (a->answer));
      lk_layout_text (layout, question);
      lk_layout_field (layout, "Answer", answer);
      if (a->figure != NULL)
        {
          g_autofree char *proposal = g_strdup_printf ("%s, from: %s", shown (a->proposed),
                                                       a->figure);

          lk_layout_field (layout, "Likeness proposed", proposal);
        }
      lk_layout_field (layout, "Comment", a->comment);
      lk_layout_field (layout, "Evidence", a->evidence);
      lk_layout_space (layout, 6);
    }
}

static int
lay_out (const LkAssessment  *assessment,
         const LkLayoutPage  *page,
         const char          *path,
         int                  n_pages,
         GError             **error)
{
  g_autoptr(LkLayout) layout = lk_layout_new (path, page, n_pages, error);
  g_autofree char *intro = NULL;

  if (layout == NULL)
    return 0;
  lk_layout_heading (layout, 1, page->title);
  intro = g_strdup_printf ("Self-assessment against the nine principles of the Policy Framework "
                           "for Responsible Limits on Facial Recognition (law-enforcement "
                           "investigations), questionnaire edition “%s”. Where Likeness holds "
                           "the evidence it proposed an answer from its own records; the answers "
                           "are the administrator's.", assessment->edition);
  lk_layout_text (layout, intro);
  lk_layout_field (layout, "Assessed on", assessment->assessed_on);
  lk_layout_field (layout, "By", assessment->by);
  lk_layout_field (layout, "Previous assessment", assessment->previous_on);
  for (guint i = 0; i < assessment->answers->len;)
    lay_out_principle (layout, assessment, &i);
  return lk_layout_finish (layout, error);
}

gboolean
lk_assessment_export_pdf (LkSession          *session,
                          const LkAssessment *assessment,
                          const char         *path,
                          GError            **error)
{
  LkStore *store = lk_session_get_store (session);
  g_autofree char *title = g_strdup_printf ("Self-assessment of %s", assessment->assessed_on
                                                                      ? assessment->assessed_on
                                                                      : "today (not saved)");
  g_autofree char *footer = g_strdup_printf ("Likeness %s (build %s)", PACKAGE_VERSION,
                                             LK_BUILD_ID);
  g_autoptr(JsonObject) details = json_object_new ();
  LkLayoutPage page = { 595.276, 841.89, NULL, footer, FALSE, lk_store_is_demo (store), title,
                        assessment->by, "Self-assessment against the policy framework",
                        "Self-assessment of the laboratory - not casework" };
  g_autofree char *object = NULL;
  LkActor actor;
  int n_pages;

  if (!lk_session_require (session, LK_ROLE_ADMINISTRATOR, &actor, error) ||
      (n_pages = lay_out (assessment, &page, NULL, 0, error)) == 0 ||
      lay_out (assessment, &page, path, n_pages, error) == 0)
    return FALSE;
  json_object_set_string_member (details, "assessed_on", assessment->assessed_on);
  json_object_set_int_member (details, "pages", n_pages);
  object = assessment->id > 0 ? lk_object_name ("assessment", assessment->id) : g_strdup ("");
  return lk_audit_record (store, &actor, "assessment.exported", object, details, error);
}
