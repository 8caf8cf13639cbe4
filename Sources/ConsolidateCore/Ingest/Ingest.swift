import Foundation

/// The Ingest stage: a submission's bytes into paragraphs as a person reading it sees them.
public enum Ingest {
    /// Reads the file at `url`. `displayPath` is the path named in the report and in errors.
    public static func read(_ url: URL, displayPath: String,
                            inputs: PipelineConfiguration.Inputs) throws(IngestError) -> RawDocument {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: displayPath, reason: error.localizedDescription)
        }
        return try read(bytes: bytes, displayPath: displayPath, inputs: inputs)
    }

    /// Reads a submission from its bytes; the format comes from the bytes, the name only confirms it.
    public static func read(bytes: Data, displayPath: String,
                            inputs: PipelineConfiguration.Inputs) throws(IngestError) -> RawDocument {
        guard bytes.count <= inputs.maxFileBytes else {
            throw .tooLarge(path: displayPath, bytes: bytes.count, limit: inputs.maxFileBytes)
        }
        let sha = Fingerprint.sha256(bytes)
        let decoded = try TextDecoding.decode(bytes, path: displayPath)
        let source = SourceInfo(path: displayPath, format: .txt, encoding: decoded.encoding, sha256: sha)
        return RawDocument(source: source, paragraphs: TextDecoding.paragraphs(decoded.text))
    }
}
