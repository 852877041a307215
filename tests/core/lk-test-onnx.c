/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The protobuf wire format as far as onnx.proto needs it: varints (wire type 0) and
 * length-delimited fields (wire type 2) for strings, bytes and embedded messages. Repeated
 * integers are written unpacked, as proto2 declares them; floats go in raw_data, little-endian,
 * as ONNX requires. Field numbers are those of onnx.proto. */
#include "config.h"

#include <string.h>

#include "lk-test-onnx.h"

#define SIDE 112
#define POOL 8
#define GRID (SIDE / POOL)

enum
{
  WIRE_VARINT = 0,
  WIRE_BYTES = 2,
};

enum
{
  ATTRIBUTE_INT = 2,
  ATTRIBUTE_INTS = 7,
  TENSOR_FLOAT = 1,
};

/* ---- the wire format ------------------------------------------------------------------------- */

static void
put_varint (GByteArray *out,
            guint64     value)
{
  do
    {
      guint8 byte = value & 0x7f;

      value >>= 7;
      if (value != 0)
        byte |= 0x80;
      g_byte_array_append (out, &byte, 1);
    }
  while (value != 0);
}

static void
put_key (GByteArray *out,
         guint       field,
         guint       wire_type)
{
  put_varint (out, ((guint64) field << 3) | wire_type);
}

static void
put_int (GByteArray *out,
         guint       field,
         gint64      value)
{
  put_key (out, field, WIRE_VARINT);
  put_varint (out, (guint64) value); /* negative int64: ten bytes, two's complement */
}

static void
put_bytes (GByteArray *out,
           guint       field,
           const void *data,
           gsize       length)
{
  put_key (out, field, WIRE_BYTES);
  put_varint (out, length);
  g_byte_array_append (out, data, (guint) length);
}

static void
put_string (GByteArray *out,
            guint       field,
            const char *text)
{
  put_bytes (out, field, text, strlen (text));
}

/* Embeds @message (taken) as field @field. */
static void
put_message (GByteArray *out,
             guint       field,
             GByteArray *message)
{
  put_bytes (out, field, message->data, message->len);
  g_byte_array_unref (message);
}

/* ---- onnx.proto messages --------------------------------------------------------------------- */

/* AttributeProto { name = 1, i = 3, type = 20 } */
static GByteArray *
attribute_int (const char *name,
               gint64      value)
{
  GByteArray *a = g_byte_array_new ();

  put_string (a, 1, name);
  put_int (a, 3, value);
  put_int (a, 20, ATTRIBUTE_INT);
  return a;
}

/* AttributeProto { name = 1, ints = 8, type = 20 }: both values @value. */
static GByteArray *
attribute_pair (const char *name,
                gint64      value)
{
  GByteArray *a = g_byte_array_new ();

  put_string (a, 1, name);
  put_int (a, 8, value);
  put_int (a, 8, value);
  put_int (a, 20, ATTRIBUTE_INTS);
  return a;
}

/* NodeProto { input = 1, output = 2, name = 3, op_type = 4 }; attributes are added after. */
static GByteArray *
node_new (const char *op_type,
          const char *input_a,
          const char *input_b,
          const char *output)
{
  GByteArray *n = g_byte_array_new ();

  put_string (n, 1, input_a);
  if (input_b != NULL)
    put_string (n, 1, input_b);
  put_string (n, 2, output);
  put_string (n, 3, output);
  put_string (n, 4, op_type);
  return n;
}

/* TypeProto { tensor_type = 1: Tensor { elem_type = 1, shape = 2: TensorShapeProto
 * { dim = 1: Dimension { dim_value = 1 or dim_param = 2 } } } }; a negative size is the
 * symbolic "N", as exporters write a batch size left open. */
static GByteArray *
float_tensor_type (const gint64 *dims,
                   guint         n_dims)
{
  GByteArray *shape = g_byte_array_new ();
  GByteArray *tensor = g_byte_array_new ();
  GByteArray *type = g_byte_array_new ();

  for (guint i = 0; i < n_dims; i++)
    {
      GByteArray *dim = g_byte_array_new ();

      if (dims[i] < 0)
        put_string (dim, 2, "N");
      else
        put_int (dim, 1, dims[i]);
      put_message (shape, 1, dim);
    }
  put_int (tensor, 1, TENSOR_FLOAT);
  put_message (tensor, 2, shape);
  put_message (type, 1, tensor);
  return type;
}

