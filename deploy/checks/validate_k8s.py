#!/usr/bin/env python3
"""Offline checks of rendered Kubernetes manifests (kustomize output in one or more files, applied together).

No cluster and no schema download are available offline, so this validates each document against the
Kubernetes API model classes shipped in Debian's python3-kubernetes (field names, value types, required
fields), then checks how the objects refer to each other (selectors, ports, ConfigMaps, HPA and PDB
targets). python3-kubernetes 22.x predates autoscaling/v2; its v2beta2 model has the same fields
and is used for it.

Hardening, when the platform's Deployments are rendered: a default-deny NetworkPolicy, and exactly the flows the
platform needs (DNS for every pod; the services to PostgreSQL and Kafka; Prometheus to each service's metrics port;
the ingress controller to scoring-api and the console only; the console to each service's API and to nothing else;
nothing from elsewhere, to the internet, or between the services);
each service its own database user and password Secret, one migrator per shared schema as the init SQL's owners
say (deployment_model.py); with the database Job rendered too, the Job gets the same password Secrets the services
use and runs the same SQL file as docker-compose.

The Spark engine on the cluster (k8s/components/spark-on-kubernetes), when rendered: Roles grant only pods and
ConfigMaps (no wildcard, no Secret, nothing cluster-wide), bound to a ServiceAccount only the driver
(training-service, master k8s://) mounts a token of; every other pod mounts none; the executor pod template
(a ConfigMap) is a valid Pod, non-root, without a token, mounted where spark.kubernetes.executor.podTemplateFile
says; the executors' image is pinned and their class path is the image's job jar; the network policies allow
driver <-> executors, executors <-> executors and executors -> PostgreSQL on any port Spark picks, the driver -> the
API server, and refuse the executors everything else (Kafka, the services, the internet, other namespaces). The
object store of s3a:// sources (the policies labelled credit-scoring.io/egress: object-store, their address set by
the overlay): the driver and the executors reach it on its port and on no other, no other pod reaches it, and its
address is no wider than a /8 and not the internet's; the store's keys come from a Secret, never from a ConfigMap.

Usage: validate_k8s.py RENDERED.yaml [MORE.yaml ...] [--namespace NS] [--root REPOSITORY_ROOT]
"""

import argparse
import ipaddress
import os
import sys

import yaml
from kubernetes import client
from kubernetes.client.configuration import Configuration

from deployment_model import INIT_SQL, SERVICES, InitSql, check_services, service_modules
from network_policies import Pod, allowed, policy_types, selects

MODELS = {
    ("v1", "ServiceAccount"): client.V1ServiceAccount,
    ("rbac.authorization.k8s.io/v1", "Role"): client.V1Role,
    ("rbac.authorization.k8s.io/v1", "RoleBinding"): client.V1RoleBinding,
    ("v1", "Namespace"): client.V1Namespace,
    ("v1", "ConfigMap"): client.V1ConfigMap,
    ("v1", "Service"): client.V1Service,
    ("apps/v1", "Deployment"): client.V1Deployment,
    ("autoscaling/v2", "HorizontalPodAutoscaler"): client.V2beta2HorizontalPodAutoscaler,
    ("policy/v1", "PodDisruptionBudget"): client.V1PodDisruptionBudget,
    ("batch/v1", "CronJob"): client.V1CronJob,
    ("batch/v1", "Job"): client.V1Job,
    ("networking.k8s.io/v1", "NetworkPolicy"): client.V1NetworkPolicy,
}

# Where the platform's neighbours are, as k8s/base/network-policies.yaml assumes (docs/operations.md).
DNS = Pod("kube-system", {"k8s-app": "kube-dns"})
KAFKA_BROKER = Pod("kafka", {"strimzi.io/kind": "Kafka"})
POSTGRES_OUTSIDE = Pod(address="10.20.30.40")
PROMETHEUS = Pod("monitoring", {"app.kubernetes.io/name": "prometheus"})
INGRESS_CONTROLLER = Pod("ingress-nginx", {"app.kubernetes.io/name": "ingress-nginx"})
STRANGER = Pod("somebody-else", {"app": "curious"})
INTERNET = Pod(address="93.184.216.34")
API_SERVER = Pod(address="10.0.0.1")  # an API server endpoint inside the cluster's private range

