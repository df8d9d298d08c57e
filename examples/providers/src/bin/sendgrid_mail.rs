//! Sends a mail with SendGrid and prints its message id. `SENDGRID_API_KEY`.

use integrations::sendgrid;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let client = sendgrid::Client::from_env()?;
    let to = sendgrid::MailTo::new("john.doe@example.com".to_owned());
    let mut mail = sendgrid::SendMailBody::new(
        vec![sendgrid::SendMailBodyPersonalizationsItem::new(vec![to])],
        sendgrid::MailFrom::new("noreply@example.com".to_owned()),
    );
    mail.subject = Some("Welcome".into());
    mail.content = Some(vec![sendgrid::SendMailBodyContentItem::new(
        "text/plain".to_owned(),
        "Welcome aboard.".to_owned(),
    )]);
    let reply = client.send(mail).send_full().await?;
    println!(
        "accepted ({}), message id {:?}",
        reply.status(),
        reply.request_id()
    );
    Ok(())
}
