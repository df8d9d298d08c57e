//! AWS Signature Version 4 (feature `aws`): requests to S3, or any AWS API, signed on
//! every attempt by a [`BeforeSend`] hook, and presigned URLs.
//!
//! The signing itself is AWS's own `aws-sigv4` crate; this module chooses its settings
//! (S3 signs the payload's SHA-256, or `UNSIGNED-PAYLOAD` for a stream, in an
//! `x-amz-content-sha256` header, and neither normalizes nor double-encodes paths), reads
//! credentials from the standard `AWS_*` variables, and signs each attempt anew, so that
//! a retry carries a fresh `X-Amz-Date`.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SignatureLocation,
    SigningInstructions, SigningSettings, UriPathNormalizationMode, sign,
};
use aws_sigv4::sign::v4;
use reqwest::header::{HeaderName, HeaderValue};

use crate::BoxFuture;
use crate::error::BuildError;
use crate::seams::{Attempt, BeforeSend, BoxError};
use crate::secret::Secret;

/// An AWS access key, with a session token when it is temporary. `Debug` shows the key id
/// only; the secret and the token stay [`Secret`].
#[derive(Clone, Debug)]
pub struct AwsCredentials {
    access_key_id: String,
    secret_access_key: Secret,
    session_token: Option<Secret>,
}

impl AwsCredentials {
    /// A long-term access key.
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<Secret>) -> Self {
        AwsCredentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: None,
        }
    }

    /// With the session token of temporary credentials (STS).
    pub fn session_token(mut self, token: impl Into<Secret>) -> Self {
        self.session_token = Some(token.into());
        self
    }

    /// From `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and (when set)
    /// `AWS_SESSION_TOKEN`.
    pub fn from_env() -> Result<Self, BuildError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let missing = |name: &str| BuildError(format!("{name} is not set"));
        let mut credentials = AwsCredentials::new(
            var("AWS_ACCESS_KEY_ID").ok_or_else(|| missing("AWS_ACCESS_KEY_ID"))?,
            var("AWS_SECRET_ACCESS_KEY").ok_or_else(|| missing("AWS_SECRET_ACCESS_KEY"))?,
        );
        if let Some(token) = var("AWS_SESSION_TOKEN") {
            credentials = credentials.session_token(token);
        }
        Ok(credentials)
    }

    /// The same, as the signer takes them.
    fn signing(&self) -> aws_credential_types::Credentials {
        aws_credential_types::Credentials::new(
            self.access_key_id.clone(),
            self.secret_access_key.expose().to_owned(),
            self.session_token.as_ref().map(|t| t.expose().to_owned()),
            None,
            "integrations",
        )
    }
}

/// Signs requests with AWS Signature Version 4: give it to
/// [`ClientBuilder::before_send`](crate::ClientBuilder::before_send).
#[derive(Clone)]
pub struct SigV4 {
    credentials: AwsCredentials,
    region: String,
    service: String,
    s3: bool,
    sign_payload: bool,
    normalize_path: bool,
    double_encode_path: bool,
    clock: Arc<dyn Fn() -> SystemTime + Send + Sync>,
}

impl std::fmt::Debug for SigV4 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigV4")
            .field("credentials", &self.credentials)
            .field("region", &self.region)
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

impl SigV4 {
    /// A signer for `service` (`"s3"`, `"sqs"`) in `region`, with AWS's default settings:
    /// paths normalized and encoded twice, the payload not in a header. For S3, use
    /// [`SigV4::s3`].
    pub fn new(
        credentials: AwsCredentials,
        region: impl Into<String>,
        service: impl Into<String>,
    ) -> Self {
        SigV4 {
            credentials,
            region: region.into(),
            service: service.into(),
            s3: false,
            sign_payload: false,
            normalize_path: true,
            double_encode_path: true,
            clock: Arc::new(SystemTime::now),
        }
    }

