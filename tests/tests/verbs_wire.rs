//! Every verb the providers' `provider.toml` declares, on the wire: called through the
//! facade against a local server that answers `{}`, each request is checked for its
//! method, path, query and body bytes (`send_raw`, so the answer is not decoded; the
//! decoding of each provider's documented answers is in the end-to-end tests). This
//! covers the verbs the end-to-end tests do not reach: Stripe's payment intents and
//! subscriptions, Square's update and delete, every Salesforce sObject verb, HubSpot's
//! companies, deals, search and batches, PayPal's authorizations and order steps,
//! Pipedrive's organizations and deals, Dropbox's folders and continuation, and S3's
//! deletes and tagging.

use integrations::{dropbox, hubspot, paypal, pipedrive, s3, salesforce, square, stripe};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server answering every request with `{}`, and how many requests were checked.
struct Wire {
    server: MockServer,
    checked: usize,
}

impl Wire {
    async fn start() -> Self {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_raw("{}", "application/json"))
            .mount(&server)
            .await;
        Wire { server, checked: 0 }
    }

    fn uri(&self) -> String {
        self.server.uri()
    }

    /// Checks the one request made since the last check.
    async fn saw(&mut self, method: &str, path_and_query: &str, body: &str) {
        let requests = self.server.received_requests().await.expect("recording");
        assert_eq!(
            requests.len(),
            self.checked + 1,
            "one request for {method} {path_and_query}"
        );
        let request = &requests[self.checked];
        self.checked += 1;
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

    /// A header of the last checked request.
    async fn header(&self, name: &str) -> Option<String> {
        let requests = self.server.received_requests().await.expect("recording");
        requests[self.checked - 1]
            .headers
            .get(name)
            .map(|v| v.to_str().unwrap_or_default().to_owned())
    }
}

#[tokio::test]
async fn stripe_payment_intents_and_subscriptions() {
    let mut wire = Wire::start().await;
    let client: stripe::Client = stripe::Client::builder()
        .base_url(wire.uri())
        .bearer_token("sk_test_123")
        .build()
        .expect("a client");
    let intents = client.payment_intents();

    let mut body = stripe::PostPaymentIntentsBody::new(2000, "usd".to_owned());
    body.description = Some("Order 42".to_owned());
    intents.create(body).send_raw().await.expect("create");
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
    intents
        .get("pi_3MtwBwLkdIwHu7ix28a3tqPa")
        .send_raw()
        .await
        .expect("get");
    wire.saw("GET", "/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa", "")
        .await;
    intents.list().limit(3).send_raw().await.expect("list");
    wire.saw("GET", "/v1/payment_intents?limit=3", "").await;
    intents
        .search("status:'succeeded' AND metadata['order_id']:'6735'")
        .send_raw()
        .await
        .expect("search");
    wire.saw(
        "GET",
        "/v1/payment_intents/search?query=status%3A%27succeeded%27+AND+metadata%5B%27order_id%27%5D%3A%276735%27",
        "",
    )
    .await;
    let update = stripe::PostPaymentIntentsIntentBody {
        description: Some("Order 43".to_owned()),
        ..Default::default()
    };
    intents
        .update("pi_1", update)
        .send_raw()
        .await
        .expect("update");
    wire.saw("POST", "/v1/payment_intents/pi_1", "description=Order+43")
        .await;
    let confirm = stripe::PostPaymentIntentsIntentConfirmBody {
        payment_method: Some("pm_card_visa".to_owned()),
        ..Default::default()
    };
    intents
        .confirm("pi_1", confirm)
        .send_raw()
        .await
        .expect("confirm");
    wire.saw(
        "POST",
        "/v1/payment_intents/pi_1/confirm",
        "payment_method=pm_card_visa",
    )
    .await;
    let capture = stripe::PostPaymentIntentsIntentCaptureBody {
        amount_to_capture: Some(1500),
        ..Default::default()
    };
    intents
        .capture("pi_1", capture)
        .send_raw()
        .await
        .expect("capture");
    wire.saw(
        "POST",
        "/v1/payment_intents/pi_1/capture",
        "amount_to_capture=1500",
    )
    .await;
    intents
        .cancel(
            "pi_1",
            stripe::PostPaymentIntentsIntentCancelBody::default(),
        )
        .send_raw()
        .await
        .expect("cancel");
    wire.saw("POST", "/v1/payment_intents/pi_1/cancel", "")
        .await;

    let subscriptions = client.subscriptions();
    subscriptions
        .create(stripe::PostSubscriptionsBody::new(
            "cus_NffrFeUfNV2Hib".to_owned(),
        ))
        .send_raw()
        .await
        .expect("create");
    wire.saw("POST", "/v1/subscriptions", "customer=cus_NffrFeUfNV2Hib")
        .await;
    subscriptions.get("sub_1").send_raw().await.expect("get");
    wire.saw("GET", "/v1/subscriptions/sub_1", "").await;
    subscriptions.list().send_raw().await.expect("list");
    wire.saw("GET", "/v1/subscriptions", "").await;
    subscriptions
        .search("status:'active'")
        .send_raw()
        .await
        .expect("search");
    wire.saw(
        "GET",
        "/v1/subscriptions/search?query=status%3A%27active%27",
        "",
    )
    .await;
    let update = stripe::PostSubscriptionsSubscriptionExposedIdBody {
        cancel_at_period_end: Some(true),
        ..Default::default()
    };
    subscriptions
        .update("sub_1", update)
        .send_raw()
        .await
        .expect("update");
    wire.saw(
        "POST",
        "/v1/subscriptions/sub_1",
        "cancel_at_period_end=true",
    )
    .await;
    subscriptions
        .cancel("sub_1")
        .send_raw()
        .await
        .expect("cancel");
    wire.saw("DELETE", "/v1/subscriptions/sub_1", "").await;
}

