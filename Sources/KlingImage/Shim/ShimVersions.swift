internal import CImageShims

extension Shim {
    /// The linked libjpeg-turbo's version number, e.g. 2001005 (`kp_libjpeg_turbo_version`);
    /// 0 when the library is not libjpeg-turbo.
    static var libjpegTurboVersion: Int { Int(kp_libjpeg_turbo_version()) }

    /// The linked libpng's version, e.g. "1.6.39" (`kp_libpng_version`).
    static var libpngVersion: String { String(cString: kp_libpng_version()) }
}
