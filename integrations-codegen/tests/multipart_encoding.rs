//! A multipart body's `encoding` reaches the IR: each part's declared content type by
//! property (Drive's metadata part), and a list of accepted types is left to the part's
//! default with a note naming where it is.

use std::path::Path;

use integrations_codegen::Options;

#[test]
fn part_content_types_come_from_the_encoding_object() {
    let drive = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/google-drive/openapi.yaml");
    let (api, ..) = integrations_codegen::build_ir(&drive, &Options::default()).expect("Drive");
    let upload = api
        .operations
        .iter()
        .find(|op| op.id == "files_upload")
        .expect("files_upload");
    let body = upload.body.as_ref().expect("a body");
    assert_eq!(
        body.part_types,
        [(
            "metadata".to_owned(),
            "application/json; charset=UTF-8".to_owned()
        )]
    );

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("multipart-encoding");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("upload.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: Upload, version: '1'}\npaths:\n  /upload:\n    post:\n      operationId: upload\n      requestBody:\n        content:\n          multipart/form-data:\n            schema:\n              type: object\n              properties:\n                picture: {type: string, format: binary}\n                meta: {type: object, properties: {name: {type: string}}}\n            encoding:\n              picture: {contentType: 'image/png, image/jpeg'}\n              meta: {contentType: application/json}\n      responses:\n        '204': {description: done}\n",
    )
    .unwrap();
    let (api, diagnostics, ..) =
        integrations_codegen::build_ir(&spec, &Options::default()).expect("the fixture");
    let body = api.operations[0].body.as_ref().expect("a body");
    assert_eq!(
        body.part_types,
        [("meta".to_owned(), "application/json".to_owned())]
    );
    let said = diagnostics.to_string();
    assert!(
        said.contains("encoding/picture/contentType")
            && said.contains("`image/png, image/jpeg` is not one media type"),
        "{said}"
    );
}
