//! The `#[integration]` macro and `#[derive(Integration)]`, as a user sees them: passing
//! cases (one with type hooks; a user type mapped to Schema.org's Person, a nested
//! property included, and on to and back from a Salesforce Contact, run), and compile errors (with their exact text in
//! `ui/fail/*.stderr`) for a missing spec, an invalid spec (naming the JSON Pointer), an
//! unknown argument, a misplaced attribute, type hooks of the wrong shape or with an
//! attribute that does not parse, and a derive's unknown properties (with a
//! did-you-mean), nested paths that do not resolve, field types that cannot hold the
//! property, an unknown struct argument, and a missing or unknown Schema.org type.

#[test]
fn macro_ui() {
    // trybuild compiles the cases in a project of its own; the spec paths in them are
    // relative to the test package, whose fixtures they use.
    let tests_package = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests");
    // SAFETY: this test binary runs this one test, so no other thread reads the
    // environment while it is changed.
    unsafe { std::env::set_var("INTEGRATIONS_MANIFEST_DIR", tests_package) };
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
