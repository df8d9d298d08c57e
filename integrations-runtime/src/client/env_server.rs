//! A base URL assembled from the environment: the spec's server template with its
//! variables filled from environment variables and its origin replaced by one (Salesforce's
//! `SALESFORCE_INSTANCE_URL` and `SALESFORCE_API_VERSION` in
//! `https://{instance}.my.salesforce.com/services/data/v{version}`).

use super::env::{EnvProblem, FromEnvError, parse_http_url};

/// The spec's server, filled from environment variables when the base URL variable is not
/// set. Generated code gives the template with the variables it does not name already
/// filled with their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnvServer {
    /// The server's URL as the spec writes it, variables in braces.
    pub template: &'static str,
    /// A variable holding a URL whose scheme, host and port replace the server's.
    pub origin: Option<&'static str>,
    /// Whether the origin variable must be set (when the base URL variable is not).
    pub origin_required: bool,
    /// For each server variable: its name, the environment variable holding its value,
    /// and the spec's default.
    pub variables: &'static [(&'static str, &'static str, &'static str)],
}

impl EnvServer {
    /// The server `template`, with its variables' defaults until told otherwise.
    pub const fn new(template: &'static str) -> Self {
        EnvServer {
            template,
            origin: None,
            origin_required: false,
            variables: &[],
        }
    }

    /// The scheme, host and port from the URL in `variable`; `required`: it must be set
    /// unless the base URL variable is.
    pub const fn origin(mut self, variable: &'static str, required: bool) -> Self {
        self.origin = Some(variable);
        self.origin_required = required;
        self
    }

    /// Each `(name, variable, default)`: the server variable `name` from `variable`, or
    /// `default`.
    pub const fn variables(
        mut self,
        variables: &'static [(&'static str, &'static str, &'static str)],
    ) -> Self {
        self.variables = variables;
        self
    }

    /// Checks the variables that are set, without making a URL of them (the base URL
    /// variable is set, and wins).
    pub(super) fn check(
        &self,
        read: &dyn Fn(&'static str) -> Result<Option<String>, FromEnvError>,
    ) -> Result<(), FromEnvError> {
        for (_, variable, default) in self.variables {
            if let Some(value) = read(variable)? {
                server_value(variable, value.trim(), default)?;
            }
        }
        if let Some(variable) = self.origin
            && let Some(value) = read(variable)?
        {
            origin_of(variable, value.trim())?;
        }
        Ok(())
    }

    /// The base URL the variables give, or `None` when none of them is set (and the
    /// origin is not required). `base_url_env` is the variable that would stand in.
    pub(super) fn resolve(
        &self,
        base_url_env: Option<&'static str>,
        read: &dyn Fn(&'static str) -> Result<Option<String>, FromEnvError>,
    ) -> Result<Option<String>, FromEnvError> {
        let mut url = self.template.to_owned();
        let mut any_set = false;
        for (name, variable, default) in self.variables {
            let value = match read(variable)? {
                Some(value) => {
                    any_set = true;
                    server_value(variable, value.trim(), default)?
                }
                None => (*default).to_owned(),
            };
            url = url.replace(&format!("{{{name}}}"), &value);
        }
        let origin = match self.origin {
            Some(variable) => match read(variable)? {
                Some(value) => Some(origin_of(variable, value.trim())?),
                None if self.origin_required => {
                    return Err(FromEnvError::Variable {
                        variable,
                        problem: EnvProblem::MissingWithStandIns(
                            base_url_env.into_iter().collect(),
                        ),
                    });
                }
                None => None,
            },
            None => None,
        };
        let Some(origin) = origin else {
            return Ok(any_set.then_some(url));
        };
        // The template's origin (which may hold a variable of its own) gives way; a
        // template that is only a path goes under the origin.
        let path = match url.find("://") {
            Some(scheme_end) => url[scheme_end + 3..]
                .find('/')
                .map_or("", |i| &url[scheme_end + 3 + i..]),
            None => url.as_str(),
        };
        Ok(Some(format!("{origin}{path}")))
    }
}

/// A server variable's value from `variable`: one path-safe word, shaped like a numeric
/// default when the default is a number (`64.0` for `63.0`, not `v64.0`).
fn server_value(
    variable: &'static str,
    value: &str,
    default: &str,
) -> Result<String, FromEnvError> {
    let malformed = |reason: String| FromEnvError::Variable {
        variable,
        problem: EnvProblem::Malformed(reason),
    };
    // Digits, in groups separated by single dots (`63.0`).
    let numeric = |text: &str| {
        text.split('.')
            .all(|group| !group.is_empty() && group.chars().all(|c| c.is_ascii_digit()))
    };
    if numeric(default) && !numeric(value) {
        return Err(malformed(format!("it should be a number like `{default}`")));
    }
    if value == "." || value == ".." {
        return Err(malformed(
            "a dot segment would change the path it goes into".to_owned(),
        ));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '~')))
    {
        return Err(malformed(format!(
            "`{bad}` cannot be part of a URL's path segment"
        )));
    }
    Ok(value.to_owned())
}

