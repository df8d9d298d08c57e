//! What keeping undeclared properties costs when decoding: Square's customer, decoded into
//! the type that keeps properties its schema does not declare (the default) and into the
//! one that drops them; once as Square sends it today (every key declared), once with
//! eight keys the spec does not know (a newer API version, or envelope fields).

use criterion::{Criterion, criterion_group, criterion_main};
use integrations_bench_client_call::{square, square_drop};

const DECLARED: &str = r#"{"customer":{"id":"JDKYHBWT1D4F8MFH63DBMEN8Y4","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z","given_name":"Ada","family_name":"Lovelace","email_address":"ada@example.com","address":{"address_line_1":"1 Main St","locality":"London","country":"GB"},"preferences":{"email_unsubscribed":false},"creation_source":"THIRD_PARTY","version":3}}"#;

const UNDECLARED: &str = r#"{"customer":{"id":"JDKYHBWT1D4F8MFH63DBMEN8Y4","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z","given_name":"Ada","family_name":"Lovelace","email_address":"ada@example.com","address":{"address_line_1":"1 Main St","locality":"London","country":"GB","plus_code":"9C3XGV00+"},"preferences":{"email_unsubscribed":false,"sms_unsubscribed":true},"creation_source":"THIRD_PARTY","version":3,"loyalty_tier":"gold","marketing":{"channel":"web","campaign":"spring"},"tags":["vip","beta"],"risk_score":0.12,"locale":"en-GB"},"request_id":"7c9e6679"}"#;

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode_square_customer");
    for (label, body) in [
        ("declared_keys", DECLARED),
        ("eight_undeclared_keys", UNDECLARED),
    ] {
        group.bench_function(format!("keep/{label}"), |b| {
            b.iter(|| {
                integrations_runtime::de::from_slice::<square::RetrieveCustomerResponse>(
                    std::hint::black_box(body.as_bytes()),
                )
                .expect("decodes")
            })
        });
        group.bench_function(format!("drop/{label}"), |b| {
            b.iter(|| {
                integrations_runtime::de::from_slice::<square_drop::RetrieveCustomerResponse>(
                    std::hint::black_box(body.as_bytes()),
                )
                .expect("decodes")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
