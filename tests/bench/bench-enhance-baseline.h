/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plain-OpenCV baseline of bench-enhance (bench-enhance-baseline.cpp). */
#pragma once

#include "imaging/lk-cv.h"

G_BEGIN_DECLS

LkPixels *bench_enhance_baseline (const LkPixels *in,
                                  double          clip,
                                  int             tiles,
                                  double          radius,
                                  double          amount);

G_END_DECLS