/// The origin (`https://acme.my.salesforce.com`) of the URL in `variable`, which must be
/// only that: an `http(s)` URL with a host and no user, path, query or fragment.
pub(super) fn origin_of(variable: &'static str, value: &str) -> Result<String, FromEnvError> {
    let url = parse_http_url(variable, value)?;
    let origin = url.origin().ascii_serialization();
    let extra = if !url.username().is_empty() || url.password().is_some() {
        Some("without a user or password")
    } else if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        Some("without a path")
    } else {
        None
    };
    match extra {
        Some(without) => Err(FromEnvError::Variable {
            variable,
            problem: EnvProblem::Malformed(format!(
                "it should be only a scheme and host (`{origin}`), {without}"
            )),
        }),
        None => Ok(origin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SALESFORCE: EnvServer =
        EnvServer::new("https://{instance}.my.salesforce.com/services/data/v{version}")
            .origin("SALESFORCE_INSTANCE_URL", true)
            .variables(&[("version", "SALESFORCE_API_VERSION", "63.0")]);

    fn resolve(vars: &[(&str, &str)]) -> Result<Option<String>, FromEnvError> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        SALESFORCE.resolve(Some("SALESFORCE_BASE_URL"), &|name| {
            Ok(vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
        })
    }

    #[test]
    fn the_origin_and_the_version_fill_the_template() {
        assert_eq!(
            resolve(&[("SALESFORCE_INSTANCE_URL", "https://acme.my.salesforce.com")]).unwrap(),
            Some("https://acme.my.salesforce.com/services/data/v63.0".to_owned())
        );
        assert_eq!(
            resolve(&[
                ("SALESFORCE_INSTANCE_URL", "http://127.0.0.1:8080/"),
                ("SALESFORCE_API_VERSION", "64.0"),
            ])
            .unwrap(),
            Some("http://127.0.0.1:8080/services/data/v64.0".to_owned())
        );
    }

    #[test]
    fn a_missing_origin_or_a_misshapen_value_is_named() {
        let error = resolve(&[]).unwrap_err();
        assert_eq!(error.variable(), Some("SALESFORCE_INSTANCE_URL"));
        assert_eq!(
            error.to_string(),
            "environment variable `SALESFORCE_INSTANCE_URL` is not set, and neither is \
             `SALESFORCE_BASE_URL`, which would stand in for it"
        );
        let error = resolve(&[
            ("SALESFORCE_INSTANCE_URL", "https://acme.my.salesforce.com"),
            ("SALESFORCE_API_VERSION", "v64.0"),
        ])
        .unwrap_err();
        assert_eq!(error.variable(), Some("SALESFORCE_API_VERSION"));
        assert!(
            error.to_string().contains("a number like `63.0`"),
            "{error}"
        );
        let error = resolve(&[(
            "SALESFORCE_INSTANCE_URL",
            "https://acme.my.salesforce.com/services/data/v63.0",
        )])
        .unwrap_err();
        assert_eq!(error.variable(), Some("SALESFORCE_INSTANCE_URL"));
        assert!(error.to_string().contains("without a path"), "{error}");
        let error = resolve(&[("SALESFORCE_INSTANCE_URL", "acme.my.salesforce.com")]).unwrap_err();
        assert!(error.to_string().contains("not a URL"), "{error}");
        let error = resolve(&[(
            "SALESFORCE_INSTANCE_URL",
            "https://admin:hunter2@acme.my.salesforce.com",
        )])
        .unwrap_err();
        assert!(error.to_string().contains("without a user"), "{error}");
        assert!(!error.to_string().contains("hunter2"), "{error}");
        for version in ["6.4.", ".64", "6..4", "64,0"] {
            let error = resolve(&[
                ("SALESFORCE_INSTANCE_URL", "https://acme.my.salesforce.com"),
                ("SALESFORCE_API_VERSION", version),
            ])
            .unwrap_err();
            assert_eq!(
                error.variable(),
                Some("SALESFORCE_API_VERSION"),
                "{version}"
            );
        }
    }

    #[test]
    fn a_word_variable_refuses_dot_segments_and_a_path_template_goes_under_the_origin() {
        const WORD: EnvServer = EnvServer::new("/api/{tenant}/v1")
            .origin("API_HOST", false)
            .variables(&[("tenant", "API_TENANT", "main")]);
        let read = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &'static str| {
                Ok(vars
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned()))
            }
        };
        assert_eq!(
            WORD.resolve(None, &read(&[("API_HOST", "https://api.example.com")]))
                .unwrap(),
            Some("https://api.example.com/api/main/v1".to_owned())
        );
        // Nothing set, nothing required: the default base URL stays.
        assert_eq!(WORD.resolve(None, &read(&[])).unwrap(), None);
        let error = WORD
            .resolve(None, &read(&[("API_TENANT", "..")]))
            .unwrap_err();
        assert_eq!(error.variable(), Some("API_TENANT"));
    }
}
