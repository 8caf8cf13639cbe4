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
    #endif

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
