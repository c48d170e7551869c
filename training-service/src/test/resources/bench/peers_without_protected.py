#!/usr/bin/python3
"""The Python peers' three pipelines (../shared/peers/quality.py, unchanged) on the peers' own split, trained with
all attributes and again without those the platform's schemas mark protected (the platform never uses them as
model inputs), so that the platform's test AUC can be set beside a peer that sees the same inputs.

Usage: /usr/bin/python3 peers_without_protected.py {taiwan|german} [PEERS_DIR]   (PEERS_DIR default ../shared/peers)
"""
import importlib.util
import os
import sys

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

PROTECTED = {"taiwan": ["SEX", "MARRIAGE", "AGE"], "german": ["A9", "A13", "A20"]}  # personal status, age, foreign worker

name = sys.argv[1]
peers = sys.argv[2] if len(sys.argv) > 2 else os.path.join("..", "shared", "peers")
spec = importlib.util.spec_from_file_location("quality", os.path.join(peers, "quality.py"))
quality = importlib.util.module_from_spec(spec)
spec.loader.exec_module(quality)

X, y, cats, nums, _ = quality.load(name)
train, test = train_test_split(np.arange(len(X)), test_size=quality.TEST_SIZE, stratify=y, random_state=quality.SEED)
for label, dropped in (("all attributes", []), ("without " + ",".join(PROTECTED[name]), PROTECTED[name])):
    Xd = X.drop(columns=dropped)
    models = quality.build_models([c for c in cats if c not in dropped], [c for c in nums if c not in dropped])
    aucs = []
    for model_name, model in models.items():
        model.fit(Xd.iloc[train], y[train])
        aucs.append("%s %.4f" % (model_name, roc_auc_score(y[test], model.predict_proba(Xd.iloc[test])[:, 1])))
    print(name, label, " ".join(aucs), flush=True)
