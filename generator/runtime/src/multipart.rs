//! `multipart/form-data` bodies (RFC 7578): named parts of text, JSON or a file, sent as one
//! stream with a `Content-Length` (some servers, S3 among them, refuse a chunked body), a file
//! read as it is sent, never whole in memory. Hand-written runtime.

use std::fmt;
use std::sync::Mutex;

use bytes::Bytes;
use futures_util::{Stream, StreamExt, stream};
use serde::Serialize;
use serde_json::Value;

use crate::call::Route;
use crate::error::Error;
use crate::upload::Upload;

/// A multipart body: its boundary and its parts, in order.
pub(crate) struct Multipart {
    boundary: String,
    parts: Vec<Part>,
}

/// One part: its head (the boundary line and the part's headers) and its content.
struct Part {
    head: Bytes,
    content: Content,
}

enum Content {
    Bytes(Bytes),
    /// A file, taken when the body is first sent: a file or a reader can be read only once.
    File {
        len: u64,
        upload: Mutex<Option<Upload>>,
    },
}

impl fmt::Debug for Multipart {
    /// The parts' count and the length: never their content, which may be a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Multipart").field("parts", &self.parts.len()).field("len", &self.len()).finish()
    }
}

#[allow(dead_code, reason = "a spec without multipart bodies uses only the upload's part of it")]
impl Multipart {
    /// An empty body with a random boundary, so that no file is likely to hold it.
    pub(crate) fn new() -> Multipart {
        let random: String = std::iter::repeat_with(fastrand::alphanumeric).take(32).collect();
        Multipart { boundary: format!("----client-multipart-{random}"), parts: Vec::new() }
    }

    /// The fields of `value` (a request type), a part each, in name order: text as it is,
    /// numbers and booleans as JSON writes them, a list as one part per item, and an object as
    /// JSON (`application/json`). Absent fields are left out.
    pub(crate) fn fields(route: &Route, value: &impl Serialize) -> Result<Multipart, Error> {
        let refused = |what: &str| route.invalid(format!("the body cannot be written as multipart form data: {what}"));
        let value = serde_json::to_value(value).map_err(|e| refused(&e.to_string()))?;
        let Value::Object(fields) = value else { return Err(refused("it is not an object")) };
        // Sorted here: the map's own order depends on a feature of serde_json (`preserve_order`)
        // that any crate of a build may turn on.
        let mut fields: Vec<(String, Value)> = fields.into_iter().collect();
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        let mut form = Multipart::new();
        for (name, value) in fields {
            match value {
                Value::Array(items) => items.into_iter().for_each(|item| form.value(&name, item)),
                value => form.value(&name, value),
            }
        }
        Ok(form)
    }

    /// `value` as one part named `name`; `null` is no part at all (a form cannot say it).
    fn value(&mut self, name: &str, value: Value) {
        match value {
            Value::Null => {}
            Value::String(text) => self.text(name, text),
            Value::Number(_) | Value::Bool(_) => self.text(name, value.to_string()),
            Value::Array(_) | Value::Object(_) => {
                let head = self.head(name, None, Some("application/json"));
                self.parts.push(Part { head, content: Content::Bytes(value.to_string().into()) });
            }
        }
    }

    /// A part of text.
    pub(crate) fn text(&mut self, name: &str, value: impl Into<String>) {
        let head = self.head(name, None, None);
        self.parts.push(Part { head, content: Content::Bytes(value.into().into()) });
    }

    /// A file's part, named `name`, with the upload's file name (`file` when it has none).
    pub(crate) fn file(&mut self, name: &str, file: Upload) {
        let file_name = file.name().unwrap_or("file").to_string();
        let head = self.head(name, Some(&file_name), Some("application/octet-stream"));
        let content = match file.in_memory() {
            Some(bytes) => Content::Bytes(bytes),
            None => Content::File { len: file.len(), upload: Mutex::new(Some(file)) },
        };
        self.parts.push(Part { head, content });
    }

