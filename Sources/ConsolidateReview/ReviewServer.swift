import ConsolidateCore
import Foundation
import Hummingbird

/// `consolidate review`: the review page of an output folder, served on 127.0.0.1 only.
///
/// Pages are rendered on the server from the merged consolidation with the stored decisions
/// applied, so search, filters and paging work at any size; every action posts a decision to
/// `/api/decisions`, which is written to `OUT/.consolidate/decisions.json` before the answer
/// goes back. Nothing is fetched from the network: CSS and JS are inline.
public struct ReviewServer: Sendable {
    public let output: URL
    public let configuration: PipelineConfiguration
    public let port: Int

    public init(output: URL, configuration: PipelineConfiguration, port: Int) {
        self.output = output
        self.configuration = configuration
        self.port = port
    }

    /// Serves until the process is interrupted; `ready` is called once the server listens.
    public func run(ready: @escaping @Sendable () -> Void = {}) async throws {
        let state = ReviewState(output: output, configuration: configuration)
        let pages = ReviewPages(configuration: configuration)
        let router = Router()
        router.get("/") { request, _ -> Response in
            let index = try await state.index()
            let query = Self.query(request.uri.query)
            return Self.html(pages.list(index, query: query))
        }
        router.get("/statement/{key}") { _, context -> Response in
            let index = try await state.index()
            guard let key = context.parameters.get("key"), let row = index.row(key) else {
                return Self.html(pages.notFound(), status: .notFound)
            }
            let decisions = try await state.decisions().filter { decision in
                decision.statements.contains { $0.key == key } || decision.toGroup?.key == key
            }
            return Self.html(pages.detail(row, index: index, decisions: decisions))
        }
        router.get("/api/statements") { request, _ -> Response in
            let index = try await state.index()
            let query = Self.query(request.uri.query)
            let rows = index.rows(matching: ReviewPages.filter(query))
            let page = ReviewPages.page(query, count: rows.count)
            let slice = Array(rows[page.range])
            return try Self.json(StatementPage(total: rows.count, page: page.number, pages: page.count, rows: slice))
        }
        router.get("/api/decisions") { _, _ -> Response in
            try Self.json(DecisionStore.File(decisions: try await state.decisions()))
        }
        router.post("/api/decisions") { request, _ -> Response in
            var request = request
            do {
                let buffer = try await request.collectBody(upTo: 1 << 20)
                let body = Data((buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes) ?? "").utf8)
                let decoded: DecisionRequest
                do {
                    decoded = try JSONDecoder().decode(DecisionRequest.self, from: body)
                } catch {
                    throw ReviewServerError.badRequest("\(error)")
                }
                let decision = try await state.record(decoded)
                return try Self.json(decision, status: .created)
            } catch let error as ReviewServerError {
                return try Self.json(["error": error.description], status: .badRequest)
            } catch {
                return try Self.json(["error": "\(error)"], status: .internalServerError)
            }
        }
        router.delete("/api/decisions/{id}") { _, context -> Response in
            let removed = try await state.remove(id: context.parameters.get("id") ?? "")
            return try Self.json(["removed": removed], status: removed ? .ok : .notFound)
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "consolidate-review"),
            onServerRunning: { _ in ready() })
        try await app.runService()
    }

    struct StatementPage: Codable {
        var total: Int
        var page: Int
        var pages: Int
        var rows: [ReviewIndex.Row]
    }

    /// The query string as name → value, `+` read as a space (what a GET form sends).
    static func query(_ query: String?) -> [String: String] {
        var result: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first else { continue }
            let raw = parts.count > 1 ? String(parts[1]) : ""
            let value = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw
            result[String(name).removingPercentEncoding ?? String(name)] = value
        }
        return result
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
