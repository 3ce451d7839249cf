package dev.plateau.model.fast;

import static dev.plateau.model.fast.OffHeap.UNSAFE;

import sun.misc.Unsafe;

/**
 * The memory-bound loops of a stride-1, unpadded convolution on raw addresses of float32 or float64
 * elements ({@code e} = 4 or 8 bytes), NCHW input. The patch matrix is channel-major, col[K][NP] with
 * K = C·kh·kw rows and one column per output pixel of every sample (NP = N·OH·OW), so the GEMMs are
 * W[O][K]·col and the pre-activations come out as z[O][NP] (conv-speed.md §2: this layout ran the
 * GEMMs fastest). Element-wise loops are branch-free: a data-dependent branch on ReLU outputs, half of
 * them zero, costs 10× (conv-speed.md §2).
 */
final class ConvKernels {
    private ConvKernels() {}

    /** col[(c·kh + i)·kw + j][n·P + oy·OW + ox] = x[n][c][oy + i][ox + j]. */
    static void im2col(long x, int n, int c, int h, int w, int kh, int kw, long col, int e) {
        int oh = h - kh + 1, ow = w - kw + 1, p = oh * ow;
        long np = (long) n * p;
        for (int ci = 0; ci < c; ci++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++) {
                    long row = col + (((long) ci * kh + i) * kw + j) * np * e;
                    for (int s = 0; s < n; s++) {
                        long src = x + ((((long) s * c + ci) * h + i) * w + j) * e;
                        long dst = row + (long) s * p * e;
                        for (int oy = 0; oy < oh; oy++)
                            UNSAFE.copyMemory(src + (long) oy * w * e, dst + (long) oy * ow * e, (long) ow * e);
                    }
                }
    }

    /**
     * Double col2im: dx[n][c][oy + i][ox + j] = Σ dcol[(c·kh + i)·kw + j][n·P + oy·OW + ox] (dx is
     * overwritten). Float goes through {@link #inputGradientFloat}.
     */
    static void col2imDouble(long dcol, int n, int c, int h, int w, int kh, int kw, long dx) {
        int oh = h - kh + 1, ow = w - kw + 1, p = oh * ow;
        long np = (long) n * p, e = Double.BYTES;
        UNSAFE.setMemory(dx, (long) n * c * h * w * e, (byte) 0);
        for (int ci = 0; ci < c; ci++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++) {
                    long row = dcol + (((long) ci * kh + i) * kw + j) * np * e;
                    for (int s = 0; s < n; s++) {
                        long dst = dx + ((((long) s * c + ci) * h + i) * w + j) * e;
                        long src = row + (long) s * p * e;
                        for (int oy = 0; oy < oh; oy++) {
                            long d = dst + (long) oy * w * e, q = src + (long) oy * ow * e;
                            for (int ox = 0; ox < ow; ox++) {
                                long at = d + ox * e;
                                UNSAFE.putDouble(at, UNSAFE.getDouble(at) + UNSAFE.getDouble(q + ox * e));
                            }
                        }
                    }
                }
    }

    /**
     * The input gradient of a float convolution, dx = col2im(Wᵀ·dz), computed a few samples at a time
     * so the patch gradients of a chunk stay in cache between the GEMM that writes them and the
     * col2im that reads them (the whole matrix is 20 MB for the calorimeter CNN's second layer, and a
     * DRAM round trip cost more than the GEMM). The chunk's patch rows use the padded layout of
     * {@link #toChannelMajorFloat}: each sample's output rows are {@code w} wide, the extra entries
     * zero, so adding a patch row into an input plane is one contiguous, vectorised loop per sample, the
     * zeros landing harmlessly past the row's end.
     *
     * @param weights  W[O][K] (contiguous), K = C·kh·kw
     * @param dzPadded dz[O][N·OH·w]
     * @param chunk    scratch of at least K·{@value #CHUNK}·OH·w floats
     */
    static void inputGradientFloat(long weights, long dzPadded, int n, int c, int h, int w, int kh, int kw, int o, long chunk, long dx) {
        int oh = h - kh + 1, pw = oh * w, plane = h * w, k = c * kh * kw;
        long f = Float.BYTES;
        float[] planes = new float[CHUNK * plane + kw], row = new float[CHUNK * pw];
        for (int s0 = 0; s0 < n; s0 += CHUNK) {
            int samples = Math.min(CHUNK, n - s0), cols = samples * pw;
            Gemm.rowMajor(true, false, k, cols, o, weights, k, dzPadded + (long) s0 * pw * f, (long) n * pw, chunk, cols, 0f);
            for (int ci = 0; ci < c; ci++) {
                java.util.Arrays.fill(planes, 0f);
                for (int i = 0; i < kh; i++)
                    for (int j = 0; j < kw; j++) {
                        UNSAFE.copyMemory(null, chunk + (((long) ci * kh + i) * kw + j) * cols * f, row, Unsafe.ARRAY_FLOAT_BASE_OFFSET, cols * f);
                        for (int s = 0; s < samples; s++) {
                            int to = s * plane + i * w + j, from = s * pw;
                            for (int t = 0; t < pw; t++) planes[to + t] += row[from + t];
                        }
                    }
                for (int s = 0; s < samples; s++)
                    UNSAFE.copyMemory(planes, Unsafe.ARRAY_FLOAT_BASE_OFFSET + (long) s * plane * f, null,
                            dx + (((long) (s0 + s) * c + ci) * plane) * f, plane * f);
            }
        }
    }