    /// The boundary line and headers of a part.
    fn head(&self, name: &str, file_name: Option<&str>, media_type: Option<&str>) -> Bytes {
        let mut head = format!("--{}\r\nContent-Disposition: form-data; name=\"{}\"", self.boundary, quoted(name));
        if let Some(file_name) = file_name {
            head.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
        }
        if let Some(media_type) = media_type {
            head.push_str(&format!("\r\nContent-Type: {media_type}"));
        }
        head.push_str("\r\n\r\n");
        head.into()
    }

    /// The body's `Content-Type`.
    pub(crate) fn media_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// The line that ends the body.
    fn tail(&self) -> Bytes {
        format!("--{}--\r\n", self.boundary).into()
    }

    /// The body's length in bytes.
    pub(crate) fn len(&self) -> u64 {
        let content = |part: &Part| match &part.content {
            Content::Bytes(bytes) => bytes.len() as u64,
            Content::File { len, .. } => *len,
        };
        let parts: u64 = self.parts.iter().map(|part| part.head.len() as u64 + content(part) + 2).sum();
        parts + self.tail().len() as u64
    }

    /// Whether the body can be sent again (a retry): not once a file read as it is sent is part
    /// of it.
    pub(crate) fn replayable(&self) -> bool {
        self.parts.iter().all(|part| matches!(part.content, Content::Bytes(_)))
    }

    /// The body as a stream of exactly [`len`](Self::len) bytes. A file's part is taken by the
    /// first stream; a second one fails with an I/O error instead of sending it again.
    pub(crate) fn stream(&self) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
        let crlf = Bytes::from_static(b"\r\n");
        let mut pieces: Vec<stream::BoxStream<'static, Result<Bytes, std::io::Error>>> = Vec::new();
        for part in &self.parts {
            pieces.push(stream::iter([Ok(part.head.clone())]).boxed());
            pieces.push(match &part.content {
                Content::Bytes(bytes) => stream::iter([Ok(bytes.clone())]).boxed(),
                Content::File { upload, .. } => match upload.lock().unwrap_or_else(|p| p.into_inner()).take() {
                    Some(file) => file.into_stream().boxed(),
                    None => stream::iter([Err(std::io::Error::other("a file part was sent already"))]).boxed(),
                },
            });
            pieces.push(stream::iter([Ok(crlf.clone())]).boxed());
        }
        pieces.push(stream::iter([Ok(self.tail())]).boxed());
        stream::iter(pieces).flatten()
    }
}

/// A name or file name inside a part's `Content-Disposition`, escaped as browsers do (WHATWG's
/// `multipart/form-data` encoding): `"`, CR and LF as `%22`, `%0D` and `%0A`.
fn quoted(text: &str) -> String {
    text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn sent(form: &Multipart) -> String {
        let chunks: Vec<Bytes> = form.stream().map(|chunk| chunk.unwrap()).collect().await;
        String::from_utf8(chunks.concat()).unwrap()
    }

    #[tokio::test]
    async fn parts_are_framed_as_rfc_7578_says_and_the_length_is_exact() {
        let mut form = Multipart::new();
        form.text("na\"me", "Ada");
        form.value("tags", serde_json::json!({"a": 1}));
        form.file("file", Upload::reader(&b"12345"[..], 5).file_name("a\r\nb.txt"));
        let b = form.boundary.clone();
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"na%22me\"\r\n\r\nAda\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"tags\"\r\nContent-Type: application/json\r\n\r\n{{\"a\":1}}\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%0D%0Ab.txt\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n12345\r\n--{b}--\r\n"
        );
        assert!(form.media_type().ends_with(&b));
        assert_eq!(form.len(), expected.len() as u64);
        assert!(!form.replayable());
        assert_eq!(sent(&form).await, expected);
        // The reader was taken: a second send fails rather than sending another body.
        let second: Vec<_> = form.stream().collect().await;
        assert!(second.iter().any(Result::is_err));
    }

    #[tokio::test]
    async fn a_form_in_memory_can_be_sent_twice() {
        let mut form = Multipart::new();
        form.file("file", Upload::bytes(&b"abc"[..]));
        assert!(form.replayable());
        assert_eq!(sent(&form).await, sent(&form).await);
        assert_eq!(sent(&form).await.len() as u64, form.len());
    }
}