#[tokio::test]
async fn square_customers_update_and_delete() {
    let mut wire = Wire::start().await;
    let client: square::Client = square::Client::builder()
        .base_url(wire.uri())
        .bearer_token("EAAAEexample")
        .build()
        .expect("a client");
    let update = square::UpdateCustomerRequest {
        email_address: Some("amelia@example.com".to_owned()).into(),
        ..Default::default()
    };
    client
        .customers()
        .update("JDKYHBWT1D4F8MFH63DBMEN8Y4", update)
        .send_raw()
        .await
        .expect("update");
    wire.saw(
        "PUT",
        "/v2/customers/JDKYHBWT1D4F8MFH63DBMEN8Y4",
        r#"{"email_address":"amelia@example.com"}"#,
    )
    .await;
    assert!(wire.header("square-version").await.is_some());
    client
        .customers()
        .delete("JDKYHBWT1D4F8MFH63DBMEN8Y4")
        .send_raw()
        .await
        .expect("delete");
    wire.saw("DELETE", "/v2/customers/JDKYHBWT1D4F8MFH63DBMEN8Y4", "")
        .await;
}

#[tokio::test]
async fn salesforce_every_sobject_verb() {
    let mut wire = Wire::start().await;
    let client: salesforce::Client = salesforce::Client::builder()
        .base_url(format!("{}/services/data/v63.0", wire.uri()))
        .bearer_token("00D5g000004xyz!AQ0AQ")
        .build()
        .expect("a client");
    let base = "/services/data/v63.0/sobjects";

    let account = salesforce::Account {
        name: Some("Acme".to_owned()).into(),
        ..Default::default()
    };
    client
        .accounts()
        .create(account.clone())
        .send_raw()
        .await
        .expect("create");
    wire.saw("POST", &format!("{base}/Account"), r#"{"Name":"Acme"}"#)
        .await;
    client
        .accounts()
        .upsert("External_Id__c", "ACME-1", account)
        .send_raw()
        .await
        .expect("upsert");
    wire.saw(
        "PATCH",
        &format!("{base}/Account/External_Id__c/ACME-1"),
        r#"{"Name":"Acme"}"#,
    )
    .await;
    client
        .accounts()
        .describe()
        .send_raw()
        .await
        .expect("describe");
    wire.saw("GET", &format!("{base}/Account/describe"), "")
        .await;

    let lead = salesforce::Lead {
        last_name: Some("Lovelace".to_owned()).into(),
        company: Some("Analytical Engines".to_owned()).into(),
        ..Default::default()
    };
    client.leads().get("00Q1").send_raw().await.expect("get");
    wire.saw("GET", &format!("{base}/Lead/00Q1"), "").await;
    client
        .leads()
        .update("00Q1", lead.clone())
        .send_raw()
        .await
        .expect("update");
    wire.saw(
        "PATCH",
        &format!("{base}/Lead/00Q1"),
        r#"{"LastName":"Lovelace","Company":"Analytical Engines"}"#,
    )
    .await;
    client
        .leads()
        .upsert("Email", "ada@example.com", lead)
        .send_raw()
        .await
        .expect("upsert");
    wire.saw(
        "PATCH",
        // `@` is percent-encoded in the segment, which the server decodes.
        &format!("{base}/Lead/Email/ada%40example.com"),
        r#"{"LastName":"Lovelace","Company":"Analytical Engines"}"#,
    )
    .await;
    client
        .leads()
        .delete("00Q1")
        .send_raw()
        .await
        .expect("delete");
    wire.saw("DELETE", &format!("{base}/Lead/00Q1"), "").await;
    client
        .leads()
        .describe()
        .send_raw()
        .await
        .expect("describe");
    wire.saw("GET", &format!("{base}/Lead/describe"), "").await;

    let contact = salesforce::Contact {
        last_name: Some("Hopper".to_owned()).into(),
        ..Default::default()
    };
    client.contacts().get("0031").send_raw().await.expect("get");
    wire.saw("GET", &format!("{base}/Contact/0031"), "").await;
    client
        .contacts()
        .update("0031", contact.clone())
        .send_raw()
        .await
        .expect("update");
    wire.saw(
        "PATCH",
        &format!("{base}/Contact/0031"),
        r#"{"LastName":"Hopper"}"#,
    )
    .await;
    client
        .contacts()
        .upsert("External_Id__c", "C-7", contact)
        .send_raw()
        .await
        .expect("upsert");
    wire.saw(
        "PATCH",
        &format!("{base}/Contact/External_Id__c/C-7"),
        r#"{"LastName":"Hopper"}"#,
    )
    .await;
    client
        .contacts()
        .delete("0031")
        .send_raw()
        .await
        .expect("delete");
    wire.saw("DELETE", &format!("{base}/Contact/0031"), "")
        .await;
    client
        .contacts()
        .describe()
        .send_raw()
        .await
        .expect("describe");
    wire.saw("GET", &format!("{base}/Contact/describe"), "")
        .await;

    let deal = salesforce::Opportunity {
        name: Some("Generators".to_owned()).into(),
        stage_name: Some("Prospecting".to_owned()).into(),
        close_date: Some("2024-05-20".to_owned()).into(),
        ..Default::default()
    };
    let written = r#"{"Name":"Generators","StageName":"Prospecting","CloseDate":"2024-05-20"}"#;
    client
        .opportunities()
        .create(deal.clone())
        .send_raw()
        .await
        .expect("create");
    wire.saw("POST", &format!("{base}/Opportunity"), written)
        .await;
    client
        .opportunities()
        .get("0061")
        .send_raw()
        .await
        .expect("get");
    wire.saw("GET", &format!("{base}/Opportunity/0061"), "")
        .await;
    client
        .opportunities()
        .update("0061", deal.clone())
        .send_raw()
        .await
        .expect("update");
    wire.saw("PATCH", &format!("{base}/Opportunity/0061"), written)
        .await;
    client
        .opportunities()
        .upsert("External_Id__c", "O-1", deal)
        .send_raw()
        .await
        .expect("upsert");
    wire.saw(
        "PATCH",
        &format!("{base}/Opportunity/External_Id__c/O-1"),
        written,
    )
    .await;
    client
        .opportunities()
        .delete("0061")
        .send_raw()
        .await
        .expect("delete");
    wire.saw("DELETE", &format!("{base}/Opportunity/0061"), "")
        .await;
    client
        .opportunities()
        .describe()
        .send_raw()
        .await
        .expect("describe");
    wire.saw("GET", &format!("{base}/Opportunity/describe"), "")
        .await;
}

#[tokio::test]
async fn hubspot_objects_search_and_batches() {
    let mut wire = Wire::start().await;
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
        macro_rules! verbs {
            ($resource:expr) => {{
                let resource = $resource;
                resource.create(create).send_raw().await.expect("create");
                wire.saw("POST", base, r#"{"associations":[],"properties":{"name":"Acme"}}"#).await;
                resource.get("512").send_raw().await.expect("get");
                wire.saw("GET", &format!("{base}/512"), "").await;
                resource.update("512", update).send_raw().await.expect("update");
                wire.saw("PATCH", &format!("{base}/512"), r#"{"properties":{"name":"Acme Ltd"}}"#).await;
                resource.delete("512").send_raw().await.expect("delete");
                wire.saw("DELETE", &format!("{base}/512"), "").await;
                resource.list().limit(2).send_raw().await.expect("list");
                wire.saw("GET", &format!("{base}?limit=2"), "").await;
                resource.search(search).send_raw().await.expect("search");
                wire.saw(
                    "POST",
                    &format!("{base}/search"),
                    r#"{"after":"0","filterGroups":[{"filters":[{"operator":"EQ","propertyName":"name"}]}],"limit":10,"properties":["name"],"sorts":[]}"#,
                )
                .await;
                resource.batch_create(batch_create).send_raw().await.expect("batch create");
                wire.saw(
                    "POST",
                    &format!("{base}/batch/create"),
                    r#"{"inputs":[{"associations":[],"properties":{"name":"Acme"}}]}"#,
                )
                .await;
                resource.batch_update(batch_update).send_raw().await.expect("batch update");
                wire.saw(
                    "POST",
                    &format!("{base}/batch/update"),
                    r#"{"inputs":[{"id":"512","properties":{"name":"B"}}]}"#,
                )
                .await;
                resource.batch_read(batch_read).send_raw().await.expect("batch read");
                wire.saw(
                    "POST",
                    &format!("{base}/batch/read"),
                    r#"{"inputs":[{"id":"512"}],"properties":["name"],"propertiesWithHistory":[]}"#,
                )
                .await;
            }};
        }
        match object {
            "companies" => verbs!(client.companies()),
            "deals" => verbs!(client.deals()),
            _ => verbs!(client.contacts()),
        }
    }
}

#[tokio::test]
async fn paypal_order_steps_authorizations_and_refunds() {
    let mut wire = Wire::start().await;
    let client: paypal::Client = paypal::Client::builder()
        .base_url(wire.uri())
        .bearer_token("A21AAexample")
        .build()
        .expect("a client");
    let id = "5O190127TN364715T";
    client
        .orders()
        .authorize(id, paypal::OrderAuthorizeRequest::default())
        .send_raw()
        .await
        .expect("authorize");
    wire.saw("POST", &format!("/v2/checkout/orders/{id}/authorize"), "{}")
        .await;
    assert!(wire.header("paypal-request-id").await.is_some());
    let mut replace = paypal::Patch::new(paypal::PatchOp::Replace);
    replace.path = Some("/purchase_units/@reference_id=='default'/description".to_owned());
    let patch = vec![replace];
    client
        .orders()
        .update(id, patch)
        .send_raw()
        .await
        .expect("patch");
    wire.saw(
        "PATCH",
        &format!("/v2/checkout/orders/{id}"),
        r#"[{"op":"replace","path":"/purchase_units/@reference_id=='default'/description"}]"#,
    )
    .await;
    let confirm = paypal::ConfirmOrderRequest::new(paypal::PaymentSource::default());
    client
        .orders()
        .confirm(id, confirm)
        .send_raw()
        .await
        .expect("confirm");
    wire.saw(
        "POST",
        &format!("/v2/checkout/orders/{id}/confirm-payment-source"),
        r#"{"payment_source":{}}"#,
    )
    .await;

    let authorizations = client.authorizations();
    authorizations
        .get("0VF52814937998046")
        .send_raw()
        .await
        .expect("get");
    wire.saw("GET", "/v2/payments/authorizations/0VF52814937998046", "")
        .await;
    let capture = paypal::CaptureRequest {
        final_capture: Some(true),
        ..Default::default()
    };
    authorizations
        .capture("0VF52814937998046", capture)
        .send_raw()
        .await
        .expect("capture");
    wire.saw(
        "POST",
        "/v2/payments/authorizations/0VF52814937998046/capture",
        r#"{"final_capture":true}"#,
    )
    .await;
    assert!(wire.header("paypal-request-id").await.is_some());
    authorizations
        .reauthorize("0VF52814937998046", paypal::ReauthorizeRequest::default())
        .send_raw()
        .await
        .expect("reauthorize");
    wire.saw(
        "POST",
        "/v2/payments/authorizations/0VF52814937998046/reauthorize",
        "{}",
    )
    .await;
    authorizations
        .void("0VF52814937998046")
        .send_raw()
        .await
        .expect("void");
    wire.saw(
        "POST",
        "/v2/payments/authorizations/0VF52814937998046/void",
        "",
    )
    .await;
    client
        .refunds()
        .get("1JU08902781691411")
        .send_raw()
        .await
        .expect("refund");
    wire.saw("GET", "/v2/payments/refunds/1JU08902781691411", "")
        .await;
    client
        .captures()
        .get("2GG279541U471931P")
        .send_raw()
        .await
        .expect("capture");
    wire.saw("GET", "/v2/payments/captures/2GG279541U471931P", "")
        .await;
}

#[tokio::test]
async fn pipedrive_persons_organizations_and_deals() {
    let mut wire = Wire::start().await;
    let client: pipedrive::Client = pipedrive::Client::builder()
        .base_url(format!("{}/api/v2", wire.uri()))
        .api_key("pipedrive-token")
        .build()
        .expect("a client");
    let organizations = client.organizations();
    organizations
        .create(pipedrive::AddOrganizationBody::new("Acme".to_owned()))
        .send_raw()
        .await
        .expect("create");
    wire.saw("POST", "/api/v2/organizations", r#"{"name":"Acme"}"#)
        .await;
    organizations.get(1).send_raw().await.expect("get");
    wire.saw("GET", "/api/v2/organizations/1", "").await;
    let update = pipedrive::UpdateOrganizationBody {
        name: Some("Acme Ltd".to_owned()),
        ..Default::default()
    };
    organizations
        .update(1, update)
        .send_raw()
        .await
        .expect("update");
    wire.saw("PATCH", "/api/v2/organizations/1", r#"{"name":"Acme Ltd"}"#)
        .await;
    organizations.delete(1).send_raw().await.expect("delete");
    wire.saw("DELETE", "/api/v2/organizations/1", "").await;
    organizations
        .list()
        .limit(2)
        .send_raw()
        .await
        .expect("list");
    wire.saw("GET", "/api/v2/organizations?limit=2", "").await;
    organizations
        .search("Acme Ltd")
        .send_raw()
        .await
        .expect("search");
    wire.saw("GET", "/api/v2/organizations/search?term=Acme+Ltd", "")
        .await;

    let deals = client.deals();
    deals
        .create(pipedrive::AddDealBody::new("Generators".to_owned()))
        .send_raw()
        .await
        .expect("create");
    wire.saw("POST", "/api/v2/deals", r#"{"title":"Generators"}"#)
        .await;
    deals.get(7).send_raw().await.expect("get");
    wire.saw("GET", "/api/v2/deals/7", "").await;
    let update = pipedrive::UpdateDealBody {
        status: Some("won".into()),
        ..Default::default()
    };
    deals.update(7, update).send_raw().await.expect("update");
    wire.saw("PATCH", "/api/v2/deals/7", r#"{"status":"won"}"#)
        .await;
    deals.delete(7).send_raw().await.expect("delete");
    wire.saw("DELETE", "/api/v2/deals/7", "").await;
    deals.list().send_raw().await.expect("list");
    wire.saw("GET", "/api/v2/deals", "").await;
    deals.search("Generators").send_raw().await.expect("search");
    wire.saw("GET", "/api/v2/deals/search?term=Generators", "")
        .await;

    let persons = client.persons();
    persons.get(42).send_raw().await.expect("get");
    wire.saw("GET", "/api/v2/persons/42", "").await;
    let update = pipedrive::UpdatePersonBody {
        name: Some("Ada King".to_owned()),
        ..Default::default()
    };
    persons.update(42, update).send_raw().await.expect("update");
    wire.saw("PATCH", "/api/v2/persons/42", r#"{"name":"Ada King"}"#)
        .await;
    persons.delete(42).send_raw().await.expect("delete");
    wire.saw("DELETE", "/api/v2/persons/42", "").await;
    persons.search("Ada").send_raw().await.expect("search");
    wire.saw("GET", "/api/v2/persons/search?term=Ada", "").await;
    assert_eq!(
        wire.header("x-api-token").await.as_deref(),
        Some("pipedrive-token")
    );
}

#[tokio::test]
async fn dropbox_folders_downloads_and_continuations() {
    let mut wire = Wire::start().await;
    let client: dropbox::Client = dropbox::Client::builder()
        .base_url(format!("{}/2", wire.uri()))
        .bearer_token("sl.token")
        .build()
        .expect("a client");
    client
        .files()
        .create_folder(dropbox::CreateFolderArg::new("/Homework/math".to_owned()))
        .send_raw()
        .await
        .expect("create folder");
    wire.saw(
        "POST",
        "/2/files/create_folder_v2",
        r#"{"path":"/Homework/math"}"#,
    )
    .await;
    client
        .files()
        .list_continue(dropbox::ListFolderContinueArg::new(
            "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu".to_owned(),
        ))
        .send_raw()
        .await
        .expect("continue");
    wire.saw(
        "POST",
        "/2/files/list_folder/continue",
        r#"{"cursor":"ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu"}"#,
    )
    .await;
    // A download goes to the content host (here the same server, as the base URL moved
    // it), its argument in the header and no body.
    client
        .files()
        .download(dropbox::DownloadArg::new(
            "/Homework/math/Prime_Numbers.txt".to_owned(),
        ))
        .send_raw()
        .await
        .expect("download");
    wire.saw("POST", "/2/files/download", "").await;
    assert_eq!(
        wire.header("dropbox-api-arg").await.as_deref(),
        Some(r#"{"path":"/Homework/math/Prime_Numbers.txt"}"#)
    );
}

#[tokio::test]
async fn s3_deletes_and_reads_tagging() {
    let mut wire = Wire::start().await;
    let client: s3::Client = s3::Client::builder()
        .base_url(wire.uri())
        .build()
        .expect("a client");
    client
        .objects()
        .delete("photos", "2024/a b.jpg")
        .send_raw()
        .await
        .expect("delete");
    wire.saw("DELETE", "/photos/2024/a%20b.jpg", "").await;
    client
        .buckets()
        .get_tagging("photos")
        .send_raw()
        .await
        .expect("tagging");
    wire.saw("GET", "/photos?tagging=", "").await;
}
