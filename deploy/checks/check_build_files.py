#!/usr/bin/env python3
"""Offline checks of the Dockerfile and GitHub workflows (no Docker engine, no hadolint or actionlint here).

Dockerfile: one, at the repository root, for every service, chosen by the build arguments MODULE (the Maven
module) and PORT (its port); APT_PACKAGES adds Debian packages to the runtime (training-service: libgomp1). Checked:
multi-stage JDK 25 build of exactly the chosen module from the repository root, Boot 4 layered extraction, JRE 25
runtime, non-root USER, HEALTHCHECK and EXPOSE on the chosen port; no per-module Dockerfile left beside it. Targets:
the default (last) stage is the service runtime; `training-service` adds a JRE 17 and the spark-training job jar
and points training.spark.java-home/classpath at them; `spark` is the official apache/spark image of
spark-training's Spark version on JDK 17, with libgomp1 and the job jar, non-root; the job jar is built with
-Pspark-jar.
Workflows: valid YAML, every job has runs-on and steps, every action pinned to a release tag or a
full commit SHA (never a branch), the deploy job behind an environment; the image job builds every service from
the root Dockerfile with its MODULE, PORT, APT_PACKAGES and target (training-service its own; the Spark image too).

Usage: check_build_files.py REPOSITORY_ROOT
"""

import glob
import os
import re
import sys

import yaml

SERVICES = {"scoring-api": 8080, "ingestion-service": 8081, "training-service": 8082, "drift-monitor": 8083,
            "console": 8084}
# Debian packages a service needs beside the JRE: xgboost4j's native code links against OpenMP.
APT_PACKAGES = {"training-service": "libgomp1"}
# Dockerfile targets other than the default (last) stage: the training service's, with its Spark engine.
TARGETS = {"training-service": "training-service"}
SPARK_IMAGE = ("spark-training", "spark")  # (matrix service, Dockerfile target) of the Spark image
JOB_JAR = "/opt/spark-training/spark-training-job.jar"


def stage_named(parts, name):
    """The stage declared `FROM ... AS name`, or []."""
    return next((p for p in parts[1:] if re.match(rf"FROM \S+ AS {re.escape(name)}$", p[0])), [])


def spark_version(root):
    """spark-training's <spark.version>."""
    pom = open(os.path.join(root, "spark-training", "pom.xml"), encoding="utf-8").read()
    found = re.search(r"<spark\.version>([^<]+)</spark\.version>", pom)
    return found.group(1) if found else None


def stages(text):
    """The Dockerfile's lines, stripped, split into stages at each FROM (the global part first)."""
    result = [[]]
    for line in (l.strip() for l in text.splitlines()):
        if line.startswith("FROM "):
            result.append([])
        result[-1].append(line)
    return result


