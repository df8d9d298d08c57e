//! The state every conversion of one build shares, and the few operations on it that all
//! passes use: diagnostics, and reserving, naming and filling types.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostics, Location};
use crate::ir::names::NameSet;
use crate::ir::{TypeDef, TypeId, TypeKind, TypeRef};
use crate::spec::Spec;

/// A type reference and whether `null` is allowed where it is used.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Converted {
    pub ty: TypeRef,
    pub nullable: bool,
}

impl Converted {
    pub fn new(ty: TypeRef) -> Self {
        Converted {
            ty,
            nullable: false,
        }
    }

    pub fn json() -> Self {
        Converted::new(TypeRef::Primitive(crate::ir::Primitive::Json))
    }

    pub fn or_null(mut self, nullable: bool) -> Self {
        self.nullable |= nullable;
        self
    }

    /// The type as an array item or map value: `Option<T>` when `null` is allowed there.
    pub fn nullable_in_container(self) -> TypeRef {
        if self.nullable {
            TypeRef::Nullable(Box::new(self.ty))
        } else {
            self.ty
        }
    }
}

/// The state shared by every conversion of one build.
pub(crate) struct Builder<'s> {
    pub spec: &'s Spec,
    pub diagnostics: &'s mut Diagnostics,
    pub types: Vec<TypeDef>,
    pub type_names: NameSet,
    /// Component schema pointer to its reserved type name.
    pub component_names: HashMap<String, String>,
    /// Conversions of `$ref` targets, by pointer.
    pub memo: HashMap<String, Converted>,
    /// `$ref` targets being converted (to find cycles with no base case).
    pub resolving: Vec<String>,
    /// Schemas being merged by `allOf`.
    pub merging: Vec<String>,
    /// Whether the API sends or receives XML, so that `xml` naming applies.
    pub xml_api: bool,
    /// Whether structs keep properties their schema does not declare (and does not forbid).
    pub keep_undeclared: bool,
    /// Whether expandable references are typed lightly (an id, or the object as JSON).
    pub light_expansions: bool,
    /// The style of form body properties the spec's `encoding` does not mention, when the
    /// manifest sets one.
    pub manifest_form_style: Option<(crate::ir::ParamStyle, bool)>,
    /// How many schema conversions are in progress, one inside the other.
    pub depth: usize,
}

impl<'s> Builder<'s> {
    pub fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let location = self.spec.locate(pointer);
        self.diagnostics.warning(location, message);
    }

    pub fn error(&mut self, pointer: &str, message: impl Into<String>) {
        let location = self.spec.locate(pointer);
        self.diagnostics.error(location, message);
    }

    pub fn note(&mut self, pointer: &str, message: impl Into<String>) {
        let location = self.spec.locate(pointer);
        self.diagnostics.note(location, message);
    }

    pub fn location(&self, pointer: &str) -> Location {
        self.spec.locate(pointer)
    }

    /// Adds a type whose kind is decided later, for the schema at `at`; until then, the
    /// schema converts to it (so that recursion through it finds it).
    pub fn reserve(&mut self, name: &str, at: &str, doc: Option<String>) -> TypeId {
        let name = self.type_names.claim(name);
        let id = self.push_type(name, at, doc);
        self.memo
            .insert(at.to_owned(), Converted::new(TypeRef::Named(id)));
        id
    }

    /// Adds a type with a name already claimed.
    pub fn push_type(&mut self, name: String, at: &str, doc: Option<String>) -> TypeId {
        let id = TypeId(self.types.len());
        let location = self.location(at);
        self.types.push(TypeDef {
            id,
            name,
            doc,
            location,
            schemas: vec![at.to_owned()],
            kind: TypeKind::Pending,
        });
        id
    }

    /// Decides the kind of a reserved type.
    pub fn fill(&mut self, id: TypeId, kind: TypeKind) {
        self.types[id.0].kind = kind;
    }

    pub fn type_name(&self, id: TypeId) -> &str {
        &self.types[id.0].name
    }
}
