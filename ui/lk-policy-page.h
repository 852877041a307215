/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lk-core.h"

G_BEGIN_DECLS

#define LK_TYPE_POLICY_PAGE (lk_policy_page_get_type ())
G_DECLARE_FINAL_TYPE (LkPolicyPage, lk_policy_page, LK, POLICY_PAGE, AdwBin)

/* Administration > Policy: every policy setting with its current value and default, changed
 * with a reason (audited); the edition of the feature list new examinations use, and the
 * installation of a lab's own edition. Others than administrators see that the policy is
 * managed by administrators. Actions: policy.change (s: the key), policy.install-feature-list. */
void      lk_policy_page_set_session          (LkPolicyPage *self,
                                               LkSession    *session);
/* Installs the lab edition of the feature list in @file off the main loop, as the file chooser
 * does; the page refreshes, or shows why the file was refused. */
void      lk_policy_page_install_feature_list (LkPolicyPage *self,
                                               GFile        *file);
gboolean  lk_policy_page_is_busy              (LkPolicyPage *self);

G_END_DECLS
