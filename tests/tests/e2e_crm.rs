//! Salesforce and HubSpot, end to end against a local server, through the clients
//! generated from the specs we ship: each resource verb's exact request, the decoded
//! documented answer (custom `__c` fields kept), the providers' error shapes as typed
//! errors with their codes, a spent daily quota as its own kind, and paging across three
//! pages (Salesforce's `nextRecordsUrl`, HubSpot's `paging.next.after`).

#![recursion_limit = "256"]

mod common;

use common::{answering, body_text, header, json_response, mount_pages, only_request, queries};
use integrations_runtime::{ErrorKind, Nullable};
use integrations_tests::shipped::{shipped_hubspot as hubspot, shipped_salesforce as salesforce};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const VERSION_PATH: &str = "/services/data/v63.0";

fn salesforce_client(server: &MockServer) -> salesforce::Client {
    salesforce::Client::builder()
        .base_url(format!("{}{VERSION_PATH}", server.uri()))
        .bearer_token("00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog")
        .build()
        .expect("client")
}

#[tokio::test]
async fn salesforce_leads_create_sends_only_the_fields_set_and_reads_the_save_result() {
    let created = json!({"id": "00Q5e00000AbCdEFGH", "errors": [], "success": true});
    let server = answering(
        "POST",
        &format!("{VERSION_PATH}/sobjects/Lead"),
        201,
        created,
    )
    .await;
    let lead = salesforce::Lead {
        first_name: Nullable::Value("John".into()),
        last_name: Nullable::Value("Doe".into()),
        company: Nullable::Value("Acme".into()),
        email: Nullable::Value("john.doe@example.com".into()),
        ..Default::default()
    };
    let saved = salesforce_client(&server)
        .leads()
        .create(lead)
        .await
        .expect("created");
    assert_eq!(saved.id, "00Q5e00000AbCdEFGH");
    assert!(saved.success);
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        "Bearer 00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog"
    );
    assert_eq!(header(&request, "content-type"), "application/json");
    let sent: Value = serde_json::from_slice(&request.body).expect("JSON");
    assert_eq!(
        sent,
        json!({"FirstName": "John", "LastName": "Doe", "Company": "Acme", "Email": "john.doe@example.com"})
    );
}

#[tokio::test]
async fn salesforce_errors_are_an_array_whose_first_code_is_the_errors_code() {
    let missing = json!([{"message": "Required fields are missing: [LastName]", "errorCode": "REQUIRED_FIELD_MISSING", "fields": ["LastName"]}]);
    let server = answering(
        "POST",
        &format!("{VERSION_PATH}/sobjects/Contact"),
        400,
        missing,
    )
    .await;
    let error = salesforce_client(&server)
        .contacts()
        .create(salesforce::Contact::default())
        .await
        .expect_err("refused");
    assert_eq!(error.code(), Some("REQUIRED_FIELD_MISSING"));
    assert_eq!(error.kind(), ErrorKind::Validation);
    let details = error
        .api()
        .and_then(|api| api.body.as_ref())
        .expect("typed error body");
    assert_eq!(details[0].fields, Some(vec!["LastName".to_owned()]));
    assert_eq!(
        error.api().and_then(|api| api.message.as_deref()),
        Some("Required fields are missing: [LastName]")
    );
}

