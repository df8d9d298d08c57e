//! Providers' documented payloads, in full, shared by the end-to-end and mapping tests:
//! each has every key the provider's reference (or its published spec's example) shows
//! for that call, not trimmed to what the code reads. Where the reference gives no values
//! (Salesforce's Lead and Contact records, whose fields are the standard ones with
//! values of our own) or where a value was chosen here (ids varied to match a test's
//! flow), the source notes below say so.

use serde_json::{Value, json};

/// Dropbox's documented FileMetadata (the upload endpoint's example answer), in full.
pub fn dropbox_file_metadata() -> Value {
    json!({
        "client_modified": "2015-05-12T15:50:38Z",
        "content_hash": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "file_lock_info": {
            "created": "2015-05-12T15:50:38Z",
            "is_lockholder": true,
            "lockholder_name": "Imaginary User"
        },
        "has_explicit_shared_members": false,
        "id": "id:a4ayc_80_OEAAAAAAAAAXw",
        "is_downloadable": true,
        "name": "Prime_Numbers.txt",
        "path_display": "/Homework/math/Prime_Numbers.txt",
        "path_lower": "/homework/math/prime_numbers.txt",
        "property_groups": [
            {
                "fields": [{"name": "Security Policy", "value": "Confidential"}],
                "template_id": "ptid:1a5n2i6d3OYEAAAAAAAAAYa"
            }
        ],
        "rev": "a1c10ce0dd78",
        "server_modified": "2015-05-12T15:50:38Z",
        "sharing_info": {
            "modified_by": "dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc",
            "parent_shared_folder_id": "84528192421",
            "read_only": true
        },
        "size": 7212
    })
}

/// A file as Drive answers `files.get` with `fields=*` (the File resource's documented
/// fields), with `id` and `name` given.
pub fn drive_file(id: &str, name: &str) -> Value {
    let mut file: Value = serde_json::from_str(DRIVE_FILE).expect("the documented file is JSON");
    file["id"] = json!(id);
    file["name"] = json!(name);
    file["webContentLink"] = json!(format!(
        "https://drive.google.com/uc?id={id}&export=download"
    ));
    file["webViewLink"] = json!(format!(
        "https://drive.google.com/file/d/{id}/view?usp=drivesdk"
    ));
    file
}

/// The File resource of [`drive_file`], its `id`, `name` and links filled in there.
const DRIVE_FILE: &str = r##"{
        "kind": "drive#file",
        "id": "",
        "name": "",
        "mimeType": "application/pdf",
        "description": "Quarterly report",
        "starred": false,
        "trashed": false,
        "explicitlyTrashed": false,
        "parents": ["0AJmX5xExampleFolderId"],
        "spaces": ["drive"],
        "version": "12",
        "webContentLink": "",
        "webViewLink": "",
        "iconLink": "https://drive-thirdparty.googleusercontent.com/16/type/application/pdf",
        "hasThumbnail": true,
        "thumbnailVersion": "1",
        "viewedByMe": true,
        "viewedByMeTime": "2024-03-01T10:15:30.000Z",
        "createdTime": "2024-03-01T10:15:30.000Z",
        "modifiedTime": "2024-03-02T08:00:00.000Z",
        "modifiedByMeTime": "2024-03-02T08:00:00.000Z",
        "modifiedByMe": true,
        "owners": [{
            "kind": "drive#user",
            "displayName": "Ada Lovelace",
            "photoLink": "https://lh3.googleusercontent.com/a/default-user=s64",
            "me": true,
            "permissionId": "06751987375716296133",
            "emailAddress": "ada@example.com"
        }],
        "lastModifyingUser": {
            "kind": "drive#user",
            "displayName": "Ada Lovelace",
            "me": true,
            "permissionId": "06751987375716296133",
            "emailAddress": "ada@example.com"
        },
        "shared": false,
        "ownedByMe": true,
        "capabilities": {"canEdit": true, "canDelete": true, "canDownload": true, "canShare": true},
        "viewersCanCopyContent": true,
        "copyRequiresWriterPermission": false,
        "writersCanShare": true,
        "permissionIds": ["06751987375716296133"],
        "originalFilename": "report.pdf",
        "fullFileExtension": "pdf",
        "fileExtension": "pdf",
        "md5Checksum": "5d41402abc4b2a76b9719d911017c592",
        "sha1Checksum": "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
        "sha256Checksum": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        "size": "482913",
        "quotaBytesUsed": "482913",
        "headRevisionId": "0B3mX5xExampleRevision",
        "isAppAuthorized": true,
        "linkShareMetadata": {"securityUpdateEligible": false, "securityUpdateEnabled": true}
    }"##;

