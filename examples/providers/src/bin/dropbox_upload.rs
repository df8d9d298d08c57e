//! Uploads a file to Dropbox, reads it back and lists its folder. `DROPBOX_ACCESS_TOKEN`.

use integrations::dropbox;

#[tokio::main]
async fn main() -> example_providers::Outcome {
    let client = dropbox::Client::from_env()?;
    let mut arg = dropbox::UploadArg::new("/Homework/math/Matrices.txt".to_owned());
    arg.mode = Some(dropbox::WriteMode::new(dropbox::WriteModeTag::Add));
    arg.autorename = Some(true);
    let file = client.upload(arg, b"[1 0; 0 1]\n".to_vec()).await?;
    println!(
        "uploaded {} ({} bytes, rev {})",
        file.name, file.size, file.rev
    );
    let content = client
        .download(dropbox::DownloadArg::new(file.id.clone()))
        .await?
        .collect()
        .await?;
    println!("read back {} bytes", content.len());
    let entries = client
        .files()
        .list(dropbox::ListFolderArg::new("/Homework/math".to_owned()))
        .items()
        .max_items(500)
        .collect_all()
        .await?;
    println!("{} entries in the folder", entries.len());
    Ok(())
}
