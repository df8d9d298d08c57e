//! Serves the HubSpot connection example on 127.0.0.1:3000.
//!
//! Needs `HUBSPOT_CLIENT_ID`, `HUBSPOT_CLIENT_SECRET` (a HubSpot app whose redirect URL
//! is `http://localhost:3000/callback`) and `HUBSPOT_TOKEN_KEY` (64 hex digits: the key
//! the token file `hubspot-tokens.bin` is encrypted with). Open
//! `http://localhost:3000/connect?user=me`, approve, then `/account?user=me`.

use std::sync::Arc;

use example_oauth_connect::{App, HUBSPOT_OAUTH};
use integrations_runtime::oauth::{EncryptedFileStore, OAuthClient};

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

/// 64 hex digits as a 32-byte key.
fn key_from_hex(hex: &str) -> Result<[u8; 32], String> {
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect::<Option<_>>()
        .ok_or("HUBSPOT_TOKEN_KEY is not hex")?;
    bytes
        .try_into()
        .map_err(|_| "HUBSPOT_TOKEN_KEY is not 64 hex digits (32 bytes)".to_owned())
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let oauth = OAuthClient::builder(HUBSPOT_OAUTH, env("HUBSPOT_CLIENT_ID")?)
        .client_secret(env("HUBSPOT_CLIENT_SECRET")?)
        .redirect_uri("http://localhost:3000/callback")
        .build()
        .map_err(|e| e.to_string())?;
    let store = EncryptedFileStore::new(
        "hubspot-tokens.bin",
        key_from_hex(&env("HUBSPOT_TOKEN_KEY")?)?,
    );
    let app = App::new(
        oauth,
        Arc::new(store),
        &["oauth", "crm.objects.contacts.read"],
        "https://api.hubapi.com",
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000")
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:3000: {e}"))?;
    println!("open http://localhost:3000/connect?user=me");
    app.serve(listener).await.map_err(|e| e.to_string())
}
