#!/usr/bin/env python3
"""Checks that every metric name used by the Grafana dashboards and the Prometheus rules is exported.

Parses each dashboard JSON (panel targets, nested rows, templating queries) and each rule file, pulls the
metric names out of the PromQL expressions, and compares them with deploy/exported-metrics.txt
(one name per line, '#' comments). Exits 1 when a name is unknown, when a dashboard is not valid JSON,
or when a dashboard has no query at all.

Usage: check_metrics.py EXPORTED_METRICS_TXT --dashboards DIR --rules FILE...
"""

import argparse
import glob
import json
import os
import re
import sys

import yaml

FUNCTIONS_AND_KEYWORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless",
    "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
    "inf", "nan",
}
IDENTIFIER = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")


def load_exported(path):
    names = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                if not re.fullmatch(r"[a-zA-Z_:][a-zA-Z0-9_:]*", line):
                    raise SystemExit(f"{path}: not a metric name: {line!r}")
                names.add(line)
    return names


def metric_names(expr):
    """Metric names in a PromQL expression (good enough for the expressions dashboards and alerts use)."""
    # Grafana template variables and built-ins: $portfolio, ${portfolio}, $__rate_interval, [[var]].
    text = re.sub(r"\$\{[^}]*\}|\$__\w+|\$\w+|\[\[\w+\]\]", "x", expr)
    # Grafana's label_values(metric, label) / label_values(label): keep only the metric.
    text = re.sub(r"label_values\(\s*([^,()]+?)\s*,\s*\w+\s*\)", r"\1", text)
    text = re.sub(r"label_values\(\s*\w+\s*\)", " ", text)
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', '""', text)  # string literals
    text = re.sub(r"\{[^{}]*\}", " ", text)  # label matchers
    text = re.sub(r"\[[^\]]*\]", " ", text)  # range and subquery selectors
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    names = set()
    for match in IDENTIFIER.finditer(text):
        name = match.group(0)
        rest = text[match.end():].lstrip()
        if rest.startswith("("):  # a function call
            continue
        if name.lower() in FUNCTIONS_AND_KEYWORDS:
            continue
        before = text[:match.start()]
        if re.search(r"[0-9.]$", before):  # part of a number such as 1e3 or a duration such as 5m
            continue
        names.add(name)
    return names


def dashboard_queries(node, where):
    """Yields (location, expr) for every PromQL query in a dashboard JSON tree."""
    if isinstance(node, dict):
        if "targets" in node:
            for t in node["targets"]:
                if t.get("expr"):
                    yield f"{where} panel '{node.get('title', '?')}' {t.get('refId', '')}", t["expr"]
        if node.get("type") == "query" and "query" in node:
            q = node["query"]
            q = q.get("query") if isinstance(q, dict) else q
            if q:
                yield f"{where} variable '{node.get('name')}'", q
        for key, value in node.items():
            if key != "targets":
                yield from dashboard_queries(value, where)
    elif isinstance(node, list):
        for item in node:
            yield from dashboard_queries(item, where)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("exported")
    parser.add_argument("--dashboards", required=True)
    parser.add_argument("--rules", nargs="+", default=[])
    args = parser.parse_args()
    exported = load_exported(args.exported)
    errors, used = [], {}

    files = sorted(glob.glob(os.path.join(args.dashboards, "*.json")))
    if not files:
        errors.append(f"no dashboards in {args.dashboards}")
    for path in files:
        name = os.path.basename(path)
        try:
            with open(path, encoding="utf-8") as f:
                dashboard = json.load(f)
        except json.JSONDecodeError as e:
            errors.append(f"{name}: not valid JSON: {e}")
            continue
        for key in ("uid", "title", "panels"):
            if key not in dashboard:
                errors.append(f"{name}: no '{key}'")
        queries = list(dashboard_queries(dashboard, name))
        if not queries:
            errors.append(f"{name}: no queries")
        panels = sum(1 for p in dashboard.get("panels", []) if p.get("type") != "row")
        print(f"    {name}: {panels} panels, {len(queries)} queries")
        for location, expr in queries:
            for metric in metric_names(expr):
                used.setdefault(metric, []).append(location)

    for path in args.rules:
        with open(path, encoding="utf-8") as f:
            rules = yaml.safe_load(f)
        count = 0
        for group in rules.get("groups", []):
            for rule in group.get("rules", []):
                count += 1
                label = rule.get("alert") or rule.get("record")
                if rule.get("record"):
                    exported.add(rule["record"])
                for metric in metric_names(rule["expr"]):
                    used.setdefault(metric, []).append(f"{os.path.basename(path)} rule {label}")
        print(f"    {os.path.basename(path)}: {count} rules")

    for metric in sorted(used):
        if metric not in exported:
            errors.append(f"metric {metric} is not in {os.path.basename(args.exported)} (used by {used[metric][0]})")
    if errors:
        for e in errors:
            print(f"    ERROR {e}")
        return 1
    print(f"    {len(used)} distinct metric names used, all of them in {os.path.basename(args.exported)} ({len(exported)} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