    /// A signer for S3 in `region`: the payload's SHA-256 in `x-amz-content-sha256`
    /// (`UNSIGNED-PAYLOAD` for a streamed body), paths as they are.
    pub fn s3(credentials: AwsCredentials, region: impl Into<String>) -> Self {
        SigV4 {
            s3: true,
            sign_payload: true,
            normalize_path: false,
            double_encode_path: false,
            ..SigV4::new(credentials, region, "s3")
        }
    }

    /// An S3 signer with credentials from the `AWS_*` variables and the region from
    /// `AWS_REGION` (or `AWS_DEFAULT_REGION`).
    pub fn s3_from_env() -> Result<Self, BuildError> {
        let region = ["AWS_REGION", "AWS_DEFAULT_REGION"]
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
            .ok_or_else(|| BuildError("AWS_REGION is not set".to_owned()))?;
        Ok(SigV4::s3(AwsCredentials::from_env()?, region))
    }

    /// Whether the payload's SHA-256 is signed (S3: yes, unless the body is a stream);
    /// `false` sends `UNSIGNED-PAYLOAD`, which S3 accepts over HTTPS.
    pub fn sign_payload(mut self, sign: bool) -> Self {
        self.sign_payload = sign;
        self
    }

    /// Whether the path is normalized (`/a/./b` as `/a/b`) before signing.
    pub fn normalize_path(mut self, normalize: bool) -> Self {
        self.normalize_path = normalize;
        self
    }

    /// Whether the (already encoded) path is encoded once more for the signature, as
    /// every AWS service but S3 expects.
    pub fn double_encode_path(mut self, double: bool) -> Self {
        self.double_encode_path = double;
        self
    }

    /// Signs at `time` instead of now (for test vectors and reproducible signatures).
    pub fn at(mut self, time: SystemTime) -> Self {
        self.clock = Arc::new(move || time);
        self
    }

    fn settings(
        &self,
        location: SignatureLocation,
        expires_in: Option<Duration>,
    ) -> SigningSettings {
        let mut settings = SigningSettings::default();
        settings.signature_location = location;
        settings.expires_in = expires_in;
        settings.percent_encoding_mode = if self.double_encode_path {
            PercentEncodingMode::Double
        } else {
            PercentEncodingMode::Single
        };
        settings.uri_path_normalization_mode = if self.normalize_path {
            UriPathNormalizationMode::Enabled
        } else {
            UriPathNormalizationMode::Disabled
        };
        // S3 wants the payload hash in a header on a request, never on a presigned URL.
        settings.payload_checksum_kind =
            if self.sign_payload && location == SignatureLocation::Headers {
                PayloadChecksumKind::XAmzSha256
            } else {
                PayloadChecksumKind::NoHeader
            };
        settings
    }

