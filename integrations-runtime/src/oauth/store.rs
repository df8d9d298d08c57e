//! Where connections' tokens live between calls and between runs of the program.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use secrecy::{ExposeSecret, SecretBox};
use serde_json::{Map, Value};

use super::TokenSet;
use crate::BoxFuture;

/// A token store that failed: what it was doing, and why.
#[derive(Debug, thiserror::Error)]
#[error("token store: {0}")]
pub struct StoreError(pub String);

/// Keeps the tokens of connections, by connection id.
///
/// A connection saves its tokens after every refresh, so a store must be safe to call
/// from many tasks; the methods are async so that a database can stand behind them.
pub trait TokenStore: Send + Sync + fmt::Debug {
    /// The tokens of `connection`, if any are stored.
    fn load<'a>(
        &'a self,
        connection: &'a str,
    ) -> BoxFuture<'a, Result<Option<TokenSet>, StoreError>>;

    /// Stores `tokens` for `connection`, replacing what was there.
    fn save<'a>(
        &'a self,
        connection: &'a str,
        tokens: &'a TokenSet,
    ) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Forgets `connection` (it ended, or the user disconnected).
    fn remove<'a>(&'a self, connection: &'a str) -> BoxFuture<'a, Result<(), StoreError>>;
}

/// Tokens in memory, lost when the program ends.
#[derive(Default)]
pub struct MemoryStore {
    tokens: Mutex<HashMap<String, TokenSet>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, TokenSet>) -> T) -> T {
        // A panic elsewhere cannot leave the map half-written: keep using it.
        let mut map = self
            .tokens
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut map)
    }
}

impl fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let connections = self.with(|map| map.len());
        f.debug_struct("MemoryStore")
            .field("connections", &connections)
            .finish()
    }
}

impl TokenStore for MemoryStore {
    fn load<'a>(
        &'a self,
        connection: &'a str,
    ) -> BoxFuture<'a, Result<Option<TokenSet>, StoreError>> {
        let found = self.with(|map| map.get(connection).cloned());
        Box::pin(async move { Ok(found) })
    }

    fn save<'a>(
        &'a self,
        connection: &'a str,
        tokens: &'a TokenSet,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        self.with(|map| map.insert(connection.to_owned(), tokens.clone()));
        Box::pin(async { Ok(()) })
    }

    fn remove<'a>(&'a self, connection: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        self.with(|map| map.remove(connection));
        Box::pin(async { Ok(()) })
    }
}

/// The first bytes of an encrypted token file: the format and its version.
const MAGIC: &[u8; 8] = b"INTGTOK1";
/// XChaCha20-Poly1305's nonce: 24 bytes, random for every write.
const NONCE_LEN: usize = 24;

/// Tokens in one file, encrypted at rest with XChaCha20-Poly1305 under a 32-byte key the
/// caller supplies (from a secret manager or a key file; never stored next to the
/// tokens).
///
/// The file holds every connection's tokens as one JSON object, sealed with a fresh
/// random nonce on each write and replaced atomically (written beside it, then renamed),
/// so a crash leaves the old file or the new one. A wrong key, or a file changed by
/// anyone else, fails authentication and is reported, never read as empty. One process
/// should own the file; calls within it are serialized.
pub struct EncryptedFileStore {
    path: PathBuf,
    key: SecretBox<[u8; 32]>,
    lock: Mutex<()>,
}

impl EncryptedFileStore {
    /// A store in `path` (created on the first save) under `key`.
    pub fn new(path: impl Into<PathBuf>, key: [u8; 32]) -> Self {
        EncryptedFileStore {
            path: path.into(),
            key: SecretBox::new(Box::new(key)),
            lock: Mutex::new(()),
        }
    }

    /// The file the tokens are kept in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&(*self.key.expose_secret()).into())
    }

    /// Every connection's stored form, decrypted (empty when there is no file yet).
    fn read_all(&self) -> Result<Map<String, Value>, StoreError> {
        let at = self.path.display();
        let sealed = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Map::new()),
            Err(e) => return Err(StoreError(format!("cannot read {at}: {e}"))),
        };
        let rest = sealed
            .strip_prefix(MAGIC)
            .filter(|rest| rest.len() >= NONCE_LEN)
            .ok_or_else(|| StoreError(format!("{at} is not an encrypted token file")))?;
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce = XNonce::try_from(nonce)
            .map_err(|_| StoreError(format!("{at}: the nonce is not {NONCE_LEN} bytes")))?;
        let plain = self.cipher().decrypt(&nonce, ciphertext).map_err(|_| {
            StoreError(format!(
                "cannot decrypt {at}: the key is not the one it was written with, or the file was changed"
            ))
        })?;
        match serde_json::from_slice(&plain) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(StoreError(format!(
                "{at} decrypts to something that is not a token map"
            ))),
        }
    }

    fn write_all(&self, map: &Map<String, Value>) -> Result<(), StoreError> {
        let at = self.path.display();
        let plain = serde_json::to_vec(map)
            .map_err(|e| StoreError(format!("cannot serialize the tokens: {e}")))?;
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce)
            .map_err(|e| StoreError(format!("no random nonce from the operating system: {e}")))?;
        let ciphertext = self
            .cipher()
            .encrypt(&XNonce::from(nonce), plain.as_slice())
            .map_err(|_| StoreError("encryption failed".to_owned()))?;
        let mut sealed = Vec::with_capacity(MAGIC.len() + NONCE_LEN + ciphertext.len());
        sealed.extend_from_slice(MAGIC);
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        let mut partial = self.path.clone().into_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        write_durably(&partial, &sealed)
            .map_err(|e| StoreError(format!("cannot write {}: {e}", partial.display())))?;
        std::fs::rename(&partial, &self.path)
            .map_err(|e| StoreError(format!("cannot replace {at}: {e}")))
    }

    /// Reads, changes and (when `change` says so) writes the file, serialized with other
    /// calls. The file is small: the work is done in place rather than on another thread.
    fn update<T>(
        &self,
        change: impl FnOnce(&mut Map<String, Value>) -> Result<(T, bool), StoreError>,
    ) -> Result<T, StoreError> {
        let _held = self
            .lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut map = self.read_all()?;
        let (out, write) = change(&mut map)?;
        if write {
            self.write_all(&map)?;
        }
        Ok(out)
    }
}

