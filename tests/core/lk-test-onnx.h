/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small ONNX face-embedding networks written by hand (protobuf encoded here, no ONNX library):
 * models the dnn engine has never seen, so its tests need no downloaded model. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The output length of the network without a projection: 3 channels of a 14 x 14 grid. */
#define LK_TEST_ONNX_POOLED_DIMENSION (3 * 14 * 14)

/* An ONNX model (IR version 7, opset 11) with one input "input", float [1,3,112,112], and one
 * output "embedding": AveragePool (8 x 8 kernel, stride 8), then Flatten (axis 1), giving
 * [1,588]. With @dimension > 0, a MatMul with a [588,@dimension] initializer of uniform random
 * weights in [-1,1] from @seed follows, giving [1,@dimension]. With @symbolic_batch, the
 * batch size of input and output is declared as "N" instead of 1, as exporters often leave
 * it. */
GBytes   *lk_test_onnx_embedding_model (guint        dimension,
                                        gboolean     symbolic_batch,
                                        guint32      seed);
/* The same, written to @path (asserts that it worked). */
void      lk_test_onnx_write_embedding (const char  *path,
                                        guint        dimension,
                                        gboolean     symbolic_batch,
                                        guint32      seed);

G_END_DECLS