def check_dockerfile(root, errors):
    path = os.path.join(root, "Dockerfile")
    if not os.path.exists(path):
        errors.append("Dockerfile missing at the repository root")
        return
    for module in SERVICES:
        if os.path.exists(os.path.join(root, module, "Dockerfile")):
            errors.append(f"{module}/Dockerfile: every image builds from the root Dockerfile; remove it")
    text = open(path, encoding="utf-8").read()
    lines = [l.strip() for l in text.splitlines()]
    parts = stages(text)
    build = stage_named(parts, "build")
    runtime = stage_named(parts, "service")
    training = stage_named(parts, "training-service")
    spark = stage_named(parts, "spark")
    spark_job = stage_named(parts, "spark-job")
    version = spark_version(root)
    expectations = {
        "a JDK 25 build stage": build and re.match(r"FROM eclipse-temurin:25-jdk\S* AS build", build[0]),
        "a JRE 25 runtime stage": runtime and re.match(r"FROM eclipse-temurin:25-jre", runtime[0]),
        "ARG MODULE declared globally and in the build stage": "ARG MODULE" in parts[0] and "ARG MODULE" in build,
        "ARG PORT declared globally and in the runtime stage": "ARG PORT" in parts[0] and "ARG PORT" in runtime,
        "ARG APT_PACKAGES in the runtime stage": any(l.startswith("ARG APT_PACKAGES") for l in runtime),
        "a build refused without MODULE": any(re.match(r'RUN test -n "\$MODULE"', l) for l in build),
        "a build refused without PORT": any(re.match(r'RUN test -n "\$PORT"', l) for l in runtime),
        "a build of -pl $MODULE -am": re.search(r'\./mvnw .*-pl "\$MODULE" -am\b.*package', text),
        "the module's own exec jar": '"$MODULE"/target/"$MODULE"-*-exec.jar' in text,
        "APT_PACKAGES installed without recommends": re.search(
            r"apt-get install -y --no-install-recommends \$APT_PACKAGES", text),
        "layered extraction": "-Djarmode=tools" in text and "extract --layers --launcher" in text,
        "the Boot 4 launcher": "org.springframework.boot.loader.launch.JarLauncher" in text,
        "a non-root USER": any(re.match(r"USER (?!root\b|0\b)\S+", l) for l in runtime),
        "a HEALTHCHECK": any(l.startswith("HEALTHCHECK ") for l in runtime),
        "EXPOSE ${PORT}": "EXPOSE ${PORT}" in runtime,
        "SERVER_PORT from PORT (Spring Boot binds it)": any(re.match(r"ENV SERVER_PORT=\$\{PORT\}", l) for l in runtime),
        "readiness on SERVER_PORT": "/dev/tcp/127.0.0.1/${SERVER_PORT" in text,
        "the default target is the service runtime (last stage FROM service)": parts[-1][0] == "FROM service",
        "the job jar built with -Pspark-jar -pl spark-training": any(
            re.search(r"\./mvnw .*-Pspark-jar -pl spark-training\b.*package", l) for l in spark_job),
        "a training-service target FROM service": training and training[0] == "FROM service AS training-service",
        "training-service: a JRE 17 copied in": any(re.match(r"COPY --from=eclipse-temurin:17-jre\S* /opt/java/openjdk /opt/java17$", l)
                                                    for l in training),
        "training-service: the job jar copied in": any(l == f"COPY --from=spark-job /tmp/spark-training-job.jar {JOB_JAR}"
                                                       for l in training),
        "training-service: training.spark.java-home and classpath set": "TRAINING_SPARK_JAVAHOME=/opt/java17" in text
            and f"TRAINING_SPARK_CLASSPATH={JOB_JAR}" in text,
        f"a spark target from apache/spark:{version} (Scala 2.12, JDK 17)": spark and re.match(
            rf"FROM apache/spark:{re.escape(version or '?')}-scala2\.12-java17\S* AS spark$", spark[0]),
        "spark: libgomp1 installed": any("--no-install-recommends libgomp1" in l for l in spark),
        "spark: the job jar copied in": any(l == f"COPY --from=spark-job /tmp/spark-training-job.jar {JOB_JAR}"
                                            for l in spark),
        "spark: ends as a non-root USER": bool(spark) and [l for l in spark if l.startswith("USER ")][-1:] not in (
            [], ["USER root"], ["USER 0"]),
    }
    for what, ok in expectations.items():
        if not ok:
            errors.append(f"Dockerfile: expected {what}")
    for layer in ("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"):
        if f"COPY --from=build /extracted/{layer}/ ./" not in lines:
            errors.append(f"Dockerfile: layer {layer} is not copied")
    print(f"    Dockerfile: {len(expectations) + 4} expectations checked (targets: default service, training-service,"
          f" spark on Spark {version})")


def check_image_matrix(name, wf, errors):
    """The job that builds the images: the root Dockerfile, once per service, with its build arguments."""
    for job_id, job in (wf.get("jobs") or {}).items():
        steps = [s for s in job.get("steps") or [] if str(s.get("uses", "")).startswith("docker/build-push-action")]
        if not steps:
            continue
        include = ((job.get("strategy") or {}).get("matrix") or {}).get("include") or []
        built = {entry.get("service"): entry for entry in include}
        for service, port in SERVICES.items():
            entry = built.get(service)
            if entry is None:
                errors.append(f"{name}: job {job_id} builds no image of {service}")
                continue
            if str(entry.get("port")) != str(port):
                errors.append(f"{name}: job {job_id} builds {service} with port {entry.get('port')}, expected {port}")
            if (entry.get("apt-packages") or "") != APT_PACKAGES.get(service, ""):
                errors.append(f"{name}: job {job_id} gives {service} APT packages {entry.get('apt-packages')!r},"
                              f" expected {APT_PACKAGES.get(service, '')!r}")
            if (entry.get("target") or "") != TARGETS.get(service, ""):
                errors.append(f"{name}: job {job_id} builds {service} with target {entry.get('target')!r},"
                              f" expected {TARGETS.get(service, '')!r}")
        spark_image, spark_target = SPARK_IMAGE
        if (built.get(spark_image) or {}).get("target") != spark_target:
            errors.append(f"{name}: job {job_id} builds no {spark_image} image from target {spark_target}")
        for step in steps:
            with_ = step.get("with") or {}
            args = dict(line.split("=", 1) for line in str(with_.get("build-args", "")).split("\n") if "=" in line)
            if os.path.normpath(str(with_.get("file", ""))) != "Dockerfile" or str(with_.get("context")) != ".":
                errors.append(f"{name}: job {job_id} must build ./Dockerfile from the repository root")
            if str(with_.get("target", "")).strip() != "${{ matrix.target }}":
                errors.append(f"{name}: job {job_id} must build the matrix's target")
            expected = {"MODULE": "${{ matrix.service }}", "PORT": "${{ matrix.port }}",
                        "APT_PACKAGES": "${{ matrix.apt-packages }}"}
            for key, value in expected.items():
                if args.get(key, "").strip() != value:
                    errors.append(f"{name}: job {job_id} passes {key}={args.get(key)!r}, expected {value}")
        print(f"    {name}: job {job_id} builds {len(built)} images from the root Dockerfile")


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
    check_image_matrix(name, wf, errors)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    errors = []
    check_dockerfile(root, errors)
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
