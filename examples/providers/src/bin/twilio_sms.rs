//! Sends an SMS with Twilio and lists the messages sent to that number.
//! `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN`, `TWILIO_FROM_NUMBER`.

use integrations::twilio;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let client = twilio::Client::from_env()?;
    let account = std::env::var("TWILIO_ACCOUNT_SID")?;
    let mut sms = twilio::CreateMessageBody::new("+15555550100".to_owned());
    sms.from = Some(std::env::var("TWILIO_FROM_NUMBER")?);
    sms.body = Some("Your code is 123456".into());
    let message = client.messages().create(account.as_str(), sms).await?;
    println!("message {:?} is {:?}", message.sid, message.status);
    let sent = client
        .messages()
        .list(account.as_str())
        .to("+15555550100")
        .items()
        .max_items(20)
        .collect_all()
        .await?;
    println!("{} message(s) to that number", sent.len());
    Ok(())
}
