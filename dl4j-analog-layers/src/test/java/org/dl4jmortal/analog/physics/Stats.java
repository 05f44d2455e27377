package org.dl4jmortal.analog.physics;

/** Independent statistics helpers for the tests (plain Java, no ND4J). */
public final class Stats {
    private Stats() {
    }

    /** @return sample mean */
    public static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    /** @return unbiased sample variance */
    public static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return s / (v.length - 1);
    }

    /** @return sample standard deviation */
    public static double std(double[] v) {
        return Math.sqrt(variance(v));
    }

    /**
     * Standard normal CDF via the complementary error function of Numerical Recipes (erfcc, Chebyshev fit,
     * relative error below 1.2e-7 everywhere).
     */
    public static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }

    /** Mean of |N(mu, sigma^2)| (folded normal). */
    public static double foldedNormalMean(double mu, double sigma) {
        return sigma * Math.sqrt(2 / Math.PI) * Math.exp(-mu * mu / (2 * sigma * sigma))
                + mu * (1 - 2 * normalCdf(-mu / sigma));
    }

    /** Variance of |N(mu, sigma^2)|: E[X^2] = mu^2 + sigma^2 minus the squared mean. */
    public static double foldedNormalVariance(double mu, double sigma) {
        double m = foldedNormalMean(mu, sigma);
        return mu * mu + sigma * sigma - m * m;
    }
}