    /** Samples per chunk of {@link #inputGradientFloat}. */
    static final int CHUNK = 8;

    /**
     * out[n][o][p] = z[o][n·P + p] + b[o] (NCHW from channel-major), with ReLU fused when {@code relu};
     * {@code bias} 0 means no bias.
     */
    static void biasToNchw(long z, long bias, int n, int o, int p, boolean relu, long out, int e) {
        long np = (long) n * p;
        for (int oi = 0; oi < o; oi++) {
            long src = z + oi * np * e;
            if (e == Float.BYTES) {
                float b = bias == 0 ? 0f : UNSAFE.getFloat(bias + (long) oi * e);
                float[] run = new float[p];
                for (int s = 0; s < n; s++) {
                    long from = src + (long) s * p * e, to = out + (((long) s * o + oi) * p) * e;
                    UNSAFE.copyMemory(null, from, run, Unsafe.ARRAY_FLOAT_BASE_OFFSET, (long) p * e);
                    if (relu) for (int k = 0; k < p; k++) run[k] = Math.max(run[k] + b, 0f);
                    else for (int k = 0; k < p; k++) run[k] += b;
                    UNSAFE.copyMemory(run, Unsafe.ARRAY_FLOAT_BASE_OFFSET, null, to, (long) p * e);
                }
            } else {
                double b = bias == 0 ? 0 : UNSAFE.getDouble(bias + (long) oi * e);
                for (int s = 0; s < n; s++) {
                    long from = src + (long) s * p * e, to = out + (((long) s * o + oi) * p) * e;
                    if (relu) for (int k = 0; k < p; k++) UNSAFE.putDouble(to + (long) k * e, Math.max(UNSAFE.getDouble(from + (long) k * e) + b, 0));
                    else for (int k = 0; k < p; k++) UNSAFE.putDouble(to + (long) k * e, UNSAFE.getDouble(from + (long) k * e) + b);
                }
            }
        }
    }

    /**
     * Double: dz[o][n·P + p] = dLdz[n][o][p] (channel-major from NCHW), masked by out > 0 when
     * {@code reluOut} is an address (the fused-ReLU path), and db[o] = Σ dz[o][·]. The ReLU mask works
     * on the raw bits: 0 − out has its sign bit set exactly for a positive out (0 − 0 is +0).
     */
    static void toChannelMajorDouble(long dLdz, long reluOut, int n, int o, int p, long dz, double[] db) {
        long np = (long) n * p, e = Double.BYTES;
        for (int oi = 0; oi < o; oi++) {
            double sum = 0;
            long dst = dz + oi * np * e;
            for (int s = 0; s < n; s++) {
                long base = (((long) s * o + oi) * p) * e, to = dst + (long) s * p * e;
                for (int k = 0; k < p; k++) {
                    long at = base + k * e;
                    double g = UNSAFE.getDouble(dLdz + at);
                    if (reluOut != 0) g = Double.longBitsToDouble(Double.doubleToRawLongBits(g)
                            & (Double.doubleToRawLongBits(0.0 - UNSAFE.getDouble(reluOut + at)) >> 63));
                    UNSAFE.putDouble(to + k * e, g);
                    sum += g;
                }
            }
            db[oi] = sum;
        }
    }

    /**
     * The float version of {@link #toChannelMajorDouble}, which also writes dz in the padded layout
     * {@link #inputGradientFloat} reads when {@code dzPadded} is an address ({@code dzPadded}[o][n·OH·w + oy·w + ox], zeros for ox ≥ OW). The ReLU mask
     * works on the raw bits: 0 − out has its sign bit set exactly for a positive out.
     */
    static void toChannelMajorFloat(long dLdz, long reluOut, int n, int o, int oh, int ow, int w, long dz, long dzPadded, double[] db) {
        int p = oh * ow, pw = oh * w;
        long np = (long) n * p, npw = (long) n * pw, f = Float.BYTES;
        for (int oi = 0; oi < o; oi++) {
            float s0 = 0, s1 = 0;
            double sum = 0;
            for (int s = 0; s < n; s++) {
                long from = (((long) s * o + oi) * p) * f, to = dz + (oi * np + (long) s * p) * f;
                long padded = dzPadded + (oi * npw + (long) s * pw) * f;
                for (int oy = 0; oy < oh; oy++) {
                    long rowFrom = from + (long) oy * ow * f, rowTo = to + (long) oy * ow * f, rowPadded = padded + (long) oy * w * f;
                    for (int ox = 0; ox < ow; ox++) {
                        long at = rowFrom + ox * f;
                        float g = UNSAFE.getFloat(dLdz + at);
                        if (reluOut != 0) g = Float.intBitsToFloat(Float.floatToRawIntBits(g)
                                & (Float.floatToRawIntBits(0f - UNSAFE.getFloat(reluOut + at)) >> 31));
                        UNSAFE.putFloat(rowTo + ox * f, g);
                        if (dzPadded != 0) UNSAFE.putFloat(rowPadded + ox * f, g);
                        if ((ox & 1) == 0) s0 += g;
                        else s1 += g;
                    }
                    if (dzPadded != 0) for (int ox = ow; ox < w; ox++) UNSAFE.putFloat(rowPadded + ox * f, 0f);
                }
                sum += s0 + s1;
                s0 = 0;
                s1 = 0;
            }
            db[oi] = sum;
        }
    }
}
