//! Why a generated Schema.org conversion failed: the provider needs a value the
//! Schema.org side does not have (Salesforce's `LastName` from a `Person` without a
//! `familyName`), or a value that does not read as what the provider takes.

/// A conversion between a Schema.org type and a provider type that could not be made,
/// naming the property and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot make a {provider_type} from a Schema.org `{schema_type}`: `{property}` (for `{field}`) {problem}"
)]
#[non_exhaustive]
pub struct MappingError {
    /// The Schema.org type (`Person`).
    pub schema_type: &'static str,
    /// The Schema.org property (`familyName`, `address.postalCode`).
    pub property: &'static str,
    /// The provider type, with the provider's name (``Salesforce `Contact` ``).
    pub provider_type: &'static str,
    /// The provider field (`LastName`).
    pub field: &'static str,
    /// What is wrong.
    pub problem: String,
}

impl MappingError {
    /// `property` is missing, and `field` of `provider_type` needs it.
    pub fn missing(
        schema_type: &'static str,
        property: &'static str,
        provider_type: &'static str,
        field: &'static str,
    ) -> Self {
        Self::with_problem(
            schema_type,
            property,
            provider_type,
            field,
            "is missing".to_owned(),
        )
    }

    /// `property` does not make a value `field` takes: an amount with more decimals
    /// than its currency has, a telephone number not in E.164 form, an object another
    /// conversion cannot make (`problem` is then that conversion's error).
    pub fn invalid(
        schema_type: &'static str,
        property: &'static str,
        provider_type: &'static str,
        field: &'static str,
        problem: impl std::fmt::Display,
    ) -> Self {
        Self::with_problem(
            schema_type,
            property,
            provider_type,
            field,
            format!("cannot be taken: {problem}"),
        )
    }

    fn with_problem(
        schema_type: &'static str,
        property: &'static str,
        provider_type: &'static str,
        field: &'static str,
        problem: String,
    ) -> Self {
        MappingError {
            schema_type,
            property,
            provider_type,
            field,
            problem,
        }
    }
}

/// Each of `items` made into a `T` by its generated conversion, in order: a property
/// holding several Schema.org objects written as a list field (`recipient` as SendGrid's
/// `to`). `None` for no items; for an item that cannot be made, an error naming the
/// property, the field and the item's index around the item's own error.
pub fn each<'a, S, T>(
    items: &'a [S],
    schema_type: &'static str,
    property: &'static str,
    provider_type: &'static str,
    field: &'static str,
) -> Result<Option<Vec<T>>, MappingError>
where
    T: TryFrom<&'a S, Error = MappingError>,
{
    if items.is_empty() {
        return Ok(None);
    }
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            T::try_from(item).map_err(|problem| {
                MappingError::invalid(
                    schema_type,
                    property,
                    provider_type,
                    field,
                    format_args!("item {index}: {problem}"),
                )
            })
        })
        .collect::<Result<Vec<T>, MappingError>>()
        .map(Some)
}
