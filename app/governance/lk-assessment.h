/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The self-assessment questionnaire of the policy framework, grouped by its nine principles
 * (resources/data/self-assessment.json): answered yes, partly, no or not applicable with a
 * comment and evidence, with Likeness's own figures proposing an answer where it holds the
 * evidence; saved per date and compared with the previous assessment. */
#pragma once

#include <json-glib/json-glib.h>

#include "people/lk-session.h"

G_BEGIN_DECLS

typedef enum
{
  LK_ANSWER_NONE,
  LK_ANSWER_YES,
  LK_ANSWER_PARTLY,
  LK_ANSWER_NO,
  LK_ANSWER_NOT_APPLICABLE,
} LkAnswer;

const char *lk_answer_to_string (LkAnswer     answer);
/* "yes", "partly", "no", "not-applicable"; an %LK_ERROR_INVALID_INPUT error otherwise. */
gboolean    lk_answer_parse     (const char  *text,
                                 LkAnswer    *answer,
                                 GError     **error);

typedef struct
{
  char     *id;          /* "6.3" */
  int       principle;   /* 1 to 9 */
  char     *principle_title;
  char     *text;
  char     *evidence_kind; /* what Likeness can measure for it; NULL: nothing */
  LkAnswer  proposed;    /* from the figure; NONE without one */
  char     *figure;      /* "12 of 14 cases (86 %)"; NULL without one */
  LkAnswer  answer;
  char     *comment;
  char     *evidence;
  LkAnswer  previous;    /* in the previous assessment; NONE when there was none */
} LkAssessmentAnswer;

typedef struct
{
  gint64     id;          /* 0 until saved */
  char      *assessed_on; /* YYYY-MM-DD */
  char      *edition;
  char      *by;
  GPtrArray *answers;     /* of LkAssessmentAnswer, in the questionnaire's order */
  char      *previous_on; /* the date of the previous assessment; NULL when none */
} LkAssessment;

void lk_assessment_free (LkAssessment *assessment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkAssessment, lk_assessment_free)

/* Administrators. The questionnaire with Likeness's proposals (and figures) as the answers,
 * compared with the latest saved assessment; nothing is saved. */
LkAssessment *lk_assessment_propose (LkSession     *session,
                                     GError       **error);
/* The same in a worker thread (it checks the audit chain, which takes a while). */
void          lk_assessment_propose_async  (LkSession            *session,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
LkAssessment *lk_assessment_propose_finish (GAsyncResult         *result,
                                            GError              **error);
LkAssessmentAnswer *lk_assessment_find (LkAssessment *assessment,
                                        const char   *id);
/* Saves @assessment for the day @assessed_on (YYYY-MM-DD, NULL: today), one per day, as it is
 * answered; audited. Returns its id. */
gint64        lk_assessment_save    (LkSession     *session,
                                     LkAssessment  *assessment,
                                     const char    *assessed_on,
                                     GError       **error);
/* The assessment @id (0: the latest), compared with the one before it. */
LkAssessment *lk_assessment_load    (LkSession     *session,
                                     gint64         id,
                                     GError       **error);
JsonObject   *lk_assessment_to_json (const LkAssessment *assessment);
/* Administrators: installs an agency's own edition of the questionnaire from the JSON file at
 * @path (the shipped file's format, checked against its schema, every question id once) and
 * makes it the current one; returns its edition name. An edition name is bound to its content:
 * the same name with other content is refused (%LK_ERROR_EXISTS); a malformed file is refused
 * (%LK_ERROR_INVALID_INPUT) and nothing changes. Audited ("assessment-edition.installed"). New
 * assessments answer the current edition; a saved one is read in the edition it answered. */
char         *lk_assessment_install (LkSession     *session,
                                     const char    *path,
                                     GError       **error);
/* The edition new assessments answer; NULL with @error when it cannot be read. */
char         *lk_assessment_current_edition (LkStore  *store,
                                             GError  **error);

/* A PDF of the assessment, laid out as the reports are; audited. */
gboolean      lk_assessment_export_pdf (LkSession          *session,
                                        const LkAssessment *assessment,
                                        const char         *path,
                                        GError            **error);

G_END_DECLS
