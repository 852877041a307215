/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One signed record of a verification: the reviewer's countersignature, a disagreement with its
 * resolution, or a consultation note; who signed it and when, and whether its content still
 * hashes to what was signed. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_VERIFICATION_SIGNATURE (lk_verification_signature_get_type ())
G_DECLARE_FINAL_TYPE (LkVerificationSignature, lk_verification_signature, LK,
                      VERIFICATION_SIGNATURE, GObject)

/* "countersignature", "disagreement" or "consultation-note". */
const char *lk_verification_signature_get_kind           (LkVerificationSignature *self);
/* A disagreement's resolution; NULL for the other kinds. */
const char *lk_verification_signature_get_resolution     (LkVerificationSignature *self);
const char *lk_verification_signature_get_note           (LkVerificationSignature *self);
/* The signer's user name, and when (ISO 8601, UTC). */
const char *lk_verification_signature_get_signed_by      (LkVerificationSignature *self);
const char *lk_verification_signature_get_signed_at      (LkVerificationSignature *self);
const char *lk_verification_signature_get_sha256         (LkVerificationSignature *self);
gboolean    lk_verification_signature_get_content_intact (LkVerificationSignature *self);

G_END_DECLS
