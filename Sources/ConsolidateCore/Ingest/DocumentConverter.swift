import Foundation

/// Turns the formats the readers do not take into ones they do, with the office tools a
/// department's machine may have: LibreOffice for Word 97-2003 `.doc` and WPS `.wps`
/// (converted to .docx and read by the .docx reader), poppler's `pdftotext` for a PDF's
/// text layer.
///
/// Each conversion runs as its own process in a private temporary folder (LibreOffice with a
/// profile of its own, so conversions on several threads and the user's open office never
/// share one), under a time limit, and its output is held to the same size limit as any
/// submitted file. Where a tool is not installed the caller keeps its advice to re-save.
struct DocumentConverter: Sendable {
    let settings: PipelineConfiguration.Converters

    /// What a conversion gave: the bytes of the converted file and the tool that made them.
    struct Output: Sendable {
        var bytes: Data
        var tool: String
    }

    /// Why a conversion gave nothing.
    enum Failure: Error, Equatable {
        case toolMissing
        case timedOut(seconds: Int)
        case failed(status: Int32, message: String)
        case tooLarge(bytes: Int)
        case noOutput

        /// The reason in the words of a quarantine message.
        var reason: String {
            switch self {
            case .toolMissing: return "未安装转换工具"
            case let .timedOut(seconds): return "超过 \(seconds) 秒仍未完成"
            case let .failed(status, message):
                return message.isEmpty ? "退出码 \(status)" : "退出码 \(status)：\(message.prefix(120))"
            case let .tooLarge(bytes): return "转换结果有 \(bytes) 字节，超过文件大小上限"
            case .noOutput: return "无法打开该文件，文件可能已损坏"
            }
        }
    }

    /// A .doc or .wps as .docx bytes, through LibreOffice.
    func officeToDocx(_ bytes: Data, fileExtension: String, maxBytes: Int) throws(Failure) -> Output {
        guard let soffice = Self.executable(settings.libreOffice) else { throw .toolMissing }
        return try withScratchFolder { folder throws(Failure) -> Output in
            let input = folder.appendingPathComponent("submission." + fileExtension)
            let profile = folder.appendingPathComponent("profile", isDirectory: true)
            let out = folder.appendingPathComponent("out", isDirectory: true)
            do {
                try bytes.write(to: input)
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            } catch {
                throw .failed(status: -1, message: "无法写入临时文件")
            }
            try run(soffice, ["-env:UserInstallation=" + profile.absoluteString, "--headless", "--norestore",
                              "--convert-to", "docx:MS Word 2007 XML", "--outdir", out.path, input.path])
            let result = out.appendingPathComponent("submission.docx")
            return Output(bytes: try readResult(result, maxBytes: maxBytes), tool: "LibreOffice (soffice --convert-to docx)")
        }
    }

    /// A PDF's text layer, one line per line of the page and a form feed between pages, through pdftotext.
    func pdfText(_ bytes: Data, maxBytes: Int) throws(Failure) -> Output {
        guard let pdftotext = Self.executable(settings.pdfToText) else { throw .toolMissing }
        return try withScratchFolder { folder throws(Failure) -> Output in
            let input = folder.appendingPathComponent("submission.pdf")
            let output = folder.appendingPathComponent("submission.txt")
            do { try bytes.write(to: input) } catch { throw .failed(status: -1, message: "无法写入临时文件") }
            try run(pdftotext, ["-layout", "-enc", "UTF-8", "-eol", "unix", input.path, output.path])
            return Output(bytes: try readResult(output, maxBytes: maxBytes), tool: "poppler (pdftotext)")
        }
    }

    private func readResult(_ url: URL, maxBytes: Int) throws(Failure) -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        // LibreOffice exits 0 without writing anything for a file it cannot open.
        guard let size else { throw .noOutput }
        guard size <= maxBytes else { throw .tooLarge(bytes: size) }
        guard let data = try? Data(contentsOf: url) else { throw .failed(status: 0, message: "无法读取转换结果") }
        return data
    }

    private func withScratchFolder<T>(_ body: (URL) throws(Failure) -> T) throws(Failure) -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("consolidate-convert-" + UUID().uuidString, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .failed(status: -1, message: "无法创建临时文件夹")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    /// Runs a tool to its end or its time limit. The tool runs in a process group of its own, so
    /// that at the limit it is killed with everything it started (LibreOffice starts soffice.bin).
    private func run(_ executable: URL, _ arguments: [String]) throws(Failure) {
        // Messages go to a file: a pipe nobody reads while the tool runs could fill and stall it.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("consolidate-convert-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = FileManager.default.temporaryDirectory.path
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        guard posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp) == 0 else {
            throw .failed(status: -1, message: "无法启动 \(executable.lastPathComponent)")
        }
        let seconds = max(settings.timeoutSeconds, 1)
        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() >= deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw .timedOut(seconds: seconds)
            }
            usleep(20_000)
        }
        // What the tool started and left running (a stray soffice.bin) goes with it.
        kill(-pid, SIGKILL)
        let exited = (status & 0x7F) == 0
        let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        guard code == 0 else {
            let message = String(decoding: (try? Data(contentsOf: log))?.prefix(400) ?? Data(), as: UTF8.self)
            throw .failed(status: code, message: message.trimmingWhitespace())
        }
    }

    /// The tool's executable: a path as configured, or the first match on `PATH`; nil where
    /// conversion is switched off (an empty setting) or the tool is not installed.
    static func executable(_ name: String) -> URL? {
        guard !name.isEmpty else { return nil }
        let manager = FileManager.default
        if name.contains("/") { return manager.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = String(folder) + "/" + name
            if manager.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}
