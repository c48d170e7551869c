#!/usr/bin/env bash
# Checks the deployment configuration without a Docker engine or a cluster:
#   compose file (syntax with docker compose / docker-compose v1, then semantics: no published PostgreSQL or
#   Kafka, required secrets, one database user per service, one migrator per shared schema, the profile spark's
#   master, worker and object store), kustomize base,
#   overlays and the database Job (rendered, then validated against the Kubernetes API models of
#   python3-kubernetes and cross-checked: network policies, Secrets, database users), Prometheus configuration and rules (promtool check + promtool test rules),
#   Grafana dashboards (valid JSON, every metric a query uses listed in deploy/exported-metrics.txt),
#   the root Dockerfile and GitHub workflows (structure, build arguments), shell scripts (shellcheck).
# Installs what it lacks from Debian/Ubuntu packages (one apt-get update, only when something is missing), waiting up
# to 10 minutes for another apt (unattended upgrades, a provisioning step) to release the package lock.
# Idempotent; exits non-zero when any check fails. See docs/operations.md, "Offline checks".
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
TOOLS="$ROOT/var/deploy-tools"   # var/ is git-ignored
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PY=/usr/bin/python3              # Debian's python, where python3-yaml and python3-kubernetes install
STARTED=$SECONDS
passed=0
failed=()

say() { printf '%s\n' "$*"; }
section() { printf '\n== %s\n' "$*"; }
# check NAME COMMAND...: runs one check, prints its output indented, records the result.
check() {
  local name=$1 out rc
  shift
  out=$("$@" 2>&1)
  rc=$?
  [[ -n $out ]] && printf '%s\n' "$out" | grep -v '^[[:space:]]*$' | sed 's/^[[:space:]]*/    /'
  if (( rc == 0 )); then
    say "  ok    $name"
    passed=$((passed + 1))
  else
    say "  FAIL  $name (exit $rc)"
    failed+=("$name")
  fi
}

# ---------------------------------------------------------------- tools
SUDO=()
(( EUID == 0 )) || SUDO=(sudo -n)
APT_UPDATED=
apt_update_once() {
  [[ -n $APT_UPDATED ]] && return 0
  say "  apt-get update"
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq > "$WORK/apt-update.log" 2>&1 || { cat "$WORK/apt-update.log"; return 1; }
  APT_UPDATED=1
}
has_candidate() { apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; }
apt_install() {
  apt_update_once || return 1
  say "  apt-get install $*"
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" \
    > "$WORK/apt-install.log" 2>&1 || { tail -20 "$WORK/apt-install.log"; return 1; }
}

section "tools"
missing=()
$PY -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
$PY -c 'import kubernetes.client' 2>/dev/null || missing+=(python3-kubernetes)
command -v shellcheck > /dev/null || missing+=(shellcheck)
COMPOSE=()
if docker compose version > /dev/null 2>&1; then
  COMPOSE=(docker compose)
elif command -v docker-compose > /dev/null; then
  COMPOSE=(docker-compose)
else
  apt_update_once || exit 1
  if has_candidate docker-compose-plugin; then missing+=(docker-compose-plugin); COMPOSE=(docker compose)
  elif has_candidate docker-compose-v2; then missing+=(docker-compose-v2); COMPOSE=(docker compose)
  else missing+=(docker-compose); COMPOSE=(docker-compose); fi