/// Writes `bytes` to a new file at `path`, readable by its owner only (on Unix), and
/// flushed to the disk before the rename that publishes it.
fn write_durably(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

impl fmt::Debug for EncryptedFileStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncryptedFileStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl TokenStore for EncryptedFileStore {
    fn load<'a>(
        &'a self,
        connection: &'a str,
    ) -> BoxFuture<'a, Result<Option<TokenSet>, StoreError>> {
        let found = self.update(|map| {
            let tokens = match map.get(connection) {
                Some(stored) => Some(TokenSet::from_stored(stored).map_err(|e| {
                    StoreError(format!(
                        "connection `{connection}` in {}: {e}",
                        self.path.display()
                    ))
                })?),
                None => None,
            };
            Ok((tokens, false))
        });
        Box::pin(async move { found })
    }

    fn save<'a>(
        &'a self,
        connection: &'a str,
        tokens: &'a TokenSet,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        let done = self.update(|map| {
            map.insert(connection.to_owned(), tokens.to_stored());
            Ok(((), true))
        });
        Box::pin(async move { done })
    }

    fn remove<'a>(&'a self, connection: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        let done = self.update(|map| {
            let removed = map.remove(connection).is_some();
            Ok(((), removed))
        });
        Box::pin(async move { done })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn tokens(access: &str) -> TokenSet {
        TokenSet::new(access)
            .with_refresh_token("refresh-secret-42")
            .with_expiry(UNIX_EPOCH + Duration::from_secs(1_700_000_000))
    }

    fn block_on<T>(future: BoxFuture<'_, T>) -> T {
        // The stores' futures are ready at once.
        futures_util::FutureExt::now_or_never(future).expect("ready")
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("integrations-store-{}-{name}", std::process::id()));
        let _ = std::fs::remove_file(&dir);
        dir
    }

    #[test]
    fn the_file_store_round_trips_and_hides_the_tokens() {
        let path = scratch("round-trip");
        let store = EncryptedFileStore::new(&path, [7; 32]);
        assert!(block_on(store.load("ada")).expect("load").is_none());
        block_on(store.save("ada", &tokens("access-secret-1"))).expect("save");
        block_on(store.save("grace", &tokens("access-secret-2"))).expect("save");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("file").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "only the owner reads the token file");
        }
        let again = EncryptedFileStore::new(&path, [7; 32]);
        assert_eq!(
            block_on(again.load("ada")).expect("load"),
            Some(tokens("access-secret-1"))
        );
        let bytes = std::fs::read(&path).expect("file");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("access-secret") && !text.contains("refresh-secret"));
        block_on(again.remove("ada")).expect("remove");
        assert!(block_on(store.load("ada")).expect("load").is_none());
        assert!(block_on(store.load("grace")).expect("load").is_some());
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_wrong_key_or_a_changed_file_is_an_error_not_an_empty_store() {
        let path = scratch("wrong-key");
        block_on(EncryptedFileStore::new(&path, [1; 32]).save("ada", &tokens("a"))).expect("save");
        let error =
            block_on(EncryptedFileStore::new(&path, [2; 32]).load("ada")).expect_err("wrong key");
        assert!(error.to_string().contains("cannot decrypt"), "{error}");
        let mut bytes = std::fs::read(&path).expect("file");
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).expect("write");
        let error =
            block_on(EncryptedFileStore::new(&path, [1; 32]).load("ada")).expect_err("changed");
        assert!(error.to_string().contains("cannot decrypt"), "{error}");
        std::fs::write(&path, b"{\"ada\": {}}").expect("write");
        let error =
            block_on(EncryptedFileStore::new(&path, [1; 32]).load("ada")).expect_err("plain");
        assert!(
            error.to_string().contains("not an encrypted token file"),
            "{error}"
        );
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn the_memory_store_keeps_tokens_by_connection() {
        let store = MemoryStore::new();
        block_on(store.save("ada", &tokens("a"))).expect("save");
        assert_eq!(
            block_on(store.load("ada")).expect("load"),
            Some(tokens("a"))
        );
        assert!(block_on(store.load("grace")).expect("load").is_none());
        block_on(store.remove("ada")).expect("remove");
        assert!(block_on(store.load("ada")).expect("load").is_none());
        assert_eq!(format!("{store:?}"), "MemoryStore { connections: 0 }");
    }
}
