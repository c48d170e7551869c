#!/usr/bin/env python3
"""Semantic checks of the resolved compose file (the output of `docker compose config`) beyond its syntax.

Every depends_on target with condition service_healthy has a healthcheck; bind-mounted files exist;
each service image builds from the repository root with its own Dockerfile; every platform service
gets the database and Kafka settings, and the scoring API its admin key.

Usage: check_compose.py RESOLVED.yaml REPOSITORY_ROOT
"""

import os
import sys

import yaml

PLATFORM = {"ingestion-service": 8081, "training-service": 8082, "scoring-api": 8080, "drift-monitor": 8083}
REQUIRED_ENV = ("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS")


def as_env(env):
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return env or {}


def main():
    resolved, root = sys.argv[1], sys.argv[2]
    with open(resolved, encoding="utf-8") as f:
        compose = yaml.safe_load(f)
    services = compose.get("services", {})
    errors = []
    for name, svc in services.items():
        deps = svc.get("depends_on") or {}
        if isinstance(deps, dict):
            for dep, cond in deps.items():
                if dep not in services:
                    errors.append(f"{name}: depends on unknown service {dep}")
                elif (cond or {}).get("condition") == "service_healthy" and not services[dep].get("healthcheck"):
                    errors.append(f"{name}: waits for {dep} to be healthy, but {dep} has no healthcheck")
        if not svc.get("healthcheck"):
            errors.append(f"{name}: no healthcheck")
        for vol in svc.get("volumes", []):
            source = vol.get("source") if isinstance(vol, dict) else vol.split(":", 1)[0]
            kind = vol.get("type") if isinstance(vol, dict) else ("bind" if source.startswith((".", "/")) else "volume")
            if kind == "bind" and not os.path.exists(source if os.path.isabs(source) else os.path.join(root, source)):
                errors.append(f"{name}: bind mount source {source} does not exist")
    for name, port in PLATFORM.items():
        svc = services.get(name)
        if svc is None:
            errors.append(f"service {name} missing")
            continue
        build = svc.get("build") or {}
        context = os.path.realpath(os.path.join(root, build.get("context", ".")))
        if context != os.path.realpath(root):
            errors.append(f"{name}: build context must be the repository root, is {build.get('context')}")
        dockerfile = build.get("dockerfile", "")
        if os.path.normpath(os.path.relpath(os.path.join(context, dockerfile), root)) != f"{name}/Dockerfile":
            errors.append(f"{name}: builds {dockerfile}, expected {name}/Dockerfile")
        env = as_env(svc.get("environment"))
        for key in REQUIRED_ENV:
            if not env.get(key):
                errors.append(f"{name}: environment {key} missing")
        published = [str(p.get("target") if isinstance(p, dict) else p).split(":")[-1] for p in svc.get("ports", [])]
        if str(port) not in published:
            errors.append(f"{name}: port {port} not published")
    if not as_env(services.get("scoring-api", {}).get("environment")).get("SCORING_SECURITY_BOOTSTRAPADMINKEY"):
        errors.append("scoring-api: SCORING_SECURITY_BOOTSTRAPADMINKEY missing")
    for e in errors:
        print(f"    ERROR {e}")
    if not errors:
        print(f"    {len(services)} services: depends_on health conditions, bind mounts, builds, environment and ports consistent")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
