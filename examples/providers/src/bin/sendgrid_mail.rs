//! Sends a mail with SendGrid, written as a Schema.org `EmailMessage` and converted by
//! SendGrid's mapping table, and prints its message id. `SENDGRID_API_KEY`.

use integrations::schema::{EmailMessage, Person};
use integrations::sendgrid;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let client = sendgrid::Client::from_env()?;
    let message = EmailMessage::new()
        .sender(Person::new().name("Example").email("noreply@example.com"))
        .recipient([Person::new()
            .given_name("John")
            .family_name("Doe")
            .email("john.doe@example.com")])
        .headline("Welcome")
        .text("Welcome aboard.");
    // `{"personalizations": [{"to": [{"email": "john.doe@example.com", "name": "John Doe"}]}],
    //   "from": {…}, "subject": "Welcome", "content": [{"type": "text/plain", …}]}`
    let mail = sendgrid::SendMailBody::try_from(&message)?;
    let reply = client.send(mail).send_full().await?;
    println!(
        "accepted ({}), message id {:?}",
        reply.status(),
        reply.request_id()
    );
    Ok(())
}
