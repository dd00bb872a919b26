//! Cursor pagination: one page as a type, and every item of every page as a stream.
//! Hand-written runtime.

use std::collections::HashSet;
use std::future::Future;
use std::hash::{BuildHasher, RandomState};
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
    At(Option<String>, Cursors),
    /// The last page's items have been yielded; its cursor was one an earlier page gave.
    Cycle(Error),
    /// The last page has been yielded.
    Done,
}

/// The cursors a stream has followed, remembered by a keyed hash (a server cannot choose
/// cursors that collide in it): eight bytes a page, however long the cursors.
#[derive(Default)]
struct Cursors {
    seen: HashSet<u64>,
    hasher: RandomState,
}

impl Cursors {
    /// Whether `cursor` is new, remembering it.
    fn first_time(&mut self, cursor: &str) -> bool {
        self.seen.insert(self.hasher.hash_one(cursor))
    }

    /// How many pages have been fetched.
    fn pages(&self) -> u64 {
        self.seen.len() as u64
    }
}

/// Every item of every page of the list at `path`: fetches the page at `start`, then follows
/// `next_cursor` while `next_page_results` is true. A cursor that an earlier page already gave
/// (a server whose cursors cycle) ends the stream with [`Error::Pagination`], after that page's
/// items, so that it cannot yield forever; an empty or unmoving one ends it quietly. An error is
/// yielded once and ends the stream.
#[allow(dead_code, reason = "used only by specs with a paginated list")]
pub(crate) fn items<'a, T, F, Fut>(path: &'static str, start: Option<String>, mut fetch: F) -> ItemStream<'a, T>
where
    T: Send + 'a,
    F: FnMut(Option<String>) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T>, Error>> + Send + 'a,
{
    let mut cursors = Cursors::default();
    cursors.first_time(start.as_deref().unwrap_or_default());
    let pages = stream::try_unfold(Walk::At(start, cursors), move |walk| {
        let fetched = match walk {
            Walk::At(cursor, cursors) => Ok(Some((fetch(cursor.clone()), cursor, cursors))),
            Walk::Cycle(error) => Err(error),
            Walk::Done => Ok(None),
        };
        async move {
            let Some((page, cursor, mut cursors)) = fetched? else { return Ok(None) };
            let page = page.await?;
            let next = match page.next_cursor {
                Some(next) if page.next_page_results && !next.is_empty() && Some(&next) != cursor.as_ref() => {
                    if cursors.first_time(&next) {
                        Walk::At(Some(next), cursors)
                    } else {
                        Walk::Cycle(cycle(path, cursors.pages(), next))
                    }
                }
                _ => Walk::Done,
            };
            Ok(Some((page.results, next)))
        }
    });
    Box::pin(pages.map_ok(|results| stream::iter(results.into_iter().map(Ok))).try_flatten())
}

/// The error of a stream whose server gave `cursor` again, after `pages` pages.
fn cycle(path: &'static str, pages: u64, mut cursor: String) -> Error {
    // The cursor comes from the server: keep the error short whatever it sent.
    if let Some((cut, _)) = cursor.char_indices().nth(100) {
        cursor.truncate(cut);
        cursor.push('…');
    }
    Error::Pagination { path, pages, cursor }
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
            items("/list/", None, |cursor: Option<String>| {
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
            items("/list/", Some("2:1:0".into()), |_| {
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
    fn cursors_that_cycle_end_the_stream_with_an_error() {
        let calls = Mutex::new(0);
        let results: Vec<Result<u32, Error>> = block_on(
            items("/list/", None, |cursor: Option<String>| {
                *calls.lock().unwrap() += 1;
                // Page 1 leads to page 2, page 2 to page 3, whose cursor leads back to page 2.
                let page = match cursor.as_deref() {
                    None => page(&[1, 2], "2:1:0", true),
                    Some("2:1:0") => page(&[3, 4], "2:2:0", true),
                    _ => page(&[5, 6], "2:1:0", true),
                };
                async move { Ok(page) }
            })
            .collect(),
        );
        let items: Vec<u32> = results.iter().filter_map(|r| r.as_ref().ok().copied()).collect();
        assert_eq!(items, [1, 2, 3, 4, 5, 6], "each page once");
        let error = results.last().unwrap().as_ref().unwrap_err();
        assert!(matches!(error, Error::Pagination { pages: 3, cursor, .. } if cursor == "2:1:0"), "{error:?}");
        assert_eq!(*calls.lock().unwrap(), 3);
    }

    #[test]
    fn an_error_ends_the_stream() {
        let results: Vec<Result<u32, Error>> =
            block_on(items("/list/", None, |_| async { Err::<Page<u32>, _>(Error::Config("boom".into())) }).collect());
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
