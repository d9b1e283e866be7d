// swift-tools-version: 6.2
import PackageDescription

/// Our own targets: Swift 6 language mode, every warning an error, and the upcoming features
/// that let the build keep the rules: `any` spelled out, imports internal unless declared
/// `public import`, and members visible only from modules a file imports itself.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "KlingPrep",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "klingprep", targets: ["klingprep"]),
        // The shared values (PixelSize, Route, Finding, …) the other libraries' API is made of.
        .library(name: "KlingCheck", targets: ["KlingCheck"]),
        .library(name: "KlingImage", targets: ["KlingImage"]),
        .library(name: "KlingBrush", targets: ["KlingBrush"]),
        .library(name: "KlingRequest", targets: ["KlingRequest"]),
        .library(name: "KlingPreview", targets: ["KlingPreview"]),
        .library(name: "KlingBatch", targets: ["KlingBatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Test support only: the fake service.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // System libraries, found through pkg-config.
        .systemLibrary(
            name: "CLibPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        .systemLibrary(
            name: "CLibJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg-dev"]), .brew(["jpeg-turbo"])]
        ),
        // The one C room: every libpng/libjpeg call and every setjmp.
        .target(
            name: "CImageShims",
            dependencies: ["CLibPNG", "CLibJPEG"],
            // No unsafe flags anywhere: in a version dependency older SwiftPM refuses them and
            // 6.3.1 drops them. The C code's warnings are errors in CI instead
            // (scripts/check-c-warnings.sh); scripts/build-example.sh keeps the manifest clean.
            // zlib (libpng's own dependency) for the chunk CRC check.
            linkerSettings: [.linkedLibrary("z")]
        ),
        .target(name: "KlingCheck", swiftSettings: strict),
        .target(name: "KlingImage", dependencies: ["CImageShims", "KlingCheck"], swiftSettings: strict),
        // Masks and trajectories from descriptions; pure Swift.
        .target(
            name: "KlingBrush",
            dependencies: ["KlingCheck", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strict
        ),
        .target(
            name: "KlingRequest",
            dependencies: ["KlingCheck", "KlingImage", "KlingBrush", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // The picture of the plan: reduced decodes and overlay drawing.
        .target(
            name: "KlingPreview", dependencies: ["KlingRequest", "KlingBrush", "KlingImage", "KlingCheck"],
            swiftSettings: strict),
        // The thin HTTP client: create, follow, download; retries, journal.
        .target(
            name: "KlingSubmit",
            dependencies: [
                "KlingCheck",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Many jobs at once: judged on all cores, submitted under one pace, sharded, resumable.
        .target(
            name: "KlingBatch",
            dependencies: [
                "KlingCheck", "KlingRequest", "KlingSubmit", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "klingprep",
            dependencies: [
                "KlingImage", "KlingBrush", "KlingCheck", "KlingRequest", "KlingPreview", "KlingSubmit", "KlingBatch",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "BenchmarkSupport",
            dependencies: ["KlingImage"],
            path: "Benchmarks/BenchmarkSupport",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "BuildBenchmark",
            dependencies: [
                "BenchmarkSupport", "KlingRequest", "KlingPreview", .product(name: "Yams", package: "Yams"),
            ],
            path: "Benchmarks/BuildBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ImageBenchmark",
            dependencies: ["KlingImage", "BenchmarkSupport"],
            path: "Benchmarks/ImageBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "RequestBenchmark",
            dependencies: ["KlingRequest"],
            path: "Benchmarks/RequestBenchmark",
            swiftSettings: strict
        ),
        // The inputs of scripts/bench-inspect.sh: N photo-like images, or N job files.
        .executableTarget(
            name: "InspectCorpus",
            dependencies: ["KlingImage", "KlingCheck", "BenchmarkSupport", "TestSupport"],
            path: "Benchmarks/InspectCorpus",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "BrushBenchmark",
            dependencies: ["KlingBrush", "KlingImage", "KlingPreview"],
            path: "Benchmarks/BrushBenchmark",
            swiftSettings: strict
        ),
        // A fake CometAPI on 127.0.0.1 for tests (Hummingbird); not shipped.
        .target(
            name: "KlingFakeService",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/KlingFakeService",
            swiftSettings: strict
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(
            name: "KlingImageTests", dependencies: ["KlingImage", "KlingCheck", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "KlingRequestTests",
            dependencies: [
                "KlingRequest", "KlingCheck", "KlingImage", "KlingBrush", "TestSupport",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(
            name: "KlingBrushTests", dependencies: ["KlingBrush", "KlingCheck", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "KlingPreviewTests",
            dependencies: ["KlingPreview", "KlingRequest", "KlingBrush", "KlingImage", "KlingCheck", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "KlingSubmitTests",
            dependencies: [
                "KlingSubmit", "KlingCheck", "KlingFakeService",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "KlingBatchTests",
            dependencies: [
                "KlingBatch", "KlingRequest", "KlingSubmit", "KlingCheck", "KlingImage", "KlingFakeService",
                "TestSupport",
            ],
            swiftSettings: strict),
        // The one CLI test target: it depends on `klingprep`, so the binary it runs is never stale.
        .testTarget(
            name: "CLITests",
            dependencies: [
                "klingprep", "KlingFakeService", "KlingCheck", "KlingImage", "TestSupport",
                // Reads .pre-commit-hooks.yaml.
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),
    ]
)

// libFuzzer targets (FUZZING.md, scripts/fuzz.sh): only with KLINGPREP_FUZZ=1, because they link
// only with `-sanitize=fuzzer`; a plain `swift build` / `swift test` never sees them.
if Context.environment["KLINGPREP_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzImageProbe", ["KlingImage"]),
        ("FuzzImageDecode", ["KlingImage"]),
        ("FuzzArea", ["KlingBrush", "KlingCheck"]),
        ("FuzzPath", ["KlingBrush", "KlingCheck"]),
        ("FuzzJobFile", ["KlingRequest", "KlingCheck"]),
        ("FuzzRawBody", ["KlingRequest", "KlingCheck"]),
        ("FuzzAnswer", ["KlingSubmit"]),
    ]
    package.targets += [
        // Its warnings are errors in scripts/check-c-warnings.sh, which scripts/fuzz.sh runs first.
        .target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"], path: "Fuzz/FuzzSupport", swiftSettings: strict),
    ]
    for target in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: target.name, dependencies: ["FuzzSupport"] + target.dependencies, path: "Fuzz/\(target.name)",
                swiftSettings: strict))
        package.products.append(.executable(name: target.name, targets: [target.name]))
    }
}