/// PayPal's documented answer to capturing an approved order.
pub fn paypal_captured_order() -> Value {
    json!({
        "id": "5O190127TN364715T",
        "status": "COMPLETED",
        "payment_source": {"paypal": {"name": {"given_name": "John", "surname": "Doe"}, "email_address": "customer@example.com", "account_id": "QYR5Z8XDVJNXQ"}},
        "purchase_units": [{
            "reference_id": "d9f80740-38f0-11e8-b467-0ed5f89f718b",
            "shipping": {"address": {"address_line_1": "123 Townsend St", "address_line_2": "Floor 6", "admin_area_2": "San Francisco", "admin_area_1": "CA", "postal_code": "94107", "country_code": "US"}},
            "payments": {"captures": [{
                "id": "3C679366HH908993F",
                "status": "COMPLETED",
                "amount": {"currency_code": "USD", "value": "100.00"},
                "seller_protection": {"status": "ELIGIBLE", "dispute_categories": ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"]},
                "final_capture": true,
                "disbursement_mode": "INSTANT",
                "seller_receivable_breakdown": {"gross_amount": {"currency_code": "USD", "value": "100.00"}, "paypal_fee": {"currency_code": "USD", "value": "3.00"}, "net_amount": {"currency_code": "USD", "value": "97.00"}},
                "create_time": "2018-04-01T21:20:49Z",
                "update_time": "2018-04-01T21:20:49Z",
                "links": [
                    {"href": "https://api-m.paypal.com/v2/payments/captures/3C679366HH908993F", "rel": "self", "method": "GET"},
                    {"href": "https://api-m.paypal.com/v2/payments/captures/3C679366HH908993F/refund", "rel": "refund", "method": "POST"}
                ]
            }]}
        }],
        "payer": {"name": {"given_name": "John", "surname": "Doe"}, "email_address": "customer@example.com", "payer_id": "QYR5Z8XDVJNXQ"},
        "links": [{"href": "https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T", "rel": "self", "method": "GET"}]
    })
}

/// Slack's answer to `chat.postMessage` as a bot posts it today: the message with its
/// `bot_id`, `bot_profile` and the `blocks` Slack makes from the text.
pub fn slack_post_message_answer() -> Value {
    json!({
        "ok": true,
        "channel": "C123ABC456",
        "ts": "1503435956.000247",
        "message": {
            "user": "U123ABC456",
            "type": "message",
            "ts": "1503435956.000247",
            "bot_id": "B123ABC456",
            "app_id": "A123ABC456",
            "text": "Here's a message for you",
            "team": "T123ABC456",
            "bot_profile": {
                "id": "B123ABC456",
                "app_id": "A123ABC456",
                "name": "ecto1",
                "icons": {
                    "image_36": "https://a.slack-edge.com/80588/img/plugins/app/bot_36.png",
                    "image_48": "https://a.slack-edge.com/80588/img/plugins/app/bot_48.png",
                    "image_72": "https://a.slack-edge.com/80588/img/plugins/app/service_72.png"
                },
                "deleted": false,
                "updated": 1503435956,
                "team_id": "T123ABC456"
            },
            "blocks": [{
                "type": "rich_text",
                "block_id": "Xq9Z",
                "elements": [{
                    "type": "rich_text_section",
                    "elements": [{"type": "text", "text": "Here's a message for you"}]
                }]
            }]
        },
        "response_metadata": {"warnings": ["missing_charset"]}
    })
}

/// Twilio's documented Message resource, as creating one answers it.
pub fn twilio_message() -> Value {
    json!({
        "account_sid": "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "api_version": "2010-04-01",
        "body": "Hi there",
        "date_created": "Thu, 24 Aug 2023 05:01:45 +0000",
        "date_sent": "Thu, 24 Aug 2023 05:01:46 +0000",
        "date_updated": "Thu, 24 Aug 2023 05:01:47 +0000",
        "direction": "outbound-api",
        "error_code": null,
        "error_message": null,
        "from": "+14155552345",
        "num_media": "0",
        "num_segments": "1",
        "price": null,
        "price_unit": null,
        "messaging_service_sid": "MGXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "sid": "SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "status": "queued",
        "subresource_uris": {
            "media": "/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages/SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Media.json"
        },
        "to": "+14155552345",
        "uri": "/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages/SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX.json"
    })
}

/// Square's documented customer (the RetrieveCustomer example's `customer`).
pub fn square_customer() -> Value {
    json!({
        "id": "JDKYHBWT1D4F8MFH63DBMEN8Y4",
        "created_at": "2016-03-23T20:21:54.859Z",
        "updated_at": "2016-03-23T20:21:55Z",
        "given_name": "Amelia",
        "family_name": "Earhart",
        "nickname": "Junior",
        "company_name": "ACME",
        "email_address": "Amelia.Earhart@example.com",
        "address": {
            "address_line_1": "500 Electric Ave",
            "address_line_2": "Suite 600",
            "locality": "New York",
            "administrative_district_level_1": "NY",
            "postal_code": "10003",
            "country": "US"
        },
        "phone_number": "+1-212-555-4240",
        "birthday": "1897-07-24",
        "reference_id": "YOUR_REFERENCE_ID",
        "note": "a customer",
        "preferences": {"email_unsubscribed": false},
        "creation_source": "THIRD_PARTY",
        "group_ids": ["545AXB44B4XXWMVQ4W8SBT3HHF"],
        "segment_ids": ["1KB9JE5EGJXCW.REACHABLE"],
        "version": 1
    })
}

/// Square's documented payment (the GetPayment example's `payment`).
pub fn square_payment() -> Value {
    json!({
        "id": "bP9mAsEMYPUGjjGNaNO5ZDVyLhSZY",
        "created_at": "2021-10-13T19:34:33.524Z",
        "updated_at": "2021-10-13T19:34:34.339Z",
        "amount_money": {"amount": 555, "currency": "USD"},
        "status": "COMPLETED",
        "delay_duration": "PT168H",
        "source_type": "CARD",
        "card_details": {
            "status": "CAPTURED",
            "card": {
                "card_brand": "VISA",
                "last_4": "1111",
                "exp_month": 11,
                "exp_year": 2022,
                "fingerprint": "sq-1-Hxim77tbdcbGejOejnoAklBVJed2YFLTmirfl8Q5XZzObTc8qY_U8RkwzoNL8dCEcQ",
                "card_type": "DEBIT",
                "prepaid_type": "NOT_PREPAID",
                "bin": "411111"
            },
            "entry_method": "KEYED",
            "cvv_status": "CVV_ACCEPTED",
            "avs_status": "AVS_ACCEPTED",
            "statement_description": "SQ *DEFAULT TEST ACCOUNT",
            "card_payment_timeline": {
                "authorized_at": "2021-10-13T19:34:33.680Z",
                "captured_at": "2021-10-13T19:34:34.340Z"
            }
        },
        "location_id": "L88917AVBK2S5",
        "order_id": "d7eKah653Z579f3gVtjlxpSlmUcZY",
        "processing_fee": [{
            "effective_at": "2021-10-13T21:34:35.000Z",
            "type": "INITIAL",
            "amount_money": {"amount": 34, "currency": "USD"}
        }],
        "note": "Test Note",
        "total_money": {"amount": 555, "currency": "USD"},
        "approved_money": {"amount": 555, "currency": "USD"},
        "employee_id": "TMoK_ogh6rH1o4dV",
        "receipt_number": "bP9m",
        "receipt_url": "https://squareup.com/receipt/preview/bP9mAsEMYPUGjjGNaNO5ZDVyLhSZY",
        "delay_action": "CANCEL",
        "delayed_until": "2021-10-20T19:34:33.524Z",
        "team_member_id": "TMoK_ogh6rH1o4dV",
        "application_details": {
            "square_product": "VIRTUAL_TERMINAL",
            "application_id": "sq0ids-Pw67AZAlLVB7hsRmwlJPuA"
        },
        "version_token": "56pRkL3slrzet2iQrTp9n0bdJVYTB9YEWdTNjQfZOPV6o"
    })
}

/// A Salesforce Opportunity record as `GET /sobjects/Opportunity/{id}` answers it, every
/// standard field included.
pub fn salesforce_opportunity() -> Value {
    json!({
        "attributes": {"type": "Opportunity", "url": "/services/data/v60.0/sobjects/Opportunity/006R0000003NIOSIA4"},
        "Id": "006R0000003NIOSIA4",
        "IsDeleted": false,
        "AccountId": "001R0000003AnM2IAK",
        "IsPrivate": false,
        "Name": "Edge Emergency Generator",
        "Description": "Two generators for the new site",
        "StageName": "Closed Won",
        "Amount": 75000.0,
        "Probability": 100.0,
        "ExpectedRevenue": 75000.0,
        "TotalOpportunityQuantity": null,
        "CloseDate": "2024-05-20",
        "Type": "Existing Customer - Replacement",
        "NextStep": null,
        "LeadSource": "Trade Show",
        "IsClosed": true,
        "IsWon": true,
        "ForecastCategory": "Closed",
        "ForecastCategoryName": "Closed",
        "CampaignId": null,
        "HasOpportunityLineItem": false,
        "Pricebook2Id": null,
        "OwnerId": "005R0000000IBmdIAG",
        "CreatedDate": "2024-05-01T16:21:03.000+0000",
        "CreatedById": "005R0000000IBmdIAG",
        "LastModifiedDate": "2024-05-20T09:12:44.000+0000",
        "LastModifiedById": "005R0000000IBmdIAG",
        "SystemModstamp": "2024-05-20T09:12:44.000+0000",
        "LastActivityDate": null,
        "FiscalQuarter": 2,
        "FiscalYear": 2024,
        "Fiscal": "2024 2",
        "ContactId": "003R000000Aa1bCIAR",
        "LastViewedDate": "2024-05-20T09:12:44.000+0000",
        "LastReferencedDate": "2024-05-20T09:12:44.000+0000"
    })
}

/// S3's documented `ListObjectsV2` answer (one object of a bucket).
pub const S3_LISTING: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
    <Name>bucket</Name>
    <Prefix/>
    <KeyCount>1</KeyCount>
    <MaxKeys>1000</MaxKeys>
    <IsTruncated>false</IsTruncated>
    <Contents>
        <Key>my-image.jpg</Key>
        <LastModified>2009-10-12T17:50:30.000Z</LastModified>
        <ETag>"fba9dede5f27731c9771645a39863328"</ETag>
        <Size>434234</Size>
        <StorageClass>STANDARD</StorageClass>
    </Contents>
</ListBucketResult>"#;

/// Pipedrive's documented person (v2), with `id` and `name` varied.
pub fn pipedrive_person(id: i64, name: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "first_name": name.split(' ').next(),
        "last_name": name.split(' ').nth(1),
        "owner_id": 1,
        "org_id": 1,
        "add_time": "2021-01-01T00:00:00Z",
        "update_time": "2021-01-01T00:00:00Z",
        "emails": [
            {"value": "email1@email.com", "primary": true, "label": "work"},
            {"value": "email2@email.com", "primary": false, "label": "home"}
        ],
        "phones": [
            {"value": "12345", "primary": true, "label": "work"},
            {"value": "54321", "primary": false, "label": "home"}
        ],
        "is_deleted": false,
        "visible_to": 7,
        "label_ids": [1, 2, 3],
        "picture_id": 1,
        "custom_fields": {},
        "notes": "Notes from contact sync",
        "im": [
            {"value": "skypeusername", "primary": true, "label": "skype"},
            {"value": "whatsappusername", "primary": false, "label": "whatsapp"}
        ],
        "birthday": "2000-12-31",
        "job_title": "Manager",
        "postal_address": {
            "value": "123 Main St",
            "country": "USA",
            "admin_area_level_1": "CA",
            "admin_area_level_2": "Santa Clara",
            "locality": "Sunnyvale",
            "sublocality": "Downtown",
            "route": "Main St",
            "street_number": "123",
            "subpremise": "Apt 1",
            "postal_code": "94085"
        }
    })
}

/// Stripe's PaymentIntent object, as its API reference shows it ("The PaymentIntent object"; the
/// create, retrieve and search examples show the same object).
pub fn stripe_payment_intent() -> Value {
    json!({
        "id": "pi_3MtwBwLkdIwHu7ix28a3tqPa",
        "object": "payment_intent",
        "amount": 2000,
        "amount_capturable": 0,
        "amount_details": {
            "tip": {}
        },
        "amount_received": 0,
        "application": null,
        "application_fee_amount": null,
        "automatic_payment_methods": {
            "enabled": true
        },
        "canceled_at": null,
        "cancellation_reason": null,
        "capture_method": "automatic",
        "client_secret": "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH",
        "confirmation_method": "automatic",
        "created": 1680800504,
        "currency": "usd",
        "customer": null,
        "description": null,
        "last_payment_error": null,
        "latest_charge": null,
        "livemode": false,
        "metadata": {},
        "next_action": null,
        "on_behalf_of": null,
        "payment_method": null,
        "payment_method_options": {
            "card": {
                "installments": null,
                "mandate_options": null,
                "network": null,
                "request_three_d_secure": "automatic"
            },
            "link": {
                "persistent_token": null
            }
        },
        "payment_method_types": [
            "card",
            "link"
        ],
        "processing": null,
        "receipt_email": null,
        "review": null,
        "setup_future_usage": null,
        "shipping": null,
        "source": null,
        "statement_descriptor": null,
        "statement_descriptor_suffix": null,
        "status": "requires_payment_method",
        "transfer_data": null,
        "transfer_group": null
    })
}

/// Stripe's list envelope, as its API reference shows a list answer (`GET /v1/payment_intents`):
/// one page holding `item`, the last one.
pub fn stripe_list(url: &str, item: Value) -> Value {
    json!({"object": "list", "url": url, "has_more": false, "data": [item]})
}

/// Stripe's search envelope, as its API reference shows a search answer
/// (`GET /v1/payment_intents/search`): `next_page` and `total_count` are absent from the
/// documented example (both optional in the spec's SearchResult); the last page has no `next_page`.
pub fn stripe_search_result(url: &str, item: Value) -> Value {
    json!({"object": "search_result", "url": url, "has_more": false, "data": [item]})
}

