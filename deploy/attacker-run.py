#!/usr/bin/env python3
"""Plays an attacker on the network against a running platform (the standalone, or any deployment).

Every operation each service documents (its /v3/api-docs) is called with no key and with SCORER, READER and
TRAINER keys, then the escalation attempts of issue 12 are tried. The script checks, from the outside only:

- no call succeeds (2xx) unless the roles table of docs/security.md opens it to the caller's role;
- no key escalates: low-privilege keys never mint a key, whatever the path spelling, and the key list is
  unchanged afterwards; a TRAINER cannot make a champion; identities never come from a body;
- every refusal (4xx) is application/problem+json.

Usage: deploy/attacker-run.py --admin-key-file var/standalone/api-key [--host 127.0.0.1]
       [--ports 8080,8081,8082,8083]
It creates three keys (attacker-scorer-*, attacker-reader-*, attacker-trainer-*) with the admin key and revokes
them at the end (and an APPROVER key that rejects the promotion request the TRAINER filed). Exit status 0 when every check holds; the findings are printed otherwise.
"""
import argparse
import http.client
import json
import re
import sys
import uuid

OPEN = re.compile(r"^/(actuator/(health|info|prometheus)|v3/api-docs|swagger-ui)")
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}

# What each role may do, written from docs/security.md's roles table (not from the services' code).
ALLOWED = {
    "SCORER": [("POST", r"/v1/portfolios/[^/]+/score(/batch)?"), ("GET", r"/v2/.*"), ("POST", r"/v2/.*")],
    "READER": [("GET", r"/v1/(?!admin|audit).*")],
    "TRAINER": [("POST", r"/v1/portfolios/[^/]+/training-runs"),
                ("POST", r"/v1/portfolios/[^/]+/models/[^/]+/(promote|promotion-requests)")],
}


class Platform:
    def __init__(self, host):
        self.host = host

    def call(self, port, method, path, key=None, body=None):
        connection = http.client.HTTPConnection(self.host, port, timeout=30)
        headers = {"Accept": "application/json, application/problem+json"}
        if key:
            headers["X-API-Key"] = key
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            return response.status, response.getheader("Content-Type") or "", text
        finally:
            connection.close()


# Any valid key may ask who it is (docs/security.md, "Roles"): the answer names the caller's own key only.
ANY_KEY = [("GET", r"/v1/me")]


def allowed(role, method, path):
    return role is not None and any(
        m == method and re.fullmatch(p, path) for m, p in ALLOWED.get(role, []) + ANY_KEY)


def operations(platform, port):
    status, _, text = platform.call(port, "GET", "/v3/api-docs")
    if status != 200:
        raise SystemExit(f"port {port}: /v3/api-docs answered {status}")
    for path, methods in json.loads(text)["paths"].items():
        for method in methods:
            if method.upper() in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
                yield method.upper(), path


