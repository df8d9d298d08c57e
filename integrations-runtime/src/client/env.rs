//! Configuring a client from the environment: which variables hold its credentials and
//! base URL (generated per provider from `provider.toml`), and reading them strictly, so
//! that a missing, empty or mangled variable is an error naming it rather than a request
//! the provider refuses later.

use crate::error::BuildError;
use crate::secret::Secret;

use super::builder::ClientBuilder;

/// The environment variables a provider's `Client::from_env` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnvVars {
    /// A bearer token, for every bearer and OAuth 2.0 scheme.
    pub bearer: Option<&'static str>,
    /// HTTP Basic user and password.
    pub basic: Option<(&'static str, &'static str)>,
    /// An API key, for every API key scheme.
    pub api_key: Option<&'static str>,
    /// A variable choosing the environment (`PAYPAL_MODE`), and each environment's base
    /// URL (`("sandbox", "https://api-m.sandbox.paypal.com")`).
    pub mode: Option<(&'static str, &'static [(&'static str, &'static str)])>,
}

impl EnvVars {
    /// No variables.
    pub const fn new() -> Self {
        EnvVars {
            bearer: None,
            basic: None,
            api_key: None,
            mode: None,
        }
    }

    /// A bearer token in `variable`.
    pub const fn bearer(mut self, variable: &'static str) -> Self {
        self.bearer = Some(variable);
        self
    }

    /// HTTP Basic credentials: the user in `user`, the password in `password`.
    pub const fn basic(mut self, user: &'static str, password: &'static str) -> Self {
        self.basic = Some((user, password));
        self
    }

    /// An API key in `variable`.
    pub const fn api_key(mut self, variable: &'static str) -> Self {
        self.api_key = Some(variable);
        self
    }

    /// The environment named in `variable`, one of `choices` (a name and its base
    /// URL), when the base URL variable is not set. Names match without regard to case.
    pub const fn mode(
        mut self,
        variable: &'static str,
        choices: &'static [(&'static str, &'static str)],
    ) -> Self {
        self.mode = Some((variable, choices));
        self
    }
}

impl Default for EnvVars {
    fn default() -> Self {
        Self::new()
    }
}

/// What is wrong with an environment variable.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EnvProblem {
    /// It is not set.
    Missing,
    /// It is set to nothing (or only spaces).
    Empty,
    /// It is not valid UTF-8.
    NotUnicode,
    /// Its value cannot be what it should hold; the reason, without the value.
    Malformed(String),
}

impl std::fmt::Display for EnvProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EnvProblem::Missing => f.write_str("is not set"),
            EnvProblem::Empty => f.write_str("is empty"),
            EnvProblem::NotUnicode => f.write_str("is not valid UTF-8"),
            EnvProblem::Malformed(reason) => write!(f, "is malformed: {reason}"),
        }
    }
}

/// Why `from_env` could not configure a client.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FromEnvError {
    /// A variable is missing or wrong.
    #[error("environment variable `{variable}` {problem}")]
    Variable {
        /// The variable.
        variable: &'static str,
        /// What is wrong with it.
        problem: EnvProblem,
    },
    /// The variables were read, but the client cannot be built from them.
    #[error(transparent)]
    Build(#[from] BuildError),
}

impl FromEnvError {
    /// The variable at fault, if one is.
    pub fn variable(&self) -> Option<&'static str> {
        match self {
            FromEnvError::Variable { variable, .. } => Some(variable),
            FromEnvError::Build(_) => None,
        }
    }
}

/// Reads `variable` through `read` (the process environment, or a test's map).
fn read(
    variable: &'static str,
    lookup: &dyn Fn(&str) -> Option<std::ffi::OsString>,
) -> Result<Option<String>, FromEnvError> {
    let fail = |problem| FromEnvError::Variable { variable, problem };
    let Some(value) = lookup(variable) else {
        return Ok(None);
    };
    let value = value
        .into_string()
        .map_err(|_| fail(EnvProblem::NotUnicode))?;
    if value.trim().is_empty() {
        return Err(fail(EnvProblem::Empty));
    }
    Ok(Some(value))
}