/// Stripe's Subscription object, as its API reference shows it ("The Subscription object", the
/// pre-2024-04 edition with top-level `current_period_*`, `discount` and `quantity`).
pub fn stripe_subscription() -> Value {
    serde_json::from_str(STRIPE_SUBSCRIPTION).expect("the documented subscription is JSON")
}

/// The JSON text of [`stripe_subscription`].
const STRIPE_SUBSCRIPTION: &str = r##"{
    "id": "sub_1MowQVLkdIwHu7ixeRlqHVzs",
    "object": "subscription",
    "application": null,
    "application_fee_percent": null,
    "automatic_tax": {
        "enabled": false,
        "liability": null
    },
    "billing_cycle_anchor": 1679609767,
    "billing_thresholds": null,
    "cancel_at": null,
    "cancel_at_period_end": false,
    "canceled_at": null,
    "cancellation_details": {
        "comment": null,
        "feedback": null,
        "reason": null
    },
    "collection_method": "charge_automatically",
    "created": 1679609767,
    "currency": "usd",
    "current_period_end": 1682288167,
    "current_period_start": 1679609767,
    "customer": "cus_Na6dX7aXxi11N4",
    "days_until_due": null,
    "default_payment_method": null,
    "default_source": null,
    "default_tax_rates": [],
    "description": null,
    "discount": null,
    "ended_at": null,
    "invoice_settings": {
        "issuer": {
            "type": "self"
        }
    },
    "items": {
        "object": "list",
        "data": [
            {
                "id": "si_Na6dzxczY5fwHx",
                "object": "subscription_item",
                "billing_thresholds": null,
                "created": 1679609768,
                "metadata": {},
                "plan": {
                    "id": "price_1MowQULkdIwHu7ixraBm864M",
                    "object": "plan",
                    "active": true,
                    "aggregate_usage": null,
                    "amount": 1000,
                    "amount_decimal": "1000",
                    "billing_scheme": "per_unit",
                    "created": 1679609766,
                    "currency": "usd",
                    "interval": "month",
                    "interval_count": 1,
                    "livemode": false,
                    "metadata": {},
                    "nickname": null,
                    "product": "prod_Na6dGcTsmU0I4R",
                    "tiers_mode": null,
                    "transform_usage": null,
                    "trial_period_days": null,
                    "usage_type": "licensed"
                },
                "price": {
                    "id": "price_1MowQULkdIwHu7ixraBm864M",
                    "object": "price",
                    "active": true,
                    "billing_scheme": "per_unit",
                    "created": 1679609766,
                    "currency": "usd",
                    "custom_unit_amount": null,
                    "livemode": false,
                    "lookup_key": null,
                    "metadata": {},
                    "nickname": null,
                    "product": "prod_Na6dGcTsmU0I4R",
                    "recurring": {
                        "aggregate_usage": null,
                        "interval": "month",
                        "interval_count": 1,
                        "trial_period_days": null,
                        "usage_type": "licensed"
                    },
                    "tax_behavior": "unspecified",
                    "tiers_mode": null,
                    "transform_quantity": null,
                    "type": "recurring",
                    "unit_amount": 1000,
                    "unit_amount_decimal": "1000"
                },
                "quantity": 1,
                "subscription": "sub_1MowQVLkdIwHu7ixeRlqHVzs",
                "tax_rates": []
            }
        ],
        "has_more": false,
        "total_count": 1,
        "url": "/v1/subscription_items?subscription=sub_1MowQVLkdIwHu7ixeRlqHVzs"
    },
    "latest_invoice": "in_1MowQWLkdIwHu7ixuzkSPfKd",
    "livemode": false,
    "metadata": {},
    "next_pending_invoice_item_invoice": null,
    "on_behalf_of": null,
    "pause_collection": null,
    "payment_settings": {
        "payment_method_options": null,
        "payment_method_types": null,
        "save_default_payment_method": "off"
    },
    "pending_invoice_item_interval": null,
    "pending_setup_intent": null,
    "pending_update": null,
    "quantity": 1,
    "schedule": null,
    "start_date": 1679609767,
    "status": "active",
    "test_clock": null,
    "transfer_data": null,
    "trial_end": null,
    "trial_settings": {
        "end_behavior": {
            "missing_payment_method": "create_invoice"
        }
    },
    "trial_start": null
}"##;

/// Salesforce's documented answer to creating a record (REST API guide, "Create a Record").
pub fn salesforce_create_result() -> Value {
    json!({
        "id": "001D000000IqhSLIAZ",
        "errors": [],
        "success": true
    })
}

/// Salesforce's documented 201 answer to an upsert by external id that created the record
/// (REST API guide, "Insert or Update (Upsert) a Record Using an External ID").
pub fn salesforce_upsert_created() -> Value {
    json!({
        "id": "00190000001pPvHAAU",
        "errors": [],
        "success": true,
        "created": true
    })
}

/// Salesforce's sObject Describe answer for Account (`GET /sobjects/Account/describe`), every
/// top-level key of the DescribeSObjectResult, with the Id and Name fields, one child
/// relationship and the master record type.
pub fn salesforce_account_describe() -> Value {
    serde_json::from_str(SALESFORCE_ACCOUNT_DESCRIBE).expect("the documented describe is JSON")
}

/// The JSON text of [`salesforce_account_describe`].
const SALESFORCE_ACCOUNT_DESCRIBE: &str = r##"{
    "actionOverrides": [],
    "activateable": false,
    "associateEntityType": null,
    "associateParentEntity": null,
    "childRelationships": [
        {
            "cascadeDelete": false,
            "childSObject": "Account",
            "deprecatedAndHidden": false,
            "field": "ParentId",
            "junctionIdListNames": [],
            "junctionReferenceTo": [],
            "relationshipName": "ChildAccounts",
            "restrictedDelete": false
        }
    ],
    "compactLayoutable": true,
    "createable": true,
    "custom": false,
    "customSetting": false,
    "deepCloneable": false,
    "defaultImplementation": null,
    "deletable": true,
    "deprecatedAndHidden": false,
    "extendedBy": null,
    "extendsInterfaces": null,
    "feedEnabled": true,
    "fields": [
        {
            "aggregatable": true,
            "aiPredictionField": false,
            "autoNumber": false,
            "byteLength": 18,
            "calculated": false,
            "calculatedFormula": null,
            "cascadeDelete": false,
            "caseSensitive": false,
            "compoundFieldName": null,
            "controllerName": null,
            "createable": false,
            "custom": false,
            "defaultValue": null,
            "defaultValueFormula": null,
            "defaultedOnCreate": true,
            "dependentPicklist": false,
            "deprecatedAndHidden": false,
            "digits": 0,
            "displayLocationInDecimal": false,
            "encrypted": false,
            "externalId": false,
            "extraTypeInfo": null,
            "filterable": true,
            "filteredLookupInfo": null,
            "formulaTreatNullNumberAsZero": false,
            "groupable": true,
            "highScaleNumber": false,
            "htmlFormatted": false,
            "idLookup": true,
            "inlineHelpText": null,
            "label": "Account ID",
            "length": 18,
            "mask": null,
            "maskType": null,
            "name": "Id",
            "nameField": false,
            "namePointing": false,
            "nillable": false,
            "permissionable": false,
            "picklistValues": [],
            "polymorphicForeignKey": false,
            "precision": 0,
            "queryByDistance": false,
            "referenceTargetField": null,
            "referenceTo": [],
            "relationshipName": null,
            "relationshipOrder": null,
            "restrictedDelete": false,
            "restrictedPicklist": false,
            "scale": 0,
            "searchPrefilterable": false,
            "soapType": "tns:ID",
            "sortable": true,
            "type": "id",
            "unique": false,
            "updateable": false,
            "writeRequiresMasterRead": false
        },
        {
            "aggregatable": true,
            "aiPredictionField": false,
            "autoNumber": false,
            "byteLength": 765,
            "calculated": false,
            "calculatedFormula": null,
            "cascadeDelete": false,
            "caseSensitive": false,
            "compoundFieldName": null,
            "controllerName": null,
            "createable": true,
            "custom": false,
            "defaultValue": null,
            "defaultValueFormula": null,
            "defaultedOnCreate": false,
            "dependentPicklist": false,
            "deprecatedAndHidden": false,
            "digits": 0,
            "displayLocationInDecimal": false,
            "encrypted": false,
            "externalId": false,
            "extraTypeInfo": null,
            "filterable": true,
            "filteredLookupInfo": null,
            "formulaTreatNullNumberAsZero": false,
            "groupable": true,
            "highScaleNumber": false,
            "htmlFormatted": false,
            "idLookup": false,
            "inlineHelpText": null,
            "label": "Account Name",
            "length": 255,
            "mask": null,
            "maskType": null,
            "name": "Name",
            "nameField": true,
            "namePointing": false,
            "nillable": false,
            "permissionable": false,
            "picklistValues": [],
            "polymorphicForeignKey": false,
            "precision": 0,
            "queryByDistance": false,
            "referenceTargetField": null,
            "referenceTo": [],
            "relationshipName": null,
            "relationshipOrder": null,
            "restrictedDelete": false,
            "restrictedPicklist": false,
            "scale": 0,
            "searchPrefilterable": false,
            "soapType": "xsd:string",
            "sortable": true,
            "type": "string",
            "unique": false,
            "updateable": true,
            "writeRequiresMasterRead": false
        }
    ],
    "hasSubtypes": false,
    "implementedBy": null,
    "implementsInterfaces": null,
    "isInterface": false,
    "isSubtype": false,
    "keyPrefix": "001",
    "label": "Account",
    "labelPlural": "Accounts",
    "layoutable": true,
    "listviewable": null,
    "lookupLayoutable": null,
    "mergeable": true,
    "mruEnabled": true,
    "name": "Account",
    "namedLayoutInfos": [],
    "networkScopeFieldName": null,
    "queryable": true,
    "recordTypeInfos": [
        {
            "active": true,
            "available": true,
            "defaultRecordTypeMapping": true,
            "developerName": "Master",
            "master": true,
            "name": "Master",
            "recordTypeId": "012000000000000AAA",
            "urls": {
                "layout": "/services/data/v63.0/sobjects/Account/describe/layouts/012000000000000AAA"
            }
        }
    ],
    "replicateable": true,
    "retrieveable": true,
    "searchLayoutable": true,
    "searchable": true,
    "sobjectDescribeOption": "FULL",
    "supportedScopes": [
        {
            "label": "All accounts",
            "name": "everything"
        },
        {
            "label": "My accounts",
            "name": "mine"
        },
        {
            "label": "My team's accounts",
            "name": "team"
        }
    ],
    "triggerable": true,
    "undeletable": true,
    "updateable": true,
    "urls": {
        "compactLayouts": "/services/data/v63.0/sobjects/Account/describe/compactLayouts",
        "rowTemplate": "/services/data/v63.0/sobjects/Account/{ID}",
        "approvalLayouts": "/services/data/v63.0/sobjects/Account/describe/approvalLayouts",
        "uiDetailTemplate": "https://MyDomainName.my.salesforce.com/{ID}",
        "uiEditTemplate": "https://MyDomainName.my.salesforce.com/{ID}/e",
        "listviews": "/services/data/v63.0/sobjects/Account/listviews",
        "describe": "/services/data/v63.0/sobjects/Account/describe",
        "uiNewRecord": "https://MyDomainName.my.salesforce.com/001/e",
        "quickActions": "/services/data/v63.0/sobjects/Account/quickActions",
        "layouts": "/services/data/v63.0/sobjects/Account/describe/layouts",
        "sobject": "/services/data/v63.0/sobjects/Account"
    }
}"##;

