/// What a run reports while it works, for a progress bar or log lines.
///
/// Per-file stages report each file as it is done, from whichever thread did it;
/// an observer must be safe to call concurrently and cheap.
public enum RunEvent: Sendable, Equatable {
    /// A stage begins. `total` is the number of files it works on (nil for the
    /// stages over the whole set); `reused` files were taken from the state store.
    case started(StageName, total: Int?, reused: Int)
    /// The per-file stages (ingest, normalize, extract) begin over `total` files, which go through
    /// them together, each file through all three in turn; `fileDone(.extract)` marks a file read,
    /// and each stage's `finished` comes when all files are, with its share of the time.
    case reading(total: Int, reused: Int)
    /// Nothing changed since the previous run, whose outputs are kept (`RunReuse`): no stage runs.
    case unchanged(files: Int)
    /// One file of a per-file stage is done.
    case fileDone(StageName)
    /// A stage ended after `milliseconds`.
    case finished(StageName, milliseconds: Int)
}