/// `variable`, which must be set, as a credential: one line of visible characters.
fn credential(
    variable: &'static str,
    lookup: &dyn Fn(&str) -> Option<std::ffi::OsString>,
) -> Result<String, FromEnvError> {
    let value = read(variable, lookup)?.ok_or(FromEnvError::Variable {
        variable,
        problem: EnvProblem::Missing,
    })?;
    if let Some(bad) = value.chars().find(|c| c.is_whitespace() || c.is_control()) {
        let what = match bad {
            '\n' | '\r' => "a line break",
            c if c.is_control() => "a control character",
            _ => "white space",
        };
        return Err(FromEnvError::Variable {
            variable,
            problem: EnvProblem::Malformed(format!(
                "it holds {what} (a credential is one word: was it pasted with a newline or quotes?)"
            )),
        });
    }
    if value.len() >= 2
        && (value.starts_with('"') && value.ends_with('"')
            || value.starts_with('\'') && value.ends_with('\''))
    {
        return Err(FromEnvError::Variable {
            variable,
            problem: EnvProblem::Malformed(
                "it is wrapped in quotes, which would be sent as part of the credential".to_owned(),
            ),
        });
    }
    Ok(value)
}

impl<C: From<super::Client>> ClientBuilder<C> {
    /// Takes the credentials `vars` names, and the base URL from the API's base URL
    /// variable when it is set, from the process environment. Every named credential
    /// variable must be set; any variable that is set must hold a usable value.
    pub fn from_env(self, vars: &EnvVars) -> Result<Self, FromEnvError> {
        self.from_env_with(vars, &|name| std::env::var_os(name))
    }

    /// [`from_env`](Self::from_env), reading variables through `lookup` instead of the
    /// process environment (tests, or a secrets store).
    pub fn from_env_with(
        mut self,
        vars: &EnvVars,
        lookup: &dyn Fn(&str) -> Option<std::ffi::OsString>,
    ) -> Result<Self, FromEnvError> {
        let base_url_set = match self.api_description().base_url_env {
            Some(variable) => read(variable, lookup)?.is_some(),
            None => false,
        };
        if let Some((variable, choices)) = vars.mode
            && let Some(mode) = read(variable, lookup)?
        {
            let chosen = choices
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(mode.trim()));
            match chosen {
                // The base URL variable, read below, wins over the mode.
                Some((_, url)) if !base_url_set => self = self.base_url(*url),
                Some(_) => {}
                None => {
                    let names: Vec<String> = choices
                        .iter()
                        .map(|(name, _)| format!("`{name}`"))
                        .collect();
                    return Err(FromEnvError::Variable {
                        variable,
                        problem: EnvProblem::Malformed(format!(
                            "it names no environment; it should be {}",
                            names.join(" or ")
                        )),
                    });
                }
            }
        }
        if let Some(variable) = self.api_description().base_url_env
            && let Some(url) = read(variable, lookup)?
        {
            match reqwest::Url::parse(url.trim()) {
                Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => {
                    self = self.base_url(url.trim());
                }
                Ok(_) => {
                    return Err(FromEnvError::Variable {
                        variable,
                        problem: EnvProblem::Malformed(
                            "it is not an http:// or https:// URL with a host".to_owned(),
                        ),
                    });
                }
                Err(e) => {
                    return Err(FromEnvError::Variable {
                        variable,
                        problem: EnvProblem::Malformed(format!("it is not a URL ({e})")),
                    });
                }
            }
        }
        if let Some(variable) = vars.bearer {
            self = self.bearer_token(Secret::from(credential(variable, lookup)?));
        }
        if let Some((user, password)) = vars.basic {
            let user = credential(user, lookup)?;
            self = self.basic_auth(user, Secret::from(credential(password, lookup)?));
        }
        if let Some(variable) = vars.api_key {
            self = self.api_key(Secret::from(credential(variable, lookup)?));
        }
        Ok(self)
    }
}