/// A Salesforce Lead record as `GET /sobjects/Lead/{id}` answers it, every standard field included.
pub fn salesforce_lead() -> Value {
    serde_json::from_str(SALESFORCE_LEAD).expect("the documented lead is JSON")
}

/// The JSON text of [`salesforce_lead`].
const SALESFORCE_LEAD: &str = r##"{
    "attributes": {
        "type": "Lead",
        "url": "/services/data/v63.0/sobjects/Lead/00Q1"
    },
    "Id": "00Q1",
    "IsDeleted": false,
    "MasterRecordId": null,
    "LastName": "Lovelace",
    "FirstName": "Ada",
    "Salutation": "Ms.",
    "Name": "Ada Lovelace",
    "Title": "Analyst",
    "Company": "Analytical Engines",
    "Street": "12 St James's Square",
    "City": "London",
    "State": null,
    "PostalCode": "SW1Y 4JH",
    "Country": "United Kingdom",
    "Latitude": null,
    "Longitude": null,
    "GeocodeAccuracy": null,
    "Address": {
        "city": "London",
        "country": "United Kingdom",
        "geocodeAccuracy": null,
        "latitude": null,
        "longitude": null,
        "postalCode": "SW1Y 4JH",
        "state": null,
        "street": "12 St James's Square"
    },
    "Phone": "+44 20 7946 0018",
    "MobilePhone": null,
    "Fax": null,
    "Email": "ada@analyticalengines.example",
    "Website": "www.analyticalengines.example",
    "PhotoUrl": null,
    "Description": null,
    "LeadSource": "Web",
    "Status": "Open - Not Contacted",
    "Industry": "Technology",
    "Rating": "Warm",
    "AnnualRevenue": 5000000.0,
    "NumberOfEmployees": 12,
    "OwnerId": "005D0000001KyEIIA0",
    "IsConverted": false,
    "ConvertedDate": null,
    "ConvertedAccountId": null,
    "ConvertedContactId": null,
    "ConvertedOpportunityId": null,
    "IsUnreadByOwner": true,
    "CreatedDate": "2024-05-20T20:49:32.000+0000",
    "CreatedById": "005D0000001KyEIIA0",
    "LastModifiedDate": "2024-05-20T20:49:32.000+0000",
    "LastModifiedById": "005D0000001KyEIIA0",
    "SystemModstamp": "2024-05-20T20:49:32.000+0000",
    "LastActivityDate": null,
    "LastViewedDate": "2024-05-20T20:49:32.000+0000",
    "LastReferencedDate": "2024-05-20T20:49:32.000+0000",
    "Jigsaw": null,
    "JigsawContactId": null,
    "CleanStatus": "Pending",
    "CompanyDunsNumber": null,
    "DandbCompanyId": null,
    "EmailBouncedReason": null,
    "EmailBouncedDate": null,
    "IndividualId": null
}"##;

/// A Salesforce Contact record as `GET /sobjects/Contact/{id}` answers it, every standard field
/// included.
pub fn salesforce_contact() -> Value {
    serde_json::from_str(SALESFORCE_CONTACT).expect("the documented contact is JSON")
}

/// The JSON text of [`salesforce_contact`].
const SALESFORCE_CONTACT: &str = r##"{
    "attributes": {
        "type": "Contact",
        "url": "/services/data/v63.0/sobjects/Contact/0031"
    },
    "Id": "0031",
    "IsDeleted": false,
    "MasterRecordId": null,
    "AccountId": "001D000000IqhSLIAZ",
    "LastName": "Hopper",
    "FirstName": "Grace",
    "Salutation": "Dr.",
    "Name": "Grace Hopper",
    "OtherStreet": null,
    "OtherCity": null,
    "OtherState": null,
    "OtherPostalCode": null,
    "OtherCountry": null,
    "OtherLatitude": null,
    "OtherLongitude": null,
    "OtherGeocodeAccuracy": null,
    "OtherAddress": null,
    "MailingStreet": "1000 Navy Pentagon",
    "MailingCity": "Arlington",
    "MailingState": "VA",
    "MailingPostalCode": "22202",
    "MailingCountry": "United States",
    "MailingLatitude": null,
    "MailingLongitude": null,
    "MailingGeocodeAccuracy": null,
    "MailingAddress": {
        "city": "Arlington",
        "country": "United States",
        "geocodeAccuracy": null,
        "latitude": null,
        "longitude": null,
        "postalCode": "22202",
        "state": "VA",
        "street": "1000 Navy Pentagon"
    },
    "Phone": "+1 703 555 0142",
    "Fax": null,
    "MobilePhone": null,
    "HomePhone": null,
    "OtherPhone": null,
    "AssistantPhone": null,
    "ReportsToId": null,
    "Email": "grace.hopper@navy.example",
    "Title": "Rear Admiral",
    "Department": "Programming Languages",
    "AssistantName": null,
    "LeadSource": "Partner Referral",
    "Birthdate": "1906-12-09",
    "Description": null,
    "OwnerId": "005D0000001KyEIIA0",
    "CreatedDate": "2024-05-20T20:49:32.000+0000",
    "CreatedById": "005D0000001KyEIIA0",
    "LastModifiedDate": "2024-05-20T20:49:32.000+0000",
    "LastModifiedById": "005D0000001KyEIIA0",
    "SystemModstamp": "2024-05-20T20:49:32.000+0000",
    "LastActivityDate": null,
    "LastCURequestDate": null,
    "LastCUUpdateDate": null,
    "LastViewedDate": "2024-05-20T20:49:32.000+0000",
    "LastReferencedDate": "2024-05-20T20:49:32.000+0000",
    "EmailBouncedReason": null,
    "EmailBouncedDate": null,
    "IsEmailBounced": false,
    "PhotoUrl": "/services/images/photo/0031",
    "Jigsaw": null,
    "JigsawContactId": null,
    "CleanStatus": "Pending",
    "IndividualId": null
}"##;

/// HubSpot's SimplePublicObject (CRM v3), as its reference shows a created or read record:
/// `id`, `properties`, `createdAt`, `updatedAt`, `archived`.
pub fn hubspot_object(id: &str, properties: Value) -> Value {
    json!({
        "id": id,
        "properties": properties,
        "createdAt": "2019-10-30T03:30:17.883Z",
        "updatedAt": "2019-12-07T16:50:06.678Z",
        "archived": false
    })
}

/// HubSpot's documented search answer (CollectionResponseWithTotalSimplePublicObject, with
/// `paging.next`): `item` on the first of two pages.
pub fn hubspot_search_answer(item: Value) -> Value {
    json!({
        "total": 2,
        "results": [item],
        "paging": {"next": {"after": "NTI1Cg%3D%3D", "link": "?after=NTI1Cg%3D%3D"}}
    })
}

/// HubSpot's documented batch answer (BatchResponseSimplePublicObject) to a batch create, read
/// or update, completed, holding `item`.
pub fn hubspot_batch_answer(item: Value) -> Value {
    json!({
        "status": "COMPLETE",
        "results": [item],
        "requestedAt": "2023-11-07T05:31:56Z",
        "startedAt": "2023-11-07T05:31:56Z",
        "completedAt": "2023-11-07T05:31:56Z",
        "links": {}
    })
}

