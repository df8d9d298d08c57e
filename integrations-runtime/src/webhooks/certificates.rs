//! Signing certificates fetched from the provider: PayPal and Amazon SNS sign with a key
//! whose certificate a delivery names by URL. The URL must be HTTPS on a host the
//! provider owns; the certificate is fetched once, parsed, checked (validity, subject)
//! and kept.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use x509_cert::Certificate;
use x509_cert::der::DecodePem;

use super::WebhookError;
use crate::BoxFuture;

/// The largest certificate (PEM) fetched.
const MAX_CERTIFICATE: usize = 64 * 1024;

/// How many certificates a verifier keeps (providers rotate them rarely).
const MAX_CACHED: usize = 32;

/// Where signing certificates come from.
pub trait CertificateSource: Send + Sync + fmt::Debug {
    /// The PEM text at `url` (already checked to be an allowed HTTPS URL).
    fn fetch<'a>(&'a self, url: &'a str) -> BoxFuture<'a, Result<Vec<u8>, WebhookError>>;
}

/// Fetches certificates over HTTPS (the server's TLS certificate is checked for the
/// allowed host, which is what makes the fetched certificate the provider's).
#[derive(Debug, Clone)]
pub struct HttpsCertificates {
    http: reqwest::Client,
}

impl HttpsCertificates {
    /// A source with its own HTTP client (10-second timeouts, no redirects).
    pub fn new() -> Result<Self, WebhookError> {
        crate::install_tls_provider();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(10))
            .https_only(true)
            .build()
            .map_err(|e| WebhookError::Config(format!("cannot start the HTTP client: {e}")))?;
        Ok(HttpsCertificates { http })
    }
}

impl CertificateSource for HttpsCertificates {
    fn fetch<'a>(&'a self, url: &'a str) -> BoxFuture<'a, Result<Vec<u8>, WebhookError>> {
        Box::pin(async move {
            let failed = |what: String| WebhookError::Certificate(format!("{url}: {what}"));
            let response = self
                .http
                .get(url)
                .send()
                .await
                .map_err(|e| failed(e.to_string()))?;
            if !response.status().is_success() {
                return Err(failed(format!("HTTP {}", response.status())));
            }
            if response
                .content_length()
                .is_some_and(|n| n > MAX_CERTIFICATE as u64)
            {
                return Err(failed("larger than a certificate".to_owned()));
            }
            let bytes = response.bytes().await.map_err(|e| failed(e.to_string()))?;
            if bytes.len() > MAX_CERTIFICATE {
                return Err(failed("larger than a certificate".to_owned()));
            }
            Ok(bytes.to_vec())
        })
    }
}

/// A signing certificate, parsed: what verification needs of it.
#[derive(Debug, Clone)]
pub(crate) struct SigningCertificate {
    /// The RSA public key (PKCS#1 `RSAPublicKey` DER, as the certificate holds it).
    pub(crate) public_key: Vec<u8>,
    pub(crate) common_name: String,
    pub(crate) not_before: SystemTime,
    pub(crate) not_after: SystemTime,
}

impl SigningCertificate {
    /// The first certificate of `pem` (a chain's leaf).
    pub(crate) fn parse(url: &str, pem: &[u8]) -> Result<Self, WebhookError> {
        let failed = |what: String| WebhookError::Certificate(format!("{url}: {what}"));
        let chain = Certificate::load_pem_chain(pem)
            .or_else(|_| Certificate::from_pem(pem).map(|c| vec![c]))
            .map_err(|e| failed(format!("not a PEM certificate: {e}")))?;
        let leaf = chain
            .first()
            .ok_or_else(|| failed("no certificate".to_owned()))?;
        let tbs = leaf.tbs_certificate();
        let public_key = tbs
            .subject_public_key_info()
            .subject_public_key
            .as_bytes()
            .ok_or_else(|| failed("a public key of a partial byte".to_owned()))?
            .to_vec();
        let common_name = tbs
            .subject()
            .common_name()
            .map_err(|e| failed(format!("a subject that does not parse: {e}")))?
            .map(|name| name.value().into_owned())
            .unwrap_or_default();
        Ok(SigningCertificate {
            public_key,
            common_name,
            not_before: tbs.validity().not_before.to_system_time(),
            not_after: tbs.validity().not_after.to_system_time(),
        })
    }

    /// Refuses a certificate outside its validity at `now`.
    pub(crate) fn check_validity(&self, now: SystemTime) -> Result<(), WebhookError> {
        if now < self.not_before || now > self.not_after {
            return Err(WebhookError::Certificate(format!(
                "the certificate of `{}` is not valid now",
                self.common_name
            )));
        }
        Ok(())
    }