def concrete(path):
    """Fills path variables with values that exist on a platform that ran the demo, where it matters."""
    path = path.replace("{portfolio}", "taiwan-cards")
    return re.sub(r"\{[^}]+\}", "1", path)


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--admin-key-file", required=True)
    arguments.add_argument("--host", default="127.0.0.1")
    arguments.add_argument("--ports", default="8080,8081,8082,8083")
    options = arguments.parse_args()
    admin = open(options.admin_key_file).read().strip()
    ports = [int(p) for p in options.ports.split(",")]
    scoring_port = ports[0]
    platform = Platform(options.host)
    findings = []
    counts = {"calls": 0, "refused": 0, "allowed 2xx": 0}

    def find(message):
        findings.append(message)
        print("FINDING:", message)

    suffix = uuid.uuid4().hex[:8]
    keys = {}
    for role in ALLOWED:
        status, _, text = platform.call(scoring_port, "POST", "/v1/admin/api-keys", admin,
                                        {"keyId": f"attacker-{role.lower()}-{suffix}", "roles": [role]})
        if status != 201:
            raise SystemExit(f"could not create the {role} key with the admin key: {status} {text}")
        keys[role] = json.loads(text)["apiKey"]
    key_count_before = len(json.loads(platform.call(scoring_port, "GET", "/v1/admin/api-keys", admin)[2]))

    def check(port, method, path, role, body=None):
        status, content_type, text = platform.call(port, method, path, keys.get(role), body)
        counts["calls"] += 1
        who = role or "anonymous"
        if 200 <= status < 300:
            if OPEN.match(path):
                return status
            if allowed(role, method, path):
                counts["allowed 2xx"] += 1
            else:
                find(f"{who} {method} :{port}{path} answered {status}")
        elif 400 <= status < 500:
            counts["refused"] += 1
            if not content_type.startswith("application/problem+json"):
                find(f"{who} {method} :{port}{path} refused {status} as {content_type!r}, not problem+json")
        if role is None and not OPEN.match(path) and status not in (400, 401):
            find(f"anonymous {method} :{port}{path} answered {status}, expected 401")
        return status

    # 1. every documented operation, with every identity
    for port in ports:
        for method, template in sorted(set(operations(platform, port))):
            path = concrete(template)
            body = {} if method in {"POST", "PUT", "PATCH"} else None
            for role in [None, *ALLOWED]:
                check(port, method, path, role, body)

    # 2. key minting under every spelling of the administration path
    spellings = ["/v1/admin/api-keys", "/v1/admin;x/api-keys", "/v1/%61dmin/api-keys", "/v1/admin%2Fapi-keys",
                 "//v1/admin/api-keys", "/v1/x/../admin/api-keys", "/v1/ADMIN/api-keys", "/V1/admin/api-keys",
                 "/v1/admin/api-keys/", "/v1/admin/./api-keys", "/v1/admin/api-keys;jsessionid=1",
                 "/v1/%2e%2e/v1/admin/api-keys"]
    for role in [None, *ALLOWED]:
        for path in spellings:
            check(scoring_port, "POST", path, role,
                  {"keyId": f"escalated-{uuid.uuid4().hex[:8]}", "roles": ["ADMIN"]})
    key_count_after = len(json.loads(platform.call(scoring_port, "GET", "/v1/admin/api-keys", admin)[2]))
    if key_count_after != key_count_before:
        find(f"the key list grew from {key_count_before} to {key_count_after} during the escalation attempts")

    # 3. governance: a TRAINER cannot make a champion; identities come from the key, not from the body
    training_port = ports[2]
    promote = check(training_port, "POST", "/v1/portfolios/taiwan-cards/models/1/promote", "TRAINER",
                    {"alias": "champion", "reason": "attacker", "requestedBy": "someone-else"})
    if 200 <= promote < 300:
        find("a TRAINER key promoted a champion in one step")
    status, _, text = platform.call(training_port, "POST",
                                    "/v1/portfolios/taiwan-cards/models/1/promotion-requests", keys["TRAINER"],
                                    {"alias": "champion", "reason": "attacker", "requestedBy": "someone-else"})
    if status == 201:
        request = json.loads(text)
        if request.get("requestedBy") != f"attacker-trainer-{suffix}":
            find(f"a promotion request names {request.get('requestedBy')!r}, not the caller's key")
        approve = check(training_port, "POST", f"/v1/promotion-requests/{request['requestId']}/approve",
                        "TRAINER", {"comment": "self-approval"})
        if 200 <= approve < 300:
            find("a TRAINER key approved its own promotion request")
        cleaner = platform.call(scoring_port, "POST", "/v1/admin/api-keys", admin,
                                {"keyId": f"attacker-cleanup-{suffix}", "roles": ["APPROVER"]})
        cleanup_key = json.loads(cleaner[2])["apiKey"]
        platform.call(training_port, "POST", f"/v1/promotion-requests/{request['requestId']}/reject", cleanup_key,
                      {"comment": "attacker run clean-up"})
        platform.call(scoring_port, "DELETE", f"/v1/admin/api-keys/attacker-cleanup-{suffix}", admin)
    else:
        print(f"note: the TRAINER's promotion request was not filed ({status}: {text[:200]}), so the identity and"
              " self-approval checks did not run; run the demo first")
    ingestion_port = ports[1]
    schema = {"features": [{"name": "SEX", "type": "CATEGORICAL", "protected": True, "modelInput": True}]}
    for role in [None, *ALLOWED]:
        status = check(ingestion_port, "PUT", "/v1/portfolios/abuse-test", role, schema)
        if 200 <= status < 300:
            find(f"{role or 'anonymous'} registered a schema with a protected model input")

    for role in ALLOWED:
        platform.call(scoring_port, "DELETE", f"/v1/admin/api-keys/attacker-{role.lower()}-{suffix}", admin)

    print(json.dumps(counts))
    if findings:
        print(f"{len(findings)} finding(s)")
        return 1
    print("no finding: nothing succeeded without its role, no key escalated, every refusal was problem+json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