/// HubSpot's documented list answer (CollectionResponseSimplePublicObjectWithAssociationsForwardPaging):
/// `item` and a `paging.next` cursor (the last page has no `paging`).
pub fn hubspot_list_answer(item: Value) -> Value {
    json!({
        "results": [item],
        "paging": {"next": {"after": "NTI1Cg%3D%3D", "link": "?after=NTI1Cg%3D%3D"}}
    })
}

/// HubSpot's documented company properties (the companies reference example, Biglytics), all
/// strings; `hs_object_id` added as the API returns it by default (id "512").
pub fn hubspot_company_properties() -> Value {
    json!({
        "city": "Cambridge",
        "createdate": "2019-10-30T03:30:17.883Z",
        "domain": "biglytics.net",
        "hs_lastmodifieddate": "2019-12-07T16:50:06.678Z",
        "hs_object_id": "512",
        "industry": "Technology",
        "name": "Biglytics",
        "phone": "(877) 929-0687",
        "state": "Massachusetts"
    })
}

/// HubSpot's documented deal properties (the deals reference example, "Custom data
/// integrations"), all strings; `hs_object_id` added as the API returns it (id "512").
pub fn hubspot_deal_properties() -> Value {
    json!({
        "amount": "1500.00",
        "closedate": "2019-12-07T16:50:06.678Z",
        "createdate": "2019-10-30T03:30:17.883Z",
        "dealname": "Custom data integrations",
        "dealstage": "presentationscheduled",
        "hs_lastmodifieddate": "2019-12-07T16:50:06.678Z",
        "hs_object_id": "512",
        "hubspot_owner_id": "910901",
        "pipeline": "default"
    })
}

/// HubSpot's documented contact properties (the contacts reference example, Bryan Cooper), all
/// strings; `hs_object_id` (id "512") and `lifecyclestage` added as the source notes below say.
pub fn hubspot_contact_properties() -> Value {
    json!({
        "company": "Biglytics",
        "createdate": "2019-10-30T03:30:17.883Z",
        "email": "bcooper@biglytics.net",
        "firstname": "Bryan",
        "hs_object_id": "512",
        "lastmodifieddate": "2019-12-07T16:50:06.678Z",
        "lastname": "Cooper",
        "lifecyclestage": "marketingqualifiedlead",
        "phone": "(877) 929-0687",
        "website": "biglytics.net"
    })
}

// ---- Sources -------------------------------------------------------------------------------
// stripe_payment_intent: docs.stripe.com/api/payment_intents/object (API versions
//   2026-04-22.dahlia and 2026-08-26.preview show the same example; the search example at
//   docs.stripe.com/api/payment_intents/search?api-version=2025-05-28.basil embeds it too).
//   Copied key for key. The documented example has NO `invoice` and NO
//   `payment_method_configuration_details` key (both absent from every stored edition of it).
// stripe_list: the list envelope of Stripe's list examples ({object:"list", url, has_more, data});
//   the list example for payment intents uses url "/v1/payment_intents".
// stripe_search_result: docs.stripe.com/api/payment_intents/search (basil) and
//   stripe.com/docs/api/payment_intents/search: {object:"search_result", url:
//   "/v1/payment_intents/search", has_more:false, data:[...]} — no `next_page`, no `total_count`.
// stripe_subscription: "The Subscription object" example (docs.stripe.com/api/subscriptions/object),
//   as reproduced in full in Adobe Experience Platform's documentation of its Stripe source
//   (the "Stripe subscription object" sample; the docs.stripe.com copy is truncated); the stored
//   docs.stripe.com page (api-version=2024-09-30.acacia) opens identically but adds
//   `"discounts": null` after `discount` (its full text is not stored). Newer editions (basil+)
//   move `current_period_*` into the item and drop `plan`'s `aggregate_usage`.
// salesforce_create_result: Salesforce REST API Developer Guide, "Create a Record"
//   (dome_sobject_create): {"id":"001D000000IqhSLIAZ","errors":[],"success":true}.
// salesforce_upsert_created: REST API Developer Guide, "Insert or Update (Upsert) a Record Using
//   an External ID" (dome_upsert), the "record that doesn't yet exist" answer (201), id
//   "00190000001pPvHAAU", with `created: true` (the older v20.0 edition of the page shows the same
//   answer without `created`).
// salesforce_account_describe: REST API Developer Guide, "Get Field and Other Metadata for an
//   Object" (dome_sobject_describe; its example is elided with "..."), filled in from the SOAP API
//   Developer Guide's DescribeSObjectResult / Field / ChildRelationship / RecordTypeInfo / ScopeInfo
//   references, key names and value shapes checked against recorded REST describe answers (Airbyte's
//   and CumulusCI's Salesforce test fixtures). The documented Id field shows
//   `"defaultValue": {"value": null}`; the REST API answers `null` there, which is used here.
// salesforce_lead / salesforce_contact: REST API Developer Guide, "Get Field Values from a Standard
//   Object Record" (the shape: `attributes` then every field); field names are the standard fields of
//   the Lead and Contact objects (Object Reference); values are illustrative, datetimes in
//   Salesforce's "2024-05-20T20:49:32.000+0000" form, compound address fields as the API returns them.
// hubspot_object / hubspot_*_properties: HubSpot CRM v3 reference examples (the SimplePublicObject
//   example of the companies, deals and contacts specs: id "512", createdAt
//   2019-10-30T03:30:17.883Z, updatedAt 2019-12-07T16:50:06.678Z, archived false; property values
//   Biglytics / Custom data integrations / Bryan Cooper). `hs_object_id` is not in those examples; it
//   is added because the API returns it by default (HubSpot's search guide example shows it equal to
//   the id). `lifecyclestage: "marketingqualifiedlead"` is the value of the contacts guide's create
//   example as recalled; no stored copy of that example was found to re-check it (the stored
//   guide confirms only that `lifecyclestage` takes the stage's internal name).
//   The generic example in the upstream specs' hubspot/crm-*-v3.json
//   (#/components/schemas/SimplePublicObject/example) has the same id and timestamps.
// hubspot_search_answer: developers.hubspot.com search reference example ({total, paging.next,
//   results}); the cursor "NTI1Cg%3D%3D" / link "?after=NTI1Cg%3D%3D" is the NextPage example of
//   the upstream specs' hubspot/crm-*-v3.json (#/components/schemas/NextPage/example).
//   `total` 2 is chosen here (one result on this page, one more behind the cursor).
// hubspot_batch_answer: developers.hubspot.com reference, batch create/read/update answers
//   ({completedAt, results, startedAt, status, links, requestedAt}, timestamps
//   2023-11-07T05:31:56Z); `status` set to "COMPLETE" (the reference shows the enum's first value).
// hubspot_list_answer: the list (getPage) reference example: {results, paging: {next: {after, link}}}.
//
// ---- Documented keys our shipped specs do not declare (kept in the flattened map) -----------
// specs/stripe/openapi.yaml (API 2023-08-16):
//   payment_intent: /source, /payment_method_options/link/persistent_token
//   subscription: /quantity, /invoice_settings, /automatic_tax/liability, /items/total_count,
//     /items/data/0/plan (no `plan` schema at all), /items/data/0/price/recurring/trial_period_days
// specs/salesforce/openapi.yaml:
//   SaveResult: /created (upsert)
//   DescribeResult (declares only name, label, createable, updateable, fields): actionOverrides,
//     activateable, associateEntityType, associateParentEntity, childRelationships,
//     compactLayoutable, custom, customSetting, deepCloneable, defaultImplementation, deletable,
//     deprecatedAndHidden, extendedBy, extendsInterfaces, feedEnabled, hasSubtypes, implementedBy,
//     implementsInterfaces, isInterface, isSubtype, keyPrefix, labelPlural, layoutable,
//     listviewable, lookupLayoutable, mergeable, mruEnabled, namedLayoutInfos,
//     networkScopeFieldName, queryable, recordTypeInfos, replicateable, retrieveable,
//     searchLayoutable, searchable, sobjectDescribeOption, supportedScopes, triggerable,
//     undeletable, urls
//   DescribeField (declares name, label, type, length, nillable, createable, updateable,
//     defaultedOnCreate, picklistValues): aggregatable, aiPredictionField, autoNumber, byteLength,
//     calculated, calculatedFormula, cascadeDelete, caseSensitive, compoundFieldName,
//     controllerName, custom, defaultValue, defaultValueFormula, dependentPicklist,
//     deprecatedAndHidden, digits, displayLocationInDecimal, encrypted, externalId, extraTypeInfo,
//     filterable, filteredLookupInfo, formulaTreatNullNumberAsZero, groupable, highScaleNumber,
//     htmlFormatted, idLookup, inlineHelpText, mask, maskType, nameField, namePointing,
//     permissionable, polymorphicForeignKey, precision, queryByDistance, referenceTargetField,
//     referenceTo, relationshipName, relationshipOrder, restrictedDelete, restrictedPicklist,
//     scale, searchPrefilterable, soapType, sortable, unique, writeRequiresMasterRead
//   Lead: MasterRecordId, Name, Latitude, Longitude, GeocodeAccuracy, Address, Website, PhotoUrl,
//     Rating, IsUnreadByOwner, CreatedById, LastModifiedById, LastActivityDate, LastViewedDate,
//     LastReferencedDate, Jigsaw, JigsawContactId, CleanStatus, CompanyDunsNumber, DandbCompanyId,
//     EmailBouncedReason, EmailBouncedDate, IndividualId
//   Contact: MasterRecordId, OtherStreet, OtherLatitude, OtherLongitude, OtherGeocodeAccuracy,
//     OtherAddress, MailingLatitude, MailingLongitude, MailingGeocodeAccuracy, MailingAddress,
//     OtherPhone, ReportsToId, AssistantName, LeadSource, CreatedById, LastModifiedById,
//     LastActivityDate, LastCURequestDate, LastCUUpdateDate, LastViewedDate, LastReferencedDate,
//     EmailBouncedReason, EmailBouncedDate, IsEmailBounced, PhotoUrl, Jigsaw, JigsawContactId,
//     CleanStatus, IndividualId
// specs/hubspot/openapi.yaml: none (every key above is declared; property values are strings, as
//   #/components/schemas/SimplePublicObject/properties/properties/additionalProperties says).
//
// ---- Typed differently by our specs ---------------------------------------------------------
// specs/salesforce/openapi.yaml: #/components/schemas/{Lead,Contact}/properties/
//   {CreatedDate,LastModifiedDate,SystemModstamp} are `format: date-time`, but Salesforce sends
//   "2024-05-20T20:49:32.000+0000" (offset without a colon), which is not RFC 3339; a strict
//   RFC 3339 parser rejects it. (Same for Account and Opportunity.)
// No integer/string or other type mismatches otherwise (payloads checked key by key against the
// schemas, `$ref`/`anyOf`/`nullable`/`enum` resolved).

