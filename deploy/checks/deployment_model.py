"""What docker-compose.yml and k8s/ must agree on about database users, schema ownership and Kafka credentials.

The single source is the init SQL (k8s/database/service-users.sql): which PostgreSQL user owns (and so migrates)
each schema, and which environment variable carries each user's password. The services' poms say which shared
schema libraries each service includes. check_compose.py and validate_k8s.py check the environment each service
gets against both.
"""

import os
import re
import xml.etree.ElementTree as ET

SERVICES = ("ingestion-service", "training-service", "scoring-api", "drift-monitor")
INIT_SQL = os.path.join("k8s", "database", "service-users.sql")

# shared schema -> (the library that migrates it in every service that includes it, that library's switch)
SHARED_SCHEMAS = {
    "security": ("platform-security", "PLATFORM_SECURITY_MIGRATE"),
    "catalog": ("portfolio-catalog", "CATALOG_MIGRATE"),
    "registry": ("model-registry", "REGISTRY_MIGRATE"),
}
# the registry outbox relay runs where the registry library is, unless switched off: only its owner may write it
OUTBOX_RELAY = "REGISTRY_OUTBOX_RELAYENABLED"
BOOTSTRAP_KEY = "PLATFORM_SECURITY_BOOTSTRAPKEY"
KAFKA_SASL_ENV = ("SPRING_KAFKA_SECURITY_PROTOCOL", "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM",
                  "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")


class InitSql:
    """The parts of the init SQL the deployment files depend on."""

    def __init__(self, root):
        path = os.path.join(root, INIT_SQL)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.path = path
        self.owners = dict(re.findall(r"^alter schema (\w+) owner to (\w+);", text, re.M))
        env_of_variable = dict(re.findall(r"^\\getenv (\w+) (\w+)\s*$", text, re.M))
        self.password_env = {role: env_of_variable.get(var)
                             for role, var in re.findall(r"alter role (\w+) with login[^;]*?password :'(\w+)'",
                                                         text, re.S)}
        self.roles = set(self.password_env)

    def problems(self):
        errors = []
        if not self.owners:
            errors.append(f"{self.path}: no `alter schema ... owner to ...` found")
        if not self.roles or None in self.password_env.values():
            errors.append(f"{self.path}: every service user needs a password from \\getenv")
        for schema in SHARED_SCHEMAS:
            if schema not in self.owners:
                errors.append(f"{self.path}: shared schema {schema} has no owner")
        return errors


def service_modules(root):
    """Each service's platform libraries, from its pom.xml."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    modules = {}
    for service in SERVICES:
        tree = ET.parse(os.path.join(root, service, "pom.xml"))
        modules[service] = {a.text for a in tree.getroot().findall("m:dependencies/m:dependency/m:artifactId", ns)}
    return modules


def switch_on(env, name):
    """A Spring boolean from the environment; the libraries' switches default to true."""
    value = env.get(name)
    return True if value is None else str(value).strip().lower() == "true"


def check_services(where, envs, sql, modules):
    """
    envs: service -> its effective environment (name -> value; values from Secrets as the string '<secret>').
    Returns a list of problems.
    """
    errors = []
    users = {}
    for service in SERVICES:
        env = envs.get(service)
        if env is None:
            errors.append(f"{where}: service {service} missing")
            continue
        user = env.get("SPRING_DATASOURCE_USERNAME")
        if not user or user == "<secret>":
            errors.append(f"{where}: {service} has no literal SPRING_DATASOURCE_USERNAME (its own database user)")
            continue
        if user not in sql.roles:
            errors.append(f"{where}: {service} logs in as {user!r}, which {INIT_SQL} does not create")
        users[service] = user
        for name in KAFKA_SASL_ENV:
            if name not in env:
                errors.append(f"{where}: {service} lacks {name} (Kafka SASL is wired through it)")
    shared = [u for u in set(users.values()) if list(users.values()).count(u) > 1]
    if shared:
        errors.append(f"{where}: database users shared between services: {sorted(shared)}")

    for schema, (library, switch) in SHARED_SCHEMAS.items():
        owner = sql.owners.get(schema)
        migrating = sorted(s for s in users if library in modules[s] and switch_on(envs[s], switch))
        expected = sorted(s for s in users if users[s] == owner)
        if migrating != expected:
            errors.append(f"{where}: schema {schema} is owned by {owner} ({expected or 'no service'}) but migrated by "
                          f"{migrating or 'none'}: set {switch}=false everywhere else")
    registry_owner = sql.owners.get("registry")
    relaying = sorted(s for s in users if "model-registry" in modules[s] and switch_on(envs[s], OUTBOX_RELAY))
    expected = sorted(s for s in users if users[s] == registry_owner)
    if relaying != expected:
        errors.append(f"{where}: the registry outbox is relayed by {relaying or 'none'}, expected {expected} "
                      f"(its owner); set {OUTBOX_RELAY}=false elsewhere")

    security_owner = sql.owners.get("security")
    with_key = sorted(s for s in users if envs[s].get(BOOTSTRAP_KEY))
    expected = sorted(s for s in users if users[s] == security_owner)
    if with_key != expected:
        errors.append(f"{where}: the bootstrap key goes to {with_key or 'no service'}, expected {expected} "
                      f"(the security schema's owner stores it; the others need no copy)")
    return errors, users
