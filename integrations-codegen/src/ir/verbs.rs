//! Verbs and paging from `provider.toml`: resources (`customers().create(..)`), verbs on
//! the client (`send(..)`), how list operations page, and the parameters the credential
//! carries, each checked against the operations and types the spec has.
//!
//! An operation the manifest names but the spec lacks is an error with a did-you-mean; one
//! the spec has but this generation leaves out (a `keep` selection) is skipped, so that a
//! client cut to a few operations keeps the verbs of those.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::Value;

use crate::diagnostics::{Diagnostics, Location, closest};
use crate::ir::{
    Api, ContinueWith, FieldHolding, ItemsPath, MediaKind, NextPage, Outcome, Paging,
    ParamLocation, Resource, TypeKind, TypeRef, Verb, names,
};
use crate::manifest::{Manifest, PagingEntry};
use crate::spec::Spec;

/// Methods every generated `Client` has besides its operations.
const CLIENT_METHODS: &[&str] = &["builder", "runtime", "from_env"];

/// Fills in `api.resources`, `api.verbs` and each paging operation's `paging`.
pub(crate) fn add_verbs_and_paging(
    api: &mut Api,
    spec: &Spec,
    manifest: &Manifest,
    manifest_path: Option<&Path>,
    diagnostics: &mut Diagnostics,
) {
    drop_credential_params(api, &manifest.requests.credential_params);
    let mut pass = Pass {
        known: spec_operation_ids(spec),
        index: api
            .operations
            .iter()
            .enumerate()
            .map(|(i, op)| (op.id.clone(), i))
            .collect(),
        manifest_path: manifest_path.unwrap_or_else(|| Path::new("provider.toml")),
        diagnostics,
    };
    for (id, entry) in &manifest.pagination.operations {
        let key = format!("/pagination/operations/{id}");
        let Some(index) = pass.operation(id, &key) else {
            continue;
        };
        let entry = manifest.pagination.resolved(entry);
        if let Some(paging) = pass.paging(api, index, &entry, &key) {
            api.operations[index].paging = Some(paging);
        }
    }

    let mut taken: HashSet<String> = api.operations.iter().map(|op| op.name.clone()).collect();
    taken.extend(CLIENT_METHODS.iter().map(|m| (*m).to_owned()));
    for (name, operation) in &manifest.verbs {
        let key = format!("/verbs/{name}");
        let Some(method) = pass.method_name(name, &key, &taken) else {
            continue;
        };
        if let Some(index) = pass.operation(operation, &key) {
            taken.insert(method.clone());
            api.verbs.push(Verb {
                name: method,
                operation: index,
            });
        }
    }
    for (resource, verbs) in &manifest.resources {
        let key = format!("/resources/{resource}");
        let Some(accessor) = pass.method_name(resource, &key, &taken) else {
            continue;
        };
        taken.insert(accessor.clone());
        let mut own = Vec::new();
        for (name, operation) in verbs {
            let key = format!("{key}/{name}");
            let Some(method) = pass.method_name(name, &key, &HashSet::new()) else {
                continue;
            };
            if let Some(index) = pass.operation(operation, &key) {
                own.push(Verb {
                    name: method,
                    operation: index,
                });
            }
        }
        if !own.is_empty() {
            api.resources.push(Resource {
                type_name: names::upper_camel(resource, "Resource"),
                name: accessor,
                verbs: own,
            });
        }
    }
}

/// Removes the query and header parameters the credential carries from every operation.
fn drop_credential_params(api: &mut Api, names: &[String]) {
    if names.is_empty() {
        return;
    }
    for op in &mut api.operations {
        op.params.retain(|param| {
            !(matches!(param.location, ParamLocation::Query | ParamLocation::Header)
                && names.contains(&param.wire_name))
        });
    }
}

/// Every `operationId` in the spec, selected or not.
fn spec_operation_ids(spec: &Spec) -> HashSet<String> {
    let mut ids = HashSet::new();
    let Some(paths) = spec.get("/paths").and_then(Value::as_object) else {
        return ids;
    };
    for item in paths.values().filter_map(Value::as_object) {
        for operation in item.values().filter_map(Value::as_object) {
            if let Some(id) = operation.get("operationId").and_then(Value::as_str) {
                ids.insert(id.to_owned());
            }
        }
    }
    ids
}

struct Pass<'a> {
    known: HashSet<String>,
    index: HashMap<String, usize>,
    manifest_path: &'a Path,
    diagnostics: &'a mut Diagnostics,
}