/// PayPal Orders v2 "Authorize payment for order" sample (authorization id set to 0VF52814937998046).
pub fn paypal_authorized_order() -> Value {
    json!({
        "id": "5O190127TN364715T",
        "status": "COMPLETED",
        "payer": {
            "name": {"given_name": "John", "surname": "Doe"},
            "email_address": "customer@example.com",
            "payer_id": "QYR5Z8XDVJNXQ"
        },
        "purchase_units": [
            {
                "reference_id": "d9f80740-38f0-11e8-b467-0ed5f89f718b",
                "shipping": {
                    "address": {
                        "address_line_1": "2211 N First Street",
                        "address_line_2": "Building 17",
                        "admin_area_2": "San Jose",
                        "admin_area_1": "CA",
                        "postal_code": "95131",
                        "country_code": "US"
                    }
                },
                "payments": {
                    "authorizations": [
                        {
                            "id": "0VF52814937998046",
                            "status": "CREATED",
                            "amount": {"currency_code": "USD", "value": "100.00"},
                            "seller_protection": {
                                "status": "ELIGIBLE",
                                "dispute_categories": [
                                    "ITEM_NOT_RECEIVED",
                                    "UNAUTHORIZED_TRANSACTION"
                                ]
                            },
                            "expiration_time": "2018-05-01T21:20:49Z",
                            "create_time": "2018-04-01T21:20:49Z",
                            "update_time": "2018-04-01T21:20:49Z",
                            "links": [
                                {"href": "https://api-m.paypal.com/v2/payments/authorizations/0VF52814937998046", "rel": "self", "method": "GET"},
                                {
                                    "href": "https://api-m.paypal.com/v2/payments/authorizations/0VF52814937998046/capture",
                                    "rel": "capture",
                                    "method": "POST"
                                },
                                {
                                    "href": "https://api-m.paypal.com/v2/payments/authorizations/0VF52814937998046/void",
                                    "rel": "void",
                                    "method": "POST"
                                },
                                {
                                    "href": "https://api-m.paypal.com/v2/payments/authorizations/0VF52814937998046/reauthorize",
                                    "rel": "reauthorize",
                                    "method": "POST"
                                }
                            ]
                        }
                    ]
                }
            }
        ],
        "links": [
            {"href": "https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T", "rel": "self", "method": "GET"}
        ]
    })
}

/// PayPal Orders v2 "Confirm the Order" (confirm-payment-source) sample: payer action required.
pub fn paypal_order_payer_action() -> Value {
    json!({
        "id": "5O190127TN364715T",
        "status": "PAYER_ACTION_REQUIRED",
        "payment_source": {
            "paypal": {
                "name": {"given_name": "John", "surname": "Doe"},
                "email_address": "customer@example.com"
            }
        },
        "payer": {
            "name": {"given_name": "John", "surname": "Doe"},
            "email_address": "customer@example.com"
        },
        "links": [
            {"href": "https://api.paypal.com/v2/checkout/orders/5O190127TN364715T", "rel": "self", "method": "GET"},
            {"href": "https://www.paypal.com/checkoutnow?token=5O190127TN364715T", "rel": "payer-action", "method": "GET"}
        ]
    })
}

/// PayPal Payments v2 "Show details for authorized payment" sample (0VF52814937998046).
pub fn paypal_authorization() -> Value {
    json!({
        "id": "0VF52814937998046",
        "status": "CREATED",
        "amount": {"value": "10.99", "currency_code": "USD"},
        "invoice_id": "INVOICE-123",
        "seller_protection": {
            "status": "ELIGIBLE",
            "dispute_categories": ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"]
        },
        "payee": {"email_address": "merchant@example.com", "merchant_id": "7KNGBPH2U58GQ"},
        "expiration_time": "2017-10-10T23:23:45Z",
        "create_time": "2017-09-11T23:23:45Z",
        "update_time": "2017-09-11T23:23:45Z",
        "links": [
            {"rel": "self", "method": "GET", "href": "https://api-m.paypal.com/v2/payments/authorizations/0VF52814937998046"},
            {"rel": "capture", "method": "POST", "href": "https://api-m.paypal.com/v2/payments/authorizations/0VF52814937998046/capture"},
            {"rel": "void", "method": "POST", "href": "https://api-m.paypal.com/v2/payments/authorizations/0VF52814937998046/void"},
            {"rel": "reauthorize", "method": "POST", "href": "https://api-m.paypal.com/v2/payments/authorizations/0VF52814937998046/reauthorize"}
        ]
    })
}

/// PayPal Payments v2 "Show captured payment details" sample, its ids set to our flow's (see sources).
pub fn paypal_capture() -> Value {
    json!({
        "id": "2GG279541U471931P",
        "amount": {"currency_code": "USD", "value": "100.00"},
        "final_capture": true,
        "seller_protection": {
            "status": "ELIGIBLE",
            "dispute_categories": ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"]
        },
        "disbursement_mode": "INSTANT",
        "seller_receivable_breakdown": {
            "gross_amount": {"currency_code": "USD", "value": "100.00"},
            "paypal_fee": {"currency_code": "USD", "value": "3.98"},
            "net_amount": {"currency_code": "USD", "value": "96.02"}
        },
        "invoice_id": "OrderInvoice-23_10_2024_12_27_32_pm",
        "status": "COMPLETED",
        "supplementary_data": {
            "related_ids": {"order_id": "5O190127TN364715T", "authorization_id": "0VF52814937998046"}
        },
        "payee": {"email_address": "merchant@example.com", "merchant_id": "YXZY75W2GKDQE"},
        "create_time": "2024-10-23T20:55:19Z",
        "update_time": "2024-10-23T20:55:19Z",
        "links": [
            {"href": "https://api-m.sandbox.paypal.com/v2/payments/captures/2GG279541U471931P", "rel": "self", "method": "GET"},
            {"href": "https://api-m.sandbox.paypal.com/v2/payments/captures/2GG279541U471931P/refund", "rel": "refund", "method": "POST"},
            {"href": "https://api-m.sandbox.paypal.com/v2/payments/authorizations/0VF52814937998046", "rel": "up", "method": "GET"}
        ]
    })
}

/// PayPal Payments v2 "Capture authorized payment" answer with the default Prefer: return=minimal.
pub fn paypal_capture_minimal() -> Value {
    json!({
        "id": "2GG279541U471931P",
        "status": "COMPLETED",
        "links": [
            {"rel": "self", "method": "GET", "href": "https://api-m.paypal.com/v2/payments/captures/2GG279541U471931P"},
            {"rel": "refund", "method": "POST", "href": "https://api-m.paypal.com/v2/payments/captures/2GG279541U471931P/refund"},
            {"rel": "up", "method": "GET", "href": "https://api-m.paypal.com/v2/payments/authorizations/0VF52814937998046"}
        ]
    })
}

/// PayPal Payments v2 "Reauthorize authorized payment" sample (new id, status, links).
pub fn paypal_reauthorization() -> Value {
    json!({
        "id": "8AA831015G517922L",
        "status": "CREATED",
        "links": [
            {"rel": "self", "method": "GET", "href": "https://api.paypal.com/v2/payments/authorizations/8AA831015G517922L"},
            {"rel": "capture", "method": "POST", "href": "https://api.paypal.com/v2/payments/authorizations/8AA831015G517922L/capture"},
            {"rel": "void", "method": "POST", "href": "https://api.paypal.com/v2/payments/authorizations/8AA831015G517922L/void"},
            {"rel": "reauthorize", "method": "POST", "href": "https://api.paypal.com/v2/payments/authorizations/8AA831015G517922L/reauthorize"}
        ]
    })
}

/// PayPal Payments v2 "Show refund details" sample (1JU08902781691411, with platform fees).
pub fn paypal_refund() -> Value {
    json!({
        "id": "1JU08902781691411",
        "amount": {"value": "10.99", "currency_code": "USD"},
        "status": "COMPLETED",
        "note": "Defective product",
        "seller_payable_breakdown": {
            "gross_amount": {"value": "10.99", "currency_code": "USD"},
            "paypal_fee": {"value": "0.33", "currency_code": "USD"},
            "platform_fees": [
                {
                    "amount": {"currency_code": "USD", "value": "1.00"},
                    "payee": {"email_address": "fee@example.com"}
                }
            ],
            "net_amount": {"value": "9.66", "currency_code": "USD"},
            "total_refunded_amount": {"value": "10.99", "currency_code": "USD"}
        },
        "invoice_id": "INVOICE-123",
        "create_time": "2018-09-11T23:24:19Z",
        "update_time": "2018-09-11T23:24:19Z",
        "links": [
            {"rel": "self", "method": "GET", "href": "https://api-m.paypal.com/v2/payments/refunds/1JU08902781691411"},
            {"rel": "up", "method": "GET", "href": "https://api-m.paypal.com/v2/payments/captures/2GG279541U471931P"}
        ]
    })
}

