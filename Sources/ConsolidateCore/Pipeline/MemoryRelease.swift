#if canImport(Glibc)
import Glibc
#endif

/// Gives the allocator's free pages back to the system between stages.
///
/// The per-file pass and the merge each free far more than they keep, spread over the heap
/// among what is kept (and over one arena per thread that made it). glibc keeps those pages
/// for reuse, so the process's resident memory stays at its highest mark though much of it is
/// free; a run over a province's reports would carry the per-file pass's garbage into the merge.
/// `malloc_trim` is glibc's own (no module maps `malloc.h`): looked up once by name.
enum MemoryRelease {
    #if canImport(Glibc)
    private typealias Trim = @convention(c) (Int) -> Int32
    private static let trim: Trim? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
    }()

    private typealias Option = @convention(c) (Int32, Int32) -> Int32
    /// glibc's `mallopt` and the two settings `fixThresholds` makes (their values in `malloc.h`).
    private static let option: Option? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "mallopt") else { return nil }
        return unsafeBitCast(symbol, to: Option.self)
    }()
    private static let trimThresholdOption: Int32 = -1
    private static let mapThresholdOption: Int32 = -3
    /// A sanitizer's runtime brings its own allocator and answers `mallopt` itself (AddressSanitizer's
    /// refuses every setting), so glibc's thresholds mean nothing there.
    private static let sanitized: Bool = {
        guard let handle = dlopen(nil, RTLD_NOW) else { return false }
        let names: [String] = ["__asan_init", "__tsan_init", "__msan_init"]
        return names.contains { dlsym(handle, $0) != nil }
    }()
    #endif

    /// Whether a sanitizer's allocator stands in for glibc's (a test build under ASan or TSan).
    static var underSanitizer: Bool {
        #if canImport(Glibc)
        return sanitized
        #else
        return false
        #endif
    }

    /// The size from which a block is mapped on its own, and handed back to the system as soon as
    /// it is freed, rather than cut from the heap.
    static let mapThreshold: Int32 = 128 << 10
    /// How much free room at the heap's top is kept rather than handed back.
    static let trimThreshold: Int32 = 256 << 10

    /// Fixes the allocator's two thresholds at `mapThreshold` and `trimThreshold`; true where they
    /// were set (glibc). Called once at the start of a run.
    ///
    /// glibc raises both whenever a mapped block is freed, to that block's size (up to 32 MB) and
    /// twice it. A run frees large lists early (a batch's readings, the merge's sorted copies), so
    /// afterwards every list of up to 32 MB would be cut from the heap, and its pages stay resident
    /// after it is freed wherever anything smaller made later lies above it. Fixed thresholds keep
    /// each large list in pages of its own, given back when it goes: at 100,000 units this took the
    /// run's peak from about 1.81 to 1.70 GB at the same speed.
    @discardableResult
    static func fixThresholds() -> Bool {
        #if canImport(Glibc)
        guard let option, !sanitized else { return false }
        return option(mapThresholdOption, mapThreshold) == 1 && option(trimThresholdOption, trimThreshold) == 1
        #else
        return false
        #endif
    }

    /// Whether the allocator's trim was found (glibc); elsewhere nothing is given back.
    static var available: Bool {
        #if canImport(Glibc)
        return trim != nil
        #else
        return false
        #endif
    }

    static func freePages() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
