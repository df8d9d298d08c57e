//! Mapping tables checked against the vocabulary and the provider's spec: each mistake
//! fails with the table's key, the spec's JSON Pointer where one is at fault, and a
//! did-you-mean; the shipped tables load, and `mapping-report` prints them.

use std::path::{Path, PathBuf};
use std::process::Command;

use integrations_codegen::mapping;
use integrations_codegen::vocabulary::Vocabulary;

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

fn salesforce() -> integrations_codegen::ir::Api {
    let options = integrations_codegen::Options::default();
    integrations_codegen::build_ir(&specs().join("salesforce/openapi.yaml"), &options)
        .expect("the spec loads")
        .0
}

fn vocabulary() -> Vocabulary {
    Vocabulary::load(&specs().join("schema.org/vocabulary.toml")).expect("the vocabulary loads")
}

/// Fails, printing all of `said`, unless it mentions `expected`.
#[track_caller]
fn assert_mentions(said: &str, expected: &str) {
    assert!(said.contains(expected), "{said}");
}

/// The diagnostics of a table over Salesforce's spec written as `text`.
fn problems(name: &str, text: &str) -> String {
    problems_against(&salesforce(), name, text)
}

/// The diagnostics of a table over `api` written as `text`, in `<name>.toml`.
fn problems_against(api: &integrations_codegen::ir::Api, name: &str, text: &str) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mapping-tables");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, text).unwrap();
    mapping::load(&path, &vocabulary(), api)
        .map(|_| String::new())
        .unwrap_or_else(|d| d.to_string())
}

#[test]
fn unknown_names_are_reported_with_a_near_one() {
    let said = problems(
        "names",
        "[[mappings]]\nschema = \"Persn\"\nprovider = \"Contact\"\n",
    );
    assert_mentions(&said, "names.toml:2#/mappings/0/schema");
    assert_mentions(&said, "did you mean `Person`?");

    let said = problems(
        "provider",
        "[[mappings]]\nschema = \"Person\"\nprovider = \"Contakt\"\n",
    );
    assert_mentions(&said, "#/components/schemas/Contakt");
    assert_mentions(&said, "did you mean `Contact`?");

    let said = problems(
        "fields",
        "[[mappings]]\nschema = \"Person\"\nprovider = \"Contact\"\n[mappings.fields]\ngivenNme = \"FirstName\"\nfamilyName = \"Lastname\"\n\"address.zip\" = \"MailingPostalCode\"\n",
    );
    assert_mentions(&said, "fields.toml:5#/mappings/0/fields/givenNme");
    assert_mentions(&said, "did you mean `givenName`?");
    assert_mentions(
        &said,
        "has no property `Lastname` (did you mean `LastName`?)",
    );
    assert_mentions(&said, "`PostalAddress` has no property `zip`");
}

#[test]
fn types_that_disagree_and_read_only_fields_are_refused() {
    let said = problems(
        "types",
        "[[mappings]]\nschema = \"Person\"\nprovider = \"Contact\"\n[mappings.fields]\nemail = \"IsDeleted\"\naddress = \"MailingStreet\"\ncontactPoint = \"Phone\"\n",
    );
    assert_mentions(
        &said,
        "`email` (Text) and `#/components/schemas/Contact/properties/IsDeleted` disagree: the provider holds a boolean",
    );
    assert_mentions(
        &said,
        "`Person.address` is a `PostalAddress`: map its properties",
    );
    assert_mentions(&said, "holds several values");

    let said = problems(
        "read_only",
        "[[mappings]]\nschema = \"Person\"\nprovider = \"Contact\"\n[mappings.fields]\nidentifier = \"Id\"\n",
    );
    assert_mentions(&said, "is read-only");
    assert_mentions(&said, "say `direction = \"from_provider\"`");
}

