#!/usr/bin/env python3
"""Offline checks of the Dockerfiles and GitHub workflows (no Docker engine, no hadolint or actionlint here).

Dockerfiles: multi-stage JDK 25 build of exactly their own module from the repository root, Boot 4
layered extraction, JRE 25 runtime, non-root USER, HEALTHCHECK, EXPOSE of the service's port.
Workflows: valid YAML, every job has runs-on and steps, every action pinned to a release tag or a
full commit SHA (never a branch), the deploy job behind an environment.

Usage: check_build_files.py REPOSITORY_ROOT
"""

import glob
import os
import re
import sys

import yaml

SERVICES = {"scoring-api": 8080, "ingestion-service": 8081, "training-service": 8082, "drift-monitor": 8083}


def check_dockerfile(root, module, port, errors):
    path = os.path.join(root, module, "Dockerfile")
    if not os.path.exists(path):
        errors.append(f"{module}/Dockerfile missing")
        return
    text = open(path, encoding="utf-8").read()
    lines = [l.strip() for l in text.splitlines()]
    froms = [l for l in lines if l.startswith("FROM ")]
    expectations = {
        "a JDK 25 build stage": len(froms) >= 2 and re.match(r"FROM eclipse-temurin:25-jdk\S* AS build", froms[0]),
        "a JRE 25 runtime stage": froms and re.match(r"FROM eclipse-temurin:25-jre", froms[-1]),
        f"a build of -pl {module} -am": re.search(rf"\./mvnw .*-pl {re.escape(module)} -am\b.*package", text),
        "its own exec jar": f"{module}/target/{module}-" in text and "-exec.jar" in text,
        "layered extraction": "-Djarmode=tools" in text and "extract --layers --launcher" in text,
        "the Boot 4 launcher": "org.springframework.boot.loader.launch.JarLauncher" in text,
        "a non-root USER": any(re.match(r"USER (?!root\b|0\b)\S+", l) for l in lines),
        "a HEALTHCHECK": any(l.startswith("HEALTHCHECK ") for l in lines),
        f"EXPOSE {port}": f"EXPOSE {port}" in lines,
        f"readiness on port {port}": f"SERVER_PORT:-{port}" in text,
    }
    for what, ok in expectations.items():
        if not ok:
            errors.append(f"{module}/Dockerfile: expected {what}")
    for layer in ("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"):
        if f"COPY --from=build /extracted/{layer}/ ./" not in text:
            errors.append(f"{module}/Dockerfile: layer {layer} is not copied")
    print(f"    {module}/Dockerfile: {len(expectations) + 4} expectations checked")


def check_workflow(path, errors):
    name = os.path.relpath(path)
    with open(path, encoding="utf-8") as f:
        wf = yaml.safe_load(f)
    jobs = wf.get("jobs") or {}
    if not jobs:
        errors.append(f"{name}: no jobs")
    if not (wf.get("on") or wf.get(True)):  # PyYAML reads the key `on` as True
        errors.append(f"{name}: no triggers")
    uses_count = 0
    for job_id, job in jobs.items():
        if "runs-on" not in job or not job.get("steps"):
            errors.append(f"{name}: job {job_id} lacks runs-on or steps")
            continue
        for need in job.get("needs", []) if isinstance(job.get("needs"), list) else [job.get("needs")] if job.get("needs") else []:
            if need not in jobs:
                errors.append(f"{name}: job {job_id} needs unknown job {need}")
        for step in job["steps"]:
            if ("uses" in step) == ("run" in step):
                errors.append(f"{name}: a step of {job_id} must have exactly one of uses and run: {step}")
            if "uses" in step:
                uses_count += 1
                action, _, ref = step["uses"].partition("@")
                if not (re.fullmatch(r"v\d+(\.\d+){0,2}", ref) or re.fullmatch(r"[0-9a-f]{40}", ref)):
                    errors.append(f"{name}: {step['uses']} is not pinned to a release tag or a commit SHA")
        applies = any("kubectl apply" in (step.get("run") or "") for step in job["steps"])
        if applies and not job.get("environment"):
            errors.append(f"{name}: job {job_id} runs kubectl apply outside a protected environment")
    print(f"    {name}: {len(jobs)} jobs, {uses_count} action references pinned")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    errors = []
    for module, port in SERVICES.items():
        check_dockerfile(root, module, port, errors)
    workflows = sorted(glob.glob(os.path.join(root, ".github/workflows/*.yml")))
    if not workflows:
        errors.append("no workflows in .github/workflows")
    for path in workflows:
        check_workflow(path, errors)
    for e in errors:
        print(f"    ERROR {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
