//! Where the base URL comes from: the builder, then the API's environment variable, then
//! the spec's first server. (Its own test binary: it changes the environment.)

use integrations_runtime::{ApiDescription, Client, ClientBuilder};

static API: ApiDescription = ApiDescription::new("Test API", "1")
    .servers(&["https://api.example.com", "https://eu.api.example.com"])
    .base_url_env("INTEGRATIONS_TEST_API_BASE_URL");

#[test]
fn the_base_url_comes_from_the_builder_then_the_environment_then_the_spec() {
    let from_spec: Client = ClientBuilder::new(&API).build().unwrap();
    assert_eq!(from_spec.base_url(), "https://api.example.com");
    // SAFETY: this binary has this one test; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("INTEGRATIONS_TEST_API_BASE_URL", "http://127.0.0.1:9/") };
    let from_env: Client = ClientBuilder::new(&API).build().unwrap();
    assert_eq!(from_env.base_url(), "http://127.0.0.1:9");
    let explicit: Client = ClientBuilder::new(&API)
        .base_url("http://localhost:1")
        .build()
        .unwrap();
    assert_eq!(explicit.base_url(), "http://localhost:1");
    // SAFETY: as above.
    unsafe { std::env::remove_var("INTEGRATIONS_TEST_API_BASE_URL") };
}
