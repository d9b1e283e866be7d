public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a key file is readable by more than its owner. Secret volumes (Kubernetes secrets,
/// CI mounts) are often mounted group- or world-readable, so this is a warning, not a refusal.
public enum KeyFilePermissions {
    /// A sentence when `file` can be read by its group or by others (mode bits 0o044), naming the
    /// mode and the fix; `nil` otherwise, or when the file cannot be examined (reading it reports
    /// that).
    public static func warning(for file: URL) -> String? {
        var status = stat()
        guard stat(file.path, &status) == 0 else { return nil }
        let mode = UInt32(status.st_mode) & 0o777
        guard mode & 0o044 != 0 else { return nil }
        let who = mode & 0o004 != 0 ? "anyone on this machine" : "its group"
        return "warning: the key file \(file.path) can be read by \(who) (mode \(String(mode, radix: 8))); "
            + "`chmod 600 \(file.path)` keeps it to you."
    }
}
