//! Every verb the providers' `provider.toml` declares, end to end: called through the
//! facade against a local server that answers with the provider's documented answer for
//! that call, each request is checked for its method, path, query and body bytes, and the
//! typed answer is checked against the documented one (decoded, encoded again, nothing
//! lost or changed). This covers the verbs the end-to-end tests do not reach: Stripe's
//! payment intents and subscriptions, Square's update and delete, every Salesforce sObject
//! verb, HubSpot's companies, deals, search and batches, PayPal's authorizations and order
//! steps, Pipedrive's organizations and deals, Dropbox's folders and continuation, and
//! S3's deletes and tagging.

mod common;

use common::assert_kept;
use common::documented::*;
use integrations::{dropbox, hubspot, paypal, pipedrive, s3, salesforce, square, stripe};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server answering each request with what the test set last.
struct Wire {
    server: MockServer,
}

impl Wire {
    async fn start() -> Self {
        Wire {
            server: MockServer::start().await,
        }
    }

    fn uri(&self) -> String {
        self.server.uri()
    }

    /// Answers the next request with `answer` (and forgets the requests already seen).
    async fn answer(&self, answer: ResponseTemplate) {
        self.server.reset().await;
        Mock::given(any())
            .respond_with(answer)
            .mount(&self.server)
            .await;
    }

    /// Answers the next request with `status` and `body` as JSON.
    async fn json(&self, status: u16, body: &Value) {
        self.answer(
            ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json"),
        )
        .await;
    }

    /// Answers the next request with `204 No Content`.
    async fn no_content(&self) {
        self.answer(ResponseTemplate::new(204)).await;
    }

    /// Checks the one request made since the answer was set.
    async fn saw(&self, method: &str, path_and_query: &str, body: &str) {
        let requests = self.server.received_requests().await.expect("recording");
        assert_eq!(
            requests.len(),
            1,
            "one request for {method} {path_and_query}"
        );
        let request = &requests[0];
        let seen = match request.url.query() {
            Some(query) => format!("{}?{query}", request.url.path()),
            None => request.url.path().to_owned(),
        };
        assert_eq!(
            (request.method.as_str(), seen.as_str()),
            (method, path_and_query)
        );
        assert_eq!(
            String::from_utf8_lossy(&request.body),
            body,
            "the body of {method} {path_and_query}"
        );
    }

    /// A header of the request made since the answer was set.
    async fn header(&self, name: &str) -> Option<String> {
        let requests = self.server.received_requests().await.expect("recording");
        requests[0]
            .headers
            .get(name)
            .map(|v| v.to_str().unwrap_or_default().to_owned())
    }
}

