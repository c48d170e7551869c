#!/usr/bin/env bash
# End-to-end smoke scenario against a running platform (docker compose up, or port-forwards to a cluster):
# the bundled portfolios are registered at start-up; import the German credit CSV, train, promote (four-eyes: the
# training policy files the request, a second key approves it), score.
#
#   PLATFORM_BOOTSTRAP_KEY=... deploy/smoke-test.sh
#
# Environment: SCORING_URL (http://localhost:8080), INGESTION_URL (:8081), TRAINING_URL (:8082),
# DRIFT_URL (:8083), PLATFORM_BOOTSTRAP_KEY (required: the platform's first key, every role), GERMAN_CSV (the
# bundled file), TRAINING_TIMEOUT (900 s).
set -euo pipefail

SCORING_URL=${SCORING_URL:-http://localhost:8080}
INGESTION_URL=${INGESTION_URL:-http://localhost:8081}
TRAINING_URL=${TRAINING_URL:-http://localhost:8082}
DRIFT_URL=${DRIFT_URL:-http://localhost:8083}
: "${PLATFORM_BOOTSTRAP_KEY:?set PLATFORM_BOOTSTRAP_KEY to the bootstrap API key of the platform}"
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
# api KEY ARGS...: curl with an API key, failing on HTTP errors
api() { local key=$1; shift; curl -fsS -H "X-API-Key: $key" "$@"; }

for url in "$INGESTION_URL" "$TRAINING_URL" "$SCORING_URL" "$DRIFT_URL"; do
  wait_for "readiness of $url" 300 ready "$url"
done

log "bundled portfolios"
code=$(curl -sS -o /dev/null -w '%{http_code}' "$INGESTION_URL/v1/portfolios/$PORTFOLIO")
[[ $code == 401 ]] || fail "an anonymous call answered HTTP $code, expected 401"
api "$PLATFORM_BOOTSTRAP_KEY" "$INGESTION_URL/v1/portfolios/$PORTFOLIO" > /dev/null \
  || fail "portfolio $PORTFOLIO is not registered"

# A second key: champion promotions are four-eyes, and the approver must differ from the requester.
approver=smoke-approver-$(date +%s)
approver_key=$(api "$PLATFORM_BOOTSTRAP_KEY" -X POST -H 'Content-Type: application/json' \
  -d "{\"keyId\": \"$approver\", \"roles\": [\"APPROVER\", \"READER\"]}" "$SCORING_URL/v1/admin/api-keys" | jq -r '.apiKey')
[[ -n $approver_key && $approver_key != null ]] || fail "could not create the approver key"
log "created API key $approver (APPROVER)"

log "import $GERMAN_CSV"
import=$(api "$PLATFORM_BOOTSTRAP_KEY" -X POST -H 'Content-Type: text/csv' --data-binary "@$GERMAN_CSV" \
  "$INGESTION_URL/v1/portfolios/$PORTFOLIO/imports")
echo "$import" | jq -c '{importId, rowsRead, applicationsPublished, outcomesPublished, rejected: (.rejected | length)}'
rows=$(echo "$import" | jq -r '.applicationsPublished')
(( rows >= 1000 )) || fail "expected 1000 applications published, got $rows"

labeled() { [[ $(api "$PLATFORM_BOOTSTRAP_KEY" "$INGESTION_URL/v1/portfolios/$PORTFOLIO/stats" | jq -r '.labeled') -ge 1000 ]]; }
wait_for "1000 labeled applications stored" 300 labeled

log "start a training run"
run=$(api "$PLATFORM_BOOTSTRAP_KEY" -X POST -H 'Content-Type: application/json' -d '{}' \
  "$TRAINING_URL/v1/portfolios/$PORTFOLIO/training-runs")
run_id=$(echo "$run" | jq -r '.runId')
[[ -n $run_id && $run_id != null ]] || fail "no runId in $run"
log "run $run_id"

run_done() {
  local status
  status=$(api "$PLATFORM_BOOTSTRAP_KEY" "$TRAINING_URL/v1/training-runs/$run_id" | jq -r '.status')
  [[ $status == FAILED ]] && fail "training run $run_id failed: $(api "$PLATFORM_BOOTSTRAP_KEY" "$TRAINING_URL/v1/training-runs/$run_id" | jq -r '.failureReason')"
  [[ $status == SUCCEEDED ]]
}
wait_for "training run $run_id" "$TRAINING_TIMEOUT" run_done
result=$(api "$PLATFORM_BOOTSTRAP_KEY" "$TRAINING_URL/v1/training-runs/$run_id")
echo "$result" | jq -c '{trainingRows, testRows, selectedModelVersion, models: [.models[] | {algorithm, modelVersion, auc: .metrics.auc}]}'
version=$(echo "$result" | jq -r '.selectedModelVersion')
[[ -n $version && $version != null ]] || fail "run $run_id selected no model"

# Four-eyes: the run's promotion policy filed a champion request for its selection (on a fresh platform there is no
# champion to beat); the second key approves it. A platform that has a champion already may have kept it.
request=$(api "$PLATFORM_BOOTSTRAP_KEY" "$TRAINING_URL/v1/promotion-requests?portfolio=$PORTFOLIO&status=PENDING" \
  | jq -r --argjson v "$version" '[.[] | select(.modelVersion == $v and .alias == "champion")][0].requestId // empty')
if [[ -n $request ]]; then
  api "$approver_key" -X POST -H 'Content-Type: application/json' -d '{"comment": "smoke test"}' \
    "$TRAINING_URL/v1/promotion-requests/$request/approve" > /dev/null || fail "approving request $request failed"
  log "promotion request $request for version $version approved by $approver"
else
  log "no pending champion request for version $version (the champion was kept)"
fi
champion=$(api "$PLATFORM_BOOTSTRAP_KEY" "$TRAINING_URL/v1/portfolios/$PORTFOLIO/models" \
  | jq -r '[.[] | select(.aliases | index("champion"))][0].version // empty')
[[ -n $champion ]] || fail "portfolio $PORTFOLIO has no champion"
log "champion: version $champion"

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
score_request=$(jq -c --argjson f "$features" -n '{applicationId: "smoke-1", features: $f}')

score() {
  response=$(api "$PLATFORM_BOOTSTRAP_KEY" -X POST -H 'Content-Type: application/json' \
    -d "$score_request" "$SCORING_URL/v1/portfolios/$PORTFOLIO/score" 2>/dev/null) || return 1
  jq -e --argjson v "$champion" '.modelVersion == $v and .probabilityOfDefault >= 0 and .probabilityOfDefault <= 1
    and (.decision | IN("APPROVE", "REFER", "DECLINE"))' <<< "$response" > /dev/null
}
wait_for "scoring with the champion" 180 score
echo "$response" | jq -c '{applicationId, modelVersion, algorithm, probabilityOfDefault, score, decision, reasons: [.reasons[]?.feature]}'

log "scoring metrics exported"
# read it whole first: grep -q would stop reading early, and pipefail would count curl's broken pipe as a failure
metrics=$(curl -fsS "$SCORING_URL/actuator/prometheus") || fail "scoring-api's /actuator/prometheus did not answer"
grep -q '^http_server_requests_seconds_count' <<< "$metrics" \
  || fail "scoring-api exports no http_server_requests_seconds_count"
log "PASSED"
