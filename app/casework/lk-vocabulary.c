/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The words of casework that every layer needs: case statuses, probe sources and kinds,
 * analysis suitabilities and factors, and their readable labels. */
#include "config.h"

#include "casework/lk-vocabulary.h"

static const char * const statuses[] = {
  "awaiting-approval", "rejected", "open", "analysis", "examination", "verification", "closed",
  "archived", NULL,
};

static const char * const status_labels[] = {
  "Awaiting approval", "Rejected", "Open", "Analysis", "Examination", "Verification", "Closed",
  "Archived", NULL,
};

const char * const *
lk_vocabulary_case_statuses (void)
{
  return statuses;
}

const char *
lk_vocabulary_case_status_label (const char *status)
{
  for (guint i = 0; statuses[i] != NULL; i++)
    if (g_strcmp0 (statuses[i], status) == 0)
      return status_labels[i];
  return status;
}

static const char * const source_types[] = {
  "cctv", "body-worn", "seized-device", "social-media", "witness", "official-document", "other",
  NULL,
};

static const char * const kinds[] = {
  "photograph", "video-frame", "screenshot", "sketch", "composite", "look-alike", "edited",
  "ai-generated", NULL,
};

static const char * const suitabilities[] = { "suitable", "limited", "not-suitable", NULL };

static const char * const factors[] = {
  "pose", "occlusion", "illumination", "expression", "resolution", "compression", "motion-blur",
  "distortion", "other", NULL,
};

static const struct
{
  const char *id;
  const char *label;
} labels[] = {
  { "cctv", "CCTV or video still" },
  { "body-worn", "Body-worn camera" },
  { "seized-device", "Seized device" },
  { "social-media", "Social media or open source" },
  { "witness", "Witness photo" },
  { "official-document", "Official document photo" },
  { "other", "Other" },
  { "photograph", "Photograph" },
  { "video-frame", "Video frame" },
  { "screenshot", "Screenshot" },
  { "sketch", "Sketch" },
  { "composite", "Composite" },
  { "look-alike", "Look-alike" },
  { "edited", "Edited image" },
  { "ai-generated", "AI-generated image" },
  { "awaiting-analysis", "Awaiting analysis" },
  { "analysed", "Analysed" },
  { "suitable", "Suitable" },
  { "limited", "Of limited suitability" },
  { "not-suitable", "Not suitable" },
  { "pose", "Pose" },
  { "occlusion", "Occlusion" },
  { "illumination", "Illumination" },
  { "expression", "Expression" },
  { "resolution", "Resolution" },
  { "compression", "Compression" },
  { "motion-blur", "Motion blur" },
  { "distortion", "Distortion" },
};

const char * const *
lk_vocabulary_source_types (void)
{
  return source_types;
}

const char * const *
lk_vocabulary_probe_kinds (void)
{
  return kinds;
}

const char * const *
lk_vocabulary_suitabilities (void)
{
  return suitabilities;
}

const char * const *
lk_vocabulary_factors (void)
{
  return factors;
}

const char *
lk_vocabulary_label (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].id, id) == 0)
      return labels[i].label;
  return id;
}