#[test]
fn the_shipped_tables_load_and_the_report_lists_what_each_way_drops() {
    let vocabulary = vocabulary();
    let tables = mapping::load(
        &specs().join("salesforce/mappings.toml"),
        &vocabulary,
        &salesforce(),
    )
    .expect("the Salesforce tables load");
    let report = mapping::report("Salesforce", &tables);
    assert!(
        report.contains("## Salesforce: Person <-> Contact"),
        "{report}"
    );
    assert!(report.contains("worksFor.name"), "{report}");
    assert!(
        report.contains("dropped from Salesforce: `attributes`, `OwnerId`"),
        "{report}"
    );

    let output = Command::new(env!("CARGO_BIN_EXE_integrations-codegen"))
        .args(["mapping-report", "--specs"])
        .arg(specs())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(&report),
        "the CLI prints the same table:\n{stdout}"
    );
    assert!(
        stdout.contains("## Stripe: Person <-> customer"),
        "{stdout}"
    );
}

#[test]
fn a_key_needs_a_map_of_text() {
    let said = problems(
        "no_map",
        "[[mappings]]\nschema = \"Person\"\nprovider = \"Contact\"\n[mappings.fields]\ngivenName = { key = \"firstname\" }\n",
    );
    assert_mentions(&said, "no_map.toml:5#/mappings/0/fields/givenName");
    assert_mentions(&said, "a `key` entry needs the table's `map`");
    let said = problems(
        "not_a_map",
        "[[mappings]]\nschema = \"Person\"\nprovider = \"Contact\"\nmap = \"FirstName\"\n[mappings.fields]\ngivenName = { key = \"firstname\" }\n",
    );
    assert_mentions(&said, "needs a map, and the provider holds text");
}

#[test]
fn a_primary_entry_needs_a_labelled_list() {
    let said = problems(
        "primary",
        "[[mappings]]\nschema = \"Person\"\nprovider = \"Contact\"\n[mappings.fields]\nemail = { primary = \"Email\" }\n",
    );
    assert_mentions(&said, "primary.toml:5#/mappings/0/fields/email");
    assert_mentions(
        &said,
        "a `primary` entry needs a list, and the provider holds text",
    );
}

#[test]
fn transforms_and_value_tables_are_checked_against_both_sides() {
    let table = |fields: &str| {
        format!(
            "[[mappings]]\nschema = \"Person\"\nprovider = \"Contact\"\n[mappings.fields]\nfamilyName = \"LastName\"\n{fields}\n"
        )
    };
    let said = problems(
        "transform_types",
        &table(
            "birthDate = { field = \"Birthdate\", transform = \"e164\" }\nemail = { field = \"Email\", transform = \"integer_text\" }\ngivenName = { field = \"FirstName\", transform = \"join_name\" }",
        ),
    );
    assert_mentions(&said, "transform_types.toml:6#/mappings/0/fields/birthDate");
    assert_mentions(
        &said,
        "this transform maps a Schema.org `Text`, not a `Date`",
    );
    assert_mentions(
        &said,
        "`email` (Text) and `#/components/schemas/Contact/properties/Email` disagree: the provider holds text",
    );
    assert_mentions(
        &said,
        "`join_name` maps the `name` of a type with `givenName` and `familyName`",
    );

    let said = problems(
        "values",
        &table(
            "description = { field = \"Description\", values = { open = \"Open\", working = \"Open\" } }\njobTitle = { field = \"Title\", transform = \"e164\", values = { a = \"b\" } }",
        ),
    );
    assert_mentions(
        &said,
        "`Open` stands for both `open` and `working`, so it cannot be written back",
    );
    assert_mentions(&said, "a `transform` or a `values` table, not both");
    // Read one way only, several provider values may stand for one Schema.org value.
    let said = problems(
        "values_read",
        &table(
            "description = { field = \"Description\", direction = \"from_provider\", values = { open = \"Open\", working = \"Open\" } }",
        ),
    );
    assert_eq!(said, "", "a one-way value table loads");
}

