// A module generated in place: its types and client are usable.
#[integrations_macros::integration(spec = "fixtures/enums.yaml")]
pub mod enums {
    /// Items written in the module stay next to the generated ones.
    pub const HELLO: &str = "hello";
}

#[integrations_macros::integration(spec = "fixtures/binary.yaml", keep = ["uploadFile"])]
mod files {}

fn main() {
    let status = enums::Status::from("past_due");
    assert_eq!(status, enums::Status::PastDue);
    assert_eq!(enums::HELLO, "hello");
    let _builder = files::Client::builder();
    let _body: Option<files::UploadFileBody> = None;
}
