//! Providers' documented payloads, in full, shared by the end-to-end and mapping tests:
//! each is what the provider's reference shows for that call, not trimmed to what the
//! code reads.

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
        "emails": [{"value": "email1@email.com", "primary": true, "label": "work"}],
        "phones": [{"value": "12345", "primary": true, "label": "work"}],
        "is_deleted": false,
        "visible_to": 3,
        "label_ids": [1, 2, 3],
        "picture_id": 1,
        "custom_fields": {},
        "notes": "Contact sync notes",
        "im": [{"value": "skypeusername", "primary": true, "label": "skype"}],
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
