/// KlingPrep's version: the one place it is written.
///
/// `klingprep --version` prints it, `report.json` and every journal record carry it, and CI
/// tags its temporary clone with it to build `Examples/KlingPrepExample` against KlingPrep as a
/// version dependency (scripts/build-example.sh reads it from this file). Raise it with each
/// release.
public enum KlingPrepVersion {
    /// The version of this source tree, as `MAJOR.MINOR.PATCH`.
    public static let current = "0.15.0"
}
