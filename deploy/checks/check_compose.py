#!/usr/bin/env python3
"""Semantic checks of the resolved compose file (the output of `docker compose config`) beyond its syntax.

Every depends_on target with condition service_healthy has a healthcheck; bind-mounted files exist; each service
image builds from the repository root with the one root Dockerfile and its own build arguments (MODULE, PORT,
APT_PACKAGES); every platform service gets the database and Kafka settings and publishes its port. Hardening: PostgreSQL and Kafka publish no port and sit on internal networks only;
Prometheus and Grafana listen on 127.0.0.1; PostgreSQL runs the init SQL; each service logs in as its own database
user with the password the init SQL gives that user; exactly the owner of each shared schema migrates it (and only
the registry's owner relays its outbox, only the security schema's owner gets the bootstrap key); Kafka SASL is wired
per service. With --debug, the resolved debug override must publish PostgreSQL and Kafka on 127.0.0.1 only.
The Spark engine: training-service builds the Dockerfile's target training-service (JRE 17 and the job jar) and
defaults to local[2]; with --spark (the file resolved with profile spark and TRAINING_SPARK_MASTER set as the header
says), a master and a worker of the Spark image (target spark) exist in profile spark only, on the internal data
network (the executors read PostgreSQL), unpublished, the worker registered with the master training-service uses,
and the executors get the job jar's path in the image and reach the driver by training-service's name. The profile's
object store (s3a:// sources): in profile spark only, its image pinned, on the data network that training-service and
the worker share, published on 127.0.0.1 only; its keys are OBJECT_STORE_ACCESS_KEY and OBJECT_STORE_SECRET_KEY (listed
in deploy/compose.env.example), training-service's S3A endpoint, path-style access and keys are the store's; and its
entrypoint refuses to start with a missing or short key (run here with /bin/sh, no store needed).

The check is run with every required variable set to a distinct value, so that a password wired to the wrong
variable shows.

Usage: check_compose.py RESOLVED.yaml REPOSITORY_ROOT [--debug RESOLVED_WITH_DEBUG.yaml]
"""

import argparse
import os
import subprocess
import sys
import tempfile

import yaml

from deployment_model import SERVICES, InitSql, check_services, service_modules

PLATFORM = {"ingestion-service": 8081, "training-service": 8082, "scoring-api": 8080, "drift-monitor": 8083}
# Debian packages a service's image needs beside the JRE (the Dockerfile's APT_PACKAGES): xgboost4j needs OpenMP.
APT_PACKAGES = {"training-service": "libgomp1"}
REQUIRED_ENV = ("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS")
# The operator console: built like the services, but it calls their APIs only (no database, no Kafka, no secret).
CONSOLE = ("console", 8084)
CONSOLE_TARGETS = {"CONSOLE_SERVICES_SCORING": "http://scoring-api:8080",
                   "CONSOLE_SERVICES_INGESTION": "http://ingestion-service:8081",
                   "CONSOLE_SERVICES_TRAINING": "http://training-service:8082",
                   "CONSOLE_SERVICES_DRIFT": "http://drift-monitor:8083"}
DATA_STORES = ("postgres", "kafka")
LOCAL_ONLY = ("prometheus", "grafana")
INIT_DIR = "/docker-entrypoint-initdb.d/"
SPARK_MASTER_URL = "spark://spark-master:7077"
SPARK_SERVICES = ("spark-master", "spark-worker")
OBJECT_STORE = "object-store"
OBJECT_STORE_ENDPOINT = "http://object-store:9000"
# the env file's variables of the store's keys; check-offline.sh sets each to offline-check-<name> for profile spark
OBJECT_STORE_KEYS = {"MINIO_ROOT_USER": "OBJECT_STORE_ACCESS_KEY", "MINIO_ROOT_PASSWORD": "OBJECT_STORE_SECRET_KEY"}
TRAINING_S3A_KEYS = {"TRAINING_SPARK_S3A_ACCESSKEY": "MINIO_ROOT_USER", "TRAINING_SPARK_S3A_SECRETKEY": "MINIO_ROOT_PASSWORD"}
INGESTION_KEYS = {"INGESTION_OBJECTSTORE_ACCESSKEY": "MINIO_ROOT_USER",
                  "INGESTION_OBJECTSTORE_SECRETKEY": "MINIO_ROOT_PASSWORD"}
