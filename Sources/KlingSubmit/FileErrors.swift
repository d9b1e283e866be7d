import Foundation

/// Short, key-free reasons for file-system errors.
enum FileErrors {
    static func reason(_ error: any Error) -> String {
        if let e = error as? CocoaError, let underlying = e.underlying {
            return reason(underlying)
        }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(ns.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if let e = error as? CocoaError {
            switch e.code {
            case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            default: break
            }
        }
        return ns.localizedDescription
    }
}

extension CocoaError {
    fileprivate var underlying: (any Error)? { userInfo[NSUnderlyingErrorKey] as? any Error }
}
