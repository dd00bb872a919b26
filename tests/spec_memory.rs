//! Reading a spec file holds the spec, and little more: not the parser's events for the whole
//! file, which `serde_yaml` kept before building anything (about 25 bytes per byte of text,
//! most of a large spec's peak: issue 20). The heap is counted by this binary's own allocator,
//! which, unlike the process's resident memory, is the same on every run.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as the caller promised for `layout`.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` or `realloc` above, with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as the caller promised for `ptr`, `layout` and `new_size`.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            match new_size.checked_sub(layout.size()) {
                Some(more) => grew(more),
                None => {
                    LIVE.fetch_sub(layout.size() - new_size, Relaxed);
                }
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One type with tens of thousands of fields (the hostile bench's `many_keys_one_unknown_type`,
/// without the unknown type): the spec's tree is about 7 bytes per byte of this text.
#[test]
fn reading_a_large_spec_holds_the_spec_not_the_events() {
    let api = "api: { name: t, title: T, base_url: \"https://x.test\", auth: { bearer: true } }\n";
    let mut text = format!("{api}types:\n  T:\n    description: d\n    fields:\n");
    let mut fields = 0;
    while text.len() < 2 << 20 {
        text.push_str(&format!("      f{fields}: {{ type: string, description: d }}\n"));
        fields += 1;
    }
    let size = text.len();
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);

    let (loaded, diagnostics) = generator::spec::load_sources(vec![("spec/api.yaml".into(), text)]);

    let peak = PEAK.load(Relaxed) - before;
    assert_eq!(diagnostics.total(), 0);
    assert_eq!(loaded[0].spec.types["T"].fields.as_ref().map(|f| f.len()), Some(fields));
    let per_byte = peak as f64 / size as f64;
    println!("reading {size} bytes took at most {peak} bytes of heap: {per_byte:.1} per byte");
    assert!(per_byte < 12.0, "reading {size} bytes took at most {peak} bytes of heap: {per_byte:.1} per byte");
}
