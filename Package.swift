// swift-tools-version: 6.2
import PackageDescription

/// Our own targets: Swift 6 language mode, every warning an error.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "KlingPrep",
    products: [
        .executable(name: "klingprep", targets: ["klingprep"]),
        .library(name: "KlingImage", targets: ["KlingImage"]),
        .library(name: "KlingBrush", targets: ["KlingBrush"]),
        .library(name: "KlingRequest", targets: ["KlingRequest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
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
            cSettings: [.unsafeFlags(["-Wall", "-Werror"])]
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
        .executableTarget(
            name: "klingprep",
            dependencies: [
                "KlingImage", "KlingCheck",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ImageBenchmark",
            dependencies: ["KlingImage"],
            path: "Benchmarks/ImageBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "RequestBenchmark",
            dependencies: ["KlingRequest"],
            path: "Benchmarks/RequestBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "BrushBenchmark",
            dependencies: ["KlingBrush", "KlingImage"],
            path: "Benchmarks/BrushBenchmark",
            swiftSettings: strict
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(
            name: "KlingImageTests", dependencies: ["KlingImage", "KlingCheck", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "KlingRequestTests", dependencies: ["KlingRequest", "KlingCheck"], exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(
            name: "KlingBrushTests", dependencies: ["KlingBrush", "KlingCheck"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["KlingCheck", "TestSupport"], swiftSettings: strict),
    ]
)
