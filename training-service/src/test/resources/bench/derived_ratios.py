#!/usr/bin/python3
"""The bundled Taiwan rows with 11 ratio columns added, and the bundled schema with them as plain numeric features,
for TrainingQualityBenchmark's schema=FILE data=FILE: does the platform gain from derived features before any is
built? Utilisation UTILk = BILL_AMTk / LIMIT_BAL (k = 1..6); payment ratio PAYRk = PAY_AMTk / max(BILL_AMT(k+1), 1)
(k = 1..5, the bill the payment settles). Rows keep the bundled file's order, so a peer split's positions still apply.

Usage: /usr/bin/python3 derived_ratios.py DIR   (run from the repository root; writes DIR/taiwan_ratios.csv and
DIR/taiwan_ratios.yaml)
"""
import os
import sys

import pandas as pd

out = sys.argv[1]
rows = pd.read_csv("sample-data/src/main/resources/datasets/taiwan_default_of_credit_card_clients.csv")
ratios = {}
for k in range(1, 7):
    ratios[f"UTIL{k}"] = (rows[f"BILL_AMT{k}"] / rows["LIMIT_BAL"]).round(6)
for k in range(1, 6):
    ratios[f"PAYR{k}"] = (rows[f"PAY_AMT{k}"] / rows[f"BILL_AMT{k + 1}"].clip(lower=1)).round(6)
target = rows.pop("defaulted")
rows = pd.concat([rows, pd.DataFrame(ratios), target], axis=1)
os.makedirs(out, exist_ok=True)
rows.to_csv(os.path.join(out, "taiwan_ratios.csv"), index=False)

with open("common-model/src/main/resources/portfolios/taiwan-cards.yaml") as f:
    schema = f.read()
for name in ratios:
    bounds = "min: -1000, max: 1000000" if name.startswith("UTIL") else "min: 0, max: 100000000"
    schema += f'  - {{name: {name}, type: numeric, {bounds}, reason: "{name}"}}\n'
with open(os.path.join(out, "taiwan_ratios.yaml"), "w") as f:
    f.write(schema)