# The Spark engine (k8s/components/spark-on-kubernetes).
EXECUTOR_TEMPLATE_KEY = "executor-pod-template.yaml"
SPARK_PORTS = (7078, 7079, 41234)  # the driver's RPC and block manager, and a port chosen at run time
JOB_JAR = "/opt/spark-training/spark-training-job.jar"
ROLE_RESOURCES = {"pods", "configmaps"}
OBJECT_STORE_LABEL = ("credit-scoring.io/egress", "object-store")
OBJECT_STORE_KEYS = ("TRAINING_SPARK_S3A_ACCESSKEY", "TRAINING_SPARK_S3A_SECRETKEY")
ROLE_VERBS = {"create", "get", "list", "watch", "delete", "deletecollection"}

_CONFIG = Configuration()
_REQUIRED_CACHE = {}


def required_fields(cls):
    """Attributes whose generated setter rejects None (the API's required fields)."""
    if cls not in _REQUIRED_CACHE:
        required = set()
        for attr in cls.openapi_types:
            probe = cls.__new__(cls)
            probe.local_vars_configuration = _CONFIG
            try:
                setattr(probe, attr, None)
            except ValueError:
                required.add(attr)
        _REQUIRED_CACHE[cls] = required
    return _REQUIRED_CACHE[cls]


def check_value(value, type_name, path, errors):
    if value is None:
        return
    if type_name.startswith("list["):
        if not isinstance(value, list):
            errors.append(f"{path}: expected a list, got {type(value).__name__}")
            return
        for i, item in enumerate(value):
            check_value(item, type_name[5:-1], f"{path}[{i}]", errors)
    elif type_name.startswith("dict("):
        if not isinstance(value, dict):
            errors.append(f"{path}: expected a map, got {type(value).__name__}")
            return
        inner = type_name[5:-1].split(", ", 1)[1]
        for k, v in value.items():
            check_value(v, inner, f"{path}.{k}", errors)
    elif type_name == "str":
        if not isinstance(value, str):
            errors.append(f"{path}: expected a string, got {type(value).__name__} {value!r}")
    elif type_name == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append(f"{path}: expected an integer, got {value!r}")
    elif type_name == "bool":
        if not isinstance(value, bool):
            errors.append(f"{path}: expected a boolean, got {value!r}")
    elif type_name == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            errors.append(f"{path}: expected a number, got {value!r}")
    elif type_name in ("object", "datetime", "date"):
        return
    else:
        cls = getattr(client, type_name, None)
        if cls is None:
            errors.append(f"{path}: no model for type {type_name}")
            return
        check_model(value, cls, path, errors)


def check_model(value, cls, path, errors):
    if not isinstance(value, dict):
        errors.append(f"{path}: expected an object ({cls.__name__}), got {type(value).__name__}")
        return
    by_json = {json_key: attr for attr, json_key in cls.attribute_map.items()}
    for key, item in value.items():
        attr = by_json.get(key)
        if attr is None:
            errors.append(f"{path}.{key}: unknown field for {cls.__name__}")
            continue
        check_value(item, cls.openapi_types[attr], f"{path}.{key}", errors)
    for attr in required_fields(cls):
        if value.get(cls.attribute_map[attr]) is None:
            errors.append(f"{path}.{cls.attribute_map[attr]}: required field missing")


def matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def cross_check(docs, namespace, errors, notes):
    by_kind = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
    deployments = by_kind.get("Deployment", {})
    config_maps = set(by_kind.get("ConfigMap", {}))
    hpas = by_kind.get("HorizontalPodAutoscaler", {})
    secrets = set()

    if "Secret" in by_kind:
        errors.append("a Secret is rendered: secrets must not live in the repository")
    for doc in docs:
        ns = doc["metadata"].get("namespace")
        if doc["kind"] != "Namespace" and namespace and ns != namespace:
            errors.append(f"{doc['kind']}/{doc['metadata']['name']}: namespace {ns!r}, expected {namespace!r}")

    workloads = {f"Deployment/{n}": d for n, d in deployments.items()}
    workloads.update({f"Job/{n}": j for n, j in by_kind.get("Job", {}).items()})
    for where, dep in workloads.items():
        spec = dep["spec"]
        pod = spec["template"]
        if "selector" in spec and not matches(spec["selector"].get("matchLabels"), pod["metadata"].get("labels", {})):
            errors.append(f"{where}: selector does not match the pod template labels")
        pod_spec = pod["spec"]
        if not (pod_spec.get("securityContext") or {}).get("runAsNonRoot"):
            errors.append(f"{where}: pod securityContext.runAsNonRoot is not true")
        for c in pod_spec["containers"]:
            cwhere = f"{where} container {c['name']}"
            image = c.get("image", "")
            if image.endswith(":latest") or ":" not in image.rsplit("/", 1)[-1]:
                errors.append(f"{cwhere}: image {image!r} has no pinned tag")
            ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
            numbers = set(ports.values())
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                p = c.get(probe)
                if p is None:
                    if probe != "startupProbe" and where.startswith("Deployment/"):
                        errors.append(f"{cwhere}: no {probe}")
                    continue
                port = (p.get("httpGet") or p.get("tcpSocket") or {}).get("port")
                if port not in ports and port not in numbers:
                    errors.append(f"{cwhere}: {probe} uses port {port!r} that the container does not declare")
            res = c.get("resources") or {}
            for part in ("requests", "limits"):
                for r in ("cpu", "memory"):
                    if r not in (res.get(part) or {}):
                        errors.append(f"{cwhere}: resources.{part}.{r} missing")
            for src in c.get("envFrom", []):
                ref = (src.get("configMapRef") or {}).get("name")
                if ref and ref not in config_maps:
                    errors.append(f"{cwhere}: envFrom ConfigMap {ref!r} is not rendered")
            for volume in pod_spec.get("volumes", []):
                if "secret" in volume:
                    secrets.add(f"{volume['secret']['secretName']} (mounted)")
            for env in c.get("env", []):
                ref = (env.get("valueFrom") or {}).get("secretKeyRef")
                if ref:
                    secrets.add(f"{ref['name']}/{ref['key']}")
                cref = (env.get("valueFrom") or {}).get("configMapKeyRef")
                if cref and cref["name"] not in config_maps:
                    errors.append(f"{cwhere}: env {env['name']} refers to missing ConfigMap {cref['name']!r}")

    for name, svc in by_kind.get("Service", {}).items():
        selector = svc["spec"].get("selector", {})
        targets = [d for d in deployments.values() if matches(selector, d["spec"]["template"]["metadata"]["labels"])]
        if len(targets) != 1:
            errors.append(f"Service/{name}: selector matches {len(targets)} Deployments, expected 1")
            continue
        container_ports = {p.get("name"): p["containerPort"]
                           for c in targets[0]["spec"]["template"]["spec"]["containers"] for p in c.get("ports", [])}
        for port in svc["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            if target not in container_ports and target not in container_ports.values():
                errors.append(f"Service/{name}: targetPort {target!r} is not a container port of the Deployment")

    for name, hpa in hpas.items():
        ref = hpa["spec"]["scaleTargetRef"]
        if ref["kind"] != "Deployment" or ref["name"] not in deployments:
            errors.append(f"HorizontalPodAutoscaler/{name}: target {ref['kind']}/{ref['name']} is not rendered")
        if hpa["spec"].get("minReplicas", 1) > hpa["spec"]["maxReplicas"]:
            errors.append(f"HorizontalPodAutoscaler/{name}: minReplicas > maxReplicas")

    for name, pdb in by_kind.get("PodDisruptionBudget", {}).items():
        spec = pdb["spec"]
        if ("minAvailable" in spec) == ("maxUnavailable" in spec):
            errors.append(f"PodDisruptionBudget/{name}: set exactly one of minAvailable and maxUnavailable")
        selector = (spec.get("selector") or {}).get("matchLabels", {})
        targets = [d for d in deployments.values() if matches(selector, d["spec"]["template"]["metadata"]["labels"])]
        if len(targets) != 1:
            errors.append(f"PodDisruptionBudget/{name}: selector matches {len(targets)} Deployments, expected 1")
            continue
        dep = targets[0]
        hpa = next((h for h in hpas.values() if h["spec"]["scaleTargetRef"]["name"] == dep["metadata"]["name"]), None)
        floor = hpa["spec"].get("minReplicas", 1) if hpa else dep["spec"].get("replicas", 1)
        min_available = spec.get("minAvailable")
        if isinstance(min_available, int) and min_available >= floor:
            errors.append(f"PodDisruptionBudget/{name}: minAvailable {min_available} >= {floor} replicas blocks every eviction")

    notes.append("secrets the cluster must provide: " + (", ".join(sorted(secrets)) or "none"))


def pods_of(docs):
    """Each workload's pod, as a network party: its namespace, labels and named container ports."""
    pods = {}
    for doc in docs:
        if doc["kind"] in ("Deployment", "Job"):
            template = doc["spec"]["template"]
            ports = {p["name"]: p["containerPort"]
                     for c in template["spec"]["containers"] for p in c.get("ports", []) if p.get("name")}
            pods[f"{doc['kind']}/{doc['metadata']['name']}"] = (
                Pod(doc["metadata"].get("namespace"), template["metadata"].get("labels", {}), ports), template)
    for name, template in executor_templates(docs).items():
        pods[f"SparkExecutor/{name}"] = (
            Pod(template["namespace"], (template.get("metadata") or {}).get("labels", {}), {}), template)
    return pods


def executor_templates(docs):
    """The Spark executor pod templates carried by ConfigMaps, by ConfigMap name (with the ConfigMap's namespace)."""
    templates = {}
    for doc in docs:
        if doc["kind"] == "ConfigMap" and EXECUTOR_TEMPLATE_KEY in (doc.get("data") or {}):
            template = yaml.safe_load(doc["data"][EXECUTOR_TEMPLATE_KEY]) or {}
            template["namespace"] = doc["metadata"].get("namespace")
            templates[doc["metadata"]["name"]] = template
    return templates


def check_network_policies(docs, errors, notes):
    policies = [d for d in docs if d["kind"] == "NetworkPolicy"]
    pods = pods_of(docs)
    deployments = {where: (pod, template) for where, (pod, template) in pods.items()
                   if where.startswith("Deployment/")}
    if not deployments:
        return
    # the operator console (component console) calls the services' APIs; every other Deployment is a service
    consoles = {where: v for where, v in deployments.items()
                if v[0].labels.get("app.kubernetes.io/component") == "console"}
    services = {where: v for where, v in deployments.items() if where not in consoles}
    if not any(p["spec"].get("podSelector") in ({}, None) and set(p["spec"].get("policyTypes") or []) ==
               {"Ingress", "Egress"} and not p["spec"].get("ingress") and not p["spec"].get("egress")
               for p in policies):
        errors.append("no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)")
    for policy in policies:
        namespace = policy["metadata"].get("namespace")
        if not any(pod.namespace == namespace and selects(policy["spec"].get("podSelector"), pod.labels)
                   for pod, _ in pods.values()):
            errors.append(f"NetworkPolicy/{policy['metadata']['name']} selects no pod of the platform")

    def expect(flag, source, destination, port, protocol, what):
        if allowed(policies, source, destination, port, protocol) != flag:
            errors.append(f"{what}: {'refused' if flag else 'allowed'} by the network policies")

    flows = 0
    for where, (pod, template) in pods.items():
        expect(True, pod, DNS, 53, "UDP", f"{where} -> DNS")
        expect(False, pod, DNS, 443, "TCP", f"{where} -> the DNS server on another port")
        expect(False, pod, INTERNET, 53, "UDP", f"{where} -> a DNS server outside the cluster")
        expect(False, pod, INTERNET, 443, "TCP", f"{where} -> the internet")
        expect(False, pod, INTERNET, 9092, "TCP", f"{where} -> a Kafka port outside the Kafka namespace")
        flows += 5
    for where, (pod, template) in services.items():
        metrics_port = int(template["metadata"].get("annotations", {}).get("prometheus.io/port", 0))
        http = pod.ports.get("http")
        expect(True, pod, POSTGRES_OUTSIDE, 5432, "TCP", f"{where} -> PostgreSQL")
        expect(True, pod, KAFKA_BROKER, 9092, "TCP", f"{where} -> Kafka")
        expect(True, PROMETHEUS, pod, metrics_port, "TCP", f"Prometheus -> {where}:{metrics_port}")
        expect(pod.labels.get("app.kubernetes.io/name") == "scoring-api", INGRESS_CONTROLLER, pod, http, "TCP",
               f"ingress controller -> {where}")
        expect(False, STRANGER, pod, http, "TCP", f"another namespace -> {where}")
        for other_where, (other, _) in services.items():
            if other_where != where:
                expect(False, pod, other, other.ports.get("http"), "TCP", f"{where} -> {other_where}")
                flows += 1
        for console_where, (console, _) in consoles.items():
            expect(True, console, pod, http, "TCP", f"{console_where} -> {where}")
            expect(False, pod, console, console.ports.get("http"), "TCP", f"{where} -> {console_where}")
            flows += 2
        flows += 5
    executors = {where: v for where, v in pods.items() if where.startswith("SparkExecutor/")}
    drivers = {where: v for where, v in services.items() if v[0].labels.get("app.kubernetes.io/name") == "training-service"}
    for where, (executor, _) in executors.items():
        for driver_where, (driver, _) in drivers.items():
            for port in SPARK_PORTS:
                expect(True, executor, driver, port, "TCP", f"{where} -> {driver_where}:{port}")
                expect(True, driver, executor, port, "TCP", f"{driver_where} -> {where}:{port}")
            expect(True, driver, API_SERVER, 443, "TCP", f"{driver_where} -> the API server")
            flows += 2 * len(SPARK_PORTS) + 1
        expect(True, executor, executor, SPARK_PORTS[-1], "TCP", f"{where} -> another executor")
        expect(True, executor, POSTGRES_OUTSIDE, 5432, "TCP", f"{where} -> PostgreSQL")
        expect(False, executor, KAFKA_BROKER, 9092, "TCP", f"{where} -> Kafka")
        expect(False, executor, API_SERVER, 443, "TCP", f"{where} -> the API server")
        expect(False, STRANGER, executor, SPARK_PORTS[-1], "TCP", f"another namespace -> {where}")
        flows += 5
        for other_where, (other, _) in {**services, **consoles}.items():
            if other_where not in drivers:
                expect(False, other, executor, SPARK_PORTS[-1], "TCP", f"{other_where} -> {where}")
                expect(False, executor, other, other.ports.get("http"), "TCP", f"{where} -> {other_where}")
                flows += 2
    for where, (pod, _) in {**services, **consoles}.items():
        if where not in drivers:
            expect(False, pod, API_SERVER, 443, "TCP", f"{where} -> the API server")
            flows += 1
    flows += check_object_store_egress(policies, executors, drivers, {**services, **consoles}, expect, errors, notes)
    for where, (pod, template) in consoles.items():
        http = pod.ports.get("http")
        expect(False, pod, POSTGRES_OUTSIDE, 5432, "TCP", f"{where} -> PostgreSQL")
        expect(False, pod, KAFKA_BROKER, 9092, "TCP", f"{where} -> Kafka")
        expect(True, INGRESS_CONTROLLER, pod, http, "TCP", f"ingress controller -> {where}")
        expect(False, STRANGER, pod, http, "TCP", f"another namespace -> {where}")
        flows += 4
    notes.append(f"{len(policies)} network policies; {flows} flows checked (DNS, PostgreSQL, Kafka, Prometheus, "
                 "ingress, console" + (", Spark driver and executors" if executors else "") + ", and none else)")


def object_store(policies, errors):
    """The object store's address and port, as the policies labelled for it say (one of each, the same in all)."""
    key, value = OBJECT_STORE_LABEL
    targets = set()
    for policy in policies:
        if (policy["metadata"].get("labels") or {}).get(key) != value:
            continue
        where = f"NetworkPolicy/{policy['metadata']['name']}"
        rules = policy["spec"].get("egress") or []
        peers = [peer for rule in rules for peer in rule.get("to") or []]
        ports = [port for rule in rules for port in rule.get("ports") or []]
        if policy_types(policy) != {"Egress"} or len(rules) != 1 or len(peers) != 1 or len(ports) != 1:
            errors.append(f"{where}: one egress rule to one address on one port expected")
            continue
        block, port = peers[0].get("ipBlock"), ports[0]
        if block is None:
            # a store inside the cluster, named by its pods (the overlay's choice): not checked as an address here
            continue
        network = ipaddress.ip_network(block["cidr"])
        if network.prefixlen < 8:
            errors.append(f"{where}: {network} is wider than a /8: name the object store's addresses, not the internet")
        if ipaddress.ip_address(INTERNET.address) in network:
            errors.append(f"{where}: {network} holds the internet's {INTERNET.address}")
        if port.get("protocol", "TCP") != "TCP" or not isinstance(port.get("port"), int) or port.get("endPort"):
            errors.append(f"{where}: one numbered TCP port expected, got {port}")
            continue
        targets.add((network, port["port"]))
    if len(targets) > 1:
        errors.append(f"the object-store policies name different addresses or ports: {sorted(map(str, targets))}")
    return next(iter(targets)) if len(targets) == 1 else None


def check_object_store_egress(policies, executors, drivers, others, expect, errors, notes):
    """The driver and the executors reach the object store on its port only; no other pod reaches it at all."""
    if not executors:
        return 0
    target = object_store(policies, errors)
    if target is None:
        return 0
    network, port = target
    store = Pod(address=str(next(network.hosts(), network.network_address)))
    other_port = 8080 if port == 80 else 80
    flows = 0
    for where, (pod, _) in {**executors, **drivers}.items():
        expect(True, pod, store, port, "TCP", f"{where} -> the object store {store.address}:{port}")
        expect(False, pod, store, other_port, "TCP", f"{where} -> the object store on port {other_port}")
        flows += 2
    for where, (pod, _) in others.items():
        if where not in drivers:
            expect(False, pod, store, port, "TCP", f"{where} -> the object store")
            flows += 1
    notes.append(f"object store of s3a:// sources: {network} port {port}, from the Spark driver and executors only")
    return flows


def check_spark(docs, errors, notes):
    """RBAC of the Spark driver, tokens, the executor pod template and the driver's Spark settings."""
    by_kind = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
    accounts = by_kind.get("ServiceAccount", {})
    roles = by_kind.get("Role", {})
    bindings = by_kind.get("RoleBinding", {})
    config_maps = by_kind.get("ConfigMap", {})
    templates = executor_templates(docs)
    for name, role in roles.items():
        for rule in role.get("rules") or []:
            if rule.get("apiGroups") != [""]:
                errors.append(f"Role/{name}: grants API groups {rule.get('apiGroups')}, only the core group expected")
            if not set(rule.get("resources") or []) <= ROLE_RESOURCES:
                errors.append(f"Role/{name}: grants {rule.get('resources')}, only {sorted(ROLE_RESOURCES)} expected")
            if not set(rule.get("verbs") or []) <= ROLE_VERBS:
                errors.append(f"Role/{name}: grants verbs {rule.get('verbs')}, only {sorted(ROLE_VERBS)} expected")
            if rule.get("resourceNames") is None and "*" in (rule.get("verbs") or []) + (rule.get("resources") or []):
                errors.append(f"Role/{name}: wildcard")
    bound = set()
    for name, binding in bindings.items():
        ref = binding["roleRef"]
        if ref.get("kind") != "Role" or ref.get("name") not in roles:
            errors.append(f"RoleBinding/{name}: binds {ref.get('kind')}/{ref.get('name')}, not a rendered Role")
        for subject in binding.get("subjects") or []:
            if subject.get("kind") != "ServiceAccount" or subject.get("name") not in accounts:
                errors.append(f"RoleBinding/{name}: subject {subject} is not a rendered ServiceAccount")
            bound.add(subject.get("name"))
    for name, account in accounts.items():
        if account.get("automountServiceAccountToken") is not False:
            errors.append(f"ServiceAccount/{name}: mounts its token into every pod; a pod must ask for it")
    drivers = []
    for doc in docs:
        if doc["kind"] not in ("Deployment", "Job"):
            continue
        where = f"{doc['kind']}/{doc['metadata']['name']}"
        pod_spec = doc["spec"]["template"]["spec"]
        account = pod_spec.get("serviceAccountName")
        container = pod_spec["containers"][0]
        env = effective_env(container, {n: c for n, c in config_maps.items()})
        master = env.get("TRAINING_SPARK_MASTER") or ""
        if pod_spec.get("automountServiceAccountToken") is not False:
            if not master.startswith("k8s://"):
                errors.append(f"{where}: mounts a ServiceAccount token but is no Spark driver on Kubernetes")
            elif account not in bound:
                errors.append(f"{where}: the Spark driver's ServiceAccount {account!r} has no Role")
        if master.startswith("k8s://"):
            drivers.append((where, pod_spec, container, env))
        elif account in bound:
            errors.append(f"{where}: runs as {account!r}, which has a Role, without being the Spark driver")
    for where, pod_spec, container, env in drivers:
        if pod_spec.get("automountServiceAccountToken") is not True or pod_spec.get("serviceAccountName") not in bound:
            errors.append(f"{where}: a Spark driver on Kubernetes needs its bound ServiceAccount's token")
        options = dict(o.split("=", 1) for o in (env.get("TRAINING_SPARK_DRIVERJAVAOPTIONS") or "").split(",")
                       if o.startswith("-D") and "=" in o)
        image = env.get("SPARK_EXECUTOR_IMAGE") or ""
        if options.get("-Dspark.kubernetes.container.image") != "$(SPARK_EXECUTOR_IMAGE)":
            errors.append(f"{where}: spark.kubernetes.container.image is not $(SPARK_EXECUTOR_IMAGE)")
        if image.endswith(":latest") or ":" not in image.rsplit("/", 1)[-1]:
            errors.append(f"{where}: SPARK_EXECUTOR_IMAGE {image!r} has no pinned tag (set it in the overlay)")
        if options.get("-Dspark.executor.extraClassPath") != JOB_JAR:
            errors.append(f"{where}: the executors' class path is not the Spark image's job jar {JOB_JAR}")
        for key in OBJECT_STORE_KEYS:
            if key in env and secret_of(container, key) is None:
                errors.append(f"{where}: {key} does not come from a Secret")
        env_names = [e["name"] for e in container.get("env", [])]
        before = env_names[:env_names.index("TRAINING_SPARK_DRIVERJAVAOPTIONS")] \
            if "TRAINING_SPARK_DRIVERJAVAOPTIONS" in env_names else []
        names = {f"$({n})" for n in before}
        for value in options.values():
            from_config_map = value[2:-1] in env and value[2:-1] not in env_names
            if value.startswith("$(") and value not in names and not from_config_map:
                errors.append(f"{where}: {value} is not defined before TRAINING_SPARK_DRIVERJAVAOPTIONS")
        path = options.get("-Dspark.kubernetes.executor.podTemplateFile", "")
        volumes = {v["name"]: v for v in pod_spec.get("volumes", [])}
        mounted = [((volumes.get(m["name"]) or {}).get("configMap") or {}).get("name")
                   for m in container.get("volumeMounts", [])
                   if path == m["mountPath"].rstrip("/") + "/" + EXECUTOR_TEMPLATE_KEY]
        if not any(name in templates for name in mounted):
            errors.append(f"{where}: spark.kubernetes.executor.podTemplateFile {path!r} is not the mounted template")
        notes.append(f"{where}: Spark driver on {env.get('TRAINING_SPARK_MASTER')}, executors of {image}")
    for name, template in templates.items():
        spec = template.get("spec") or {}
        where = f"ConfigMap/{name} (executor pod template)"
        if spec.get("automountServiceAccountToken") is not False:
            errors.append(f"{where}: the executors must mount no ServiceAccount token")
        if spec.get("serviceAccountName") not in accounts or spec.get("serviceAccountName") in bound:
            errors.append(f"{where}: the executors' ServiceAccount must be rendered and have no Role")
        if not (spec.get("securityContext") or {}).get("runAsNonRoot"):
            errors.append(f"{where}: pod securityContext.runAsNonRoot is not true")
    if templates and not drivers:
        errors.append("an executor pod template is rendered but no Spark driver on Kubernetes uses it")
    if roles or templates:
        notes.append(f"Spark RBAC: {len(roles)} Role(s) on {sorted(ROLE_RESOURCES)} bound to {sorted(bound)}; "
                     f"{len(templates)} executor pod template(s) without a token")


def effective_env(container, config_maps):
    """A container's environment as the kubelet builds it: envFrom ConfigMaps in order, then env (which wins)."""
    env = {}
    for source in container.get("envFrom", []):
        ref = (source.get("configMapRef") or {}).get("name")
        env.update((config_maps.get(ref) or {}).get("data") or {})
    for item in container.get("env", []):
        if "value" in item:
            env[item["name"]] = item["value"]
        elif (item.get("valueFrom") or {}).get("secretKeyRef"):
            env[item["name"]] = "<secret>"
        elif (item.get("valueFrom") or {}).get("configMapKeyRef"):
            ref = item["valueFrom"]["configMapKeyRef"]
            env[item["name"]] = ((config_maps.get(ref["name"]) or {}).get("data") or {}).get(ref["key"])
    return env


def secret_of(container, name):
    for item in container.get("env", []):
        if item["name"] == name:
            ref = (item.get("valueFrom") or {}).get("secretKeyRef")
            return f"{ref['name']}/{ref['key']}" if ref else None
    return None


def check_database_users(docs, root, errors, notes):
    config_maps = {d["metadata"]["name"]: d for d in docs if d["kind"] == "ConfigMap"}
    containers = {d["metadata"]["name"]: d["spec"]["template"]["spec"]["containers"][0]
                  for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"] in SERVICES}
    # anything else (the console) talks to the services' APIs only: no database login, no Secret
    for d in docs:
        if d["kind"] == "Deployment" and d["metadata"]["name"] not in SERVICES:
            env = effective_env(d["spec"]["template"]["spec"]["containers"][0], config_maps)
            leaked = sorted(k for k in env if k.startswith(("SPRING_DATASOURCE_", "SPRING_KAFKA_")))
            if leaked:
                errors.append(f"Deployment/{d['metadata']['name']}: is not a service but gets {leaked}")
    if not containers:
        return
    sql = InitSql(root)
    errors.extend(sql.problems())
    envs = {name: effective_env(c, config_maps) for name, c in containers.items()}
    problems, users = check_services("k8s", envs, sql, service_modules(root))
    errors.extend(problems)
    password_secrets = {}
    for name, container in containers.items():
        secret = secret_of(container, "SPRING_DATASOURCE_PASSWORD")
        if secret is None:
            errors.append(f"Deployment/{name}: SPRING_DATASOURCE_PASSWORD does not come from a Secret")
        password_secrets[name] = secret
    shared = {s for s in password_secrets.values() if list(password_secrets.values()).count(s) > 1}
    if shared:
        errors.append(f"database password Secrets shared between services: {sorted(shared)}")
    notes.append("database users: " + ", ".join(f"{s}={u}" for s, u in users.items()))

    for job in (d for d in docs if d["kind"] == "Job"):
        container = job["spec"]["template"]["spec"]["containers"][0]
        where = f"Job/{job['metadata']['name']}"
        volumes = {v["name"]: v for v in job["spec"]["template"]["spec"].get("volumes", [])}
        scripts = [config_maps.get((volumes.get(m["name"], {}).get("configMap") or {}).get("name"))
                   for m in container.get("volumeMounts", [])]
        with open(sql.path, encoding="utf-8") as f:
            wanted = f.read()
        if not any(cm and wanted in (cm.get("data") or {}).values() for cm in scripts):
            errors.append(f"{where}: does not mount {INIT_SQL} as it is in the repository")
        for service, user in users.items():
            variable = sql.password_env[user]
            if secret_of(container, variable) != password_secrets.get(service):
                errors.append(f"{where}: {variable} comes from {secret_of(container, variable)}, but {service} "
                              f"logs in with {password_secrets.get(service)}")
        notes.append(f"{where}: runs {INIT_SQL} with the services' password Secrets")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rendered", nargs="+")
    parser.add_argument("--namespace")
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    args = parser.parse_args()
    docs = []
    for rendered in args.rendered:
        with open(rendered, encoding="utf-8") as f:
            docs.extend(d for d in yaml.safe_load_all(f) if d is not None)
    errors, notes = [], []
    kinds = {}
    for doc in docs:
        key = (doc.get("apiVersion"), doc.get("kind"))
        name = (doc.get("metadata") or {}).get("name", "?")
        kinds[key[1]] = kinds.get(key[1], 0) + 1
        cls = MODELS.get(key)
        if cls is None:
            errors.append(f"{key[0]} {key[1]}/{name}: no offline model for this kind; add one to {__file__}")
            continue
        check_model(doc, cls, f"{key[1]}/{name}", errors)
    for name, template in executor_templates(docs).items():
        template = {k: v for k, v in template.items() if k != "namespace"}
        check_model(template, client.V1Pod, f"ConfigMap/{name}[{EXECUTOR_TEMPLATE_KEY}]", errors)
    if not errors:
        cross_check(docs, args.namespace, errors, notes)
        check_network_policies(docs, errors, notes)
        check_spark(docs, errors, notes)
        check_database_users(docs, args.root, errors, notes)
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    for note in notes:
        print(f"    {note}")
    if errors:
        for e in errors:
            print(f"    ERROR {e}")
        print(f"    {len(errors)} problem(s) in {len(docs)} documents ({summary})")
        return 1
    print(f"    {len(docs)} documents valid ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
