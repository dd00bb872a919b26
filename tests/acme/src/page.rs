// Client runtime: the generator copies this file into every crate it writes; edit it in the generator's repository.
//! Cursor pagination: one page as a type, and every item of every page as a stream.
//! Hand-written runtime.

use std::future::Future;
use std::pin::Pin;

use futures_core::Stream;
use futures_util::{TryStreamExt, stream};
use serde::{Deserialize, Serialize};

use crate::Error;

/// One page of a list, in the cursor pagination envelope (`results`, `next_cursor`,
/// `next_page_results`, …) that the spec's `paginated: true` stands for.
///
/// Walk the pages by passing `next_cursor` as the next request's `cursor` while
/// `next_page_results` is true, or let the operation's `…_stream` method do it. Servers may
/// send a `next_cursor` even on the last page: `next_page_results` is what says whether more
/// follow. Every field but `results` is optional when decoding, so a proxy or an older server
/// that sends less still decodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page.
    pub results: Vec<T>,
    /// The cursor of the next page (`per_page:page:0`).
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// The cursor of the previous page.
    #[serde(default)]
    pub prev_cursor: Option<String>,
    /// Whether a next page holds items.
    #[serde(default)]
    pub next_page_results: bool,
    /// Whether a previous page holds items.
    #[serde(default)]
    pub prev_page_results: bool,
    /// Items on this page.
    #[serde(default)]
    pub count: Option<u64>,
    /// Items on all pages.
    #[serde(default)]
    pub total_count: Option<u64>,
    /// Items on all pages (the same as `total_count`).
    #[serde(default)]
    pub total_results: Option<u64>,
    /// Number of pages at this page size.
    #[serde(default)]
    pub total_pages: Option<u64>,
    /// The field the results are grouped by, if any.
    #[serde(default)]
    pub grouped_by: Option<String>,
    /// The field the groups are grouped by, if any.
    #[serde(default)]
    pub sub_grouped_by: Option<String>,
    /// Extra figures some lists add.
    #[serde(default)]
    pub extra_stats: Option<serde_json::Value>,
}

/// The items of every page of a list, as returned by the `…_stream` operations: a boxed
/// [`Stream`] (so it is `Unpin` and `Send`: call `.next()`, `.try_collect()`, or spawn it).
pub type ItemStream<'a, T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send + 'a>>;

/// Where the walk through the pages stands.
enum Walk {
    /// Fetch the page at this cursor (`None`: the first page).
    At(Option<String>),
    /// The last page has been yielded.
    Done,
}

/// Every item of every page: fetches the page at `start`, then follows `next_cursor` while
/// `next_page_results` is true and the cursor moves. An error is yielded once and ends the stream.
pub(crate) fn items<'a, T, F, Fut>(start: Option<String>, mut fetch: F) -> ItemStream<'a, T>
where
    T: Send + 'a,
    F: FnMut(Option<String>) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T>, Error>> + Send + 'a,
{
    let pages = stream::try_unfold(Walk::At(start), move |walk| {
        let cursor = match walk {
            Walk::At(cursor) => Some(cursor),
            Walk::Done => None,
        };
        let page = cursor.clone().map(&mut fetch);
        async move {
            let (Some(cursor), Some(page)) = (cursor, page) else { return Ok(None) };
            let page = page.await?;
            let next = match &page.next_cursor {
                // A cursor that does not move would fetch the same page forever.
                Some(next) if page.next_page_results && Some(next) != cursor.as_ref() && !next.is_empty() => {
                    Walk::At(Some(next.clone()))
                }
                _ => Walk::Done,
            };
            Ok(Some((page.results, next)))
        }
    });
    Box::pin(pages.map_ok(|results| stream::iter(results.into_iter().map(Ok))).try_flatten())
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;
    use std::sync::Mutex;

    fn page(items: &[u32], next: &str, more: bool) -> Page<u32> {
        serde_json::from_value(serde_json::json!({
            "results": items, "next_cursor": next, "next_page_results": more, "prev_cursor": "", "prev_page_results": false,
            "count": items.len(), "total_count": 5, "total_results": 5, "total_pages": 3, "grouped_by": null,
            "sub_grouped_by": null, "extra_stats": null
        }))
        .unwrap()
    }

    fn block_on<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(future)
    }

    #[test]
    fn follows_cursors_until_no_more_results() {
        let asked = Mutex::new(Vec::new());
        let all: Vec<u32> = block_on(
            items(None, |cursor: Option<String>| {
                asked.lock().unwrap().push(cursor.clone());
                let page = match cursor.as_deref() {
                    None => page(&[1, 2], "2:1:0", true),
                    Some("2:1:0") => page(&[3, 4], "2:2:0", true),
                    _ => page(&[5], "2:3:0", false),
                };
                async move { Ok(page) }
            })
            .try_collect(),
        )
        .unwrap();
        assert_eq!(all, [1, 2, 3, 4, 5]);
        assert_eq!(*asked.lock().unwrap(), [None, Some("2:1:0".into()), Some("2:2:0".into())]);
    }

    #[test]
    fn stops_when_the_cursor_does_not_move() {
        let calls = Mutex::new(0);
        let all: Vec<u32> = block_on(
            items(Some("2:1:0".into()), |_| {
                *calls.lock().unwrap() += 1;
                async { Ok(page(&[7], "2:1:0", true)) }
            })
            .try_collect(),
        )
        .unwrap();
        assert_eq!(all, [7]);
        assert_eq!(*calls.lock().unwrap(), 1);
    }

    #[test]
    fn an_error_ends_the_stream() {
        let results: Vec<Result<u32, Error>> =
            block_on(items(None, |_| async { Err::<Page<u32>, _>(Error::Config("boom".into())) }).collect());
        assert_eq!(results.len(), 1);
        assert!(results[0].is_err());
    }

    #[test]
    fn a_sparse_envelope_decodes() {
        let page: Page<u32> = serde_json::from_str(r#"{"results": [1]}"#).unwrap();
        assert_eq!(page.results, [1]);
        assert!(!page.next_page_results);
    }
}
