//! Downloads in one call. A server that keeps files in object storage answers a download with
//! where the file is: a redirect to a presigned storage URL, or that URL in its JSON answer.
//! The functions here take it from there and fetch the file, as a generated download method
//! describes: a request of its own to the storage, with none of the client's headers (no
//! credential), no redirect followed, and the body read as a stream under the client's
//! response size limit. Hand-written runtime.

use std::fmt;

use bytes::Bytes;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE, USER_AGENT};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::call::Call;
use crate::client::Client;
use crate::error::Error;
use crate::upload::{refusal, shown, storage_error, storage_url, transport_error};

/// A file being downloaded from the object storage: its headers have arrived, its bytes are
/// read on demand, in chunks, never more than the limit (the client's
/// [`max_response_bytes`](crate::ClientBuilder::max_response_bytes), or
/// [`Download::max_bytes`]).
///
/// ```no_run
/// # async fn example(download: plane_client::Download) -> Result<(), Box<dyn std::error::Error>> {
/// println!("{:?}, {:?} bytes", download.file_name(), download.content_length());
/// let mut file = tokio::fs::File::create("copy.bin").await?;
/// let written = download.write_to(&mut file).await?;
/// # let _ = written;
/// # Ok(())
/// # }
/// ```
pub struct Download {
    response: reqwest::Response,
    /// The storage URL, for errors and traces (shown without its query).
    url: url::Url,
    /// The operation that gave the URL, which size errors name.
    method: Method,
    path: &'static str,
    limit: u64,
    read: u64,
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("url", &shown(&self.url))
            .field("status", &self.response.status())
            .field("content_length", &self.content_length())
            .field("limit", &self.limit)
            .field("read", &self.read)
            .finish_non_exhaustive()
    }
}

impl Download {
    /// The storage's status (a 2xx).
    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// The file's length, if the storage said (`Content-Length`).
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The file's media type, if the storage said (`Content-Type`).
    pub fn content_type(&self) -> Option<&str> {
        self.response.headers().get(CONTENT_TYPE)?.to_str().ok()
    }

    /// The file's name, if the storage's `Content-Disposition` gives one (`filename*=UTF-8''…`
    /// decoded, or `filename="…"`).
    pub fn file_name(&self) -> Option<String> {
        let disposition = self.response.headers().get(CONTENT_DISPOSITION)?.to_str().ok()?;
        file_name(disposition)
    }

    /// The most bytes to read, instead of the client's
    /// [`max_response_bytes`](crate::ClientBuilder::max_response_bytes).
    #[must_use]
    pub fn max_bytes(mut self, limit: u64) -> Download {
        self.limit = limit;
        self
    }

    /// The next chunk of the file, `None` at its end.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] as soon as the file is known to pass the limit (at once, when its
    /// `Content-Length` says so); [`Error::Storage`] if the connection fails.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        let declared = self.content_length();
        if declared.is_some_and(|length| length > self.limit) {
            return Err(self.too_large(0, declared));
        }
        let chunk = self.response.chunk().await.map_err(|e| transport_error(Method::GET, &self.url, e))?;
        if let Some(chunk) = &chunk {
            self.read += chunk.len() as u64;
            if self.read > self.limit {
                return Err(self.too_large(self.read, declared));
            }
        }
        Ok(chunk)
    }

    /// The whole file, in memory.
    ///
    /// # Errors
    ///
    /// As [`Download::chunk`].
    pub async fn bytes(mut self) -> Result<Bytes, Error> {
        let mut all = Vec::with_capacity(self.content_length().unwrap_or(0).min(self.limit).min(4 << 20) as usize);
        while let Some(chunk) = self.chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(all.into())
    }

    /// Writes the file to `writer` as it arrives, chunk by chunk, and flushes it; returns how
    /// many bytes were written.
    ///
    /// # Errors
    ///
    /// The writer's error, or the download's ([`Download::chunk`]) as an
    /// [`std::io::Error`] that holds the [`Error`] (`error.into_inner()` and
    /// `downcast::<Error>()` give it back).
    pub async fn write_to<W: AsyncWrite + Unpin + ?Sized>(mut self, writer: &mut W) -> std::io::Result<u64> {
        let mut written = 0;
        while let Some(chunk) = self.chunk().await.map_err(std::io::Error::other)? {
            writer.write_all(&chunk).await?;
            written += chunk.len() as u64;
        }
        writer.flush().await?;
        Ok(written)
    }

    fn too_large(&self, read: u64, declared: Option<u64>) -> Error {
        let (method, path, status, limit) = (self.method.clone(), self.path, self.status(), self.limit);
        Error::TooLarge { method, path, status, limit, read, declared }
    }
}

