import ConsolidateCore
import Foundation

// The fuzzing harness: one input through ingest → normalize → extract, as `consolidate run`
// reads a file (`PipelineRunner.readOne`, under the file time limit).
//
// Built with `swift build --sanitize=fuzzer -Xswiftc -DLIBFUZZER` (`make fuzz`), the program is
// a libFuzzer driver and takes libFuzzer's options. Built plainly (as `swift build` does), it
// replays the files given on the command line and prints what became of each, with its time
// (`swift run consolidate-fuzz .fuzz/artifacts/crash-…`). Tests/Fuzz/fuzz.sh writes the seeds.
//
// An input is read two ways, by its first bytes:
// - `FZDX` then parts: a .docx spelled as its parts, zipped here with right sizes and CRCs, so
//   that mutations reach the XML readers instead of stopping at the zip's checksum;
// - anything else: the file's bytes as they are, named .docx when they start like a zip, else .txt.
// A part is a name length (1 byte), the name, a length (3 bytes, little-endian) and the bytes;
// lengths past the end are cut, so every mutated input still means something.

/// The pipeline the harness reads with: the default one, no outside converters (a fuzzer must
/// not start LibreOffice thousands of times).
let configuration: PipelineConfiguration = {
    var configuration: PipelineConfiguration
    if let loaded = try? PipelineConfiguration.load(from: URL(fileURLWithPath: "Pipelines/default.yml")) {
        configuration = loaded
    } else {
        configuration = .default
    }
    configuration.inputs.converters.libreOffice = ""
    configuration.inputs.converters.pdfToText = ""
    // Smaller budgets: the same refusals at a fraction of the inflating, so that a mutated bomb
    // costs milliseconds and the fuzzer's time goes to the readers.
    configuration.inputs.maxEntryBytes = 8 << 20
    configuration.inputs.maxDocumentBytes = 16 << 20
    configuration.inputs.maxXMLElements = 400_000
    return configuration
}()
let reader = PipelineRunner.FileReader(configuration: configuration)
let structuredMagic = Array("FZDX".utf8)

/// The file an input stands for: its display name and bytes.
func file(from input: [UInt8]) -> (name: String, bytes: Data) {
    guard input.starts(with: structuredMagic) else {
        let isZip = input.count >= 2 && input[0] == 0x50 && input[1] == 0x4B
        return (isZip ? "单位汇报.docx" : "单位汇报.txt", Data(input))
    }
    var package = OOXMLPackage()
    var offset = structuredMagic.count
    var names = Set<String>()
    while offset < input.count {
        let nameLength = Int(input[offset])
        offset += 1
        let nameEnd = min(input.count, offset + nameLength)
        let name = String(decoding: input[offset..<nameEnd], as: UTF8.self)
        offset = nameEnd
        guard offset + 3 <= input.count else { break }
        let length = Int(input[offset]) | Int(input[offset + 1]) << 8 | Int(input[offset + 2]) << 16
        offset += 3
        let end = min(input.count, offset + length)
        // ZIPFoundation refuses a second entry of one name and an empty name; such a part is left out.
        if !name.isEmpty, names.insert(name).inserted {
            package.parts.append((name, Data(input[offset..<end])))
        }
        offset = end
    }
    return ("单位汇报.docx", (try? package.zipData()) ?? Data(input))
}

/// One input through the per-file stages. A report that is neither read nor quarantined with a
/// reason would be a silent drop: the harness stops on it as on a crash.
@discardableResult
func readOne(_ input: [UInt8]) -> UnitReport {
    let (name, bytes) = file(from: input)
    let report = reader.read(bytes: bytes, path: name)
    switch report.status {
    case .ok:
        break
    case .quarantined:
        if (report.error ?? "").isEmpty {
            FileHandle.standardError.write(Data("silent drop: a quarantined report without a reason\n".utf8))
            abort()
        }
    }
    return report
}

#if LIBFUZZER
/// libFuzzer's entry: its own `main` (linked whole by `-sanitize=fuzzer`) calls this for each input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    readOne(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
enum Harness {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: consolidate-fuzz FILE…  (replays each input; make fuzz builds the libFuzzer driver)\n".utf8))
            exit(64)
        }
        for path in arguments {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path)\tunreadable")
                continue
            }
            let start = Date()
            let report = readOne(Array(data))
            let seconds = Date().timeIntervalSince(start)
            print("\(path)\t\(report.status.rawValue)\t\(String(format: "%.3f", seconds))s\t\(report.error ?? "")")
        }
    }
}
#endif
