// swift-tools-version: 6.2
import PackageDescription

// A package that uses KlingPrep's libraries as any other package would: by a URL and a version.
//
// KLINGPREP_PACKAGE_URL says where KlingPrep is (a git URL whose tags are versions:
// scripts/build-example.sh makes one, a tagged clone, and CI builds this package against it).
// Without it, the KlingPrep checkout this folder lives in is used by path, so that the example
// builds as it is in a checkout. See README.md.
let klingprep: Package.Dependency
let klingprepIdentity: String
if let url = Context.environment["KLINGPREP_PACKAGE_URL"], !url.isEmpty {
    // The oldest version this example needs; any later 0.x is taken.
    klingprep = .package(url: url, from: "0.15.0")
    klingprepIdentity = identity(ofLocation: url)
} else {
    klingprep = .package(path: "../..")
    klingprepIdentity = identity(ofLocation: Context.packageDirectory + "/../..")
}

let package = Package(
    name: "KlingPrepExample",
    platforms: [.macOS(.v15)],
    dependencies: [klingprep],
    targets: [
        .executableTarget(
            name: "KlingPrepExample",
            dependencies: [
                .product(name: "KlingCheck", package: klingprepIdentity),
                .product(name: "KlingImage", package: klingprepIdentity),
                .product(name: "KlingBrush", package: klingprepIdentity),
                .product(name: "KlingRequest", package: klingprepIdentity),
            ]
        )
    ]
)

/// SwiftPM names a dependency after the last part of its URL or path, without `.git`.
func identity(ofLocation location: String) -> String {
    var parts = location.split(separator: "/").map(String.init).filter { $0 != "." }
    // `a/b/../..` is `a`: drop each `..` with the part before it.
    var kept: [String] = []
    for part in parts {
        if part == "..", !kept.isEmpty { kept.removeLast() } else { kept.append(part) }
    }
    parts = kept
    let last = parts.last ?? location
    return last.hasSuffix(".git") ? String(last.dropLast(4)) : last
}
