// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "consolidate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "consolidate", targets: ["consolidate"]),
        .library(name: "ConsolidateCore", targets: ["ConsolidateCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "ConsolidateCore",
            dependencies: [
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The review server: its own target so ConsolidateCore never depends on NIO.
        .target(
            name: "ConsolidateReview",
            dependencies: [
                "ConsolidateCore",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "consolidate",
            dependencies: [
                "ConsolidateCore",
                "ConsolidateReview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The release build's allocator: jemalloc (Debian's libjemalloc-dev, which `make` installs)
            // serves the per-file stages' many small strings and lists on both cores faster than
            // glibc's arenas (`MemoryRelease` says how its pages are given back). Not in debug
            // builds, which the sanitizers instrument with allocators of their own.
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux], configuration: .release))]
        ),
        // The fuzzing harness (`make fuzz`): a libFuzzer driver when built with
        // `--sanitize=fuzzer -Xswiftc -DLIBFUZZER`, else a replayer of saved inputs.
        .executableTarget(
            name: "consolidate-fuzz",
            dependencies: ["ConsolidateCore"]
        ),
        .testTarget(
            name: "ConsolidateCoreTests",
            // GRDB to lay out a state store as an earlier build left it.
            dependencies: ["ConsolidateCore", .product(name: "GRDB", package: "GRDB.swift")],
            // Fixtures are read by path from the source tree, not bundled.
            exclude: ["Fixtures"]
        ),
    ]
)