/// Sends `call`, whose answer redirects to the file, and starts downloading the file from there.
#[allow(dead_code, reason = "used only by specs with a download by redirect")]
pub(crate) async fn from_redirect<T>(call: Call<'_, T>) -> Result<Download, Error> {
    let (client, (method, path)) = (call.client(), call.describe());
    let target = call.redirect_target().await?;
    fetch(client, target, method, path).await
}

/// Sends `call`, whose answer says where the file is (`url` picks the URL from it), and starts
/// downloading the file from there.
#[allow(dead_code, reason = "used only by specs with a download by URL")]
pub(crate) async fn from_answer<'c, T, U>(call: Call<'c, T>, url: U) -> Result<Download, Error>
where
    T: DeserializeOwned + Send + 'c,
    U: FnOnce(&T) -> Option<&str>,
{
    let (client, (method, path)) = (call.client(), call.describe());
    let answer = call.await?;
    let Some(text) = url(&answer) else {
        return Err(storage_error(Some(Method::GET), None, "the server's answer has no download URL"));
    };
    let target = storage_url(text)?;
    fetch(client, target, method, path).await
}

/// GETs the file at `url` from the storage, without any header of the client's; a redirect is
/// not followed.
async fn fetch(client: &Client, url: url::Url, method: Method, path: &'static str) -> Result<Download, Error> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(storage_error(Some(Method::GET), None, "the server's storage URL is not an http(s) URL"));
    }
    let request = client.inner.http.get(url.clone()).header(USER_AGENT, crate::client::USER_AGENT_VALUE);
    let response = request.send().await.map_err(|e| transport_error(Method::GET, &url, e))?;
    tracing::debug!(storage = %shown(&url), status = response.status().as_u16(), "download");
    if response.url() != &url {
        let message = "the HTTP client followed a redirect; build it with `redirect(Policy::none())`";
        return Err(storage_error(Some(Method::GET), Some(&url), message));
    }
    if !response.status().is_success() {
        return Err(refusal(Method::GET, &url, response).await);
    }
    let limit = client.inner.max_response_bytes;
    Ok(Download { response, url, method, path, limit, read: 0 })
}

/// The file name of a `Content-Disposition` value: RFC 6266's `filename*` (UTF-8,
/// percent-encoded) first, else `filename`.
fn file_name(disposition: &str) -> Option<String> {
    let parameters = disposition.split(';').map(str::trim).filter_map(|p| p.split_once('='));
    let mut plain = None;
    for (name, value) in parameters {
        match name.trim().to_ascii_lowercase().as_str() {
            "filename*" => {
                let (charset, rest) = value.split_once('\'')?;
                let (_, encoded) = rest.split_once('\'')?;
                if charset.eq_ignore_ascii_case("utf-8") {
                    return percent_encoding::percent_decode_str(encoded).decode_utf8().ok().map(|n| n.into_owned());
                }
            }
            "filename" => plain = Some(value.trim().trim_matches('"').to_string()),
            _ => {}
        }
    }
    plain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_file_name_of_a_content_disposition() {
        assert_eq!(
            file_name("attachment; filename*=UTF-8''na%C3%AFve%20notes.txt").as_deref(),
            Some("naïve notes.txt")
        );
        assert_eq!(file_name("inline; filename=\"a.png\"").as_deref(), Some("a.png"));
        assert_eq!(file_name("attachment; filename=\"a.png\"; filename*=UTF-8''b.png").as_deref(), Some("b.png"));
        assert_eq!(file_name("attachment"), None);
    }
}
