//! Clients generated on 2026-12-05 (after the request pipeline landed) and frozen: see
//! `README.md` here.

/// Amazon S3 (XML bodies, a streamed download, `SlowDown` retries).
pub mod s3;

/// Square `CreateCustomer` (an idempotency key in the body, error and retry conventions).
pub mod square;

/// The `binary` fixture (uploads, multipart, downloads).
pub mod binary;

/// The `responses` fixture (several success and error types).
pub mod responses;
