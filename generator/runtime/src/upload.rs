//! Uploads in one call. A server that keeps files in object storage (S3 or one like it) takes an
//! upload in three steps: the API registers the file and answers with a presigned POST form
//! (a storage URL and the fields to send with the file); the file goes to that URL, not to the
//! API; the API is told that the upload is done. [`upload`] runs the three, as a generated
//! upload method describes them, and deletes the registered file again when a step after the
//! first fails. Hand-written runtime.
//!
//! The storage request is a request of its own: it carries none of the client's headers (no
//! credential, no default header), follows no redirect, and streams the file as it is read.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::pin::Pin;

use bytes::Bytes;
use futures_util::{Stream, StreamExt, stream};
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, USER_AGENT};
use serde::de::DeserializeOwned;
use tokio::io::{AsyncRead, AsyncReadExt};

use crate::call::Call;
use crate::client::Client;
use crate::error::{Cleanup, Error, StorageError, UploadError};
use crate::multipart::Multipart;

/// A file to upload: its bytes, from a file on disk, a reader or memory, and its length, which
/// the server is told before any byte is sent.
///
/// A file or a reader is read as it is sent, in chunks, never whole in memory.
///
/// ```no_run
/// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
/// use plane_client::Upload;
///
/// let from_disk = Upload::file("diagram.png").await?;
/// let from_memory = Upload::bytes(b"hello".to_vec()).file_name("hello.txt");
/// let from_reader = Upload::reader(tokio::io::empty(), 0);
/// # let _ = (from_disk, from_memory, from_reader);
/// # Ok(())
/// # }
/// ```
pub struct Upload {
    source: Source,
    len: u64,
    file_name: Option<String>,
}

/// Where an upload's bytes come from.
enum Source {
    Bytes(Bytes),
    Reader(Pin<Box<dyn AsyncRead + Send>>),
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match self.source {
            Source::Bytes(_) => "memory",
            Source::Reader(_) => "reader",
        };
        f.debug_struct("Upload")
            .field("source", &source)
            .field("len", &self.len)
            .field("file_name", &self.file_name)
            .finish()
    }
}

/// How much of a file or a reader is read at a time.
const CHUNK: usize = 64 * 1024;

impl Upload {
    /// The file at `path`, read as it is sent; its length is its size now, and its name the
    /// path's last part.
    ///
    /// # Errors
    ///
    /// The file cannot be opened, or is not a regular file.
    pub async fn file(path: impl AsRef<Path>) -> std::io::Result<Upload> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path).await?;
        let metadata = file.metadata().await?;
        if !metadata.is_file() {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"));
        }
        let upload = Upload::reader(file, metadata.len());
        Ok(match path.file_name() {
            Some(name) => upload.file_name(name.to_string_lossy()),
            None => upload,
        })
    }

    /// `len` bytes read from `reader` as they are sent. A reader that ends before `len` bytes,
    /// or has more, fails the upload: the storage is never sent another length than the one
    /// declared.
    pub fn reader(reader: impl AsyncRead + Send + 'static, len: u64) -> Upload {
        Upload { source: Source::Reader(Box::pin(reader)), len, file_name: None }
    }

    /// Bytes in memory.
    pub fn bytes(bytes: impl Into<Bytes>) -> Upload {
        let bytes = bytes.into();
        Upload { len: bytes.len() as u64, source: Source::Bytes(bytes), file_name: None }
    }

    /// The file name sent with the file's bytes (the storage keys the file by the form's
    /// fields, not by this name). By default the file's own name for [`Upload::file`], else
    /// `file`.
    #[must_use]
    pub fn file_name(mut self, name: impl Into<String>) -> Upload {
        self.file_name = Some(name.into());
        self
    }

    /// The length, in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether there are no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The file name, if one was given or taken from the path.
    pub(crate) fn name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The bytes, when they are in memory (and so can be sent more than once).
    pub(crate) fn in_memory(&self) -> Option<Bytes> {
        match &self.source {
            Source::Bytes(bytes) => Some(bytes.clone()),
            Source::Reader(_) => None,
        }
    }

    /// The bytes as a stream of exactly `len` bytes, failing if the source has fewer or more.
    pub(crate) fn into_stream(self) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send {
        let len = self.len;
        let chunks: Pin<Box<dyn Stream<Item = Result<Bytes, std::io::Error>> + Send>> = match self.source {
            Source::Bytes(bytes) => Box::pin(stream::iter([Ok(bytes)])),
            Source::Reader(reader) => Box::pin(stream::unfold((reader, 0u64), move |(mut reader, read)| async move {
                // At most what is left; once all is read, one byte more, to notice a reader that
                // has more than it said.
                let want = if read < len { (len - read).min(CHUNK as u64) as usize } else { 1 };
                let mut buffer = vec![0; want];
                match reader.read(&mut buffer).await {
                    Ok(0) if read == len => None,
                    Ok(0) => Some((Err(wrong_length(read, len)), (reader, len))),
                    Ok(_) if read >= len => Some((Err(wrong_length(len + 1, len)), (reader, len))),
                    Ok(n) => {
                        buffer.truncate(n);
                        Some((Ok(Bytes::from(buffer)), (reader, read + n as u64)))
                    }
                    Err(e) => Some((Err(e), (reader, len))),
                }
            })),
        };
        // An error ends the stream: the request it feeds fails at once.
        chunks.scan(false, |failed, chunk| {
            let item = (!*failed).then(|| {
                *failed = chunk.is_err();
                chunk
            });
            std::future::ready(item)
        })
    }
}

