//! Helpers shared by the runtime's integration tests: a manual clock at a fixed time, and
//! one call sent and its JSON answer decoded.

#![allow(dead_code)]

use std::time::{Duration, SystemTime};

use integrations_runtime::time::ManualTimer;
use integrations_runtime::{Client, Request};

/// A manual clock at 2023-11-14T22:13:20Z: sleeps on it return at once and are recorded.
pub fn timer() -> ManualTimer {
    ManualTimer::new(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000))
}

/// Sends `request` and decodes the answer (and any error body) as JSON.
pub async fn send_json(
    client: &Client,
    request: Request,
) -> Result<serde_json::Value, integrations_runtime::Error> {
    let response = client
        .execute(
            request,
            integrations_runtime::decode::json::<serde_json::Value>,
        )
        .await?;
    response.decode(integrations_runtime::decode::json).await
}
