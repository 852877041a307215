/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The two opinions of a verification side by side: the levels, each characteristic's result
 * and significance, the limitations, and whether they agree under the lab's rule. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_VERIFICATION_DIFFERENCE (lk_verification_difference_get_type ())
G_DECLARE_FINAL_TYPE (LkVerificationDifference, lk_verification_difference, LK,
                      VERIFICATION_DIFFERENCE, GObject)

/* One characteristic of the feature list as each side recorded it (NULL: not assessed). */
const char *lk_verification_difference_get_characteristic        (LkVerificationDifference *self);
const char *lk_verification_difference_get_name                  (LkVerificationDifference *self);
const char *lk_verification_difference_get_examiner_result       (LkVerificationDifference *self);
const char *lk_verification_difference_get_examiner_significance (LkVerificationDifference *self);
const char *lk_verification_difference_get_reviewer_result       (LkVerificationDifference *self);
const char *lk_verification_difference_get_reviewer_significance (LkVerificationDifference *self);
/* Whether the result or the significance differs. */
gboolean    lk_verification_difference_get_differs               (LkVerificationDifference *self);

#define LK_TYPE_VERIFICATION_COMPARISON (lk_verification_comparison_get_type ())
G_DECLARE_FINAL_TYPE (LkVerificationComparison, lk_verification_comparison, LK,
                      VERIFICATION_COMPARISON, GObject)

/* The examiner's conclusion. */
const char *lk_verification_comparison_get_examiner_level       (LkVerificationComparison *self);
const char *lk_verification_comparison_get_examiner_limitations (LkVerificationComparison *self);
const char *lk_verification_comparison_get_examiner_reasoning   (LkVerificationComparison *self);
/* The reviewer's own conclusion; NULL in an open review. */
const char *lk_verification_comparison_get_reviewer_level       (LkVerificationComparison *self);
const char *lk_verification_comparison_get_reviewer_limitations (LkVerificationComparison *self);
const char *lk_verification_comparison_get_reviewer_reasoning   (LkVerificationComparison *self);
gboolean    lk_verification_comparison_get_same_level           (LkVerificationComparison *self);
gboolean    lk_verification_comparison_get_same_limitations     (LkVerificationComparison *self);
/* The rule applied (policy verification_agreement) and its verdict; an open review agrees
 * when the reviewer countersigns. */
const char *lk_verification_comparison_get_rule                 (LkVerificationComparison *self);
gboolean    lk_verification_comparison_get_agrees               (LkVerificationComparison *self);
/* LkVerificationDifference per characteristic, in the feature list's order. */
GListModel *lk_verification_comparison_get_characteristics      (LkVerificationComparison *self);
guint       lk_verification_comparison_get_n_differences        (LkVerificationComparison *self);

G_END_DECLS
