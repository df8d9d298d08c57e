//! `integrations`: typed clients for external APIs.
//!
//! This is the crate applications depend on. Each provider is a cargo feature (none is on
//! by default) whose module holds a client generated from the spec this project ships
//! for it, with resource verbs (`stripe::Client::customers().create(..)`), paging
//! streams (`.list().items()`), typed errors carrying the provider's code, and
//! `Client::from_env()`:
//!
//! ```toml
//! integrations = { version = "0.1", features = ["stripe", "slack"] }
//! ```
//!
//! It re-exports the shared runtime the clients call (`integrations::runtime`). Clients
//! for other APIs are generated from their OpenAPI descriptions by `integrations-codegen`
//! (a CLI, a build.rs `Config`, or the `#[integration]` macro).
#![warn(missing_docs)]

pub use integrations_runtime as runtime;

/// Schema.org types, generated from `specs/schema.org/vocabulary.toml`: the shared shapes
/// provider types convert to and from (`Person`, `Organization`, `PostalAddress`,
/// `Order`, `MonetaryAmount`, …). Each is a struct of optional properties with setters,
/// read and written as JSON-LD: Schema.org's property names, `"@type"` written on output
/// and required on input, and properties not listed here kept in `other`.
///
/// ```
/// use integrations::schema::{Person, PostalAddress};
///
/// let ada = Person::new()
///     .given_name("Ada")
///     .family_name("Lovelace")
///     .email("ada@example.com")
///     .address(PostalAddress::new().address_locality("London"));
/// let json = integrations::runtime::serde_json::to_value(&ada).unwrap();
/// assert_eq!(json["@type"], "Person");
/// assert_eq!(json["address"]["@type"], "PostalAddress");
/// ```
pub mod schema {
    include!(concat!(env!("OUT_DIR"), "/schema.rs"));
}

/// Declares a provider module holding the generated client, behind its feature.
macro_rules! provider {
    ($feature:literal, $name:ident, $doc:literal) => {
        #[cfg(feature = $feature)]
        #[doc = $doc]
        pub mod $name {
            include!(concat!(env!("OUT_DIR"), "/", $feature, ".rs"));
            include!(concat!(env!("OUT_DIR"), "/", $feature, "_mappings.rs"));
        }
    };
}

provider!(
    "stripe",
    stripe,
    "Stripe: customers, payment intents and subscriptions (`STRIPE_API_KEY`)."
);
provider!(
    "square",
    square,
    "Square: customers (`SQUARE_ACCESS_TOKEN`; the `Square-Version` header is sent)."
);
provider!(
    "twilio",
    twilio,
    "Twilio: SMS and MMS messages (`TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN`)."
);
provider!(
    "sendgrid",
    sendgrid,
    "SendGrid: sending mail with `send` (`SENDGRID_API_KEY`)."
);
provider!(
    "slack",
    slack,
    "Slack: posting messages with `send` and listing conversations (`SLACK_BOT_TOKEN`)."
);
provider!(
    "s3",
    s3,
    "Amazon S3: objects and bucket tagging, signed with SigV4 (`runtime::aws`)."
);
provider!(
    "salesforce",
    salesforce,
    "Salesforce: leads, accounts, contacts and opportunities, SOQL queries and limits (an OAuth connection, or `SALESFORCE_ACCESS_TOKEN` with `SALESFORCE_BASE_URL`)."
);
provider!(
    "hubspot",
    hubspot,
    "HubSpot CRM: contacts, companies and deals (`HUBSPOT_API_KEY`, a private-app token)."
);
provider!(
    "paypal",
    paypal,
    "PayPal: orders (create, authorize, capture) and payments (authorizations, captures, refunds); `PAYPAL_ACCESS_TOKEN`, the sandbox by default."
);
provider!(
    "pipedrive",
    pipedrive,
    "Pipedrive (API v2): persons, organizations and deals (`PIPEDRIVE_API_TOKEN`, or an OAuth connection calling the company's `api_domain`)."
);
provider!(
    "dropbox",
    dropbox,
    "Dropbox: file upload and download on the content host, folder listings with `list_folder/continue` paging, metadata, delete and create folder (`DROPBOX_ACCESS_TOKEN`)."
);
provider!(
    "google-drive",
    google_drive,
    "Google Drive: files listed with `pageToken` paging, read, created, changed and deleted; `alt=media` downloads; multipart/related uploads and resumable sessions for large files (`GOOGLE_DRIVE_ACCESS_TOKEN`)."
);