#[tokio::test]
async fn salesforce_a_spent_daily_allocation_is_a_quota_error_at_once() {
    let spent = json!([{"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}]);
    let server = answering("GET", &format!("{VERSION_PATH}/limits"), 403, spent).await;
    let error = salesforce_client(&server)
        .limits()
        .await
        .expect_err("spent");
    assert_eq!(error.kind(), ErrorKind::QuotaExhausted);
    assert_eq!(error.attempts(), 1, "no retry, no sleep");
    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        1
    );
}

#[tokio::test]
async fn salesforce_get_keeps_custom_fields_and_update_and_delete_answer_204() {
    let account = json!({
        "attributes": {"type": "Account", "url": "/services/data/v63.0/sobjects/Account/001D000000INjVeIAL"},
        "Id": "001D000000INjVeIAL",
        "IsDeleted": false,
        "MasterRecordId": null,
        "Name": "Burlington Textiles Corp of America",
        "Type": "Customer - Direct",
        "ParentId": null,
        "BillingStreet": "525 S. Lexington Ave",
        "BillingCity": "Burlington",
        "BillingState": "NC",
        "BillingPostalCode": "27215",
        "BillingCountry": "USA",
        "BillingLatitude": null,
        "BillingLongitude": null,
        "BillingGeocodeAccuracy": null,
        "BillingAddress": {"city": "Burlington", "country": "USA", "geocodeAccuracy": null, "latitude": null, "longitude": null, "postalCode": "27215", "state": "NC", "street": "525 S. Lexington Ave"},
        "ShippingStreet": null,
        "ShippingCity": null,
        "ShippingState": null,
        "ShippingPostalCode": null,
        "ShippingCountry": null,
        "Phone": "(336) 222-7000",
        "Fax": "(336) 222-8000",
        "AccountNumber": "CD656092",
        "Website": "www.burlington.com",
        "PhotoUrl": "/services/images/photo/001D000000INjVeIAL",
        "Sic": "546732",
        "Industry": "Apparel",
        "AnnualRevenue": 350000000.0,
        "NumberOfEmployees": 9000,
        "Ownership": "Public",
        "TickerSymbol": "BTXT",
        "Description": null,
        "Rating": "Warm",
        "Site": null,
        "OwnerId": "005D0000001KyEIIA0",
        "CreatedDate": "2013-05-20T20:49:32.000+0000",
        "CreatedById": "005D0000001KyEIIA0",
        "LastModifiedDate": "2013-05-20T20:49:32.000+0000",
        "LastModifiedById": "005D0000001KyEIIA0",
        "SystemModstamp": "2013-05-20T20:49:32.000+0000",
        "LastActivityDate": null,
        "LastViewedDate": "2013-05-20T20:53:54.000+0000",
        "LastReferencedDate": "2013-05-20T20:53:54.000+0000",
        "CleanStatus": "Pending",
        "AccountSource": null,
        "CustomerPriority__c": "Medium",
        "SLA__c": "Silver",
        "Active__c": "Yes",
        "NumberofLocations__c": 6,
        "SLAExpirationDate__c": "2013-05-20"
    });
    let route = format!("{VERSION_PATH}/sobjects/Account/001D000000INjVeIAL");
    let server = answering("GET", &route, 200, account).await;
    let found = salesforce_client(&server)
        .accounts()
        .get("001D000000INjVeIAL")
        .fields("Id,Name,SLA__c")
        .await
        .expect("found");
    assert_eq!(
        found.name.as_ref(),
        Some(&"Burlington Textiles Corp of America".to_owned())
    );
    assert_eq!(found.number_of_employees.as_ref(), Some(&9000));
    assert_eq!(
        found.additional_properties.get("SLA__c"),
        Some(&json!("Silver"))
    );
    assert_eq!(
        found.additional_properties.get("NumberofLocations__c"),
        Some(&json!(6))
    );
    assert_eq!(
        only_request(&server).await.url.query(),
        Some("fields=Id%2CName%2CSLA__c")
    );

    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(route.as_str()))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let change = salesforce::Account {
        phone: Nullable::Value("(336) 222-7001".into()),
        description: Nullable::Null,
        ..Default::default()
    };
    salesforce_client(&server)
        .accounts()
        .update("001D000000INjVeIAL", change)
        .await
        .expect("updated");
    // Only what changed; `null` clears a field.
    assert_eq!(
        body_text(&only_request(&server).await),
        r#"{"Phone":"(336) 222-7001","Description":null}"#
    );

    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(route.as_str()))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    salesforce_client(&server)
        .accounts()
        .delete("001D000000INjVeIAL")
        .await
        .expect("deleted");
    assert_eq!(only_request(&server).await.method.as_str(), "DELETE");
}

