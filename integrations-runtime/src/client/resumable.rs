//! Resumable uploads, Google's protocol (Drive, Cloud Storage, YouTube): after an
//! operation opens a session (Drive's `uploadType=resumable`, whose answer names the
//! session URL in `Location`), the content goes to that URL in chunks, each a `PUT` with
//! its `Content-Range`. The server answers `308` with the `Range` it holds until the last
//! chunk, which it answers with the created resource. When a chunk fails on the way (a
//! dropped connection, a 5xx), the upload asks the server what it holds
//! (`Content-Range: bytes */<total>`) and goes on from there.

use std::time::Duration;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::decode;
use reqwest::header::HeaderMap;

use crate::error::{DecodeError, Error};
use crate::request::{Method, Request};
use crate::response::{BufferedResponse, Reply};
use crate::retry::RetryPolicy;

use super::Client;

/// Chunks are multiples of this (Google's rule for every chunk but the last).
const CHUNK_QUANTUM: usize = 256 * 1024;

/// An upload to a resumable session, in chunks.
#[derive(Debug)]
#[must_use = "an upload is sent only when `send` is awaited"]
pub struct ResumableUpload<'a> {
    client: &'a Client,
    operation: &'static str,
    server: Option<&'static str>,
    session: String,
    chunk_size: usize,
    max_resumes: u32,
}

/// What the server said after a chunk or a status query.
enum Progress {
    /// It holds the bytes before this offset and wants the rest (the 308's headers).
    Holds(usize, HeaderMap),
    /// It has everything: the created resource.
    Done(BufferedResponse),
}

impl<'a> ResumableUpload<'a> {
    /// An upload to `session` (the URL the opening call answered in `Location`) for
    /// `operation` (named in errors), through `client`: its connection pool, timeouts and
    /// rate limit. The session URL must be on the client's origin, or on the operation
    /// server's given with [`server`](Self::server); it carries the upload's authority,
    /// so no credential is sent with the chunks.
    pub fn new(client: &'a Client, operation: &'static str, session: impl Into<String>) -> Self {
        ResumableUpload {
            client,
            operation,
            server: None,
            session: session.into(),
            chunk_size: 8 * CHUNK_QUANTUM,
            max_resumes: 5,
        }
    }

    /// The session is on this operation server of the API, not the client's base URL.
    pub fn server(mut self, server: &'static str) -> Self {
        self.server = Some(server);
        self
    }

    /// Sends chunks of about `bytes` (rounded down to a multiple of 256 KiB, at least
    /// one); 2 MiB unless set.
    pub fn chunk_size(mut self, bytes: usize) -> Self {
        self.chunk_size = (bytes / CHUNK_QUANTUM).max(1) * CHUNK_QUANTUM;
        self
    }

    /// Resumes after at most this many failed chunks (5 unless set); the next failure is
    /// the upload's error.
    pub fn max_resumes(mut self, resumes: u32) -> Self {
        self.max_resumes = resumes;
        self
    }

    /// Uploads `content` and decodes the created resource as `T` (an error answer's body
    /// as `E`).
    pub async fn send<T: DeserializeOwned, E: DeserializeOwned>(
        self,
        content: impl Into<Bytes>,
    ) -> Result<Reply<T>, Error<E>> {
        let content: Bytes = content.into();
        let total = content.len();
        let mut offset = 0;
        let mut resumes = 0;
        loop {
            let end = (offset + self.chunk_size).min(total);
            let range = if total == 0 {
                "bytes */0".to_owned()
            } else {
                format!("bytes {offset}-{}/{total}", end - 1)
            };
            let sent = self.put(range, content.slice(offset..end)).await;
            let progress = match sent {
                Ok(progress) => progress,
                Err(error) if error.is_retryable() && resumes < self.max_resumes => {
                    resumes += 1;
                    let wait = Duration::from_millis(250 * (1 << resumes.min(6)));
                    self.client.inner.timer.sleep(wait).await;
                    self.put(format!("bytes */{total}"), Bytes::new()).await?
                }
                Err(error) => return Err(error),
            };
            match progress {
                Progress::Done(response) => {
                    let value = decode::json::<T>(&response)?;
                    return Ok(Reply::new(response, value));
                }
                Progress::Holds(held, headers) if held > total => {
                    return Err(self.malformed(
                        &headers,
                        format!("the server says it holds {held} bytes of {total}"),
                    ));
                }
                Progress::Holds(held, _) if held == total => {
                    // Everything is there, yet no resource came back: ask once more.
                    match self.put(format!("bytes */{total}"), Bytes::new()).await? {
                        Progress::Done(response) => {
                            let value = decode::json::<T>(&response)?;
                            return Ok(Reply::new(response, value));
                        }
                        Progress::Holds(_, headers) => {
                            return Err(self.malformed(
                                &headers,
                                format!("the server holds all {total} bytes but does not finish the upload"),
                            ));
                        }
                    }
                }
                Progress::Holds(held, _) => offset = held,
            }
        }
    }

    /// One `PUT` to the session: a chunk, or (with no bytes) a status query.
    async fn put<E: DeserializeOwned>(
        &self,
        content_range: String,
        chunk: Bytes,
    ) -> Result<Progress, Error<E>> {
        let mut request = Request::new(self.operation, Method::Put, "", &[&[]]);
        if let Some(server) = self.server {
            request.server(server);
        }
        let options = request.options_mut();
        options.page_url(self.session.clone());
        // A failed chunk is resumed from what the server holds, not sent again blindly.
        options.retry(RetryPolicy::never());
        request.header("Content-Range", content_range);
        request.body(chunk, "application/octet-stream");
        match self
            .client
            .execute(request, decode::as_sent_json::<E>)
            .await
        {
            Ok(response) => Ok(Progress::Done(response.read().await?)),
            Err(Error::Api(api)) if api.status == 308 => {
                let held = match api.headers.get("range") {
                    None => 0,
                    Some(value) => {
                        held_bytes(value.to_str().unwrap_or_default()).ok_or_else(|| {
                            self.malformed(
                                &api.headers,
                                format!("its Range header {value:?} is not `bytes=0-<last>`"),
                            )
                        })?
                    }
                };
                Ok(Progress::Holds(held, api.headers))
            }
            Err(error) => Err(error),
        }
    }

    /// A 308 answer that makes no sense.
    fn malformed<E>(&self, headers: &HeaderMap, message: String) -> Error<E> {
        Error::Decode(Box::new(DecodeError::new(
            self.operation,
            308,
            None,
            format!("a resumable upload's progress: {message}"),
            &Bytes::new(),
            headers,
        )))
    }
}

/// The number of bytes a `Range: bytes=0-<last>` header says the server holds.
fn held_bytes(range: &str) -> Option<usize> {
    let last = range.trim().strip_prefix("bytes=0-")?;
    last.parse::<usize>().ok()?.checked_add(1)
}

#[cfg(test)]
mod tests {
    use super::held_bytes;

    #[test]
    fn the_range_a_server_holds_is_read() {
        assert_eq!(held_bytes("bytes=0-262143"), Some(262_144));
        assert_eq!(held_bytes(" bytes=0-0 "), Some(1));
        assert_eq!(held_bytes("bytes=5-9"), None);
        assert_eq!(held_bytes("bytes=0-"), None);
        assert_eq!(held_bytes("0-9"), None);
        assert_eq!(held_bytes("bytes=0-18446744073709551615"), None);
    }
}
