import Foundation

/// Writes a run's outputs whole or not at all.
///
/// Every file is first written into a fresh folder beside the output folder;
/// only when all are complete are they moved into place, each by a rename. A
/// run that fails before that leaves the previous outputs untouched.
public enum OutputWriter {
    public static func write(_ files: [(name: String, data: Data)], to folder: URL) throws {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw StageError(stage: .render, file: parent.path, message: "无法创建输出文件夹：\(error.localizedDescription)")
        }
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for file in files {
                try file.data.write(to: staging.appendingPathComponent(file.name))
            }
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files {
                let target = folder.appendingPathComponent(file.name)
                if rename(staging.appendingPathComponent(file.name).path, target.path) != 0 {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
                }
            }
            try manager.removeItem(at: staging)
        } catch {
            try? manager.removeItem(at: staging)
            if let error = error as? StageError { throw error }
            throw StageError(stage: .render, file: folder.path, message: "写入输出失败：\(error.localizedDescription)")
        }
    }
}
