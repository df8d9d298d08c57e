//! `multipart/form-data` bodies: file parts streamed as they are, other fields as text
//! parts (nested values in bracket notation, as in form bodies).

use serde::Serialize;

use crate::body::FilePart;
use crate::error::EncodeError;

use super::scalar_text;
use super::style::nested_pairs;

/// A multipart body being assembled. Generated `IntoMultipart` impls fill it.
pub struct MultipartForm {
    operation: &'static str,
    form: reqwest::multipart::Form,
}

impl MultipartForm {
    pub(crate) fn new(operation: &'static str) -> Self {
        MultipartForm {
            operation,
            form: reqwest::multipart::Form::new(),
        }
    }

    /// Adds a text field; objects and arrays become `name[key]` parts.
    pub fn field(&mut self, name: &str, value: &impl Serialize) -> Result<(), EncodeError> {
        let value = serde_json::to_value(value).map_err(|e| {
            EncodeError::new(self.operation, format!("multipart field \"{name}\""), e)
        })?;
        let mut pairs = Vec::new();
        match &value {
            serde_json::Value::Null => {}
            serde_json::Value::Object(_) | serde_json::Value::Array(_) => {
                nested_pairs(name, &value, &mut pairs)
            }
            scalar => pairs.push((name.to_owned(), scalar_text(scalar))),
        }
        for (key, text) in pairs {
            let form = std::mem::take(&mut self.form);
            self.form = form.text(key, text);
        }
        Ok(())
    }

    /// Adds a file part. Fails when the part's content type is not a valid media type.
    pub fn file(&mut self, name: &str, file: FilePart) -> Result<(), EncodeError> {
        let content_type = file
            .content_type
            .as_deref()
            .unwrap_or("application/octet-stream");
        let what = || format!("multipart file \"{name}\"");
        let content = file
            .content
            .into_reqwest()
            .map_err(|e| EncodeError::new(self.operation, what(), e))?;
        let part = reqwest::multipart::Part::stream(content)
            .file_name(file.file_name.unwrap_or_else(|| name.to_owned()))
            .mime_str(content_type)
            .map_err(|e| EncodeError::new(self.operation, what(), e))?;
        let form = std::mem::take(&mut self.form);
        self.form = form.part(name.to_owned(), part);
        Ok(())
    }

    pub(crate) fn into_form(self) -> reqwest::multipart::Form {
        self.form
    }
}

/// A value sent as `multipart/form-data`. Generated request bodies implement it.
pub trait IntoMultipart {
    /// Adds every field of `self` to `form`.
    fn into_multipart(self, form: &mut MultipartForm) -> Result<(), EncodeError>;
}

/// A multipart body assembled by the caller: for operations whose spec does not describe
/// the parts as an object's properties.
#[derive(Debug, Default)]
pub struct Parts {
    parts: Vec<(String, PartContent)>,
}

#[derive(Debug)]
enum PartContent {
    Text(String),
    File(FilePart),
}

impl Parts {
    /// No parts yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text part.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts
            .push((name.into(), PartContent::Text(value.into())));
        self
    }

    /// Adds a file part.
    pub fn file(mut self, name: impl Into<String>, file: FilePart) -> Self {
        self.parts.push((name.into(), PartContent::File(file)));
        self
    }
}

impl IntoMultipart for Parts {
    fn into_multipart(self, form: &mut MultipartForm) -> Result<(), EncodeError> {
        for (name, content) in self.parts {
            match content {
                PartContent::Text(text) => form.field(&name, &text)?,
                PartContent::File(file) => form.file(&name, file)?,
            }
        }
        Ok(())
    }
}
