"""Generates scipy-golden.json, the reference numbers the drift statistics are checked against.

Command (Debian 12: apt-get install -y python3-scipy, which gave scipy 1.10.1 and numpy 1.24.2):

    /usr/bin/python3 drift-monitor/src/test/resources/golden/generate_scipy_golden.py \
        > drift-monitor/src/test/resources/golden/scipy-golden.json

Every number is computed by scipy/numpy the way Evidently calls them (ks_2samp, chisquare with reference
frequencies scaled to the current size, the two-proportion Z formula with norm.cdf, wasserstein_distance divided by
max(np.std(reference), 0.001), jensenshannon over the union of categories); PSI with numpy.quantile deciles. AUC and KS of predicted probabilities are model-metrics' (checked there against
scikit-learn: model-metrics/src/test/resources/golden).
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

rng = np.random.default_rng(20261124)


def rounded(a, digits=6):
    return [float(round(float(x), digits)) for x in a]


cases = []


def ks_case(name, ref, cur):
    res = stats.ks_2samp(ref, cur)
    cases.append({"name": name, "test": "ks", "reference": ref, "current": cur,
                  "statistic": float(res.statistic), "pValue": float(res.pvalue)})


ks_case("ks unequal sizes, shifted", rounded(rng.normal(0, 1, 200)), rounded(rng.normal(0.3, 1, 300)))
ks_case("ks equal sizes", rounded(rng.normal(0, 1, 500)), rounded(rng.normal(0.1, 1, 500)))
ks_case("ks ties on integers", [float(x) for x in rng.integers(0, 10, 400)],
        [float(x) for x in rng.integers(0, 11, 700)])
ks_case("ks exact, largest automatic size", rounded(rng.normal(0, 1, 1000)), rounded(rng.normal(0.05, 1, 8000)))
ks_case("ks same distribution", rounded(rng.exponential(1, 800)), rounded(rng.exponential(1, 900)))
ks_case("ks asymptotic above 10000", rounded(rng.normal(0, 1, 600)), rounded(rng.normal(0.08, 1, 12000)))
ks_case("ks asymptotic, no drift", rounded(rng.normal(0, 1, 900)), rounded(rng.normal(0, 1, 10500)))


def counts(a):
    keys, values = np.unique(np.array(a), return_counts=True)
    return dict(zip(keys.tolist(), values.tolist()))


def chi_case(name, ref, cur):
    rc, cc = counts(ref), counts(cur)
    keys = sorted(set(rc) | set(cc))
    k_norm = len(cur) / len(ref)
    f_exp = [rc.get(k, 0) * k_norm for k in keys]
    f_obs = [cc.get(k, 0) for k in keys]
    with np.errstate(divide="ignore", invalid="ignore"):
        res = stats.chisquare(f_obs, f_exp)
    cases.append({"name": name, "test": "chisquare", "referenceLabels": ref, "currentLabels": cur,
                  "statistic": float(res.statistic), "pValue": float(res.pvalue)})


labels = ["A11", "A12", "A13", "A14"]
chi_case("chi-square four categories", list(rng.choice(labels, 800, p=[0.3, 0.3, 0.2, 0.2])),
         list(rng.choice(labels, 500, p=[0.25, 0.3, 0.25, 0.2])))
chi_case("chi-square no drift", list(rng.choice(labels, 900, p=[0.3, 0.3, 0.2, 0.2])),
         list(rng.choice(labels, 900, p=[0.3, 0.3, 0.2, 0.2])))


def z_case(name, ref, cur):
    keys = sorted(set(ref) | set(cur))
    first = keys[0]
    r = np.array([0 if x == first else 1 for x in ref])
    c = np.array([0 if x == first else 1 for x in cur])
    n1, n2 = len(r), len(c)
    p1, p2 = r.sum() / n1, c.sum() / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    p = 2 * (1 - stats.norm.cdf(np.abs(z)))
    cases.append({"name": name, "test": "z", "referenceLabels": ref, "currentLabels": cur,
                  "statistic": float(z), "pValue": float(p)})


z_case("z-test two categories", list(rng.choice(["1", "2"], 700, p=[0.4, 0.6])),
       list(rng.choice(["1", "2"], 400, p=[0.5, 0.5])))


def wasserstein_case(name, ref, cur):
    raw = stats.wasserstein_distance(ref, cur)
    norm = max(np.std(ref), 0.001)
    cases.append({"name": name, "test": "wasserstein", "reference": ref, "current": cur,
                  "statistic": float(raw / norm), "rawDistance": float(raw), "referenceStd": float(np.std(ref))})


wasserstein_case("wasserstein lognormal, scaled", rounded(rng.lognormal(10, 1, 3000), 2),
                 rounded(rng.lognormal(10, 1, 2500) * 0.7, 2))
wasserstein_case("wasserstein no drift", rounded(rng.normal(5, 2, 2000)), rounded(rng.normal(5, 2, 1500)))


def js_case(name, ref, cur):
    rc, cc = counts(ref), counts(cur)
    keys = sorted(set(rc) | set(cc))
    p = np.array([rc.get(k, 0) / len(ref) for k in keys])
    q = np.array([cc.get(k, 0) / len(cur) for k in keys])
    cases.append({"name": name, "test": "jensenshannon", "referenceLabels": ref, "currentLabels": cur,
                  "statistic": float(distance.jensenshannon(p, q))})


js_case("jensen-shannon with a category new in current", list(rng.choice(["0", "1", "2", "3"], 5000, p=[0.1, 0.4, 0.4, 0.1])),
        list(rng.choice(["0", "1", "2", "3", "4"], 3000, p=[0.1, 0.3, 0.3, 0.2, 0.1])))


def psi_case(name, ref, cur):
    edges = np.unique(np.quantile(np.array(ref), np.arange(1, 10) / 10))
    def shares(a):
        idx = np.searchsorted(edges, np.array(a), side="left")
        return np.bincount(idx, minlength=len(edges) + 1) / len(a)
    r, c = shares(ref), shares(cur)
    r = np.where(r > 0, r, 1e-4)
    c = np.where(c > 0, c, 1e-4)
    psi = float(np.sum((c - r) * np.log(c / r)))
    cases.append({"name": name, "test": "psi", "reference": ref, "current": cur, "statistic": psi,
                  "edges": edges.tolist()})


psi_case("psi of shifted probabilities", rounded(rng.beta(2, 6, 5000)), rounded(rng.beta(2.6, 5, 4000)))
psi_case("psi with tied reference", [float(x) for x in rng.integers(0, 4, 3000)],
         [float(x) for x in rng.integers(0, 6, 2000)])


json.dump({"scipy": scipy.__version__, "numpy": np.__version__, "cases": cases}, sys.stdout)