#[tokio::test]
async fn stripe_payment_intents_and_subscriptions() {
    let wire = Wire::start().await;
    let client: stripe::Client = stripe::Client::builder()
        .base_url(wire.uri())
        .bearer_token("sk_test_123")
        .build()
        .expect("a client");
    let intents = client.payment_intents();
    let intent = stripe_payment_intent();

    let mut body = stripe::PostPaymentIntentsBody::new(2000, "usd".to_owned());
    body.description = Some("Order 42".to_owned());
    wire.json(200, &intent).await;
    let created = intents.create(body).await.expect("create");
    wire.saw(
        "POST",
        "/v1/payment_intents",
        "amount=2000&currency=usd&description=Order+42",
    )
    .await;
    assert!(
        wire.header("idempotency-key").await.is_some(),
        "a create carries an idempotency key"
    );
    assert_eq!(created.id, "pi_3MtwBwLkdIwHu7ix28a3tqPa");
    assert_eq!((created.amount, created.currency.as_str()), (2000, "usd"));
    assert_kept(&created, &intent, "create");

    wire.json(200, &intent).await;
    let got = intents
        .get("pi_3MtwBwLkdIwHu7ix28a3tqPa")
        .await
        .expect("get");
    wire.saw("GET", "/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa", "")
        .await;
    assert_kept(&got, &intent, "get");

    let list = stripe_list("/v1/payment_intents", intent.clone());
    wire.json(200, &list).await;
    let page = intents.list().limit(3).send().await.expect("list");
    wire.saw("GET", "/v1/payment_intents?limit=3", "").await;
    assert_eq!(page.data.len(), 1);
    assert_kept(&page, &list, "list");

    let found = stripe_search_result("/v1/payment_intents/search", intent.clone());
    wire.json(200, &found).await;
    let page = intents
        .search("status:'succeeded' AND metadata['order_id']:'6735'")
        .send()
        .await
        .expect("search");
    wire.saw(
        "GET",
        "/v1/payment_intents/search?query=status%3A%27succeeded%27+AND+metadata%5B%27order_id%27%5D%3A%276735%27",
        "",
    )
    .await;
    assert_kept(&page, &found, "search");

    let update = stripe::PostPaymentIntentsIntentBody {
        description: Some("Order 43".to_owned()),
        ..Default::default()
    };
    wire.json(200, &intent).await;
    let updated = intents.update("pi_1", update).await.expect("update");
    wire.saw("POST", "/v1/payment_intents/pi_1", "description=Order+43")
        .await;
    assert_kept(&updated, &intent, "update");

    let confirm = stripe::PostPaymentIntentsIntentConfirmBody {
        payment_method: Some("pm_card_visa".to_owned()),
        ..Default::default()
    };
    wire.json(200, &intent).await;
    let confirmed = intents.confirm("pi_1", confirm).await.expect("confirm");
    wire.saw(
        "POST",
        "/v1/payment_intents/pi_1/confirm",
        "payment_method=pm_card_visa",
    )
    .await;
    assert_kept(&confirmed, &intent, "confirm");

    let capture = stripe::PostPaymentIntentsIntentCaptureBody {
        amount_to_capture: Some(1500),
        ..Default::default()
    };
    wire.json(200, &intent).await;
    let captured = intents.capture("pi_1", capture).await.expect("capture");
    wire.saw(
        "POST",
        "/v1/payment_intents/pi_1/capture",
        "amount_to_capture=1500",
    )
    .await;
    assert_kept(&captured, &intent, "capture");

    wire.json(200, &intent).await;
    let canceled = intents
        .cancel(
            "pi_1",
            stripe::PostPaymentIntentsIntentCancelBody::default(),
        )
        .await
        .expect("cancel");
    wire.saw("POST", "/v1/payment_intents/pi_1/cancel", "")
        .await;
    assert_kept(&canceled, &intent, "cancel");

    let subscriptions = client.subscriptions();
    let subscription = stripe_subscription();
    wire.json(200, &subscription).await;
    let created = subscriptions
        .create(stripe::PostSubscriptionsBody::new(
            "cus_NffrFeUfNV2Hib".to_owned(),
        ))
        .await
        .expect("create");
    wire.saw("POST", "/v1/subscriptions", "customer=cus_NffrFeUfNV2Hib")
        .await;
    assert_eq!(created.id, "sub_1MowQVLkdIwHu7ixeRlqHVzs");
    assert_kept(&created, &subscription, "create");

    wire.json(200, &subscription).await;
    let got = subscriptions.get("sub_1").await.expect("get");
    wire.saw("GET", "/v1/subscriptions/sub_1", "").await;
    assert_kept(&got, &subscription, "get");

    let list = stripe_list("/v1/subscriptions", subscription.clone());
    wire.json(200, &list).await;
    let page = subscriptions.list().send().await.expect("list");
    wire.saw("GET", "/v1/subscriptions", "").await;
    assert_kept(&page, &list, "list");

    let found = stripe_search_result("/v1/subscriptions/search", subscription.clone());
    wire.json(200, &found).await;
    let page = subscriptions
        .search("status:'active'")
        .send()
        .await
        .expect("search");
    wire.saw(
        "GET",
        "/v1/subscriptions/search?query=status%3A%27active%27",
        "",
    )
    .await;
    assert_kept(&page, &found, "search");

    let update = stripe::PostSubscriptionsSubscriptionExposedIdBody {
        cancel_at_period_end: Some(true),
        ..Default::default()
    };
    wire.json(200, &subscription).await;
    let updated = subscriptions.update("sub_1", update).await.expect("update");
    wire.saw(
        "POST",
        "/v1/subscriptions/sub_1",
        "cancel_at_period_end=true",
    )
    .await;
    assert_kept(&updated, &subscription, "update");

    wire.json(200, &subscription).await;
    let canceled = subscriptions.cancel("sub_1").await.expect("cancel");
    wire.saw("DELETE", "/v1/subscriptions/sub_1", "").await;
    assert_kept(&canceled, &subscription, "cancel");

    // Stripe's error shape, typed, with its code.
    let declined = json!({"error": {
        "charge": "ch_3MtwBwLkdIwHu7ix0Sl8A1xU",
        "code": "card_declined",
        "decline_code": "insufficient_funds",
        "doc_url": "https://stripe.com/docs/error-codes/card-declined",
        "message": "Your card has insufficient funds.",
        "payment_intent": intent,
        "request_log_url": "https://dashboard.stripe.com/test/logs/req_xyz?t=1680800504",
        "type": "card_error"
    }});
    wire.json(402, &declined).await;
    let error = intents
        .confirm(
            "pi_1",
            stripe::PostPaymentIntentsIntentConfirmBody::default(),
        )
        .await
        .expect_err("declined");
    assert_eq!(error.provider_code(), Some("card_declined"));
    assert_eq!(error.status(), Some(402));
}

#[tokio::test]
async fn square_customers_update_and_delete() {
    let wire = Wire::start().await;
    let client: square::Client = square::Client::builder()
        .base_url(wire.uri())
        .bearer_token("EAAAEexample")
        .build()
        .expect("a client");
    let update = square::UpdateCustomerRequest {
        email_address: Some("amelia@example.com".to_owned()).into(),
        ..Default::default()
    };
    let answer = json!({"customer": square_customer()});
    wire.json(200, &answer).await;
    let updated = client
        .customers()
        .update("JDKYHBWT1D4F8MFH63DBMEN8Y4", update)
        .await
        .expect("update");
    wire.saw(
        "PUT",
        "/v2/customers/JDKYHBWT1D4F8MFH63DBMEN8Y4",
        r#"{"email_address":"amelia@example.com"}"#,
    )
    .await;
    assert!(wire.header("square-version").await.is_some());
    assert_kept(&updated, &answer, "update");

    let deleted_answer = square_delete_customer_answer();
    wire.json(200, &deleted_answer).await;
    let deleted = client
        .customers()
        .delete("JDKYHBWT1D4F8MFH63DBMEN8Y4")
        .await
        .expect("delete");
    wire.saw("DELETE", "/v2/customers/JDKYHBWT1D4F8MFH63DBMEN8Y4", "")
        .await;
    assert_kept(&deleted, &deleted_answer, "delete");
}