/// Pipedrive v2 documented organization (GET /organizations/{id} example), `id`/`name` varied.
pub fn pipedrive_organization(id: i64, name: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "owner_id": 1,
        "org_id": 1,
        "add_time": "2021-01-01T00:00:00Z",
        "update_time": "2021-01-01T00:00:00Z",
        "address": {
            "value": "123 Main St",
            "country": "USA",
            "admin_area_level_1": "CA",
            "admin_area_level_2": "Santa Clara",
            "locality": "Sunnyvale",
            "sublocality": "Downtown",
            "route": "Main St",
            "street_number": "123",
            "subpremise": "123A",
            "postal_code": "94085"
        },
        "is_deleted": false,
        "visible_to": 7,
        "label_ids": [1, 2, 3],
        "website": "https://www.company.com",
        "linkedin": "https://linkedin.com/company",
        "industry": 2,
        "annual_revenue": 0,
        "employee_count": 10,
        "custom_fields": {}
    })
}

/// Pipedrive v2 documented deal (GET /deals/{id} example), `id`/`title` varied.
pub fn pipedrive_deal(id: i64, title: &str) -> Value {
    json!({
        "id": id,
        "title": title,
        "creator_user_id": 1,
        "owner_id": 1,
        "value": 200,
        "person_id": 1,
        "org_id": 1,
        "stage_id": 1,
        "pipeline_id": 1,
        "currency": "USD",
        "archive_time": "2021-01-01T00:00:00Z",
        "add_time": "2021-01-01T00:00:00Z",
        "update_time": "2021-01-01T00:00:00Z",
        "stage_change_time": "2021-01-01T00:00:00Z",
        "status": "open",
        "is_archived": false,
        "is_deleted": false,
        "probability": 90,
        "lost_reason": "Lost Reason",
        "visible_to": 7,
        "close_time": "2021-01-01T00:00:00Z",
        "won_time": "2021-01-01T00:00:00Z",
        "lost_time": "2021-01-01T00:00:00Z",
        "local_won_date": "2021-01-01",
        "local_lost_date": "2021-01-01",
        "local_close_date": "2021-01-01",
        "expected_close_date": "2021-01-01",
        "label_ids": [1, 2, 3],
        "origin": "ManuallyCreated",
        "origin_id": null,
        "channel": 52,
        "channel_id": "Jun23 Billboards",
        "source_lead_id": "35b0d604-eb0d-42d0-be11-eac8832051f0",
        "acv": 120,
        "arr": 120,
        "mrr": 10,
        "custom_fields": {}
    })
}

/// Pipedrive v2 documented envelope of one entity (get/add/update answers).
pub fn pipedrive_answer(data: Value) -> Value {
    json!({"success": true, "data": data})
}

/// Pipedrive v2 documented list envelope; `next_cursor` is null on the last page.
pub fn pipedrive_list_answer(items: Vec<Value>, next_cursor: Option<&str>) -> Value {
    json!({"success": true, "data": items, "additional_data": {"next_cursor": next_cursor}})
}

/// Pipedrive v2 documented answer to DELETE /organizations|deals|persons/{id}.
pub fn pipedrive_deleted(id: i64) -> Value {
    json!({"success": true, "data": {"id": id}})
}

/// Pipedrive v2 documented …/search answer with one item; `kind` picks its documented result_score.
pub fn pipedrive_search_answer(kind: &str, item: Value) -> Value {
    let result_score = match kind {
        "organization" => 0.316,
        "deal" => 1.22,
        "person" => 0.5092,
        other => panic!("Pipedrive documents no v2 search of {other}"),
    };
    json!({
        "success": true,
        "data": {"items": [{"result_score": result_score, "item": item}]},
        "additional_data": {"next_cursor": null}
    })
}

/// Pipedrive v2 documented item of GET /organizations/search.
pub fn pipedrive_organization_search_item() -> Value {
    json!({
        "id": 1,
        "type": "organization",
        "name": "Organization name",
        "address": "Mustamäe tee 3a, 10615 Tallinn",
        "visible_to": 3,
        "owner": {"id": 1},
        "custom_fields": [],
        "notes": []
    })
}

/// Pipedrive v2 documented item of GET /deals/search.
pub fn pipedrive_deal_search_item() -> Value {
    json!({
        "id": 1,
        "type": "deal",
        "title": "Jane Doe deal",
        "value": 100,
        "currency": "USD",
        "status": "open",
        "visible_to": 3,
        "owner": {"id": 1},
        "stage": {"id": 1, "name": "Lead In"},
        "person": {"id": 1, "name": "Jane Doe"},
        "organization": null,
        "custom_fields": [],
        "notes": [],
        "is_archived": false
    })
}

/// Pipedrive v2 documented item of GET /persons/search.
pub fn pipedrive_person_search_item() -> Value {
    json!({
        "id": 1,
        "type": "person",
        "name": "Jane Doe",
        "phones": ["+372 555555555"],
        "emails": ["jane@pipedrive.com"],
        "visible_to": 3,
        "owner": {"id": 1},
        "organization": {"id": 1, "name": "Organization name", "address": null},
        "custom_fields": [],
        "notes": []
    })
}

/// Dropbox's documented /2/files/create_folder_v2 answer (CreateFolderResult).
pub fn dropbox_create_folder_result() -> Value {
    json!({
        "metadata": {
            "name": "math",
            "id": "id:a4ayc_80_OEAAAAAAAAAXz",
            "path_lower": "/homework/math",
            "path_display": "/Homework/math",
            "sharing_info": {"read_only": false, "parent_shared_folder_id": "84528192421", "traverse_only": false, "no_access": false},
            "property_groups": [
                {
                    "template_id": "ptid:1a5n2i6d3OYEAAAAAAAAAYa",
                    "fields": [{"name": "Security Policy", "value": "Confidential"}]
                }
            ]
        }
    })
}

/// Dropbox's documented /2/files/list_folder/continue answer (a file and a folder entry).
pub fn dropbox_list_folder_result() -> Value {
    json!({
        "entries": [
            {
                ".tag": "file",
                "name": "Prime_Numbers.txt",
                "id": "id:a4ayc_80_OEAAAAAAAAAXw",
                "client_modified": "2015-05-12T15:50:38Z",
                "server_modified": "2015-05-12T15:50:38Z",
                "rev": "a1c10ce0dd78",
                "size": 7212,
                "path_lower": "/homework/math/prime_numbers.txt",
                "path_display": "/Homework/math/Prime_Numbers.txt",
                "sharing_info": {
                    "read_only": true,
                    "parent_shared_folder_id": "84528192421",
                    "modified_by": "dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"
                },
                "is_downloadable": true,
                "property_groups": [
                    {
                        "template_id": "ptid:1a5n2i6d3OYEAAAAAAAAAYa",
                        "fields": [{"name": "Security Policy", "value": "Confidential"}]
                    }
                ],
                "has_explicit_shared_members": false,
                "content_hash": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "file_lock_info": {"is_lockholder": true, "lockholder_name": "Imaginary User", "created": "2015-05-12T15:50:38Z"}
            },
            {
                ".tag": "folder",
                "name": "math",
                "id": "id:a4ayc_80_OEAAAAAAAAAXz",
                "path_lower": "/homework/math",
                "path_display": "/Homework/math",
                "sharing_info": {"read_only": false, "parent_shared_folder_id": "84528192421", "traverse_only": false, "no_access": false},
                "property_groups": [
                    {
                        "template_id": "ptid:1a5n2i6d3OYEAAAAAAAAAYa",
                        "fields": [{"name": "Security Policy", "value": "Confidential"}]
                    }
                ]
            }
        ],
        "cursor": "ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu",
        "has_more": false
    })
}

/// Dropbox's documented `Dropbox-API-Result` header of /2/files/download of Prime_Numbers.txt.
pub const DROPBOX_DOWNLOAD_RESULT: &str = r#"{"name": "Prime_Numbers.txt", "id": "id:a4ayc_80_OEAAAAAAAAAXw", "client_modified": "2015-05-12T15:50:38Z", "server_modified": "2015-05-12T15:50:38Z", "rev": "a1c10ce0dd78", "size": 7212, "path_lower": "/homework/math/prime_numbers.txt", "path_display": "/Homework/math/Prime_Numbers.txt", "sharing_info": {"read_only": true, "parent_shared_folder_id": "84528192421", "modified_by": "dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"}, "is_downloadable": true, "property_groups": [{"template_id": "ptid:1a5n2i6d3OYEAAAAAAAAAYa", "fields": [{"name": "Security Policy", "value": "Confidential"}]}], "has_explicit_shared_members": false, "content_hash": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "file_lock_info": {"is_lockholder": true, "lockholder_name": "Imaginary User", "created": "2015-05-12T15:50:38Z"}}"#;

