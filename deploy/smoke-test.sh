#!/usr/bin/env bash
# End-to-end smoke scenario against a running platform (docker compose up, or port-forwards to a cluster):
# the bundled portfolios are registered at start-up; import the German credit CSV, train, promote, score.
#
#   SCORING_ADMIN_KEY=... deploy/smoke-test.sh
#
# Environment: SCORING_URL (http://localhost:8080), INGESTION_URL (:8081), TRAINING_URL (:8082),
# DRIFT_URL (:8083), SCORING_ADMIN_KEY (required), GERMAN_CSV (the bundled file), TRAINING_TIMEOUT (900 s).
set -euo pipefail

SCORING_URL=${SCORING_URL:-http://localhost:8080}
INGESTION_URL=${INGESTION_URL:-http://localhost:8081}
TRAINING_URL=${TRAINING_URL:-http://localhost:8082}
DRIFT_URL=${DRIFT_URL:-http://localhost:8083}
: "${SCORING_ADMIN_KEY:?set SCORING_ADMIN_KEY to the scoring-api bootstrap admin key}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GERMAN_CSV=${GERMAN_CSV:-$ROOT/sample-data/src/main/resources/datasets/german_credit.data}
TRAINING_TIMEOUT=${TRAINING_TIMEOUT:-900}
PORTFOLIO=german-loans

log() { printf '[smoke %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() { log "FAILED: $*"; exit 1; }
need() { command -v "$1" > /dev/null || fail "$1 is required"; }
need curl
need jq

# wait_for DESCRIPTION TIMEOUT_SECONDS COMMAND...: retries COMMAND every 3 s.
wait_for() {
  local what=$1 timeout=$2 start=$SECONDS
  shift 2
  until "$@"; do
    (( SECONDS - start < timeout )) || fail "timed out after ${timeout}s waiting for $what"
    sleep 3
  done
  log "$what: ok after $(( SECONDS - start ))s"
}

ready() { curl -fsS "$1/actuator/health/readiness" 2>/dev/null | jq -e '.status == "UP"' > /dev/null; }

for url in "$INGESTION_URL" "$TRAINING_URL" "$SCORING_URL" "$DRIFT_URL"; do
  wait_for "readiness of $url" 300 ready "$url"
done

log "bundled portfolios"
curl -fsS "$INGESTION_URL/v1/portfolios/$PORTFOLIO" > /dev/null || fail "portfolio $PORTFOLIO is not registered"

log "import $GERMAN_CSV"
import=$(curl -fsS -X POST -H 'Content-Type: text/csv' --data-binary "@$GERMAN_CSV" \
  "$INGESTION_URL/v1/portfolios/$PORTFOLIO/imports")
echo "$import" | jq -c '{importId, rowsRead, applicationsPublished, outcomesPublished, rejected: (.rejected | length)}'
rows=$(echo "$import" | jq -r '.applicationsPublished')
(( rows >= 1000 )) || fail "expected 1000 applications published, got $rows"

labeled() { [[ $(curl -fsS "$INGESTION_URL/v1/portfolios/$PORTFOLIO/stats" | jq -r '.labeled') -ge 1000 ]]; }
wait_for "1000 labeled applications stored" 300 labeled

log "start a training run"
run=$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{}' \
  "$TRAINING_URL/v1/portfolios/$PORTFOLIO/training-runs")
run_id=$(echo "$run" | jq -r '.runId')
[[ -n $run_id && $run_id != null ]] || fail "no runId in $run"
log "run $run_id"

run_done() {
  local status
  status=$(curl -fsS "$TRAINING_URL/v1/training-runs/$run_id" | jq -r '.status')
  [[ $status == FAILED ]] && fail "training run $run_id failed: $(curl -fsS "$TRAINING_URL/v1/training-runs/$run_id" | jq -r '.failureReason')"
  [[ $status == SUCCEEDED ]]
}
wait_for "training run $run_id" "$TRAINING_TIMEOUT" run_done
result=$(curl -fsS "$TRAINING_URL/v1/training-runs/$run_id")
echo "$result" | jq -c '{trainingRows, testRows, selectedModelVersion, models: [.models[] | {algorithm, modelVersion, auc: .metrics.auc}]}'
version=$(echo "$result" | jq -r '.selectedModelVersion')
[[ -n $version && $version != null ]] || fail "run $run_id selected no model"

# The run may already have promoted its selection; promoting again must not break anything.
code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  -d '{"alias": "champion", "reason": "smoke test"}' \
  "$TRAINING_URL/v1/portfolios/$PORTFOLIO/models/$version/promote")
log "promote version $version to champion: HTTP $code"

# First row of the German file, in the schema's column order (the last column is the class).
read -r -a row < <(head -n 1 "$GERMAN_CSV")
columns=(checking_status duration credit_history purpose credit_amount savings_status employment
  installment_rate personal_status other_parties residence_since property_magnitude age
  other_payment_plans housing existing_credits job num_dependents own_telephone foreign_worker)
features='{}'
for i in "${!columns[@]}"; do
  value=${row[$i]}
  if [[ $value =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; then
    features=$(jq -c --arg k "${columns[$i]}" --argjson v "$value" '. + {($k): $v}' <<< "$features")
  else
    features=$(jq -c --arg k "${columns[$i]}" --arg v "$value" '. + {($k): $v}' <<< "$features")
  fi
done
request=$(jq -c --argjson f "$features" -n '{applicationId: "smoke-1", features: $f}')

score() {
  response=$(curl -fsS -X POST -H 'Content-Type: application/json' -H "X-API-Key: $SCORING_ADMIN_KEY" \
    -d "$request" "$SCORING_URL/v1/portfolios/$PORTFOLIO/score" 2>/dev/null) || return 1
  jq -e '.probabilityOfDefault >= 0 and .probabilityOfDefault <= 1 and (.decision | IN("APPROVE", "REFER", "DECLINE"))' \
    <<< "$response" > /dev/null
}
wait_for "scoring with the champion" 180 score
echo "$response" | jq -c '{applicationId, modelVersion, algorithm, probabilityOfDefault, score, decision, reasons: [.reasons[]?.feature]}'

log "scoring metrics exported"
curl -fsS "$SCORING_URL/actuator/prometheus" | grep -q '^http_server_requests_seconds_count' \
  || fail "scoring-api exports no http_server_requests_seconds_count"
log "PASSED"