#[test]
fn a_misspelt_or_incomplete_entry_is_reported_at_its_line() {
    let said = problems(
        "entry_keys",
        "[[mappings]]\nschema = \"Person\"\nprovider = \"Contact\"\n[mappings.fields]\nfamilyName = \"LastName\"\njobTitle = { field = \"Title\", transfrom = \"e164\" }\nemail = { direction = \"both\" }\ntelephone = { field = \"Phone\", transform = \"e165\" }\n",
    );
    assert_mentions(
        &said,
        "entry_keys.toml:6#/mappings/0/fields/jobTitle: `jobTitle`: unknown field `transfrom`",
    );
    assert_mentions(
        &said,
        "entry_keys.toml:7#/mappings/0/fields/email: `email`: the entry says neither `field`, `primary`, `key` nor `money`",
    );
    assert_mentions(
        &said,
        "entry_keys.toml:8#/mappings/0/fields/telephone: `telephone`: unknown variant `e165`",
    );

    let said = problems("syntax", "[[mappings]]\nschema = \"Person\"\nprovider = \n");
    assert_mentions(&said, "syntax.toml:3#: not a mapping file");
}

#[test]
fn a_field_one_level_into_an_object_is_checked() {
    let table = |fields: &str| {
        format!(
            "[[mappings]]\nschema = \"Person\"\nprovider = \"Contact\"\n[mappings.fields]\nfamilyName = \"LastName\"\n{fields}\n"
        )
    };
    let said = problems(
        "nested",
        &table(
            "email = { field = \"attributes.type\" }\ngivenName = { field = \"LastName.first\" }\njobTitle = { field = \"attributes.url.path\" }\ntelephone = { field = \"attributes.tyep\", direction = \"from_provider\" }",
        ),
    );
    assert_mentions(
        &said,
        "nested.toml:6#/mappings/0/fields/email: `#/components/schemas/Contact/properties/attributes` is read-only, so nothing can be written into it",
    );
    assert_mentions(
        &said,
        "`#/components/schemas/Contact/properties/LastName` is not an object",
    );
    assert_mentions(&said, "goes more than one level into");
    assert_mentions(&said, "has no property `tyep` (did you mean `type`?)");
    // Read one way, a field of the read-only object is fine.
    let said = problems(
        "nested_read",
        &table("description = { field = \"attributes.type\", direction = \"from_provider\" }"),
    );
    assert_eq!(said, "", "reading into an object loads");
}

/// The mail spec of the mapping fixtures (`tests/fixtures/mappings/openapi.yaml`).
fn mail() -> integrations_codegen::ir::Api {
    let options = integrations_codegen::Options::default();
    let spec =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mappings/openapi.yaml");
    integrations_codegen::build_ir(&spec, &options)
        .expect("the fixture loads")
        .0
}

/// The diagnostics of a table over the mail spec, whose Person ↔ Address table comes
/// first.
fn mail_problems(name: &str, address_direction: &str, fields: &str) -> String {
    let text = format!(
        "[[mappings]]\nschema = \"Person\"\nprovider = \"Address\"\n[mappings.fields]\nemail = {{ field = \"email\", required = true{address_direction} }}\n\n[[mappings]]\nschema = \"EmailMessage\"\nprovider = \"Mail\"\n[mappings.fields]\nrecipient = {{ field = \"groups[].to\", table = \"Address\", direction = \"to_provider\" }}\n{fields}\n"
    );
    problems_against(&mail(), name, &text)
}

