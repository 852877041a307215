/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A pyramid's levels, shared by lk-pyramid.c and the renderer in lk-nearest-render.c. */
#pragma once

#include "lk-pyramid.h"

G_BEGIN_DECLS

typedef struct
{
  GBytes          *bytes;
  const guint8    *data;
  int              width;
  int              height;
  gsize            stride;
  guint            bpp;
  GdkMemoryFormat  format;
  GdkTexture      *texture;
  GPtrArray       *tiles;   /* GdkTexture or NULL, row by row; main thread only */
} LkPyramidLevel;

/* The levels repeat the core pyramid's (sharing its memory) with their textures. */
struct _LkPyramid
{
  gatomicrefcount ref_count;
  LkImagePyramid *image;
  gboolean        opaque;
  guint           first_level;  /* levels above it have sizes only */
  guint           n_levels;
  LkPyramidLevel  levels[];
};

G_END_DECLS
