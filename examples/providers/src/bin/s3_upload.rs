//! Uploads a file to S3, reads it back and lists the bucket's keys under a prefix, every
//! request signed with SigV4. `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`
//! (`AWS_SESSION_TOKEN` when temporary) and `AWS_S3_BUCKET`; `AWS_S3_BASE_URL` for an
//! S3-compatible store.

use std::sync::Arc;

use integrations::runtime::aws::SigV4;
use integrations::s3;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let bucket = std::env::var("AWS_S3_BUCKET").map_err(|_| "AWS_S3_BUCKET is not set")?;
    let signer = SigV4::s3_from_env()?;
    let mut builder = s3::Client::builder().before_send(Arc::new(signer));
    if std::env::var_os("AWS_S3_BASE_URL").is_none()
        && let Ok(region) = std::env::var("AWS_REGION")
    {
        builder = builder.base_url(format!("https://s3.{region}.amazonaws.com"));
    }
    let client = builder.build()?;
    client
        .upload(&bucket, "reports/2026-q1.csv", "quarter,revenue\nQ1,1200\n")
        .await?;
    let content = client
        .download(&bucket, "reports/2026-q1.csv")
        .await?
        .collect()
        .await?;
    println!("read back {} bytes", content.len());
    let mut keys = client
        .objects()
        .list(&bucket)
        .prefix("reports/")
        .items()
        .max_items(1000);
    while let Some(object) = keys.next().await {
        let object = object?;
        println!("{} ({} bytes)", object.key, object.size.unwrap_or_default());
    }
    Ok(())
}