JOB_JAR = "/opt/spark-training/spark-training-job.jar"


def as_env(env):
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {k: (None if v is None else str(v)) for k, v in (env or {}).items()}


def ports(svc):
    """(host_ip, published, target) of each published port, from the long or the short syntax."""
    result = []
    for p in svc.get("ports", []) or []:
        if isinstance(p, dict):
            result.append((str(p.get("host_ip") or ""), str(p.get("published") or ""), str(p.get("target"))))
        else:
            spec = str(p).split("/", 1)[0]
            parts = spec.rsplit(":", 2)
            if len(parts) == 3:
                result.append((parts[0], parts[1], parts[2]))
            elif len(parts) == 2:
                result.append(("", parts[0], parts[1]))
            else:
                result.append(("", "", parts[0]))
    return result


def volumes(svc):
    """(type, source, target) of each volume, from the long or the short syntax."""
    result = []
    for vol in svc.get("volumes", []) or []:
        if isinstance(vol, dict):
            result.append((vol.get("type"), vol.get("source"), vol.get("target")))
        else:
            parts = vol.split(":")
            source, target = parts[0], parts[1] if len(parts) > 1 else parts[0]
            result.append(("bind" if source.startswith((".", "/")) else "volume", source, target))
    return result


def networks(svc):
    nets = svc.get("networks")
    if nets is None:
        return ["default"]
    return list(nets) if isinstance(nets, (list, dict)) else [nets]


def check_basics(services, root, errors):
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
        for kind, source, _ in volumes(svc):
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
        if os.path.normpath(os.path.relpath(os.path.join(context, dockerfile), root)) != "Dockerfile":
            errors.append(f"{name}: builds {dockerfile}, expected the root Dockerfile")
        args = as_env(build.get("args"))
        expected_args = {"MODULE": name, "PORT": str(port), "APT_PACKAGES": APT_PACKAGES.get(name)}
        for key, value in expected_args.items():
            if (args.get(key) or None) != value:
                errors.append(f"{name}: build argument {key} is {args.get(key)!r}, expected {value!r}")
        env = as_env(svc.get("environment"))
        for key in REQUIRED_ENV:
            if not env.get(key):
                errors.append(f"{name}: environment {key} missing")
        if str(port) not in [target for _, _, target in ports(svc)]:
            errors.append(f"{name}: port {port} not published")


def check_console(compose, errors):
    name, port = CONSOLE
    svc = (compose.get("services") or {}).get(name)
    if svc is None:
        errors.append(f"service {name} missing")
        return
    args = as_env((svc.get("build") or {}).get("args"))
    if args.get("MODULE") != name or args.get("PORT") != str(port):
        errors.append(f"{name}: build arguments MODULE/PORT are {args.get('MODULE')!r}/{args.get('PORT')!r}")
    if str(port) not in [target for _, _, target in ports(svc)]:
        errors.append(f"{name}: port {port} not published")
    env = as_env(svc.get("environment"))
    for key, value in CONSOLE_TARGETS.items():
        if env.get(key) != value:
            errors.append(f"{name}: {key} is {env.get(key)!r}, expected {value!r}")
    leaked = sorted(k for k in env if k.startswith(("SPRING_DATASOURCE_", "SPRING_KAFKA_", "PLATFORM_SECURITY_")))
    if leaked:
        errors.append(f"{name}: gets {leaked}, but it needs no database, Kafka or key")
    defined = compose.get("networks") or {}
    for net in networks(svc):
        if (defined.get(net) or {}).get("internal"):
            errors.append(f"{name}: joins the internal network {net!r} of PostgreSQL and Kafka")


