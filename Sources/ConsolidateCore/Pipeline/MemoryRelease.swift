#if canImport(Glibc)
import Glibc
#endif

/// Gives the allocator's free pages back to the system between stages.
///
/// The per-file pass and the merge each free far more than they keep, spread over the heap
/// among what is kept (and over one arena per thread that made it). An allocator keeps those
/// pages for reuse, so the process's resident memory stays at its highest mark though much of
/// it is free; a run over a province's reports would carry the per-file pass's garbage into the
/// merge.
///
/// The release build links jemalloc (Package.swift): its thread caches and size classes make the
/// per-file stages' many small strings and lists cheaper than glibc's arenas do. A debug or
/// sanitizer build, or a binary built without it, has glibc's or the sanitizer's allocator. Each
/// allocator's own calls are looked up once by name (no module maps `malloc.h` or jemalloc's
/// header), so one build serves whichever allocator the process has.
enum MemoryRelease {
    /// Which allocator serves this process's `malloc`.
    enum Allocator: Equatable {
        /// jemalloc (the release build): free pages are purged from every arena through `mallctl`.
        case jemalloc
        /// glibc's own: `malloc_trim` gives pages back, `mallopt` fixes its thresholds.
        case glibc
        /// AddressSanitizer's or ThreadSanitizer's runtime, which answers for itself.
        case sanitizer
        /// None of those (not Linux): nothing is given back.
        case other
    }

    #if canImport(Glibc)
    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Option = @convention(c) (Int32, Int32) -> Int32
    private typealias Control = @convention(c) (UnsafePointer<CChar>?, UnsafeMutableRawPointer?,
                                                UnsafeMutablePointer<Int>?, UnsafeMutableRawPointer?, Int) -> Int32

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let found = dlsym(handle, name) else { return nil }
        return unsafeBitCast(found, to: type)
    }

    /// A sanitizer's runtime first (it brings its own allocator and refuses glibc's settings), then
    /// jemalloc by its control call, which glibc has not.
    static let allocator: Allocator = {
        let sanitizers = ["__asan_init", "__tsan_init", "__msan_init"]
        if sanitizers.contains(where: { symbol($0, as: UnsafeMutableRawPointer.self) != nil }) { return .sanitizer }
        if symbol("mallctl", as: Control.self) != nil { return .jemalloc }
        return symbol("malloc_trim", as: Trim.self) != nil ? .glibc : .other
    }()

    private static let trim: Trim? = symbol("malloc_trim", as: Trim.self)
    private static let option: Option? = symbol("mallopt", as: Option.self)
    private static let control: Control? = symbol("mallctl", as: Control.self)
    /// glibc's two `mallopt` settings `fixThresholds` makes (their values in `malloc.h`).
    private static let trimThresholdOption: Int32 = -1
    private static let mapThresholdOption: Int32 = -3
    /// jemalloc's name for "every arena" in `arena.<i>.purge` (`MALLCTL_ARENAS_ALL`, since 5.0).
    private static let purgeAllArenas = "arena.4096.purge"
    #else
    static let allocator: Allocator = .other
    #endif

    /// Whether a sanitizer's allocator stands in for the process's own (a test build under ASan or TSan).
    static var underSanitizer: Bool { allocator == .sanitizer }

    /// The size from which glibc maps a block on its own, and hands it back to the system as soon
    /// as it is freed, rather than cutting it from the heap.
    static let mapThreshold: Int32 = 128 << 10
    /// How much free room at glibc's heap top is kept rather than handed back.
    static let trimThreshold: Int32 = 256 << 10

    /// Fixes glibc's two thresholds at `mapThreshold` and `trimThreshold`; true where they were
    /// set (glibc only: jemalloc keeps large blocks in extents of their own already). Called once
    /// at the start of a run.
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
        guard allocator == .glibc, let option else { return false }
        return option(mapThresholdOption, mapThreshold) == 1 && option(trimThresholdOption, trimThreshold) == 1
        #else
        return false
        #endif
    }

    /// Gives the allocator's free pages back now; true where it was asked and agreed (jemalloc or
    /// glibc), false where there is nobody to ask (a sanitizer's allocator, not Linux).
    @discardableResult
    static func freePages() -> Bool {
        #if canImport(Glibc)
        switch allocator {
        case .jemalloc:
            guard let control else { return false }
            return purgeAllArenas.withCString { control($0, nil, nil, nil, 0) } == 0
        case .glibc:
            guard let trim else { return false }
            _ = trim(0)
            return true
        case .sanitizer, .other:
            return false
        }
        #else
        return false
        #endif
    }
}
