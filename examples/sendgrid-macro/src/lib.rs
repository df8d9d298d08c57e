//! A SendGrid client generated in place from `specs/sendgrid/openapi.yaml`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use example_sendgrid_macro::sendgrid;
//!
//! let client = sendgrid::Client::builder().bearer_token(std::env::var("SENDGRID_API_KEY")?).build()?;
//! let to = sendgrid::SendMailBodyPersonalizationsItem::new(vec![sendgrid::MailTo::new("ada@example.com".into())]);
//! let mut mail = sendgrid::SendMailBody::new(vec![to], sendgrid::MailFrom::new("noreply@example.com".into()));
//! mail.subject = Some("Hello".into());
//! client.send_mail(mail).await?;
//! # Ok(())
//! # }
//! ```

/// The generated SendGrid client.
#[integrations_macros::integration(spec = "../../specs/sendgrid/openapi.yaml")]
pub mod sendgrid {}
