//! `#[integration]`: not implemented yet (tracked by the operations issue); this crate is
//! the place for it in the workspace layout.