#[test]
fn a_table_entry_names_a_table_of_the_file_that_makes_the_fields_type_and_goes_its_way() {
    let sender = "sender = { field = \"from\", table = \"Address\", direction = \"to_provider\" }";
    let text = "text = { field = \"parts[].value\", direction = \"to_provider\" }\nencodingFormat = { field = \"parts[].type\", direction = \"to_provider\" }";
    assert_eq!(
        mail_problems("by_table_fine", "", &format!("{sender}\n{text}")),
        "",
        "the fixture's shapes load"
    );

    let said = mail_problems(
        "by_table_names",
        "",
        &format!(
            "sender = {{ field = \"from\", table = \"Adress\", direction = \"to_provider\" }}\n{text}"
        ),
    );
    assert_mentions(
        &said,
        "by_table_names.toml:12#/mappings/1/fields/sender: `sender`: the file has no table from `Person` to `Adress` (did you mean `Address`?)",
    );

    let said = mail_problems(
        "by_table_shapes",
        "",
        &format!(
            "headline = {{ field = \"from\", table = \"Address\" }}\nsender = {{ field = \"groups[].cc\", table = \"Address\" }}\nccRecipient = {{ field = \"from\", table = \"Address\" }}\n{text}"
        ),
    );
    assert_mentions(
        &said,
        "`EmailMessage.headline` is Text, and a `table` entry converts Schema.org objects",
    );
    assert_mentions(
        &said,
        "by_table_shapes.toml:13#/mappings/1/fields/sender: `sender` (Person) and `#/components/schemas/Mail/properties/groups/items/properties/cc` disagree: the provider holds a list, and the property one `Person`",
    );
    assert_mentions(
        &said,
        "`ccRecipient` (Person) and `#/components/schemas/Mail/properties/from` disagree: the property holds several `Person`, and the provider one value, not a list",
    );

    // Read both ways through a table that only writes.
    let said = mail_problems(
        "by_table_direction",
        ", direction = \"to_provider\"",
        &format!("sender = {{ field = \"from\", table = \"Address\" }}\n{text}"),
    );
    assert_mentions(
        &said,
        "`sender`: the `Address` table reads nothing from the provider, and `sender` is read",
    );
}

#[test]
fn a_table_entry_converts_with_a_table_that_makes_the_fields_type() {
    let load = |name: &str, text: &str| problems_against(&mail(), name, text);
    // A Person table over the parts' items, named where an Address is held.
    let said = load(
        "by_table_type",
        "[[mappings]]\nschema = \"Person\"\nprovider = \"#/components/schemas/Mail/properties/parts/items\"\n[mappings.fields]\nname = \"value\"\ndescription = \"type\"\n\n[[mappings]]\nschema = \"EmailMessage\"\nprovider = \"Mail\"\n[mappings.fields]\nsender = { field = \"from\", table = \"MailPartsItem\", required = true }\nrecipient = { field = \"groups[].to\", table = \"MailPartsItem\" }\n",
    );
    assert_mentions(
        &said,
        "`sender`: the `MailPartsItem` table makes a `MailPartsItem`, and the field holds `Address`",
    );
}

#[test]
fn list_items_and_defaults_are_checked_against_the_spec() {
    let text = "text = { field = \"parts[].value\", direction = \"to_provider\" }\nencodingFormat = { field = \"parts[].type\", direction = \"to_provider\" }";
    let said = mail_problems(
        "items",
        "",
        "headline = \"from[].name\"\ndescription = \"groups.subject\"\nalternateName = \"parts[]\"\ntext = { field = \"parts[].value\", direction = \"to_provider\" }",
    );
    assert_mentions(
        &said,
        "`#/components/schemas/Mail/properties/from` is not a list, so `from[]` names nothing",
    );
    assert_mentions(
        &said,
        "`#/components/schemas/Mail/properties/groups` is a list, not an object: `groups[].subject` names a field of its one item",
    );
    assert_mentions(
        &said,
        "`parts[]` is the item of a list: name one of its fields (`parts[].…`)",
    );
    // `parts[]` items require a `type` as well as a `value`.
    assert_mentions(
        &said,
        "`MailPartsItem` (the `parts[]` of `#/components/schemas/Mail`) requires `type`, which no field of the table writes (`parts[].type`)",
    );

    let said = mail_problems(
        "defaults",
        "",
        &format!(
            "headline = {{ field = \"groups[].subject\", default = \"(none)\", direction = \"from_provider\" }}\nsender = {{ field = \"from\", table = \"Address\", default = \"x\", direction = \"to_provider\" }}\ndescription = {{ field = \"parts[].type\", default = \"x\", transform = \"e164\", direction = \"to_provider\" }}\ndateSent = {{ field = \"groups[].subject\", default = \"today\", direction = \"to_provider\" }}\n{text}"
        ),
    );
    assert_mentions(
        &said,
        "`headline`: a `default` is written to the provider, so it goes with neither a `table` nor `direction = \"from_provider\"`",
    );
    assert_mentions(&said, "`sender`: a `default` is written to the provider");
    assert_mentions(
        &said,
        "`description`: a `table` or a `default` goes with a `field` entry, and without a `transform` or `values`",
    );
    assert_mentions(
        &said,
        "`dateSent`: a `default` is text, and the property holds DateTime",
    );
}