fn wrong_length(read: u64, len: u64) -> std::io::Error {
    let what = if read > len { "more" } else { "fewer" };
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("the upload's source has {what} bytes than the {len} declared (read {read})"),
    )
}

/// The storage URL and fields of a presigned POST form, as the server returned them.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    pub(crate) url: String,
    pub(crate) fields: BTreeMap<String, String>,
}

/// What a generated upload method says about the steps after the first.
pub(crate) struct Steps<P, C, D> {
    /// The new file's id, and the form to send it with (`None` when the server sent none).
    pub(crate) parts: P,
    /// The confirmation, for the id.
    pub(crate) confirm: C,
    /// The deletion, for the id, should a step after the first fail; `None` when the API has
    /// no way to delete the file.
    pub(crate) cancel: D,
}

/// An upload in one call: checks `file`'s length against what `create`'s body declares
/// (`declared`) and against the server's limit (the client's
/// [`max_upload_bytes`](crate::ClientBuilder::max_upload_bytes), else `default_limit`), sends
/// `create`, sends the file to the storage with the form from its answer, then the
/// confirmation; returns `create`'s answer.
///
/// Nothing is sent when a check fails. When a step after `create` fails, the registered file is
/// deleted with `cancel`, and the error ([`Error::Upload`]) says what failed and whether the
/// deletion worked.
#[allow(dead_code, reason = "used only by specs with an upload")]
pub(crate) async fn upload<'c, T, I, P, C, D, R, S>(
    create: Call<'c, T>,
    file: Upload,
    declared: Option<i64>,
    default_limit: u64,
    steps: Steps<P, C, D>,
) -> Result<T, Error>
where
    T: DeserializeOwned + Send + 'c,
    I: Clone + fmt::Display,
    P: FnOnce(&T) -> (I, Option<Form>),
    C: FnOnce(I) -> Call<'c, R>,
    D: FnOnce(I) -> Option<Call<'c, S>>,
    R: DeserializeOwned + Send + 'c,
    S: DeserializeOwned + Send + 'c,
{
    let client = create.client();
    let (method, path) = create.describe();
    let size = file.len();
    if let Some(declared) = declared.filter(|declared| u64::try_from(*declared).ok() != Some(size)) {
        let message = format!("the body declares a size of {declared} bytes, but the file has {size}");
        return Err(Error::InvalidArgument { method, path, message });
    }
    let limit = client.inner.max_upload_bytes.unwrap_or(default_limit);
    if size > limit {
        return Err(Error::FileTooLarge { method, path, size, limit });
    }
    let created = create.await?;
    let (id, form) = (steps.parts)(&created);
    let sent = match form {
        Some(form) => send(client, form, file, (&method, path)).await,
        None => Err(storage_error(None, None, "the server's answer has no upload form: it did not sign the upload")),
    };
    let result = match sent {
        Ok(()) => (steps.confirm)(id.clone()).await.map(drop),
        Err(error) => Err(error),
    };
    let Err(error) = result else { return Ok(created) };
    let cleanup = match (steps.cancel)(id.clone()) {
        Some(cancel) => match cancel.await {
            Ok(_) => Cleanup::Deleted,
            Err(e) => Cleanup::Failed(Box::new(e)),
        },
        None => Cleanup::Kept,
    };
    tracing::info!(%method, path, id = %id, deleted = matches!(cleanup, Cleanup::Deleted), "upload failed");
    Err(Error::Upload(Box::new(UploadError { method, path, id: id.to_string(), error, cleanup })))
}

