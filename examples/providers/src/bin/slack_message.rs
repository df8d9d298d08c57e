//! Posts a Slack message and lists the workspace's channels. `SLACK_BOT_TOKEN`.

use integrations::slack;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let client = slack::Client::from_env()?;
    let mut message = slack::ChatPostMessageBody::new("#general".to_owned());
    message.text = Some("Deployed to production".into());
    let posted = client.send(message).await?;
    println!("posted at {}", posted.ts);
    let channels = client
        .conversations()
        .list()
        .limit(200)
        .items()
        .collect_all()
        .await?;
    println!("{} channel(s)", channels.len());
    Ok(())
}
