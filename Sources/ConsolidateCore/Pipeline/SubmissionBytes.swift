import Foundation

/// Reads a submission's bytes without trusting what the folder scan saw.
///
/// Between the scan and the read a file may have been replaced by a FIFO (whose
/// opening blocks) or a link to a device (whose reading never ends). The file is
/// opened non-blocking, checked to be a regular file on the open descriptor, and read
/// up to a limit; the path is the file system's own bytes, so a name that is not
/// UTF-8 is reached too.
enum SubmissionBytes {
    enum Outcome {
        case bytes(Data)
        /// The file is over the limit: its size, nothing read.
        case tooLarge(Int)
        /// Why the bytes could not be had, in Chinese.
        case failed(String)

        var bytes: Data? { if case let .bytes(data) = self { return data } else { return nil } }
    }

    static func read(_ path: [UInt8], limit: Int) -> Outcome {
        let descriptor = InputScan.withCString(path) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard descriptor >= 0 else { return .failed("无法打开文件：\(InputScan.words(errno: errno))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failed("无法读取文件信息：\(InputScan.words(errno: errno))") }
        guard InputScan.kind(info) == S_IFREG else { return .failed("不是普通文件（可能是管道或设备），未读取")
        }
        guard Int(info.st_size) <= limit else { return .tooLarge(Int(info.st_size))  }
        let capacity = min(max(0, Int(info.st_size)), limit) + 1
        var data = Data(count: capacity)
        var total = 0
        let failed: Int32? = data.withUnsafeMutableBytes { raw -> Int32? in
            guard let base = raw.baseAddress else { return nil }
            while total < capacity {
                let count = Glibc.read(descriptor, base + total, capacity - total)
                if count == 0 { break }
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                total += count
            }
            return nil
        }
        if let failed { return .failed("读取文件出错：\(InputScan.words(errno: failed))") }
        // Grown past the limit while read: refused like a file that was that large.
        if total > limit { return .tooLarge(total) }
        data.count = total
        return .bytes(data)
    }
}