fn account_record(id: &str, name: &str) -> Value {
    json!({"attributes": {"type": "Account", "url": format!("/services/data/v63.0/sobjects/Account/{id}")}, "Id": id, "Name": name})
}

#[tokio::test]
async fn salesforce_query_follows_next_records_url_across_batches() {
    let server = MockServer::start().await;
    let soql = "SELECT Id, Name FROM Account";
    Mock::given(method("GET"))
        .and(path(format!("{VERSION_PATH}/query")))
        .and(query_param("q", soql))
        .respond_with(json_response(200, json!({"totalSize": 5, "done": false, "nextRecordsUrl": "/services/data/v63.0/query/01gD0000002HU6KIAW-2000", "records": [account_record("001A", "Acme"), account_record("001B", "Globex")]})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{VERSION_PATH}/query/01gD0000002HU6KIAW-2000")))
        .respond_with(json_response(200, json!({"totalSize": 5, "done": false, "nextRecordsUrl": "/services/data/v63.0/query/01gD0000002HU6KIAW-4000", "records": [account_record("001C", "Initech"), account_record("001D", "Umbrella")]})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!(
            "{VERSION_PATH}/query/01gD0000002HU6KIAW-4000"
        )))
        .respond_with(json_response(
            200,
            json!({"totalSize": 5, "done": true, "records": [account_record("001E", "Hooli")]}),
        ))
        .mount(&server)
        .await;
    let records = salesforce_client(&server)
        .query(soql)
        .items()
        .collect_all()
        .await
        .expect("every batch");
    let names: Vec<&Value> = records
        .iter()
        .map(|record| record.additional_properties.get("Name").expect("a name"))
        .collect();
    assert_eq!(
        names,
        [
            &json!("Acme"),
            &json!("Globex"),
            &json!("Initech"),
            &json!("Umbrella"),
            &json!("Hooli")
        ]
    );
    let requests = server.received_requests().await.expect("recording");
    let urls: Vec<String> = requests
        .iter()
        .map(|request| {
            format!(
                "{}{}",
                request.url.path(),
                request
                    .url
                    .query()
                    .map(|q| format!("?{q}"))
                    .unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        urls,
        [
            "/services/data/v63.0/query?q=SELECT+Id%2C+Name+FROM+Account",
            "/services/data/v63.0/query/01gD0000002HU6KIAW-2000",
            "/services/data/v63.0/query/01gD0000002HU6KIAW-4000",
        ]
    );

    // The same query, its records read as the typed `Account` (what a SOQL query
    // selects is the caller's to say): a record missing a field it selects is an error.
    let accounts = salesforce_client(&server)
        .query(soql)
        .items_as::<salesforce::Account>()
        .collect_all()
        .await
        .expect("typed records");
    let typed: Vec<(Option<&str>, Option<&str>)> = accounts
        .iter()
        .map(|account| (account.id.as_deref(), account.name.as_deref()))
        .collect();
    assert_eq!(
        typed,
        [
            (Some("001A"), Some("Acme")),
            (Some("001B"), Some("Globex")),
            (Some("001C"), Some("Initech")),
            (Some("001D"), Some("Umbrella")),
            (Some("001E"), Some("Hooli"))
        ]
    );
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct NeedsRevenue {
        #[serde(rename = "AnnualRevenue")]
        annual_revenue: f64,
    }
    let error = salesforce_client(&server)
        .query(soql)
        .items_as::<NeedsRevenue>()
        .collect_all()
        .await
        .expect_err("the records have no AnnualRevenue");
    assert!(error.to_string().contains("/records/0"), "{error}");
}

fn hubspot_client(server: &MockServer) -> hubspot::Client {
    hubspot::Client::builder()
        .base_url(server.uri())
        .bearer_token("pat-na1-11111111-2222-3333-4444-555555555555")
        .build()
        .expect("client")
}

/// HubSpot's documented answer to a contact create.
fn hubspot_contact() -> Value {
    json!({
        "id": "512",
        "properties": {
            "company": "Biglytics",
            "createdate": "2024-01-17T19:55:04.281Z",
            "email": "bcooper@biglytics.net",
            "firstname": "Bryan",
            "hs_all_contact_vids": "512",
            "hs_email_domain": "biglytics.net",
            "hs_is_contact": "true",
            "hs_is_unworked": "true",
            "hs_lifecyclestage_lead_date": "2024-01-17T19:55:04.281Z",
            "hs_object_id": "512",
            "hs_object_source": "INTEGRATION",
            "hs_object_source_id": "2345678",
            "hs_object_source_label": "INTEGRATION",
            "hs_pipeline": "contacts-lifecycle-pipeline",
            "lastmodifieddate": "2024-01-17T19:55:04.281Z",
            "lastname": "Cooper",
            "lifecyclestage": "lead",
            "phone": "(877) 929-0687",
            "website": "biglytics.net"
        },
        "createdAt": "2024-01-17T19:55:04.281Z",
        "updatedAt": "2024-01-17T19:55:04.281Z",
        "archived": false
    })
}

#[tokio::test]
async fn hubspot_contacts_create_posts_properties_and_associations() {
    let server = answering("POST", "/crm/v3/objects/contacts", 201, hubspot_contact()).await;
    let properties = [
        ("email", "bcooper@biglytics.net"),
        ("firstname", "Bryan"),
        ("lastname", "Cooper"),
        ("phone", "(877) 929-0687"),
        ("company", "Biglytics"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let created = hubspot_client(&server)
        .contacts()
        .create(hubspot::SimplePublicObjectInputForCreate::new(
            Vec::new(),
            properties,
        ))
        .await
        .expect("created");
    assert_eq!(created.id, "512");
    assert_eq!(
        created
            .properties
            .get("lifecyclestage")
            .and_then(Option::as_deref),
        Some("lead")
    );
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        "Bearer pat-na1-11111111-2222-3333-4444-555555555555"
    );
    assert_eq!(
        body_text(&request),
        r#"{"associations":[],"properties":{"company":"Biglytics","email":"bcooper@biglytics.net","firstname":"Bryan","lastname":"Cooper","phone":"(877) 929-0687"}}"#
    );
}

#[tokio::test]
async fn hubspot_errors_carry_the_category_as_the_code() {
    let invalid = json!({
        "status": "error",
        "message": "Property values were not valid: [{\"isValid\":false,\"message\":\"Email address bcooper@ is invalid\",\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]",
        "correlationId": "aeb5f871-7f07-4993-9211-075dc63e7cbf",
        "category": "VALIDATION_ERROR"
    });
    let server = answering("PATCH", "/crm/v3/objects/contacts/512", 400, invalid).await;
    let properties = [("email".to_owned(), "bcooper@".to_owned())]
        .into_iter()
        .collect();
    let error = hubspot_client(&server)
        .contacts()
        .update("512", hubspot::SimplePublicObjectInput::new(properties))
        .await
        .expect_err("refused");
    assert_eq!(error.code(), Some("VALIDATION_ERROR"));
    assert_eq!(error.kind(), ErrorKind::Validation);
    assert!(
        error
            .api()
            .and_then(|api| api.message.as_deref())
            .is_some_and(|m| m.contains("INVALID_EMAIL"))
    );
}

fn hubspot_page(ids: &[&str], after: Option<&str>) -> Value {
    let results: Vec<Value> = ids
        .iter()
        .map(|id| {
            json!({
                "id": id,
                "properties": {
                    "createdate": "2019-10-30T03:30:17.883Z",
                    "email": format!("contact{id}@hubspot.com"),
                    "firstname": "Brian",
                    "hs_object_id": id,
                    "lastmodifieddate": "2019-12-07T16:50:06.678Z",
                    "lastname": "Halligan (Sample Contact)",
                    "phone": null
                },
                "createdAt": "2019-10-30T03:30:17.883Z",
                "updatedAt": "2019-12-07T16:50:06.678Z",
                "archived": false
            })
        })
        .collect();
    match after {
        Some(after) => {
            json!({"results": results, "paging": {"next": {"after": after, "link": format!("?after={after}")}}})
        }
        None => json!({"results": results}),
    }
}

#[tokio::test]
async fn hubspot_lists_follow_paging_next_after_until_paging_is_absent() {
    let server = MockServer::start().await;
    let pages = [
        // CRM v3 cursors are record offsets written as text.
        (None, hubspot_page(&["1", "2"], Some("395"))),
        (Some("395"), hubspot_page(&["3", "4"], Some("790"))),
        (Some("790"), hubspot_page(&["5"], None)),
    ];
    mount_pages(&server, "/crm/v3/objects/contacts", "after", pages).await;
    let contacts = hubspot_client(&server)
        .contacts()
        .list()
        .limit(2)
        .properties(vec!["email".to_owned(), "phone".to_owned()])
        .items()
        .collect_all()
        .await
        .expect("every page");
    let ids: Vec<&str> = contacts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    // A property asked for and empty comes back as `null`, and is kept as such.
    assert_eq!(contacts[0].properties.get("phone"), Some(&None));
    // The spec declares `properties` exploded: one key per property.
    assert_eq!(
        queries(&server).await,
        [
            "limit=2&properties=email&properties=phone",
            "after=395&limit=2&properties=email&properties=phone",
            "after=790&limit=2&properties=email&properties=phone",
        ]
    );
}

#[tokio::test]
async fn hubspot_deals_are_at_deals_not_the_object_type_id() {
    let deal = json!({"id": "14", "properties": {"amount": "1500.00", "dealname": "Custom data integrations", "dealstage": "presentationscheduled", "pipeline": "default", "createdate": "2019-10-30T03:30:17.883Z", "hs_object_id": "14"}, "createdAt": "2019-10-30T03:30:17.883Z", "updatedAt": "2019-12-07T16:50:06.678Z", "archived": false});
    let server = answering("GET", "/crm/v3/objects/deals/14", 200, deal).await;
    let found = hubspot_client(&server)
        .deals()
        .get("14")
        .await
        .expect("found");
    assert_eq!(
        found.properties.get("dealstage").and_then(Option::as_deref),
        Some("presentationscheduled")
    );
}

#[tokio::test]
async fn hubspot_contacts_are_created_associated_and_read_with_their_associations() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/crm/v3/objects/contacts"))
        .respond_with(json_response(201, hubspot_contact()))
        .mount(&server)
        .await;
    // HubSpot's documented answer to a read that asks for the contact's companies.
    let mut with_companies = hubspot_contact();
    with_companies["associations"] = json!({
        "companies": {"results": [{"id": "123456", "type": "contact_to_company"}]}
    });
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/contacts/512"))
        .and(query_param("associations", "companies"))
        .respond_with(json_response(200, with_companies))
        .mount(&server)
        .await;
    let client = hubspot_client(&server);
    // Associated with a company as it is made: HubSpot's default contact-to-company type.
    let association = hubspot::PublicAssociationsForObject::new(
        hubspot::PublicObjectId::new("123456".to_owned()),
        vec![hubspot::AssociationSpec::new(
            hubspot::AssociationSpecAssociationCategory::HubspotDefined,
            279,
        )],
    );
    let properties = [("email", "bcooper@biglytics.net")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    client
        .contacts()
        .create(hubspot::SimplePublicObjectInputForCreate::new(
            vec![association],
            properties,
        ))
        .await
        .expect("created");
    let read = client
        .contacts()
        .get("512")
        .associations(vec!["companies".to_owned()])
        .await
        .expect("read");
    let companies = &read.associations.as_ref().expect("associations")["companies"];
    assert_eq!(
        companies
            .results
            .iter()
            .map(|a| (a.id.as_str(), a.r#type.as_str()))
            .collect::<Vec<_>>(),
        [("123456", "contact_to_company")]
    );
    let requests = server.received_requests().await.expect("recording");
    assert_eq!(
        String::from_utf8_lossy(&requests[0].body),
        r#"{"associations":[{"to":{"id":"123456"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":279}]}],"properties":{"email":"bcooper@biglytics.net"}}"#
    );
    assert_eq!(requests[1].url.query(), Some("associations=companies"));
}
