//! Zero heap allocation: `from_u16`, every accessor, and `Display` into an existing buffer.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write as _;
use std::hint::black_box;

use scf_codes::Code;

/// Counts the allocations of the current thread, so that the test harness's own threads do not
/// disturb the count.
struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn allocations_during(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn lookups_accessors_and_display_into_a_buffer_never_allocate() {
    let mut buffer = String::with_capacity(256);
    let count = allocations_during(|| {
        for number in 0..=u16::MAX {
            let code = black_box(Code::from_u16(black_box(number)));
            black_box((
                code.as_u16(),
                code.name(),
                code.message(),
                code.description(),
                code.solution(),
                code.category(),
                code.is_success(),
                code.is_retryable(),
                code.is_known(),
                code.triggers_repossession(),
                u16::from(code),
            ));
            buffer.clear();
            write!(buffer, "{code}").unwrap();
            black_box(&buffer);
            black_box(code.name().parse::<Code>().ok());
            black_box("not a code".parse::<Code>().err());
        }
    });
    assert_eq!(count, 0);
}

#[test]
fn the_counter_sees_an_allocation() {
    assert_eq!(allocations_during(|| drop(black_box(vec![1u8; 16]))), 1);
}
