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
# trim PROVIDER SOURCE[,SOURCE...] OPERATION...: several sources are merged into one spec.
trim() {
  local provider=$1 sources=$2
  shift 2
  local args=()
  IFS=, read -ra files <<<"$sources"
  for file in "${files[@]}"; do args+=(--spec "$upstream/$file"); done
  for operation in "$@"; do args+=(--keep "$operation"); done
  target/release/integrations-codegen trim --strip-docs \
    --manifest "specs/$provider/provider.toml" "${args[@]}" --out "specs/$provider/openapi.yaml"
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
trim hubspot hubspot/crm-contacts-v3.json,hubspot/crm-companies-v3.json,hubspot/crm-deals-v3.json \
  'get-/crm/v3/objects/contacts_getPage' 'post-/crm/v3/objects/contacts_create' 'post-/crm/v3/objects/contacts/batch/create_create' \
  'post-/crm/v3/objects/contacts/batch/read_read' 'post-/crm/v3/objects/contacts/batch/update_update' 'post-/crm/v3/objects/contacts/search_doSearch' \
  'get-/crm/v3/objects/contacts/{contactId}_getById' 'patch-/crm/v3/objects/contacts/{contactId}_update' 'delete-/crm/v3/objects/contacts/{contactId}_archive' \
  'get-/crm/v3/objects/companies_getPage' 'post-/crm/v3/objects/companies_create' 'post-/crm/v3/objects/companies/batch/create_create' \
  'post-/crm/v3/objects/companies/batch/read_read' 'post-/crm/v3/objects/companies/batch/update_update' 'post-/crm/v3/objects/companies/search_doSearch' \
  'get-/crm/v3/objects/companies/{companyId}_getById' 'patch-/crm/v3/objects/companies/{companyId}_update' 'delete-/crm/v3/objects/companies/{companyId}_archive' \
  'get-/crm/v3/objects/deals_getPage' 'post-/crm/v3/objects/deals_create' 'post-/crm/v3/objects/deals/batch/create_create' \
  'post-/crm/v3/objects/deals/batch/read_read' 'post-/crm/v3/objects/deals/batch/update_update' 'post-/crm/v3/objects/deals/search_doSearch' \
  'get-/crm/v3/objects/deals/{dealId}_getById' 'patch-/crm/v3/objects/deals/{dealId}_update' 'delete-/crm/v3/objects/deals/{dealId}_archive'
trim paypal paypal/checkout_orders_v2.json,paypal/payments_payment_v2.json \
  orders.create orders.get orders.patch orders.confirm orders.authorize orders.capture \
  authorizations.get authorizations.capture authorizations.reauthorize authorizations.void \
  captures.get captures.refund refunds.get
trim pipedrive pipedrive/pipedrive-v2.yaml \
  addPerson getPerson updatePerson deletePerson getPersons searchPersons \
  addOrganization getOrganization updateOrganization deleteOrganization getOrganizations \
  searchOrganization addDeal getDeal updateDeal deleteDeal getDeals searchDeals