impl Pass<'_> {
    fn error(&mut self, key: &str, message: String) {
        self.diagnostics
            .error(Location::new(self.manifest_path, key), message);
    }

    /// The index of operation `id`: `None` when the spec lacks it (an error) or this
    /// generation leaves it out (silently).
    fn operation(&mut self, id: &str, key: &str) -> Option<usize> {
        if let Some(index) = self.index.get(id) {
            return Some(*index);
        }
        if !self.known.contains(id) {
            let hint = closest(id, self.known.iter().map(String::as_str))
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            self.error(
                key,
                format!(
                    "provider.toml names the operation `{id}`, which the spec does not have{hint}"
                ),
            );
        }
        None
    }

    /// `name` as a method name: a lower-case identifier not `taken`.
    fn method_name(&mut self, name: &str, key: &str, taken: &HashSet<String>) -> Option<String> {
        let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            self.error(
                key,
                format!("`{name}` is not a method name (lower-case letters, digits and `_`, starting with a letter)"),
            );
            return None;
        }
        let method = names::snake(name, "verb");
        if taken.contains(&method) {
            self.error(
                key,
                format!(
                    "`{name}` is already a method of the client (an operation's, or another verb's)"
                ),
            );
            return None;
        }
        Some(method)
    }

    /// The paging of operation `index`, checked against it.
    fn paging(
        &mut self,
        api: &Api,
        index: usize,
        entry: &PagingEntry,
        key: &str,
    ) -> Option<Paging> {
        let op = &api.operations[index];
        let ways = [
            entry
                .cursor
                .clone()
                .map(|pointer| NextPage::Cursor { pointer }),
            entry
                .cursor_from_last_item
                .clone()
                .map(|field| NextPage::LastItem { field }),
            entry
                .next_url
                .clone()
                .map(|pointer| NextPage::Url { pointer }),
        ];
        let mut ways = ways.into_iter().flatten();
        let (Some(next), None) = (ways.next(), ways.next()) else {
            self.error(
                key,
                format!("`{}` needs exactly one of `cursor`, `cursor_from_last_item` and `next_url` to say where the next page is", op.id),
            );
            return None;
        };
        let continue_with = match &entry.continue_with {
            None => None,
            Some(id) => Some(self.continue_with(api, index, id, entry, &next, key)?),
        };
        let cursor_param = match (&entry.cursor_param, &next) {
            // The next page's URL carries its own query; the continuing operation's body
            // carries the cursor.
            (_, NextPage::Url { .. }) => None,
            _ if continue_with.is_some() => None,
            (None, _) => {
                self.error(
                    key,
                    format!("`{}` pages by cursor, but no `cursor_param` names the query parameter that sends it", op.id),
                );
                return None;
            }
            (Some(wire), _) => {
                let found = op.params.iter().find(|p| {
                    p.location == ParamLocation::Query
                        && p.wire_name == *wire
                        && p.constant.is_none()
                });
                match found {
                    Some(param) if !param.required => Some(param.name.clone()),
                    Some(_) => {
                        self.error(
                            key,
                            format!("the cursor parameter `{wire}` of `{}` is required, so the first page could not be asked for without one", op.id),
                        );
                        return None;
                    }
                    None => {
                        let queries: Vec<&str> = op
                            .params
                            .iter()
                            .filter(|p| p.location == ParamLocation::Query)
                            .map(|p| p.wire_name.as_str())
                            .collect();
                        let hint = closest(wire, queries.iter().copied())
                            .map(|near| format!(" (did you mean `{near}`?)"))
                            .unwrap_or_default();
                        self.error(
                            key,
                            format!(
                                "`{}` has no query parameter `{wire}` to send the cursor in{hint}",
                                op.id
                            ),
                        );
                        return None;
                    }
                }
            }
        };
        let Some(pointer) = entry.items.clone() else {
            self.error(
                key,
                format!(
                    "`{}` pages, but no `items` says where a page's items are",
                    op.id
                ),
            );
            return None;
        };
        let items = match items_path(api, &op.success, &pointer) {
            Ok(items) => items,
            Err(problem) => {
                self.error(
                    key,
                    format!("`items` of `{}` is `{pointer}`, but {problem}", op.id),
                );
                return None;
            }
        };
        Some(Paging {
            next,
            has_more: entry.has_more.clone(),
            cursor_param,
            items,
            continue_with,
        })
    }

    /// The operation `id` that gives the page after one of operation `index`, checked:
    /// it exists, answers what `index` answers, needs nothing but a body, and its body has
    /// the property `entry.cursor_param` to carry the cursor in.
    fn continue_with(
        &mut self,
        api: &Api,
        index: usize,
        id: &str,
        entry: &PagingEntry,
        next: &NextPage,
        key: &str,
    ) -> Option<ContinueWith> {
        let op = &api.operations[index];
        let param_key = format!("{key}/cursor_param");
        let key = format!("{key}/continue_with");
        if !matches!(next, NextPage::Cursor { .. }) {
            self.error(
                &key,
                format!("`{}` continues with another operation, which takes a `cursor`, not a URL or an item's field", op.id),
            );
            return None;
        }
        let continuing = self.operation(id, &key)?;
        let then = &api.operations[continuing];
        if !same_outcome(&op.success, &then.success) || !same_outcome(&op.error, &then.error) {
            self.error(
                &key,
                format!(
                    "`{}` continues with `{id}`, which answers another type, so its pages could not join one stream",
                    op.id
                ),
            );
            return None;
        }
        if let Some(param) = then
            .params
            .iter()
            .find(|p| p.required && p.constant.is_none())
        {
            self.error(
                &key,
                format!(
                    "`{id}` needs the parameter `{}`, which a next page could not fill in",
                    param.wire_name
                ),
            );
            return None;
        }
        let Some(field) = entry.cursor_param.clone() else {
            self.error(
                &key,
                format!("`{}` continues with `{id}`, but no `cursor_param` names the body property that carries the cursor", op.id),
            );
            return None;
        };
        let body_fields = then.body.as_ref().and_then(|body| {
            let TypeRef::Named(id) = resolve(api, &body.ty) else {
                return None;
            };
            match (&body.media, &api.ty(id).kind) {
                (MediaKind::Json, TypeKind::Struct(def)) => Some(def),
                _ => None,
            }
        });
        let Some(def) = body_fields else {
            self.error(
                &key,
                format!("`{id}` takes no JSON object body to send the cursor in"),
            );
            return None;
        };
        if !def.fields.iter().any(|f| f.wire_name == field) {
            let hint = closest(&field, def.fields.iter().map(|f| f.wire_name.as_str()))
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            self.error(
                &param_key,
                format!("the body of `{id}` has no property `{field}` to send the cursor in{hint}"),
            );
            return None;
        }
        if let Some(other) = def
            .fields
            .iter()
            .find(|f| f.required && f.wire_name != field)
        {
            self.error(
                &key,
                format!(
                    "the body of `{id}` requires `{}` besides the cursor, which a next page could not fill in",
                    other.wire_name
                ),
            );
            return None;
        }
        Some(ContinueWith {
            operation: continuing,
            field,
        })
    }
}