/* ValueInfoProto { name = 1, type = 2 } */
static GByteArray *
value_info (const char   *name,
            const gint64 *dims,
            guint         n_dims)
{
  GByteArray *v = g_byte_array_new ();

  put_string (v, 1, name);
  put_message (v, 2, float_tensor_type (dims, n_dims));
  return v;
}

/* TensorProto { dims = 1, data_type = 2, name = 8, raw_data = 9 } */
static GByteArray *
float_initializer (const char   *name,
                   const gint64 *dims,
                   guint         n_dims,
                   const float  *values,
                   gsize         n_values)
{
  GByteArray *t = g_byte_array_new ();
  g_autofree guint32 *le = g_new (guint32, n_values);

  for (gsize i = 0; i < n_values; i++)
    {
      guint32 bits;

      memcpy (&bits, &values[i], sizeof bits);
      le[i] = GUINT32_TO_LE (bits);
    }
  for (guint i = 0; i < n_dims; i++)
    put_int (t, 1, dims[i]);
  put_int (t, 2, TENSOR_FLOAT);
  put_string (t, 8, name);
  put_bytes (t, 9, le, n_values * sizeof *le);
  return t;
}

/* ---- the network ----------------------------------------------------------------------------- */

static GByteArray *
pool_node (void)
{
  GByteArray *n = node_new ("AveragePool", "input", NULL, "pooled");

  put_message (n, 5, attribute_pair ("kernel_shape", POOL));
  put_message (n, 5, attribute_pair ("strides", POOL));
  return n;
}

static GByteArray *
flatten_node (const char *output)
{
  GByteArray *n = node_new ("Flatten", "pooled", NULL, output);

  put_message (n, 5, attribute_int ("axis", 1));
  return n;
}

/* Uniform in [-1,1], the same for the same seed on every platform. */
static GByteArray *
projection (guint   dimension,
            guint32 seed)
{
  const gint64 dims[] = { LK_TEST_ONNX_POOLED_DIMENSION, dimension };
  gsize n = (gsize) LK_TEST_ONNX_POOLED_DIMENSION * dimension;
  g_autofree float *weights = g_new (float, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < n; i++)
    weights[i] = (float) g_rand_double_range (rand, -1.0, 1.0);
  return float_initializer ("projection", dims, G_N_ELEMENTS (dims), weights, n);
}

/* GraphProto { node = 1, name = 2, initializer = 5, input = 11, output = 12 } */
static GByteArray *
graph_new (guint    dimension,
           gboolean symbolic_batch,
           guint32  seed)
{
  gint64 batch = symbolic_batch ? -1 : 1;
  const gint64 input[] = { batch, 3, SIDE, SIDE };
  const gint64 output[] = { batch, dimension > 0 ? dimension : LK_TEST_ONNX_POOLED_DIMENSION };
  GByteArray *g = g_byte_array_new ();

  put_message (g, 1, pool_node ());
  if (dimension > 0)
    {
      put_message (g, 1, flatten_node ("flat"));
      put_message (g, 1, node_new ("MatMul", "flat", "projection", "embedding"));
    }
  else
    put_message (g, 1, flatten_node ("embedding"));
  put_string (g, 2, "pooled-face-embedding");
  if (dimension > 0)
    put_message (g, 5, projection (dimension, seed));
  put_message (g, 11, value_info ("input", input, G_N_ELEMENTS (input)));
  put_message (g, 12, value_info ("embedding", output, G_N_ELEMENTS (output)));
  return g;
}

/* ModelProto { ir_version = 1, producer_name = 2, graph = 7, opset_import = 8:
 * OperatorSetIdProto { domain = 1, version = 2 } } */
GBytes *
lk_test_onnx_embedding_model (guint    dimension,
                              gboolean symbolic_batch,
                              guint32  seed)
{
  GByteArray *model = g_byte_array_new ();
  GByteArray *opset = g_byte_array_new ();

  put_string (opset, 1, "");
  put_int (opset, 2, 11);
  put_int (model, 1, 7);
  put_string (model, 2, "likeness-tests");
  put_message (model, 7, graph_new (dimension, symbolic_batch, seed));
  put_message (model, 8, opset);
  return g_byte_array_free_to_bytes (model);
}

void
lk_test_onnx_write_embedding (const char *path,
                              guint       dimension,
                              gboolean    symbolic_batch,
                              guint32     seed)
{
  g_autoptr(GBytes) model = lk_test_onnx_embedding_model (dimension, symbolic_batch, seed);
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (model, &size);

  g_file_set_contents (path, data, (gssize) size, &error);
  g_assert_no_error (error);
}
