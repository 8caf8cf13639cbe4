/// Why a run did not write its outputs: each case names the path, says what to do in
/// Chinese, and has an exit code of its own, so a cron job can tell them apart.
public enum RunError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input folder does not exist.
    case inputMissing(path: String)
    /// `--input` names a file, not a folder.
    case inputNotFolder(path: String)
    case inputUnreadable(path: String, reason: String)
    /// Nothing in the input folder could be read: writing would replace good outputs with an empty report.
    case noReadableSubmission(path: String, files: Int, quarantined: Int, skipped: Int)
    /// `--out` is the input folder itself: the next run would read this run's outputs.
    case outputIsInput(path: String)
    /// `--out` names a file, not a folder.
    case outputNotFolder(path: String)
    /// The output folder exists but cannot be written.
    case outputUnwritable(path: String, reason: String)
    /// The output folder cannot be created, or its staging folder beside it cannot be.
    case parentUnwritable(path: String, parent: String, reason: String)
    /// The output folder named to `status` does not exist.
    case outputMissing(path: String)

    public var description: String {
        switch self {
        case let .inputMissing(path):
            return "\(path): error: 输入文件夹不存在：请检查路径，用 --input 指定报送材料所在的文件夹。"
        case let .inputNotFolder(path):
            return "\(path): error: 这是一个文件，不是文件夹：--input 应指定存放各单位报送材料的文件夹。"
        case let .inputUnreadable(path, reason):
            return "\(path): error: 输入文件夹无法读取（\(reason)）：请检查文件夹的访问权限。"
        case let .noReadableSubmission(path, files, quarantined, skipped):
            let found = files == 0 && skipped == 0 ? "文件夹是空的"
                : "找到\(files)份报送材料，其中\(quarantined)份无法读取，另有\(skipped)个文件或文件夹不是报送材料"
            return "\(path): error: 没有可以读取的报送材料（\(found)），未生成汇总，上次的输出保持不变："
                + "请确认 --input 指向本期报送材料所在的文件夹；确需生成空汇总时加 --allow-empty。"
        case let .outputIsInput(path):
            return "\(path): error: 输出文件夹与输入文件夹相同，下次运行会把本工具的输出当作报送材料读取：请用 --out 另指定一个文件夹。"
        case let .outputNotFolder(path):
            return "\(path): error: 这是一个文件，不是文件夹：--out 应指定输出文件夹（不存在时会自动创建）。"
        case let .outputUnwritable(path, reason):
            return "\(path): error: 输出文件夹无法写入（\(reason)）：请换一个有写权限的文件夹，或请管理员开放写权限。"
        case let .parentUnwritable(path, parent, reason):
            return "\(path): error: 无法在 \(parent) 中创建输出文件（\(reason)）：本工具需要在输出文件夹所在的文件夹中写入临时文件，"
                + "请换一个有写权限的位置，或请管理员开放写权限。"
        case let .outputMissing(path):
            return "\(path): error: 输出文件夹不存在：请检查路径，或先用 consolidate run --out \(path) 运行一次。"
        }
    }

    /// The process exit code (README's table).
    public var exitCode: Int32 {
        switch self {
        case .inputMissing, .inputNotFolder, .inputUnreadable, .outputMissing: return 5
        case .noReadableSubmission: return 6
        case .outputIsInput, .outputNotFolder, .outputUnwritable, .parentUnwritable: return 7
        }
    }
}