def check_exposure(compose, errors):
    services = compose.get("services", {})
    defined = compose.get("networks") or {}
    for name in DATA_STORES:
        svc = services.get(name, {})
        if ports(svc):
            errors.append(f"{name}: publishes {ports(svc)} on the host; only docker-compose.debug.yml may")
        for net in networks(svc):
            if not (defined.get(net) or {}).get("internal"):
                errors.append(f"{name}: joins network {net!r}, which is not internal")
    for name in LOCAL_ONLY:
        for host_ip, published, _ in ports(services.get(name, {})):
            if host_ip not in ("127.0.0.1", "::1"):
                errors.append(f"{name}: publishes {published} on {host_ip or 'every interface'}, not 127.0.0.1")
    grafana = as_env(services.get("grafana", {}).get("environment"))
    for key in ("GF_SECURITY_ADMIN_USER", "GF_SECURITY_ADMIN_PASSWORD"):
        if not grafana.get(key) or grafana.get(key) == "admin":
            errors.append(f"grafana: {key} must come from a required variable")


def check_database(services, sql, root, errors):
    postgres = services.get("postgres", {})
    mounted = [(source, target) for kind, source, target in volumes(postgres) if kind == "bind"]
    if not any(os.path.realpath(source if os.path.isabs(source) else os.path.join(root, source))
               == os.path.realpath(sql.path) and target.startswith(INIT_DIR) for source, target in mounted):
        errors.append(f"postgres: {os.path.relpath(sql.path, root)} is not mounted into {INIT_DIR}")
    pg_env = as_env(postgres.get("environment"))
    if pg_env.get("POSTGRES_USER") in sql.roles:
        errors.append("postgres: the superuser must not be one of the services' users")
    envs = {name: as_env(services.get(name, {}).get("environment")) for name in SERVICES if name in services}
    problems, users = check_services("docker-compose.yml", envs, sql, service_modules(root))
    errors.extend(problems)
    for service, user in users.items():
        variable = sql.password_env.get(user)
        if variable not in pg_env:
            errors.append(f"postgres: lacks {variable}, the password the init SQL gives {user}")
        elif envs[service].get("SPRING_DATASOURCE_PASSWORD") != pg_env[variable]:
            errors.append(f"{service}: SPRING_DATASOURCE_PASSWORD is not {variable}, the password of {user}")
        if envs[service].get("SPRING_DATASOURCE_PASSWORD") == pg_env.get("POSTGRES_PASSWORD"):
            errors.append(f"{service}: uses the PostgreSQL superuser's password")
    jaas = [envs[s].get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG") for s in users]
    if len(set(jaas)) != len(jaas):
        errors.append("Kafka SASL logins (SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG) are shared between services")
    return users


def check_training_engine(services, errors):
    """training-service: built with its Spark engine, local[2] unless the spark profile's master is chosen."""
    svc = services.get("training-service") or {}
    if (svc.get("build") or {}).get("target") != "training-service":
        errors.append("training-service: must build the Dockerfile's target training-service (JRE 17, job jar)")
    env = as_env(svc.get("environment"))
    if env.get("TRAINING_SPARK_MASTER") != "local[2]":
        errors.append(f"training-service: TRAINING_SPARK_MASTER defaults to {env.get('TRAINING_SPARK_MASTER')!r}, "
                      "expected local[2] without the spark profile")
    for name in SPARK_SERVICES + (OBJECT_STORE,):
        if name in services and "spark" not in (services[name].get("profiles") or []):
            errors.append(f"{name}: must be in profile spark only")


def check_spark(path, errors):
    """The file resolved with profile spark and TRAINING_SPARK_MASTER=spark://spark-master:7077."""
    with open(path, encoding="utf-8") as f:
        compose = yaml.safe_load(f)
    services = compose.get("services", {})
    defined = compose.get("networks") or {}
    training = as_env((services.get("training-service") or {}).get("environment"))
    if training.get("TRAINING_SPARK_MASTER") != SPARK_MASTER_URL:
        errors.append(f"spark profile: training-service's master is {training.get('TRAINING_SPARK_MASTER')!r}")
    if training.get("SPARK_LOCAL_HOSTNAME") != "training-service":
        errors.append("spark profile: the executors cannot reach the driver (SPARK_LOCAL_HOSTNAME != training-service)")
    options = (training.get("TRAINING_SPARK_DRIVERJAVAOPTIONS") or "").split(",")
    if f"-Dspark.executor.extraClassPath={JOB_JAR}" not in options:
        errors.append(f"spark profile: the executors' class path is not the image's job jar {JOB_JAR}")
    image = None
    for name in SPARK_SERVICES:
        svc = services.get(name)
        if svc is None:
            errors.append(f"spark profile: service {name} missing")
            continue
        if image is not None and svc.get("image") != image:
            errors.append(f"{name}: runs {svc.get('image')}, not the master's {image}")
        image = image or svc.get("image")
        if ports(svc):
            errors.append(f"{name}: publishes {ports(svc)}; the cluster stays on the internal network")
        if "data" not in networks(svc) or not (defined.get("data") or {}).get("internal"):
            errors.append(f"{name}: must join the internal data network (the executors read PostgreSQL)")
        if not svc.get("healthcheck"):
            errors.append(f"{name}: no healthcheck")
    master = services.get("spark-master") or {}
    if (master.get("build") or {}).get("target") != "spark":
        errors.append("spark-master: must build the Dockerfile's target spark")
    command = " ".join(str(c) for c in (services.get("spark-worker") or {}).get("command") or [])
    if SPARK_MASTER_URL not in command:
        errors.append(f"spark-worker: does not register with {SPARK_MASTER_URL}")
    if "training-service" in services and "data" not in networks(services["training-service"]):
        errors.append("training-service: not on the data network of the Spark cluster")


def store_starts(script, env):
    """The exit status of the store's entrypoint script under /bin/sh with nothing on PATH: 127 once it got past its
    checks to `exec minio` (not installed here), the script's own status when it refused to start."""
    with tempfile.TemporaryDirectory() as empty:
        return subprocess.run(["/bin/sh", "-c", script], env={**env, "PATH": empty}, capture_output=True,
                              timeout=10).returncode


def check_object_store(compose, root, errors):
    """The profile spark's object store and the ways to it of training-service (s3a:// sources) and ingestion-service
    (s3:// imports), in the file resolved with profile spark."""
    services = compose.get("services", {})
    defined = compose.get("networks") or {}
    store = services.get(OBJECT_STORE)
    if store is None:
        errors.append(f"spark profile: service {OBJECT_STORE} missing")
        return
    image = str(store.get("image") or "")
    if ":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest"):
        errors.append(f"{OBJECT_STORE}: image {image!r} has no pinned tag")
    shared = [n for n in networks(store) if (defined.get(n) or {}).get("internal")
              and all(n in networks(services.get(s) or {}) for s in ("training-service", "spark-worker"))]
    if not shared:
        errors.append(f"{OBJECT_STORE}: not on an internal network with training-service (the driver) and spark-worker "
                      "(the executors)")
    for host_ip, published, _ in ports(store):
        if host_ip not in ("127.0.0.1", "::1"):
            errors.append(f"{OBJECT_STORE}: publishes {published} on {host_ip or 'every interface'}, not 127.0.0.1")
    env = as_env(store.get("environment"))
    for key, variable in OBJECT_STORE_KEYS.items():
        if env.get(key) != f"offline-check-{variable}":
            errors.append(f"{OBJECT_STORE}: {key} is {env.get(key)!r}, not the env file's {variable}")
    training = as_env((services.get("training-service") or {}).get("environment"))
    for key, store_key in TRAINING_S3A_KEYS.items():
        if not training.get(key) or training.get(key) != env.get(store_key):
            errors.append(f"training-service: {key} is not the object store's {store_key}")
    expected = {"TRAINING_SPARK_S3A_ENDPOINT": OBJECT_STORE_ENDPOINT, "TRAINING_SPARK_S3A_PATHSTYLEACCESS": "true",
                "TRAINING_SPARK_S3A_SSLENABLED": "false"}
    for key, value in expected.items():
        if training.get(key) != value:
            errors.append(f"training-service: {key} is {training.get(key)!r}, expected {value!r} for {OBJECT_STORE}")
    # ingestion's s3:// imports read the same store with the same keys
    ingestion_service = services.get("ingestion-service") or {}
    if not any((defined.get(n) or {}).get("internal") and n in networks(store) for n in networks(ingestion_service)):
        errors.append(f"ingestion-service: not on an internal network with {OBJECT_STORE}")
    ingestion = as_env(ingestion_service.get("environment"))
    for key, store_key in INGESTION_KEYS.items():
        if not ingestion.get(key) or ingestion.get(key) != env.get(store_key):
            errors.append(f"ingestion-service: {key} is not the object store's {store_key}")
    for key, value in {"INGESTION_OBJECTSTORE_ENDPOINT": OBJECT_STORE_ENDPOINT,
                       "INGESTION_OBJECTSTORE_PATHSTYLE": "true"}.items():
        if ingestion.get(key) != value:
            errors.append(f"ingestion-service: {key} is {ingestion.get(key)!r}, expected {value!r} for {OBJECT_STORE}")
    with open(os.path.join(root, "deploy", "compose.env.example"), encoding="utf-8") as f:
        example = f.read()
    for variable in OBJECT_STORE_KEYS.values():
        if variable + "=" not in example:
            errors.append(f"deploy/compose.env.example does not list {variable}")
    # the entrypoint: `sh -c SCRIPT` with the script as the command; compose's resolved file escapes $ as $$
    command = store.get("command") or []
    if store.get("entrypoint") != ["/bin/sh", "-c"] or len(command) != 1:
        errors.append(f"{OBJECT_STORE}: entrypoint /bin/sh -c with one script expected (it checks the keys)")
        return
    script = command[0].replace("$$", "$")
    good = {"MINIO_ROOT_USER": "offline-key", "MINIO_ROOT_PASSWORD": "offline-check-secret-0123456789"}
    cases = [("no keys", {}, False), ("empty keys", {"MINIO_ROOT_USER": "", "MINIO_ROOT_PASSWORD": ""}, False),
             ("a 15-character secret", {**good, "MINIO_ROOT_PASSWORD": "x" * 15}, False),
             ("a 2-character access key", {**good, "MINIO_ROOT_USER": "ab"}, False),
             ("both keys", good, True)]
    for what, case_env, starts in cases:
        status = store_starts(script, case_env)
        if (status == 127) != starts:
            outcome = "went on to start MinIO" if status == 127 else f"exited with {status}"
            errors.append(f"{OBJECT_STORE}: with {what} its entrypoint {outcome}; it must "
                          f"{'start' if starts else 'refuse to start'}")


