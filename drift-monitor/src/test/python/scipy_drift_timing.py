"""Times scipy on the benchmark's workload, for comparison with DriftEvaluationBenchmark (docs/benchmarks.md).

/usr/bin/python3 drift-monitor/src/test/python/scipy_drift_timing.py   (Debian's python3-scipy 1.10.1)

30 features of 100,000 reference and 100,000 current rows: ks_2samp and wasserstein_distance on each, and a
ten-bin PSI on each; one thread (OPENBLAS_NUM_THREADS=1 is irrelevant here: these calls are single-threaded).
"""
import time

import numpy as np
from scipy import stats

rng = np.random.default_rng(42)
n, features = 100_000, 30
reference = [np.exp(10 + rng.normal(0, 1, n)) for _ in range(features)]
current = [np.exp(10.1 + rng.normal(0, 1, n)) for _ in range(features)]


def psi(ref, cur):
    edges = np.unique(np.quantile(ref, np.arange(1, 10) / 10))
    r = np.bincount(np.searchsorted(edges, ref), minlength=len(edges) + 1) / len(ref)
    c = np.bincount(np.searchsorted(edges, cur), minlength=len(edges) + 1) / len(cur)
    r, c = np.where(r > 0, r, 1e-4), np.where(c > 0, c, 1e-4)
    return np.sum((c - r) * np.log(c / r))


runs = []
for _ in range(3):
    start = time.perf_counter()
    for ref, cur in zip(reference, current):
        stats.ks_2samp(ref, cur)
        stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)
        psi(ref, cur)
    runs.append(time.perf_counter() - start)
print(f"scipy {stats.__name__}: KS + Wasserstein + PSI on {features} features, {n:,} vs {n:,} rows: "
      f"best {min(runs):.2f} s, runs {[round(r, 2) for r in runs]}")
