//! Uploads a small file to Google Drive with its metadata (multipart/related), a large one
//! through a resumable session, and lists the folder. `GOOGLE_DRIVE_ACCESS_TOKEN`.

use integrations::google_drive as drive;
use integrations::runtime::{FilePart, ResumableUpload};

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let client = drive::Client::from_env()?;
    let metadata = drive::File {
        name: Some("report.csv".into()),
        mime_type: Some("text/csv".into()),
        ..Default::default()
    };
    let media = FilePart::new(b"quarter,revenue\nQ1,1200\n".to_vec()).content_type("text/csv");
    let small = client
        .upload(drive::FileUpload::new(metadata, media))
        .fields("id,name,size")
        .await?;
    println!("uploaded {:?} ({:?} bytes)", small.id, small.size);

    let video = vec![0u8; 12 * 1024 * 1024];
    let metadata = drive::File {
        name: Some("recording.mp4".into()),
        ..Default::default()
    };
    let opened = client
        .files()
        .upload_resumable(metadata)
        .x_upload_content_type("video/mp4")
        .x_upload_content_length(video.len() as i64)
        .send_full()
        .await?;
    let session = opened
        .headers()
        .get("location")
        .ok_or("no session URL in Location")?
        .to_str()?
        .to_owned();
    let large = ResumableUpload::new(client.runtime(), "files_upload_resumable", session)
        .send::<drive::File, drive::ErrorResponse>(video)
        .await?
        .into_body();
    println!("uploaded {:?}", large.id);

    let mut files = client
        .files()
        .list()
        .q("trashed = false")
        .page_size(100)
        .items()
        .max_items(250);
    while let Some(file) = files.next().await {
        let file = file?;
        println!("{:?} {:?}", file.id, file.name);
    }
    Ok(())
}
