package org.dl4jmortal.analog.update;

import java.util.SplittableRandom;

/**
 * Binomial variates for the short pulse trains (at most a bit length, 31 by default, of trials): the inversion
 * algorithm BINV of Kachitvichyanukul &amp; Schmeiser, "Binomial random variate generation", Commun. ACM 31(2),
 * 216-222 (1988): one uniform, then walk the probabilities {@code P(k+1) = P(k) (n-k)/(k+1) p/(1-p)} from
 * {@code P(0) = (1-p)^n} until their sum passes it, in about {@code 1 + n min(p, 1-p)} steps. For {@code p > 1/2} it
 * returns {@code n} minus a variate of {@code 1 - p}, so {@code P(0) >= 2^-n} never underflows for the trial
 * counts used here. Exact in law up to rounding of the sums.
 */
final class Binomial {
    private Binomial() {
    }

    /**
     * @param trials      number of trials, {@code >= 0}
     * @param probability success probability per trial, in {@code [0, 1]}
     * @param random      the stream to draw from (one uniform per call, none when the result is certain)
     * @return the number of successes, in {@code [0, trials]}
     */
    static int sample(int trials, double probability, SplittableRandom random) {
        if (trials == 0 || probability <= 0) {
            return 0;
        }
        if (probability >= 1) {
            return trials;
        }
        if (probability > 0.5) {
            return trials - sample(trials, 1.0 - probability, random);
        }
        double ratio = probability / (1.0 - probability);
        double term = Math.exp(trials * Math.log1p(-probability));
        double u = random.nextDouble();
        double cumulative = term;
        int k = 0;
        while (u >= cumulative && k < trials) {
            term *= (trials - k) / (double) (k + 1) * ratio;
            k++;
            cumulative += term;
        }
        return k;
    }
}
