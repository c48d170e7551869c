"""Generates sklearn-golden.json, the reference numbers ProbabilityMetrics is checked against.

Command (Debian 12: apt-get install -y python3-sklearn, which gave scikit-learn 1.2.1, scipy 1.10.1, numpy 1.24.2):

    /usr/bin/python3 model-metrics/src/test/resources/golden/generate_sklearn_golden.py \
        > model-metrics/src/test/resources/golden/sklearn-golden.json

Nothing here uses the Java code. Per case:
- auc: sklearn.metrics.roc_auc_score (the area under the tie-collapsed ROC curve: ties count one half);
  gini = 2 auc - 1;
- ks: scipy.stats.ks_2samp(defaulters' scores, non-defaulters' scores).statistic, the largest gap between the two
  empirical CDFs;
- brier: sklearn.metrics.brier_score_loss;
- roc: sklearn.metrics.roc_curve(drop_intermediate=False), one (fpr, tpr) point per distinct score, from (0, 0);
- ksCurve: at each distinct score v in rising order, the share of all rows, of defaulters and of non-defaulters
  scoring at most v (numpy.searchsorted on the sorted scores, side='right').
"""
import json
import sys

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn import metrics

rng = np.random.default_rng(20261130)
cases = []


def case(name, scores, labels):
    s = np.array(scores, dtype=float)
    y = np.array(labels, dtype=int)
    bad, good = np.sort(s[y == 1]), np.sort(s[y == 0])
    fpr, tpr, _ = metrics.roc_curve(y, s, drop_intermediate=False)
    values = np.unique(s)
    everyone = np.sort(s)
    curve = [[float(np.searchsorted(everyone, v, side="right") / len(s)),
              float(np.searchsorted(bad, v, side="right") / len(bad)),
              float(np.searchsorted(good, v, side="right") / len(good))] for v in values]
    auc = float(metrics.roc_auc_score(y, s))
    cases.append({
        "name": name,
        "scores": [float(v) for v in s],
        "defaulted": [int(v) for v in y],
        "auc": auc,
        "gini": 2 * auc - 1,
        "ks": float(stats.ks_2samp(bad, good).statistic),
        "brier": float(metrics.brier_score_loss(y, s)),
        "roc": [[float(a), float(b)] for a, b in zip(fpr, tpr)],
        "ksCurve": curve,
    })


def logistic(x):
    return 1 / (1 + np.exp(-x))


# a credit-like split: 22% defaults, continuous scores, (almost) no ties
y = (rng.random(2000) < 0.22).astype(int)
case("continuous scores, 22% defaults", np.round(logistic(-1.4 + 1.1 * y + rng.normal(0, 1, 2000)), 9), y)

# heavy ties: scores on a 0.05 grid, ties across both classes
y = (rng.random(1500) < 0.3).astype(int)
case("scores on a 0.05 grid, many ties", np.round(logistic(-1 + 0.9 * y + rng.normal(0, 1, 1500)) * 20) / 20, y)

# a handful of distinct values (a scorecard with few bands), 8% defaults
y = (rng.random(800) < 0.08).astype(int)
case("five score bands, 8% defaults", rng.choice([0.02, 0.05, 0.1, 0.2, 0.4], 800) * (1 + y) / 2 + 0.01 * y, y)

# every score tied: no separation at all
y = np.array([0, 1, 0, 0, 1, 0, 1, 0, 0, 0])
case("one tie group", [0.3] * 10, y)

# small hand-checkable case with a tie across classes
case("small with a cross-class tie", [0.1, 0.4, 0.35, 0.8, 0.35, 0.9, 0.2], [0, 0, 1, 1, 0, 1, 0])

# perfect and inverted separation
case("perfect separation", [0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [0, 0, 0, 1, 1, 1])
case("inverted separation", [0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [1, 1, 1, 0, 0, 0])

json.dump({"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__, "cases": cases},
          sys.stdout)