#[test]
fn nullable_list_items_clashing_entries_and_nested_items_are_refused() {
    let text = "text = { field = \"parts[].value\", direction = \"to_provider\" }\nencodingFormat = { field = \"parts[].type\", direction = \"to_provider\" }";
    let said = mail_problems(
        "clashes",
        "",
        &format!(
            "sender = {{ field = \"from\", table = \"Address\", direction = \"to_provider\" }}\n\"sender.name\" = {{ field = \"from.name\", direction = \"to_provider\" }}\ndescription = {{ field = \"parts[].value\", direction = \"to_provider\" }}\n{text}"
        ),
    );
    assert_mentions(
        &said,
        "#/mappings/1/fields/sender.name: `sender` and `sender.name` both write `from`",
    );
    assert_mentions(&said, "`description` and `text` both write `parts`");

    let said = problems_against(
        &mail(),
        "nullable_items",
        "[[mappings]]\nschema = \"Person\"\nprovider = \"Address\"\n[mappings.fields]\nemail = { field = \"email\", required = true }\n\n[[mappings]]\nschema = \"Message\"\nprovider = \"Notice\"\n[mappings.fields]\nencodingFormat = \"kind\"\nrecipient = { field = \"watchers\", table = \"Address\" }\nheadline = \"watchers[].email\"\ndescription = \"title[].x\"\ntext = \"readers[].email[]\"\n",
    );
    assert_mentions(
        &said,
        "`recipient` (Person) and `#/components/schemas/Notice/properties/watchers` disagree: the provider's list may hold `null` items",
    );
    assert_mentions(
        &said,
        "headline: `#/components/schemas/Notice/properties/watchers` may hold `null` items, which a table does not write into or read from",
    );
    assert_mentions(
        &said,
        "`#/components/schemas/Notice/properties/title` is not a list, so `title[]` names nothing",
    );
    assert_mentions(
        &said,
        "`readers[].email[]`: `[]` goes on the first step only",
    );
}

#[test]
fn a_table_entry_and_a_field_path_see_through_a_type_alias() {
    // A folder of its own: a `provider.toml` beside a spec is read as its manifest.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mapping-alias");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("alias.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: Alias, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    Address:\n      type: object\n      required: [email]\n      properties:\n        email: {type: string}\n    Sender:\n      $ref: \"#/components/schemas/Address\"\n    Letter:\n      type: object\n      properties:\n        from: {$ref: \"#/components/schemas/Sender\"}\n        reply_to: {$ref: \"#/components/schemas/Sender\"}\n",
    )
    .unwrap();
    let api = integrations_codegen::build_ir(&spec, &integrations_codegen::Options::default())
        .expect("the spec loads")
        .0;
    let said = problems_against(
        &api,
        "alias",
        "[[mappings]]\nschema = \"Person\"\nprovider = \"Address\"\n[mappings.fields]\nemail = { field = \"email\", required = true }\n\n[[mappings]]\nschema = \"EmailMessage\"\nprovider = \"Letter\"\n[mappings.fields]\nsender = { field = \"from\", table = \"Address\" }\n\"author.email\" = \"reply_to.email\"\n",
    );
    assert_eq!(said, "", "`Sender` is `Address` by another name");
}