/// Whether two outcomes decode to the same type.
fn same_outcome(a: &Outcome, b: &Outcome) -> bool {
    match (a, b) {
        (Outcome::Unspecified, Outcome::Unspecified) => true,
        (Outcome::Single(a), Outcome::Single(b)) => a.ty == b.ty && a.media == b.media,
        (Outcome::ByStatus(a), Outcome::ByStatus(b)) => a == b,
        _ => false,
    }
}

/// The fields `pointer` goes through in the success type of an operation, to a list.
fn items_path(api: &Api, success: &Outcome, pointer: &str) -> Result<ItemsPath, String> {
    let Outcome::Single(response) = success else {
        return Err("the operation does not answer one type".to_owned());
    };
    let (Some(mut ty), Some(MediaKind::Json | MediaKind::AsSent | MediaKind::Xml)) =
        (response.ty.clone(), response.media)
    else {
        return Err("the operation does not answer JSON or XML".to_owned());
    };
    let mut steps = Vec::new();
    for segment in crate::spec::pointer::tokens(pointer) {
        let def = match resolve(api, &ty) {
            TypeRef::Named(id) => api.ty(id),
            _ => return Err(format!("the value holding `{segment}` is not an object")),
        };
        let TypeKind::Struct(object) = &def.kind else {
            return Err(format!("`{}` is not an object with properties", def.name));
        };
        let Some(field) = object.fields.iter().find(|f| f.wire_name == segment) else {
            let hint = closest(&segment, object.fields.iter().map(|f| f.wire_name.as_str()))
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            return Err(format!("`{}` has no property `{segment}`{hint}", def.name));
        };
        let holding = match (field.required, field.nullable && field.xml_list.is_none()) {
            (true, _) if field.nullable => FieldHolding::Optional,
            (true, _) => FieldHolding::Plain,
            (false, true) => FieldHolding::Nullable,
            (false, false) => FieldHolding::Optional,
        };
        steps.push((field.name.clone(), holding));
        ty = field.ty.clone();
    }
    match resolve(api, &ty) {
        TypeRef::List(item) => Ok(ItemsPath {
            pointer: pointer.to_owned(),
            steps,
            item: *item,
        }),
        _ => Err("that is not a list".to_owned()),
    }
}

/// `ty` with plain aliases followed.
fn resolve(api: &Api, ty: &TypeRef) -> TypeRef {
    let mut ty = ty.clone();
    for _ in 0..32 {
        match &ty {
            TypeRef::Named(id) => match &api.ty(*id).kind {
                TypeKind::Alias {
                    target,
                    newtype: false,
                } => ty = target.clone(),
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}