/// Checks the form's stated size range against the file, then sends it.
async fn send(client: &Client, form: Form, file: Upload, first: (&reqwest::Method, &'static str)) -> Result<(), Error> {
    if let Some(limit) = form.fields.get("policy").and_then(|policy| policy_max_length(policy)) {
        if file.len() > limit {
            let (method, path) = (first.0.clone(), first.1);
            return Err(Error::FileTooLarge { method, path, size: file.len(), limit });
        }
    }
    post_form(client, form, file).await
}

/// POSTs `file` to the form's URL as `multipart/form-data`: the form's fields first, the file
/// last (S3 ignores what follows the file), with a `Content-Length` (S3 refuses a chunked POST).
/// The request carries no header of the client's, and a redirect is not followed.
async fn post_form(client: &Client, form: Form, file: Upload) -> Result<(), Error> {
    let url = storage_url(&form.url)?;
    let mut body = Multipart::new();
    for (name, value) in form.fields {
        body.text(&name, value);
    }
    body.file("file", file);
    let request = client
        .inner
        .http
        .post(url.clone())
        .header(USER_AGENT, crate::client::USER_AGENT_VALUE)
        .header(CONTENT_TYPE, body.media_type())
        .header(CONTENT_LENGTH, body.len())
        .body(reqwest::Body::wrap_stream(body.stream()));
    let response = request.send().await.map_err(|e| transport_error(reqwest::Method::POST, &url, e))?;
    let status = response.status();
    if response.url() != &url {
        let message = "the HTTP client followed a redirect; build it with `redirect(Policy::none())`";
        return Err(storage_error(Some(reqwest::Method::POST), Some(&url), message));
    }
    if status.is_success() {
        return Ok(());
    }
    Err(refusal(reqwest::Method::POST, &url, response).await)
}

/// The storage URL the server gave, if it is an http(s) URL.
pub(crate) fn storage_url(text: &str) -> Result<url::Url, Error> {
    match url::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(url),
        _ => Err(storage_error(None, None, "the server's storage URL is not an http(s) URL")),
    }
}

/// `url` without its query and fragment (where a presigned URL carries its signature) or a
/// user name and password: what errors show of a storage URL.
pub(crate) fn shown(url: &url::Url) -> String {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    let _ = url.set_password(None);
    let _ = url.set_username("");
    url.to_string()
}

/// A storage failure with no answer to read.
pub(crate) fn storage_error(method: Option<reqwest::Method>, url: Option<&url::Url>, message: &str) -> Error {
    Error::Storage(Box::new(StorageError {
        method: method.unwrap_or(reqwest::Method::POST),
        url: url.map(shown),
        status: None,
        code: None,
        message: message.to_string(),
        source: None,
    }))
}

/// No complete answer from the storage; the error's URL (with the signature) is removed.
pub(crate) fn transport_error(method: reqwest::Method, url: &url::Url, error: reqwest::Error) -> Error {
    let message = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect (nothing was sent)"
    } else {
        "the connection failed before a complete answer arrived"
    };
    Error::Storage(Box::new(StorageError {
        method,
        url: Some(shown(url)),
        status: None,
        code: None,
        message: message.to_string(),
        source: Some(error.without_url()),
    }))
}

/// The most of an error answer read: S3's error documents are a few hundred bytes.
const ERROR_BODY_AT_MOST: usize = 64 * 1024;

/// The storage's error answer: its status, and S3's `<Code>` and `<Message>` when it has them.
pub(crate) async fn refusal(method: reqwest::Method, url: &url::Url, mut response: reqwest::Response) -> Error {
    let status = response.status();
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        body.extend_from_slice(&chunk[..chunk.len().min(ERROR_BODY_AT_MOST - body.len())]);
        if body.len() >= ERROR_BODY_AT_MOST {
            break;
        }
    }
    let text = String::from_utf8_lossy(&body);
    let code = xml_element(&text, "Code");
    let message = xml_element(&text, "Message").unwrap_or_else(|| crate::error::ErrorBody::parse(&text).message());
    Error::Storage(Box::new(StorageError {
        method,
        url: Some(shown(url)),
        status: Some(status),
        code,
        message,
        source: None,
    }))
}

/// The text of the first `<name>…</name>` in `xml`, if any: enough of S3's error documents.
fn xml_element(xml: &str, name: &str) -> Option<String> {
    let start = xml.find(&format!("<{name}>"))? + name.len() + 2;
    let end = xml[start..].find(&format!("</{name}>"))? + start;
    Some(xml[start..end].trim().to_string())
}