fi
(( ${#missing[@]} == 0 )) || apt_install "${missing[@]}" || exit 1

# promtool: from PATH, else from the Debian prometheus package, unpacked under var/ (no daemon is installed).
PROMTOOL=$(command -v promtool || true)
if [[ -z $PROMTOOL ]]; then
  PROMTOOL="$TOOLS/usr/bin/promtool"
  if [[ ! -x $PROMTOOL ]]; then
    apt_update_once || exit 1
    say "  apt-get download prometheus (promtool only)"
    mkdir -p "$TOOLS"
    (cd "$WORK" && apt-get download prometheus > /dev/null 2>&1) || { say "cannot download the prometheus package"; exit 1; }
    dpkg-deb -x "$WORK"/prometheus_*.deb "$TOOLS" || exit 1
  fi
fi

# kustomize: a standalone kustomize, else kubectl's built-in one when it is v4 or newer (kubectl >= 1.21).
# Debian's own kubernetes-client (1.20) embeds kustomize 2.0.3, too old for these kustomizations; there is
# no further fallback: install kubectl (the machine image has it) or kustomize.
KUSTOMIZE=()
if command -v kustomize > /dev/null; then
  KUSTOMIZE=(kustomize build)
elif command -v kubectl > /dev/null && kubectl version --client 2>/dev/null | grep -Eq 'Kustomize Version: v([4-9]|[1-9][0-9])'; then
  KUSTOMIZE=(kubectl kustomize)
else
  has_candidate kustomize && apt_install kustomize && KUSTOMIZE=(kustomize build)
fi
if (( ${#KUSTOMIZE[@]} == 0 )); then
  say "no kustomize v4+ (standalone or in kubectl >= 1.21) available: cannot render k8s/"
  exit 1
fi

say "  python      $($PY --version 2>&1) (PyYAML $($PY -c 'import yaml; print(yaml.__version__)'), kubernetes client $($PY -c 'import kubernetes; print(kubernetes.__version__)'))"
say "  compose     ${COMPOSE[*]}: $("${COMPOSE[@]}" version 2>/dev/null | head -n 1)"
if [[ ${KUSTOMIZE[0]} == kubectl ]]; then
  say "  kustomize   kubectl kustomize: $(kubectl version --client 2>/dev/null | grep Kustomize)"
else
  say "  kustomize   $(kustomize version 2>/dev/null)"
fi
say "  promtool    $("$PROMTOOL" --version 2>&1 | head -n 1)"
say "  shellcheck  $(shellcheck --version | sed -n 's/^version: //p')"

# ---------------------------------------------------------------- compose
section "docker-compose.yml"
# Secrets compose must refuse to start without. Each gets a distinct value here, so that check_compose.py can tell
# which variable a setting was wired to.
REQUIRED_VARS=(POSTGRES_PASSWORD INGESTION_DB_PASSWORD TRAINING_DB_PASSWORD SCORING_DB_PASSWORD DRIFT_DB_PASSWORD
  PLATFORM_BOOTSTRAP_KEY GRAFANA_ADMIN_USER GRAFANA_ADMIN_PASSWORD)
with_required() {
  local assignments=() var
  for var in "${REQUIRED_VARS[@]}"; do assignments+=("$var=offline-check-$var"); done
  env "${assignments[@]}" "$@"
}
compose_valid() {
  with_required "${COMPOSE[@]}" -f docker-compose.yml config -q \
    && with_required "${COMPOSE[@]}" -f docker-compose.yml -f docker-compose.debug.yml config -q
}
check "compose file and debug override are valid (${COMPOSE[*]} config)" compose_valid
compose_requires_secrets() {
  local var declared rc=0
  declared=$(grep -oE '\$\{[A-Z_]+:\?' docker-compose.yml | sed -E 's/^\$\{//; s/:\?$//' | sort -u)
  for var in "${REQUIRED_VARS[@]}"; do
    if ! grep -qx "$var" <<< "$declared"; then
      echo "$var is not a required variable (\${$var:?...}) in docker-compose.yml"; rc=1
    elif with_required env -u "$var" "${COMPOSE[@]}" -f docker-compose.yml config -q > /dev/null 2>&1; then
      echo "compose accepted a missing $var"; rc=1
    fi
  done
  for var in $declared; do
    grep -qx "$var" < <(printf '%s\n' "${REQUIRED_VARS[@]}") || { echo "$var is required by docker-compose.yml but not by this check"; rc=1; }
  done
  (( rc == 0 )) && echo "    refused without any one of: ${REQUIRED_VARS[*]}"
  return $rc
}
check "compose refuses to start without each secret" compose_requires_secrets
compose_semantics() {
  with_required "${COMPOSE[@]}" -f docker-compose.yml config > "$WORK/compose.yaml" \
    && with_required "${COMPOSE[@]}" -f docker-compose.yml -f docker-compose.debug.yml config > "$WORK/compose-debug.yaml" \
    && with_required env COMPOSE_PROFILES=spark TRAINING_SPARK_MASTER=spark://spark-master:7077 \
      OBJECT_STORE_ACCESS_KEY=offline-check-OBJECT_STORE_ACCESS_KEY \
      OBJECT_STORE_SECRET_KEY=offline-check-OBJECT_STORE_SECRET_KEY \
      "${COMPOSE[@]}" -f docker-compose.yml config > "$WORK/compose-spark.yaml" \
    && $PY deploy/checks/check_compose.py "$WORK/compose.yaml" "$ROOT" --debug "$WORK/compose-debug.yaml" \
      --spark "$WORK/compose-spark.yaml"
}
check "compose services, exposure, database users, schema owners, mounts, environment, profile spark and its object store" compose_semantics

# ---------------------------------------------------------------- kubernetes
section "k8s/ (kustomize)"
render() { local out; out="$WORK/$(tr / - <<< "$1").yaml"; "${KUSTOMIZE[@]}" "k8s/$1" > "$out" && echo "    $(grep -c '^kind:' "$out") documents"; }
check "render k8s/base" render base
check "render k8s/overlays/dev" render overlays/dev
check "render k8s/overlays/prod" render overlays/prod
check "render k8s/database" render database
check "render k8s/overlays/dev/database" render overlays/dev/database
check "render k8s/overlays/prod/database" render overlays/prod/database
# an overlay and its database Job go into the same namespace: validated together
check "dev manifests against the Kubernetes API models, network policies, database users" \
  $PY deploy/checks/validate_k8s.py "$WORK/overlays-dev.yaml" "$WORK/overlays-dev-database.yaml" --namespace credit-scoring-dev --root "$ROOT"
check "prod manifests against the Kubernetes API models, network policies, database users" \
  $PY deploy/checks/validate_k8s.py "$WORK/overlays-prod.yaml" "$WORK/overlays-prod-database.yaml" --namespace credit-scoring --root "$ROOT"

# ---------------------------------------------------------------- prometheus
section "Prometheus (deploy/prometheus)"
check "promtool check config" "$PROMTOOL" check config deploy/prometheus/prometheus.yml
check "promtool check rules" "$PROMTOOL" check rules deploy/prometheus/rules/*.yml
check "promtool test rules (alert unit tests)" "$PROMTOOL" test rules deploy/prometheus/rules-test.yml

# ---------------------------------------------------------------- grafana
section "Grafana (deploy/grafana) and metric names"
grafana_provisioning() { $PY - <<'PY'
import glob, yaml
for path in sorted(glob.glob("deploy/grafana/provisioning/*/*.yml")):
    doc = yaml.safe_load(open(path))
    assert doc.get("apiVersion") == 1, f"{path}: apiVersion 1 expected"
    assert doc.get("datasources") or doc.get("providers"), f"{path}: no datasources or providers"
    print(f"    {path}: ok")
PY
}
check "provisioning files parse" grafana_provisioning
check "dashboards and alert rules use only exported metrics" \
  $PY deploy/checks/check_metrics.py deploy/exported-metrics.txt --dashboards deploy/grafana/dashboards \
  --rules deploy/prometheus/rules/*.yml

# ---------------------------------------------------------------- images and CI
section "Dockerfile and GitHub workflows"
check "Dockerfile and workflows" $PY deploy/checks/check_build_files.py "$ROOT"
check "shellcheck deploy/*.sh" shellcheck deploy/check-offline.sh deploy/smoke-test.sh

# ---------------------------------------------------------------- summary
section "summary"
say "  not checked here (no Docker engine, no cluster): image builds, containers starting, the smoke scenario;"
say "  those run in the GitHub workflow's images and e2e jobs."
if (( ${#failed[@]} > 0 )); then
  say "  offline deployment checks FAILED: ${#failed[@]} of $((passed + ${#failed[@]})): ${failed[*]} ($((SECONDS - STARTED)) s)"
  exit 1
fi
say "  offline deployment checks: all $passed succeeded ($((SECONDS - STARTED)) s)"