def check_debug(path, errors):
    with open(path, encoding="utf-8") as f:
        services = yaml.safe_load(f).get("services", {})
    for name in DATA_STORES:
        published = ports(services.get(name, {}))
        if not published:
            errors.append(f"debug override: {name} is not published")
        for host_ip, port, _ in published:
            if host_ip not in ("127.0.0.1", "::1"):
                errors.append(f"debug override: {name} publishes {port} on {host_ip or 'every interface'}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("resolved")
    parser.add_argument("root")
    parser.add_argument("--debug")
    parser.add_argument("--spark")
    args = parser.parse_args()
    with open(args.resolved, encoding="utf-8") as f:
        compose = yaml.safe_load(f)
    services = compose.get("services", {})
    sql = InitSql(args.root)
    errors = sql.problems()
    check_basics(services, args.root, errors)
    check_exposure(compose, errors)
    check_console(compose, errors)
    users = check_database(services, sql, args.root, errors)
    check_training_engine(services, errors)
    if args.debug:
        check_debug(args.debug, errors)
    if args.spark:
        check_spark(args.spark, errors)
        with open(args.spark, encoding="utf-8") as f:
            check_object_store(yaml.safe_load(f), args.root, errors)
    for e in errors:
        print(f"    ERROR {e}")
    if not errors:
        print(f"    {len(services)} services: depends_on health conditions, bind mounts, builds, environment and ports "
              "consistent")
        print("    console: built from the root Dockerfile, on 8084, pointed at the four services, off the data network")
        print("    PostgreSQL and Kafka unpublished on internal networks; Prometheus and Grafana on 127.0.0.1")
        print("    database users: " + ", ".join(f"{s}={u}" for s, u in users.items())
              + "; one migrator per shared schema, as the init SQL's owners")
        if args.spark:
            print(f"    profile spark: master and worker of the Spark image on the internal network; training-service "
                  f"submits to {SPARK_MASTER_URL} (local[2] without it), executors with the image's job jar")
            print(f"    profile spark: {OBJECT_STORE} with the env file's keys (refuses to start without them), on the "
                  f"data network, 127.0.0.1 only; training-service's S3A endpoint {OBJECT_STORE_ENDPOINT} with its keys")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