/// S3's documented GetBucketTagging sample (Project, User) with S3's XML declaration and namespace.
pub const S3_BUCKET_TAGGING: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
    <TagSet>
        <Tag>
            <Key>Project</Key>
            <Value>Project One</Value>
        </Tag>
        <Tag>
            <Key>User</Key>
            <Value>jsmith</Value>
        </Tag>
    </TagSet>
</Tagging>"#;

/// Square's documented DeleteCustomer answer (DELETE /v2/customers/{customer_id}): `{}`.
pub fn square_delete_customer_answer() -> Value {
    json!({})
}

// Sources of the payloads above
// -----------------------------
// paypal_authorized_order: developer.paypal.com/docs/api/orders/v2/#orders_authorize, response sample
//   (as kept verbatim in srmklive/laravel-paypal tests/Mocks/Responses/Orders.php,
//   mockOrderPaymentAuthorizedResponse). Only change: the authorization id 0AW2184448108334S -> 0VF52814937998046
//   (id and its four links). No response example in upstream-specs/paypal/checkout_orders_v2.json.
// paypal_order_payer_action: developer.paypal.com/docs/api/orders/v2/#orders_confirm response sample
//   (same copy, mockConfirmOrderResponse). docs.paypal.ai/reference/api/rest/orders/confirm-the-order shows the
//   same body without the `status` key. Hosts as documented (api.paypal.com, www.paypal.com).
// paypal_authorization: developer.paypal.com/docs/api/payments/v2/#authorizations_get, "Sample 1 - 200 - Show
//   Authorized Payment Details" (verbatim).
// paypal_capture: developer.paypal.com/docs/api/payments/v2/#captures_get, "Sample 1 - 200 - Show captured payment
//   details" (current reference; its ids 74L756601X447022Y / 0T620041CK889853A / 25M43554V9523650M replaced by
//   2GG279541U471931P / 0VF52814937998046 / 5O190127TN364715T; everything else verbatim, sandbox hosts included).
// paypal_capture_minimal: developer.paypal.com/docs/api/payments/v2/#authorizations_capture, minimal response
//   sample for the request {amount 10.99 USD, invoice_id INVOICE-123, final_capture true} (verbatim).
// paypal_reauthorization: developer.paypal.com/docs/api/payments/v2/#authorizations_reauthorize, "Sample 1 - 201 -
//   Reauthorize Authorized Payment with an empty request" (verbatim; the documented body has no expiration_time).
// paypal_refund: developer.paypal.com/docs/api/payments/v2/#refunds_get, "Sample 1 - 200 - Show Refund Details with
//   Platform Fees" (verbatim, including its `note` key).
// PayPal void (POST /v2/payments/authorizations/{id}/void): documented 204 No Content with the default
//   Prefer: return=minimal, 200 + the authorization with return=representation. Our specs/paypal/openapi.yaml
//   declares both: "200" -> authorization-2 and "204" (no content).
// pipedrive_organization / pipedrive_deal / pipedrive_deleted / pipedrive_*_search_item / the envelopes:
//   the upstream specs' pipedrive/pipedrive-v2.yaml (= developers.pipedrive.com/docs/api/v1/openapi-v2.yaml)
//   response examples of GET /organizations/{id}, GET /deals/{id}, DELETE /organizations/{id} and /deals/{id},
//   GET /organizations, GET /deals, and GET /organizations/search, /deals/search, /persons/search.
//   Documented search item keys:
//     organization: id, type, name, address (string), visible_to, owner{id}, custom_fields[], notes[]
//     deal: id, type, title, value, currency, status, visible_to, owner{id}, stage{id,name}, person{id,name},
//           organization (null in the example), custom_fields[], notes[], is_archived
//     person: id, type, name, phones[string], emails[string], visible_to, owner{id},
//             organization{id,name,address (null)}, custom_fields[], notes[]
//   Documented result_score: organization 0.316, deal 1.22, person 0.5092. The examples' next_cursor is a string;
//   the spec text says it is null on the last page.
// dropbox_create_folder_result / dropbox_list_folder_result / DROPBOX_DOWNLOAD_RESULT: Dropbox HTTP API docs
//   (dropbox.com/developers/documentation/http/documentation#files-create_folder, #files-list_folder-continue,
//   #files-download), as copied in the upstream specs' dropbox/dropbox-openapi-original.yml response
//   examples of /2/files/create_folder_v2, /2/files/list_folder/continue and /2/files/download.
// S3_BUCKET_TAGGING: docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketTagging.html
//   "Sample Response" (Project / Project One, User / jsmith). The reference prints the body with neither the
//   XML declaration nor the namespace; the Response Syntax shows the declaration. Our specs/s3 maps
//   get_tagging -> GetBucketTagging (GET /{Bucket}?tagging, path key /{Bucket}#tagging), 200 application/xml
//   #/components/schemas/Tagging {TagSet: wrapped array of Tag{Key, Value}}.
// square_delete_customer_answer: Square API reference, Customers API DeleteCustomer; upstream-specs/square/api.json
//   #/components/schemas/DeleteCustomerResponse "example": {} (schema: optional `errors` only).
// Checked: every json! body parses as JSON; all payloads validate against our specs/<provider>/openapi.yaml
//   response schemas (the pipedrive envelopes with a null `next_cursor` since the
//   manifest declares it nullable).

/// The documented organization search answer (one item).
pub fn pipedrive_organization_search_answer() -> Value {
    pipedrive_search_answer("organization", pipedrive_organization_search_item())
}

/// The documented deal search answer (one item).
pub fn pipedrive_deal_search_answer() -> Value {
    pipedrive_search_answer("deal", pipedrive_deal_search_item())
}

/// The documented person search answer (one item).
pub fn pipedrive_person_search_answer() -> Value {
    pipedrive_search_answer("person", pipedrive_person_search_item())
}

/// The tags in [`S3_BUCKET_TAGGING`], in order.
pub const S3_BUCKET_TAGS: [(&str, &str); 2] = [("Project", "Project One"), ("User", "jsmith")];

/// SendGrid's documented mail send with its content inline and no template (the
/// `MailSendNoTemplate` example of the published spec's request body), in full: two
/// personalizations (the second with its own sender), a reply-to address, an HTML
/// content, an attachment, and the batch, group and settings fields.
pub fn sendgrid_mail_no_template() -> Value {
    json!({
        "personalizations": [
            {
                "to": [
                    {
                        "email": "alex@example.com",
                        "name": "Alex"
                    },
                    {
                        "email": "bola@example.com",
                        "name": "Bola"
                    }
                ],
                "cc": [
                    {
                        "email": "charlie@example.com",
                        "name": "Charlie"
                    }
                ],
                "bcc": [
                    {
                        "email": "dana@example.com",
                        "name": "Dana"
                    }
                ]
            },
            {
                "from": {
                    "email": "sales@example.com",
                    "name": "Example Sales Team"
                },
                "to": [
                    {
                        "email": "ira@example.com",
                        "name": "Ira"
                    }
                ],
                "bcc": [
                    {
                        "email": "lee@example.com",
                        "name": "Lee"
                    }
                ]
            }
        ],
        "from": {
            "email": "orders@example.com",
            "name": "Example Order Confirmation"
        },
        "reply_to": {
            "email": "customer_service@example.com",
            "name": "Example Customer Service Team"
        },
        "subject": "Your Example Order Confirmation",
        "content": [
            {
                "type": "text/html",
                "value": "<p>Hello from Twilio SendGrid!</p><p>Sending with the email service trusted by developers and marketers for <strong>time-savings</strong>, <strong>scalability</strong>, and <strong>delivery expertise</strong>.</p><p>%open-track%</p>"
            }
        ],
        "attachments": [
            {
                "content": "PCFET0NUWVBFIGh0bWw+CjxodG1sIGxhbmc9ImVuIj4KCiAgICA8aGVhZD4KICAgICAgICA8bWV0YSBjaGFyc2V0PSJVVEYtOCI+CiAgICAgICAgPG1ldGEgaHR0cC1lcXVpdj0iWC1VQS1Db21wYXRpYmxlIiBjb250ZW50PSJJRT1lZGdlIj4KICAgICAgICA8bWV0YSBuYW1lPSJ2aWV3cG9ydCIgY29udGVudD0id2lkdGg9ZGV2aWNlLXdpZHRoLCBpbml0aWFsLXNjYWxlPTEuMCI+CiAgICAgICAgPHRpdGxlPkRvY3VtZW50PC90aXRsZT4KICAgIDwvaGVhZD4KCiAgICA8Ym9keT4KCiAgICA8L2JvZHk+Cgo8L2h0bWw+Cg==",
                "filename": "index.html",
                "type": "text/html",
                "disposition": "attachment"
            }
        ],
        "categories": [
            "cake",
            "pie",
            "baking"
        ],
        "send_at": 1617260400,
        "batch_id": "AsdFgHjklQweRTYuIopzXcVBNm0aSDfGHjklmZcVbNMqWert1znmOP2asDFjkl",
        "asm": {
            "group_id": 12345,
            "groups_to_display": [
                12345
            ]
        },
        "ip_pool_name": "transactional email",
        "mail_settings": {
            "bypass_list_management": {
                "enable": false
            },
            "footer": {
                "enable": false
            },
            "sandbox_mode": {
                "enable": false
            }
        },
        "tracking_settings": {
            "click_tracking": {
                "enable": true,
                "enable_text": false
            },
            "open_tracking": {
                "enable": true,
                "substitution_tag": "%open-track%"
            },
            "subscription_tracking": {
                "enable": false
            }
        }
    })
}