/// Salesforce's documented describe answer, for `object` instead of Account (its name,
/// labels, key prefix and URLs; the fields stay Account's).
fn describe_of(object: &str, key_prefix: &str) -> Value {
    let mut describe = salesforce_account_describe();
    describe["name"] = json!(object);
    describe["label"] = json!(object);
    describe["labelPlural"] = json!(format!("{object}s"));
    describe["keyPrefix"] = json!(key_prefix);
    if let Some(urls) = describe["urls"].as_object_mut() {
        for url in urls.values_mut() {
            if let Some(text) = url.as_str() {
                *url = json!(text.replace("/Account", &format!("/{object}")));
            }
        }
    }
    describe
}

#[tokio::test]
async fn salesforce_every_sobject_verb() {
    let wire = Wire::start().await;
    let client: salesforce::Client = salesforce::Client::builder()
        .base_url(format!("{}/services/data/v63.0", wire.uri()))
        .bearer_token("00D5g000004xyz!AQ0AQ")
        .build()
        .expect("a client");
    let base = "/services/data/v63.0/sobjects";
    let created_answer = salesforce_create_result();
    let upserted_answer = salesforce_upsert_created();
    // An upsert that found its record answers 200 with `created: false`.
    let mut updated_answer = upserted_answer.clone();
    updated_answer["created"] = json!(false);

    let account = salesforce::Account {
        name: Some("Acme".to_owned()).into(),
        ..Default::default()
    };
    wire.json(201, &created_answer).await;
    let created = client
        .accounts()
        .create(account.clone())
        .await
        .expect("create");
    wire.saw("POST", &format!("{base}/Account"), r#"{"Name":"Acme"}"#)
        .await;
    assert_kept(&created, &created_answer, "create");
    wire.json(201, &upserted_answer).await;
    let upserted = client
        .accounts()
        .upsert("External_Id__c", "ACME-1", account)
        .await
        .expect("upsert");
    wire.saw(
        "PATCH",
        &format!("{base}/Account/External_Id__c/ACME-1"),
        r#"{"Name":"Acme"}"#,
    )
    .await;
    let salesforce::UpsertAccountResponse::Created(upserted) = upserted else {
        panic!("a 201 is a created record: {upserted:?}");
    };
    assert_kept(&upserted, &upserted_answer, "upsert");
    let describe = salesforce_account_describe();
    wire.json(200, &describe).await;
    let described = client.accounts().describe().await.expect("describe");
    wire.saw("GET", &format!("{base}/Account/describe"), "")
        .await;
    assert_kept(&described, &describe, "describe");

    let lead = salesforce::Lead {
        last_name: Some("Lovelace".to_owned()).into(),
        company: Some("Analytical Engines".to_owned()).into(),
        ..Default::default()
    };
    let record = salesforce_lead();
    wire.json(200, &record).await;
    let got = client.leads().get("00Q1").await.expect("get");
    wire.saw("GET", &format!("{base}/Lead/00Q1"), "").await;
    assert_kept(&got, &record, "get");
    wire.no_content().await;
    client
        .leads()
        .update("00Q1", lead.clone())
        .await
        .expect("update");
    wire.saw(
        "PATCH",
        &format!("{base}/Lead/00Q1"),
        r#"{"LastName":"Lovelace","Company":"Analytical Engines"}"#,
    )
    .await;
    wire.json(200, &updated_answer).await;
    let upserted = client
        .leads()
        .upsert("Email", "ada@example.com", lead)
        .await
        .expect("upsert");
    wire.saw(
        "PATCH",
        // `@` is percent-encoded in the segment, which the server decodes.
        &format!("{base}/Lead/Email/ada%40example.com"),
        r#"{"LastName":"Lovelace","Company":"Analytical Engines"}"#,
    )
    .await;
    let salesforce::UpsertLeadResponse::Ok(upserted) = upserted else {
        panic!("a 200 is an updated record: {upserted:?}");
    };
    assert_kept(&upserted, &updated_answer, "upsert of a found record");
    wire.no_content().await;
    client.leads().delete("00Q1").await.expect("delete");
    wire.saw("DELETE", &format!("{base}/Lead/00Q1"), "").await;
    let describe = describe_of("Lead", "00Q");
    wire.json(200, &describe).await;
    let described = client.leads().describe().await.expect("describe");
    wire.saw("GET", &format!("{base}/Lead/describe"), "").await;
    assert_kept(&described, &describe, "describe");

    let contact = salesforce::Contact {
        last_name: Some("Hopper".to_owned()).into(),
        ..Default::default()
    };
    let record = salesforce_contact();
    wire.json(200, &record).await;
    let got = client.contacts().get("0031").await.expect("get");
    wire.saw("GET", &format!("{base}/Contact/0031"), "").await;
    assert_kept(&got, &record, "get");
    wire.no_content().await;
    client
        .contacts()
        .update("0031", contact.clone())
        .await
        .expect("update");
    wire.saw(
        "PATCH",
        &format!("{base}/Contact/0031"),
        r#"{"LastName":"Hopper"}"#,
    )
    .await;
    wire.json(201, &upserted_answer).await;
    let upserted = client
        .contacts()
        .upsert("External_Id__c", "C-7", contact)
        .await
        .expect("upsert");
    wire.saw(
        "PATCH",
        &format!("{base}/Contact/External_Id__c/C-7"),
        r#"{"LastName":"Hopper"}"#,
    )
    .await;
    let salesforce::UpsertContactResponse::Created(upserted) = upserted else {
        panic!("a 201 is a created record: {upserted:?}");
    };
    assert_kept(&upserted, &upserted_answer, "upsert");
    wire.no_content().await;
    client.contacts().delete("0031").await.expect("delete");
    wire.saw("DELETE", &format!("{base}/Contact/0031"), "")
        .await;
    let describe = describe_of("Contact", "003");
    wire.json(200, &describe).await;
    let described = client.contacts().describe().await.expect("describe");
    wire.saw("GET", &format!("{base}/Contact/describe"), "")
        .await;
    assert_kept(&described, &describe, "describe");

    let deal = salesforce::Opportunity {
        name: Some("Generators".to_owned()).into(),
        stage_name: Some("Prospecting".to_owned()).into(),
        close_date: Some("2024-05-20".to_owned()).into(),
        ..Default::default()
    };
    let written = r#"{"Name":"Generators","StageName":"Prospecting","CloseDate":"2024-05-20"}"#;
    wire.json(201, &created_answer).await;
    let created = client
        .opportunities()
        .create(deal.clone())
        .await
        .expect("create");
    wire.saw("POST", &format!("{base}/Opportunity"), written)
        .await;
    assert_kept(&created, &created_answer, "create");
    let record = salesforce_opportunity();
    wire.json(200, &record).await;
    let got = client.opportunities().get("0061").await.expect("get");
    wire.saw("GET", &format!("{base}/Opportunity/0061"), "")
        .await;
    assert_kept(&got, &record, "get");
    wire.no_content().await;
    client
        .opportunities()
        .update("0061", deal.clone())
        .await
        .expect("update");
    wire.saw("PATCH", &format!("{base}/Opportunity/0061"), written)
        .await;
    wire.json(201, &upserted_answer).await;
    let upserted = client
        .opportunities()
        .upsert("External_Id__c", "O-1", deal)
        .await
        .expect("upsert");
    wire.saw(
        "PATCH",
        &format!("{base}/Opportunity/External_Id__c/O-1"),
        written,
    )
    .await;
    let salesforce::UpsertOpportunityResponse::Created(upserted) = upserted else {
        panic!("a 201 is a created record: {upserted:?}");
    };
    assert_kept(&upserted, &upserted_answer, "upsert");
    wire.no_content().await;
    client.opportunities().delete("0061").await.expect("delete");
    wire.saw("DELETE", &format!("{base}/Opportunity/0061"), "")
        .await;
    let describe = describe_of("Opportunity", "006");
    wire.json(200, &describe).await;
    let described = client.opportunities().describe().await.expect("describe");
    wire.saw("GET", &format!("{base}/Opportunity/describe"), "")
        .await;
    assert_kept(&described, &describe, "describe");

    // Salesforce's error shape (an array), typed, with its code.
    let missing = json!([{
        "message": "Required fields are missing: [LastName]",
        "errorCode": "REQUIRED_FIELD_MISSING",
        "fields": ["LastName"]
    }]);
    wire.json(400, &missing).await;
    let error = client
        .contacts()
        .create(salesforce::Contact::default())
        .await
        .expect_err("refused");
    assert_eq!(error.provider_code(), Some("REQUIRED_FIELD_MISSING"));
}

#[tokio::test]
async fn hubspot_objects_search_and_batches() {
    let wire = Wire::start().await;
    let client: hubspot::Client = hubspot::Client::builder()
        .base_url(wire.uri())
        .bearer_token("pat-na1-example")
        .build()
        .expect("a client");
    let properties = |pairs: &[(&str, &str)]| -> std::collections::BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    for (object, base) in [
        ("companies", "/crm/v3/objects/companies"),
        ("deals", "/crm/v3/objects/deals"),
        ("contacts", "/crm/v3/objects/contacts"),
    ] {
        let create = hubspot::SimplePublicObjectInputForCreate::new(
            Vec::new(),
            properties(&[("name", "Acme")]),
        );
        let update = hubspot::SimplePublicObjectInput::new(properties(&[("name", "Acme Ltd")]));
        let search = hubspot::PublicObjectSearchRequest::new(
            "0".to_owned(),
            vec![hubspot::FilterGroup::new(vec![hubspot::Filter::new(
                hubspot::FilterOperator::Eq,
                "name".to_owned(),
            )])],
            10,
            vec!["name".to_owned()],
            Vec::new(),
        );
        let batch_create = hubspot::BatchInputSimplePublicObjectBatchInputForCreate::new(vec![
            hubspot::SimplePublicObjectBatchInputForCreate::new(
                Vec::new(),
                properties(&[("name", "Acme")]),
            ),
        ]);
        let batch_update = hubspot::BatchInputSimplePublicObjectBatchInput::new(vec![
            hubspot::SimplePublicObjectBatchInput::new(
                "512".to_owned(),
                properties(&[("name", "B")]),
            ),
        ]);
        let batch_read = hubspot::BatchReadInputSimplePublicObjectId::new(
            vec![hubspot::SimplePublicObjectId::new("512".to_owned())],
            vec!["name".to_owned()],
            Vec::new(),
        );
        let properties = match object {
            "companies" => hubspot_company_properties(),
            "deals" => hubspot_deal_properties(),
            _ => hubspot_contact_properties(),
        };
        let one = hubspot_object("512", properties);
        let listed = hubspot_list_answer(one.clone());
        let found = hubspot_search_answer(one.clone());
        let batch = hubspot_batch_answer(one.clone());
        macro_rules! verbs {
            ($resource:expr, $created:path, $updated:path, $read:path) => {{
                let resource = $resource;
                wire.json(201, &one).await;
                let created = resource.create(create).await.expect("create");
                wire.saw("POST", base, r#"{"associations":[],"properties":{"name":"Acme"}}"#).await;
                assert_eq!(created.id, "512");
                assert_kept(&created, &one, "create");
                wire.json(200, &one).await;
                let got = resource.get("512").await.expect("get");
                wire.saw("GET", &format!("{base}/512"), "").await;
                assert_kept(&got, &one, "get");
                wire.json(200, &one).await;
                let updated = resource.update("512", update).await.expect("update");
                wire.saw("PATCH", &format!("{base}/512"), r#"{"properties":{"name":"Acme Ltd"}}"#).await;
                assert_kept(&updated, &one, "update");
                wire.no_content().await;
                resource.delete("512").await.expect("delete");
                wire.saw("DELETE", &format!("{base}/512"), "").await;
                wire.json(200, &listed).await;
                let page = resource.list().limit(2).send().await.expect("list");
                wire.saw("GET", &format!("{base}?limit=2"), "").await;
                assert_kept(&page, &listed, "list");
                wire.json(200, &found).await;
                let page = resource.search(search).send().await.expect("search");
                wire.saw(
                    "POST",
                    &format!("{base}/search"),
                    r#"{"after":"0","filterGroups":[{"filters":[{"operator":"EQ","propertyName":"name"}]}],"limit":10,"properties":["name"],"sorts":[]}"#,
                )
                .await;
                assert_kept(&page, &found, "search");
                wire.json(201, &batch).await;
                let done = resource.batch_create(batch_create).await.expect("batch create");
                wire.saw(
                    "POST",
                    &format!("{base}/batch/create"),
                    r#"{"inputs":[{"associations":[],"properties":{"name":"Acme"}}]}"#,
                )
                .await;
                let $created(done) = done else {
                    panic!("a 201 is a completed batch: {done:?}");
                };
                assert_kept(&done, &batch, "batch create");
                wire.json(200, &batch).await;
                let done = resource.batch_update(batch_update).await.expect("batch update");
                wire.saw(
                    "POST",
                    &format!("{base}/batch/update"),
                    r#"{"inputs":[{"id":"512","properties":{"name":"B"}}]}"#,
                )
                .await;
                let $updated(done) = done else {
                    panic!("a 200 is a completed batch: {done:?}");
                };
                assert_kept(&done, &batch, "batch update");
                wire.json(200, &batch).await;
                let done = resource.batch_read(batch_read).await.expect("batch read");
                wire.saw(
                    "POST",
                    &format!("{base}/batch/read"),
                    r#"{"inputs":[{"id":"512"}],"properties":["name"],"propertiesWithHistory":[]}"#,
                )
                .await;
                let $read(done) = done else {
                    panic!("a 200 is a completed batch: {done:?}");
                };
                assert_kept(&done, &batch, "batch read");
            }};
        }
        match object {
            "companies" => verbs!(
                client.companies(),
                hubspot::PostCrmV3ObjectsCompaniesBatchCreateCreateResponse::Created,
                hubspot::PostCrmV3ObjectsCompaniesBatchUpdateUpdateResponse::Ok,
                hubspot::PostCrmV3ObjectsCompaniesBatchReadReadResponse::Ok
            ),
            "deals" => verbs!(
                client.deals(),
                hubspot::PostCrmV3ObjectsDealsBatchCreateCreateResponse::Created,
                hubspot::PostCrmV3ObjectsDealsBatchUpdateUpdateResponse::Ok,
                hubspot::PostCrmV3ObjectsDealsBatchReadReadResponse::Ok
            ),
            _ => verbs!(
                client.contacts(),
                hubspot::PostCrmV3ObjectsContactsBatchCreateCreateResponse::Created,
                hubspot::PostCrmV3ObjectsContactsBatchUpdateUpdateResponse::Ok,
                hubspot::PostCrmV3ObjectsContactsBatchReadReadResponse::Ok
            ),
        }
    }
}

#[tokio::test]
async fn paypal_order_steps_authorizations_and_refunds() {
    let wire = Wire::start().await;
    let client: paypal::Client = paypal::Client::builder()
        .base_url(wire.uri())
        .bearer_token("A21AAexample")
        .build()
        .expect("a client");
    let id = "5O190127TN364715T";
    let authorized = paypal_authorized_order();
    wire.json(201, &authorized).await;
    let order = client
        .orders()
        .authorize(id, paypal::OrderAuthorizeRequest::default())
        .await
        .expect("authorize");
    wire.saw("POST", &format!("/v2/checkout/orders/{id}/authorize"), "{}")
        .await;
    assert!(wire.header("paypal-request-id").await.is_some());
    assert_kept(&order, &authorized, "authorize");

    let mut replace = paypal::Patch::new(paypal::PatchOp::Replace);
    replace.path = Some("/purchase_units/@reference_id=='default'/description".to_owned());
    let patch = vec![replace];
    wire.no_content().await;
    client.orders().update(id, patch).await.expect("patch");
    wire.saw(
        "PATCH",
        &format!("/v2/checkout/orders/{id}"),
        r#"[{"op":"replace","path":"/purchase_units/@reference_id=='default'/description"}]"#,
    )
    .await;

    let confirm = paypal::ConfirmOrderRequest::new(paypal::PaymentSource::default());
    let pending = paypal_order_payer_action();
    wire.json(200, &pending).await;
    let order = client.orders().confirm(id, confirm).await.expect("confirm");
    wire.saw(
        "POST",
        &format!("/v2/checkout/orders/{id}/confirm-payment-source"),
        r#"{"payment_source":{}}"#,
    )
    .await;
    assert_kept(&order, &pending, "confirm");

    let authorizations = client.authorizations();
    let authorization = paypal_authorization();
    wire.json(200, &authorization).await;
    let got = authorizations.get("0VF52814937998046").await.expect("get");
    wire.saw("GET", "/v2/payments/authorizations/0VF52814937998046", "")
        .await;
    assert_kept(&got, &authorization, "get");

    let capture = paypal::CaptureRequest {
        final_capture: Some(true),
        ..Default::default()
    };
    // The default answer (`Prefer: return=minimal`): the id, the status and the links.
    let captured = paypal_capture_minimal();
    wire.json(201, &captured).await;
    let got = authorizations
        .capture("0VF52814937998046", capture)
        .await
        .expect("capture");
    wire.saw(
        "POST",
        "/v2/payments/authorizations/0VF52814937998046/capture",
        r#"{"final_capture":true}"#,
    )
    .await;
    assert!(wire.header("paypal-request-id").await.is_some());
    assert_kept(&got, &captured, "capture");
    // The same request id again (a retry of a capture that was carried out): PayPal
    // answers 200 with the capture as it was made, which is the same success.
    wire.json(200, &captured).await;
    let again = authorizations
        .capture("0VF52814937998046", paypal::CaptureRequest::default())
        .idempotency_key("capture-0VF52814937998046")
        .await
        .expect("a replayed capture");
    assert_eq!(
        wire.header("paypal-request-id").await.as_deref(),
        Some("capture-0VF52814937998046")
    );
    assert_kept(&again, &captured, "replayed capture");

    let reauthorized = paypal_reauthorization();
    wire.json(201, &reauthorized).await;
    let got = authorizations
        .reauthorize("0VF52814937998046", paypal::ReauthorizeRequest::default())
        .await
        .expect("reauthorize");
    wire.saw(
        "POST",
        "/v2/payments/authorizations/0VF52814937998046/reauthorize",
        "{}",
    )
    .await;
    assert_kept(&got, &reauthorized, "reauthorize");
    // Replayed with the same request id: 200 and the same reauthorization.
    wire.json(200, &reauthorized).await;
    let again = authorizations
        .reauthorize("0VF52814937998046", paypal::ReauthorizeRequest::default())
        .idempotency_key("reauthorize-0VF52814937998046")
        .await
        .expect("a replayed reauthorization");
    assert_kept(&again, &reauthorized, "replayed reauthorization");

    wire.no_content().await;
    authorizations
        .void("0VF52814937998046")
        .await
        .expect("void");
    wire.saw(
        "POST",
        "/v2/payments/authorizations/0VF52814937998046/void",
        "",
    )
    .await;

    let refund = paypal_refund();
    wire.json(200, &refund).await;
    let got = client
        .refunds()
        .get("1JU08902781691411")
        .await
        .expect("refund");
    wire.saw("GET", "/v2/payments/refunds/1JU08902781691411", "")
        .await;
    assert_kept(&got, &refund, "refund");

    let captured = paypal_capture();
    wire.json(200, &captured).await;
    let got = client
        .captures()
        .get("2GG279541U471931P")
        .await
        .expect("capture");
    wire.saw("GET", "/v2/payments/captures/2GG279541U471931P", "")
        .await;
    assert_kept(&got, &captured, "capture");

    // PayPal's error shape, typed, with the first detail's issue as its code.
    let declined = json!({
        "name": "UNPROCESSABLE_ENTITY",
        "details": [{
            "issue": "INSTRUMENT_DECLINED",
            "description": "The instrument presented  was either declined by the processor or bank, or it can't be used for this payment."
        }],
        "message": "The requested action could not be performed, semantically incorrect, or failed business validation.",
        "debug_id": "c9a75b43fc807",
        "links": [{
            "href": "https://developer.paypal.com/docs/api/orders/v2/#error-INSTRUMENT_DECLINED",
            "rel": "information_link",
            "method": "GET"
        }]
    });
    wire.json(422, &declined).await;
    let error = authorizations
        .capture("0VF52814937998046", paypal::CaptureRequest::default())
        .await
        .expect_err("declined");
    assert_eq!(error.provider_code(), Some("INSTRUMENT_DECLINED"));
}

#[tokio::test]
async fn pipedrive_persons_organizations_and_deals() {
    let wire = Wire::start().await;
    let client: pipedrive::Client = pipedrive::Client::builder()
        .base_url(format!("{}/api/v2", wire.uri()))
        .api_key("pipedrive-token")
        .build()
        .expect("a client");
    let organizations = client.organizations();
    let organization = pipedrive_answer(pipedrive_organization(1, "Acme"));
    wire.json(200, &organization).await;
    let created = organizations
        .create(pipedrive::AddOrganizationBody::new("Acme".to_owned()))
        .await
        .expect("create");
    wire.saw("POST", "/api/v2/organizations", r#"{"name":"Acme"}"#)
        .await;
    assert_kept(&created, &organization, "create");
    wire.json(200, &organization).await;
    let got = organizations.get(1).await.expect("get");
    wire.saw("GET", "/api/v2/organizations/1", "").await;
    assert_kept(&got, &organization, "get");
    let update = pipedrive::UpdateOrganizationBody {
        name: Some("Acme Ltd".to_owned()),
        ..Default::default()
    };
    wire.json(200, &organization).await;
    let updated = organizations.update(1, update).await.expect("update");
    wire.saw("PATCH", "/api/v2/organizations/1", r#"{"name":"Acme Ltd"}"#)
        .await;
    assert_kept(&updated, &organization, "update");
    let deleted_answer = pipedrive_deleted(1);
    wire.json(200, &deleted_answer).await;
    let deleted = organizations.delete(1).await.expect("delete");
    wire.saw("DELETE", "/api/v2/organizations/1", "").await;
    assert_kept(&deleted, &deleted_answer, "delete");
    let listed = pipedrive_list_answer(
        vec![
            pipedrive_organization(1, "Acme"),
            pipedrive_organization(2, "Initech"),
        ],
        Some("eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6Mn0"),
    );
    wire.json(200, &listed).await;
    let page = organizations.list().limit(2).send().await.expect("list");
    wire.saw("GET", "/api/v2/organizations?limit=2", "").await;
    assert_kept(&page, &listed, "list");
    let found = pipedrive_organization_search_answer();
    wire.json(200, &found).await;
    let page = organizations
        .search("Acme Ltd")
        .send()
        .await
        .expect("search");
    wire.saw("GET", "/api/v2/organizations/search?term=Acme+Ltd", "")
        .await;
    assert_kept(&page, &found, "search");

    let deals = client.deals();
    let deal = pipedrive_answer(pipedrive_deal(7, "Generators"));
    wire.json(200, &deal).await;
    let created = deals
        .create(pipedrive::AddDealBody::new("Generators".to_owned()))
        .await
        .expect("create");
    wire.saw("POST", "/api/v2/deals", r#"{"title":"Generators"}"#)
        .await;
    assert_kept(&created, &deal, "create");
    wire.json(200, &deal).await;
    let got = deals.get(7).await.expect("get");
    wire.saw("GET", "/api/v2/deals/7", "").await;
    assert_kept(&got, &deal, "get");
    let update = pipedrive::UpdateDealBody {
        status: Some("won".into()),
        ..Default::default()
    };
    wire.json(200, &deal).await;
    let updated = deals.update(7, update).await.expect("update");
    wire.saw("PATCH", "/api/v2/deals/7", r#"{"status":"won"}"#)
        .await;
    assert_kept(&updated, &deal, "update");
    let deleted_answer = pipedrive_deleted(7);
    wire.json(200, &deleted_answer).await;
    let deleted = deals.delete(7).await.expect("delete");
    wire.saw("DELETE", "/api/v2/deals/7", "").await;
    assert_kept(&deleted, &deleted_answer, "delete");
    let listed = pipedrive_list_answer(vec![pipedrive_deal(7, "Generators")], None);
    wire.json(200, &listed).await;
    let page = deals.list().send().await.expect("list");
    wire.saw("GET", "/api/v2/deals", "").await;
    assert_kept(&page, &listed, "list");
    let found = pipedrive_deal_search_answer();
    wire.json(200, &found).await;
    let page = deals.search("Generators").send().await.expect("search");
    wire.saw("GET", "/api/v2/deals/search?term=Generators", "")
        .await;
    assert_kept(&page, &found, "search");

    let persons = client.persons();
    let person = pipedrive_answer(pipedrive_person(42, "Ada Lovelace"));
    wire.json(200, &person).await;
    let got = persons.get(42).await.expect("get");
    wire.saw("GET", "/api/v2/persons/42", "").await;
    assert_kept(&got, &person, "get");
    let update = pipedrive::UpdatePersonBody {
        name: Some("Ada King".to_owned()),
        ..Default::default()
    };
    wire.json(200, &person).await;
    let updated = persons.update(42, update).await.expect("update");
    wire.saw("PATCH", "/api/v2/persons/42", r#"{"name":"Ada King"}"#)
        .await;
    assert_kept(&updated, &person, "update");
    let deleted_answer = pipedrive_deleted(42);
    wire.json(200, &deleted_answer).await;
    let deleted = persons.delete(42).await.expect("delete");
    wire.saw("DELETE", "/api/v2/persons/42", "").await;
    assert_kept(&deleted, &deleted_answer, "delete");
    let found = pipedrive_person_search_answer();
    wire.json(200, &found).await;
    let page = persons.search("Ada").send().await.expect("search");
    wire.saw("GET", "/api/v2/persons/search?term=Ada", "").await;
    assert_kept(&page, &found, "search");
    assert_eq!(
        wire.header("x-api-token").await.as_deref(),
        Some("pipedrive-token")
    );
}

#[tokio::test]
async fn dropbox_folders_downloads_and_continuations() {
    let wire = Wire::start().await;
    let client: dropbox::Client = dropbox::Client::builder()
        .base_url(format!("{}/2", wire.uri()))
        .bearer_token("sl.token")
        .build()
        .expect("a client");
    let folder = dropbox_create_folder_result();
    wire.json(200, &folder).await;
    let created = client
        .files()
        .create_folder(dropbox::CreateFolderArg::new("/Homework/math".to_owned()))
        .await
        .expect("create folder");
    wire.saw(
        "POST",
        "/2/files/create_folder_v2",
        r#"{"path":"/Homework/math"}"#,
    )
    .await;
    assert_kept(&created, &folder, "create folder");

    let listed = dropbox_list_folder_result();
    wire.json(200, &listed).await;
    let page = client
        .files()
        .list_continue(dropbox::ListFolderContinueArg::new(
            "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu".to_owned(),
        ))
        .send()
        .await
        .expect("continue");
    wire.saw(
        "POST",
        "/2/files/list_folder/continue",
        r#"{"cursor":"ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu"}"#,
    )
    .await;
    assert_kept(&page, &listed, "continue");

    // A download goes to the content host (here the same server, as the base URL moved
    // it), its argument in the header and no body; the metadata comes back in a header.
    wire.answer(
        ResponseTemplate::new(200)
            .insert_header("Dropbox-API-Result", DROPBOX_DOWNLOAD_RESULT)
            .set_body_raw("2 3 5 7 11 13", "application/octet-stream"),
    )
    .await;
    let reply = client
        .files()
        .download(dropbox::DownloadArg::new(
            "/Homework/math/Prime_Numbers.txt".to_owned(),
        ))
        .send_full()
        .await
        .expect("download");
    wire.saw("POST", "/2/files/download", "").await;
    assert_eq!(
        wire.header("dropbox-api-arg").await.as_deref(),
        Some(r#"{"path":"/Homework/math/Prime_Numbers.txt"}"#)
    );
    let metadata: dropbox::FileMetadata = reply
        .header_json("Dropbox-API-Result")
        .expect("metadata decodes")
        .expect("metadata header");
    let documented: Value = serde_json::from_str(DROPBOX_DOWNLOAD_RESULT).expect("JSON");
    assert_kept(&metadata, &documented, "download metadata");
    let bytes = reply.into_body().collect().await.expect("body");
    assert_eq!(&bytes[..], b"2 3 5 7 11 13");

    // Dropbox's error shape, typed, with its tag as the code: the folder is there.
    let taken = json!({
        "error_summary": "path/conflict/folder/..",
        "error": {".tag": "path", "path": {".tag": "conflict", "conflict": {".tag": "folder"}}}
    });
    wire.json(409, &taken).await;
    let error = client
        .files()
        .create_folder(dropbox::CreateFolderArg::new("/Homework/math".to_owned()))
        .await
        .expect_err("conflict");
    assert_eq!(error.provider_code(), Some("path"));
}

#[tokio::test]
async fn s3_deletes_and_reads_tagging() {
    let wire = Wire::start().await;
    let client: s3::Client = s3::Client::builder()
        .base_url(wire.uri())
        .build()
        .expect("a client");
    wire.no_content().await;
    client
        .objects()
        .delete("photos", "2024/a b.jpg")
        .await
        .expect("delete");
    wire.saw("DELETE", "/photos/2024/a%20b.jpg", "").await;

    wire.answer(ResponseTemplate::new(200).set_body_raw(S3_BUCKET_TAGGING, "application/xml"))
        .await;
    let tagging = client
        .buckets()
        .get_tagging("photos")
        .await
        .expect("tagging");
    wire.saw("GET", "/photos?tagging=", "").await;
    let tags: Vec<(&str, &str)> = tagging
        .tag_set
        .iter()
        .map(|tag| (tag.key.as_str(), tag.value.as_str()))
        .collect();
    assert_eq!(tags, S3_BUCKET_TAGS);
}
