package dev.plateau.landscape;

import java.util.Arrays;

/**
 * Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations: robust and accurate to rounding
 * for the sizes met here (weight Gram matrices up to a few hundred rows; exact Hessians in tests).
 */
public final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    private SymmetricEigen() {}

    /** Eigenvalues in descending order; {@code a} is not modified. */
    public static double[] eigenvalues(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) m[i] = a[i].clone();
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0, total = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    total += m[i][j] * m[i][j];
                    if (i != j) off += m[i][j] * m[i][j];
                }
            if (off <= 1e-30 * Math.max(total, Double.MIN_NORMAL)) break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] == 0) continue;
                    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k][p], mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k], mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                }
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) ev[i] = m[i][i];
        Arrays.sort(ev);
        for (int i = 0; i < n / 2; i++) {
            double t = ev[i];
            ev[i] = ev[n - 1 - i];
            ev[n - 1 - i] = t;
        }
        return ev;
    }
}