    /// Verifies an RSA PKCS#1 v1.5 signature over `message` (`sha1`: the legacy SHA-1
    /// digest, which Amazon SNS's signature version 1 uses).
    pub(crate) fn verify_rsa(
        &self,
        message: &[u8],
        signature: &[u8],
        sha1: bool,
    ) -> Result<(), WebhookError> {
        let algorithm: &'static dyn ring::signature::VerificationAlgorithm = if sha1 {
            &ring::signature::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY
        } else {
            &ring::signature::RSA_PKCS1_2048_8192_SHA256
        };
        ring::signature::UnparsedPublicKey::new(algorithm, &self.public_key)
            .verify(message, signature)
            .map_err(|_| WebhookError::BadSignature)
    }
}

/// The host rule a certificate URL must meet.
#[derive(Debug, Clone, Copy)]
pub(crate) enum HostRule {
    /// One of these hosts exactly.
    Exactly(&'static [&'static str]),
    /// `sns.<region>.amazonaws.com` (or `.amazonaws.com.cn`).
    AmazonSns,
}

impl HostRule {
    fn allows(self, host: &str) -> bool {
        match self {
            HostRule::Exactly(hosts) => hosts.contains(&host),
            HostRule::AmazonSns => {
                let region = host
                    .strip_prefix("sns.")
                    .and_then(|rest| {
                        rest.strip_suffix(".amazonaws.com")
                            .or_else(|| rest.strip_suffix(".amazonaws.com.cn"))
                    })
                    .unwrap_or("");
                !region.is_empty()
                    && region
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            }
        }
    }
}

/// Refuses a certificate URL that is not HTTPS on an allowed host (no user info, no
/// other port), whatever the delivery claims.
pub(crate) fn check_url(
    url: &str,
    rule: HostRule,
    header: &'static str,
) -> Result<(), WebhookError> {
    let refused = |what: &str| WebhookError::Malformed {
        header,
        what: format!("`{url}` {what}"),
    };
    let parsed = reqwest::Url::parse(url).map_err(|_| refused("is not a URL"))?;
    if parsed.scheme() != "https" {
        return Err(refused("is not HTTPS"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(refused("carries user information"));
    }
    if parsed.port().is_some_and(|port| port != 443) {
        return Err(refused("names another port"));
    }
    match parsed.host_str() {
        Some(host) if rule.allows(host) => Ok(()),
        _ => Err(refused("is not on a host the provider signs from")),
    }
}

/// Certificates fetched and parsed, by URL.
#[derive(Clone)]
pub(crate) struct CertificateCache {
    source: Arc<dyn CertificateSource>,
    parsed: Arc<Mutex<HashMap<String, Arc<SigningCertificate>>>>,
}

impl fmt::Debug for CertificateCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CertificateCache")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl CertificateCache {
    pub(crate) fn new(source: Arc<dyn CertificateSource>) -> Self {
        CertificateCache {
            source,
            parsed: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<SigningCertificate>>> {
        self.parsed.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The certificate at `url`, fetched if it is not kept yet.
    pub(crate) async fn load(&self, url: &str) -> Result<(), WebhookError> {
        if self.lock().contains_key(url) {
            return Ok(());
        }
        let pem = self.source.fetch(url).await?;
        let certificate = SigningCertificate::parse(url, &pem)?;
        let mut parsed = self.lock();
        if parsed.len() >= MAX_CACHED {
            parsed.clear();
        }
        parsed.insert(url.to_owned(), Arc::new(certificate));
        Ok(())
    }

    /// The certificate at `url`, if [`load`](Self::load) fetched it.
    pub(crate) fn get(&self, url: &str) -> Result<Arc<SigningCertificate>, WebhookError> {
        self.lock().get(url).cloned().ok_or_else(|| {
            WebhookError::Certificate(format!(
                "{url}: not fetched (the receiver verifies with `Webhooks::receive`, which fetches it first)"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_urls_on_the_provider_s_hosts_are_fetched() {
        const PAYPAL: HostRule = HostRule::Exactly(&["api.paypal.com", "api.sandbox.paypal.com"]);
        for ok in [
            "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270",
            "https://api.sandbox.paypal.com/v1/notifications/certs/x",
            "https://api.paypal.com:443/x",
        ] {
            assert!(check_url(ok, PAYPAL, "h").is_ok(), "{ok}");
        }
        for bad in [
            "http://api.paypal.com/x",
            "https://api.paypal.com.evil.example/x",
            "https://api.paypal.com@evil.example/x",
            "https://user@api.paypal.com/x",
            "https://api.paypal.com:8443/x",
            "https://evil.example/api.paypal.com",
            "not a url",
        ] {
            assert!(check_url(bad, PAYPAL, "h").is_err(), "{bad}");
        }
        for ok in [
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem",
        ] {
            assert!(check_url(ok, HostRule::AmazonSns, "h").is_ok(), "{ok}");
        }
        for bad in [
            "https://sns.amazonaws.com/x.pem",
            "https://sns.us-east-1.amazonaws.com.evil.example/x.pem",
            "https://evil.sns.us-east-1.amazonaws.com/x.pem",
            "https://sns.us_east.amazonaws.com/x.pem",
            "https://s3.us-east-1.amazonaws.com/x.pem",
        ] {
            assert!(check_url(bad, HostRule::AmazonSns, "h").is_err(), "{bad}");
        }
    }
}