/// The largest length a presigned POST's policy allows (its `["content-length-range", min,
/// max]` condition), if it says: the storage refuses a longer file, after the file was sent.
fn policy_max_length(policy: &str) -> Option<u64> {
    let json = base64_decode(policy)?;
    let policy: serde_json::Value = serde_json::from_slice(&json).ok()?;
    policy.get("conditions")?.as_array()?.iter().find_map(|condition| match condition.as_array()?.as_slice() {
        [name, _, max] if name.as_str()?.eq_ignore_ascii_case("content-length-range") => {
            max.as_u64().or_else(|| max.as_str()?.parse().ok())
        }
        _ => None,
    })
}

/// Standard base64 (with or without padding), as S3 policies are written.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits = text.trim().trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut bits = 0u32;
        for (n, &c) in chunk.iter().enumerate() {
            bits |= u32::from(value(c)?) << (18 - 6 * n);
        }
        let bytes = bits.to_be_bytes();
        match chunk.len() {
            4 => out.extend_from_slice(&bytes[1..4]),
            3 => out.extend_from_slice(&bytes[1..3]),
            2 => out.push(bytes[1]),
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    fn collect(upload: Upload) -> Result<Vec<u8>, std::io::Error> {
        block_on(async {
            let mut stream = std::pin::pin!(upload.into_stream());
            let mut all = Vec::new();
            while let Some(chunk) = stream.next().await {
                all.extend_from_slice(&chunk?);
            }
            Ok(all)
        })
    }

    #[test]
    fn a_reader_gives_exactly_its_declared_length() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let read = collect(Upload::reader(std::io::Cursor::new(data.clone()), data.len() as u64)).unwrap();
        assert_eq!(read, data);
        let short = collect(Upload::reader(std::io::Cursor::new(data.clone()), data.len() as u64 + 1)).unwrap_err();
        assert!(short.to_string().contains("fewer bytes than the 200001 declared"), "{short}");
        let long = collect(Upload::reader(std::io::Cursor::new(data), 10)).unwrap_err();
        assert!(long.to_string().contains("more bytes than the 10 declared"), "{long}");
        assert_eq!(collect(Upload::reader(tokio::io::empty(), 0)).unwrap(), b"");
        assert_eq!(collect(Upload::bytes(&b"abc"[..])).unwrap(), b"abc");
    }

    #[test]
    fn a_file_is_read_from_disk_with_its_name_and_size() {
        let path = std::env::temp_dir().join(format!("upload-test-{}.txt", std::process::id()));
        std::fs::write(&path, b"on disk").unwrap();
        let upload = block_on(Upload::file(&path)).unwrap();
        assert_eq!((upload.len(), upload.file_name.as_deref()), (7, path.file_name().and_then(|n| n.to_str())));
        assert_eq!(collect(upload).unwrap(), b"on disk");
        std::fs::remove_file(&path).unwrap();
        assert!(block_on(Upload::file(std::env::temp_dir())).is_err(), "a folder is not a file");
    }

    #[test]
    fn reads_the_policys_length_range() {
        // {"expiration": "…", "conditions": [{"bucket": "uploads"}, ["content-length-range", 1, 10]]}
        let policy = "eyJleHBpcmF0aW9uIjogIjIwMzAtMDEtMDFUMDA6MDA6MDBaIiwgImNvbmRpdGlvbnMiOiBbeyJidWNrZXQiOiAidXBsb2FkcyJ9LCBbImNvbnRlbnQtbGVuZ3RoLXJhbmdlIiwgMSwgMTBdXX0=";
        assert_eq!(policy_max_length(policy), Some(10));
        assert_eq!(policy_max_length("not base64!"), None);
        assert_eq!(base64_decode("aGk"), Some(b"hi".to_vec()));
        assert_eq!(base64_decode("aGk="), Some(b"hi".to_vec()));
        assert_eq!(base64_decode("aGVsbG8gd29ybGQ="), Some(b"hello world".to_vec()));
        assert_eq!(base64_decode("a"), None);
    }

    #[test]
    fn storage_errors_show_neither_the_signature_nor_a_password() {
        let url = url::Url::parse("https://user:pw@bucket.example.com/key?X-Amz-Signature=secret#x").unwrap();
        assert_eq!(shown(&url), "https://bucket.example.com/key");
        let xml = "<?xml version=\"1.0\"?><Error><Code>EntityTooLarge</Code><Message>Too big</Message></Error>";
        assert_eq!(xml_element(xml, "Code").as_deref(), Some("EntityTooLarge"));
        assert_eq!(xml_element(xml, "Message").as_deref(), Some("Too big"));
        assert_eq!(xml_element("plain text", "Code"), None);
    }
}
