/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "verification/lk-verification-private.h"

struct _LkVerification
{
  GObject   parent_instance;

  gint64    id;
  gint64    examination_id;
  char     *case_number;
  gint64    probe_id;
  gint64    candidate_id;
  char     *subject_ref;
  char     *stage;
  gboolean  blind;
  char     *state;
  char     *examiner;
  char     *submitted_at;
  char     *reviewer;
  char     *assigned_at;
  gint64    review_examination_id;
  gboolean  reviewer_signed;
  int       conclusion_revision;
  char     *examiner_level;
  char     *closed_at;
  gint64    resolves;
  gint64    reviewer_id;
  gint64    examiner_id;
};

G_DEFINE_FINAL_TYPE (LkVerification, lk_verification, G_TYPE_OBJECT)

static void
lk_verification_finalize (GObject *object)
{
  LkVerification *self = LK_VERIFICATION (object);

  g_free (self->case_number);
  g_free (self->subject_ref);
  g_free (self->stage);
  g_free (self->state);
  g_free (self->examiner);
  g_free (self->submitted_at);
  g_free (self->reviewer);
  g_free (self->assigned_at);
  g_free (self->examiner_level);
  g_free (self->closed_at);
  G_OBJECT_CLASS (lk_verification_parent_class)->finalize (object);
}

static void
lk_verification_class_init (LkVerificationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_verification_finalize;
}

static void
lk_verification_init (LkVerification *self)
{
}

LkVerification *
lk_verification_from_row (LkStmt *stmt,
                          gint64  viewer_id)
{
  LkVerification *self = g_object_new (LK_TYPE_VERIFICATION, NULL);

  self->id = lk_stmt_int64 (stmt, 0);
  self->examination_id = lk_stmt_int64 (stmt, 1);
  self->case_number = lk_stmt_dup_text (stmt, 2);
  self->probe_id = lk_stmt_int64 (stmt, 3);
  self->candidate_id = lk_stmt_int64 (stmt, 4);
  self->subject_ref = lk_stmt_dup_text (stmt, 5);
  self->stage = lk_stmt_dup_text (stmt, 6);
  self->blind = lk_stmt_int (stmt, 7) != 0;
  self->state = lk_stmt_dup_text (stmt, 8);
  self->examiner = lk_stmt_dup_text (stmt, 9);
  self->submitted_at = lk_stmt_dup_text (stmt, 10);
  self->reviewer = lk_stmt_dup_text (stmt, 11);
  self->assigned_at = lk_stmt_dup_text (stmt, 12);
  self->review_examination_id = lk_stmt_int64 (stmt, 13);
  self->reviewer_signed = lk_stmt_int (stmt, 14) != 0;
  self->conclusion_revision = lk_stmt_int (stmt, 15);
  self->closed_at = lk_stmt_dup_text (stmt, 17);
  self->resolves = lk_stmt_int64 (stmt, 18);
  self->reviewer_id = lk_stmt_int64 (stmt, 19);
  self->examiner_id = lk_stmt_int64 (stmt, 20);
  /* A blind reviewer sees the examiner's opinion only after signing their own; so does anyone
   * else who is not the examiner while the verification is blind and unsigned. */
  if (!self->blind || self->reviewer_signed || viewer_id == self->examiner_id)
    self->examiner_level = lk_stmt_dup_text (stmt, 16);
  return self;
}

gint64
lk_verification_reviewer_id (LkVerification *self)
{
  return self->reviewer_id;
}

gint64
lk_verification_examiner_id (LkVerification *self)
{
  return self->examiner_id;
}

#define STRING_GETTER(field) \
  const char * \
  lk_verification_get_##field (LkVerification *self) \
  { \
    g_return_val_if_fail (LK_IS_VERIFICATION (self), NULL); \
    return self->field; \
  }

#define ID_GETTER(field) \
  gint64 \
  lk_verification_get_##field (LkVerification *self) \
  { \
    g_return_val_if_fail (LK_IS_VERIFICATION (self), 0); \
    return self->field; \
  }

ID_GETTER (id)
ID_GETTER (examination_id)
ID_GETTER (probe_id)
ID_GETTER (candidate_id)
ID_GETTER (review_examination_id)
ID_GETTER (resolves)
STRING_GETTER (case_number)
STRING_GETTER (subject_ref)
STRING_GETTER (stage)
STRING_GETTER (state)
STRING_GETTER (examiner)
STRING_GETTER (submitted_at)
STRING_GETTER (reviewer)
STRING_GETTER (assigned_at)
STRING_GETTER (examiner_level)
STRING_GETTER (closed_at)

gboolean
lk_verification_get_blind (LkVerification *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION (self), FALSE);
  return self->blind;
}

gboolean
lk_verification_get_reviewer_signed (LkVerification *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION (self), FALSE);
  return self->reviewer_signed;
}

int
lk_verification_get_conclusion_revision (LkVerification *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION (self), 0);
  return self->conclusion_revision;
}

const char *
lk_verification_get_state_label (LkVerification *self)
{
  static const struct { const char *state, *label; } labels[] = {
    { "queued", "Awaiting a reviewer" },
    { "assigned", "With the reviewer" },
    { "consultation", "In consultation" },
    { "countersigned", "Countersigned" },
    { "returned", "Returned to the examiner" },
    { "referred", "Referred to a third reviewer" },
    { "not-confirmed", "Not confirmed by the third reviewer" },
  };

  g_return_val_if_fail (LK_IS_VERIFICATION (self), NULL);

  if (g_str_equal (self->state, "assigned") && self->reviewer_signed)
    return "Both opinions signed: awaiting the reviewer's decision";
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].state, self->state))
      return labels[i].label;
  return self->state;
}