    /// What signing a request asks to add: its headers, or its query parameters.
    fn instructions<'a>(
        &self,
        location: SignatureLocation,
        expires_in: Option<Duration>,
        method: &'a str,
        url: &'a str,
        headers: impl Iterator<Item = (&'a str, &'a str)>,
        body: SignableBody<'a>,
    ) -> Result<SigningInstructions, SigningFailed> {
        let identity = self.credentials.signing().into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.region)
            .name(&self.service)
            .time((self.clock)())
            .settings(self.settings(location, expires_in))
            .build()
            .map_err(SigningFailed::new)?
            .into();
        let signable =
            SignableRequest::new(method, url, headers, body).map_err(SigningFailed::new)?;
        let (instructions, _signature) = sign(signable, &params)
            .map_err(SigningFailed::new)?
            .into_parts();
        Ok(instructions)
    }

    /// Signs `request` in place: `X-Amz-Date`, `Authorization`, and (per the settings)
    /// `x-amz-content-sha256` and `X-Amz-Security-Token`.
    pub fn sign_request(&self, request: &mut reqwest::Request) -> Result<(), SigningFailed> {
        let body = match request.body() {
            None => SignableBody::Bytes(&[]),
            Some(body) => match body.as_bytes() {
                Some(bytes) if self.sign_payload => SignableBody::Bytes(bytes),
                // A stream: its hash is not known before it is sent.
                _ if self.s3 => SignableBody::UnsignedPayload,
                Some(bytes) => SignableBody::Bytes(bytes),
                None => SignableBody::UnsignedPayload,
            },
        };
        let instructions = self.instructions(
            SignatureLocation::Headers,
            None,
            request.method().as_str(),
            request.url().as_str(),
            text_headers(request.headers()),
            body,
        )?;
        let (headers, _) = instructions.into_parts();
        for header in headers {
            let name = HeaderName::from_static(header.name());
            let mut value = HeaderValue::from_str(header.value()).map_err(SigningFailed::new)?;
            // The signature and the session token are credentials: kept out of logs.
            value.set_sensitive(
                header.sensitive()
                    || name == reqwest::header::AUTHORIZATION
                    || name == "x-amz-security-token",
            );
            request.headers_mut().insert(name, value);
        }
        Ok(())
    }

    /// A presigned URL for `method` on `url`, valid for `expires_in` (S3 allows up to 7
    /// days): anyone holding it can make that one request without credentials. `headers`
    /// are signed too (usually none: then the request must carry none of its own that
    /// S3 checks).
    pub fn presign(
        &self,
        method: &str,
        url: &reqwest::Url,
        headers: &reqwest::header::HeaderMap,
        expires_in: Duration,
    ) -> Result<reqwest::Url, SigningFailed> {
        let body = if self.s3 {
            SignableBody::UnsignedPayload
        } else {
            SignableBody::Bytes(&[])
        };
        let instructions = self.instructions(
            SignatureLocation::QueryParams,
            Some(expires_in),
            method,
            url.as_str(),
            text_headers(headers),
            body,
        )?;
        let (_, query) = instructions.into_parts();
        let mut presigned = url.clone();
        {
            let mut pairs = presigned.query_pairs_mut();
            for (name, value) in &query {
                pairs.append_pair(name, value);
            }
        }
        Ok(presigned)
    }
}

/// The headers whose values are text, as the signer takes them.
fn text_headers(headers: &reqwest::header::HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .iter()
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
}

impl BeforeSend for SigV4 {
    fn before_send<'a>(
        &'a self,
        request: &'a mut reqwest::Request,
        _attempt: &'a Attempt,
    ) -> BoxFuture<'a, Result<(), BoxError>> {
        let signed = self.sign_request(request).map_err(BoxError::from);
        Box::pin(std::future::ready(signed))
    }
}

/// A request that could not be signed.
#[derive(Debug, thiserror::Error)]
#[error("cannot sign the request with SigV4: {0}")]
pub struct SigningFailed(Cow<'static, str>);

impl SigningFailed {
    fn new(error: impl std::fmt::Display) -> Self {
        SigningFailed(Cow::Owned(error.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_keeps_the_secret_and_the_token_out() {
        let credentials = AwsCredentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG")
            .session_token("FwoGZXIvYXdzEJr");
        let signer = SigV4::s3(credentials, "eu-west-3");
        let printed = format!("{signer:?}");
        assert!(printed.contains("AKIDEXAMPLE"), "{printed}");
        assert!(!printed.contains("wJalrXUtnFEMI"), "{printed}");
        assert!(!printed.contains("FwoGZXIvYXdzEJr"), "{printed}");
    }

    #[test]
    fn a_signed_request_carries_the_payload_hash_and_a_sensitive_authorization() {
        let signer = SigV4::s3(AwsCredentials::new("AKIDEXAMPLE", "secret"), "us-east-1")
            .at(SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160));
        let mut request = reqwest::Request::new(
            reqwest::Method::PUT,
            "https://examplebucket.s3.amazonaws.com/test.txt"
                .parse()
                .unwrap(),
        );
        *request.body_mut() = Some("Welcome to Amazon S3.".into());
        signer.sign_request(&mut request).unwrap();
        let headers = request.headers();
        // The SHA-256 of the body, hex.
        assert_eq!(
            headers["x-amz-content-sha256"],
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"
        );
        assert_eq!(headers["x-amz-date"], "20150830T123600Z");
        assert!(headers["authorization"].is_sensitive());
        assert!(
            headers["authorization"]
                .to_str()
                .unwrap()
                .starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=")
        );
    }
}
