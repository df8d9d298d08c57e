#!/usr/bin/env bash
# Derives the specs this project ships from the providers' published ones, with the
# project's own `trim`: only the operations we ship and what they reach, the fixes in each
# provider.toml applied, the providers' prose stripped (a response's required description
# is written in our own words).
# S3's spec is written by hand from its REST reference (AWS publishes no OpenAPI).
#
#   bash specs/derive.sh            # needs ../shared/upstream-specs
set -euo pipefail
cd "$(dirname "$0")/.."
upstream=../shared/upstream-specs
if [ ! -d "$upstream" ]; then
  echo "skipped: $upstream is absent" >&2
  exit 0
fi
cargo build --quiet --release -p integrations-codegen
trim() {
  local provider=$1 source=$2
  shift 2
  local keep=()
  for operation in "$@"; do keep+=(--keep "$operation"); done
  target/release/integrations-codegen trim --spec "$upstream/$source" --strip-docs \
    --manifest "specs/$provider/provider.toml" "${keep[@]}" --out "specs/$provider/openapi.yaml"
}
trim stripe stripe/spec3.yaml \
  GetCustomers PostCustomers GetCustomersSearch DeleteCustomersCustomer GetCustomersCustomer \
  PostCustomersCustomer GetPaymentIntents PostPaymentIntents GetPaymentIntentsSearch \
  GetPaymentIntentsIntent PostPaymentIntentsIntent PostPaymentIntentsIntentCancel \
  PostPaymentIntentsIntentCapture PostPaymentIntentsIntentConfirm GetSubscriptions \
  PostSubscriptions GetSubscriptionsSearch DeleteSubscriptionsSubscriptionExposedId \
  GetSubscriptionsSubscriptionExposedId PostSubscriptionsSubscriptionExposedId
trim twilio twilio/twilio_api_v2010.json ListMessage CreateMessage FetchMessage
trim sendgrid sendgrid/tsg_mail_v3.json SendMail
trim slack slack/slack_web_openapi_v2.json chat_postMessage conversations_list
trim square square/api.json ListCustomers CreateCustomer DeleteCustomer RetrieveCustomer \
  UpdateCustomer
